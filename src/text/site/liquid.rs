//! Liquid, as Jekyll and Eleventy expand it in Markdown before the Markdown is rendered:
//! `{{ … }}` outputs and `{% … %}` tags (with `-` whitespace control) are opaque; the text
//! between a block tag's opening and closing tags (`{% if %}…{% endif %}`) is text, except
//! `{% comment %}` (hidden) and `{% highlight %}` (code); `{% raw %}` shows its content
//! literally; an Eleventy `{% image "src" "alt" %}` shows its alt text.

use std::collections::HashMap;

use super::mask::{Masked, Masker, name_end, strings};
use super::scan::{NONE, Scan, Then, resolve, skip_ws};

/// A `{% name args %}` tag: its extent, name and arguments.
struct Tag<'s> {
    start: usize,
    end: usize,
    name: &'s str,
    args: std::ops::Range<usize>,
}

/// The tag opening at `at` (`{%`), if it closes.
fn tag<'s>(scan: &mut Scan<'s>, src: &'s str, at: usize) -> Option<Tag<'s>> {
    let mut i = at + 2;
    if src.as_bytes().get(i) == Some(&b'-') {
        i += 1;
    }
    let name_start = skip_ws(src, i);
    let name_end = name_end(src, name_start);
    let close = scan.find(name_end, "%}")?;
    Some(Tag {
        start: at,
        end: close + 2,
        name: &src[name_start..name_end],
        args: name_end..close,
    })
}

/// Where the chain of tags that starts at each `{%` first meets a tag of a given name: a
/// search for `{% endraw %}` walks from tag to tag (the end of one to the next `{%`), so all the
/// searches are answered by resolving each `{%` once, per name.
#[derive(Default)]
struct Chains {
    by_name: HashMap<&'static str, Vec<u32>>,
}

impl Chains {
    /// The first tag named `name` from `from`, walking from tag to tag.
    fn next_tag<'s>(
        &mut self,
        scan: &mut Scan<'s>,
        src: &'s str,
        from: usize,
        name: &'static str,
    ) -> Option<Tag<'s>> {
        if !self.by_name.contains_key(name) {
            let opens = scan.occurrences("{%").to_vec();
            let mut steps = 0;
            let chain = resolve(opens.len(), &mut steps, |k, _| {
                match tag(scan, src, opens[k] as usize) {
                    Some(t) if t.name == name => Then::Give(k as u32),
                    Some(t) => Then::Continue(super::scan::first_from(&opens, t.end)),
                    None => Then::Fail,
                }
            });
            scan.steps += steps;
            self.by_name.insert(name, chain);
        }
        let k = scan.index(from, "{%");
        let hit = *self.by_name[name].get(k)?;
        if hit == NONE {
            return None;
        }
        let at = scan.occurrences("{%")[hit as usize] as usize;
        tag(scan, src, at)
    }
}

/// Masks the Liquid in `src`.
pub fn mask(src: &str) -> Masked {
    let mut m = Masker::new(src);
    let mut chains = Chains::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'{', &bytes[i..]).map(|j| i + j) {
        i = match bytes.get(at + 1) {
            Some(b'{') => match m.scan.find(at + 2, "}}") {
                Some(close) => {
                    m.token(at..close + 2);
                    close + 2
                }
                None => at + 2,
            },
            Some(b'%') => match tag(&mut m.scan, src, at) {
                Some(t) => block(&mut m, &mut chains, t),
                None => at + 2,
            },
            _ => at + 1,
        };
    }
    m.finish()
}

/// Masks tag `t` (and, for a block that hides or shows its content literally, up to its
/// closing tag); returns where scanning goes on.
fn block(m: &mut Masker<'_>, chains: &mut Chains, t: Tag<'_>) -> usize {
    let src = m.src;
    let end_name = match t.name {
        "comment" => "endcomment",
        "highlight" => "endhighlight",
        _ => "endraw",
    };
    match t.name {
        "comment" | "highlight" => match chains.next_tag(&mut m.scan, src, t.end, end_name) {
            Some(end) => {
                m.hide(t.start..end.end);
                end.end
            }
            None => {
                if t.name == "comment" {
                    m.unclosed(t.start, "{% comment %}");
                }
                m.token(t.start..t.end);
                t.end
            }
        },
        "raw" => {
            m.token(t.start..t.end);
            match chains.next_tag(&mut m.scan, src, t.end, end_name) {
                Some(end) => {
                    m.token(end.start..end.end);
                    end.end
                }
                None => t.end,
            }
        }
        "image" => {
            let alt = strings(src, t.args).into_iter().nth(1).map(|(_, r)| r);
            m.caption(t.start..t.end, alt.into_iter().collect());
            t.end
        }
        _ => {
            m.token(t.start..t.end);
            t.end
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
    fn outputs_and_tags_are_masked_in_place() {
        let src = "A {{- x -}} b {%- if y -%}c{% endif %}.";
        let m = mask(src);
        assert_eq!(m.text.len(), src.len());
        assert_eq!(shown(src), "A  b c.");
    }

    #[test]
    fn comments_hide_raw_shows_highlight_is_code() {
        assert_eq!(shown("a {% comment %}not{% endcomment %} b"), "a  b");
        assert_eq!(shown("{% raw %}{{ x }}{% endraw %}"), "{{ x }}");
        assert_eq!(shown("{% highlight js %}\nx\n{% endhighlight %}"), "\n\n");
        let m = mask("a {% comment %} b");
        assert_eq!(m.unclosed, Some((2, "{% comment %}".into())));
        assert_eq!(m.text.replace('\x1A', ""), "a  b");
    }

    /// Captured text is output wherever `{{ x }}` puts it, which the gate cannot follow: it
    /// stays claim text where it is written, so a writer cannot hide a statement readers see
    /// from the gate by capturing it.
    #[test]
    fn captured_text_stays_text() {
        assert_eq!(
            shown("{% capture x %}Vitamin D cures colds.{% endcapture %}{{ x }}"),
            "Vitamin D cures colds."
        );
        assert_eq!(shown("{%- set x -%}Kept.{%- endset -%}"), "Kept.");
    }

    #[test]
    fn image_tags_show_their_alt_text() {
        let src = r#"{% image "a.png" "An owl at night" %}"#;
        let m = mask(src);
        assert_eq!(m.captions.len(), 1);
        assert_eq!(&src[m.captions[0].text.clone()], "An owl at night");
        assert_eq!(m.captions[0].token, 0..src.len());
    }
}
