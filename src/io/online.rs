//! Online checks of sources (`--online`, opt-in; never needed for the gate): does each source's
//! URL answer, and where does it end up after redirects. The only network access factcheck ever
//! makes, over rustls (no OpenSSL).

use std::time::Duration;

use ureq::ResponseExt;

/// What a URL did when asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// It answered (2xx or 3xx after redirects); the final URL.
    Ok(String),
    /// It answered with an error status.
    Status(u16),
    /// No answer (DNS, connection, TLS, timeout).
    Failed(String),
}

/// How long one request may take.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Asks `url` (HEAD, falling back to GET when HEAD is not allowed), following redirects.
pub fn reach(url: &str) -> Reach {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!(
            "factcheck/",
            env!("CARGO_PKG_VERSION"),
            " (+source check)"
        ))
        .build()
        .into();
    let mut answer = agent.head(url).call();
    if matches!(&answer, Ok(r) if r.status().as_u16() == 405 || r.status().as_u16() == 501) {
        answer = agent.get(url).call();
    }
    match answer {
        Ok(r) => {
            let status = r.status().as_u16();
            if status >= 400 {
                return Reach::Status(status);
            }
            Reach::Ok(r.get_uri().to_string())
        }
        Err(e) => Reach::Failed(e.to_string()),
    }
}
