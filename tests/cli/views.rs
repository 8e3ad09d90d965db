//! Views that tell the truth after an edit (issue #18): every view of a claim's state
//! distinguishes `verified` from `verified-stale`, and `diff --since-signoff` starts from what
//! the caller approved and lists only genuinely new sentences as uncovered.

use scraper::{Html, Selector};

use crate::support::*;

/// An approved article, committed.
fn committed() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(WRITER, "Approved vitamin D explainer");
    t
}

/// `claim list --format json`, as rows of JSON.
fn list_json(t: &TestRepo) -> Vec<serde_json::Value> {
    let r = t.ok(WRITER, &["claim", "list", A, "--format", "json"]);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout))
}

/// The line of `claim list` about claim `id`.
fn list_line(list: &str, id: &str) -> String {
    list.lines()
        .find(|l| l.starts_with(id))
        .unwrap_or_else(|| panic!("no {id} in\n{list}"))
        .to_string()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn a_fresh_article_reads_as_it_always_did() {
    let t = committed();
    let list = t.ok(WRITER, &["claim", "list", A]).stdout;
    let header = list.lines().next().unwrap();
    assert_eq!(
        header,
        "ID                           KIND       STATUS      ANCHOR         AT  SRC SIGN  TEXT"
    );
    assert!(
        list_line(&list, "fifteen-micrograms").contains(" verified    anchored"),
        "{list}"
    );
    assert!(!list.contains("stale"), "{list}");
    let status = t.ok(EDITOR, &["status"]).stdout;
    assert!(
        status.contains("2/2") && status.contains("ready"),
        "{status}"
    );
    assert_eq!(status.lines().count(), 2, "{status}");
    let rows = list_json(&t);
    assert!(rows.iter().all(|r| r["state"] == "verified"), "{rows:?}");
}

#[test]
fn editing_a_verified_claim_shows_it_stale_in_every_view() {
    let t = committed();
    // The writer changes a number the fact-checker verified.
    t.edit(A, "need 15 micrograms", "need 20 micrograms");

    // claim list: the claim is verified, but stale; the other is fresh.
    let list = t.ok(WRITER, &["claim", "list", A]).stdout;
    assert!(
        list_line(&list, "fifteen-micrograms").contains(" verified-stale "),
        "{list}"
    );
    assert!(
        list_line(&list, "absorb-calcium").contains(" verified       "),
        "{list}"
    );
    assert!(
        list.contains("fifteen-micrograms stale: a sign-off approved other words or evidence; re-verify: factcheck verify articles/vitamin-d.md fifteen-micrograms"),
        "{list}"
    );
    let rows = list_json(&t);
    assert_eq!(
        (
            rows[1]["id"].as_str(),
            rows[1]["status"].as_str(),
            rows[1]["state"].as_str()
        ),
        (
            Some("fifteen-micrograms"),
            Some("verified"),
            Some("verified-stale")
        )
    );
    assert_eq!(rows[0]["state"], "verified");

    // status: only the claim that would pass counts as OK, and the blockers agree.
    let status = t.ok(EDITOR, &["status"]).stdout;
    let row = status.lines().nth(1).unwrap();
    assert!(row.contains("1/2") && row.contains("blocked"), "{status}");
    assert!(
        status.contains("articles/vitamin-d.md: 1 claim stale"),
        "{status}"
    );
    let r = t.ok(EDITOR, &["status", "--format", "json"]);
    let doc = r.json();
    let a = &doc.articles[0];
    assert_eq!((a.claims, a.publishable, a.ok, a.stale), (2, 2, 1, 1));
    let states: Vec<(&str, &str)> = a
        .claim_states
        .iter()
        .map(|c| (c.id.as_str(), c.state.as_str()))
        .collect();
    assert_eq!(
        states,
        [
            ("absorb-calcium", "verified"),
            ("fifteen-micrograms", "verified-stale")
        ]
    );
    // Every claim not OK is one a blocker names.
    let blocked: std::collections::BTreeSet<&str> = a
        .findings
        .iter()
        .filter(|f| f.severity == "error")
        .filter_map(|f| f.claim.as_deref())
        .collect();
    assert_eq!(
        blocked.into_iter().collect::<Vec<_>>(),
        ["fifteen-micrograms"]
    );

    // The report: the claim's mark, card and the header's counts.
    t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
    let page = Html::parse_document(&t.read("out/report.html"));
    let mark = page
        .select(&sel("mark#claim-fifteen-micrograms"))
        .next()
        .unwrap();
    assert_eq!(
        mark.value().attr("title"),
        Some("fifteen-micrograms: verified-stale")
    );
    assert!(mark.value().classes().any(|c| c == "stale"));
    let header: String = page
        .select(&sel("header.top"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        header.contains("1 verified") && header.contains("1 verified-stale"),
        "{header}"
    );

    // The dashboard.
    t.ok(EDITOR, &["status", "--html", "out/dash.html"]);
    let dash = t.read("out/dash.html");
    assert!(dash.contains(">1 verified-stale<"), "{dash}");

    // ClaimReview rates only what a fresh sign-off approved: not the new number.
    let export = t.ok(EDITOR, &["export", A, "--claimreview"]).stdout;
    assert!(
        export.contains("absorb calcium") && !export.contains("micrograms"),
        "{export}"
    );

    // Re-verifying makes it fresh again everywhere.
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    assert!(list_json(&t).iter().all(|r| r["state"] == "verified"));
    let a = &t
        .ok(EDITOR, &["status", "--format", "json"])
        .json()
        .articles[0];
    assert_eq!((a.ok, a.stale), (2, 0));
    let export = t.ok(EDITOR, &["export", A, "--claimreview"]).stdout;
    assert!(export.contains("20 micrograms"), "{export}");
}

#[test]
fn new_evidence_makes_a_claim_stale_and_a_deleted_claim_unanchored() {
    let t = committed();
    // Citing another source changes the evidence the fact-checker approved.
    t.ok(WRITER, &["cite", A, "fifteen-micrograms", "nhs-vitd"]);
    // Deleting a verified sentence leaves its claim with no words to approve.
    t.edit(A, "Vitamin D helps the body absorb calcium. ", "");
    let doc = t.ok(EDITOR, &["status", "--format", "json"]).json();
    let states: Vec<&str> = doc.articles[0]
        .claim_states
        .iter()
        .map(|c| c.state.as_str())
        .collect();
    assert_eq!(states, ["verified-unanchored", "verified-stale"]);
    assert_eq!(doc.articles[0].ok, 0);
    let status = t.ok(EDITOR, &["status"]).stdout;
    assert!(status.lines().nth(1).unwrap().contains("0/2"), "{status}");
    // The report's cards say why each verified claim does not pass.
    t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
    let page = Html::parse_document(&t.read("out/report.html"));
    let pills = |id: &str| -> Vec<String> {
        page.select(&sel(&format!("#card-{id} h3 .pill")))
            .map(|p| p.text().collect())
            .collect()
    };
    assert_eq!(
        pills("absorb-calcium"),
        ["verified", "unanchored", "medical"]
    );
    assert_eq!(
        pills("fifteen-micrograms"),
        ["verified", "stale", "statistic"]
    );
}

#[test]
fn a_verified_claim_that_fails_otherwise_is_not_counted_ok() {
    let t = committed();
    // The sidecar says verified, but nobody signed it: the gate blocks it, and so does status.
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish-oil",
            "--quote",
            "Some people say fish oil tastes awful",
        ],
    );
    let text = t.read(S).replace("status: unverified", "status: verified");
    t.write(S, &text);
    let a = &t
        .ok(EDITOR, &["status", "--format", "json"])
        .json()
        .articles[0];
    let fish = a.claim_states.iter().find(|c| c.id == "fish-oil").unwrap();
    assert_eq!(
        (fish.status.as_str(), fish.state.as_str()),
        ("verified", "verified-blocked")
    );
    assert_eq!((a.publishable, a.ok), (3, 2));
}

