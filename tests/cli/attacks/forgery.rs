//! Forged records: a writer with push access edits the sidecar by hand — a sign-off's verdict,
//! time, role or fingerprints, a disputed claim or its dispute deleted, a revoked sign-off
//! brought back from history or through a merge, a correction or publication typed in the
//! editor's name — and the pull-request gate (`check --changed-since BASE --provenance`) finds
//! from git history who really wrote each record (FC051 forged, FC055 removed, FC036 status
//! nobody signed, FC034 a self sign-off). The honest paths pass.

use super::*;

/// A person who is both writer and fact-checker.
const PAT: &str = "pat@example.org";

#[test]
fn a_changed_statistic_with_rewritten_fingerprints_is_forged() {
    let t = honest("standard");
    let base = t.head().to_string();
    let before = load(&t);
    // 15 → 50 in the text. The writer lets the tool compute the fingerprints of the new words by
    // signing locally as the fact-checker and the editor, then splices them into the old
    // records (same signer, same time, same verdict) and throws the new records away.
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    ok_at(&t, &day(9), CHECKER, &["verify", A, "fifteen-micrograms"]);
    ok_at(&t, &day(9), EDITOR, &["signoff", A, "--role", "editor"]);
    let mut fresh = load(&t);
    let new_quote = claim(&mut fresh, "fifteen-micrograms")["quote"].clone();
    assert_eq!(
        new_quote["exact"].as_str().unwrap(),
        "Most adults need 50 micrograms of vitamin D a day"
    );
    let new_signoff = signoffs(&mut fresh, "fifteen-micrograms")
        .iter()
        .find(|s| s["at"].as_str() == Some(&day(9)))
        .unwrap()
        .clone();
    let new_review = fresh["review"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|r| r["at"].as_str() == Some(&day(9)))
        .unwrap()
        .clone();
    let blob = new_signoff["article"].clone();
    let mut forged = before;
    claim(&mut forged, "fifteen-micrograms")["quote"] = new_quote;
    for s in signoffs(&mut forged, "fifteen-micrograms") {
        splice(s, &new_signoff);
    }
    for s in signoffs(&mut forged, "absorb-calcium") {
        s["article"] = blob.clone();
    }
    for r in forged["review"].as_sequence_mut().unwrap() {
        splice(r, &new_review);
    }
    store(&t, &forged);
    let text = t.read(S);
    assert!(!text.contains(&day(9)) && text.contains("need 50 micrograms"));
    t.commit(WRITER, "Update the adult dose");

    let doc = blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
    has(&doc, "FC051", &[EDITOR]);
}

#[test]
fn flipping_a_disputed_verdict_is_forged() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(S, "status: disputed", "status: verified");
    t.edit(S, "verdict: disputed", "verdict: verified");
    t.commit(WRITER, "Tidy the sidecar");

    blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
}

/// Deleting the disputed sign-off in one commit and re-adding it, altered, in another: the
/// record at the head differs from the base's.
#[test]
fn a_forgery_split_over_two_commits_is_forged() {
    let t = disputed();
    let base = t.head().to_string();
    let mut v = load(&t);
    let record = signoffs(&mut v, "fifteen-micrograms").pop().unwrap();
    store(&t, &v);
    t.commit(WRITER, "Drop a duplicate");
    let mut record = record;
    record["verdict"] = "verified".into();
    signoffs(&mut v, "fifteen-micrograms").push(record);
    claim(&mut v, "fifteen-micrograms")["status"] = "verified".into();
    store(&t, &v);
    t.commit(WRITER, "Restore it");

    blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
}

/// The fact-checker's later, honest commit (verifying another claim) rewrites the sidecar that
/// holds the writer's forgery: the forged record is still the writer's.
#[test]
fn a_forgery_is_not_laundered_by_the_signers_later_commit() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(S, "status: disputed", "status: verified");
    t.edit(S, "verdict: disputed", "verdict: verified");
    t.commit(WRITER, "Tidy the sidecar");
    ok_at(&t, &day(10), CHECKER, &["verify", A, "absorb-calcium"]);
    t.commit(CHECKER, "Re-check calcium");

    blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
}

