//! Each generator's rule for where front matter starts and ends, read from its own code (see
//! the module above and docs/formats.md).

use super::Kind;

/// A generator's rule for where front matter starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Jekyll's regular expression.
    Jekyll,
    /// gray-matter 4 (Eleventy, Docusaurus).
    GrayMatter,
    /// Hugo's page lexer, with its Org-mode front matter.
    Hugo,
    /// Hugo's page lexer without Org mode: `#+` opens nothing on a site not known to be Hugo.
    HugoCore,
    /// Zola's regular expressions.
    Zola,
    /// Astro's regular expression.
    Astro,
}

/// What one dialect reads at the start of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reading {
    pub(super) kind: Kind,
    /// Where its opening delimiter is.
    pub(super) start: usize,
    /// The text between the delimiters.
    pub(super) body: std::ops::Range<usize>,
    /// Where the page's own text starts.
    pub(super) end: usize,
    /// The block never closes (the rest of the file is front matter, or the build fails).
    pub(super) unclosed: bool,
}

impl Dialect {
    /// What this dialect reads at the start of `s`, if it reads front matter there.
    pub(super) fn read(self, s: &str) -> Option<Reading> {
        match self {
            Dialect::Jekyll => jekyll(s),
            Dialect::GrayMatter => gray_matter(s),
            Dialect::Hugo => hugo(s, true),
            Dialect::HugoCore => hugo(s, false),
            Dialect::Zola => zola(s),
            Dialect::Astro => astro(s),
        }
    }
}

/// The length of a leading byte-order mark.
fn bom(s: &str) -> usize {
    if s.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Ruby's `\s` (Jekyll).
fn ruby_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C)
}

/// JavaScript's `\s` (Astro).
fn js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Jekyll: `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)` (Ruby: `^` and `$` at every line).
fn jekyll(s: &str) -> Option<Reading> {
    let from = bom(s);
    if !s[from..].starts_with("---") {
        return None;
    }
    let nl = from + s[from..].find('\n')?;
    if !s.as_bytes()[from + 3..nl].iter().all(|&b| ruby_space(b)) {
        return None;
    }
    let mut at = nl + 1;
    while at < s.len() {
        let e = memchr::memchr(b'\n', &s.as_bytes()[at..]).map_or(s.len(), |i| at + i);
        let line = &s[at..e];
        let closes = (line.starts_with("---") || line.starts_with("..."))
            && line.as_bytes()[3..].iter().all(|&b| ruby_space(b));
        if closes {
            return Some(Reading {
                kind: Kind::Yaml,
                start: from,
                body: nl + 1..at,
                end: (e + 1).min(s.len()),
                unclosed: false,
            });
        }
        at = e + 1;
    }
    None
}

/// gray-matter 4 (`parseMatter`): `---` not followed by `-`, the language to the line break,
/// closed at the first `\n---`; then one `\r` and one `\n` are dropped.
fn gray_matter(s: &str) -> Option<Reading> {
    let from = bom(s);
    let rest = &s[from..];
    if !rest.starts_with("---") || rest[3..].starts_with('-') {
        return None;
    }
    let open = from + 3;
    let Some(nl) = s[open..].find('\n').map(|i| open + i) else {
        return Some(Reading {
            kind: Kind::Yaml,
            start: from,
            body: open..s.len(),
            end: s.len(),
            unclosed: true,
        });
    };
    let lang_end = if nl > open && s.as_bytes()[nl - 1] == b'\r' {
        nl - 1
    } else {
        nl
    };
    let kind = match s[open..lang_end].trim() {
        "toml" => Kind::Toml,
        "json" => Kind::Json,
        _ => Kind::Yaml,
    };
    match s[lang_end..].find("\n---").map(|i| lang_end + i) {
        Some(c) => {
            let mut end = c + 4;
            if s.as_bytes().get(end) == Some(&b'\r') {
                end += 1;
            }
            if s.as_bytes().get(end) == Some(&b'\n') {
                end += 1;
            }
            Some(Reading {
                kind,
                start: from,
                body: lang_end..c,
                end,
                unclosed: false,
            })
        }
        None => Some(Reading {
            kind,
            start: from,
            body: lang_end..s.len(),
            end: s.len(),
            unclosed: true,
        }),
    }
}

