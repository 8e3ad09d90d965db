//! End-to-end tests: the real `factcheck` binary in throwaway git repositories.
//!
//! One module per command family (as cargo's testsuite does), the attacks on the gate by threat
//! class under `attacks/`, and a few that cut across commands: `journey` (a user's whole path),
//! `snapshots` (whole outputs of the example newsroom), `accuracy` (claim tracking through a long
//! series of revisions), `browser` (a real browser renders a report) and `layout` (the
//! architecture, as a test).

mod accuracy;
mod attacks;
mod browser;
mod ci;
mod claim;
mod docs;
mod gate;
mod global;
mod hooks;
mod init;
mod journey;
mod layout;
mod merge;
mod mv;
mod pages;
mod people;
mod review;
mod revisions;
mod sites;
mod snapshots;
mod source;
mod stale;
mod support;
