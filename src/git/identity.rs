//! Who is acting, when nobody said: git's `user.email`.

use std::path::Path;

/// git's `user.email` for the repository around `dir` (the user's global config outside one),
/// when set and not empty.
pub fn email(dir: &Path) -> Option<String> {
    let config = match git2::Repository::discover(dir) {
        Ok(repo) => repo.config().ok()?,
        Err(_) => git2::Config::open_default().ok()?,
    };
    config
        .get_string("user.email")
        .ok()
        .filter(|e| !e.is_empty())
}