/// Hugo's `consumeCRLF`: an optional `\r`, then an optional `\n`; whether any was taken.
fn crlf(b: &[u8], at: &mut usize) -> bool {
    let mut took = false;
    for c in [b'\r', b'\n'] {
        if b.get(*at) == Some(&c) {
            *at += 1;
            took = true;
        }
    }
    took
}

/// Hugo's page lexer (`lexIntroSection`): spaces, tabs, line breaks and a byte-order mark are
/// skipped; then `+`, `-`, `{` or (with `org`) `#+` open front matter, and anything else is the
/// page. A malformed opener fails Hugo's build (nobody reads the page): no front matter then.
fn hugo(s: &str, org: bool) -> Option<Reading> {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        if s[i..].starts_with('\u{feff}') {
            i += 3;
            continue;
        }
        match b.get(i)? {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'+' => return hugo_delimited(s, i, "+++", Kind::Toml),
            b'-' => return hugo_delimited(s, i, "---", Kind::Yaml),
            b'{' => return Some(hugo_json(s, i)),
            b'#' if org && s[i..].starts_with("#+") => return Some(hugo_org(s, i)),
            _ => return None,
        }
    }
}

/// Hugo's `lexFrontMatterSection`: the delimiter, then up to the first line (after `\n` or
/// `\r`) starting with it; the page starts after those three characters and one line break.
fn hugo_delimited(s: &str, at: usize, delim: &str, kind: Kind) -> Option<Reading> {
    let b = s.as_bytes();
    if !s[at..].starts_with(delim) {
        return None;
    }
    let mut p = at + 3;
    let mut at_line_start = crlf(b, &mut p);
    let body_start = p;
    loop {
        if at_line_start && s[p..].starts_with(delim) {
            let mut end = p + 3;
            crlf(b, &mut end);
            return Some(Reading {
                kind,
                start: at,
                body: body_start..p,
                end,
                unclosed: false,
            });
        }
        let Some(&c) = b.get(p) else {
            return Some(Reading {
                kind,
                start: at,
                body: body_start..s.len(),
                end: s.len(),
                unclosed: true,
            });
        };
        p += 1;
        at_line_start = matches!(c, b'\r' | b'\n');
    }
}

/// Hugo's `lexFrontMatterJSON`: from `{` to the `}` that brings the depth back to zero (braces
/// inside double quotes do not count, a backslash skips the next character).
fn hugo_json(s: &str, at: usize) -> Reading {
    let b = s.as_bytes();
    let (mut level, mut quoted, mut p) = (0i64, false, at);
    while let Some(&c) = b.get(p) {
        p += 1;
        match c {
            b'{' if !quoted => level += 1,
            b'}' if !quoted => level -= 1,
            b'"' => quoted = !quoted,
            b'\\' => p += 1,
            _ => {}
        }
        if level == 0 {
            let body = at..p;
            crlf(b, &mut p);
            return Reading {
                kind: Kind::Json,
                start: at,
                body,
                end: p,
                unclosed: false,
            };
        }
    }
    Reading {
        kind: Kind::Json,
        start: at,
        body: at..s.len(),
        end: s.len(),
        unclosed: true,
    }
}

/// Hugo's `lexFrontMatterOrgMode`: the `#+` line and every line after it starting with `#+`.
fn hugo_org(s: &str, at: usize) -> Reading {
    let b = s.as_bytes();
    let mut p = at;
    loop {
        match memchr::memchr(b'\n', &b[p..]) {
            Some(i) => {
                p += i + 1;
                if !s[p..].starts_with("#+") {
                    break;
                }
            }
            None => {
                p = s.len();
                break;
            }
        }
    }
    Reading {
        kind: Kind::Org,
        start: at,
        body: at..p,
        end: p,
        unclosed: false,
    }
}

