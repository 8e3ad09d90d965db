//! MDX (Astro, Docusaurus): `import`/`export` blocks, `{expressions}` and JSX tags are opaque
//! (props may span lines and hold braces and strings); the text a component wraps is text;
//! `<script>` and `<style>` hide their content; `<img>`, `<Image>` and `<Picture>` show their
//! `alt` and `title`. Code spans and fenced code are MDX's literal text, so nothing in them is
//! masked.

use super::mask::{Masked, Masker, name_end, strings};

/// Masks the MDX syntax in `src`.
pub fn mask(src: &str) -> Masked {
    let mut m = Masker::new(src);
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
            b'`' => code_span_end(src, i),
            b'{' => match expression_end(src, i) {
                Some(end) => {
                    m.hide(i..end);
                    end
                }
                None => i + 1,
            },
            b'<' => jsx(&mut m, i).unwrap_or(i + 1),
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

/// The offset after the code span whose backtick run starts at `at`, or after the run when
/// nothing closes it.
fn code_span_end(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let n = b[at..].iter().take_while(|&&c| c == b'`').count();
    let mut i = at + n;
    while let Some(j) = memchr::memchr(b'`', &b[i..]).map(|j| i + j) {
        let run = b[j..].iter().take_while(|&&c| c == b'`').count();
        if run == n {
            return j + run;
        }
        i = j + run;
    }
    at + n
}

/// The offset after the `}` closing the expression opened at `at`, skipping strings,
/// template literals and nested braces; `None` when it never closes.
fn expression_end(src: &str, at: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = at;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(_) if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' | b'`' => quote = Some(c),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// The offset after the JSX tag opening at `at` (`<Name …>`, `</Name>`, `<>`), skipping
/// strings and braced props; `None` when `<` opens no tag (`a < b`, `<https://…>`).
fn tag_end(src: &str, at: usize) -> Option<usize> {
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
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'{' => i = expression_end(src, i)? - 1,
                b'>' => return Some(i + 1),
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// Masks the JSX tag at `at` (with the content of `<script>` and `<style>`); returns where
/// scanning goes on.
fn jsx(m: &mut Masker<'_>, at: usize) -> Option<usize> {
    let src = m.src;
    let end = tag_end(src, at)?;
    let name_start = at + 1;
    let name = src[name_start..name_end(src, name_start)].trim_end_matches('/');
    match name {
        "script" | "style" if !src[..end].ends_with("/>") => {
            let close = format!("</{name}");
            let stop = super::mask::find(src, end, &close)
                .and_then(|c| tag_end(src, c))
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
