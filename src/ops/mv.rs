//! `mv`: move an article and its sidecar together. Moved by hand, the pair comes apart — a
//! sidecar left behind tracks nothing, the article arrives untracked, and the sidecar's
//! `article:` field names the old file — so the gate would fail on both paths.
//!
//! The move is staged in git's index as `git mv` stages it, so `git status` shows a rename and
//! history (`log`, provenance) follows the article: the article's index entry is moved as it
//! is, and the sidecar is staged with its `article:` field fixed (that line only: comments
//! stay). Nothing shells out to git.
//!
//! **A move is journaled.** It changes several files, and a process can be killed between any
//! two changes (Ctrl-C, `SIGKILL`, a full disk, `ulimit -f`). Before the first change, a journal
//! naming the move is written beside the article (`.factcheck-mv-<hash>.json`, [`journal_of`]);
//! each later [`Step`] looks at the files and does only what is not done yet; the journal goes
//! last. So running the same `factcheck mv OLD NEW` again after an interruption finishes the
//! move, whatever step it was stopped at, instead of refusing the half-moved files ("already
//! exists"). A different destination is refused until the journaled move is finished.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::io::worktree::{self, slash};
use crate::model::paths::{ArticlePath, sidecar_to_article};
use crate::model::rights::Action;
use crate::model::sidecar::Sidecar;
use crate::project::Project;

/// The steps of a move, in order. Each one after [`Step::Journal`] is done only if it is not
/// done yet, so a retry can run them all again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// The journal is written (fsync'd): from here on, a retry finishes the move.
    Journal,
    /// The sidecar is written at its new path, with `article:` naming the new file.
    SidecarIn,
    /// The article is renamed.
    Article,
    /// The old sidecar is deleted.
    SidecarOut,
    /// git's index records the rename.
    Index,
    /// The journal is deleted: the move is done.
    Done,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 6] = [
        Step::Journal,
        Step::SidecarIn,
        Step::Article,
        Step::SidecarOut,
        Step::Index,
        Step::Done,
    ];
}

/// The journal of a move under way.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Journal {
    /// What wrote it: `factcheck mv`.
    tool: String,
    /// The article's path before, relative to the project root.
    from: String,
    /// Its path after.
    to: String,
    /// Whether it has a sidecar to move.
    tracked: bool,
}

/// What [`mv`] did.
#[derive(Debug)]
pub struct Moved {
    /// The article's old paths.
    pub from: ArticlePath,
    /// Its new paths.
    pub to: ArticlePath,
    /// Whether this finished a move an earlier run left unfinished.
    pub resumed: bool,
}

/// Moves the article `from` to `to` (relative to the working directory; an existing folder
/// receives it under its name), with its sidecar; or finishes that move if an earlier run was
/// interrupted.
pub fn mv(p: &Project, from: &Path, to: &Path) -> Result<Moved> {
    mv_until(p, from, to, Step::Done)
}

/// [`mv`], stopped after `last`, as a process killed right after that step would leave it;
/// a later [`mv`] of the same paths finishes the move. For tests of that promise, which run
/// each step in turn.
pub fn mv_until(p: &Project, from: &Path, to: &Path, last: Step) -> Result<Moved> {
    p.actor(Action::MoveArticles)?;
    let asked = requested(p, from)?;
    let journal = journal_of(&asked);
    if let Some(j) = read_journal(p, &journal)? {
        let to_path = p.article_path(Path::new(&j.to));
        let wanted = place(p, &asked, to)?;
        if wanted.rel != to_path.rel {
            return Err(Error::usage_hint(
                format!(
                    "an interrupted move of {} to {} is not finished",
                    asked.rel, to_path.rel
                ),
                format!(
                    "finish it first: factcheck mv {} {}; then move the article again",
                    asked.rel, to_path.rel
                ),
            ));
        }
        let _locks = lock_both(p, &asked, &to_path)?;
        let from = asked;
        resumable(p, &from, &to_path, j.tracked, &journal)?;
        for step in Step::ALL.into_iter().skip(1).filter(|s| *s <= last) {
            run(p, &from, &to_path, j.tracked, &journal, step)?;
        }
        return Ok(Moved {
            from,
            to: to_path,
            resumed: true,
        });
    }
    let from = p.article(from)?;
    let target = destination(p, &from, to)?;
    let new_dir = target.abs.parent().unwrap_or(&p.root);
    worktree::create_dir_all(&p.root, new_dir)?;
    let _locks = lock_both(p, &from, &target)?;
    // Checked again under the locks: another move may have moved the article, or taken the
    // place, meanwhile.
    let from = p.article(Path::new(&from.rel))?;
    let to = destination(p, &from, to)?;
    let tracked = worktree::exists(&from.sidecar_abs);
    if tracked {
        // A sidecar that would not load at its new place refuses the move before any change.
        moved_sidecar(&from, &to)?;
    }
    for step in Step::ALL.into_iter().filter(|s| *s <= last) {
        if let Err(e) = run(p, &from, &to, tracked, &journal, step) {
            if step <= Step::Article {
                roll_back(&from, &to, tracked, &journal);
            }
            return Err(e);
        }
    }
    Ok(Moved {
        from,
        to,
        resumed: false,
    })
}

