//! MDX (Astro, Docusaurus): `import`/`export` blocks, `{expressions}` and JSX tags are opaque
//! (props may span lines and hold braces and strings); the text a component wraps is text;
//! `<script>` and `<style>` hide their content; `<img>`, `<Image>` and `<Picture>` show their
//! `alt` and `title`; `<meta httpEquiv>` and `<base>`, which send readers elsewhere, are
//! refused. Code spans and fenced code are MDX's literal text, so nothing in them is masked.

use std::collections::HashMap;

use super::mask::{Masked, Masker, name_end, strings};
use super::scan::{NONE, Scan, Then, events, first_from, resolve};

/// Masks the MDX syntax in `src`.
pub fn mask(src: &str) -> Masked {
    let mut m = Masker::new(src);
    let mut ix = Index::default();
    let b = src.as_bytes();
    let mut i = 0;
    let mut line_start = true;
    let mut previous_blank = true;
    while i < b.len() {
        if line_start {
            line_start = false;
            let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |j| i + j);
            let blank = src[i..line_end].trim().is_empty();
            if let Some(end) = fence(src, i) {
                i = end;
                line_start = true;
                previous_blank = false;
                continue;
            }
            if previous_blank
                && (src[i..].starts_with("import ") || src[i..].starts_with("export "))
            {
                let end = esm_end(src, i);
                m.hide(i..end);
                i = end;
                line_start = true;
                continue;
            }
            previous_blank = blank;
        }
        i = match b[i] {
            b'\n' => {
                line_start = true;
                i + 1
            }
            b'`' => ix.code_span_end(&mut m.scan, src, i),
            b'{' => match ix.expression_end(&mut m.scan, src, i) {
                Some(end) => {
                    m.hide(i..end);
                    end
                }
                None => i + 1,
            },
            b'<' => jsx(&mut m, &mut ix, i).unwrap_or(i + 1),
            _ => i + 1,
        };
    }
    m.finish()
}

