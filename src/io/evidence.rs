//! Sources and evidence (docs/spec.md §6): URL normalisation for reconciling an article's links
//! with its registered sources, and local snapshots that prove a source's excerpt — stored under
//! `evidence/` named by their SHA-256, so they cannot be swapped unnoticed.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::io::store;
use crate::io::worktree;
use crate::text::article::normalize;

/// The folder (under the factcheck root) that holds snapshots.
pub const EVIDENCE_DIR: &str = "evidence";

/// Query parameters that only track clicks and never change what a page says.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ref_src",
];

/// A URL in a canonical form for comparison: scheme and host lower-cased, `http` read as
/// `https` (the same page over the two; a source registered with either covers a link with
/// the other), default ports, fragments, tracking parameters (`utm_*`, `fbclid`, …) and a
/// trailing slash removed.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme = scheme.to_ascii_lowercase();
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], &before_query[i..]),
        None => (before_query, ""),
    };
    let mut host = host.to_ascii_lowercase();
    for (s, port) in [("http", ":80"), ("https", ":443")] {
        if scheme == s && host.ends_with(port) {
            host.truncate(host.len() - port.len());
        }
    }
    let scheme = if scheme == "http" {
        "https".to_string()
    } else {
        scheme
    };
    let path = path.trim_end_matches('/');
    let kept: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("").to_ascii_lowercase();
            !key.starts_with("utm_") && !TRACKING.contains(&key.as_str())
        })
        .collect();
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    format!("{scheme}://{host}{path}{query}")
}

/// Whether `rel` is a snapshot path factcheck writes: `evidence/<64 hex>.txt|.html`. Anything
/// else (`../`, absolute paths, other folders) is refused when a sidecar is loaded.
pub fn is_snapshot_path(rel: &str) -> bool {
    let Some(name) = rel.strip_prefix("evidence/") else {
        return false;
    };
    let Some((hash, ext)) = name.split_once('.') else {
        return false;
    };
    hash.len() == 64
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && matches!(ext, "txt" | "html")
}

/// The SHA-256 (hex) of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A snapshot read from the user's file and not stored yet: a command checks everything it can
/// refuse first (the excerpt is in it, the id is free) and stores it last, so a command that
/// fails leaves nothing in `evidence/` ([`Taken::store`], [`Taken::unstore`]).
#[derive(Debug)]
pub struct Taken {
    /// Where it goes, root-relative: `evidence/<sha256>.txt|.html`.
    pub rel: String,
    /// Its text.
    pub text: String,
}

/// Reads `file` (the user's, anywhere) as a snapshot to store under `root/evidence/`, named by
/// its SHA-256; nothing is written. `file` is not reached through a link inside the repository
/// ([`crate::io::worktree`]).
pub fn take_snapshot(root: &Path, file: &Path) -> Result<Taken> {
    let text = worktree::read(root, file)?;
    let lower = file.to_string_lossy().to_ascii_lowercase();
    let ext = if lower.ends_with(".html") || lower.ends_with(".htm") {
        "html"
    } else {
        "txt"
    };
    let rel = format!("{EVIDENCE_DIR}/{}.{ext}", sha256_hex(text.as_bytes()));
    Ok(Taken { rel, text })
}

/// What [`Taken::store`] wrote, so that [`Taken::unstore`] removes exactly that.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stored {
    /// It wrote the snapshot (an identical one was not there already).
    file: bool,
    /// It made the `evidence/` folder.
    folder: bool,
}

impl Taken {
    /// Copies the snapshot into `root/evidence/`; an identical snapshot already there is
    /// reused. Neither is reached through a link inside the repository.
    pub fn store(&self, root: &Path) -> Result<Stored> {
        let dest = worktree::resolve(root, &root.join(&self.rel))?;
        if dest.exists() {
            return Ok(Stored::default());
        }
        let folder = !worktree::exists(&root.join(EVIDENCE_DIR));
        worktree::create_dir_all(root, &root.join(EVIDENCE_DIR))?;
        worktree::write(root, &dest, &self.text)?;
        Ok(Stored { file: true, folder })
    }

    /// Removes what [`Taken::store`] wrote, after the command that stored it failed; a
    /// snapshot that was there before stays.
    pub fn unstore(&self, root: &Path, stored: Stored) {
        if stored.file
            && let Ok(dest) = worktree::resolve(root, &root.join(&self.rel))
        {
            let _ = std::fs::remove_file(dest);
        }
        if stored.folder
            && let Ok(dir) = worktree::resolve(root, &root.join(EVIDENCE_DIR))
        {
            let _ = std::fs::remove_dir(dir); // only when empty
        }
    }

