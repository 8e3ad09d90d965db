//! Front matter, recognised at the start of an article exactly as the site's generator
//! recognises it, and never treated as claim text. Text the gate reads but readers never see is
//! a forgery, so every form a generator hides is hidden here too (docs/formats.md lists them):
//!
//! - **Jekyll** (`YAML_FRONT_MATTER_REGEXP`, `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)`): a
//!   first line `---` with only white space after it, closed by a line `---` or `...` with only
//!   white space after it;
//! - **Eleventy, Docusaurus** (gray-matter 4): `---` at the very start, not followed by a fourth
//!   `-`; the rest of that line names the language (`---yaml`, `---js`); closed by the first line
//!   that *starts* with `---` (`----`, `--- words`), the rest of which is the page's first line;
//!   a block that never closes takes the whole file;
//! - **Hugo** (page lexer): after any blank lines and spaces, `---` or `+++` with anything after
//!   it on its line, closed by the first line (after `\n` or a lone `\r`) that starts with the
//!   same three characters, the rest of which is the page's first line; JSON from `{` to its
//!   matching `}` (braces in strings skipped); Org-mode `#+KEY:` lines;
//! - **Zola** (`^[[:space:]]*\+\+\+(\r?\n(?s).*?(?-s))\+\+\+[[:space:]]*(?:$|\r?\n…)`, and the
//!   same with `---`): after any white space, a line that is exactly `+++` (or `---`), closed by
//!   the first `+++` (`---`) followed by nothing but white space to the end of its line, even in
//!   the middle of a line;
//! - **Astro** (`(?:^\uFEFF?|^\s*\n)(?:---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)`): `---` or `+++`
//!   at the start or after blank lines, with anything after it on its line, closed by the first
//!   line starting with `---` or `+++` (hidden only when it is the opener's kind).
//!
//! A byte-order mark before the block is skipped (every generator drops it). A site whose
//! generator is not known takes what any of them would hide. Where the page would start in the
//! middle of a line (words after a closing `---`), where a block never closes and the generator
//! then hides the whole file or fails, or where the generators a syntax stands for read the
//! block differently, the block is still hidden (the gate never reads words readers may not
//! see) and [`FrontMatter::doubt`] says why the article is refused.
//!
//! `title`, `author` (or the first of `authors`) and `date` are read for reports and status.

use serde::Serialize;

mod dialects;

pub use dialects::Dialect;
use dialects::Reading;

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
    /// Hugo's Org-mode `#+KEY: value` lines.
    Org,
}

/// The front matter found at the start of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// Its syntax.
    pub kind: Kind,
    /// Byte length of the whole block including delimiters, to the end of its last line and
    /// that line's line break.
    pub len: usize,
    /// The text between the delimiters (the whole object for JSON, the lines for Org).
    pub body: String,
    /// Why the article cannot be read as its readers see it, if it cannot.
    pub doubt: Option<Doubt>,
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

/// Front matter the gate hides but cannot vouch for: where, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doubt {
    /// Byte offset in the source.
    pub at: usize,
    /// What is wrong.
    pub why: Why,
}

/// What is wrong with front matter the gate hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Words after the closing delimiter on its line: the generator shows them as the page's
    /// first line (`--- words`, `----`).
    AfterCloser,
    /// The block never closes: the generator hides the whole file, or fails.
    Unclosed,
    /// The generators the site may be built with end the block at different lines.
    Disagree,
}

/// Every dialect: what a site whose generator is not known may hide.
pub const ANY: &[Dialect] = &[
    Dialect::Jekyll,
    Dialect::GrayMatter,
    Dialect::HugoCore,
    Dialect::Zola,
    Dialect::Astro,
];

/// Finds front matter at the start of `source` as a site built with one of `dialects` does
/// (the site's [`crate::text::site::Syntax::front_matter_dialects`]).
pub fn find_as(source: &str, dialects: &[Dialect]) -> Option<FrontMatter> {
    combine(source, dialects)
}

/// Finds front matter of any kind at the start of `source`, as any generator would hide it.
pub fn find(source: &str) -> Option<FrontMatter> {
    combine(source, ANY)
}

