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

/// Copies `file` (the user's, anywhere) into `root/evidence/` named by its SHA-256; returns the
/// root-relative path. An identical snapshot already there is reused. Neither `file` nor the
/// snapshot is reached through a link inside the repository ([`crate::io::worktree`]).
pub fn store_snapshot(root: &Path, file: &Path) -> Result<String> {
    let text = worktree::read(root, file)?;
    let lower = file.to_string_lossy().to_ascii_lowercase();
    let ext = if lower.ends_with(".html") || lower.ends_with(".htm") {
        "html"
    } else {
        "txt"
    };
    let rel = format!("{EVIDENCE_DIR}/{}.{ext}", sha256_hex(text.as_bytes()));
    let dest = worktree::resolve(root, &root.join(&rel))?;
    if !dest.exists() {
        worktree::create_dir_all(root, &root.join(EVIDENCE_DIR))?;
        worktree::write(root, &dest, &text)?;
    }
    Ok(rel)
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

fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..i]));
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
    out.push_str(&decode_entities(rest));
    out
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
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
    out
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

    #[test]
    fn only_evidence_paths_are_snapshots() {
        let h = "a".repeat(64);
        assert!(is_snapshot_path(&format!("evidence/{h}.txt")));
        assert!(!is_snapshot_path(&format!("../evidence/{h}.txt")));
        assert!(!is_snapshot_path(&format!("/evidence/{h}.txt")));
        assert!(!is_snapshot_path("evidence/../../etc/passwd.txt"));
    }
}
