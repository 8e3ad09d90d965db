//! The pull-request gate against a dishonest writer with push access (`check --changed-since
//! BASE --provenance`): each attack is set up with the real binary in a real repository — a main
//! line where everyone commits as themselves and the article was honestly approved, then the
//! attacker's commits — and asserts the outcome of the hardened gate. The honest paths must pass
//! before and after the hardening.
//!
//! Every test passes on the hardened gate. Outcome of the first 38 on the code before it (commit
//! 63cba24, session 5), test by test; the later ones were found by two independent attackers
//! against the hardened gate, each failing there before its fix:
//!
//! | # | test | before | what the gate said before |
//! |---|---|---|---|
//! | 1 | `a_changed_statistic_with_rewritten_fingerprints_is_forged` | FAIL | exit 0, nothing |
//! | 2a | `flipping_a_disputed_verdict_is_forged` | FAIL | exit 0 |
//! | 2b | `deleting_the_disputed_signoff_is_a_removal` | FAIL | exit 0 |
//! | 2c | `reordering_signoffs_does_not_change_the_latest_verdict` | FAIL | exit 0 (latest by position) |
//! | 3 | `re_adding_a_revoked_signoff_from_history_is_forged` | FAIL | exit 0 (oldest origin wins) |
//! | 4 | `deleting_a_disputed_claim_is_a_removal` | FAIL | exit 0, FC070 warning only |
//! | 5a | `changing_a_verified_claims_kind_stales_its_signoffs` | FAIL | exit 0 |
//! | 5b | `swapping_a_sources_url_stales_the_claims_citing_it` | FAIL | exit 0 |
//! | 5c | `retitling_a_source_stales_the_claims_citing_it` | FAIL | exit 0 |
//! | 5d | `changing_a_sources_excerpt_stales_the_claims_citing_it` | FAIL | exit 0 |
//! | 5e | `swapping_a_sources_snapshot_stales_the_claims_citing_it` | FAIL | exit 0 |
//! | 5f | `redating_a_source_stales_the_claims_citing_it` (extra) | FAIL | exit 0 |
//! | 5g | `citing_other_sources_stales_the_claim` (extra) | FAIL | exit 0, FC025 warning |
//! | 6a | `a_correction_typed_in_the_editors_name_is_forged` | FAIL | exit 1, FC051 for the forged editor sign-off only, none for the correction |
//! | 6b | `a_publication_record_typed_in_the_editors_name_is_forged` | FAIL | exit 0 |
//! | 7a | `switching_to_a_laxer_workflow_changes_no_finding` | FAIL | exit 0 (branch's `light` used) |
//! | 7b | `turning_findings_off_in_the_local_workflow_changes_no_finding` | FAIL | exit 0 (branch's severities used) |
//! | 8a | `renaming_the_article_out_of_the_globs_drops_it` | FAIL | exit 0, nothing checked |
//! | 8b | `deleting_the_sidecar_drops_the_article` | FAIL | exit 0, FC004 warning |
//! | 8c | `a_new_article_without_a_sidecar_blocks` | FAIL | exit 0, FC004 warning |
//! | 8d | `an_article_under_a_target_directory_is_seen` | FAIL | exit 0, FC004 warning |
//! | 8e | `an_article_under_a_hidden_directory_is_seen` | FAIL | exit 0, FC004 warning |
//! | 9 | `leaving_authors_to_verify_ones_own_claim_is_a_removal` | FAIL | exit 0 |
//! | 10 | `an_inline_off_marker_is_an_input_error` | FAIL | exit 0 (the hidden word is skipped, the quote matches) |
//! | 11 | `a_change_to_evidence_alone_selects_its_article` | FAIL | exit 0, nothing checked |
//! | x | `merging_the_pre_revocation_commit_does_not_resurrect_a_signoff` | FAIL | exit 0 |
//! | x | `a_signoff_introduced_by_a_merge_commit_is_forged` | pass | FC051 already |
//! | x | `a_forgery_split_over_two_commits_is_forged` | FAIL | exit 0 |
//! | x | `a_forgery_is_not_laundered_by_the_signers_later_commit` | FAIL | exit 0 |
//! | x | `editing_a_signoffs_time_is_forged` | pass | FC051 already (the time is part of today's identity) |
//! | x | `relabelling_a_signoffs_role_is_forged` | pass | FC051 already (so is the role) |
//! | x | `an_editor_role_granted_on_the_branch_does_not_allow_removals` | FAIL | exit 0, FC070 warnings only |
//! | x | `renaming_a_claim_id_does_not_shed_its_history` | FAIL | exit 1 with FC051, but no FC055 |
//! | h | `honest_reverification_after_the_writers_edit_passes` | pass | exit 0 |
//! | h | `honest_correction_by_the_editor_passes` | pass | exit 0 |
//! | h | `honest_withdrawal_by_the_signer_only_misses_the_signoff` | pass | exit 1, FC030 only |
//! | h | `honest_removal_of_a_disputed_claim_by_the_editor_passes` | pass | exit 0 |
//! | h | `honest_workflow_change_by_the_editor_passes` | pass | exit 0 |
//!
//! Every FAIL fails on the final assertion (gate exit code / finding codes); every setup step
//! runs the real commands successfully today.