/// A fenced code block starting on the line at `at`: the offset after its closing fence line
/// (or the end of the text).
fn fence(src: &str, at: usize) -> Option<usize> {
    let line = &src[at..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let c = rest.bytes().next().filter(|c| matches!(c, b'`' | b'~'))?;
    let n = rest.bytes().take_while(|&x| x == c).count();
    if indent > 3 || n < 3 {
        return None;
    }
    let mut i = at + src[at..].find('\n').map_or(src.len() - at, |j| j + 1);
    while i < src.len() {
        let end = src[i..].find('\n').map_or(src.len(), |j| i + j + 1);
        let l = src[i..end].trim();
        if l.len() >= n && l.bytes().all(|x| x == c) {
            return Some(end);
        }
        i = end;
    }
    Some(src.len())
}

/// The end of an ESM block (`import`/`export`) starting at `at`: the next blank line.
fn esm_end(src: &str, at: usize) -> usize {
    let mut i = at;
    while i < src.len() {
        let end = src[i..].find('\n').map_or(src.len(), |j| i + j + 1);
        if src[i..end].trim().is_empty() {
            return i;
        }
        i = end;
    }
    src.len()
}

/// Where the scans of MDX end, each resolved once for every opener (see `scan.rs`): code
/// spans, expressions and tags.
#[derive(Default)]
struct Index {
    /// The runs of backticks, by length: where each starts.
    runs: Option<HashMap<usize, Vec<u32>>>,
    /// The braces and quotes, and for each where a scan that meets it outside a string at
    /// depth one ends: the index of the `}` that closes the depth (see [`Index::expression_end`]).
    braces: Option<(Vec<u32>, Vec<u32>)>,
    /// The quotes, `{` and `>`, and for each where a scan of tag props that meets it outside a
    /// string ends (see [`Index::tag_end`]).
    props: Option<(Vec<u32>, Vec<u32>)>,
}

impl Index {
    /// The offset after the code span whose backtick run starts at `at`, or after the run when
    /// nothing closes it: the next run of the same length.
    fn code_span_end(&mut self, scan: &mut Scan<'_>, src: &str, at: usize) -> usize {
        let b = src.as_bytes();
        let n = b[at..].iter().take_while(|&&c| c == b'`').count();
        let runs = self.runs.get_or_insert_with(|| {
            scan.steps += src.len() as u64;
            let mut runs: HashMap<usize, Vec<u32>> = HashMap::new();
            let mut i = 0;
            while let Some(j) = memchr::memchr(b'`', &b[i..]).map(|j| i + j) {
                let run = b[j..].iter().take_while(|&&c| c == b'`').count();
                runs.entry(run).or_default().push(j as u32);
                i = j + run;
            }
            runs
        });
        scan.steps += 1 + n as u64;
        let same = runs.get(&n).map_or(&[][..], Vec::as_slice);
        match same.get(first_from(same, at + n)) {
            Some(&j) => j as usize + n,
            None => at + n,
        }
    }

    /// The offset after the `}` closing the expression opened at `at`, skipping strings (a
    /// backslash escapes the next byte in them), template literals and nested braces; `None`
    /// when it never closes.
    fn expression_end(&mut self, scan: &mut Scan<'_>, src: &str, at: usize) -> Option<usize> {
        let (events, ends) = self
            .braces
            .get_or_insert_with(|| braces(src, &mut scan.steps));
        scan.steps += 1;
        // `at` is an event (a `{`): the scan inside it starts at the next one.
        let k = first_from(events, at) + 1;
        match ends.get(k) {
            Some(&close) if close != NONE => Some(events[close as usize] as usize + 1),
            _ => None,
        }
    }

    /// The offset after the JSX tag opening at `at` (`<Name …>`, `</Name>`, `<>`), skipping
    /// strings and braced props; `None` when `<` opens no tag (`a < b`, `<https://…>`).
    fn tag_end(&mut self, scan: &mut Scan<'_>, src: &str, at: usize) -> Option<usize> {
        let b = src.as_bytes();
        let mut i = at + 1;
        if b.get(i) == Some(&b'/') {
            i += 1;
        }
        match b.get(i) {
            Some(b'>') => return Some(i + 1),
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => return None,
        }
        if src[i..name_end(src, i)].contains("://") {
            return None;
        }
        if self.props.is_none() {
            let events = events(src, b"\"'{>", &mut scan.steps);
            let mut next_same = vec![NONE; events.len()];
            let mut last = [NONE; 2];
            for (k, &p) in events.iter().enumerate().rev() {
                if let Some(q) = b"\"'".iter().position(|&q| q == b[p as usize]) {
                    next_same[k] = last[q];
                    last[q] = k as u32;
                }
            }
            // Where each `{` closes, before the props are resolved (it reads `self.braces`).
            let closes: Vec<Option<usize>> = events
                .iter()
                .map(|&p| match b[p as usize] {
                    b'{' => self.expression_end(scan, src, p as usize),
                    _ => None,
                })
                .collect();
            let mut steps = 0;
            let ends = resolve(events.len(), &mut steps, |k, _| {
                let p = events[k] as usize;
                match b[p] {
                    b'>' => Then::Give(p as u32 + 1),
                    b'{' => match closes[k] {
                        Some(end) => Then::Continue(first_from(&events, end)),
                        None => Then::Fail,
                    },
                    _ => match next_same[k] {
                        NONE => Then::Fail,
                        close => Then::Continue(close as usize + 1),
                    },
                }
            });
            scan.steps += steps;
            self.props = Some((events, ends));
        }
        let (events, ends) = self.props.as_ref()?;
        scan.steps += 1;
        match ends.get(first_from(events, i)) {
            Some(&end) if end != NONE => Some(end as usize),
            _ => None,
        }
    }
}

/// The braces and quotes of `src`, and for each, where a scan of an expression that meets it
/// outside a string at depth one ends: the index of the `}` closing that depth, or [`NONE`].
/// Resolved from the last back: a `}` closes; a `{` continues after the `}` that closes it
/// (its own scan, one event on); a quote continues after the quote that closes it, the next
/// one of the same kind not escaped by an odd run of backslashes.
fn braces(src: &str, steps: &mut u64) -> (Vec<u32>, Vec<u32>) {
    let b = src.as_bytes();
    let events = events(src, b"{}\"'`", steps);
    let mut next_close = vec![NONE; events.len()];
    let mut last = [NONE; 3];
    for (k, &p) in events.iter().enumerate().rev() {
        let p = p as usize;
        let Some(q) = b"\"'`".iter().position(|&q| q == b[p]) else {
            continue;
        };
        next_close[k] = last[q];
        // A quote closes a string unless an odd run of backslashes precedes it.
        let backslashes = b[..p].iter().rev().take_while(|&&c| c == b'\\').count();
        *steps += backslashes as u64;
        if backslashes % 2 == 0 {
            last[q] = k as u32;
        }
    }
    let ends = resolve(events.len(), steps, |k, done| match b[events[k] as usize] {
        b'}' => Then::Give(k as u32),
        b'{' => match done.get(k + 1) {
            Some(&close) if close != NONE => Then::Continue(close as usize + 1),
            _ => Then::Fail,
        },
        _ => match next_close[k] {
            NONE => Then::Fail,
            close => Then::Continue(close as usize + 1),
        },
    });
    (events, ends)
}

/// Masks the JSX tag at `at` (with the content of `<script>` and `<style>`); returns where
/// scanning goes on.
fn jsx(m: &mut Masker<'_>, ix: &mut Index, at: usize) -> Option<usize> {
    let src = m.src;
    let end = ix.tag_end(&mut m.scan, src, at)?;
    let name_start = at + 1;
    let name = src[name_start..name_end(src, name_start)].trim_end_matches('/');
    // React writes these out as the HTML elements they name: a refresh to another page, a
    // base for every link of the page (see `article::unseen`).
    let tag = src[at..end].to_ascii_lowercase();
    if (name == "meta" && (tag.contains("http-equiv") || tag.contains("httpequiv")))
        || name == "base"
    {
        m.refuse(at, super::mask::Refusal::Redirect);
    }
    match name {
        "script" | "style" if !src[..end].ends_with("/>") => {
            let close = if name == "script" {
                "</script"
            } else {
                "</style"
            };
            let stop = m
                .scan
                .find(end, close)
                .and_then(|c| ix.tag_end(&mut m.scan, src, c))
                .unwrap_or(src.len());
            m.hide(at..stop);
            Some(stop)
        }
        "img" | "Image" | "Picture" => {
            let shown = strings(src, at..end)
                .into_iter()
                .filter(|(k, _)| matches!(*k, "alt" | "title"))
                .map(|(_, r)| r)
                .collect();
            m.caption(at..end, shown);
            Some(end)
        }
        _ => {
            m.hide(at..end);
            Some(end)
        }
    }
}

/// The offset of the first line of MDX `markdown`, outside fenced code, that starts an
/// `export default` (the layout component of the page).
pub fn default_export(markdown: &str) -> Option<usize> {
    let mut at = 0;
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let bare = line.trim_start_matches(' ');
        let opener = ["```", "~~~"].into_iter().find(|f| bare.starts_with(f));
        match (fence, opener) {
            (None, Some(f)) if line.len() - bare.len() <= 3 => fence = Some(f),
            (Some(f), Some(g)) if f == g => fence = None,
            (None, _) => {
                let rest = line
                    .strip_prefix("export")
                    .filter(|r| r.starts_with([' ', '\t']));
                if rest.is_some_and(|r| r.trim_start().starts_with("default")) {
                    return Some(at);
                }
            }
            _ => {}
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(src: &str) -> String {
        mask(src).text.replace(super::super::mask::MASK as char, "")
    }

    #[test]
    fn esm_expressions_and_components_are_masked() {
        let src = "import A from 'a';\nexport const b = {\n  c: 1,\n};\n\n<A x={{y: '}'}}\n  z=\"q\"\n/>\nText {b.c} here <Note>seen</Note>.\n";
        assert_eq!(shown(src), "\n\n\n\n\n\n\n\nText  here seen.\n");
    }

    #[test]
    fn code_is_literal() {
        let src = "`{x}` and\n\n```js\nimport x from 'y';\n<A/>\n```\n";
        assert_eq!(shown(src), src);
    }

    #[test]
    fn images_show_alt_and_scripts_hide() {
        let src = "<Image src={pic} alt=\"A crab\" />\n<script>alert('not')</script>";
        let m = mask(src);
        assert_eq!(&src[m.captions[0].text.clone()], "A crab");
        assert_eq!(shown(src), "\n");
    }
}