    /// Whether `excerpt` (normalised) occurs in the snapshot's words.
    pub fn contains(&self, excerpt: &str) -> bool {
        contains_excerpt(&snapshot_text(&self.rel, &self.text), excerpt)
    }
}

/// What is wrong with a snapshot, if anything.
pub enum SnapshotProblem {
    /// The file is not there.
    Missing,
    /// The file, or the `evidence/` folder, is a symbolic link (never followed: it could lead
    /// outside the repository).
    Link,
    /// Its content does not hash to its name: it was edited after it was taken.
    Tampered,
}

/// Reads the snapshot at root-relative `rel` and checks it against the hash in its name.
pub fn read_snapshot(root: &Path, rel: &str) -> std::result::Result<String, SnapshotProblem> {
    let path = match worktree::resolve(root, &root.join(rel)) {
        Ok(path) => path,
        Err(Error::Linked(_)) => return Err(SnapshotProblem::Link),
        Err(_) => return Err(SnapshotProblem::Missing),
    };
    let text = store::read_text(&path).map_err(|_| SnapshotProblem::Missing)?;
    let expected = rel
        .rsplit('/')
        .next()
        .and_then(|n| n.split('.').next())
        .unwrap_or("");
    if sha256_hex(text.as_bytes()) == expected {
        Ok(text)
    } else {
        Err(SnapshotProblem::Tampered)
    }
}

/// The words of a snapshot as a reader sees them: for HTML, tags removed (and `script` and
/// `style` contents dropped) and entities decoded; then normalised like article text (§3).
pub fn snapshot_text(rel: &str, text: &str) -> String {
    if rel.ends_with(".html") {
        normalize(&html_to_text(text))
    } else {
        normalize(text)
    }
}

/// Whether `excerpt` (normalised) occurs in the snapshot's normalised text.
pub fn contains_excerpt(snapshot: &str, excerpt: &str) -> bool {
    let e = normalize(excerpt);
    !e.is_empty() && snapshot.contains(&e)
}

/// Tags become spaces, `script` and `style` elements go whole, entities are decoded. One
/// pass: the lower-cased copy that `</script` and `</style` are looked for in is made once,
/// and an entity's `;` is looked for only as far as an entity can reach.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // ASCII lower-casing keeps every byte where it was, so offsets into it are offsets into
    // `html`.
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &html.as_bytes()[at..]).map(|i| at + i) {
        decode_entities_into(&html[at..i], &mut out);
        let tag = &lower[i..];
        let skip_until = if tag.starts_with("<script") {
            Some("</script")
        } else if tag.starts_with("<style") {
            Some("</style")
        } else {
            None
        };
        let after = match skip_until {
            Some(end) => memchr::memmem::find(tag.as_bytes(), end.as_bytes())
                .map_or(tag.len(), |j| j + end.len()),
            None => 0,
        };
        let close =
            memchr::memchr(b'>', &tag.as_bytes()[after..]).map_or(tag.len(), |j| after + j + 1);
        out.push(' ');
        at = i + close;
    }
    decode_entities_into(&html[at..], &mut out);
    out
}

/// The longest reference decoded, `&` to `;` included: `&#x10FFFF;` or `&ldquo;` fit in it. A
/// `;` further on ends no reference, so it is looked for no further (a search to the end of
/// the text from every bare `&`, as in `R&D`, cost the square of the text's length).
const ENTITY_MAX: usize = 11;