/// Does `step` of the move of `from` to `to`, unless the files show it done.
fn run(
    p: &Project,
    from: &ArticlePath,
    to: &ArticlePath,
    tracked: bool,
    journal: &Path,
    step: Step,
) -> Result<()> {
    match step {
        Step::Journal => {
            let j = Journal {
                tool: "factcheck mv".into(),
                from: from.rel.clone(),
                to: to.rel.clone(),
                tracked,
            };
            let text = serde_json::to_string_pretty(&j).expect("serialisable") + "\n";
            worktree::write(&p.root, journal, &text).map(drop)
        }
        Step::SidecarIn if tracked => {
            if worktree::exists(&from.sidecar_abs) {
                // Written again on a retry: the old sidecar is the one to trust until it goes.
                worktree::write(&p.root, &to.sidecar_abs, &moved_sidecar(from, to)?).map(drop)
            } else if worktree::exists(&to.sidecar_abs) {
                Ok(())
            } else {
                Err(Error::usage(format!(
                    "moving {} to {}: its sidecar is at neither {} nor {}",
                    from.rel, to.rel, from.sidecar_rel, to.sidecar_rel
                )))
            }
        }
        Step::Article => {
            match (worktree::exists(&from.abs), worktree::exists(&to.abs)) {
                (true, false) => {
                    std::fs::rename(
                        worktree::resolve(&p.root, &from.abs)?,
                        worktree::resolve(&p.root, &to.abs)?,
                    )
                    .map_err(|e| Error::io(&from.abs, e))?;
                    sync_dirs(&[&from.abs, &to.abs]);
                }
                (false, true) => {}
                (true, true) => {
                    return Err(Error::usage_hint(
                        format!(
                            "moving {} to {}: both files exist, so factcheck cannot tell which is the article",
                            from.rel, to.rel
                        ),
                        format!(
                            "keep the one you want at {}, delete the other, and run the move again",
                            to.rel
                        ),
                    ));
                }
                (false, false) => {
                    return Err(Error::usage(format!(
                        "moving {} to {}: the article is at neither place",
                        from.rel, to.rel
                    )));
                }
            }
            Ok(())
        }
        Step::SidecarOut if tracked && worktree::exists(&from.sidecar_abs) => {
            let real = worktree::resolve(&p.root, &from.sidecar_abs)?;
            std::fs::remove_file(&real).map_err(|e| Error::io(&from.sidecar_abs, e))?;
            sync_dirs(&[&real]);
            Ok(())
        }
        Step::Index => stage(&p.root, from, to, tracked),
        Step::Done => match std::fs::remove_file(journal) {
            Ok(()) => {
                sync_dirs(&[journal]);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(journal, e)),
        },
        Step::SidecarIn | Step::SidecarOut => Ok(()),
    }
}

/// Undoes a fresh move that failed at or before renaming the article (a destination on
/// another file system, a permission): the sidecar written at the new place and the journal
/// go, so nothing is left half done. Best effort: the error that stopped the move is the one
/// reported.
fn roll_back(from: &ArticlePath, to: &ArticlePath, tracked: bool, journal: &Path) {
    if worktree::exists(&from.abs) && !worktree::exists(&to.abs) {
        if tracked && worktree::exists(&from.sidecar_abs) {
            let _ = std::fs::remove_file(&to.sidecar_abs);
        }
        let _ = std::fs::remove_file(journal);
    }
}

