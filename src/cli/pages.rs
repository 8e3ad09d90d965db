//! `report --html` and `export --claimreview`: pages and structured data people and search
//! engines read.

use super::output::outln;
use std::path::PathBuf;

use clap::Args;

use crate::error::{Error, Result};
use crate::ops::pages::{self, CheckedArticle};
use crate::render::html;

use super::{Context, Outcome};

/// `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The article.
    pub article: PathBuf,
    /// Where to write the HTML page.
    #[arg(long, value_name = "FILE")]
    pub html: PathBuf,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The article.
    pub article: PathBuf,
    /// schema.org ClaimReview JSON-LD (the only export format so far).
    #[arg(long, required = true)]
    pub claimreview: bool,
    /// The article's public URL (default: `site.url` in factcheck.yaml + the article's path).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// Writes the report page. Informational: exit 0 whatever the gate says.
pub fn report(ctx: &Context, a: ReportArgs) -> Result<Outcome> {
    let (p, path) = ctx.article(&a.article)?;
    let loaded = CheckedArticle::load(&p, &path)?;
    let page = html::report_page(&loaded.dossier(&p));
    let out = ctx.cwd.join(&a.html);
    p.write_output(&out, &page)?;
    ctx.say(&format!(
        "wrote {} ({} claims; gate {})",
        out.display(),
        loaded.sidecar.claims.len(),
        if loaded.report.passed {
            "passes"
        } else {
            "blocked"
        }
    ));
    Ok(Outcome::Pass)
}

/// Prints the ClaimReview JSON-LD.
pub fn export(ctx: &Context, a: ExportArgs) -> Result<Outcome> {
    if !a.claimreview {
        return Err(Error::usage("choose an export format: --claimreview"));
    }
    let (p, path) = ctx.article(&a.article)?;
    let loaded = CheckedArticle::load(&p, &path)?;
    let url = pages::url_of(&p, &path, a.url.as_deref());
    let reviews = pages::claim_reviews(&p, &loaded, url.as_deref());
    super::output::for_programs();
    outln!("{}", pages::script_safe_json(&reviews));
    Ok(Outcome::Pass)
}
