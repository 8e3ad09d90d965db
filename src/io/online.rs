//! Online checks of sources (`--online`, opt-in; never needed for the gate): does each source's
//! URL answer, and where does it end up after redirects. The only network access factcheck ever
//! makes, over rustls (no OpenSSL).
//!
//! Redirects are followed here, one at a time, rather than by the HTTP client: a `Location`
//! that names another scheme (`file:///etc/passwd`, `ftp:`, `javascript:`) is a failure, said as
//! such, never a path to append to the server's address; only http and https are followed, at
//! most [`MAX_REDIRECTS`] of them.

use std::time::Duration;

/// What a URL did when asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// It answered (2xx or 3xx after redirects); the final URL.
    Ok(String),
    /// It answered with an error status.
    Status(u16),
    /// No answer (DNS, connection, TLS, timeout), or a redirect factcheck does not follow.
    Failed(String),
}

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(15);

/// How long one URL may take in all, across its redirects and the GET after a refused HEAD: a
/// server answering each request just before the timeout must not hold a check for minutes per
/// source.
const URL_DEADLINE: Duration = Duration::from_secs(30);

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 10;

/// Asks `url` (HEAD, falling back to GET when HEAD is not allowed), following http(s)
/// redirects.
pub fn reach(url: &str) -> Reach {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!(
            "factcheck/",
            env!("CARGO_PKG_VERSION"),
            " (+source check)"
        ))
        .build()
        .into();
    let mut at = url.to_string();
    let started = std::time::Instant::now();
    let left = || {
        let left = URL_DEADLINE.saturating_sub(started.elapsed()).min(TIMEOUT);
        (!left.is_zero()).then_some(left)
    };
    let late = || {
        Reach::Failed(format!(
            "no final answer within {} s, across its redirects",
            URL_DEADLINE.as_secs()
        ))
    };
    for _ in 0..=MAX_REDIRECTS {
        let Some(time) = left() else {
            return late();
        };
        let mut answer = agent
            .head(&at)
            .config()
            .timeout_global(Some(time))
            .build()
            .call();
        if matches!(&answer, Ok(r) if r.status().as_u16() == 405 || r.status().as_u16() == 501) {
            let Some(time) = left() else {
                return late();
            };
            answer = agent
                .get(&at)
                .config()
                .timeout_global(Some(time))
                .build()
                .call();
        }
        let r = match answer {
            Ok(r) => r,
            // The time left was the deadline's, not a request's: the URL ran out of time.
            Err(ureq::Error::Timeout(_)) if left().is_none() => return late(),
            Err(e) => return Reach::Failed(e.to_string()),
        };
        let status = r.status().as_u16();
        if status >= 400 {
            return Reach::Status(status);
        }
        if !(300..400).contains(&status) || status == 304 {
            return Reach::Ok(at);
        }
        let Some(location) = r.headers().get("location") else {
            return Reach::Failed(format!("HTTP {status} without a Location to follow"));
        };
        let Ok(location) = location.to_str() else {
            return Reach::Failed(format!("HTTP {status} to a Location that is not text"));
        };
        at = match next_url(&at, location.trim()) {
            Ok(next) => next,
            Err(why) => return Reach::Failed(why),
        };
    }
    Reach::Failed(format!("more than {MAX_REDIRECTS} redirects"))
}

/// Where a redirect from `base` to `location` leads: an absolute http(s) URL as it is, a
/// reference without a scheme resolved against `base` (RFC 3986 §5.2, without removing dot
/// segments: the server gets the path it gave); any other scheme is an error saying so. A
/// backslash is read as a slash, as browsers read http(s) URLs (`/\\evil.example/x` leads to
/// another host), and a URL with credentials (`user:secret@`) is refused: it would be recorded
/// as the source's `resolved:` address.
pub fn next_url(base: &str, location: &str) -> Result<String, String> {
    let next = resolve(base, &location.replace('\\', "/"))?;
    let authority = next.split_once("://").map_or("", |(_, rest)| {
        &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())]
    });
    if authority.contains('@') {
        return Err(format!(
            "redirected to `{location}`, an address with credentials; it is not followed"
        ));
    }
    Ok(next)
}