use serde_yaml::Value;

mod edges;
mod readers;
mod reordering;

use crate::support::*;

/// A person who is both writer and fact-checker (attack 9).
const PAT: &str = "pat@example.org";

/// A time on day `d` of November 2026, before the fixed clock ([`NOW`], the 20th).
fn day(d: u32) -> String {
    format!("2026-11-{d:02}T10:00:00Z")
}

/// Runs factcheck as `who` with the clock at `now`, expecting success. An attacker can run any
/// command locally with any `--as`; only what they commit, and as whom, differs.
fn ok_at(t: &TestRepo, now: &str, who: &str, args: &[&str]) -> Run {
    let out = t
        .cmd()
        .env("FACTCHECK_NOW", now)
        .arg("--as")
        .arg(who)
        .args(args)
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(
        r.code, 0,
        "factcheck {args:?} as {who}\nstdout:\n{}\nstderr:\n{}",
        r.stdout, r.stderr
    );
    r
}

/// The main line of a newsroom prepared in `t`: set up by the editor, the article drafted by the
/// writer, verified by the fact-checker (and the medical reviewer in `health`), signed off by the
/// editor (not in `light`), each committing their own work. The honest history passes the full
/// gate with provenance.
fn main_line(t: TestRepo) -> TestRepo {
    let config = t.read("factcheck.yaml");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.commit(WRITER, "Draft with claims and sources");
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        ok_at(&t, &day(2), CHECKER, &["verify", A, c]);
    }
    t.commit(CHECKER, "Fact-check");
    if config.contains("workflow: health") {
        ok_at(&t, &day(3), DOCTOR, &["verify", A, "absorb-calcium"]);
        ok_at(
            &t,
            &day(3),
            DOCTOR,
            &["signoff", A, "--role", "medical-reviewer"],
        );
        t.commit(DOCTOR, "Medical review");
    }
    if !config.contains("workflow: light") {
        ok_at(&t, &day(4), EDITOR, &["signoff", A, "--role", "editor"]);
        t.commit(EDITOR, "Editor sign-off");
    }
    let r = t.run_as(Some(EDITOR), &["check", "--provenance", "--format", "json"]);
    assert_eq!(r.code, 0, "the honest main line is blocked:\n{}", r.stdout);
    t
}

fn honest(workflow: &str) -> TestRepo {
    main_line(TestRepo::newsroom(workflow))
}

/// [`honest`] `standard`, then the fact-checker disputes `fifteen-micrograms` (day 5) and commits.
fn disputed() -> TestRepo {
    let t = honest("standard");
    ok_at(
        &t,
        &day(5),
        CHECKER,
        &[
            "verify",
            A,
            "fifteen-micrograms",
            "--status",
            "disputed",
            "--note",
            "The NIH figure is for adults up to 70; older adults need 20",
        ],
    );
    t.commit(CHECKER, "Dispute the adult dose");
    t
}

/// [`honest`] `standard`, then the editor publishes the article (day 6) and commits.
fn published() -> TestRepo {
    let t = honest("standard");
    ok_at(&t, &day(6), EDITOR, &["publish", A]);
    t.commit(EDITOR, "Publish");
    t
}

/// The snapshot [`with_snapshot`] registers.
const SNAPSHOT: &str = "Vitamin D fact sheet for consumers.\nAdults need 15 micrograms (600 IU) of vitamin D a day.\nSome adults may need up to 100 micrograms a day.\n";

