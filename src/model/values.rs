//! Small typed values that the files store as plain strings: timestamps, git blob ids, the
//! fingerprints a sign-off binds to, and roles. Each reads and writes exactly the string it
//! wraps (the same YAML and JSON as a `String`, the same JSON Schema), so the file formats do
//! not change; a field says what it holds, and a blob id cannot be passed where a timestamp is
//! expected. Each derefs to `str`, so reading one is as easy as reading a `String`.
//!
//! Sidecars are parsed first and validated after, so that an invalid value is reported at its
//! place in the file with a hint (see [`crate::model::sidecar`]); the rules of each value live
//! here, in its `check` function, and the loader calls them.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Implements, for a newtype over `String`: `Deref<Target = str>`, `as_str`, `Display`,
/// `Borrow<str>` (so `[T]::join` and map look-ups by `&str` work), `From<String>`,
/// `From<&str>`, comparisons with `str` and `String`, and a JSON Schema identical to a
/// `String`'s (inlined, so `factcheck schema` prints what it printed before these types).
macro_rules! string_value {
    ($t:ident) => {
        impl $t {
            /// The text as stored.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $t {
            fn from(s: String) -> $t {
                $t(s)
            }
        }

        impl From<&str> for $t {
            fn from(s: &str) -> $t {
                $t(s.to_string())
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                *self == other.0
            }
        }

        string_schema!($t);
    };
}

/// A JSON Schema identical to a `String`'s, inlined, for a type that reads and writes as a
/// plain string.
macro_rules! string_schema {
    ($t:ty) => {
        impl schemars::JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                String::schema_name()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                String::json_schema(generator)
            }
        }
    };
}

pub(crate) use string_schema;

/// When something was recorded: an RFC 3339 timestamp, written by factcheck in UTC to the
/// second (`2026-11-20T10:00:00Z`). Kept as the text that was read, so a sidecar is written
/// back byte for byte; compared as instants through [`Timestamp::instant`] (the latest
/// sign-off by time is a claim's verdict, whatever offset it was written with).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);
string_value!(Timestamp);

impl Timestamp {
    /// The instant it names, `None` when it is not RFC 3339.
    pub fn instant(&self) -> Option<OffsetDateTime> {
        crate::model::time::parse_timestamp(&self.0)
    }

    /// Why it is not a timestamp, if it is not (the message a sidecar's loader reports).
    pub fn check(&self) -> Result<(), String> {
        match self.instant() {
            Some(_) => Ok(()),
            None => Err(format!(
                "`{}` is not an RFC 3339 timestamp such as 2026-11-20T10:00:00Z",
                self.0
            )),
        }
    }
}

/// A git blob id (40 hex digits): which text of the article a sign-off, publication or
/// correction refers to, so later commands can show what changed since.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlobId(String);
string_value!(BlobId);

impl BlobId {
    /// Why it is not a blob id, if it is not (the message a sidecar's loader reports).
    pub fn check(&self) -> Result<(), String> {
        if self.0.len() == 40 && self.0.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(())
        } else {
            Err(format!("`{}` is not a git blob id (40 hex digits)", self.0))
        }
    }
}

/// What a sign-off approved, as `sha256:` and 64 hex digits: a claim's normalised words
/// ([`crate::text::fingerprint::text_hash`]), its kind and evidence
/// ([`crate::model::sidecar::Sidecar::evidence_fingerprint`]), or an article's set of claims
/// ([`crate::text::fingerprint::claims_digest`]). A sign-off whose fingerprint no longer matches is
/// stale.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fingerprint(String);
string_value!(Fingerprint);

impl Fingerprint {
    /// Whether it has the form `sha256:<64 hex digits>`.
    pub fn is_well_formed(&self) -> bool {
        self.0
            .strip_prefix("sha256:")
            .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
    }
}

/// A role someone holds and signs in: one of [`crate::model::rights::BuiltinRole`] (`writer`,
/// `fact-checker`, `editor`, `medical-reviewer`) or one a workflow declares under `roles:`.
/// Any text parses, since custom roles are the workflow's to name; whether a role is known is
/// checked where the config and workflow are loaded, with the file's position and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Role(String);
string_value!(Role);

impl std::str::FromStr for Role {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Role, Self::Err> {
        Ok(Role(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_and_write_as_plain_strings() {
        let at: Timestamp = serde_json::from_str("\"2026-11-20T10:00:00Z\"").unwrap();
        assert_eq!(
            serde_json::to_string(&at).unwrap(),
            "\"2026-11-20T10:00:00Z\""
        );
        assert!(at.check().is_ok() && at == "2026-11-20T10:00:00Z");
        assert_eq!(
            Timestamp::from("yesterday").check().unwrap_err(),
            "`yesterday` is not an RFC 3339 timestamp such as 2026-11-20T10:00:00Z"
        );
        assert!(BlobId::from("0".repeat(40)).check().is_ok());
        assert!(BlobId::from("nothex").check().is_err());
        assert!(Fingerprint::from(format!("sha256:{}", "a".repeat(64))).is_well_formed());
        assert!(!Fingerprint::from("sha256:zz").is_well_formed());
        let roles = vec![Role::from("editor"), Role::from("writer")];
        assert_eq!(roles.join(", "), "editor, writer");
        assert_eq!(
            serde_yaml::to_string(&roles).unwrap(),
            "- editor\n- writer\n"
        );
    }
}
