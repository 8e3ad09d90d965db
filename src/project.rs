//! The project: the repository root (where `factcheck.yaml` lives), its validated config and
//! workflow, the clock and the acting identity. Every command runs against one [`Project`].

use std::path::{Path, PathBuf};

use crate::error::{Error, Pos, Result};
use crate::io::worktree::{self, slash};
use crate::model::config::Person;
use crate::model::config::{CONFIG_FILE, Config};
use crate::model::paths::{ArticlePath, article_of, sidecar_of, sidecar_to_article};
use crate::model::time::Clock;
use crate::model::workflow::Workflow;
use crate::text::article::Article;
use crate::text::site::{Generator, Syntax};
use crate::text::yaml;

mod actor;

pub use crate::io::inventory::PathList;

/// A loaded project.
pub struct Project {
    /// The repository root (contains `factcheck.yaml`).
    pub root: PathBuf,
    /// The directory commands resolve relative paths against.
    pub cwd: PathBuf,
    /// The config.
    pub config: Config,
    /// The workflow it names.
    pub workflow: Workflow,
    /// The clock.
    pub clock: Clock,
    /// The site generator: `generator:` in the config, or detected.
    pub generator: Generator,
    /// Who is acting: as given, or git's `user.email`, looked up when first asked for.
    identity: std::sync::OnceLock<Option<String>>,
    globs: crate::model::globs::ArticleGlobs,
}

/// Where a command runs and on whose behalf: what opening its project takes. The
/// pull-request gate opens the project under its base's policy instead of the work tree's
/// ([`crate::check::change::since`]), so it needs these rather than an opened project.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// The directory the command runs in.
    pub cwd: PathBuf,
    /// `--as` or `FACTCHECK_USER`, if given.
    pub identity: Option<String>,
    /// The clock.
    pub clock: Clock,
}

impl Invocation {
    /// The project of the work tree, under its own policy.
    pub fn open(&self) -> Result<Project> {
        Project::open(&self.cwd, self.identity.clone(), self.clock)
    }
}

/// A policy to open a project under: the text of a `factcheck.yaml`, how to read the workflow
/// file it names (root-relative name → text), and how to read the files the site generator is
/// detected from (root-relative name → text, `None` when absent). The work tree's, or a base
/// revision's: a branch cannot relax the rules it is checked by (docs/spec.md §5).
pub struct Policy<'a> {
    /// The `factcheck.yaml` text.
    pub config: &'a str,
    /// Reads the workflow file the config names (already checked to be inside the repository
    /// and outside `.git`).
    pub workflow: &'a dyn Fn(&str) -> Result<String>,
    /// Reads a generator configuration file.
    pub file: &'a dyn Fn(&str) -> Option<String>,
}

impl Project {
    /// Finds `factcheck.yaml` in `cwd` or a parent and loads everything.
    pub fn open(cwd: &Path, identity: Option<String>, clock: Clock) -> Result<Project> {
        let (cwd, root) = Project::locate(cwd)?;
        // A linked config is refused before it is read, so its target never shows in an error.
        let text = crate::io::worktree::read(&root, &root.join(CONFIG_FILE))?;
        let workflow = |name: &str| crate::io::worktree::read(&root, &root.join(name));
        let file = |name: &str| {
            let path = root.join(name);
            worktree::exists(&path).then(|| worktree::read(&root, &path).unwrap_or_default())
        };
        let policy = Policy {
            config: &text,
            workflow: &workflow,
            file: &file,
        };
        Project::load(cwd.clone(), root.clone(), identity, clock, &policy)
    }

    /// The canonical `cwd` and the root above it (the folder holding `factcheck.yaml`).
    pub fn locate(cwd: &Path) -> Result<(PathBuf, PathBuf)> {
        let cwd = cwd.canonicalize().map_err(|e| Error::io(cwd, e))?;
        // Inside a git work tree the project is in it: a `factcheck.yaml` above the clone
        // (planted in a shared folder or the home directory) would read files outside it.
        let top = crate::io::worktree::git_work_tree(&cwd);
        let root = cwd
            .ancestors()
            .take_while(|d| top.as_ref().is_none_or(|t| d.starts_with(t)))
            .find(|d| crate::io::worktree::exists(&d.join(CONFIG_FILE)))
            .ok_or_else(|| {
                Error::usage_hint(
                    format!(
                        "no {CONFIG_FILE} in {} or any parent directory{}",
                        cwd.display(),
                        match &top {
                            Some(_) => " of its git work tree",
                            None => "",
                        }
                    ),
                    "run `factcheck init` at the root of your repository",
                )
            })?
            .to_path_buf();
        Ok((cwd, root))
    }

