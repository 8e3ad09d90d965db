//! End-to-end tests: the real `factcheck` binary in throwaway git repositories.

mod accuracy;
mod findings;
mod journey;
mod refusals;
mod revisions;
mod support;
