//! Hugo shortcodes, which Hugo expands anywhere in an article (code blocks too): `{{< … >}}`
//! and `{{% … %}}` are opaque; a paired shortcode's inner text is text (the usual shortcode
//! shows it), except `comment` (hidden) and `highlight` (code); `{{/* … */}}` is a comment;
//! `{{</* x */>}}` is the escape that shows `{{< x >}}` literally; `figure` shows its `alt`,
//! `title` and `caption`. Go template syntax (`{{ .x }}`) is not expanded in content, so it is
//! text.

use std::collections::HashMap;

use super::mask::{Masked, Masker, name_end, strings};
use super::scan::{NONE, Scan, Then, first_from, resolve, skip_ws};

/// A shortcode tag: its extent, its name, whether it closes a pair, and its arguments.
struct Tag<'s> {
    start: usize,
    end: usize,
    name: &'s str,
    closing: bool,
    args: std::ops::Range<usize>,
}

/// The shortcode tag opening at `at` (`{{<` or `{{%`), if it closes.
fn tag<'s>(scan: &mut Scan<'s>, src: &'s str, at: usize) -> Option<Tag<'s>> {
    let close = match src.as_bytes()[at + 2] {
        b'<' => ">}}",
        _ => "%}}",
    };
    let mut i = skip_ws(src, at + 3);
    let closing = src.as_bytes().get(i) == Some(&b'/');
    if closing {
        i = skip_ws(src, i + 1);
    }
    let name_end = name_end(src, i);
    let end = scan.find(name_end, close)?;
    Some(Tag {
        start: at,
        end: end + 3,
        name: &src[i..name_end],
        closing,
        args: name_end..end,
    })
}

/// Where the walk from each `{{` (from shortcode to shortcode) first meets the tag closing a
/// pair of a given name, resolved once per name for every `{{` (see `scan.rs`).
#[derive(Default)]
struct Chains {
    by_name: HashMap<&'static str, Vec<u32>>,
}

impl Chains {
    /// The tag closing the pair `name` from `from`.
    fn closing_tag<'s>(
        &mut self,
        scan: &mut Scan<'s>,
        src: &'s str,
        from: usize,
        name: &'static str,
    ) -> Option<Tag<'s>> {
        if !self.by_name.contains_key(name) {
            let opens = scan.occurrences("{{").to_vec();
            let mut steps = 0;
            let chain = resolve(opens.len(), &mut steps, |k, _| {
                let at = opens[k] as usize;
                if matches!(src.as_bytes().get(at + 2), Some(b'<' | b'%'))
                    && let Some(t) = tag(scan, src, at)
                {
                    if t.closing && t.name == name {
                        return Then::Give(k as u32);
                    }
                    return Then::Continue(first_from(&opens, t.end));
                }
                Then::Continue(first_from(&opens, at + 2))
            });
            scan.steps += steps;
            self.by_name.insert(name, chain);
        }
        let k = scan.index(from, "{{");
        let hit = *self.by_name[name].get(k)?;
        if hit == NONE {
            return None;
        }
        let at = scan.occurrences("{{")[hit as usize] as usize;
        tag(scan, src, at)
    }
}

/// Masks the shortcodes in `src`.
pub fn mask(src: &str) -> Masked {
    let mut m = Masker::new(src);
    let mut chains = Chains::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    while let Some(at) = m.scan.find(i, "{{") {
        i = match bytes.get(at + 2) {
            Some(b'<' | b'%') => shortcode(&mut m, &mut chains, at),
            Some(b'/') if bytes.get(at + 3) == Some(&b'*') => match m.scan.find(at, "*/}}") {
                Some(end) => {
                    m.hide(at..end + 4);
                    end + 4
                }
                None => at + 2,
            },
            _ => at + 2,
        };
    }
    m.finish()
}

/// Masks the shortcode opening at `at`; returns where scanning goes on.
fn shortcode(m: &mut Masker<'_>, chains: &mut Chains, at: usize) -> usize {
    let src = m.src;
    if let Some(end) = escaped(m, at) {
        return end;
    }
    let Some(t) = tag(&mut m.scan, src, at) else {
        return at + 3;
    };
    match t.name {
        "comment" | "highlight" if !t.closing && !self_closing(src, &t) => {
            let name = if t.name == "comment" {
                "comment"
            } else {
                "highlight"
            };
            match chains.closing_tag(&mut m.scan, src, t.end, name) {
                Some(end) => {
                    m.hide(t.start..end.end);
                    return end.end;
                }
                None if t.name == "comment" => m.unclosed(t.start, "{{< comment >}}"),
                None => {}
            }
            m.token(t.start..t.end);
        }
        "figure" => {
            let shown = strings(src, t.args.clone())
                .into_iter()
                .filter(|(k, _)| matches!(*k, "alt" | "title" | "caption"))
                .map(|(_, r)| r)
                .collect();
            m.caption(t.start..t.end, shown);
        }
        _ => m.token(t.start..t.end),
    }
    t.end
}

/// Whether tag `t` closes itself (`{{< x />}}`).
fn self_closing(src: &str, t: &Tag<'_>) -> bool {
    src[t.args.clone()].trim_end().ends_with('/')
}

/// The escape `{{</* x */>}}`: masks only `/*` and `*/`, so readers' `{{< x >}}` stays.
/// Returns where scanning goes on, or `None` when the tag at `at` is no escape.
fn escaped(m: &mut Masker<'_>, at: usize) -> Option<usize> {
    let src = m.src;
    let open = skip_ws(src, at + 3);
    if !src[open..].starts_with("/*") {
        return None;
    }
    let close = m.scan.find(open, "*/")?;
    let closer = match src.as_bytes()[at + 2] {
        b'<' => ">}}",
        _ => "%}}",
    };
    let end = m.scan.skip_ws(close + 2);
    if !src[end..].starts_with(closer) {
        return None;
    }
    m.token(open..open + 2);
    m.token(close..close + 2);
    Some(end + 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(src: &str) -> String {
        mask(src).text.replace(super::super::mask::MASK as char, "")
    }

    #[test]
    fn shortcodes_are_opaque_paired_text_shows() {
        assert_eq!(shown("a {{< youtube x >}} b"), "a  b");
        assert_eq!(
            shown("{{% note %}}Read *this*.{{% /note %}}"),
            "Read *this*."
        );
        assert_eq!(shown("x {{< br />}} y"), "x  y");
        assert_eq!(shown("Go {{ .Title }} stays"), "Go {{ .Title }} stays");
    }

    #[test]
    fn comments_hide_and_escapes_show() {
        assert_eq!(shown("a {{< comment >}}not{{< /comment >}} b"), "a  b");
        assert_eq!(shown("a {{/* not */}} b"), "a  b");
        assert_eq!(shown("`{{</* figure */>}}`"), "`{{<   figure >}}`");
        assert_eq!(shown("`{{%/* x */%}}`"), "`{{% x %}}`");
        let m = mask("a {{< comment >}} b");
        assert_eq!(m.unclosed.map(|u| u.0), Some(2));
    }

    #[test]
    fn figures_show_alt_title_and_caption() {
        let src = r#"{{< figure src="a.png" alt="An owl" caption="Owls hunt at night." >}}"#;
        let m = mask(src);
        let got: Vec<&str> = m.captions.iter().map(|c| &src[c.text.clone()]).collect();
        assert_eq!(got, vec!["An owl", "Owls hunt at night."]);
    }
}
