//! Git: the history of articles and sidecars, and commit signatures.

pub mod history;
pub mod identity;
pub mod signature;
