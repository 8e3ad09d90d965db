//! End-to-end tests: the real `factcheck` binary in throwaway git repositories.

mod accuracy;
mod attacks;
mod browser;
mod ci;
mod durability;
mod ecosystem;
mod editing;
mod findings;
mod gitflow;
mod hooks;
mod hostile;
mod journey;
mod layout;
mod linear;
mod links;
mod noise;
mod pages;
mod refusals;
mod revisions;
mod signatures;
mod sites;
mod snapshots;
mod suggest;
mod support;
mod views;
mod visible;
