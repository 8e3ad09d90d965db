//! What would make the gate read words readers do not see, or hide from it words they do:
//! `factcheck: off`/`on` markers, HTML that hides text, style sheets, text the gate does not
//! read, attribute lists that restyle. The builder refuses the article at the first of them
//! ([`super::Unseen`]).

use super::Unseen;

/// A `factcheck:` marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    Off,
    On,
}

/// The marker of an HTML comment's body, if it is one.
pub(super) fn marker(body: &str) -> Option<Marker> {
    match body.trim().strip_prefix("factcheck:").map(str::trim) {
        Some("off") => Some(Marker::Off),
        Some("on") => Some(Marker::On),
        _ => None,
    }
}

/// The marker `html` consists of: a single comment and nothing else but whitespace.
pub(super) fn sole_marker(html: &str) -> Option<Marker> {
    let body = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    if body.contains("-->") {
        return None;
    }
    marker(body)
}

/// The byte offset in `html` of its first comment that is a marker.
pub(super) fn first_marker(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(start) = html[from..].find("<!--").map(|i| i + from) {
        let body_start = start + "<!--".len();
        let body_end = html[body_start..]
            .find("-->")
            .map_or(html.len(), |i| i + body_start);
        if marker(&html[body_start..body_end]).is_some() {
            return Some(start);
        }
        from = body_end;
    }
    None
}