    /// The project at `root` under `policy`: the config, the workflow it names (a built-in or
    /// a file the policy reads), the generator it names or the policy's files show, and the
    /// article globs.
    pub fn load(
        cwd: PathBuf,
        root: PathBuf,
        identity: Option<String>,
        clock: Clock,
        policy: &Policy<'_>,
    ) -> Result<Project> {
        let file = Path::new(CONFIG_FILE);
        let config: Config = yaml::parse(policy.config, file)?;
        // Where the config names its workflow, for the errors about that name.
        let named = yaml::Locator::new(policy.config)
            .value_of("workflow", 1)
            .unwrap_or(Pos { line: 1, column: 1 });
        let mut workflow = Workflow::load(&config.workflow, (file, named), policy.workflow)?;
        let generator = config
            .generator
            .unwrap_or_else(|| Generator::detect_in(policy.file).0);
        let globs = validate_config(&config, &workflow, policy.config, generator)?;
        workflow.override_severity(&config.severity);
        // Only commands that act on someone's behalf need git's `user.email`; looking it up
        // opens the repository, so it waits until asked for.
        let identity = match identity {
            Some(given) => std::sync::OnceLock::from(Some(given)),
            None => std::sync::OnceLock::new(),
        };
        Ok(Project {
            root,
            cwd,
            config,
            workflow,
            clock,
            generator,
            identity,
            globs,
        })
    }

    /// Parses and validates `text` as this project's `factcheck.yaml` under its workflow,
    /// before it is written (`people` edits it).
    pub fn check_config(&self, text: &str) -> Result<Config> {
        let config: Config = yaml::parse(text, Path::new(CONFIG_FILE))?;
        validate_config(&config, &self.workflow, text, self.generator)?;
        Ok(config)
    }

    /// Writes an output file the user named (a report page, a dashboard), creating its
    /// folder; the path may lie outside the work tree, and inside it no link is followed.
    pub fn write_output(&self, path: &Path, contents: &str) -> Result<PathBuf> {
        worktree::write_output(&worktree::of(&self.root), path, contents)
    }

    /// Reads and parses the article of `path` with the site's syntax; misplaced
    /// `factcheck: off`/`on` markers are an input error.
    pub fn load_article(&self, path: &ArticlePath) -> Result<Article> {
        let text = worktree::read(&self.root, &path.abs)?;
        let article = Article::parse_as(
            text,
            self.syntax(&path.rel),
            &self.workflow.excluded_sections,
        );
        Ok(article.validated(&path.rel)?)
    }

    /// How the article at root-relative `rel` is read: the template syntax of the site's
    /// generator (see [`crate::text::site`]).
    pub fn syntax(&self, rel: &str) -> Syntax {
        self.generator.syntax(rel)
    }

    /// The article root-relative file `rel` belongs to, as [`article_of`] says, except that
    /// the sidecar of an article that is not `x.md` (`x.mdx`, `x.markdown`, `x.MD`) belongs to
    /// the article beside it.
    pub fn article_for(&self, rel: &str) -> String {
        let article = article_of(rel);
        let exists = |f: &str| crate::io::worktree::exists(&self.root.join(f));
        let Some(stem) = rel.strip_suffix(".claims.yaml") else {
            return article;
        };
        if exists(&article) {
            return article;
        }
        crate::text::site::PAGE_EXTENSIONS
            .iter()
            .flat_map(|e| [e.to_string(), e.to_ascii_uppercase()])
            .map(|e| format!("{stem}.{e}"))
            .find(|f| exists(f))
            .unwrap_or(article)
    }

    /// Whether root-relative `rel` names the local workflow file (not a built-in).
    pub fn is_workflow_file(&self, rel: &str) -> bool {
        crate::model::workflow::is_file_name(&self.config.workflow) && rel == self.config.workflow
    }

    /// Whether root-relative `rel` matches the `articles:` globs (whether or not it exists).
    pub fn matches_globs(&self, rel: &str) -> bool {
        self.globs.is_match(rel)
    }

    /// Who is acting, if known: `--as`, `FACTCHECK_USER`, or git's `user.email`.
    pub fn identity(&self) -> Option<&str> {
        self.identity
            .get_or_init(|| crate::git::identity::email(&self.root))
            .as_deref()
    }

