//! The JSON reporter. The document is versioned (`version`); fields are only ever added within
//! a version. It is written as the gate goes: `articles` first, one at a time, then `passed`
//! and `summary`. Schema: docs/json.md.

use std::io::{self, Write};

use serde::Serialize;

use super::{JsonArray, Renderer, json_members};
use crate::check::{ArticleReport, Tally};

/// The current version of the check JSON document.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Head {
    tool: &'static str,
    version: u32,
}

#[derive(Serialize)]
struct Tail {
    passed: bool,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    articles: usize,
    passed: usize,
    errors: usize,
    warnings: usize,
}

/// Writes check results as one JSON document.
#[derive(Default)]
pub struct Json {
    articles: Option<JsonArray>,
}

impl Renderer for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let head = json_members(&Head {
            tool: "factcheck",
            version: VERSION,
        })?;
        write!(out, "{{\n{head},\n  \"articles\": ")?;
        self.articles = Some(JsonArray::open(2, out)?);
        Ok(())
    }

    fn article(&mut self, report: &ArticleReport, out: &mut dyn Write) -> io::Result<()> {
        match &mut self.articles {
            Some(array) => array.push(report, out),
            None => Err(io::Error::other("JSON report written before it began")),
        }
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        if let Some(array) = self.articles.take() {
            array.close(out)?;
        }
        let tail = json_members(&Tail {
            passed: tally.blocked() == 0,
            summary: Summary {
                articles: tally.articles,
                passed: tally.passed,
                errors: tally.errors,
                warnings: tally.warnings,
            },
        })?;
        writeln!(out, ",\n{tail}\n}}")
    }
}