/// A newsroom whose statistic also cites `ods-page`, a source with an evidence snapshot and an
/// excerpt, honestly approved. Returns the repository and the snapshot's path.
fn with_snapshot() -> (TestRepo, String) {
    let t = TestRepo::newsroom("standard");
    t.commit(EDITOR, "Newsroom");
    t.tracked();
    t.write("downloads/ods.txt", SNAPSHOT);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "ods-page",
            "--url",
            "https://ods.od.nih.gov/factsheets/VitaminD-HealthProfessional/",
            "--title",
            "Vitamin D: how much do I need?",
            "--publisher",
            "NIH Office of Dietary Supplements",
            "--kind",
            "government",
            "--published",
            "2024-03-01",
            "--snapshot",
            "downloads/ods.txt",
            "--excerpt",
            "Adults need 15 micrograms (600 IU) of vitamin D a day",
        ],
    );
    t.ok(WRITER, &["cite", A, "fifteen-micrograms", "ods-page"]);
    std::fs::remove_file(t.path().join("downloads/ods.txt")).unwrap();
    t.commit(WRITER, "Draft with claims, sources and evidence");
    for c in ["absorb-calcium", "fifteen-micrograms"] {
        ok_at(&t, &day(2), CHECKER, &["verify", A, c]);
    }
    t.commit(CHECKER, "Fact-check");
    ok_at(&t, &day(4), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    let r = t.run_as(Some(EDITOR), &["check", "--provenance", "--format", "json"]);
    assert_eq!(r.code, 0, "the honest main line is blocked:\n{}", r.stdout);
    let rel = snapshot_of(&t, "ods-page");
    (t, rel)
}

/// The snapshot path of source `id`.
fn snapshot_of(t: &TestRepo, id: &str) -> String {
    let v = load(t);
    let sources = v["sources"].as_sequence().unwrap();
    let source = sources.iter().find(|s| s["id"].as_str() == Some(id));
    source.unwrap()["snapshot"].as_str().unwrap().to_string()
}

/// The pull-request gate as CI runs it: exit code and findings.
fn gate(t: &TestRepo, base: &str) -> (i32, CheckDoc) {
    let r = t.run_as(
        Some(EDITOR),
        &[
            "check",
            "--changed-since",
            base,
            "--provenance",
            "--format",
            "json",
        ],
    );
    assert!(
        r.code == 0 || r.code == 1,
        "the gate exited {}:\n{}\n{}",
        r.code,
        r.stdout,
        r.stderr
    );
    (r.code, r.json())
}

/// The articles checked and every finding, for failure output.
fn listing(doc: &CheckDoc) -> Vec<String> {
    let checked: Vec<&str> = doc.articles.iter().map(|a| a.article.as_str()).collect();
    let mut out = vec![format!("checked: {checked:?}")];
    out.extend(
        doc.articles
            .iter()
            .flat_map(|a| &a.findings)
            .map(|f| format!("{} {} [{}] {}", f.file, f.code, f.severity, f.message)),
    );
    out
}

/// Whether finding `f` names `word`: in its message, or as its file.
fn names(f: &Finding, word: &str) -> bool {
    f.message.contains(word) || f.file == word
}

/// Asserts the gate blocks (exit 1) with a `code` finding whose message contains every word.
fn blocks_with(t: &TestRepo, base: &str, code: &str, words: &[&str]) -> CheckDoc {
    let (exit, doc) = gate(t, base);
    let named = doc
        .with(code)
        .iter()
        .any(|f| words.iter().all(|w| names(f, w)));
    assert!(
        exit == 1 && named,
        "expected exit 1 and {code} naming {words:?}; got exit {exit}:\n{:#?}",
        listing(&doc)
    );
    doc
}

/// Asserts `doc` has a `code` finding whose message contains every word.
fn has(doc: &CheckDoc, code: &str, words: &[&str]) {
    assert!(
        doc.with(code)
            .iter()
            .any(|f| words.iter().all(|w| names(f, w))),
        "expected {code} naming {words:?}:\n{:#?}",
        listing(doc)
    );
}

/// Asserts `doc` reports FC031 for each claim in `claims`.
fn stale(doc: &CheckDoc, claims: &[&str]) {
    for c in claims {
        assert!(
            doc.with("FC031")
                .iter()
                .any(|f| f.claim.as_deref() == Some(c)),
            "expected FC031 on `{c}`:\n{:#?}",
            listing(doc)
        );
    }
}

