//! Files: the work tree as factcheck may touch it (no link followed), atomic and locked writes,
//! the files git knows, evidence snapshots and the network.

pub mod evidence;
pub mod inventory;
pub mod online;
pub mod store;
pub mod worktree;
