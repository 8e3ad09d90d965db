//! Zola shortcodes: `{{ name(args) }}` and `{% name(args) %}…{% end %}` (the body is text);
//! `{{/* name() */}}` is the escape that shows `{{ name() }}` literally. Nothing else is
//! template syntax in Zola content: `{{closure}}` in a Rust backtrace is text.

use super::mask::{Masked, Masker, name_end};
use super::scan::{NONE, Then, events, first_from, resolve, skip_ws};

/// Masks the shortcodes in `src`.
pub fn mask(src: &str) -> Masked {
    let mut m = Masker::new(src);
    let mut arguments = Arguments::default();
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
            .or_else(|| call(&mut m, &mut arguments, at, close))
            .unwrap_or(at + 2);
    }
    m.finish()
}

/// A call `{{ name(…) }}` or `{% name(…) %}`, or `{% end %}`, at `at`: masked; returns its
/// end.
fn call(m: &mut Masker<'_>, arguments: &mut Arguments, at: usize, close: &str) -> Option<usize> {
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
        arguments.end(m, after)?
    } else {
        return None;
    };
    if !src[end..].starts_with(close) {
        return None;
    }
    m.token(at..end + 2);
    Some(end + 2)
}

/// Where the argument list opened by each `(` ends: at the first `)` outside a string (`"`,
/// `'` or a backtick, without escapes), then past spaces. A scan meets the text's parentheses
/// and quotes one after another; each is resolved once, for every opener (see `scan.rs`).
#[derive(Default)]
struct Arguments {
    /// The positions of `)` and quotes, and for each, where a scan that meets it outside a
    /// string ends (past the spaces after the `)`), or [`NONE`].
    events: Option<(Vec<u32>, Vec<u32>)>,
}

impl Arguments {
    /// The offset after the `)` closing the argument list opened at `open`, and after the
    /// spaces that follow it.
    fn end(&mut self, m: &mut Masker<'_>, open: usize) -> Option<usize> {
        let src = m.src;
        let (events, ends) = self.events.get_or_insert_with(|| {
            let b = src.as_bytes();
            let events = events(src, b")\"'`", &mut m.scan.steps);
            // The next event holding the same quote, for each quote event.
            let mut next_same = vec![NONE; events.len()];
            let mut last = [NONE; 3];
            for (k, &p) in events.iter().enumerate().rev() {
                if let Some(q) = b"\"'`".iter().position(|&q| q == b[p as usize]) {
                    next_same[k] = last[q];
                    last[q] = k as u32;
                }
            }
            let mut steps = 0;
            let ends = resolve(events.len(), &mut steps, |k, _| {
                let p = events[k] as usize;
                if b[p] == b')' {
                    Then::Give(m.scan.skip_ws(p + 1) as u32)
                } else {
                    match next_same[k] {
                        NONE => Then::Fail,
                        close => Then::Continue(close as usize + 1),
                    }
                }
            });
            m.scan.steps += steps;
            (events, ends)
        });
        m.scan.steps += 1;
        match ends.get(first_from(events, open + 1)) {
            Some(&end) if end != NONE => Some(end as usize),
            _ => None,
        }
    }
}

/// The escape `{{/* name() */}}`: masks `/*` and `*/` only. Returns where scanning goes on.
fn escaped(m: &mut Masker<'_>, at: usize, close: &str) -> Option<usize> {
    let src = m.src;
    let open = skip_ws(src, at + 2);
    if !src[open..].starts_with("/*") {
        return None;
    }
    let end_comment = m.scan.find(open, "*/")?;
    let end = m.scan.skip_ws(end_comment + 2);
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
