//! Who acts: the person behind `--as`, `$FACTCHECK_USER` or git's `user.email`, and whether
//! the table of rights (`model/rights.rs`) lets them act. Every refusal by role is here.

use crate::error::{Error, Result};
use crate::model::config::{CONFIG_FILE, Person};
use crate::model::rights::{Action, Holders};

use super::Project;

impl Project {
    /// The acting person, who must be in `people` and hold a role the table of rights
    /// ([`Action::right`]) gives to take `action`.
    pub fn actor(&self, action: Action) -> Result<&Person> {
        let roles = match action.right().holders {
            Holders::ClaimSigners => self.workflow.claim_signoff_roles(),
            Holders::Roles(_) | Holders::ArticleSigner => action.roles(),
        };
        self.acting(&roles, action.right().doing)
    }

    /// The acting person, to take `action` in `role` they name (`signoff --role`): they must
    /// hold it.
    pub fn actor_in(&self, action: Action, role: &str) -> Result<&Person> {
        self.acting(&[role], &format!("{} as {role}", action.right().doing))
    }

    /// Whether `person` holds a role that lets them take `action` whatever the workflow says.
    pub fn may(&self, person: &Person, action: Action) -> bool {
        action.roles().iter().any(|r| person.has(r))
    }

    /// The acting person, who must be in `people` and hold one of `roles` (any role when
    /// empty) to do `doing`.
    fn acting(&self, roles: &[&str], action: &str) -> Result<&Person> {
        crate::io::worktree::require_git(&self.root, action)?;
        let who = self.identity().ok_or_else(|| {
            Error::refused(
                format!("cannot {action}: no identity"),
                "pass --as EMAIL, set FACTCHECK_USER, or set git's user.email",
            )
        })?;
        let person = self.person(who).ok_or_else(|| {
            Error::refused(
                format!("cannot {action}: {who} is not in `people` in {CONFIG_FILE}"),
                format!("an editor adds them to {CONFIG_FILE} with the roles they need"),
            )
        })?;
        if !roles.is_empty() && !roles.iter().any(|r| person.has(r)) {
            return Err(Error::refused(
                format!(
                    "cannot {action}: {who} does not hold the role {}",
                    roles.join(" or ")
                ),
                format!(
                    "{who} holds: {}",
                    if person.roles.is_empty() {
                        "no roles".into()
                    } else {
                        person.roles.join(", ")
                    }
                ),
            ));
        }
        Ok(person)
    }
}