/// The front matter `dialects` read in `source`: the block hidden to the furthest end any of
/// them reads, with a [`Doubt`] when they disagree, when the page would start in the middle of
/// a line, or when it never closes. On a site whose generator is not known ([`ANY`]) a block
/// that never closes is text, as a plain Markdown renderer shows it.
fn combine(source: &str, dialects: &[Dialect]) -> Option<FrontMatter> {
    let any = dialects == ANY;
    let readings: Vec<Reading> = dialects
        .iter()
        .filter_map(|d| d.read(source))
        .filter(|r| !(any && r.unclosed))
        .map(|r| Reading {
            end: settle(source, r.end),
            ..r
        })
        .collect();
    let widest = readings.iter().max_by_key(|r| (r.end, !r.unclosed))?;
    let earliest = readings.iter().map(|r| r.end).min().unwrap_or(widest.end);
    let mut doubt = None;
    if widest.unclosed {
        doubt = Some(Doubt {
            at: widest.start,
            why: Why::Unclosed,
        });
    } else if earliest != widest.end {
        doubt = Some(Doubt {
            at: line_start(source, earliest.saturating_sub(1)),
            why: Why::Disagree,
        });
    }
    let end = widest.end;
    let len = if end == source.len() || source[..end].ends_with('\n') {
        end
    } else {
        // Words after the closing delimiter: the page starts in the middle of this line.
        doubt.get_or_insert(Doubt {
            at: end,
            why: Why::AfterCloser,
        });
        memchr::memchr(b'\n', &source.as_bytes()[end..]).map_or(source.len(), |i| end + i + 1)
    };
    let body = source
        .get(widest.body.clone())
        .unwrap_or("")
        .trim_start_matches(['\n', '\r'])
        .trim_end_matches(['\n', '\r'])
        .to_string();
    Some(FrontMatter {
        kind: widest.kind,
        len,
        body,
        doubt,
    })
}

/// Where the page starts when it starts at `end`: the next line, when the rest of this one is
/// white space (a blank first line changes nothing readers see).
fn settle(s: &str, end: usize) -> usize {
    let end = end.min(s.len());
    if end == s.len() || s[..end].ends_with('\n') {
        return end;
    }
    let line_end = memchr::memchr(b'\n', &s.as_bytes()[end..]).map_or(s.len(), |i| end + i + 1);
    let rest = &s.as_bytes()[end..line_end];
    match rest
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C))
    {
        true => line_end,
        false => end,
    }
}

/// The offset of the start of the line holding byte `at`.
fn line_start(s: &str, at: usize) -> usize {
    s[..at.min(s.len())].rfind('\n').map_or(0, |i| i + 1)
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

/// The keys and values of front matter, `None` when it is not a mapping the gate can read
/// (YAML, TOML or JSON that does not parse, Eleventy's JavaScript front matter). Org-mode
/// lines are read as Hugo reads them: `#+KEY: value`, every value a string.
pub fn data(fm: &FrontMatter) -> Option<serde_json::Map<String, serde_json::Value>> {
    let value: Option<serde_json::Value> = match fm.kind {
        Kind::Yaml => crate::text::yaml::value(&fm.body),
        Kind::Toml => toml::from_str::<toml::Table>(&fm.body)
            .ok()
            .and_then(|t| serde_json::to_value(t).ok()),
        Kind::Json => serde_json::from_str(&fm.body).ok(),
        Kind::Org => Some(serde_json::Value::Object(
            fm.body
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("#+")?.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().into()))
                .collect(),
        )),
    };
    match value {
        Some(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// Reads title, author and date from front matter; an unreadable block yields nothing (it is
/// the site generator's business, not a fact-checking finding), and so do Org-mode lines.
pub fn meta(fm: &FrontMatter) -> Meta {
    let Some(map) = data(fm).filter(|_| fm.kind != Kind::Org) else {
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
    fn doubtful_front_matter_is_hidden_and_refused() {
        use Dialect::*;
        let why = |src: &str, d: &[Dialect]| find_as(src, d).and_then(|f| f.doubt).map(|d| d.why);
        // Hugo and gray-matter show what follows the closing `---` on its line.
        assert_eq!(why("---\na: 1\n----\nB\n", &[Hugo]), Some(Why::AfterCloser));
        assert_eq!(
            why("---\na: 1\n--- B\n", &[GrayMatter]),
            Some(Why::AfterCloser)
        );
        // Eleventy takes a block that never closes as the whole file.
        let fm = find_as("---\na: 1\nB\n", &[GrayMatter]).unwrap();
        assert_eq!((fm.len, fm.doubt.map(|d| d.why)), (11, Some(Why::Unclosed)));
        // Jekyll closes at `...`, gray-matter never does: MDX (Docusaurus or Astro) and an
        // unknown site disagree with Jekyll there.
        assert_eq!(why("---\na: 1\n...\nB\n---\nC\n", ANY), Some(Why::Disagree));
        assert_eq!(why("---\na: 1\n...\nB\n", &[Jekyll]), None);
        // An unknown site's front matter that never closes is text, as before.
        assert!(find_as("---\nnever closed\n", ANY).is_none());
        assert_eq!(why("---\na: 1\n---\nB\n", ANY), None);
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