    /// The person with `email`.
    pub fn person(&self, email: &str) -> Option<&Person> {
        self.config.person(email)
    }

    /// Resolves a command-line article path (the `.md` or its sidecar) inside the repository.
    /// A symbolic link met inside the repository on the way is refused ([`crate::io::worktree`]).
    pub fn article(&self, arg: &Path) -> Result<ArticlePath> {
        let abs = if arg.is_absolute() {
            arg.to_path_buf()
        } else {
            self.cwd.join(arg)
        };
        let abs = crate::io::worktree::resolve(&self.root, &sidecar_to_article(&abs))?;
        if !abs.is_file() {
            return Err(Error::usage(format!("{}: no such article", arg.display())));
        }
        let rel = abs.strip_prefix(&self.root).map_err(|_| {
            Error::usage(format!(
                "{}: outside the repository at {}",
                arg.display(),
                self.root.display()
            ))
        })?;
        Ok(self.article_path(rel))
    }

    /// The paths of the article at root-relative `rel` (which is not checked to exist).
    pub fn article_path(&self, rel: &Path) -> ArticlePath {
        let abs = self.root.join(rel);
        let sidecar_abs = sidecar_of(&abs);
        let sidecar_rel = sidecar_abs
            .strip_prefix(&self.root)
            .unwrap_or(&sidecar_abs)
            .to_path_buf();
        ArticlePath {
            abs,
            rel: slash(rel),
            sidecar_abs,
            sidecar_rel: slash(&sidecar_rel),
            root: self.root.clone(),
        }
    }

    /// Whether root-relative `rel` is an existing article matched by the `articles:` globs. An
    /// article reached through a symbolic link is refused (exit 2), as the full gate refuses
    /// it: the pull-request gate must not read what `check` would not.
    pub fn is_article(&self, rel: &str) -> Result<bool> {
        if !self.globs.is_match(rel) {
            return Ok(false);
        }
        Ok(crate::io::worktree::resolve(&self.root, &self.root.join(rel))?.is_file())
    }

    /// The articles to check: those under `paths` (files or directories), or every article
    /// matching the configured globs when `paths` is empty. Sorted by path.
    ///
    /// In a git repository the candidates are the files git knows — the index and untracked
    /// files that are not ignored — so no folder is skipped by name (`target/`, `.drafts/`
    /// hold articles like any other) and nothing git ignores (`node_modules/`) is walked.
    pub fn articles(&self, paths: &[PathBuf]) -> Result<Vec<ArticlePath>> {
        let rels = self.article_rels(paths)?;
        Ok(rels
            .iter()
            .map(|rel| self.article_path(Path::new(rel)))
            .collect())
    }

