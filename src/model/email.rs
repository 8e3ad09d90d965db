//! E-mail addresses, which name people in `factcheck.yaml`, in every record of a sidecar and
//! in git history. People are one person whatever the case of their address's letters
//! (`Carl@Example.org` is `carl@example.org`), so [`Email`] compares and hashes without regard
//! to ASCII case, everywhere, and is written back exactly as it was read.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// An e-mail address, equal to another regardless of ASCII case.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `s` can be an address that names a person: one `@` at least, and no white space or
/// character that prints as an escape (control characters, line separators, bidirectional
/// controls: [`crate::text::visible::is_hidden`]), which no mail system delivers to and which
/// would make one name look like another. `people add|edit` and the loading of
/// `factcheck.yaml` refuse any other.
pub fn is_address(s: &str) -> bool {
    s.contains('@')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || crate::text::visible::is_hidden(c))
}

impl PartialEq for Email {
    fn eq(&self, other: &Email) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for Email {}

impl PartialOrd for Email {
    fn partial_cmp(&self, other: &Email) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Email {
    fn cmp(&self, other: &Email) -> std::cmp::Ordering {
        let lower = |e: &Email| {
            e.0.bytes()
                .map(|b| b.to_ascii_lowercase())
                .collect::<Vec<_>>()
        };
        lower(self).cmp(&lower(other))
    }
}

impl Hash for Email {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

impl PartialEq<str> for Email {
    fn eq(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl PartialEq<&str> for Email {
    fn eq(&self, other: &&str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl PartialEq<String> for Email {
    fn eq(&self, other: &String) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl Deref for Email {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Email {
    fn from(s: String) -> Email {
        Email(s)
    }
}

impl From<&str> for Email {
    fn from(s: &str) -> Email {
        Email(s.to_string())
    }
}

crate::model::values::string_schema!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_one_person_whatever_its_case() {
        let a = Email::from("Carl@Example.org");
        assert_eq!(a, Email::from("carl@example.org"));
        assert_eq!(a, "CARL@EXAMPLE.ORG");
        assert_ne!(a, Email::from("carl@example.com"));
        let set: std::collections::HashSet<Email> =
            [a.clone(), "carl@example.org".into()].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"Carl@Example.org\"");
    }

    #[test]
    fn an_address_holds_no_space_or_control_character() {
        assert!(is_address("carl@example.org"));
        assert!(is_address("zoë@exämple.org"));
        for bad in [
            "carl.example.org",
            "carl @example.org",
            "bob\u{1b}@x.org",
            "bob@x.org\n",
            "bob\u{85}@x.org",
            "bob\u{2028}@x.org",
            "bob\u{202e}gro.x@",
        ] {
            assert!(!is_address(bad), "{bad:?}");
        }
    }
}
