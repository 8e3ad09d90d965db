//! The roster for people: who holds which roles after `people edit`, and whose sign-offs stop
//! counting when someone leaves `people` or loses a role.

use crate::model::Role;

/// `EMAIL now holds: ROLE, ROLE` (or `no roles`).
pub fn holds(email: &str, roles: &[Role]) -> String {
    format!(
        "{email} now holds: {}",
        if roles.is_empty() {
            "no roles".into()
        } else {
            roles.join(", ")
        }
    )
}

/// How many of `email`'s sign-offs stop counting, and `why`; nothing when none do.
pub fn lost(email: &str, n: usize, why: &str) -> Option<String> {
    (n > 0).then(|| {
        format!(
            "{n} sign-off(s) by {email} no longer count (FC035: {why}); reviewers re-verify those claims and articles"
        )
    })
}