/// The byte offset in `html` of the first tag that hides what it opens from readers, if any.
pub(super) fn hiding_tag(html: &str) -> Option<usize> {
    let mut gt = NextGt::default();
    let mut from = 0;
    while let Some(i) = html[from..].find('<').map(|i| i + from) {
        // No `>` after this `<`: no tag is complete from here on (an unterminated one is
        // refused by `misread`).
        let end = gt.after(html, i).map(|e| e + 1)?;
        if hides_text(&html[i..end]) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// The next `>` at or after an offset, remembered: asked from every `<` of a text with no
/// `>`, a search each time would make the scan quadratic.
#[derive(Default)]
struct NextGt(Option<Option<usize>>);

impl NextGt {
    fn after(&mut self, html: &str, from: usize) -> Option<usize> {
        match self.0 {
            Some(Some(at)) if at >= from => Some(at),
            Some(None) => None,
            _ => {
                let at = memchr::memchr(b'>', &html.as_bytes()[from..]).map(|j| from + j);
                self.0 = Some(at);
                at
            }
        }
    }
}

/// The byte offset in `html` of the first thing in it that readers see and the gate does not
/// read, and what it is: a style sheet ([`stylesheet`]), a text area, a form field's value or
/// an inline frame's `srcdoc`, or an element that sends readers elsewhere ([`redirect`]).
pub(super) fn unread(html: &str) -> Option<(usize, Unseen)> {
    if let Some(i) = misread(html) {
        return Some((i, Unseen::MisreadHtml));
    }
    let sheet = stylesheet(html).map(|i| (i, Unseen::StyleSheet));
    let lower = html.to_ascii_lowercase();
    let elsewhere = redirect(&lower).map(|i| (i, Unseen::Redirect));
    let mut gt = NextGt::default();
    let input = lower.match_indices("<input").find_map(|(i, _)| {
        let tag = &lower[i..gt.after(&lower, i).unwrap_or(lower.len())];
        tag.contains("value").then_some(i)
    });
    let field = ["<textarea", "srcdoc=", "srcdoc ="]
        .iter()
        .filter_map(|p| lower.find(p))
        .chain(input)
        .min()
        .map(|i| (i, Unseen::UnreadText));
    [sheet, field, elsewhere]
        .into_iter()
        .flatten()
        .min_by_key(|(i, _)| *i)
}

/// The offsets in lower-cased `lower` of every start tag `name` (`<meta`): the name ends at
/// white space, `>`, `/` or the end of the text, as a browser reads it, and with the end of
/// its tag (the next `>`, or the end of the text).
fn start_tags<'l>(lower: &'l str, name: &'l str) -> impl Iterator<Item = (usize, usize)> + 'l {
    let mut gt = NextGt::default();
    lower.match_indices(name).filter_map(move |(i, _)| {
        let next = lower[i + name.len()..].chars().next();
        next.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
            .then(|| (i, gt.after(lower, i).unwrap_or(lower.len())))
    })
}

/// The offset in lower-cased `lower` of the first element that sends readers elsewhere: a
/// `<meta http-equiv>` (`refresh` loads another page, `default-style` picks another style
/// sheet, `set-cookie`, `content-security-policy`: none of an article's business) or a
/// `<base>` (every relative link and image of the page then points elsewhere).
fn redirect(lower: &str) -> Option<usize> {
    let meta = start_tags(lower, "<meta")
        .find(|&(i, end)| lower[i..end].contains("http-equiv"))
        .map(|(i, _)| i);
    let base = start_tags(lower, "<base").next().map(|(i, _)| i);
    [meta, base].into_iter().flatten().min()
}

/// The byte offset in text `t` of an attribute list (`{: style="…"}`, `{.x dir=rtl}`) that
/// restyles or hides what it is attached to.
pub(super) fn restyling_attributes(t: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(open) = t[from..].find('{').map(|i| from + i) {
        let close = t[open..].find('}').map(|i| open + i)?;
        let raw = &t[open + 1..close];
        let kramdown = raw.starts_with(':');
        let body = raw.trim_start_matches(':').to_ascii_lowercase();
        let restyles = body.split_whitespace().any(|w| {
            let (name, value) = w.split_once('=').map_or((w, false), |(n, _)| (n, true));
            match name {
                "style" | "dir" | "aria-hidden" => value,
                "hidden" => value || kramdown,
                _ => false,
            }
        });
        if restyles {
            return Some(open);
        }
        from = close;
    }
    None
}

/// The byte offset in `html` of the first style sheet it brings into the page: a `<style>`
/// element or a `<link rel="stylesheet">`. CSS restyles whatever it selects, anywhere in the
/// page — hides words (`display: none`), adds others (`content: "never "`) — which the gate
/// cannot follow.
fn stylesheet(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let tag_at = |name: &str| {
        let mut gt = NextGt::default();
        lower.match_indices(name).find_map(|(i, _)| {
            let next = lower[i + name.len()..].chars().next();
            next.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
                .then_some(i)
                .filter(|&i| {
                    let end = gt.after(&lower, i).unwrap_or(lower.len());
                    name != "<link" || lower[i..end].contains("stylesheet")
                })
        })
    };
    [tag_at("<style"), tag_at("<link")]
        .into_iter()
        .flatten()
        .min()
}

/// Whether an HTML tag hides the text it opens from readers: a `hidden` attribute, or an
/// inline style with `display: none` or `visibility: hidden`.
pub(super) fn hides_text(html: &str) -> bool {
    let tag = html.to_ascii_lowercase();
    if !tag.starts_with('<') || tag.starts_with("</") || tag.starts_with("<!") {
        return false;
    }
    let squeezed: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
    let hidden_attribute = tag.match_indices("hidden").any(|(i, _)| {
        let before = tag[..i].chars().next_back();
        let after = tag[i + 6..].chars().next();
        before.is_some_and(char::is_whitespace)
            && after.is_none_or(|c| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
    });
    hidden_attribute || squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

/// The byte offset in `html` of the first markup that a browser ends elsewhere than the
/// Markdown parser (and the gate) does, so that one of them shows words the other hides:
/// `<!-->` and `<!--->` are whole comments to a browser, `--!>` ends a comment, a processing
/// instruction `<?…` or a `<![CDATA[` section ends at the first `>`, and a quote starts an
/// attribute value only right after `=`.
pub(super) fn misread(html: &str) -> Option<usize> {
    let b = html.as_bytes();
    let mut found: Vec<usize> = Vec::new();
    for pat in ["<!-->", "<!--->", "--!>"] {
        found.extend(html.find(pat));
    }
    for (open, close) in [("<?", "?>"), ("<![CDATA[", "]]>")] {
        let mut next = NextGt::default();
        for (i, _) in html.match_indices(open) {
            let gt = next.after(html, i + open.len());
            if gt.is_some_and(|gt| !html[..=gt].ends_with(close)) {
                found.push(i);
                break;
            }
        }
    }
    found.extend(unterminated_reference(html));
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|j| i + j) {
        i = lt + 1;
        let name_at = lt + 1 + usize::from(b.get(lt + 1) == Some(&b'/'));
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // A browser ends a tag's name only at whitespace, `/` or `>` (`</title.>` closes
        // nothing), and reads the contents of these elements as text, never as markup.
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        let after = b.get(name_at + name_len).copied();
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let raw_text = ["title", "xmp", "plaintext", "listing"].contains(&name.as_str());
        if raw_text || after.is_some_and(|c| !(c.is_ascii_whitespace() || c == b'/' || c == b'>')) {
            found.push(lt);
            break;
        }
        let mut quote: Option<u8> = None;
        let mut last = b'<';
        let mut k = lt + 1;
        while k < b.len() {
            let c = b[k];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'>' => break,
                None if c == b'"' || c == b'\'' => {
                    if last != b'=' {
                        found.push(k);
                        break;
                    }
                    quote = Some(c);
                }
                None => {}
            }
            if quote.is_none() && !c.is_ascii_whitespace() {
                last = c;
            }
            k += 1;
        }
        if k >= b.len() {
            // A tag that never ends here goes on, for a browser, into what follows.
            found.push(lt);
            break;
        }
        i = k.max(lt + 1);
    }
    found.into_iter().min()
}

/// The offset of the first numeric character reference without its `;` (`&#102`): a browser
/// decodes it, the gate reads it as the characters it is.
fn unterminated_reference(html: &str) -> Option<usize> {
    let b = html.as_bytes();
    html.match_indices("&#").map(|(i, _)| i).find(|&i| {
        let mut k = i + 2;
        let hex = matches!(b.get(k), Some(b'x' | b'X'));
        k += usize::from(hex);
        let digits = b[k..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        digits > 0 && b.get(k + digits) != Some(&b';')
    })
}
