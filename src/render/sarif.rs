//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), for code-scanning
//! dashboards such as GitHub's. One run; one rule per finding code, with its documentation from
//! docs/codes.md as help text; one result per finding with its physical location.

use std::io::{self, Write};

use serde::Serialize;

use super::{JsonArray, Renderer};
use crate::check::{ArticleReport, Tally};
use crate::model::finding::{Code, Finding, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFO_URI: &str = "https://github.com/factcheck/factcheck/blob/main/docs/codes.md";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_column: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The rules: one per finding code, so a result's rule index never depends on the others.
fn rules() -> Vec<Rule> {
    Code::ALL
        .iter()
        .map(|&c| Rule {
            id: c.id(),
            name: c.name(),
            short_description: Text {
                text: c.summary().to_string(),
            },
            full_description: Text {
                text: c.explanation().to_string(),
            },
            help: Text {
                text: c.explanation().to_string(),
            },
            help_uri: format!("{INFO_URI}#{}", c.docs_anchor()),
            default_configuration: Configuration {
                level: level(c.default_severity()),
            },
        })
        .collect()
}

/// One finding as a SARIF result; `prefix` as in [`Sarif::new`].
fn result(d: &Finding, prefix: &str) -> SarifResult {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    SarifResult {
        rule_id: d.code.id(),
        // The registry declares `Code` and `Code::ALL` in one order.
        rule_index: d.code as usize,
        level: level(d.severity),
        message: Text { text },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri_path(&format!("{prefix}{}", d.label.file)),
                },
                region: Region {
                    start_line: d.label.line,
                    start_column: d.label.column,
                    end_column: d.label.column + d.label.len,
                },
            },
        }],
    }
}

/// The key the results array is written under, as serde_json prints it.
const RESULTS_KEY: &str = "\"results\": ";

/// Writes the results as one SARIF log, one result at a time: the log is printed with an
/// empty results array, which is cut open where the results go.
pub struct Sarif {
    prefix: String,
    results: Option<JsonArray>,
    after: String,
}

impl Sarif {
    /// A SARIF reporter; `prefix` is the factcheck root relative to the repository root, so
    /// URIs are relative to the checkout.
    pub fn new(prefix: &str) -> Sarif {
        Sarif {
            prefix: prefix.to_string(),
            results: None,
            after: String::new(),
        }
    }
}

impl Renderer for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "factcheck",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: INFO_URI,
                        rules: rules(),
                    },
                },
                results: Vec::new(),
            }],
        };
        let text = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        let at = text
            .rfind(RESULTS_KEY)
            .ok_or_else(|| io::Error::other("SARIF log without results"))?;
        let (before, rest) = text.split_at(at + RESULTS_KEY.len());
        let indent = before
            .lines()
            .last()
            .map_or(0, |l| l.len() - l.trim_start().len());
        self.after = rest.strip_prefix("[]").unwrap_or(rest).to_string();
        out.write_all(before.as_bytes())?;
        self.results = Some(JsonArray::open(indent, out)?);
        Ok(())
    }

    fn article(&mut self, report: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
        let results = self
            .results
            .as_mut()
            .ok_or_else(|| io::Error::other("SARIF log written before it began"))?;
        report
            .findings
            .iter()
            .try_for_each(|d| results.push(&result(d, &self.prefix), out))
    }

    fn end(&mut self, _tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        if let Some(results) = self.results.take() {
            results.close(out)?;
        }
        out.write_all(self.after.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// A repository path as a relative URI reference (RFC 3986): every byte outside the unreserved
/// characters and `/` percent-encoded, so `a b#c%41?.md` names that file and not a fragment or
/// a decoded `A`.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