/// Asserts an honest branch passes: exit 0 and no provenance (FC05x) finding.
fn passes(t: &TestRepo, base: &str) {
    let (exit, doc) = gate(t, base);
    let fc05 = doc.codes().iter().any(|c| c.starts_with("FC05"));
    assert!(
        exit == 0 && !fc05,
        "the honest branch is blocked (exit {exit}):\n{:#?}",
        listing(&doc)
    );
}

/// The sidecar as a YAML value (what an attacker's editor shows).
fn load(t: &TestRepo) -> Value {
    serde_yaml::from_str(&t.read(S)).unwrap()
}

/// Writes the sidecar back.
fn store(t: &TestRepo, v: &Value) {
    t.write(S, &serde_yaml::to_string(v).unwrap());
}

/// The claim `id` in a sidecar value.
fn claim<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    v["claims"]
        .as_sequence_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no claim {id}"))
}

/// The sign-offs of claim `id`.
fn signoffs<'a>(v: &'a mut Value, id: &str) -> &'a mut Vec<Value> {
    claim(v, id)["signoffs"].as_sequence_mut().unwrap()
}

/// Removes claim `id` from a sidecar value.
fn drop_claim(v: &mut Value, id: &str) {
    v["claims"]
        .as_sequence_mut()
        .unwrap()
        .retain(|c| c["id"].as_str() != Some(id));
}

/// The sidecar as it was in `commit`.
fn sidecar_at(t: &TestRepo, commit: git2::Oid) -> Value {
    let blob = t
        .repo
        .revparse_single(&format!("{commit}:{S}"))
        .unwrap()
        .peel_to_blob()
        .unwrap();
    serde_yaml::from_slice(blob.content()).unwrap()
}

/// Copies every field of `fresh` but the signer's and the verdict into `record`: the fingerprints
/// the tool computed for the new text, spliced into an old record.
fn splice(record: &mut Value, fresh: &Value) {
    let keep = ["by", "role", "verdict", "at", "note"];
    for (k, val) in fresh.as_mapping().unwrap() {
        if !keep.contains(&k.as_str().unwrap_or("")) {
            record[k.as_str().unwrap()] = val.clone();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Changing a verified statistic and re-fingerprinting the sign-offs.

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

// ---------------------------------------------------------------------------------------------
// 2. Overturning a dispute.

#[test]
fn flipping_a_disputed_verdict_is_forged() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(S, "status: disputed", "status: verified");
    t.edit(S, "verdict: disputed", "verdict: verified");
    t.commit(WRITER, "Tidy the sidecar");

    blocks_with(&t, &base, "FC051", &["fifteen-micrograms", CHECKER]);
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

// ---------------------------------------------------------------------------------------------
// 3. Resurrecting a revoked sign-off.

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

// ---------------------------------------------------------------------------------------------
// 4. Deleting a disputed claim.

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

// ---------------------------------------------------------------------------------------------
// 5. Changing what a sign-off approved besides the words: the claim's kind, its sources.

#[test]
fn changing_a_verified_claims_kind_stales_its_signoffs() {
    let t = honest("health");
    let base = t.head().to_string();
    t.edit(S, "kind: medical", "kind: fact");
    t.commit(WRITER, "It is a plain fact");

    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium"]);
}

/// The writer edits one field of a source both claims cite (`from` → `to` in the sidecar) and
/// commits it: every claim citing the source goes stale.
fn editing_a_source_stales_its_claims(from: &str, to: &str) {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit(S, from, to);
    t.commit(WRITER, "Fix the source");

    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium", "fifteen-micrograms"]);
}

#[test]
fn swapping_a_sources_url_stales_the_claims_citing_it() {
    editing_a_source_stales_its_claims(
        "url: https://ods.od.nih.gov/factsheets/VitaminD-Consumer/",
        "url: https://vitamin-megadose.example.com/facts",
    );
}

#[test]
fn retitling_a_source_stales_the_claims_citing_it() {
    editing_a_source_stales_its_claims(
        "title: Vitamin D fact sheet",
        "title: 'Vitamin D: megadoses are safe'",
    );
}

#[test]
fn redating_a_source_stales_the_claims_citing_it() {
    editing_a_source_stales_its_claims("published: 2024-03-01", "published: 2026-03-01");
}

/// Which sources are cited is part of what the fact-checker approved: swapping a citation for
/// the writer's own weaker source stales the claim.
#[test]
fn citing_other_sources_stales_the_claim() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "blog",
            "--url",
            "https://wellness-blog.example.com/vitamin-d",
            "--kind",
            "other",
        ],
    );
    let mut v = load(&t);
    for s in claim(&mut v, "absorb-calcium")["sources"]
        .as_sequence_mut()
        .unwrap()
    {
        if s.as_str() == Some("nhs-vitd") {
            *s = "blog".into();
        }
    }
    store(&t, &v);
    t.commit(WRITER, "Better source");

    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium"]);
}

