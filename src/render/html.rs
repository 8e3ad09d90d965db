//! HTML pages people look at: the fact-check report of one article (the article rendered with
//! every claim highlighted by status, a panel with each claim's sources, sign-offs and notes,
//! and the gate result), the published article with its fact-check box, and the newsroom
//! dashboard.
//!
//! Pages are self-contained (inline CSS and a few lines of inline JS for filtering; no network,
//! fonts or external scripts), readable at phone width and printable. Everything taken from an
//! article or a sidecar is escaped: the Markdown is rendered by comrak without raw HTML (raw
//! HTML is dropped, dangerous link schemes such as `javascript:` are emptied), sidecar text goes
//! through [`esc`], and links are emitted only for `http`/`https` URLs.

use std::fmt::Write;

use crate::check::{ArticleReport, ClaimLocation, ClaimView, Standing};
use crate::model::Status;
use crate::model::finding::Severity;
use crate::model::sidecar::{Claim, Sidecar};
use crate::text::article::Article;
use crate::text::span::Span;

/// Everything a page about one article shows.
pub struct Dossier<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its sidecar.
    pub sidecar: &'a Sidecar,
    /// Where each claim is.
    pub states: &'a [ClaimLocation],
    /// The gate's result.
    pub report: &'a ArticleReport,
    /// The workflow's name.
    pub workflow: &'a str,
}

impl Dossier<'_> {
    /// Whether claim `id` is stale: a sign-off it needs approved other words or evidence.
    fn stale(&self, id: &str) -> bool {
        self.report
            .claim(id)
            .is_some_and(|v| v.standing == Standing::Stale)
    }

    /// What the page shows as claim `id`'s state (`verified`, `verified-stale`, …).
    fn state<'s>(&'s self, claim: &'s Claim) -> &'s str {
        self.report
            .claim(&claim.id)
            .map_or(claim.status.as_str(), |v| v.state.as_str())
    }

    fn title(&self) -> String {
        self.article
            .meta
            .title
            .clone()
            .unwrap_or_else(|| self.report.article.clone())
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A link to `url` if it is http(s), else the escaped text alone.
fn link(url: &str, text: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            esc(url.trim()),
            esc(text)
        )
    } else {
        esc(text)
    }
}

/// The marker characters (Unicode private use) that bracket a claim in the Markdown before
/// rendering; they survive comrak as text and become `<mark>` tags.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
const INDEX_BASE: u32 = 0xE100;

/// Renders the article's Markdown to HTML with each located claim wrapped in a
/// `<mark class="claim s-STATUS [stale|unanchored]" id="claim-ID">`.
pub fn render_article(d: &Dossier<'_>) -> String {
    let source = d.article.rendered_source();
    // Byte ranges of the claims in the Markdown source.
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (i, state) in d.states.iter().enumerate() {
        let Some(span) = state.span() else {
            continue;
        };
        let Some((start, end)) = source_range(d.article, span) else {
            continue;
        };
        let Some(tag) = char::from_u32(INDEX_BASE + i as u32) else {
            continue;
        };
        inserts.push((start, format!("{OPEN}{tag}")));
        inserts.push((end, CLOSE.to_string()));
    }
    // Where one claim ends and the next starts at the same byte, the close goes first. One
    // pass over the source (inserting into it one marker at a time would be quadratic).
    inserts.sort_by_key(|(at, text)| (std::cmp::Reverse(*at), text.starts_with(CLOSE)));
    let clean = unforgeable(source);
    let mut marked = String::with_capacity(clean.len() + 8 * inserts.len());
    let mut copied = 0;
    for (at, text) in inserts.into_iter().rev() {
        if clean.is_char_boundary(at) {
            marked.push_str(&clean[copied..at]);
            marked.push_str(&text);
            copied = at;
        }
    }
    marked.push_str(&clean[copied..]);
    let fm = crate::text::frontmatter::find_as(&marked, d.article.syntax().front_matter_dialects());
    let body = crate::text::frontmatter::blank(&marked, fm.as_ref());
    let html = comrak::markdown_to_html(&body, &crate::text::article::markdown_options());
    // Masked template markup is shown as nothing; a link whose target was a template
    // expression has no target here, so it is shown as its words, not as a link to this page.
    let html = html
        .replace(crate::text::site::MASK as char, "")
        .replace("<a href=\"\"", "<a");
    replace_markers(&html, d)
}

/// The first and last characters of the private-use block the markers are taken from.
const PRIVATE_USE: std::ops::RangeInclusive<u32> = 0xE000..=0xF8FF;

