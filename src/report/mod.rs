//! Reporters: render check results for people (rustc-style, optionally coloured) and machines
//! (versioned JSON, GitHub Actions annotations, SARIF 2.1.0, JUnit XML). The check engine produces data; only reporters and the CLI write output.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod revisions;
pub mod sarif;

/// Terminal styling: ANSI colours only when enabled.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Whether to emit ANSI escape codes.
    pub color: bool,
}

impl Style {
    /// Wraps `s` in the ANSI code `code` when colour is on.
    pub fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Red bold.
    pub fn error(&self, s: &str) -> String {
        self.paint("1;31", s)
    }

    /// Yellow bold.
    pub fn warning(&self, s: &str) -> String {
        self.paint("1;33", s)
    }

    /// Blue bold (gutters, arrows).
    pub fn accent(&self, s: &str) -> String {
        self.paint("1;34", s)
    }

    /// Green bold.
    pub fn ok(&self, s: &str) -> String {
        self.paint("1;32", s)
    }

    /// Bold.
    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}