#[test]
fn changing_a_sources_excerpt_stales_the_claims_citing_it() {
    let (t, _) = with_snapshot();
    let base = t.head().to_string();
    // Another sentence of the same snapshot: still found in it (no FC074).
    t.edit(
        S,
        "excerpt: Adults need 15 micrograms (600 IU) of vitamin D a day",
        "excerpt: Some adults may need up to 100 micrograms a day",
    );
    t.commit(WRITER, "Better excerpt");

    let (exit, doc) = gate(&t, &base);
    assert!(doc.with("FC074").is_empty(), "{:#?}", listing(&doc));
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

#[test]
fn swapping_a_sources_snapshot_stales_the_claims_citing_it() {
    let (t, old) = with_snapshot();
    let base = t.head().to_string();
    // The writer stores another page with the tool (so its name matches its content), points
    // the source at it and drops the helper source.
    t.write(
        "downloads/fake.txt",
        "Adults need 15 micrograms (600 IU) of vitamin D a day.\nMegadoses of 1000 micrograms are safe.\n",
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "tmp",
            "--url",
            "https://example.org/tmp",
            "--snapshot",
            "downloads/fake.txt",
        ],
    );
    std::fs::remove_file(t.path().join("downloads/fake.txt")).unwrap();
    let new = snapshot_of(&t, "tmp");
    assert_ne!(new, old);
    let mut v = load(&t);
    let sources = v["sources"].as_sequence_mut().unwrap();
    sources.retain(|s| s["id"].as_str() != Some("tmp"));
    for s in sources.iter_mut() {
        if s["id"].as_str() == Some("ods-page") {
            s["snapshot"] = new.clone().into();
        }
    }
    store(&t, &v);
    t.commit(WRITER, "Newer copy of the NIH page");

    let (exit, doc) = gate(&t, &base);
    assert!(
        doc.with("FC073").is_empty() && doc.with("FC074").is_empty(),
        "{:#?}",
        listing(&doc)
    );
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

// ---------------------------------------------------------------------------------------------
// 6. Publication records in the editor's name.

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

// ---------------------------------------------------------------------------------------------
// 7. Relaxing the policy in the same pull request.

#[test]
fn switching_to_a_laxer_workflow_changes_no_finding() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit("factcheck.yaml", "workflow: standard", "workflow: light");
    // An edit the editor has not seen: under `standard` their sign-off is stale.
    t.edit(A, "Some people say", "Many people say");
    t.commit(WRITER, "Lighter process for explainers");

    let doc = blocks_with(&t, &base, "FC056", &["factcheck.yaml"]);
    has(&doc, "FC033", &[]);
}

/// The newsroom's own workflow file: `standard`, spelled out.
const OURS: &str = "name: ours\ndescription: The newsroom's workflow.\npublishable_statuses: [verified, opinion]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\narticle:\n  signoff_roles: [editor]\n  stale_on: any-edit\nseparation_of_duties: true\ncoverage: warn\nexcluded_sections: [Comments]\n";

#[test]
fn turning_findings_off_in_the_local_workflow_changes_no_finding() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "workflow: standard",
        "workflow: workflows/ours.yaml",
    );
    t.write("workflows/ours.yaml", OURS);
    let t = main_line(t);
    let base = t.head().to_string();
    t.write(
        "workflows/ours.yaml",
        &format!(
            "{OURS}severity:\n  stale-claim-signoff: off\n  forged-signoff: off\n  stale-article-signoff: off\n"
        ),
    );
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    t.edit(
        S,
        "exact: Most adults need 15",
        "exact: Most adults need 50",
    );
    t.commit(WRITER, "Quieter checks; update the dose");

    let doc = blocks_with(&t, &base, "FC056", &["workflows/ours.yaml"]);
    stale(&doc, &["fifteen-micrograms"]);
}

// ---------------------------------------------------------------------------------------------
// 8. Making the article disappear from the gate.

