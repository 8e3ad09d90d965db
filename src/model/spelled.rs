//! Enums whose values are written in files and typed on the command line, each value spelled
//! once: [`spelled!`] declares the enum from a table of variant, spelling and documentation,
//! and gives it `ALL`, `as_str` and `help`. serde reads and writes that spelling (a
//! `#[serde(rename)]` per variant), and the command line offers it (`cli/values.rs`), so the
//! three cannot drift apart; a test holds serde to `as_str`.

/// Declares an enum from its table, `Debug`, `Clone`, `Copy`, `PartialEq` and `Eq` derived. The
/// first form is for enums serde reads and writes; the `plain` form for those only the command
/// line takes.
macro_rules! spelled {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*
        }
        $(default $default:ident;)?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[doc = $doc])* #[serde(rename = $text)] $variant,)*
        }
        $crate::model::spelled::spelled!(@impl $name { $($(#[doc = $doc])* $variant => $text,)* } $($default)?);
    };
    (
        plain
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[doc = $doc])* $variant,)*
        }
        $crate::model::spelled::spelled!(@impl $name { $($(#[doc = $doc])* $variant => $text,)* });
    };
    (@impl $name:ident { $($(#[doc = $doc:literal])* $variant:ident => $text:literal,)* } $($default:ident)?) => {
        // Every spelled enum gets all three; not every one needs each of them.
        #[allow(dead_code)]
        impl $name {
            /// Every value, in the order of the declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// Its spelling in files and on the command line.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The first line of its documentation, without the closing full stop, as the
            /// command line's help shows it.
            pub fn help(self) -> &'static str {
                match self {
                    $($name::$variant => $crate::model::spelled::first_line(&[$($doc),*]),)*
                }
            }
        }

        $(
            impl Default for $name {
                fn default() -> $name {
                    $name::$default
                }
            }
        )?
    };
}

pub(crate) use spelled;

/// The first line of a doc comment, trimmed, without a closing full stop.
pub fn first_line(doc: &[&'static str]) -> &'static str {
    let line = doc.first().map_or("", |l| l.trim());
    line.strip_suffix('.').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use crate::model::{ClaimKind, SourceKind, Stage, Status};

    fn serde_agrees<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + Copy>(
        all: &[T],
        as_str: impl Fn(T) -> &'static str,
    ) {
        for &v in all {
            let text = as_str(v);
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{text}\""));
            assert!(serde_json::from_str::<T>(&format!("\"{text}\"")).unwrap() == v);
        }
    }

    #[test]
    fn serde_spells_every_value_as_as_str_does() {
        serde_agrees(Status::ALL, Status::as_str);
        serde_agrees(ClaimKind::ALL, ClaimKind::as_str);
        serde_agrees(SourceKind::ALL, SourceKind::as_str);
        serde_agrees(Stage::ALL, Stage::as_str);
        assert_eq!(ClaimKind::Statistic.help(), "A number, rate or quantity");
    }
}