/// `source` with every character of the markers' private-use block, typed or written as a
/// numeric character reference (`&#xE000;`, `&#57344;`), replaced by U+FFFD, so that only the
/// markers [`render_article`] inserts can become `<mark>` tags: text could otherwise forge a
/// claim's highlight. Same length, so the claims' source offsets stay valid: the character and
/// the replacement are 3 bytes in UTF-8, and a reference keeps its digit count (padded with
/// zeros; a private-use code point has at least 4 hex or 5 decimal digits).
fn unforgeable(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(i) = rest.find(|c: char| c == '&' || PRIVATE_USE.contains(&(c as u32))) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let c = rest.chars().next().expect("found");
        if c != '&' {
            out.push('\u{FFFD}');
            rest = &rest[c.len_utf8()..];
            continue;
        }
        match numeric_reference(rest) {
            Some((len, hex, digits)) => {
                let (prefix, fffd) = if hex {
                    (&rest[..3], "FFFD")
                } else {
                    ("&#", "65533")
                };
                out.push_str(prefix);
                out.push_str(&"0".repeat(digits - fffd.len()));
                out.push_str(fffd);
                out.push(';');
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// For a numeric character reference at the start of `s` that names a private-use character
/// (`&#57344;`, `&#xE000;`, `&#XE000;`, as CommonMark reads them: up to 7 decimal or 6 hex
/// digits), its length, whether it is hex and its number of digits.
fn numeric_reference(s: &str) -> Option<(usize, bool, usize)> {
    let rest = s.strip_prefix("&#")?;
    let (hex, digits) = match rest.strip_prefix(['x', 'X']) {
        Some(h) => (true, h),
        None => (false, rest),
    };
    let radix = if hex { 16 } else { 10 };
    let n = digits
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    let max = if hex { 6 } else { 7 };
    if n == 0 || n > max || !digits[n..].starts_with(';') {
        return None;
    }
    let value = u32::from_str_radix(&digits[..n], radix).ok()?;
    PRIVATE_USE
        .contains(&value)
        .then_some((s.len() - digits.len() + n + 1, hex, n))
}

/// The Markdown byte range of a plain-text span.
fn source_range(article: &Article, span: Span) -> Option<(usize, usize)> {
    let start = article.text.source_offset(span.start);
    let last = article.text.source_offset(span.end.checked_sub(1)?);
    let end = last + article.source[last..].chars().next()?.len_utf8();
    (end > start).then_some((start, end))
}

fn replace_markers(html: &str, d: &Dossier<'_>) -> String {
    let mut out = String::with_capacity(html.len() + 64 * d.sidecar.claims.len());
    let mut chars = html.chars();
    // comrak escapes `<` and `>` in text and attributes, so a raw `<` always opens a tag. A
    // claim in an image's alt text or title lands inside the tag's attributes: its markers are
    // dropped there (the claim is still listed in the panel).
    let mut in_tag = false;
    // The marks open here, as their opening tags without the id. A claim that starts inside a
    // link and ends after it would nest `<a><mark></a></mark>`: the marks are closed before
    // every tag and opened again after it, so the HTML stays well nested.
    let mut open: Vec<String> = Vec::new();
    // Where each open mark's first part starts in `out`, and how long its tag is: a claim whose
    // words are not in the page's text (the alt text of a template's image tag, rendered as
    // nothing) would otherwise be an empty mark; it is left out, as in an image's attributes.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                in_tag = true;
                open.iter().for_each(|_| out.push_str("</mark>"));
                out.push(c);
            }
            '>' if in_tag => {
                in_tag = false;
                out.push(c);
                open.iter().for_each(|tag| out.push_str(tag));
            }
            OPEN if in_tag => {
                chars.next();
            }
            CLOSE if in_tag => {}
            OPEN => {
                let i = chars
                    .next()
                    .map_or(0, |t| (t as u32).saturating_sub(INDEX_BASE) as usize);
                if let Some(claim) = d.sidecar.claims.get(i) {
                    let tag = mark(d, claim);
                    let first = tag.replacen(
                        "<mark ",
                        &format!("<mark id=\"claim-{}\" ", esc(&claim.id)),
                        1,
                    );
                    starts.push((out.len(), first.len()));
                    out.push_str(&first);
                    open.push(tag);
                }
            }
            CLOSE => {
                if open.pop().is_some() {
                    match starts.pop() {
                        Some((at, len)) if out.len() == at + len => out.truncate(at),
                        _ => out.push_str("</mark>"),
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The opening tag of a claim's mark, without its id (which only the first part carries).
fn mark(d: &Dossier<'_>, claim: &Claim) -> String {
    let stale = match d.report.claim(&claim.id).map(|v| v.standing) {
        Some(Standing::Stale) => " stale",
        Some(Standing::Unanchored) => " unanchored",
        _ => "",
    };
    format!(
        "<mark class=\"claim s-{}{stale}\" data-claim=\"{}\" title=\"{}: {}\">",
        claim.status.as_str(),
        esc(&claim.id),
        esc(&claim.id),
        d.state(claim)
    )
}

const STYLE: &str = r#"
:root{--fg:#1b1b1b;--muted:#5b5b5b;--line:#d9d9d9;--bg:#fff;
--verified:#d7f2dc;--verified-b:#1f7a34;--disputed:#ffe6c2;--disputed-b:#a35a00;--false:#ffd6d6;--false-b:#b3261e;
--unverified:#ececec;--unverified-b:#6b6b6b;--opinion:#dbe8ff;--opinion-b:#2a5db0}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:1rem 1.25rem;border-bottom:1px solid var(--line)}header.top h1{margin:.2rem 0;font-size:1.4rem}
.meta{color:var(--muted);font-size:.9rem}.pill{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;border:1px solid var(--line);margin:0 .25rem .25rem 0}
.gate-pass{background:var(--verified);border-color:var(--verified-b)}.gate-fail{background:var(--false);border-color:var(--false-b)}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;padding:1.25rem}
article{max-width:46rem}aside h2,section h2{font-size:1.1rem}
mark.claim{border-bottom:2px solid;padding:0 .1rem;border-radius:.15rem;color:inherit}
.s-verified{background:var(--verified);border-color:var(--verified-b)}.s-disputed{background:var(--disputed);border-color:var(--disputed-b)}
.s-false{background:var(--false);border-color:var(--false-b)}.s-unverified{background:var(--unverified);border-color:var(--unverified-b)}
.s-opinion{background:var(--opinion);border-color:var(--opinion-b)}mark.stale,mark.unanchored{outline:2px dashed var(--false-b);outline-offset:1px}
.claimcard{border:1px solid var(--line);border-left:4px solid;border-radius:.3rem;padding:.6rem .8rem;margin:.0 0 .8rem}
.claimcard h3{font-size:.95rem;margin:0 0 .3rem}.claimcard blockquote{margin:.2rem 0 .4rem;padding-left:.6rem;border-left:2px solid var(--line);color:var(--muted)}
.claimcard ul{margin:.2rem 0;padding-left:1.1rem;font-size:.9rem}.fresh{color:var(--verified-b)}.stalemark{color:var(--false-b);font-weight:600}
.findings li{margin:.25rem 0}.sev-error{color:var(--false-b);font-weight:600}.sev-warning{color:var(--disputed-b);font-weight:600}
.filters button{font:inherit;font-size:.85rem;margin:0 .3rem .3rem 0;padding:.15rem .6rem;border:1px solid var(--line);border-radius:1rem;background:#fafafa;cursor:pointer}
table.dash{border-collapse:collapse;width:100%;font-size:.92rem}table.dash th,table.dash td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
.factbox{border:2px solid var(--verified-b);border-radius:.4rem;padding:.8rem 1rem;margin:1rem 0;background:#f6fbf7}
img{max-width:100%;height:auto}
@media (max-width:800px){main{grid-template-columns:1fr;padding:.8rem}header.top{padding:.8rem}table.dash{font-size:.8rem}}
@media print{.filters{display:none}main{grid-template-columns:1fr}mark.claim{-webkit-print-color-adjust:exact;print-color-adjust:exact}.claimcard{break-inside:avoid}}
"#;

const SCRIPT: &str = r#"
document.querySelectorAll('.filters button').forEach(function(b){b.addEventListener('click',function(){
var s=b.getAttribute('data-status');document.querySelectorAll('.claimcard').forEach(function(c){
c.style.display=(s==='all'||c.classList.contains('s-'+s)||(s==='stale'&&c.classList.contains('stale')))?'':'none';});});});
"#;

pub(super) fn page(title: &str, head_extra: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src * data:\">\n<title>{}</title>\n<style>{STYLE}</style>\n{head_extra}</head>\n<body>\n{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        esc(title)
    )
}

/// Counts of claims by state (`verified`, `verified-stale`, …): statuses in a fixed order,
/// each status's states by name.
pub(super) fn counts(views: &[ClaimView]) -> Vec<(Status, String, usize)> {
    let order = [
        Status::Verified,
        Status::Disputed,
        Status::False,
        Status::Unverified,
        Status::Opinion,
    ];
    let mut by_state: std::collections::BTreeMap<(usize, &str), (Status, usize)> =
        Default::default();
    for v in views {
        let rank = order
            .iter()
            .position(|s| *s == v.status)
            .unwrap_or(order.len());
        by_state.entry((rank, &v.state)).or_insert((v.status, 0)).1 += 1;
    }
    by_state
        .into_iter()
        .map(|((_, state), (status, n))| (status, state.to_string(), n))
        .collect()
}

/// A pill with `n` claims of `state`, coloured by `status`, marked when the state is not the
/// bare status (stale, unanchored, blocked).
pub(super) fn count_pill(status: Status, state: &str, n: usize) -> String {
    let mark = if state == status.as_str() {
        ""
    } else {
        " stalemark"
    };
    format!(
        "<span class=\"pill s-{}{mark}\">{n} {}</span>",
        status.as_str(),
        esc(state)
    )
}

fn claim_card(d: &Dossier<'_>, claim: &Claim, state: &ClaimLocation) -> String {
    let stale = d.stale(&claim.id);
    // What keeps a claim of publishable status from passing: `stale`, `unanchored`, `blocked`.
    let why = d
        .state(claim)
        .strip_prefix(claim.status.as_str())
        .and_then(|rest| rest.strip_prefix('-'));
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"claimcard s-{}{}\" id=\"card-{}\"><h3><a href=\"#claim-{}\">{}</a> <span class=\"pill s-{}\">{}</span>{}<span class=\"pill\">{}</span></h3>",
        claim.status.as_str(),
        if stale { " stale" } else { "" },
        esc(&claim.id),
        esc(&claim.id),
        esc(&claim.id),
        claim.status.as_str(),
        claim.status.as_str(),
        why.map(|w| format!(" <span class=\"pill stalemark\">{w}</span>"))
            .unwrap_or_default(),
        claim.kind.as_str()
    );
    let words = state.current.as_deref().unwrap_or(&claim.quote.exact);
    let _ = write!(out, "<blockquote>{}</blockquote>", esc(words));
    if state.span().is_none() {
        out.push_str("<p class=\"stalemark\">not found in the article</p>");
    }
    if let Some(note) = &claim.note {
        let _ = write!(out, "<p class=\"note\">{}</p>", esc(note));
    }
    if !claim.sources.is_empty() {
        out.push_str("<p><strong>Sources</strong></p><ul class=\"sources\">");
        for id in &claim.sources {
            match d.sidecar.source(id) {
                Some(s) => {
                    let title = s.title.as_deref().unwrap_or(&s.url);
                    let _ = write!(out, "<li>{}", link(&s.url, title));
                    let details: Vec<String> = [
                        s.publisher.clone(),
                        Some(s.kind.as_str().to_string()),
                        s.published.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .map(|x| esc(&x))
                    .collect();
                    let _ = write!(out, " <span class=\"meta\">({})</span>", details.join(", "));
                    if let Some(ex) = &s.excerpt {
                        let _ = write!(out, "<br><q>{}</q>", esc(ex));
                    }
                    out.push_str("</li>");
                }
                None => {
                    let _ = write!(
                        out,
                        "<li class=\"stalemark\">unknown source {}</li>",
                        esc(id)
                    );
                }
            }
        }
        out.push_str("</ul>");
    }
    if !claim.signoffs.is_empty() {
        out.push_str("<p><strong>Sign-offs</strong></p><ul class=\"signoffs\">");
        let evidence = d.sidecar.evidence_fingerprint(claim);
        for so in &claim.signoffs {
            let fresh = state
                .hash
                .as_deref()
                .is_some_and(|h| so.approves(h, &evidence));
            let _ = write!(
                out,
                "<li>{} ({}) — {} at {} <span class=\"{}\">{}</span></li>",
                esc(&so.by),
                esc(&so.role),
                so.verdict.as_str(),
                esc(&so.at),
                if fresh { "fresh" } else { "stalemark" },
                if fresh { "fresh" } else { "stale" }
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>");
    out
}

fn findings_list(report: &ArticleReport) -> String {
    if report.findings.is_empty() {
        return "<p>No findings.</p>".into();
    }
    let mut out = String::from("<ul class=\"findings\">");
    for f in &report.findings {
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = write!(
            out,
            "<li><span class=\"sev-{sev}\">{sev}[{}]</span> {} <span class=\"meta\">{}:{}:{}</span>{}</li>",
            f.code,
            esc(&f.message),
            esc(&f.label.file),
            f.label.line,
            f.label.column,
            f.help
                .as_ref()
                .map(|h| format!("<br><span class=\"meta\">help: {}</span>", esc(h)))
                .unwrap_or_default()
        );
    }
    out.push_str("</ul>");
    out
}

/// The fact-check report of one article.
pub fn report_page(d: &Dossier<'_>) -> String {
    let r = d.report;
    let gate = if r.passed {
        "<span class=\"pill gate-pass\">gate: passes</span>"
    } else {
        "<span class=\"pill gate-fail\">gate: blocked</span>"
    };
    let mut body = String::new();
    let _ = write!(
        body,
        "<header class=\"top\"><div class=\"meta\">fact-check report · {}</div><h1>{}</h1><div>{gate}<span class=\"pill\">stage: {}</span><span class=\"pill\">workflow: {}</span><span class=\"pill\">{} claims</span>",
        esc(&r.article),
        esc(&d.title()),
        d.sidecar.stage.as_str(),
        esc(d.workflow),
        d.sidecar.claims.len()
    );
    for (st, state, n) in counts(&r.claim_states) {
        body.push_str(&count_pill(st, &state, n));
    }
    let _ = write!(
        body,
        "<span class=\"pill\">{} errors, {} warnings</span></div></header>",
        r.count(Severity::Error),
        r.count(Severity::Warning)
    );
    let _ = write!(
        body,
        "<main><article>{}</article><aside><h2>Claims</h2><div class=\"filters\"><button data-status=\"all\">all</button>",
        render_article(d)
    );
    let mut statuses: Vec<Status> = counts(&r.claim_states)
        .into_iter()
        .map(|(st, _, _)| st)
        .collect();
    statuses.dedup();
    for st in statuses {
        let _ = write!(
            body,
            "<button data-status=\"{}\">{}</button>",
            st.as_str(),
            st.as_str()
        );
    }
    if r.stale > 0 {
        body.push_str("<button data-status=\"stale\">stale</button>");
    }
    body.push_str("</div>");
    for (claim, state) in d.sidecar.claims.iter().zip(d.states) {
        body.push_str(&claim_card(d, claim, state));
    }
    let _ = write!(
        body,
        "<section><h2>Gate</h2>{}</section></aside></main>",
        findings_list(r)
    );
    page(&format!("Fact-check report: {}", d.title()), "", &body)
}

/// The published article: rendered Markdown, the fact-check box and ClaimReview JSON-LD.
pub fn published_page(d: &Dossier<'_>, people: &[(String, String)], jsonld: &str) -> String {
    let reviewers: Vec<String> = people
        .iter()
        .map(|(name, role)| format!("{} ({})", esc(name), esc(role)))
        .collect();
    let date = d
        .sidecar
        .publication
        .as_ref()
        .map_or("", |p| p.at.get(..10).unwrap_or(&p.at));
    let used: Vec<&crate::model::sidecar::Source> = d
        .sidecar
        .sources
        .iter()
        .filter(|s| d.sidecar.claims.iter().any(|c| c.sources.contains(&s.id)))
        .collect();
    let mut body = String::new();
    let _ = write!(
        body,
        "<main><article>{}<aside class=\"factbox\" id=\"fact-check\"><p><strong>Fact-checked</strong> by {} on {}, {} claims, {} sources.</p><ul>",
        render_article(d),
        reviewers.join(", "),
        esc(date),
        d.sidecar.claims.len(),
        used.len()
    );
    for s in used {
        let _ = write!(
            body,
            "<li>{}</li>",
            link(&s.url, s.title.as_deref().unwrap_or(&s.url))
        );
    }
    body.push_str("</ul>");
    // Corrections are told to readers where the fact-check is, oldest first, as newsrooms
    // append them to a corrected story.
    if !d.sidecar.corrections.is_empty() {
        body.push_str("<h2>Corrections</h2><ul class=\"corrections\">");
        for c in &d.sidecar.corrections {
            let _ = write!(
                body,
                "<li><time datetime=\"{}\">{}</time>: {}</li>",
                esc(&c.at),
                esc(c.at.get(..10).unwrap_or(&c.at)),
                esc(&c.note)
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</aside></article></main>");
    let head = format!("<script type=\"application/ld+json\">{jsonld}</script>\n");
    page(&d.title(), &head, &body)
}