/// [`next_url`] before its checks of the result.
fn resolve(base: &str, location: &str) -> Result<String, String> {
    if let Some(scheme) = scheme(location) {
        return if is_http_url(location) {
            Ok(location.to_string())
        } else {
            Err(format!(
                "redirected to `{location}`, a {scheme}: URL; only http and https redirects are followed"
            ))
        };
    }
    if location.is_empty()
        || location
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!("redirected to `{location}`, which is not a URL"));
    }
    // `base` is http(s): scheme://authority/path?query#fragment.
    let (scheme_end, rest) = base.split_at(base.find("://").map_or(0, |i| i + 3));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &base[..scheme_end.len() + authority_end];
    let next = if let Some(network) = location.strip_prefix("//") {
        format!("{}//{network}", &scheme_end[..scheme_end.len() - 2])
    } else if location.starts_with('/') {
        format!("{origin}{location}")
    } else {
        let path = &rest[authority_end..];
        let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
        if location.starts_with('?') {
            format!("{origin}{path}{location}")
        } else if location.starts_with('#') {
            format!("{origin}{path}")
        } else {
            let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            let dir = if dir.is_empty() { "/" } else { dir };
            format!("{origin}{dir}{location}")
        }
    };
    if is_http_url(&next) {
        Ok(next)
    } else {
        Err(format!("redirected to `{location}`, which is not a URL"))
    }
}

/// Whether `url` is an address factcheck cites and asks: `http://` or `https://` (any case)
/// and something after it, without spaces or control characters. `source add|edit` refuse any
/// other, so does loading a sidecar (`url:`, `archived:`, `resolved:`), and redirects elsewhere
/// are not followed.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The scheme `s` starts with (`letter *(letter / digit / + / - / .) ":"`), if any.
fn scheme(s: &str) -> Option<&str> {
    let end = s.find(':')?;
    let name = &s[..end];
    let mut chars = name.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(name)
}

#[cfg(test)]
mod tests {
    use super::next_url;

    #[test]
    fn redirects_resolve_against_the_page_and_other_schemes_fail() {
        let base = "http://h:8/a/b?q=1";
        for (location, next) in [
            ("https://x.org/p", "https://x.org/p"),
            ("HTTP://x.org", "HTTP://x.org"),
            ("/ok", "http://h:8/ok"),
            ("//y.org/z", "http://y.org/z"),
            ("c", "http://h:8/a/c"),
            ("?r=2", "http://h:8/a/b?r=2"),
            ("./file:x", "http://h:8/a/./file:x"),
        ] {
            assert_eq!(next_url(base, location).as_deref(), Ok(next), "{location}");
        }
        assert_eq!(next_url("https://h", "x").as_deref(), Ok("https://h/x"));
        for location in [
            "file:///etc/passwd",
            "FILE:/etc/passwd",
            "ftp://h/x",
            "javascript:alert(1)",
            "data:text/html,x",
            "mailto:a@b.org",
        ] {
            let why = next_url(base, location).unwrap_err();
            assert!(why.contains("only http and https"), "{why}");
        }
        assert!(next_url(base, "a b").is_err());
        // Browsers read a backslash as a slash: this leads to another host.
        assert_eq!(
            next_url(base, "/\\evil.example/x").as_deref(),
            Ok("http://evil.example/x")
        );
        let why = next_url(base, "http://user:secret@y.org/").unwrap_err();
        assert!(why.contains("credentials"), "{why}");
        assert!(next_url(base, "//u@y.org/").is_err());
        assert_eq!(next_url(base, "/a@b").as_deref(), Ok("http://h:8/a@b"));
    }
}
