//! Publication checks: a published article must have a publication record (FC041) and may only
//! change with a correction record (FC040). Once a publication record exists the article was
//! published, whatever `stage:` says: setting the stage back to `draft` does not unpublish the
//! page readers saw, so it does not excuse an uncorrected edit.

use crate::model::Stage;
use crate::model::finding::Code;

use super::{Findings, Subject};

/// Runs the publication checks.
pub fn check(s: &Subject<'_>, f: &mut Findings<'_>) {
    let sidecar = s.sidecar();
    let rel = &s.path.rel;
    let Some(publication) = &sidecar.publication else {
        if sidecar.stage != Stage::Published {
            return;
        }
        f.at_yaml(
            Code::PublishedWithoutRecord,
            None,
            "stage",
            Some("published"),
            "the stage says published, but there is no publication record".into(),
            Some(format!("publish through the gate: factcheck publish {rel}")),
        );
        return;
    };
    let blob = &s.article.blob;
    let corrected = sidecar.corrections.iter().any(|c| &c.article == blob);
    if &publication.article != blob && !corrected {
        f.at_yaml(
            Code::ChangedWithoutCorrection,
            None,
            "publication",
            None,
            format!("{rel} changed after publication and no correction record covers the new text"),
            Some(format!(
                "record what changed for readers: factcheck correct {rel} --note \"...\""
            )),
        );
    }
}