    /// The root-relative paths of the articles [`Project::articles`] lists, sorted: what a
    /// check of a large archive holds of each article until its turn comes.
    pub fn article_rels(&self, paths: &[PathBuf]) -> Result<PathList> {
        let mut out = Vec::new();
        let known = crate::io::inventory::files(&self.root, &|f| self.globs.is_match(f))?;
        if paths.is_empty() {
            return match known {
                // The whole archive: the inventory's list becomes the articles', not a copy.
                Some(known) => self.pick_all(known),
                None => {
                    self.walk(&self.root.clone(), &mut out)?;
                    out.sort_unstable();
                    Ok(out.iter().map(String::as_str).collect())
                }
            };
        }
        for p in paths {
            let abs = if p.is_absolute() {
                p.clone()
            } else {
                self.cwd.join(p)
            };
            if abs.is_dir() {
                let dir = abs.canonicalize().map_err(|e| Error::io(&abs, e))?;
                if !dir.starts_with(&self.root) {
                    return Err(Error::usage(format!(
                        "{}: outside the repository",
                        p.display()
                    )));
                }
                match &known {
                    Some(known) => {
                        let under = slash(dir.strip_prefix(&self.root).unwrap_or(&dir));
                        self.pick(known, &under, |rel| out.push(rel.to_string()))?;
                    }
                    None => self.walk(&dir, &mut out)?,
                }
            } else {
                out.push(self.article(p)?.rel);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out.iter().map(String::as_str).collect())
    }

    /// The articles among the files git knows under the folder `under` (`""` for all). Files
    /// deleted from the working tree are skipped; links, file names that are not UTF-8 and
    /// submodules where articles live are refused: the gate never passes over what it cannot
    /// read.
    fn pick(
        &self,
        known: &crate::io::inventory::Inventory,
        under: &str,
        mut out: impl FnMut(&str),
    ) -> Result<()> {
        let inside = |f: &str| {
            under.is_empty()
                || f.strip_prefix(under)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        for name in known.unnamed.iter().filter(|f| inside(f)) {
            self.refuse_unnamed(name)?;
        }
        self.refuse_special(&known.special, inside)?;
        for rel in known
            .files
            .iter()
            .filter(|f| inside(f) && self.globs.is_match(f))
        {
            if self.is_file_here(rel)? {
                out(rel);
            }
        }
        Ok(())
    }

    /// [`Project::pick`] of every article, packed as the inventory's list is read (sorted).
    fn pick_all(&self, known: crate::io::inventory::Inventory) -> Result<PathList> {
        let mut out = PathList::default();
        self.pick(&known, "", |rel| out.push(rel))?;
        Ok(out)
    }

    /// Whether the article git knows at root-relative `rel` is in the working tree (a deleted
    /// one is not); an article that is a symbolic link is refused.
    fn is_file_here(&self, rel: &str) -> Result<bool> {
        let Ok(meta) = std::fs::symlink_metadata(self.root.join(rel)) else {
            return Ok(false);
        };
        if meta.file_type().is_symlink() {
            return Err(linked_article(rel));
        }
        Ok(meta.is_file())
    }

    /// Refuses a file git knows whose name is not UTF-8 (`name` shows the undecodable bytes as
    /// U+FFFD) when it would be an article: the gate cannot name it, so it must not pass over it.
    pub fn refuse_unnamed(&self, name: &str) -> Result<()> {
        if !self.globs.is_match(name) {
            return Ok(());
        }
        Err(Error::usage_hint(
            format!("{name}: the file name is not UTF-8 text, so factcheck cannot check it"),
            "rename the article with a UTF-8 name",
        ))
    }

    /// Refuses a git submodule or a symbolic link where articles live (under the `articles:`
    /// folders, among the entries `inside` keeps): what is behind them is another repository,
    /// or files a site builder publishes under the articles' folder while the gate sees a link.
    pub fn refuse_special(
        &self,
        special: &crate::io::inventory::Special,
        inside: impl Fn(&str) -> bool,
    ) -> Result<()> {
        let among = |p: &&String| inside(p) && self.under_globs(p);
        if let Some(dir) = special.submodules.iter().find(among) {
            return Err(Error::usage_hint(
                format!(
                    "{dir}: a git submodule where articles live; factcheck does not check the articles of another repository"
                ),
                "keep articles in this repository, or give the submodule's repository its own factcheck gate and move it out of the `articles:` folders",
            ));
        }
        // A link to a file matters only as an article; a link to a folder brings a whole folder
        // of possible articles (only its kind is looked at, never its content).
        let folder = |l: &&String| self.root.join(l.as_str()).is_dir();
        if let Some(link) = special
            .links
            .iter()
            .find(|l| among(l) && (folder(l) || self.globs.is_match(l.as_str())))
        {
            return Err(linked_article(link));
        }
        Ok(())
    }

    /// Whether folder `dir` could hold articles: an `articles:` glob's fixed leading folders
    /// (up to its first wildcard) contain it or are inside it.
    fn under_globs(&self, dir: &str) -> bool {
        let dir = format!("{dir}/");
        self.config.articles.iter().any(|g| {
            let fixed = &g[..g.find(['*', '?', '[', '{']).unwrap_or(g.len())];
            let fixed = &fixed[..fixed.rfind('/').map_or(0, |i| i + 1)];
            dir.starts_with(fixed) || fixed.starts_with(&dir)
        })
    }

    /// Outside git: every file under `dir`, skipping dot folders and `target/`.
    fn walk(&self, dir: &Path, out: &mut Vec<String>) -> Result<()> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') || name == "target" {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
            let rel = slash(path.strip_prefix(&self.root).unwrap_or(&path));
            if kind.is_dir() {
                self.walk(&path, out)?;
            } else if kind.is_file() && self.globs.is_match(&rel) {
                out.push(rel);
            } else if kind.is_symlink() && self.globs.is_match(&rel) {
                return Err(linked_article(&rel));
            }
        }
        Ok(())
    }
}

/// The refusal of an article that is a symbolic link.
fn linked_article(rel: &str) -> Error {
    Error::usage_hint(
        format!("{rel}: a symbolic link among the articles"),
        "articles are checked as regular files (a link could lead outside the repository or hide a file from the gate); replace the link with the file, or name its target in `articles:`",
    )
}