/// Appends `s` to `out` with its character references decoded.
fn decode_entities_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let reach = &tail.as_bytes()[..tail.len().min(ENTITY_MAX)];
        let decoded = memchr::memchr(b';', reach).and_then(|j| {
            let name = &tail[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "ldquo" | "rdquo" => Some('"'),
                "lsquo" | "rsquo" => Some('\''),
                "mdash" | "ndash" => Some('-'),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_normalise() {
        assert_eq!(
            normalize_url("HTTPS://WWW.NHS.uk:443/Conditions/?utm_source=x&page=2&fbclid=1#top"),
            "https://www.nhs.uk/Conditions?page=2"
        );
        assert_eq!(
            normalize_url("https://example.org/"),
            normalize_url("https://example.org")
        );
        assert_eq!(
            normalize_url("http://Example.org:80/page"),
            normalize_url("https://example.org/page")
        );
        assert_ne!(
            normalize_url("https://example.org/a"),
            normalize_url("https://example.org/b")
        );
    }

    #[test]
    fn html_is_reduced_to_words() {
        let html = "<html><style>p{}</style><p>Vitamin D &amp; calcium:<br>&ldquo;most adults&rdquo;</p><script>x<y</script></html>";
        assert_eq!(
            snapshot_text("evidence/x.html", html),
            "Vitamin D & calcium: \"most adults\""
        );
    }

    /// The reduction as it was, searching for `;` to the end of the text from every `&` and
    /// lower-casing the rest of the page at every `<script` and `<style`: what the one pass
    /// must give, byte for byte.
    fn html_to_text_by_search(html: &str) -> String {
        fn decode(s: &str) -> String {
            let mut out = String::with_capacity(s.len());
            let mut rest = s;
            while let Some(i) = rest.find('&') {
                out.push_str(&rest[..i]);
                let tail = &rest[i..];
                let end = tail.find(';').filter(|&j| j <= 10);
                let decoded = end.and_then(|j| {
                    let name = &tail[1..j];
                    let c = match name {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" | "#39" => Some('\''),
                        "nbsp" => Some(' '),
                        "ldquo" | "rdquo" => Some('"'),
                        "lsquo" | "rsquo" => Some('\''),
                        "mdash" | "ndash" => Some('-'),
                        n if n.starts_with("#x") || n.starts_with("#X") => {
                            u32::from_str_radix(&n[2..], 16)
                                .ok()
                                .and_then(char::from_u32)
                        }
                        n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                        _ => None,
                    };
                    c.map(|c| (c, j + 1))
                });
                match decoded {
                    Some((c, len)) => {
                        out.push(c);
                        rest = &tail[len..];
                    }
                    None => {
                        out.push('&');
                        rest = &tail[1..];
                    }
                }
            }
            out.push_str(rest);
            out
        }
        let mut out = String::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            out.push_str(&decode(&rest[..i]));
            let tag = &rest[i..];
            let lower: String = tag.chars().take(8).collect::<String>().to_ascii_lowercase();
            let skip_until = if lower.starts_with("<script") {
                Some("</script")
            } else if lower.starts_with("<style") {
                Some("</style")
            } else {
                None
            };
            let after = match skip_until {
                Some(end) => tag
                    .to_ascii_lowercase()
                    .find(end)
                    .map_or(tag.len(), |j| j + end.len()),
                None => 0,
            };
            let close = tag[after..].find('>').map_or(tag.len(), |j| after + j + 1);
            out.push(' ');
            rest = &tag[close..];
        }
        out.push_str(&decode(rest));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Pages made of the pieces that matter (references whole, cut short or far from
        /// their `;`, script and style elements in any case, unclosed tags, non-ASCII text)
        /// reduce as they did before.
        #[test]
        fn one_pass_reduces_as_the_searches_did(pieces in proptest::collection::vec(
            proptest::sample::select(&[
                "&", "&amp", "&amp;", "&#39;", "&#x41;", "&#X1F600;", "&#65", "&#x", "&ldquo;",
                "&nbsp;", "&bogus;", ";", "R&D", "<", ">", "<p>", "<script>", "<SCRIPT x>",
                "</script>", "</ScRiPt>", "<style>", "</STYLE>", "<scrip", "é", "日本", " ",
                "a", "0123456789", "<!--", "-->",
            ][..]),
            0..40,
        )) {
            let html = pieces.concat();
            proptest::prop_assert_eq!(html_to_text(&html), html_to_text_by_search(&html));
        }
    }

    #[test]
    fn bare_ampersands_and_cut_references_stay_as_they_are() {
        assert_eq!(
            html_to_text("R&D &amp AT&T; &#x41; &#65"),
            "R&D &amp AT&T; A &#65"
        );
        // A `;` beyond the longest reference decodes nothing.
        assert_eq!(html_to_text("&amp123456789; x"), "&amp123456789; x");
        assert_eq!(
            html_to_text("<SCRIPT>a<b</Script>c<STYLE>d</style >e"),
            " c e"
        );
        assert_eq!(html_to_text("x<script>never closed"), "x ");
    }

    #[test]
    fn only_evidence_paths_are_snapshots() {
        let h = "a".repeat(64);
        assert!(is_snapshot_path(&format!("evidence/{h}.txt")));
        assert!(!is_snapshot_path(&format!("../evidence/{h}.txt")));
        assert!(!is_snapshot_path(&format!("/evidence/{h}.txt")));
        assert!(!is_snapshot_path("evidence/../../etc/passwd.txt"));
    }
}