#[test]
fn renaming_the_article_out_of_the_globs_drops_it() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.git_mv(A, "articles/vitamin-d.markdown");
    t.edit(S, "article: vitamin-d.md", "article: vitamin-d.markdown");
    t.edit(
        "articles/vitamin-d.markdown",
        "need 15 micrograms",
        "need 50 micrograms",
    );
    t.commit(WRITER, "Rename");

    blocks_with(&t, &base, "FC057", &[A]);
}

#[test]
fn deleting_the_sidecar_drops_the_article() {
    let t = honest("standard");
    let base = t.head().to_string();
    std::fs::remove_file(t.path().join(S)).unwrap();
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    t.commit(WRITER, "Clean up");

    blocks_with(&t, &base, "FC057", &[A]);
}

/// A new article with no sidecar at `rel` blocks the gate (FC004 is an error).
fn untracked_blocks(rel: &str) {
    let t = honest("standard");
    let base = t.head().to_string();
    t.write(
        rel,
        "# Sunlight\n\nTen minutes of midday sun makes all the vitamin D an adult needs.\n",
    );
    t.commit(WRITER, "New article");
    let tree = t.repo.head().unwrap().peel_to_tree().unwrap();
    assert!(tree.get_path(std::path::Path::new(rel)).is_ok());

    let (exit, doc) = gate(&t, &base);
    assert!(
        exit == 1
            && doc
                .with("FC004")
                .iter()
                .any(|f| f.severity == "error" && f.file == rel),
        "expected FC004 as an error on {rel}; exit {exit}:\n{:#?}",
        listing(&doc)
    );
}

#[test]
fn a_new_article_without_a_sidecar_blocks() {
    untracked_blocks("articles/sunlight.md");
}

#[test]
fn an_article_under_a_target_directory_is_seen() {
    untracked_blocks("articles/target/sunlight.md");
}

#[test]
fn an_article_under_a_hidden_directory_is_seen() {
    untracked_blocks("articles/.drafts/sunlight.md");
}

// ---------------------------------------------------------------------------------------------
// 9. An author who is also a fact-checker leaves `authors:` to verify their own claim.

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

// ---------------------------------------------------------------------------------------------
// 10. Hiding words from the checker inside a verified quote.

#[test]
fn an_inline_off_marker_is_an_input_error() {
    let t = honest("light");
    let base = t.head().to_string();
    t.edit(
        A,
        "Vitamin D helps the body absorb calcium.",
        "Vitamin D <!-- factcheck: off -->never <!-- factcheck: on -->helps the body absorb calcium.",
    );
    t.commit(WRITER, "Style");

    let r = t.run_as(
        Some(EDITOR),
        &[
            "check",
            "--changed-since",
            &base,
            "--provenance",
            "--format",
            "json",
        ],
    );
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(
        r.code == 2 && out.contains(A),
        "expected exit 2 naming {A}; got {}:\n{out}",
        r.code
    );
}

// ---------------------------------------------------------------------------------------------
// 11. Changing only the evidence.

#[test]
fn a_change_to_evidence_alone_selects_its_article() {
    let (t, rel) = with_snapshot();
    let base = t.head().to_string();
    t.edit(
        &rel,
        "Some adults may need up to 100 micrograms a day.",
        "Adults may safely take 1000 micrograms a day.",
    );
    t.commit(WRITER, "Refresh the evidence");

    let (exit, doc) = gate(&t, &base);
    let checked: Vec<&str> = doc.articles.iter().map(|a| a.article.as_str()).collect();
    assert!(
        exit == 1 && checked == [A] && !doc.with("FC073").is_empty(),
        "expected {A} checked with FC073; exit {exit}, checked {checked:?}:\n{:#?}",
        listing(&doc)
    );
}

// ---------------------------------------------------------------------------------------------
// Further attacks.

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

/// The writer makes herself an editor on the branch, then deletes the disputed claim: roles
/// are the base's, and the policy change is not an editor's.
#[test]
fn an_editor_role_granted_on_the_branch_does_not_allow_removals() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(
        "factcheck.yaml",
        &format!("email: {WRITER}\n    roles: [writer]"),
        &format!("email: {WRITER}\n    roles: [writer, editor]"),
    );
    t.commit(WRITER, "I edit the health desk now");
    let mut v = load(&t);
    drop_claim(&mut v, "fifteen-micrograms");
    store(&t, &v);
    t.commit(WRITER, "Drop a claim");

    let doc = blocks_with(&t, &base, "FC055", &["fifteen-micrograms"]);
    has(&doc, "FC056", &["factcheck.yaml"]);
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