/// Runs factcheck as `who` with the clock at `now`, expecting `code`.
fn at(t: &TestRepo, now: &str, who: &str, args: &[&str], code: i32) -> Run {
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
        r.code, code,
        "{args:?} as {who}\n{}\n{}",
        r.stdout, r.stderr
    );
    r
}

/// `diff --since-signoff --format json` as `who` with `extra` arguments.
fn since(t: &TestRepo, who: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["diff", A, "--since-signoff", "--format", "json"];
    args.extend_from_slice(extra);
    let r = t.ok(who, &args);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout))
}

fn label(d: &serde_json::Value) -> &str {
    d["from"]["label"].as_str().unwrap()
}

fn hunks(d: &serde_json::Value) -> usize {
    d["hunks"].as_array().unwrap().len()
}

#[test]
fn since_signoff_starts_from_your_own_signoff() {
    let t = committed(); // the fact-checker and the editor signed at 10:00
    // An edit the fact-checker never saw; the editor approves it at 11:00.
    t.edit(A, "tastes awful", "tastes bad");
    t.commit(WRITER, "Tone");
    at(
        &t,
        "2026-11-20T11:00:00Z",
        EDITOR,
        &["signoff", A, "--role", "editor"],
        0,
    );
    t.commit(EDITOR, "Editor approves the tone edit");
    // Then the number changes.
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    t.commit(WRITER, "Update the daily amount");

    // The fact-checker sees both edits: hers is the baseline, not the editor's later one.
    let carl = since(&t, CHECKER, &[]);
    assert!(
        label(&carl)
            .starts_with("sign-off by carl@example.org (fact-checker) at 2026-11-20T10:00:00Z"),
        "{}",
        label(&carl)
    );
    assert_eq!(hunks(&carl), 2, "{carl}");
    let text = carl["hunks"].to_string();
    assert!(text.contains("awful") && text.contains("15"), "{text}");

    // The editor sees only the edit after the text he approved.
    let ed = since(&t, EDITOR, &[]);
    assert!(
        label(&ed).starts_with("sign-off by ed@example.org (editor) at 2026-11-20T11:00:00Z"),
        "{}",
        label(&ed)
    );
    assert_eq!(hunks(&ed), 1, "{ed}");

    // Someone else's baseline, by name or the latest by anyone (the old behaviour).
    let by_ed = since(&t, CHECKER, &["--by", EDITOR]);
    assert_eq!((label(&by_ed), hunks(&by_ed)), (label(&ed), 1));
    let anyone = since(&t, CHECKER, &["--by", "anyone"]);
    assert_eq!(label(&anyone), label(&ed));

    // The writer never signed: refused, with who did.
    let r = t.expect(WRITER, &["diff", A, "--since-signoff"], 2);
    assert!(
        r.stderr
            .contains("wendy@example.org has not signed off articles/vitamin-d.md"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("--by anyone")
            && r.stderr
                .contains("carl@example.org (fact-checker), ed@example.org (editor)"),
        "{}",
        r.stderr
    );
    let r = t.expect(CHECKER, &["diff", A, "--since-signoff", "--by", WRITER], 2);
    assert!(
        r.stderr.contains("wendy@example.org has not signed off"),
        "{}",
        r.stderr
    );
    // --by means nothing without --since-signoff.
    t.expect(CHECKER, &["diff", A, "--by", EDITOR], 2);
    // No identity at all: say how to give one.
    let r = t.run_as(None, &["diff", A, "--since-signoff"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--as EMAIL"), "{}", r.stderr);
}

/// The paragraphs the moved/re-typed test starts from, approved by the editor.
const EXTRA: &str = "*By Wendy Writer*\n\nVitamin D is made in the skin when sunlight falls on it. The liver and kidneys turn it into its actve form.\n\nFatty fish such as salmon are good sources. Egg yolks contain small amounts.\n";

#[test]
fn moved_and_retyped_sentences_are_not_new_text() {
    let t = committed();
    t.edit(A, "*By Wendy Writer*\n", EXTRA);
    t.commit(WRITER, "More background");
    at(
        &t,
        "2026-11-20T11:00:00Z",
        EDITOR,
        &["signoff", A, "--role", "editor"],
        0,
    );
    t.commit(EDITOR, "Approved");

    // A paragraph moved, a typo fixed, commas added, and one genuinely new sentence.
    t.edit(A, "\nSome people say fish oil tastes awful.\n", "\n");
    t.edit(
        A,
        "\nFatty fish such as salmon are good sources.",
        "\nSome people say fish oil tastes awful.\n\nFatty fish, such as salmon, are good sources.",
    );
    t.edit(A, "its actve form", "its active form");
    t.edit(
        A,
        "Egg yolks contain small amounts.",
        "Egg yolks contain small amounts. About 40% of adults in Europe do not get enough vitamin D.",
    );
    let d = since(&t, EDITOR, &[]);
    assert!(hunks(&d) >= 3, "{d}");
    let uncovered: Vec<&str> = d["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        uncovered,
        ["About 40% of adults in Europe do not get enough vitamin D."]
    );
    // The human output lists the same one sentence.
    let human = t.ok(EDITOR, &["diff", A, "--since-signoff"]).stdout;
    let new_text = &human[human.find("new text no claim covers (1)").expect(&human)..];
    assert!(new_text.contains("About 40% of adults"), "{human}");
    assert!(!new_text.contains("active form"), "{human}");
}

#[test]
fn a_changed_number_in_an_untracked_sentence_is_new_text() {
    let t = committed();
    t.edit(A, "*By Wendy Writer*\n", EXTRA);
    t.commit(WRITER, "More background");
    // A number is never a typo: the sentence is listed.
    t.edit(
        A,
        "Egg yolks contain small amounts.",
        "Egg yolks contain 5 micrograms.",
    );
    t.edit(
        A,
        "turn it into its actve form",
        "turn it into its inactive form",
    );
    let r = t.ok(EDITOR, &["diff", A, "--format", "json"]);
    let d: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let uncovered: Vec<&str> = d["uncovered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        uncovered,
        [
            "The liver and kidneys turn it into its inactive form.",
            "Egg yolks contain 5 micrograms."
        ]
    );
}

/// A source edited since a sign-off staled it, though the text is the same: `diff
/// --since-signoff` says which source and which of its fields changed, so the fact-checker
/// knows what to look at again (a trial leftover of #18).
#[test]
fn since_signoff_lists_the_source_edits_that_staled_it() {
    let t = committed();
    t.ok(
        WRITER,
        &[
            "source",
            "edit",
            A,
            "nih-ods",
            "--url",
            "https://ods.od.nih.gov/factsheets/VitaminD-HealthProfessional/",
        ],
    );
    t.commit(WRITER, "Point to the professional fact sheet");
    let d = since(&t, CHECKER, &[]);
    assert_eq!(hunks(&d), 0);
    assert_eq!(
        d["sources"],
        serde_json::json!([{ "id": "nih-ods", "change": "changed", "fields": ["url"] }])
    );
    let human = t.ok(CHECKER, &["diff", A, "--since-signoff"]).stdout;
    assert!(
        human.contains("sources (1)\n  ~ nih-ods: url changed"),
        "{human}"
    );
    // No source changed: no `sources` field at all, as before.
    let plain = t.ok(CHECKER, &["diff", A, "--format", "json"]).stdout;
    assert!(!plain.contains("\"sources\": ["), "{plain}");
}