/// The journal of a move of the article at `from`: in its folder, named after its path.
pub fn journal_of(from: &ArticlePath) -> PathBuf {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(from.rel.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    from.abs.with_file_name(format!(".factcheck-mv-{hex}.json"))
}

/// The journal at `path`, if there is one.
fn read_journal(p: &Project, path: &Path) -> Result<Option<Journal>> {
    let text = match worktree::read(&p.root, path) {
        Ok(text) => text,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let shown = path.strip_prefix(&p.root).unwrap_or(path).to_path_buf();
    match serde_json::from_str::<Journal>(&text) {
        Ok(j) if j.tool == "factcheck mv" => Ok(Some(j)),
        _ => Err(Error::Invalid {
            file: shown,
            pos: crate::error::Pos { line: 1, column: 1 },
            message: "not the journal of a `factcheck mv` under way".into(),
            hint: Some("factcheck writes this file while it moves an article; delete it if you wrote it, then move the article again".into()),
        }),
    }
}

/// The paths of the article `arg` names (its Markdown file or its sidecar), which need not
/// exist any more: a move may have taken it away.
fn requested(p: &Project, arg: &Path) -> Result<ArticlePath> {
    let abs = worktree::resolve(&p.root, &sidecar_to_article(&p.cwd.join(arg)))?;
    let rel = abs.strip_prefix(&p.root).map_err(|_| {
        Error::usage(format!(
            "{}: outside the repository at {}",
            arg.display(),
            p.root.display()
        ))
    })?;
    Ok(p.article_path(rel))
}

/// Refuses to finish a journaled move that the files do not bear out: a journal committed to
/// the repository (no interruption of this work tree wrote it), a destination that is no
/// article path, or files at the destination that this move did not put there. Finishing
/// such a "move" would write over another article's sidecar.
fn resumable(
    p: &Project,
    from: &ArticlePath,
    to: &ArticlePath,
    tracked: bool,
    journal: &Path,
) -> Result<()> {
    let refuse = |why: String| {
        Err(Error::usage_hint(
            format!(
                "{}: {why}; it is not the record of an interrupted move",
                journal.strip_prefix(&p.root).unwrap_or(journal).display()
            ),
            "delete the journal if no move is under way, then run the move again",
        ))
    };
    if committed(&p.root, journal) {
        return refuse("the journal is committed to the repository".into());
    }
    if to.rel.ends_with(".claims.yaml") || !p.matches_globs(&to.rel) {
        return refuse(format!("{} is not an article path", to.rel));
    }
    if worktree::exists(&from.abs) && worktree::exists(&to.abs) {
        return refuse(format!("{} is another file", to.rel));
    }
    let ours = || moved_sidecar(from, to).ok();
    let sidecar_now = || worktree::read(&p.root, &to.sidecar_abs).ok();
    let foreign = tracked
        && worktree::exists(&from.sidecar_abs)
        && worktree::exists(&to.sidecar_abs)
        && sidecar_now() != ours();
    if foreign || (!tracked && worktree::exists(&to.sidecar_abs)) {
        return refuse(format!("{} is another article's sidecar", to.sidecar_rel));
    }
    Ok(())
}

/// Whether `path` is in git's index.
fn committed(root: &Path, path: &Path) -> bool {
    let Ok(repo) = git2::Repository::discover(root) else {
        return false;
    };
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return false;
    };
    let Ok(rel) = path.strip_prefix(&workdir) else {
        return false;
    };
    repo.index()
        .is_ok_and(|i| i.get_path(Path::new(&slash(rel)), 0).is_some())
}

/// Takes the locks of the two folders, in path order so that two moves never wait on each
/// other.
fn lock_both(
    p: &Project,
    from: &ArticlePath,
    to: &ArticlePath,
) -> Result<Vec<crate::io::store::DirLock>> {
    let mut dirs = [&from.sidecar_abs, &to.sidecar_abs];
    dirs.sort_by_key(|d| d.parent().map(Path::to_path_buf));
    let mut locks = vec![worktree::lock(&p.root, dirs[0])?];
    if dirs[0].parent() != dirs[1].parent() {
        locks.push(worktree::lock(&p.root, dirs[1])?);
    }
    Ok(locks)
}

/// The sidecar of `from` as it reads at `to`, checked to load there.
fn moved_sidecar(from: &ArticlePath, to: &ArticlePath) -> Result<String> {
    let text = Sidecar::load(from)?.text;
    let moved = retarget(&text, &to.file_name());
    Sidecar::parse(&moved, Path::new(&to.sidecar_rel), &to.file_name())?;
    Ok(moved)
}

/// Flushes the folders of `files` to disk, so the order of the steps survives a power cut.
/// Best effort: not every platform can fsync a folder.
fn sync_dirs(files: &[&Path]) {
    for f in files {
        if let Some(dir) = f.parent()
            && let Ok(d) = std::fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
    }
}

/// The sidecar `text` naming the article `name`: only the top-level `article:` line changes,
/// so comments and layout stay (the result is parsed again before it is written).
fn retarget(text: &str, name: &str) -> String {
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let value = if plain {
        name.to_string()
    } else {
        serde_json::to_string(name).expect("strings serialise")
    };
    text.split_inclusive('\n')
        .map(|line| match line.strip_prefix("article:") {
            Some(_) => format!("article: {value}\n"),
            None => line.to_string(),
        })
        .collect()
}

/// The article path `to` asks for: `to` itself, or `from`'s name inside `to` when it is a
/// folder. Not checked further.
fn place(p: &Project, from: &ArticlePath, to: &Path) -> Result<ArticlePath> {
    let mut abs = worktree::resolve(&p.root, &p.cwd.join(to))?;
    if abs.is_dir() {
        abs.push(from.file_name());
    }
    let rel: PathBuf = abs
        .strip_prefix(&p.root)
        .map_err(|_| {
            Error::usage_hint(
                format!("{}: outside the repository", to.display()),
                format!("articles move within {}", p.root.display()),
            )
        })?
        .to_path_buf();
    Ok(p.article_path(&rel))
}

/// Where `to` puts the article, refusing a path that exists, leaves the repository or is no
/// article by the `articles:` globs.
fn destination(p: &Project, from: &ArticlePath, to: &Path) -> Result<ArticlePath> {
    let target = place(p, from, to)?;
    if target.rel == from.rel {
        return Err(Error::usage(format!("{} is already there", from.rel)));
    }
    if target.rel.ends_with(".claims.yaml") || !p.matches_globs(&target.rel) {
        return Err(Error::usage_hint(
            format!(
                "{}: not an article path by the `articles:` globs",
                target.rel
            ),
            format!(
                "choose a path they match ({}); an editor changes the globs in factcheck.yaml",
                p.config.articles.join(", ")
            ),
        ));
    }
    for (path, shown) in [
        (&target.abs, &target.rel),
        (&target.sidecar_abs, &target.sidecar_rel),
    ] {
        if worktree::exists(path) {
            return Err(Error::usage_hint(
                format!("{shown} already exists"),
                "choose another name, or move or remove that file first",
            ));
        }
    }
    Ok(target)
}

/// Records the move in git's index, when the files are in a git repository: the article's
/// entry moves as it is (staged content stays staged), the sidecar is staged as written. Run
/// again, it changes nothing.
fn stage(root: &Path, from: &ArticlePath, to: &ArticlePath, tracked: bool) -> Result<()> {
    let Ok(repo) = git2::Repository::discover(root) else {
        return Ok(());
    };
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return Ok(());
    };
    let in_repo = |abs: &Path| abs.strip_prefix(&workdir).map(slash).ok();
    let (Some(old), Some(new)) = (in_repo(&from.abs), in_repo(&to.abs)) else {
        return Ok(());
    };
    let mut index = repo.index()?;
    if let Some(mut entry) = index.get_path(Path::new(&old), 0) {
        entry.path = new.into_bytes();
        index.add(&entry)?;
        index.remove_path(Path::new(&old))?;
    }
    if let (true, Some(old), Some(new)) = (
        tracked,
        in_repo(&from.sidecar_abs),
        in_repo(&to.sidecar_abs),
    ) && index.get_path(Path::new(&old), 0).is_some()
    {
        index.remove_path(Path::new(&old))?;
        index.add_path(Path::new(&new))?;
    }
    index.write()?;
    Ok(())
}