/// The articles of shard `i` of `n` (1-based): those whose path hashes to `i - 1` modulo `n`.
/// The split depends only on each path, so adding an article never moves the others and the
/// `n` shards are disjoint and cover every article.
pub fn shard(articles: &PathList, i: u32, n: u32) -> PathList {
    use sha2::{Digest, Sha256};
    articles.filter(|rel| {
        let digest = Sha256::digest(rel.as_bytes());
        let head = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        head % u64::from(n) == u64::from(i - 1)
    })
}

/// The most `articles:` globs a project may have.
const MAX_GLOBS: usize = 1000;

fn validate_config(
    config: &Config,
    workflow: &Workflow,
    text: &str,
    generator: Generator,
) -> Result<crate::model::globs::ArticleGlobs> {
    let loc = yaml::Locator::new(text);
    let file = Path::new(CONFIG_FILE);
    // Each value where it is written, escapes decoded (`"wr\u0074er"`), from line `from` on
    // (a person's entry), else from the top.
    let at = |needle: &str, from: usize| {
        loc.scalar(needle, from, usize::MAX)
            .or_else(|| loc.scalar(needle, 1, usize::MAX))
    };
    let err_from =
        |needle: &str, from: usize, message: String, hint: Option<String>| Error::Invalid {
            file: file.to_path_buf(),
            pos: at(needle, from).unwrap_or(Pos { line: 1, column: 1 }),
            message,
            hint,
        };
    let err =
        |needle: &str, message: String, hint: Option<String>| err_from(needle, 1, message, hint);
    let known = workflow.known_roles();
    let mut seen = std::collections::HashSet::new();
    for p in &config.people {
        // Where the person's entry starts, found only for an error about it: looking it up for
        // every person would read the file once per person.
        let entry = || at(&p.email, 1).map_or(1, |pos| pos.line);
        if !crate::model::email::is_address(&p.email) {
            return Err(err(
                &p.email,
                format!("`{}` is not an email address", p.email),
                Some("people are named by the email they act as (--as, FACTCHECK_USER or git's user.email)".into()),
            ));
        }
        if !seen.insert(&p.email) {
            // At the second entry.
            return Err(err_from(
                &p.email,
                entry() + 1,
                format!("{} is listed twice in `people`", p.email),
                Some("merge the two entries".into()),
            ));
        }
        for key in &p.signing_keys {
            crate::git::signature::parse_key(key).map_err(|why| {
                // Pointed at by its longest word (the base64 blob), which YAML quoting leaves
                // alone; at the person when even that is not found.
                let longest = key.split_whitespace().max_by_key(|w| w.len());
                let entry = entry();
                let needle = longest
                    .filter(|w| at(w, entry).is_some())
                    .unwrap_or(&p.email);
                err_from(
                    needle,
                    entry,
                    format!("{}: signing key {why}", p.email),
                    Some("a signing key is the whole line of a `.pub` file, such as ~/.ssh/id_ed25519.pub".into()),
                )
            })?;
        }
        for role in &p.roles {
            if !known.contains(&role.as_str()) {
                let hint = match yaml::closest(role, &known) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!("known roles: {}", known.join(", ")),
                };
                return Err(err_from(
                    role,
                    entry(),
                    format!("{}: unknown role `{role}`", p.email),
                    Some(hint),
                ));
            }
        }
    }
    for key in config.severity.keys() {
        if let Some((message, hint)) = crate::model::workflow::severity_key_error(key) {
            return Err(err(key, message, hint));
        }
    }
    // Globs name folders and extensions; thousands of them would be a list of files, and the
    // matcher built from them grows with their product.
    if config.articles.len() > MAX_GLOBS {
        return Err(err(
            "articles",
            format!(
                "{} article globs; at most {MAX_GLOBS} are read",
                config.articles.len()
            ),
            Some("name the folders articles are in (articles/**/*.md), not each file".into()),
        ));
    }
    for g in &config.articles {
        if g.starts_with('/') || g.split('/').any(|c| c == "..") {
            return Err(err(
                g,
                format!("article glob `{g}` leaves the repository"),
                Some("globs are relative to the repository root, e.g. articles/**/*.md".into()),
            ));
        }
    }
    crate::model::globs::articles(&config.articles, generator)
        .map_err(|(g, e)| err(&g, format!("bad article glob `{g}`: {e}"), None))
}
