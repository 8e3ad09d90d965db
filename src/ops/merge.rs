//! The git merge driver for sidecars: a three-way merge of claims, sources and sign-offs
//! ([`crate::model::merge`]), with git's own merge as the fallback for what it cannot settle.

use crate::error::{Error, Result};
use crate::model::sidecar::Sidecar;
use std::path::Path;

/// What `merge-driver` did.
pub enum MergeOutcome {
    /// Merged cleanly.
    Clean,
    /// Merged, with this many conflicts recorded under `conflicts:`.
    Conflicts(usize),
    /// A side was not a valid sidecar: a line-by-line merge was written, with conflict markers
    /// where the lines conflict, and it is not (yet) a valid sidecar.
    Textual,
}

/// The sidecar merge driver: merges `base` (may be empty) and `theirs` into `ours` (git's
/// `%O %A %B`, files git writes in the work tree around `cwd`, relative to it), writing the
/// result to `ours` atomically. A side holding comments written by hand is merged line by line, which keeps
/// them; the structured merge writes the canonical text, which has none.
pub fn merge_driver(cwd: &Path, base: &Path, ours: &Path, theirs: &Path) -> Result<MergeOutcome> {
    let cwd = cwd.canonicalize().map_err(|e| Error::io(cwd, e))?;
    let root = &crate::io::worktree::of(&cwd);
    let (base, ours, theirs) = (&cwd.join(base), &cwd.join(ours), &cwd.join(theirs));
    let read = |p: &Path| crate::io::worktree::read(root, p);
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let parse = |text: &str, p: &Path| crate::text::yaml::parse::<Sidecar>(text, p);
    let parsed = (
        if b.trim().is_empty() {
            Ok(None)
        } else {
            parse(&b, base).map(Some)
        },
        parse(&o, ours),
        parse(&t, theirs),
    );
    let commented = [&b, &o, &t]
        .iter()
        .any(|text| crate::model::sidecar::hand_comment(text).is_some());
    match parsed {
        (Ok(bs), Ok(os), Ok(ts)) if !commented => {
            let merged = crate::model::merge::merge(bs.as_ref(), &os, &ts);
            crate::io::worktree::write(root, ours, &merged.to_yaml())?;
            Ok(match merged.conflicts.len() {
                0 => MergeOutcome::Clean,
                n => MergeOutcome::Conflicts(n),
            })
        }
        _ => {
            let (mut bi, mut oi, mut ti) = (
                git2::MergeFileInput::new(),
                git2::MergeFileInput::new(),
                git2::MergeFileInput::new(),
            );
            // git2's merge_file does not initialise libgit2 itself; any other entry point
            // (here a throwaway config object) does.
            let _ = git2::Config::new();
            // libgit2 wants the same path on each side (it merges renames too).
            let name = ours
                .file_name()
                .map(Path::new)
                .unwrap_or(Path::new("sidecar"));
            bi.content(b.as_bytes()).path(name);
            oi.content(o.as_bytes()).path(name);
            ti.content(t.as_bytes()).path(name);
            let mut opts = git2::MergeFileOptions::new();
            opts.ancestor_label("base")
                .our_label("ours")
                .their_label("theirs");
            let result = git2::merge_file(&bi, &oi, &ti, Some(&mut opts))?;
            let text = String::from_utf8_lossy(result.content()).into_owned();
            crate::io::worktree::write(root, ours, &text)?;
            // Clean only if the lines merged and the result is a valid sidecar.
            let valid = crate::text::yaml::parse::<Sidecar>(&text, ours).is_ok();
            Ok(if result.is_automergeable() && valid {
                MergeOutcome::Clean
            } else {
                MergeOutcome::Textual
            })
        }
    }
}
