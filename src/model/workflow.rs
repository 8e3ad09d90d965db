//! Workflows: what must hold before an article may be published (docs/spec.md §5). Built-ins live
//! in the project's `workflows/` folder and are embedded in the binary; a repository may name a
//! local file instead. See `docs/workflows.md` for the format.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Pos, Result};
use crate::model::finding::{Code, Severity};
use crate::model::rights::BuiltinRole;
use crate::model::{ClaimKind, Role, SourceKind, Status};
use crate::text::yaml;

/// The built-in workflows: name and YAML text.
pub const BUILTINS: &[(&str, &str)] = &[
    ("standard", include_str!("../../workflows/standard.yaml")),
    ("health", include_str!("../../workflows/health.yaml")),
    ("light", include_str!("../../workflows/light.yaml")),
];

/// A validated workflow.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    /// Its name, shown in reports.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// Extra roles this workflow uses besides the built-in ones.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Claim statuses allowed at publication.
    pub publishable_statuses: Vec<Status>,
    /// Rules for every claim.
    #[serde(default)]
    pub claims: ClaimRules,
    /// Overrides per claim kind.
    #[serde(default)]
    pub kinds: BTreeMap<ClaimKind, ClaimRules>,
    /// Article-level rules.
    #[serde(default)]
    pub article: ArticleRules,
    /// Authors may not sign off their own claims or article.
    #[serde(default = "yes")]
    pub separation_of_duties: bool,
    /// Whether check-worthy sentences must be covered by claims: `off`, `warning` or `error`
    /// (the severity of FC070, found by the `claim suggest` detector).
    #[serde(default = "warning", rename = "coverage")]
    coverage_text: String,
    /// `coverage:` as parsed when the workflow was validated.
    #[serde(skip)]
    pub coverage: Coverage,
    /// Headings whose sections are not fact-checked (e.g. reader comments), case-insensitive.
    #[serde(default)]
    pub excluded_sections: Vec<String>,
    /// Severity overrides: finding code (`FC025` or `unused-source`) → `error|warning|off`.
    #[serde(default)]
    pub severity: BTreeMap<SeverityKey, SeveritySetting>,
}

fn yes() -> bool {
    true
}

fn warning() -> String {
    "warning".into()
}

/// Rules for claims; every field left out falls back to the general rule.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRules {
    /// Minimum number of distinct sources cited.
    pub min_sources: Option<usize>,
    /// Source kinds that count for this claim kind (absent: any).
    pub source_kinds: Option<Vec<SourceKind>>,
    /// Maximum age of a cited source, in years, by its `published` date.
    pub max_source_age_years: Option<i32>,
    /// Roles that must sign off the claim.
    pub signoff_roles: Option<Vec<Role>>,
}

/// Article-level rules.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleRules {
    /// Roles that must sign off the whole article.
    #[serde(default)]
    pub signoff_roles: Vec<Role>,
    /// What makes an article sign-off stale.
    #[serde(default)]
    pub stale_on: StaleOn,
}

/// When article sign-offs go stale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StaleOn {
    /// Any change to the article's bytes.
    #[default]
    AnyEdit,
    /// Only a change to the set of claims or to a claim's words ("claims only").
    ClaimEdits,
}

/// A severity override.
// The JSON Schema calls it `Level`, as it always has; the code says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Level")]
pub enum SeveritySetting {
    /// Blocks publication.
    Error,
    /// Reported, does not block.
    Warning,
    /// Not reported.
    Off,
}

/// Whether check-worthy sentences must be covered by claims (`coverage:`): the severity of
/// FC070. Read as text and parsed when the workflow is validated, so that a wrong value is
/// reported at its place in the file like every other rule (a serde enum would report it in
/// serde's words, without the hint and the order of the other checks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Coverage {
    /// Not checked.
    Off,
    /// Uncovered sentences are warnings.
    #[default]
    Warning,
    /// Uncovered sentences block publication.
    Error,
}

