//! Revisions named on the command line, resolved so that no pushed ref can shadow them.

use git2::{Commit, Oid};

use super::History;
use crate::error::{Error, Result};

impl History {
    /// Resolves a revision to a commit, refusing a name that could mean two things.
    ///
    /// `git rev-parse origin/main` prefers `refs/tags/origin/main`, a tag anyone with push
    /// access can create, over the remote-tracking branch: the pull-request gate would then be
    /// judged against a base the branch chose. So a short name is looked up under every prefix
    /// git tries (`refs/`, `refs/tags/`, `refs/heads/`, `refs/remotes/`, `refs/remotes/…/HEAD`)
    /// and, when more than one exists and they point at different commits, refused with the
    /// full names to choose from; a full ref name (`refs/remotes/origin/main`), `HEAD` or a
    /// commit id is taken as it is (docs/ci.md, "The base").
    pub fn resolve(&self, rev: &str) -> Result<Commit<'_>> {
        let unknown = |message: String| {
            Error::usage_hint(
                format!("unknown revision `{rev}`: {message}"),
                "give a commit id, a branch, a tag or a full ref name, e.g. refs/remotes/origin/main",
            )
        };
        let split = rev.find(['~', '^', '@', ':', '{']).unwrap_or(rev.len());
        let (name, suffix) = rev.split_at(split);
        let full = self.unambiguous(name)?;
        let spec = format!("{}{suffix}", full.as_deref().unwrap_or(name));
        self.repo
            .revparse_single(&spec)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| unknown(e.message().to_string()))
    }

    /// The one full ref name a short `name` stands for (`None`: take `name` as it is — empty,
    /// `HEAD`, a full ref name or an object id that no ref name shadows), or the refusal of a
    /// name that stands for refs pointing at different commits.
    fn unambiguous(&self, name: &str) -> Result<Option<String>> {
        if name.is_empty() || name == "HEAD" || name.starts_with("refs/") {
            return Ok(None);
        }
        // A full object id is an object id, as git reads it, whatever refs are named like it:
        // a tag named like the base's commit must not turn every pull request away.
        let full_id = matches!(name.len(), 40 | 64) && name.bytes().all(|b| b.is_ascii_hexdigit());
        if full_id && self.repo.find_commit_by_prefix(name).is_ok() {
            return Ok(Some(name.to_string()));
        }
        let candidates = [
            format!("refs/{name}"),
            format!("refs/tags/{name}"),
            format!("refs/heads/{name}"),
            format!("refs/remotes/{name}"),
            format!("refs/remotes/{name}/HEAD"),
        ];
        let mut found: Vec<(String, Oid)> = Vec::new();
        for full in candidates {
            let target = self
                .repo
                .find_reference(&full)
                .and_then(|r| r.peel_to_commit())
                .map(|c| c.id());
            if let Ok(oid) = target {
                found.push((full, oid));
            }
        }
        let is_hex = name.len() >= 4 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if is_hex && let Ok(commit) = self.repo.find_commit_by_prefix(name) {
            found.push((commit.id().to_string(), commit.id()));
        }
        match found.first() {
            None => Ok(None),
            Some((first, oid)) if found.iter().all(|(_, o)| o == oid) => Ok(Some(first.clone())),
            Some(_) => {
                let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
                Err(Error::usage_hint(
                    format!(
                        "revision `{name}` is ambiguous: it names {}, which point at different commits",
                        names.join(" and ")
                    ),
                    "give the full ref name (e.g. refs/remotes/origin/main) or the commit id; in CI, pass the base commit id the host provides",
                ))
            }
        }
    }
}