/// Moving the old `verified` sign-off's time after the dispute, so it becomes the latest.
#[test]
fn editing_a_signoffs_time_is_forged() {
    let t = disputed();
    let base = t.head().to_string();
    let mut v = load(&t);
    for s in signoffs(&mut v, "fifteen-micrograms") {
        if s["verdict"].as_str() == Some("verified") {
            s["at"] = day(6).into();
        }
    }
    claim(&mut v, "fifteen-micrograms")["status"] = "verified".into();
    store(&t, &v);
    t.commit(WRITER, "Fix time zone");

    blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
}

/// Relabelling the medical reviewer's sign-off as the fact-checker's role.
#[test]
fn relabelling_a_signoffs_role_is_forged() {
    let t = honest("health");
    let base = t.head().to_string();
    let mut v = load(&t);
    for s in signoffs(&mut v, "absorb-calcium") {
        if s["by"].as_str() == Some(DOCTOR) {
            s["role"] = "fact-checker".into();
        }
    }
    store(&t, &v);
    t.commit(WRITER, "Fix role");

    blocks_with(&t, &base, "FC051", &["absorb-calcium", DOCTOR]);
}

#[test]
fn reordering_signoffs_does_not_change_the_latest_verdict() {
    let t = disputed();
    let base = t.head().to_string();
    let mut v = load(&t);
    // The verified sign-off (day 2) now comes last; the disputed one (day 5) is still the latest.
    signoffs(&mut v, "fifteen-micrograms").reverse();
    claim(&mut v, "fifteen-micrograms")["status"] = "verified".into();
    store(&t, &v);
    t.commit(WRITER, "Tidy the sidecar");

    let (exit, doc) = gate(&t, &base);
    assert!(
        exit == 1
            && doc
                .with("FC036")
                .iter()
                .any(|f| f.claim.as_deref() == Some("fifteen-micrograms")),
        "expected FC036 on fifteen-micrograms; exit {exit}:\n{:#?}",
        listing(&doc)
    );
}

/// Two sign-offs in the same second (verified, then disputed) cannot be ordered by their place
/// in the list, which the writer can change. The tool never records two sign-offs on a claim at
/// the same time, and a tie typed by hand that disagrees is FC036.
#[test]
fn a_dispute_cannot_hide_behind_a_timestamp_tie() {
    let t = honest("standard");
    let base = t.head().to_string();
    // Honest: the fact-checker disputes within the same second as their verification.
    ok_at(
        &t,
        &day(2),
        CHECKER,
        &["verify", A, "fifteen-micrograms", "--status", "disputed"],
    );
    let mut v = load(&t);
    let signoffs = claim(&mut v, "fifteen-micrograms")["signoffs"]
        .as_sequence()
        .unwrap()
        .clone();
    let times: Vec<&str> = signoffs.iter().map(|s| s["at"].as_str().unwrap()).collect();
    assert!(times[0] < times[1], "{times:?}");
    t.commit(CHECKER, "Dispute");
    // The writer makes the two times equal (an alteration: FC051) ...
    let mut v = load(&t);
    let first = claim(&mut v, "fifteen-micrograms")["signoffs"][0]["at"].clone();
    claim(&mut v, "fifteen-micrograms")["signoffs"][1]["at"] = first;
    claim(&mut v, "fifteen-micrograms")["status"] = "verified".into();
    store(&t, &v);
    t.commit(WRITER, "Tidy");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    // ... and even without provenance, a tie that disagrees decides nothing.
    assert!(
        doc.with("FC036")
            .iter()
            .any(|f| f.message.contains("at the same time disagree")),
        "{:#?}",
        listing(&doc)
    );
}