impl Coverage {
    /// `off`, `warning` or `error`, the words of a `severity:` map (`warn`, which workflows
    /// said before, is read as `warning`).
    pub fn parse(s: &str) -> Option<Coverage> {
        match s {
            "off" => Some(Coverage::Off),
            "warning" | "warn" => Some(Coverage::Warning),
            "error" => Some(Coverage::Error),
            _ => None,
        }
    }

    /// The name in workflow files.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Off => "off",
            Coverage::Warning => "warning",
            Coverage::Error => "error",
        }
    }
}

/// A key of a `severity:` map (in a workflow or `factcheck.yaml`): a finding code by id
/// (`FC071`) or by name (`unregistered-link`), kept as written so the config is written back
/// as it was read, with the code it names parsed once. Any text deserialises; the loaders
/// refuse a key that names no code, or names FC090, with [`severity_key_error`] at the key's
/// place in the file, so after loading [`SeverityKey::code`] is always `Some`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeverityKey {
    /// The key as written (maps are ordered by it, as they were when keyed by `String`).
    text: String,
    /// The code it names.
    code: Option<Code>,
}

impl SeverityKey {
    /// The key `text`.
    pub fn new(text: impl Into<String>) -> SeverityKey {
        let text = text.into();
        let code = Code::parse(&text);
        SeverityKey { text, code }
    }

    /// The code it names (`None` only before the file holding it was validated).
    pub fn code(&self) -> Option<Code> {
        self.code
    }

    /// The key as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl std::ops::Deref for SeverityKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for SeverityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for SeverityKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for SeverityKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(SeverityKey::new)
    }
}

impl schemars::JsonSchema for SeverityKey {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// The rules in force for one claim kind: its own where the workflow sets them, else the
/// workflow's rules for all claims.
#[derive(Debug, Clone)]
pub struct KindRules<'w> {
    /// Minimum sources.
    pub min_sources: usize,
    /// Allowed source kinds (`None`: any).
    pub source_kinds: Option<&'w [SourceKind]>,
    /// Maximum source age in years.
    pub max_source_age_years: Option<i32>,
    /// Required sign-off roles.
    pub signoff_roles: &'w [Role],
}

/// Whether a config's `workflow:` value names a file rather than a built-in.
pub fn is_file_name(name: &str) -> bool {
    name.contains('/') || name.ends_with(".yaml") || name.ends_with(".yml")
}

impl Workflow {
    /// Loads a built-in by name or a file relative to the repository root, read by `read`
    /// (from the work tree, or from the base revision for the pull-request gate). A path that
    /// leaves the repository or names git's own files (`.git/config`) is refused before
    /// anything is read. `named` is where the config names it (file and position), where an
    /// unknown name or a refused path is reported.
    pub fn load(
        name: &str,
        named: (&Path, Pos),
        read: &dyn Fn(&str) -> Result<String>,
    ) -> Result<Workflow> {
        let (config_file, pos) = named;
        if let Some((_, text)) = BUILTINS.iter().find(|(n, _)| *n == name) {
            return Workflow::parse(text, Path::new(&format!("<built-in workflow {name}>")));
        }
        if !is_file_name(name) {
            let names: Vec<&str> = BUILTINS.iter().map(|(n, _)| *n).collect();
            return Err(Error::Invalid {
                file: config_file.to_path_buf(),
                pos,
                message: format!(
                    "unknown workflow `{name}`; expected one of {} or a path to a .yaml file",
                    names.join(", ")
                ),
                hint: yaml::closest(name, &names).map(|b| format!("did you mean `{b}`?")),
            });
        }
        crate::io::worktree::inside(Path::new(""), Path::new(name)).map_err(|message| {
            Error::Invalid {
                file: config_file.to_path_buf(),
                pos,
                message: format!("workflow path `{name}` {message}"),
                hint: Some("name a file inside the repository, e.g. workflows/health.yaml".into()),
            }
        })?;
        Workflow::parse(&read(name)?, Path::new(name))
    }

    /// Parses and validates workflow YAML from `file`.
    pub fn parse(text: &str, file: &Path) -> Result<Workflow> {
        let mut wf: Workflow = yaml::parse(text, file)?;
        wf.validate(text, file)?;
        Ok(wf)
    }

