//! Front matter of every common static-site generator, recognised at the very start of an
//! article and never treated as claim text:
//!
//! - YAML between `---` lines (Jekyll, Hugo, Eleventy, Astro; `...` may close it);
//! - TOML between `+++` lines (Hugo, Zola);
//! - JSON: an object starting on the first line with `{` and closed by a line `}` (Hugo).
//!
//! `title`, `author` (or the first of `authors`) and `date` are read for reports and status.

use serde::Serialize;

/// Which syntax the front matter uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `---` … `---`
    Yaml,
    /// `+++` … `+++`
    Toml,
    /// `{` … `}`
    Json,
}

/// The front matter found at the start of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// Its syntax.
    pub kind: Kind,
    /// Byte length of the whole block including delimiters and its final newline.
    pub len: usize,
    /// The text between the delimiters (the whole object for JSON).
    pub body: String,
}

/// What reports show about an article, from its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// `title`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `author`, or the first of `authors`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// `date`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Finds front matter at the start of `source` of a kind the site `honours` (see
/// [`crate::text::site::Syntax::front_matter`]): a `+++` block on a Jekyll site is text its
/// readers see, so the gate must read it as text too.
pub fn find_for(source: &str, honours: impl Fn(Kind) -> bool) -> Option<FrontMatter> {
    find(source).filter(|fm| honours(fm.kind))
}

/// Finds front matter of any kind at the start of `source`.
pub fn find(source: &str) -> Option<FrontMatter> {
    let first = source.lines().next()?.trim_end_matches('\r');
    let (kind, closers): (Kind, &[&str]) = match first {
        "---" => (Kind::Yaml, &["---", "..."]),
        "+++" => (Kind::Toml, &["+++"]),
        l if l.trim_start().starts_with('{') => (Kind::Json, &["}"]),
        _ => return None,
    };
    let mut at = 0;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let end = at + line.len();
        let bare = line.trim_end_matches(['\n', '\r']);
        let closes = if kind == Kind::Json {
            bare.trim_end() == "}"
        } else {
            i > 0 && closers.contains(&bare)
        };
        if closes {
            let first_len = source.split_inclusive('\n').next().map_or(0, str::len);
            let body = match kind {
                Kind::Json => source[..at + bare.len()].to_string(),
                _ => source[first_len.min(at)..at]
                    .trim_end_matches(['\n', '\r'])
                    .to_string(),
            };
            return Some(FrontMatter {
                kind,
                len: end,
                body,
            });
        }
        at = end;
    }
    None
}

/// `source` with its front matter (if any) blanked out — every character but line breaks
/// replaced by a space — so the Markdown parser sees blank lines and byte offsets and line
/// numbers stay the same.
pub fn blank<'s>(source: &'s str, fm: Option<&FrontMatter>) -> std::borrow::Cow<'s, str> {
    match fm {
        None => std::borrow::Cow::Borrowed(source),
        Some(fm) => {
            let mut padded = String::with_capacity(source.len());
            for c in source[..fm.len].chars() {
                if c == '\n' {
                    padded.push('\n');
                } else {
                    // One space per byte, so byte offsets stay the same.
                    padded.extend(std::iter::repeat_n(' ', c.len_utf8()));
                }
            }
            padded.push_str(&source[fm.len..]);
            std::borrow::Cow::Owned(padded)
        }
    }
}

/// Reads title, author and date from front matter; an unreadable block yields nothing (it is
/// the site generator's business, not a fact-checking finding).
pub fn meta(fm: &FrontMatter) -> Meta {
    let value: Option<serde_json::Value> = match fm.kind {
        Kind::Yaml => crate::text::yaml::value(&fm.body),
        Kind::Toml => toml::from_str::<toml::Table>(&fm.body)
            .ok()
            .and_then(|t| serde_json::to_value(t).ok()),
        Kind::Json => serde_json::from_str(&fm.body).ok(),
    };
    let Some(serde_json::Value::Object(map)) = value else {
        return Meta::default();
    };
    let text = |v: &serde_json::Value| -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Array(a) => a.first().and_then(|x| x.as_str()).map(str::to_string),
            // TOML dates serialise as a one-field object holding the text.
            serde_json::Value::Object(o) if o.len() == 1 => o
                .values()
                .next()
                .and_then(|x| x.as_str())
                .map(str::to_string),
            _ => None,
        }
    };
    Meta {
        title: map.get("title").and_then(text).map(|t| link_words(&t)),
        author: map
            .get("author")
            .or_else(|| map.get("authors"))
            .and_then(text)
            .map(|a| link_words(&a)),
        date: map.get("date").and_then(text),
    }
}

/// `s` with each Markdown link `[words](target)` read as its words, as a page shows it: an
/// author written `[Daniel Dyla](https://github.com/dyladan)` is named Daniel Dyla in views,
/// reports and ClaimReview, not by the link's markup.
fn link_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        let Some((close, past)) = link else { break };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &after[past..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_all_three_kinds() {
        let yaml = find("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(
            (yaml.kind, yaml.body.as_str(), yaml.len),
            (Kind::Yaml, "title: A", 17)
        );
        let toml = find("+++\ntitle = \"A\"\n+++\n\nBody\n").unwrap();
        assert_eq!(
            (toml.kind, toml.body.as_str()),
            (Kind::Toml, "title = \"A\"")
        );
        let json = find("{\n  \"title\": \"A\"\n}\n\nBody\n").unwrap();
        assert_eq!(json.kind, Kind::Json);
        assert_eq!(meta(&json).title.as_deref(), Some("A"));
        assert!(find("# Title\n---\n").is_none());
        assert!(find("---\nnever closed\n").is_none());
    }

    #[test]
    fn names_written_as_links_are_read_as_their_words() {
        let fm = find(
            "---\nauthor: \"[Daniel Dyla](https://github.com/dyladan)\"\ntitle: A [b] c\n---\n",
        )
        .unwrap();
        let m = meta(&fm);
        assert_eq!(m.author.as_deref(), Some("Daniel Dyla"));
        assert_eq!(m.title.as_deref(), Some("A [b] c"));
        assert_eq!(link_words("[A](x) and [B](y)"), "A and B");
        assert_eq!(link_words("no ] link ( here"), "no ] link ( here");
    }

    #[test]
    fn blanking_keeps_offsets() {
        let src = "+++\ntitle = \"Café\"\n+++\nBody\n";
        let fm = find(src);
        let b = blank(src, fm.as_ref());
        assert_eq!(b.len(), src.len());
        assert_eq!(&b[b.len() - 5..], "Body\n");
        assert_eq!(b.matches('\n').count(), src.matches('\n').count());
    }
}