#[test]
fn deleting_the_disputed_signoff_is_a_removal() {
    let t = disputed();
    let base = t.head().to_string();
    let mut v = load(&t);
    signoffs(&mut v, "fifteen-micrograms").retain(|s| s["verdict"].as_str() != Some("disputed"));
    claim(&mut v, "fifteen-micrograms")["status"] = "verified".into();
    store(&t, &v);
    t.commit(WRITER, "Tidy the sidecar");

    blocks_with(&t, &base, "FC055", &["fifteen-micrograms", CHECKER]);
}

#[test]
fn deleting_a_disputed_claim_is_a_removal() {
    let t = disputed();
    let base = t.head().to_string();
    let mut v = load(&t);
    drop_claim(&mut v, "fifteen-micrograms");
    store(&t, &v);
    assert!(t.read(A).contains("Most adults need 15 micrograms"));
    t.commit(WRITER, "Drop a claim");

    blocks_with(&t, &base, "FC055", &["fifteen-micrograms"]);
}

/// The fact-checker disputes a claim on the branch itself (fact-checking happens in the pull
/// request); the writer restores the sidecar as it was before (a `git revert` does the same)
/// and goes on editing the article. The dispute was never on the base, but it was made by its
/// signer: removing it is FC055.
#[test]
fn reverting_a_dispute_made_on_the_branch_is_a_removal() {
    let t = honest("light");
    let base = t.head().to_string();
    let before = t.read(S);
    ok_at(
        &t,
        &day(8),
        CHECKER,
        &[
            "verify",
            A,
            "fifteen-micrograms",
            "--status",
            "disputed",
            "--note",
            "NIH says 15 only for adults under 70",
        ],
    );
    t.commit(CHECKER, "Dispute the dose");
    t.write(S, &before);
    t.edit(A, "Some people say", "Many people say");
    t.commit(WRITER, "Restore the sidecar");
    blocks_with(&t, &base, "FC055", &["fifteen-micrograms", CHECKER]);
}

/// Renaming the disputed claim's id (keeping only its old `verified` sign-off): the claim with
/// sign-offs is gone, and the sign-offs under the new id were put there by the writer.
#[test]
fn renaming_a_claim_id_does_not_shed_its_history() {
    let t = disputed();
    let base = t.head().to_string();
    let mut v = load(&t);
    let c = claim(&mut v, "fifteen-micrograms");
    c["id"] = "adult-dose".into();
    c["status"] = "verified".into();
    c["signoffs"]
        .as_sequence_mut()
        .unwrap()
        .retain(|s| s["verdict"].as_str() == Some("verified"));
    store(&t, &v);
    t.commit(WRITER, "Clearer claim id");

    let doc = blocks_with(&t, &base, "FC055", &["fifteen-micrograms"]);
    has(&doc, "FC051", &["adult-dose", CHECKER]);
}

/// [`honest`] `standard`, then the fact-checker withdraws their sign-off on `fifteen-micrograms`
/// by hand (and sets it back to unverified) and commits. Returns the commit before.
fn revoked() -> (TestRepo, git2::Oid) {
    let t = honest("standard");
    let before = t.head();
    let mut v = load(&t);
    let c = claim(&mut v, "fifteen-micrograms");
    c.as_mapping_mut().unwrap().remove("signoffs");
    c["status"] = "unverified".into();
    store(&t, &v);
    t.commit(CHECKER, "Withdraw my sign-off: the NIH page changed");
    (t, before)
}

#[test]
fn re_adding_a_revoked_signoff_from_history_is_forged() {
    let (t, before) = revoked();
    let base = t.head().to_string();
    let mut old = sidecar_at(&t, before);
    let record = claim(&mut old, "fifteen-micrograms").clone();
    let mut v = load(&t);
    *claim(&mut v, "fifteen-micrograms") = record;
    store(&t, &v);
    t.commit(WRITER, "Restore the sign-off lost in a bad merge");

    blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
}

