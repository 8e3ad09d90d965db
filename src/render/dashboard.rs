//! The newsroom dashboard (`status --html`): one row per article, its claims counted by state.
//! Rows are rendered as the gate's reports go by; only the rendered rows wait for the end,
//! where the totals that head the page are known.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Renderer;
use super::html::{count_pill, counts, esc, page};
use crate::check::{ArticleReport, Tally};
use crate::model::finding::{Code, Severity};

/// Writes the dashboard page.
pub struct Dashboard {
    workflow: String,
    rows: String,
}

impl Dashboard {
    /// A dashboard for a project under `workflow`.
    pub fn new(workflow: &str) -> Dashboard {
        Dashboard {
            workflow: workflow.to_string(),
            rows: String::new(),
        }
    }
}

impl Renderer for Dashboard {
    fn article(&mut self, r: &ArticleReport, _out: &mut dyn Write) -> io::Result<()> {
        let stale = r
            .findings
            .iter()
            .filter(|f| matches!(f.code, Code::StaleClaimSignoff | Code::StaleArticleSignoff))
            .count();
        let claims: Vec<String> = counts(&r.claim_states)
            .iter()
            .map(|(st, state, n)| count_pill(*st, state, *n))
            .collect();
        let title = r.meta.title.as_deref().unwrap_or("");
        let _ = write!(
            self.rows,
            "<tr class=\"{}\"><td>{}<br><span class=\"meta\">{}</span></td><td>{}</td><td>{}</td><td>{stale}</td><td>{}</td><td>{}</td></tr>",
            if r.passed { "pass" } else { "blocked" },
            esc(title),
            esc(&r.article),
            r.stage.map_or("untracked", |s| s.as_str()),
            claims.join(" "),
            r.count(Severity::Error),
            if r.passed {
                "<span class=\"pill gate-pass\">ready</span>"
            } else {
                "<span class=\"pill gate-fail\">blocked</span>"
            }
        );
        Ok(())
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<()> {
        let body = format!(
            "<header class=\"top\"><div class=\"meta\">factcheck dashboard · workflow {}</div><h1>{}, {} blocked</h1></header><main style=\"display:block\"><table class=\"dash\"><thead><tr><th>Article</th><th>Stage</th><th>Claims</th><th>Stale sign-offs</th><th>Blockers</th><th>Gate</th></tr></thead><tbody>{}</tbody></table></main>",
            esc(&self.workflow),
            super::plural(tally.articles, "article"),
            tally.blocked(),
            std::mem::take(&mut self.rows)
        );
        out.write_all(page("factcheck dashboard", "", &body).as_bytes())
    }
}

/// The `status` view on stdout and, with `--html`, the dashboard written into its buffer.
pub struct Both<'a> {
    /// The view.
    pub view: &'a mut dyn Renderer,
    /// The dashboard and the page it writes, with `--html`.
    pub dashboard: Option<&'a mut (Dashboard, Vec<u8>)>,
}

impl Renderer for Both<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.view.begin(out)
    }

    fn article(&mut self, r: &ArticleReport, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some((dashboard, page)) = self.dashboard.as_deref_mut() {
            dashboard.article(r, page)?;
        }
        self.view.article(r, out)
    }

    fn end(&mut self, tally: &Tally, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some((dashboard, page)) = self.dashboard.as_deref_mut() {
            dashboard.end(tally, page)?;
        }
        self.view.end(tally, out)
    }

    fn notes(&mut self) -> Vec<String> {
        self.view.notes()
    }
}