// ---------------------------------------------------------------------------------------------
// Honest paths: pass before and after the hardening.

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

#[test]
fn honest_workflow_change_by_the_editor_passes() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit("factcheck.yaml", "workflow: standard", "workflow: light");
    t.commit(EDITOR, "Explainers move to the light workflow");

    passes(&t, &base);
}

// ---------------------------------------------------------------------------------------------
// Found by an independent attacker against the hardened gate.

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

/// Setting a published article's stage back to `draft` does not unpublish the page readers
/// saw: an edit without a correction record is still FC040.
#[test]
fn unpublishing_by_stage_does_not_excuse_an_uncorrected_edit() {
    let t = published();
    let base = t.head().to_string();
    t.edit(A, "Some people say", "Many people say");
    t.edit(S, "stage: published", "stage: draft");
    t.commit(WRITER, "Back to draft");
    ok_at(&t, &day(8), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    blocks_with(&t, &base, "FC040", &[A]);
}

/// The reviewers' note is part of what they approved: a writer's note claiming independent
/// confirmation stales the sign-offs.
#[test]
fn rewriting_the_reviewers_note_stales_the_claim() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(
        S,
        "The NIH figure is for adults up to 70; older adults need 20",
        "Confirmed independently by WHO and the Mayo Clinic",
    );
    t.commit(WRITER, "Note");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

/// Striking through a verified claim's verb changes what it asserts; the editor, shown a
/// Markdown-only change, re-signs. The struck word is not claim text, so the claim's words
/// changed and the fact-checker's sign-off is stale.
#[test]
fn striking_through_a_claims_words_stales_it() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit(
        A,
        "Vitamin D helps the body",
        "Vitamin D ~~helps~~ the body",
    );
    t.commit(WRITER, "Style");
    ok_at(&t, &day(8), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    let flagged = ["FC003", "FC031"]
        .iter()
        .flat_map(|c| doc.with(c))
        .any(|f| f.claim.as_deref() == Some("absorb-calcium"));
    assert!(flagged, "{:#?}", listing(&doc));
}

/// Inline HTML that hides a digit from readers (`1<span hidden>5</span>` reads "1") while the
/// gate reads "15": refused as an input error, like an inline `factcheck: off`.
#[test]
fn hidden_inline_html_is_an_input_error() {
    for hiding in [
        "1<span hidden>5</span>",
        "1<span style=\"display:none\">5</span>",
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(
            A,
            "need 15 micrograms",
            &format!("need {hiding} micrograms"),
        );
        t.commit(WRITER, "Style");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{hiding}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains(A) || r.stderr.contains(A), "{}", r.stderr);
    }
}

/// A heading made of an image whose alt text is "Comments" shows readers a (blank) picture,
/// not the words: it does not exclude the section, so the claim written under it is seen.
#[test]
fn an_image_heading_does_not_hide_a_section() {
    let t = honest("light");
    let text = t.read(A);
    section_stays_checked(&t, &format!("{text}\n## ![Comments](1px.gif)\n"), "image");
}

/// The writer appends `before` and a new untracked claim after it; the pull-request gate must
/// still see the claim (FC070), whatever `before` does to look like a "Comments" heading.
fn section_stays_checked(t: &TestRepo, before: &str, what: &str) {
    let base = t.head().to_string();
    t.write(
        A,
        &format!("{before}\nVitamin D megadoses cure 90% of colds.\n"),
    );
    t.commit(WRITER, "Add a note");
    let doc = t
        .run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--format", "json"],
        )
        .json();
    assert!(
        doc.with("FC070")
            .iter()
            .any(|f| f.message.contains("megadoses cure 90% of colds")),
        "{what}: {:#?}",
        listing(&doc)
    );
}

/// An article whose file name is not UTF-8 cannot be named by the gate; it is refused, never
/// passed over (it was skipped: "0 articles checked").
#[test]
fn an_article_with_a_non_utf8_name_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let t = honest("standard");
    let base = t.head().to_string();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        t.path().join("articles").join(name),
        "# Cure\n\nVitamin D cures colds.\n",
    )
    .unwrap();
    t.commit(WRITER, "New article");
    for args in [
        &["check", "--changed-since", &base, "--provenance"][..],
        &["check", "--provenance"][..],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("not UTF-8"), "{}", r.stderr);
    }
}