/// A merge commit whose tree re-adds a revoked sign-off, with the pre-revocation commit (where
/// the record was legitimately present) as a parent: the record is not in the base, and the
/// writer's merge brought it back.
#[test]
fn merging_the_pre_revocation_commit_does_not_resurrect_a_signoff() {
    let (t, before) = revoked();
    let base = t.head();
    let mut old = sidecar_at(&t, before);
    let record = claim(&mut old, "fifteen-micrograms").clone();
    let mut v = load(&t);
    *claim(&mut v, "fifteen-micrograms") = record;
    store(&t, &v);
    t.commit_with(WRITER, "Merge branch 'fact-check'", &[base, before], true);

    blocks_with(
        &t,
        &base.to_string(),
        "FC051",
        &["fifteen-micrograms", CHECKER],
    );
}

/// A merge commit authored by the writer that introduces a sign-off neither parent has.
#[test]
fn a_signoff_introduced_by_a_merge_commit_is_forged() {
    let (t, _) = revoked();
    let base = t.head();
    t.write("notes/sources.txt", "To read: NIH ODS.\n");
    let side = t.commit_with(WRITER, "Notes", &[base], false);
    ok_at(&t, &day(9), CHECKER, &["verify", A, "fifteen-micrograms"]);
    t.commit_with(WRITER, "Merge branch 'notes'", &[base, side], true);

    blocks_with(
        &t,
        &base.to_string(),
        "FC051",
        &["fifteen-micrograms", CHECKER],
    );
}

/// A published article corrected (text edited, `correct` and the editor's sign-off run as the
/// editor) and committed by `who`; returns the repository and the base.
fn correction_committed_by(who: &str) -> (TestRepo, String) {
    let t = published();
    let base = t.head().to_string();
    t.edit(A, "Some people say", "Many people say");
    ok_at(
        &t,
        &day(7),
        EDITOR,
        &["correct", A, "--note", "Clarified who dislikes fish oil."],
    );
    ok_at(&t, &day(7), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(who, "Small correction");
    (t, base)
}

#[test]
fn a_correction_typed_in_the_editors_name_is_forged() {
    // The writer runs the editor's commands locally and commits the result.
    let (t, base) = correction_committed_by(WRITER);
    blocks_with(&t, &base, "FC051", &["correction", EDITOR]);
}

#[test]
fn a_publication_record_typed_in_the_editors_name_is_forged() {
    let t = honest("standard");
    let base = t.head().to_string();
    ok_at(&t, &day(6), EDITOR, &["publish", A]);
    t.commit(WRITER, "Publish");

    blocks_with(&t, &base, "FC051", &["publication", EDITOR]);
}

#[test]
fn a_signoff_committed_by_someone_else_is_forged() {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.commit(WRITER, "Claims");
    // The writer types the fact-checker's approval (as the tool would write it) and commits it.
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.commit(WRITER, "Verified, honest");
    let found = provenance(&t, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "FC051");
    assert!(
        found[0]
            .1
            .contains("authored by wendy <wendy@example.org>, not by carl@example.org"),
        "{}",
        found[0].1
    );

    // And a sign-off not committed at all.
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    let found = provenance(&t, &[]);
    assert!(
        found
            .iter()
            .any(|(c, m)| c == "FC050" && m.contains("fifteen-micrograms")),
        "{found:?}"
    );
}

#[test]
fn leaving_authors_to_verify_ones_own_claim_is_a_removal() {
    let t = honest("standard");
    t.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {PAT}\n    roles: [writer, fact-checker]\n"),
    );
    t.commit(EDITOR, "Pat joins as writer and fact-checker");
    let p = "articles/sun.md";
    let ps = "articles/sun.claims.yaml";
    t.write(
        p,
        "# Sunlight\n\nTen minutes of midday sun makes enough vitamin D for most adults.\n",
    );
    t.ok(PAT, &["track", p]);
    t.ok(
        PAT,
        &[
            "source",
            "add",
            p,
            "--id",
            "nhs-vitd",
            "--url",
            "https://www.nhs.uk/conditions/vitamins-and-minerals/vitamin-d/",
            "--kind",
            "government",
            "--published",
            "2023-08-03",
        ],
    );
    t.ok(
        PAT,
        &[
            "claim",
            "add",
            p,
            "--id",
            "ten-minutes",
            "--quote",
            "Ten minutes of midday sun makes enough vitamin D for most adults",
            "--source",
            "nhs-vitd",
        ],
    );
    t.commit(PAT, "Sunlight draft");
    ok_at(&t, &day(6), EDITOR, &["signoff", p, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    let base = t.head().to_string();
    assert!(t.read(ps).contains(&format!("authors:\n- {PAT}\n")));
    // Pat's own verification is refused while Pat is an author.
    t.expect(PAT, &["verify", p, "ten-minutes"], 2);

    t.edit(ps, &format!("authors:\n- {PAT}\n"), "authors: []\n");
    ok_at(&t, &day(7), PAT, &["verify", p, "ten-minutes"]);
    t.commit(PAT, "Verify");

    blocks_with(&t, &base, "FC055", &[PAT]);
}

/// `authors:` is typed (or `track`ed under another name); git records who wrote the text. A
/// writer who is also a fact-checker tracks her article as someone else and verifies it: FC034.
#[test]
fn verifying_text_one_committed_is_a_self_signoff() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {PAT}\n    roles: [writer, fact-checker]\n"),
    );
    t.commit(EDITOR, "Newsroom with Pat");
    let base = t.head().to_string();
    t.write(
        "articles/pat.md",
        "# Pat's story\n\nMost adults need 15 micrograms of vitamin D a day.\n",
    );
    t.commit(PAT, "Pat writes");
    let a = "articles/pat.md";
    t.ok(WRITER, &["track", a]);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            a,
            "--id",
            "nih",
            "--url",
            "https://ods.od.nih.gov/x",
            "--kind",
            "government",
        ],
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            a,
            "--id",
            "dose",
            "--quote",
            "Most adults need 15 micrograms of vitamin D a day",
            "--source",
            "nih",
        ],
    );
    t.commit(PAT, "Tracked (as Wendy)");
    t.ok(PAT, &["verify", a, "dose"]);
    t.commit(PAT, "Verified");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    assert!(
        doc.with("FC034")
            .iter()
            .any(|f| f.message.contains("who wrote the article's text")),
        "{:#?}",
        listing(&doc)
    );
}

