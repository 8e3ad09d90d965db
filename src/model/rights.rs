//! Who may do what: the one table of rights. Every refusal by role (`Project::actor`) and every
//! check of who made or removed a record (the gate's provenance and policy rules) reads
//! [`Action::right`], so the command line and the gate cannot disagree about a role.
//! docs/permissions.md prints the table; a test keeps it equal to the table as the code has it.

crate::model::spelled::spelled! {
    plain
    /// A role factcheck gives rights to by itself. A workflow may declare more roles (under
    /// `roles:`); they sign off claims or articles where the workflow asks for them, nothing
    /// else.
    pub enum BuiltinRole {
        /// Writes articles and tracks their claims and sources.
        Writer => "writer",
        /// Verifies claims.
        FactChecker => "fact-checker",
        /// Owns the policy and the roster, publishes, and may remove what others may not.
        Editor => "editor",
        /// Signs off medical claims and articles under the `health` workflow.
        MedicalReviewer => "medical-reviewer",
    }
}

/// The roles `factcheck init` gives the person who starts a project: they can track the first
/// article and, as its first editor, change the roster.
pub const FOUNDER: &[BuiltinRole] = &[BuiltinRole::Writer, BuiltinRole::Editor];

/// Who holds a right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holders {
    /// Anyone holding one of these roles.
    Roles(&'static [BuiltinRole]),
    /// Anyone holding a role the workflow asks to sign off claims of some kind.
    ClaimSigners,
    /// Anyone holding the role they sign in, when the workflow asks for an article sign-off
    /// by it.
    ArticleSigner,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Right {
    /// What it lets someone do, as messages say it: "cannot {doing}: …".
    pub doing: &'static str,
    /// Who may.
    pub holders: Holders,
    /// Separation of duties: when the workflow separates duties, an author of the article may
    /// not, whatever their roles.
    pub not_an_author: bool,
    /// The person a sign-off names may also take it back, whatever their roles.
    pub own_signoff: bool,
}

/// The roles that write and edit sidecars: claims, sources and citations.
const EDITORIAL: &[BuiltinRole] = &[
    BuiltinRole::Writer,
    BuiltinRole::Editor,
    BuiltinRole::FactChecker,
];
const WRITERS: &[BuiltinRole] = &[BuiltinRole::Writer, BuiltinRole::Editor];
const EDITORS: &[BuiltinRole] = &[BuiltinRole::Editor];

impl Action {
    /// The table: who may take this action.
    pub const fn right(self) -> Right {
        let (doing, holders) = self.row();
        Right {
            doing,
            holders,
            not_an_author: matches!(self, Action::VerifyClaims | Action::SignOff),
            own_signoff: matches!(self, Action::RemoveRecord),
        }
    }

    /// The built-in roles that hold this right: empty when the workflow decides
    /// ([`Holders::ClaimSigners`], [`Holders::ArticleSigner`]).
    pub fn roles(self) -> Vec<&'static str> {
        match self.right().holders {
            Holders::Roles(roles) => roles.iter().map(|r| r.as_str()).collect(),
            Holders::ClaimSigners | Holders::ArticleSigner => Vec::new(),
        }
    }
}

/// Declares [`Action`], its list and its row of the table in one place, so an action cannot
/// be added without saying who may take it.
macro_rules! actions {
    ($($(#[$doc:meta])* $name:ident => $doing:literal, $holders:expr;)*) => {
        /// Something a person does that their roles decide.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action {
            $($(#[$doc])* $name,)*
        }

        impl Action {
            /// Every action, in the order docs/permissions.md lists them.
            pub const ALL: &[Action] = &[$(Action::$name,)*];

            /// What the action is called in messages, and who may take it.
            const fn row(self) -> (&'static str, Holders) {
                match self {
                    $(Action::$name => ($doing, $holders),)*
                }
            }
        }
    };
}

use Holders::{ArticleSigner, ClaimSigners, Roles};

actions! {
    /// `track`: create an article's sidecar.
    TrackArticle => "track an article", Roles(WRITERS);
    /// `claim add`.
    AddClaims => "add claims", Roles(EDITORIAL);
    /// `claim edit`.
    EditClaims => "edit claims", Roles(EDITORIAL);
    /// `claim rm` of a claim nobody has signed off or judged.
    RemoveClaims => "remove claims", Roles(EDITORIAL);
    /// Remove or rename a guarded claim: one with sign-offs or a disputed or false verdict.
    RemoveGuardedClaim => "remove or rename a guarded claim", Roles(EDITORS);
    /// `reanchor`.
    Reanchor => "re-anchor claims", Roles(EDITORIAL);
    /// `source add`.
    AddSources => "add sources", Roles(EDITORIAL);
    /// `cite`.
    CiteSources => "cite sources", Roles(EDITORIAL);
    /// `source check`.
    CheckSources => "check sources", Roles(EDITORIAL);
    /// `source edit`.
    EditSources => "edit sources", Roles(EDITORIAL);
    /// `source rm`.
    RemoveSources => "remove sources", Roles(EDITORIAL);
    /// `verify`: sign a claim off.
    VerifyClaims => "verify claims", ClaimSigners;
    /// `signoff`: sign the whole article off in a role.
    SignOff => "sign off", ArticleSigner;
    /// `submit`.
    Submit => "submit articles", Roles(WRITERS);
    /// `publish`, and the publication record the gate accepts.
    Publish => "publish", Roles(EDITORS);
    /// `correct`, and the correction record the gate accepts.
    Correct => "record corrections", Roles(&[BuiltinRole::Editor, BuiltinRole::Writer]);
    /// `mv`.
    MoveArticles => "move articles", Roles(WRITERS);
    /// `people add|edit|rm`.
    ChangeRoster => "change the roster", Roles(EDITORS);
    /// Change `factcheck.yaml`, the workflow or the site's generator files, or make an
    /// article leave the gate, on a branch (FC056, FC057).
    ChangePolicy => "change the policy", Roles(EDITORS);
    /// Remove or alter an attested record (sign-off, publication, correction) someone else
    /// made (FC055).
    RemoveRecord => "remove another's record", Roles(EDITORS);
    /// Remove a name from a sidecar's `authors:` (FC055).
    RemoveAuthor => "remove an author", Roles(EDITORS);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// The table as docs/permissions.md shows it.
    fn markdown() -> String {
        let mut out = String::from("| action | who may | an author may not |\n|---|---|---|\n");
        for &action in Action::ALL {
            let right = action.right();
            let who = match right.holders {
                Holders::Roles(roles) => roles
                    .iter()
                    .map(|r| format!("`{}`", r.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
                Holders::ClaimSigners => "a role the workflow asks to sign off the claim".into(),
                Holders::ArticleSigner => "the role signed in, if the workflow asks for it".into(),
            };
            let who = match right.own_signoff {
                true => format!("{who}; the signer, for their own sign-off"),
                false => who,
            };
            let sod = if right.not_an_author { "yes" } else { "" };
            let _ = writeln!(out, "| {} | {who} | {sod} |", right.doing);
        }
        out
    }

    #[test]
    fn the_docs_show_the_table() {
        let docs = include_str!("../../docs/permissions.md");
        assert!(
            docs.contains(&markdown()),
            "docs/permissions.md must hold the table exactly as rights::markdown() prints it:\n{}",
            markdown()
        );
    }
}