    /// Validates the workflow and parses what is kept as text until then (`coverage`).
    fn validate(&mut self, text: &str, file: &Path) -> Result<()> {
        let loc = yaml::Locator::new(text);
        let err = |key: &str, value: &str, message: String, hint: Option<String>| Error::Invalid {
            file: file.to_path_buf(),
            pos: loc
                .scalar(value, 1, usize::MAX)
                .or_else(|| loc.key(key, 1))
                .unwrap_or(Pos { line: 1, column: 1 }),
            message,
            hint,
        };
        let known = self.known_roles();
        let all_rules = std::iter::once(("claims".to_string(), &self.claims)).chain(
            self.kinds
                .iter()
                .map(|(k, r)| (format!("kinds.{}", k.as_str()), r)),
        );
        for (place, rules) in all_rules {
            for role in rules.signoff_roles.iter().flatten() {
                if !known.contains(&role.as_str()) {
                    return Err(err(
                        "signoff_roles",
                        role,
                        format!("{place}: unknown role `{role}`"),
                        role_hint(role, &known),
                    ));
                }
            }
            if rules.source_kinds.as_ref().is_some_and(|k| k.is_empty())
                && rules.min_sources.unwrap_or(1) > 0
            {
                return Err(err(
                    "source_kinds",
                    "source_kinds",
                    format!(
                        "{place}: `source_kinds` is empty, so no source could ever satisfy `min_sources`"
                    ),
                    Some(
                        "list at least one source kind, or remove `source_kinds` to accept any"
                            .into(),
                    ),
                ));
            }
            if rules.max_source_age_years.is_some_and(|y| y < 0) {
                return Err(err(
                    "max_source_age_years",
                    "max_source_age_years",
                    format!("{place}: `max_source_age_years` must be 0 or more"),
                    None,
                ));
            }
        }
        for role in &self.article.signoff_roles {
            if !known.contains(&role.as_str()) {
                return Err(err(
                    "signoff_roles",
                    role,
                    format!("article: unknown role `{role}`"),
                    role_hint(role, &known),
                ));
            }
        }
        if self.publishable_statuses.is_empty() {
            return Err(err(
                "publishable_statuses",
                "publishable_statuses",
                "`publishable_statuses` is empty, so nothing could ever be published".into(),
                Some("list e.g. [verified, opinion]".into()),
            ));
        }
        self.coverage = match Coverage::parse(&self.coverage_text) {
            Some(c) => c,
            None => {
                return Err(err(
                    "coverage",
                    &self.coverage_text,
                    format!(
                        "`coverage: {}` is not one of off, warning, error",
                        self.coverage_text
                    ),
                    None,
                ));
            }
        };
        for code in self.severity.keys() {
            if let Some((message, hint)) = severity_key_error(code) {
                return Err(err("severity", code, message, hint));
            }
        }
        Ok(())
    }

    /// Applies a project's `severity:` overrides (from `factcheck.yaml`) over the workflow's
    /// own, so turning one finding off does not mean copying a whole built-in workflow. A
    /// key naming the same code as a workflow key (`FC071` and `unregistered-link`) replaces it.
    pub fn override_severity(&mut self, overrides: &BTreeMap<SeverityKey, SeveritySetting>) {
        for (key, level) in overrides {
            self.severity.retain(|k, _| k.code() != key.code());
            self.severity.insert(key.clone(), *level);
        }
    }

    /// Built-in roles plus the workflow's own.
    pub fn known_roles(&self) -> Vec<&str> {
        BuiltinRole::ALL
            .iter()
            .map(|r| r.as_str())
            .chain(self.roles.iter().map(Role::as_str))
            .collect()
    }

    /// Every role that signs off claims of some kind.
    pub fn claim_signoff_roles(&self) -> Vec<&str> {
        let mut roles: Vec<&str> = std::iter::once(&self.claims)
            .chain(self.kinds.values())
            .flat_map(|r| r.signoff_roles.iter().flatten().map(Role::as_str))
            .collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }

