//! The command line's side of the enums declared with `model::spelled::spelled!`: clap offers
//! each value by its one spelling, with the first line of its documentation as help. Clap's
//! types stay in `cli/`; the model only says how each value is spelled.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::model::schema::File;
use crate::model::{ClaimKind, SourceKind};
use crate::ops::hooks::Hook;

/// Implements [`ValueEnum`] for enums that have `ALL`, `as_str` and `help`.
macro_rules! offered {
    ($($t:ty),*) => {
        $(
            impl ValueEnum for $t {
                fn value_variants<'a>() -> &'a [Self] {
                    <$t>::ALL
                }

                fn to_possible_value(&self) -> Option<PossibleValue> {
                    let value = PossibleValue::new(self.as_str());
                    Some(match self.help() {
                        "" => value,
                        help => value.help(help),
                    })
                }
            }
        )*
    };
}

offered!(ClaimKind, SourceKind, File, Hook);
