//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), for code-scanning
//! dashboards such as GitHub's. One run; one rule per finding code, with its documentation from
//! docs/codes.md as help text; one result per finding with its physical location.

use serde::Serialize;

use crate::check::ArticleReport;
use crate::diag::{Code, Severity};

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

/// Renders the results as one SARIF log; `prefix` is the factcheck root relative to the
/// repository root, so URIs are relative to the checkout.
pub fn render(reports: &[ArticleReport], prefix: &str) -> String {
    let rules = Code::ALL
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
            help_uri: format!("{INFO_URI}#{}-{}", c.id().to_lowercase(), c.name()),
            default_configuration: Configuration {
                level: level(c.default_severity()),
            },
        })
        .collect();
    let results = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            SarifResult {
                rule_id: d.code.id(),
                rule_index: Code::ALL.iter().position(|&c| c == d.code).unwrap_or(0),
                level: level(d.severity),
                message: Text { text },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: format!("{prefix}{}", d.label.file),
                        },
                        region: Region {
                            start_line: d.label.line,
                            start_column: d.label.column,
                            end_column: d.label.column + d.label.len,
                        },
                    },
                }],
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "factcheck",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFO_URI,
                    rules,
                },
            },
            results,
        }],
    };
    serde_json::to_string_pretty(&log).expect("SARIF serialises") + "\n"
}