/// A submodule under the articles folder holds another repository's articles, which this
/// gate does not read: refused, in the pull-request gate and the full check.
#[test]
fn a_submodule_among_the_articles_is_refused() {
    let t = honest("standard");
    let base = t.head().to_string();
    let mut index = t.repo.index().unwrap();
    let time = git2::IndexTime::new(0, 0);
    index
        .add(&git2::IndexEntry {
            ctime: time,
            mtime: time,
            dev: 0,
            ino: 0,
            mode: 0o160000,
            uid: 0,
            gid: 0,
            file_size: 0,
            id: git2::Oid::from_str("0123456789abcdef0123456789abcdef01234567").unwrap(),
            flags: 0,
            flags_extended: 0,
            path: b"articles/extra".to_vec(),
        })
        .unwrap();
    index.write().unwrap();
    t.commit_index(WRITER, "More articles");
    for args in [
        &["check", "--changed-since", &base, "--provenance"][..],
        &["check", "--provenance"][..],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains("articles/extra: a git submodule"),
            "{}",
            r.stderr
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Found by a second independent attacker.

/// Two sign-offs in the same second (verified, then disputed) used to be ordered by their
/// place in the list, which the writer can change. The tool now never records two sign-offs
/// on a claim at the same time, and a tie typed by hand that disagrees is FC036.
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

/// A "Comments" heading inside a block quote, a list item or a hidden HTML block is not a
/// section heading readers see: it excludes nothing (and hiding HTML is refused).
#[test]
fn a_comments_heading_readers_do_not_see_excludes_nothing() {
    for hiding in ["> ## Comments\n", "- ## Comments\n"] {
        let t = honest("light");
        let text = t
            .read(A)
            .replace("## Comments\n\nVitamin D cures everything!\n", "");
        section_stays_checked(&t, &format!("{text}\n{hiding}"), hiding);
    }
    let t = honest("light");
    let base = t.head().to_string();
    let text = t.read(A);
    t.write(
        A,
        &format!("{text}\n<div hidden>\n\n## Comments\n\n</div>\n\nVitamin D megadoses cure 90% of colds.\n"),
    );
    t.commit(WRITER, "Note");
    let r = t.run_as(Some(EDITOR), &["check", "--changed-since", &base]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
}

/// A folder linked into the articles' folder (`articles/news -> ../drafts`) is published by site
/// builders that follow links, while git sees one link: refused.
#[test]
fn a_folder_linked_among_the_articles_is_refused() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.write("drafts/cure.md", "# Cure\n\nVitamin D cures colds.\n");
    std::os::unix::fs::symlink("../drafts", t.path().join("articles/news")).unwrap();
    t.commit(WRITER, "News");
    for args in [
        &["check", "--changed-since", &base, "--provenance"][..],
        &["check", "--provenance"][..],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr
                .contains("articles/news: a symbolic link among the articles"),
            "{}",
            r.stderr
        );
    }
}

/// A writer's branch adds a `hugo.toml` to a plain Markdown site: Hugo would hide a template
/// comment, but the site is not built with Hugo, so its readers see the words. The branch is
/// read as its base reads it; only the working tree's own `check` follows the new file.
#[test]
fn a_branch_cannot_change_the_generator_its_own_text_is_read_with() {
    let t = TestRepo::newsroom("standard");
    t.write(
        A,
        "# Carrots\n\nCarrots are orange.\n\n{{/* Carrots improve night vision by half */}}\n",
    );
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "vision",
            "--quote",
            "Carrots improve night vision by half",
        ],
    );
    t.commit(WRITER, "a plain Markdown site");
    let base = t.head().to_string();
    t.write("hugo.toml", "baseURL = 'https://example.org/'\n");
    t.edit(A, "Carrots are orange.", "Carrots are orange vegetables.");
    t.commit(WRITER, "read it as Hugo");
    // The working tree now reads as Hugo: the commented words are not text.
    let here = t.check(1);
    has(&here, "FC001", &["vision"]);
    // The pull-request gate reads the branch as the base does: the claim is where readers see it.
    let (_, doc) = gate(&t, &base);
    assert!(doc.with("FC001").is_empty(), "{:#?}", listing(&doc));
    assert!(
        doc.articles.iter().any(|a| a.article == A),
        "{:#?}",
        listing(&doc)
    );
}