/// Zola's `TOML_RE` and `YAML_RE`: after any white space a line that is exactly the delimiter,
/// then the first delimiter followed by nothing but white space up to a line break (or the
/// end). No match fails Zola's build ("Couldn't find front matter").
fn zola(s: &str) -> Option<Reading> {
    let b = s.as_bytes();
    let mut i = bom(s);
    while b
        .get(i)
        .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
    {
        i += 1;
    }
    let (delim, kind) = if s[i..].starts_with("+++") {
        ("+++", Kind::Toml)
    } else if s[i..].starts_with("---") {
        ("---", Kind::Yaml)
    } else {
        return None;
    };
    let mut p = i + 3;
    if b.get(p) == Some(&b'\r') {
        p += 1;
    }
    if b.get(p) != Some(&b'\n') {
        return None;
    }
    let body_start = p;
    let mut from = p + 1;
    while let Some(q) = s[from..].find(delim).map(|k| from + k) {
        let mut after = q + 3;
        while b
            .get(after)
            .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\r' | 0x0B | 0x0C))
        {
            after += 1;
        }
        if after == s.len() || b[after] == b'\n' {
            return Some(Reading {
                kind,
                start: i,
                body: body_start..q,
                end: q + 3,
                unclosed: false,
            });
        }
        from = q + 1;
    }
    None
}

/// Astro's `frontmatterRE`: `---` or `+++` at the start (after a byte-order mark) or after
/// white space ending in a line break, up to the first line starting with `---` or `+++`.
/// Astro removes the block only when both delimiters are the same.
fn astro(s: &str) -> Option<Reading> {
    let first = s
        .char_indices()
        .find(|(_, c)| !js_space(*c))
        .map(|(i, _)| i)?;
    let at_start = s[..first].chars().all(|c| c == '\u{feff}') && s[..first].len() <= 3;
    if !(at_start || s[..first].ends_with('\n')) {
        return None;
    }
    let delim = &s[first..];
    let (open, kind) = if delim.starts_with("---") {
        ("---", Kind::Yaml)
    } else if delim.starts_with("+++") {
        ("+++", Kind::Toml)
    } else {
        return None;
    };
    let body_start = first + 3;
    let mut from = body_start;
    while let Some(n) = s[from..].find('\n').map(|k| from + k) {
        let next = &s[n + 1..];
        if next.starts_with("---") || next.starts_with("+++") {
            if !next.starts_with(open) {
                return None;
            }
            return Some(Reading {
                kind,
                start: first,
                body: body_start..n + 1,
                end: n + 4,
                unclosed: false,
            });
        }
        from = n + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where each generator's page starts (`None`: no front matter), as its own code reads
    /// these texts: Hugo 0.168.0's binary, gray-matter 4.0.3 and @11ty/gray-matter 1.0.0,
    /// @astrojs/markdown-remark 7.3.7's `parseFrontmatter`, Jekyll's regular expression in
    /// Python's `re` (same meaning), Zola's read off its source.
    #[test]
    fn each_generator_ends_front_matter_where_it_does() {
        use Dialect::*;
        let page =
            |d: Dialect, s: &'static str| d.read(s).map(|r| &s[super::super::settle(s, r.end)..]);
        for (src, dialect, want) in [
            ("--- \ntitle: x\n---\nB\n", Jekyll, Some("B\n")),
            ("---\ntitle: x\n... \nB\n", Jekyll, Some("B\n")),
            ("---\ntitle: x\n----\nB\n", Jekyll, None),
            ("\n---\ntitle: x\n---\nB\n", Jekyll, None),
            ("---yaml\ntitle: x\n---\nB\n", GrayMatter, Some("B\n")),
            ("----\ntitle: x\n---\nB\n", GrayMatter, None),
            ("---\ntitle: x\n----\nB\n", GrayMatter, Some("-\nB\n")),
            ("\n\n  ---\ntitle: x\n---\nB\n", Hugo, Some("B\n")),
            ("---\ntitle: x\r---\nB\n", Hugo, Some("B\n")),
            ("#+TITLE: x\n#+ more\nNot org\n", Hugo, Some("Not org\n")),
            ("#+TITLE: x\nB\n", HugoCore, None),
            ("- item\n", Hugo, None),
            (
                "{\"a\": {\n\"b\": 1\n}\n, \"c\": \"}\"}\nB\n",
                Hugo,
                Some("B\n"),
            ),
            ("  +++\ntitle = 'x' # +++\nB\n", Zola, Some("B\n")),
            ("+++ \ntitle = 'x'\n+++\nB\n", Zola, None),
            ("\n+++\ntitle = 'x'\n+++\nB\n", Astro, Some("B\n")),
            ("---\ntitle: x\n+++\nB\n", Astro, None),
        ] {
            assert_eq!(page(dialect, src), want, "{dialect:?} {src:?}");
        }
    }
}
