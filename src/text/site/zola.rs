//! Zola shortcodes: `{{ name(args) }}` and `{% name(args) %}…{% end %}` (the body is text);
//! `{{/* name() */}}` is the escape that shows `{{ name() }}` literally. Nothing else is
//! template syntax in Zola content: `{{closure}}` in a Rust backtrace is text.

use super::mask::{Masked, Masker, find, name_end, skip_ws};

/// Masks the shortcodes in `src`.
pub fn mask(src: &str) -> Masked {
    let mut m = Masker::new(src);
    let bytes = src.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'{', &bytes[i..]).map(|j| i + j) {
        let close = match bytes.get(at + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                i = at + 1;
                continue;
            }
        };
        i = escaped(&mut m, at, close)
            .or_else(|| call(&mut m, at, close))
            .unwrap_or(at + 2);
    }
    m.finish()
}

/// A call `{{ name(…) }}` or `{% name(…) %}`, or `{% end %}`, at `at`: masked; returns its
/// end.
fn call(m: &mut Masker<'_>, at: usize, close: &str) -> Option<usize> {
    let src = m.src;
    let name_start = skip_ws(src, at + 2);
    let name_end = name_end(src, name_start);
    if name_end == name_start {
        return None;
    }
    let after = skip_ws(src, name_end);
    let end = if close == "%}" && &src[name_start..name_end] == "end" {
        after
    } else if src[after..].starts_with('(') {
        skip_ws(src, arguments_end(src, after)?)
    } else {
        return None;
    };
    if !src[end..].starts_with(close) {
        return None;
    }
    m.token(at..end + 2);
    Some(end + 2)
}

/// The offset after the `)` closing the argument list opened at `open`, skipping strings.
fn arguments_end(src: &str, open: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = open + 1;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'' | b'`') => quote = Some(b[i]),
            (None, b')') => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The escape `{{/* name() */}}`: masks `/*` and `*/` only. Returns where scanning goes on.
fn escaped(m: &mut Masker<'_>, at: usize, close: &str) -> Option<usize> {
    let src = m.src;
    let open = skip_ws(src, at + 2);
    if !src[open..].starts_with("/*") {
        return None;
    }
    let end_comment = find(src, open, "*/")?;
    let end = skip_ws(src, end_comment + 2);
    if !src[end..].starts_with(close) {
        return None;
    }
    m.token(open..open + 2);
    m.token(end_comment..end_comment + 2);
    Some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(src: &str) -> String {
        mask(src).text.replace(super::super::mask::MASK as char, "")
    }

    #[test]
    fn calls_are_masked_bodies_shown() {
        assert_eq!(shown("a {{ youtube(id=\"x)\") }} b"), "a  b");
        assert_eq!(
            shown("{% note(kind=\"a\") %}\nSeen.\n{% end %}"),
            "\nSeen.\n"
        );
        assert_eq!(
            shown("`{{closure}}` and {{ x }}"),
            "`{{closure}}` and {{ x }}"
        );
        assert_eq!(shown("`{{/* yt() */}}`"), "`{{ yt() }}`");
    }
}
