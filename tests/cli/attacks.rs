//! Attacks on the gate, by threat class. Each test sets up the attack with the real binary in a
//! real git repository and asserts the outcome; where an honest path looks like an attack, a
//! test shows it passes. The helpers below build the usual starting point: a main line where
//! everyone commits their own work and the article was honestly approved, and the pull-request
//! gate (`check --changed-since BASE --provenance`) as CI runs it.

mod articles;
mod forgery;
mod history;
mod interrupted;
mod limits;
mod markup;
mod output;
mod paths;
mod policy;
mod readers;
mod reordering;
mod signatures;
mod stale;
mod yaml;

use serde_yaml::Value;

use crate::support::*;

/// A time on day `d` of November 2026, before the fixed clock ([`NOW`], the 20th).
fn day(d: u32) -> String {
    format!("2026-11-{d:02}T10:00:00Z")
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

/// The honest main line (workflow `workflow`) on a site whose generator `file` (holding `text`)
/// names; returns it with its head, the base of the attacks.
fn site_line(workflow: &str, file: &str, text: &str) -> (TestRepo, String) {
    let t = TestRepo::newsroom(workflow);
    t.write(file, text);
    let t = main_line(t);
    let base = t.head().to_string();
    (t, base)
}

/// The codes `check --provenance` reports.
fn provenance(t: &TestRepo, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["check", "--provenance", "--format", "json"];
    args.extend_from_slice(extra);
    let r = t.run_as(Some(EDITOR), &args);
    assert!(r.code <= 1, "{}", r.stderr);
    let doc = r.json();
    doc.articles
        .iter()
        .flat_map(|a| &a.findings)
        .filter(|f| f.code.starts_with("FC05"))
        .map(|f| (f.code.clone(), f.message.clone()))
        .collect()
}
