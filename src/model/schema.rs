//! JSON Schemas of factcheck's files, generated from the same Rust types that read them
//! (`schemars`), so editors with a YAML language server complete and validate `factcheck.yaml`,
//! workflow files and sidecars while people type. The schemas are committed under `schemas/`;
//! a test fails when they are out of date (`factcheck schema FILE > schemas/FILE.schema.json`).

use crate::model::config::Config;
use crate::model::sidecar::Sidecar;
use crate::model::workflow::Workflow;

/// Where the published schemas live (the committed `schemas/` folder of the repository).
pub const BASE_URL: &str = "https://raw.githubusercontent.com/factcheck/factcheck/main/schemas";

crate::model::spelled::spelled! {
    plain
    /// A file format with a schema.
    pub enum File {
        /// `factcheck.yaml`.
        Config => "config",
        /// A workflow file.
        Workflow => "workflow",
        /// A sidecar (`<stem>.claims.yaml`).
        Sidecar => "sidecar",
    }
}

impl File {
    /// The schema's file name under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            File::Config => "config.schema.json",
            File::Workflow => "workflow.schema.json",
            File::Sidecar => "sidecar.schema.json",
        }
    }

    /// The `yaml-language-server` modeline that points editors at the schema.
    pub fn modeline(self) -> String {
        format!(
            "# yaml-language-server: $schema={BASE_URL}/{}",
            self.file_name()
        )
    }
}

/// The schema of `file`, pretty-printed JSON with a trailing newline.
pub fn render(file: File) -> String {
    let schema = match file {
        File::Config => schemars::schema_for!(Config),
        File::Workflow => schemars::schema_for!(Workflow),
        File::Sidecar => schemars::schema_for!(Sidecar),
    };
    serde_json::to_string_pretty(&schema).expect("schemas serialise") + "\n"
}