    /// The rules for claims of `kind`.
    pub fn rules(&self, kind: ClaimKind) -> KindRules<'_> {
        let specific = self.kinds.get(&kind);
        let pick = |f: fn(&ClaimRules) -> bool| specific.filter(|r| f(r)).unwrap_or(&self.claims);
        KindRules {
            min_sources: pick(|r| r.min_sources.is_some()).min_sources.unwrap_or(0),
            source_kinds: pick(|r| r.source_kinds.is_some()).source_kinds.as_deref(),
            max_source_age_years: pick(|r| r.max_source_age_years.is_some()).max_source_age_years,
            signoff_roles: pick(|r| r.signoff_roles.is_some())
                .signoff_roles
                .as_deref()
                .unwrap_or(&[]),
        }
    }

    /// The severity of `code` under this workflow (`None`: switched off).
    pub fn severity(&self, code: Code) -> Option<Severity> {
        let level = self
            .severity
            .iter()
            .find(|(k, _)| k.code() == Some(code))
            .map(|(_, l)| *l);
        match level {
            // The coverage rule sets the uncovered-sentence finding's severity.
            None if code == Code::UncoveredSentence => match self.coverage {
                Coverage::Off => None,
                Coverage::Error => Some(Severity::Error),
                Coverage::Warning => Some(Severity::Warning),
            },
            None => Some(code.default_severity()),
            Some(SeveritySetting::Error) => Some(Severity::Error),
            Some(SeveritySetting::Warning) => Some(Severity::Warning),
            Some(SeveritySetting::Off) => None,
        }
    }
}

/// Why `key` cannot be a `severity:` key (message and hint), or `None` when it can: it must
/// name a finding code, and an invalid file can never be relaxed.
pub fn severity_key_error(key: &str) -> Option<(String, Option<String>)> {
    match Code::parse(key) {
        None => {
            let ids: Vec<&str> = Code::ALL
                .iter()
                .map(|c| c.id())
                .chain(Code::ALL.iter().map(|c| c.name()))
                .collect();
            Some((
                format!("unknown finding code `{key}` in `severity`"),
                yaml::closest(key, &ids).map(|b| format!("did you mean `{b}`?")),
            ))
        }
        Some(Code::InvalidFile) => Some(("FC090 (invalid file) cannot be relaxed".into(), None)),
        Some(_) => None,
    }
}

fn role_hint(role: &str, known: &[&str]) -> Option<String> {
    Some(match yaml::closest(role, known) {
        Some(b) => format!("did you mean `{b}`? (custom roles must be listed under `roles:`)"),
        None => format!(
            "known roles: {}; declare custom roles under `roles:`",
            known.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_and_health_is_strict() {
        for (name, text) in BUILTINS {
            let wf = Workflow::parse(text, Path::new(name)).unwrap();
            assert_eq!(&wf.name, name);
        }
        let health = Workflow::parse(BUILTINS[1].1, Path::new("health")).unwrap();
        let medical = health.rules(ClaimKind::Medical);
        assert_eq!(medical.min_sources, 2);
        assert_eq!(medical.max_source_age_years, Some(5));
        assert!(
            medical
                .signoff_roles
                .iter()
                .any(|r| r == "medical-reviewer")
        );
        assert!(
            health
                .article
                .signoff_roles
                .iter()
                .any(|r| r == "medical-reviewer")
        );
    }

    #[test]
    fn coverage_says_warning_as_severities_do_and_still_reads_warn() {
        assert_eq!(Coverage::parse("warning"), Some(Coverage::Warning));
        assert_eq!(Coverage::parse("warn"), Some(Coverage::Warning));
        assert_eq!(Coverage::Warning.as_str(), "warning");
        assert_eq!(Coverage::parse("warnings"), None);
    }

    #[test]
    fn contradictory_rules_are_refused() {
        let text = "name: x\npublishable_statuses: [verified]\nclaims:\n  min_sources: 1\n  source_kinds: []\n";
        let err = Workflow::parse(text, Path::new("x.yaml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no source could ever satisfy"), "{err}");
    }
}
