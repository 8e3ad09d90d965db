//! Evidence and coverage checks: check-worthy sentences no claim tracks (FC070, severity from
//! the workflow's `coverage`), links that are not registered sources (FC071), the same URL
//! registered twice (FC072), and evidence snapshots that are missing or modified (FC073) or do
//! not contain the source's excerpt (FC074).

use std::collections::HashMap;

use crate::io::evidence::{self, SnapshotProblem};
use crate::model::finding::Code;

use super::{Findings, Subject};

/// Runs the evidence and coverage checks.
pub fn check(s: &Subject<'_>, f: &mut Findings<'_>) {
    coverage(s, f);
    links(s, f);
    duplicates(s, f);
    snapshots(s, f);
}

fn coverage(s: &Subject<'_>, f: &mut Findings<'_>) {
    if s.project
        .workflow
        .severity(Code::UncoveredSentence)
        .is_none()
    {
        return;
    }
    let covered: Vec<_> = s.states.iter().filter_map(|st| st.span()).collect();
    for sug in
        crate::text::suggest::suggest(s.article, &covered, crate::text::suggest::Threshold::Warn)
    {
        f.at_text(
            Code::UncoveredSentence,
            sug.span,
            None,
            format!(
                "check-worthy sentence not tracked as a claim (score {:.2}{}): \"{}\"",
                sug.score,
                why(&sug.why),
                super::claims::clip(&sug.text)
            ),
            Some(format!(
                "track it: factcheck claim add {} --quote \"…\"; or see all: factcheck claim suggest {}",
                s.path.rel, s.path.rel
            )),
        );
    }
}

/// A suggestion's reasons as they read in the message: `, why: number: 40%; word: risk`.
fn why(reasons: &[String]) -> String {
    if reasons.is_empty() {
        String::new()
    } else {
        format!(", why: {}", reasons.join("; "))
    }
}

fn links(s: &Subject<'_>, f: &mut Findings<'_>) {
    let registered: std::collections::HashSet<String> = s
        .sidecar()
        .sources
        .iter()
        .flat_map(|src| [Some(&src.url), src.archived.as_ref()])
        .flatten()
        .map(|u| evidence::normalize_url(u))
        .collect();
    for link in s.article.text.links() {
        let lower = link.url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            continue; // anchors, mailto:, relative links to the site's own pages
        }
        if !registered.contains(&evidence::normalize_url(&link.url)) {
            f.at_source(
                Code::UnregisteredLink,
                link.at,
                link.url.chars().count(),
                format!(
                    "the article links to {}, which is not a registered source",
                    link.url
                ),
                Some(format!(
                    "register it: factcheck source add {} --url {}",
                    s.path.rel, link.url
                )),
            );
        }
    }
}

fn duplicates(s: &Subject<'_>, f: &mut Findings<'_>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for src in &s.sidecar().sources {
        let key = evidence::normalize_url(&src.url);
        match seen.get(&key) {
            Some(first) => f.at_yaml(
                Code::DuplicateSource,
                Some("sources"),
                "id",
                Some(&src.id),
                format!(
                    "sources `{first}` and `{}` are the same URL ({})",
                    src.id, src.url
                ),
                Some(format!("cite `{first}` and remove `{}`", src.id)),
            ),
            None => {
                seen.insert(key, &src.id);
            }
        }
    }
}

fn snapshots(s: &Subject<'_>, f: &mut Findings<'_>) {
    for src in &s.sidecar().sources {
        let Some(rel) = &src.snapshot else {
            continue;
        };
        match evidence::read_snapshot(&s.project.root, rel) {
            Err(problem) => {
                let what = match problem {
                    SnapshotProblem::Missing => "is missing",
                    SnapshotProblem::Link => "is a symbolic link, which factcheck never follows",
                    SnapshotProblem::Tampered => {
                        "was modified after it was taken (its SHA-256 no longer matches its name)"
                    }
                };
                f.at_yaml(
                    Code::SnapshotInvalid,
                    Some("sources"),
                    "snapshot",
                    Some(rel),
                    format!("the snapshot of source `{}` {what}", src.id),
                    Some(format!(
                        "restore {rel} from git, or take a new one: factcheck source add … --snapshot FILE"
                    )),
                );
            }
            Ok(text) => {
                if let Some(ex) = &src.excerpt {
                    let words = evidence::snapshot_text(rel, &text);
                    if !evidence::contains_excerpt(&words, ex) {
                        f.at_yaml(
                            Code::ExcerptNotInSnapshot,
                            Some("sources"),
                            "excerpt",
                            None,
                            format!(
                                "the excerpt of source `{}` does not occur in its snapshot {rel}",
                                src.id
                            ),
                            Some(format!(
                                "copy the passage word for word from the snapshot: factcheck source show {} {}",
                                s.path.rel, src.id
                            )),
                        );
                    }
                }
            }
        }
    }
}

/// `--online`: every distinct source URL is asked whether it answers (FC075 when not).
pub fn online(s: &Subject<'_>, f: &mut Findings<'_>) {
    let mut asked: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for src in &s.sidecar().sources {
        if !asked.insert(&src.url) {
            continue;
        }
        let problem = match crate::io::online::reach(&src.url) {
            crate::io::online::Reach::Ok(_) => continue,
            crate::io::online::Reach::Status(code) => format!("answered HTTP {code}"),
            crate::io::online::Reach::Failed(why) => format!("did not answer ({why})"),
        };
        f.at_yaml(
            Code::SourceUnreachable,
            Some("sources"),
            "url",
            Some(&src.url),
            format!("source `{}`: {} {problem}", src.id, src.url),
            Some("update the URL, add an archived copy (--archived) or a snapshot".into()),
        );
    }
}