#[test]
fn an_honest_history_passes_provenance() {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.commit(WRITER, "Claims");
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        t.ok(CHECKER, &["verify", A, c]);
    }
    t.commit(CHECKER, "Fact-check");
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    assert!(provenance(&t, &[]).is_empty());
    t.expect(EDITOR, &["check", "--provenance"], 0);
}

#[test]
fn honest_reverification_after_the_writers_edit_passes() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit(A, "need 15 micrograms", "need 10 micrograms");
    t.commit(WRITER, "Correct the dose");
    ok_at(&t, &day(8), CHECKER, &["verify", A, "fifteen-micrograms"]);
    t.commit(CHECKER, "Re-verify the dose");
    ok_at(&t, &day(9), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");

    passes(&t, &base);
}

#[test]
fn honest_correction_by_the_editor_passes() {
    let (t, base) = correction_committed_by(EDITOR);
    passes(&t, &base);
}

#[test]
fn honest_withdrawal_by_the_signer_only_misses_the_signoff() {
    let t = honest("standard");
    let base = t.head().to_string();
    let mut v = load(&t);
    claim(&mut v, "fifteen-micrograms")
        .as_mapping_mut()
        .unwrap()
        .remove("signoffs");
    store(&t, &v);
    t.commit(CHECKER, "Withdraw my sign-off");

    let (exit, doc) = gate(&t, &base);
    assert!(
        exit == 1 && doc.codes() == ["FC030"],
        "expected only FC030; exit {exit}:\n{:#?}",
        listing(&doc)
    );
}

#[test]
fn honest_removal_of_a_disputed_claim_by_the_editor_passes() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(A, " Most adults need 15 micrograms of vitamin D a day.", "");
    let mut v = load(&t);
    drop_claim(&mut v, "fifteen-micrograms");
    store(&t, &v);
    ok_at(&t, &day(7), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Cut the disputed dose");

    passes(&t, &base);
}
