//! `diff`, `log` and `reanchor`, and claims followed through edits by `check`: which edits make
//! a sign-off stale and which leave it fresh, `diff --since-signoff` starting from what the
//! caller approved and listing only genuinely new sentences as uncovered, in real git
//! repositories.

use serde::Deserialize;

use crate::support::*;

/// `diff --format json`, as docs/json.md describes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffDoc {
    version: u32,
    article: String,
    from: SideOut,
    to: SideOut,
    markup_only: bool,
    front_matter: Option<FrontMatterOut>,
    hunks: Vec<HunkOut>,
    claims: Vec<ClaimOut>,
    uncovered: Vec<SentenceOut>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SideOut {
    label: String,
    rev: Option<String>,
    commit: Option<String>,
    path: String,
    blob: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatterOut {
    from: String,
    to: String,
    lines: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HunkOut {
    from_line: usize,
    to_line: usize,
    pieces: Vec<PieceOut>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct PieceOut {
    op: String,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimOut {
    id: String,
    change: String,
    from: Option<AtOut>,
    to: Option<AtOut>,
    #[serde(default)]
    diff: Vec<PieceOut>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AtOut {
    line: usize,
    column: usize,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceOut {
    line: usize,
    column: usize,
    text: String,
}

impl DiffDoc {
    fn change(&self, id: &str) -> &str {
        &self
            .claims
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no claim {id} in {self:?}"))
            .change
    }

    fn claim(&self, id: &str) -> &ClaimOut {
        self.claims.iter().find(|c| c.id == id).unwrap()
    }
}

fn diff(t: &TestRepo, args: &[&str]) -> DiffDoc {
    let mut all = vec!["diff", A, "--format", "json"];
    all.extend_from_slice(args);
    let r = t.ok(EDITOR, &all);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout))
}

/// The claim ids flagged by `check` with any of the anchoring/staleness codes.
fn flagged(doc: &CheckDoc) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = doc
        .articles
        .iter()
        .flat_map(|a| &a.findings)
        .filter(|f| ["FC001", "FC002", "FC003", "FC005", "FC031"].contains(&f.code.as_str()))
        .map(|f| (f.claim.clone().unwrap_or_default(), f.code.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_word_changed_inside_a_claim_makes_its_signoffs_stale() {
    let t = TestRepo::newsroom("health");
    t.approved();
    t.check(0);
    t.edit(A, "absorb calcium", "take up calcium");
    let doc = t.check(1);
    assert_eq!(doc.codes(), ["FC003", "FC031", "FC031", "FC033", "FC033"]);
    let stale = doc.with("FC031");
    assert_eq!((stale[0].line, stale[0].column), (9, 1));
    assert!(
        doc.with("FC003")[0]
            .message
            .contains("Vitamin D helps the body take up calcium")
    );
    // Re-verifying records the new words and makes the claim fresh again.
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.ok(DOCTOR, &["verify", A, "absorb-calcium"]);
    assert!(
        t.read(S)
            .contains("exact: Vitamin D helps the body take up calcium")
    );
    assert_eq!(t.check(1).codes(), ["FC033", "FC033"]);
}

#[test]
fn edits_next_to_a_claim_leave_it_fresh() {
    let t = TestRepo::newsroom("health");
    t.approved();
    // The very next character after the quote, the next sentence, and markup inside the claim.
    t.edit(A, "absorb calcium.", "absorb calcium!");
    t.edit(
        A,
        "15 micrograms of vitamin D a day.",
        "15 micrograms of vitamin D a day, says the NIH.",
    );
    t.edit(A, "helps the body", "helps *the body*");
    t.edit(A, "Some people say", "Some people claim");
    let doc = t.check(1);
    assert_eq!(
        doc.codes(),
        ["FC033", "FC033"],
        "only the article sign-offs are stale"
    );
}

#[test]
fn moving_a_claim_keeps_it_fresh() {
    let t = TestRepo::newsroom("light");
    t.approved();
    t.edit(
        A,
        "*By Wendy Writer*\n",
        "*By Wendy Writer*\n\nA new opening paragraph pushes everything down.\n",
    );
    t.check(0);
}

#[test]
fn inserting_a_paragraph_before_claims_moves_them_and_keeps_them_fresh() {
    let t = committed();
    t.edit(
        A,
        "*By Wendy Writer*\n",
        "*By Wendy Writer*\n\nVitamin D is made in the skin. It is stored in fat.\n",
    );
    let doc = t.check(1);
    assert!(flagged(&doc).is_empty(), "{:?}", doc.codes());
    assert_eq!(doc.codes(), ["FC033"], "only the editor's article sign-off");

    let d = diff(&t, &[]);
    assert_eq!(d.version, 1);
    assert_eq!(d.article, A);
    assert_eq!(d.from.rev.as_deref(), Some("HEAD"));
    assert!(d.from.commit.is_some() && d.to.commit.is_none());
    assert_eq!(d.to.label, "working tree");
    assert_eq!(d.change("absorb-calcium"), "moved");
    assert_eq!(d.change("fifteen-micrograms"), "moved");
    let c = d.claim("absorb-calcium");
    assert_eq!(
        (c.from.as_ref().unwrap().line, c.to.as_ref().unwrap().line),
        (9, 11)
    );
    let uncovered: Vec<&str> = d.uncovered.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        uncovered,
        ["Vitamin D is made in the skin.", "It is stored in fat."]
    );
    assert_eq!((d.uncovered[1].line, d.uncovered[1].column), (9, 32));
    assert_eq!(d.hunks.len(), 1);
    assert_eq!((d.hunks[0].from_line, d.hunks[0].to_line), (9, 9));
    assert!(
        d.hunks[0].pieces.contains(&PieceOut {
            op: "insert".into(),
            text: "Vitamin D is made in the skin. It is stored in fat.\n".into()
        }),
        "{:?}",
        d.hunks
    );
}

#[test]
fn changing_one_word_in_a_claim_makes_it_stale_with_a_word_diff() {
    let t = committed();
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    let doc = t.check(1);
    assert_eq!(
        flagged(&doc),
        [
            ("fifteen-micrograms".to_string(), "FC003".to_string()),
            ("fifteen-micrograms".to_string(), "FC031".to_string())
        ]
    );
    let d = diff(&t, &[]);
    assert_eq!(d.change("fifteen-micrograms"), "changed");
    assert_eq!(d.change("absorb-calcium"), "unchanged");
    assert!(d.uncovered.is_empty(), "the new word is inside a claim");
    let c = d.claim("fifteen-micrograms");
    let to = c.to.as_ref().unwrap();
    assert_eq!(
        (to.line, to.column, to.text.as_str()),
        (9, 42, "Most adults need 20 micrograms of vitamin D a day")
    );
    let ops: Vec<(&str, &str)> = c
        .diff
        .iter()
        .map(|p| (p.op.as_str(), p.text.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("equal", "Most adults need "),
            ("delete", "15"),
            ("insert", "20"),
            ("equal", " micrograms of vitamin D a day")
        ]
    );
    // For people: the changed claim with its word diff, the unchanged one.
    snap!(t.ok(EDITOR, &["diff", A]).transcript());
}

#[test]
fn history_follows_a_claim_whose_context_changed_too() {
    // The sentence before the claim (its recorded prefix) is rewritten and a word of the claim
    // changes: context alone cannot find it, the diff from the approved text can.
    let t = committed();
    let edit = |t: &TestRepo| {
        t.edit(
            A,
            "Vitamin D helps the body absorb calcium. Most adults need 15",
            "Calcium uptake depends on it. Most adults need 20",
        )
    };
    edit(&t);
    let doc = t.check(1);
    let flags = flagged(&doc);
    assert!(
        flags.contains(&("fifteen-micrograms".into(), "FC003".into())),
        "{flags:?}"
    );
    let fc003 = &doc.with("FC003")[0];
    assert_eq!((fc003.line, fc003.column), (9, 31));
    // The rewritten calcium claim is not silently re-attached to different words.
    assert!(
        flags.contains(&("absorb-calcium".into(), "FC005".into())),
        "{flags:?}"
    );

    // Without the approved text in git, the same edit leaves the claim orphaned.
    let u = TestRepo::newsroom("standard");
    u.approved();
    edit(&u);
    let flags = flagged(&u.check(1));
    assert!(
        flags.contains(&("fifteen-micrograms".into(), "FC001".into())),
        "{flags:?}"
    );
}

#[test]
fn rewording_a_sentence_next_to_a_claim_keeps_it_fresh() {
    let t = committed();
    t.edit(
        A,
        "calcium. Most adults",
        "calcium, which bones need. Most adults",
    );
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "Some people find fish oil hard to swallow.",
    );
    let doc = t.check(1);
    assert!(flagged(&doc).is_empty(), "{:?}", doc.codes());
    let d = diff(&t, &[]);
    assert_eq!(d.change("absorb-calcium"), "unchanged");
    assert_eq!(d.change("fifteen-micrograms"), "unchanged");
    assert_eq!(d.hunks.len(), 2);
}

#[test]
fn new_words_outside_claims_are_listed_as_uncovered() {
    let t = committed();
    t.edit(A, "absorb calcium.", "absorb calcium and phosphate.");
    let d = diff(&t, &[]);
    assert_eq!(d.change("absorb-calcium"), "unchanged");
    let texts: Vec<&str> = d.uncovered.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Vitamin D helps the body absorb calcium and phosphate."]
    );
    assert_eq!((d.uncovered[0].line, d.uncovered[0].column), (9, 1));
}

#[test]
fn deleting_a_claimed_sentence_orphans_the_claim() {
    let t = committed();
    t.edit(A, " Most adults need 15 micrograms of vitamin D a day.", "");
    let doc = t.check(1);
    assert_eq!(
        flagged(&doc),
        [("fifteen-micrograms".to_string(), "FC001".to_string())]
    );
    let d = diff(&t, &[]);
    assert_eq!(d.change("fifteen-micrograms"), "removed");
    let c = d.claim("fifteen-micrograms");
    assert!(c.to.is_none());
    assert_eq!(c.from.as_ref().unwrap().line, 9);
}

#[test]
fn splitting_and_merging_paragraphs_moves_claims_only() {
    let t = committed();
    t.edit(A, "calcium. Most adults", "calcium.\n\nMost adults");
    let doc = t.check(1);
    assert!(flagged(&doc).is_empty(), "{:?}", doc.codes());
    let d = diff(&t, &[]);
    assert_eq!(d.change("absorb-calcium"), "unchanged");
    assert_eq!(d.change("fifteen-micrograms"), "moved");
    t.commit(WRITER, "Split the paragraph");

    t.edit(A, "calcium.\n\nMost adults", "calcium. Most adults");
    // Back to the approved bytes: even the editor's sign-off is fresh again.
    assert!(t.check(0).codes().is_empty());
    assert_eq!(diff(&t, &[]).change("fifteen-micrograms"), "moved");
}

#[test]
fn markdown_only_changes_are_not_content_changes() {
    let t = committed();
    t.edit(A, "need 15 micrograms", "need **15 micrograms**");
    t.edit(A, "(sun.jpg", "(images/sun.jpg");
    let doc = t.check(1);
    assert!(flagged(&doc).is_empty(), "{:?}", doc.codes());
    assert_eq!(
        doc.codes(),
        ["FC033"],
        "the article sign-off approved other bytes"
    );
    let d = diff(&t, &[]);
    assert!(d.markup_only);
    assert!(d.hunks.is_empty() && d.uncovered.is_empty());
    assert!(d.claims.iter().all(|c| c.change == "unchanged"));
    // For people: only Markdown changed, not the text claims are read from.
    snap!(t.ok(EDITOR, &["diff", A]).transcript());
}

#[test]
fn a_duplicated_sentence_does_not_steal_the_claim() {
    let t = committed();
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "Some people say fish oil tastes awful. Most adults need 15 micrograms of vitamin D a day.",
    );
    let doc = t.check(1);
    assert!(flagged(&doc).is_empty(), "{:?}", doc.codes());
    let d = diff(&t, &[]);
    assert_eq!(d.change("fifteen-micrograms"), "unchanged");
    assert_eq!(d.claim("fifteen-micrograms").to.as_ref().unwrap().line, 9);
    assert_eq!(d.uncovered.len(), 1);
    assert_eq!(d.uncovered[0].line, 13);
}

#[test]
fn front_matter_edits_are_reported_apart_from_the_text() {
    let t = committed();
    t.edit(
        A,
        "title: Vitamin D basics\n",
        "title: Vitamin D, the basics\n",
    );
    let d = diff(&t, &[]);
    let fm = d.front_matter.as_ref().expect("front matter change");
    assert_eq!(
        fm.lines,
        [
            "- title: Vitamin D basics",
            "+ title: Vitamin D, the basics"
        ]
    );
    assert!(fm.from.contains("author: Wendy Writer") && fm.to.contains("the basics"));
    assert!(d.hunks.is_empty() && !d.markup_only);
    assert!(flagged(&t.check(1)).is_empty());
}

#[test]
fn since_signoff_shows_what_the_signers_have_not_seen() {
    let t = committed();
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    t.commit(WRITER, "Update the daily amount");
    t.edit(A, "tastes awful", "tastes bad");
    t.commit(WRITER, "Tone");

    // HEAD → working tree: nothing. Since the sign-off: both edits.
    assert!(diff(&t, &[]).hunks.is_empty());
    let d = diff(&t, &["--since-signoff"]);
    assert!(
        d.from
            .label
            .starts_with("sign-off by ed@example.org (editor)"),
        "{}",
        d.from.label
    );
    assert!(d.from.commit.is_some());
    assert_eq!(d.hunks.len(), 2);
    assert_eq!(d.change("fifteen-micrograms"), "changed");
    assert_eq!(d.change("absorb-calcium"), "unchanged");

    // A revision range works too, and HEAD~2 is the approved text.
    let d2 = diff(&t, &["--from", "HEAD~2", "--to", "HEAD"]);
    assert_eq!(d2.from.blob, d.from.blob);
    assert_eq!(d2.to.rev.as_deref(), Some("HEAD"));
}

#[test]
fn since_signoff_says_when_the_approved_text_was_never_committed() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    let r = t.expect(EDITOR, &["diff", A, "--since-signoff"], 2);
    snap!(r.transcript());
}

/// Runs factcheck as `who` with the clock at `now`, expecting `code`.
fn at(t: &TestRepo, now: &str, who: &str, args: &[&str], code: i32) -> Run {
    let mut cmd = t.cmd();
    cmd.env("FACTCHECK_NOW", now);
    let r = t.run_with(cmd, Some(who), args);
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
    let deleted: Vec<&str> = carl["hunks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["pieces"].as_array().unwrap())
        .filter(|p| p["op"] == "delete")
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(deleted, ["15", "awful"], "{carl}");

    // The editor sees only the edit after the text he approved.
    let ed = since(&t, EDITOR, &[]);
    assert!(
        label(&ed).starts_with("sign-off by ed@example.org (editor) at 2026-11-20T11:00:00Z"),
        "{}",
        label(&ed)
    );
    assert_eq!(hunks(&ed), 1, "{ed}");

    // Someone else's baseline, by name or the latest by anyone.
    let by_ed = since(&t, CHECKER, &["--by", EDITOR]);
    assert_eq!((label(&by_ed), hunks(&by_ed)), (label(&ed), 1));
    let anyone = since(&t, CHECKER, &["--by", "anyone"]);
    assert_eq!(label(&anyone), label(&ed));

    // The writer never signed: refused, with who did and `--by anyone`.
    let mut shown = vec![t.expect(WRITER, &["diff", A, "--since-signoff"], 2)];
    shown.push(t.expect(CHECKER, &["diff", A, "--since-signoff", "--by", WRITER], 2));
    // --by means nothing without --since-signoff.
    shown.push(t.expect(CHECKER, &["diff", A, "--by", EDITOR], 2));
    // No identity at all: say how to give one.
    let r = t.run_as(None, &["diff", A, "--since-signoff"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    shown.push(r);
    snap!(transcripts(&shown));
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
    // The human output lists the same one sentence as new text no claim covers.
    snap!(t.ok(EDITOR, &["diff", A, "--since-signoff"]).transcript());
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
/// knows what to look at again.
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
    // For people: the source and its field under `sources (1)`.
    snap!(t.ok(CHECKER, &["diff", A, "--since-signoff"]).transcript());
    // No source changed: no `sources` field at all.
    let plain = t.ok(CHECKER, &["diff", A, "--format", "json"]).value();
    assert!(plain.get("sources").is_none(), "{plain}");
}

#[test]
fn diff_refuses_bad_revisions_and_files_not_in_git() {
    let t = committed();
    let unknown = t.expect(EDITOR, &["diff", A, "--from", "no-such-branch"], 2);
    t.write("articles/new.md", "# New\n\nA new article.\n");
    let new = t.expect(EDITOR, &["diff", "articles/new.md"], 2);

    let outside = TestRepo::empty();
    outside.write(
        "factcheck.yaml",
        &format!("workflow: light\npeople:\n  - email: {EDITOR}\n    roles: [editor]\n"),
    );
    outside.write("articles/a.md", "Text.\n");
    std::fs::remove_dir_all(outside.path().join(".git")).unwrap();
    let no_git = outside.expect(EDITOR, &["diff", "articles/a.md"], 2);
    snap!(transcripts([&unknown, &new, &no_git]));
}

#[test]
fn reanchor_follows_changed_claims_and_leaves_them_stale() {
    let t = committed();
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    t.edit(
        A,
        "*By Wendy Writer*\n",
        "*By Wendy Writer*\n\nA new opening paragraph.\n",
    );
    let before = t.read(S);
    // The dry run says what would change (the word diff of the changed claim), and writes
    // nothing.
    let dry = t.ok(WRITER, &["reanchor", A, "--dry-run"]);
    assert_eq!(t.read(S), before, "--dry-run wrote the sidecar");

    let run = t.ok(WRITER, &["reanchor", A]);
    let sidecar = t.read(S);
    assert!(sidecar.contains("exact: Most adults need 20 micrograms of vitamin D a day"));
    assert!(
        sidecar.contains("prefix: A new opening paragraph."),
        "{sidecar}"
    );
    // The words changed, so the fact-checker's sign-off stays stale until re-verified.
    assert_eq!(
        flagged(&t.check(1)),
        [("fifteen-micrograms".to_string(), "FC031".to_string())]
    );
    // Idempotent: nothing to do, nothing written.
    let again = t.ok(WRITER, &["reanchor", A]);
    assert_eq!(t.read(S), sidecar);
    snap!(transcripts([&dry, &run, &again]));

    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    assert!(flagged(&t.check(1)).is_empty());
}

#[test]
fn reanchor_leaves_claims_it_cannot_follow_with_confidence() {
    let t = committed();
    t.edit(
        A,
        "Vitamin D helps the body absorb calcium.",
        "Nobody knows what calcium does.",
    );
    let before = t.read(S);
    let r = t.ok(WRITER, &["reanchor", A, "--format", "json"]);
    let results: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(results[0]["claim"], "absorb-calcium");
    assert_eq!(results[0]["outcome"], "left");
    assert_eq!(results[0]["reason"], "uncertain");
    // Its neighbour keeps its words; only its recorded prefix is refreshed.
    assert_eq!(results[1]["outcome"], "context-updated");
    assert!(
        t.read(S)
            .contains("exact: Vitamin D helps the body absorb calcium")
    );
    assert_ne!(t.read(S), before);
    let flags = flagged(&t.check(1));
    assert_eq!(flags, [("absorb-calcium".to_string(), "FC005".to_string())]);
}

#[test]
fn log_lists_who_changed_which_claim_oldest_first() {
    let t = TestRepo::newsroom("standard");
    t.commit(WRITER, "Draft");
    t.tracked();
    t.commit(WRITER, "Track claims");
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.ok(
        CHECKER,
        &["verify", A, "fifteen-micrograms", "--status", "disputed"],
    );
    t.commit(CHECKER, "Fact-check");
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    t.commit(WRITER, "Update amount");
    t.ok(WRITER, &["submit", A]);
    t.commit(WRITER, "Submit");

    let r = t.ok(EDITOR, &["log", A, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["article"], A);
    let commits = doc["commits"].as_array().unwrap();
    let summaries: Vec<&str> = commits
        .iter()
        .map(|c| c["commit"]["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Draft",
            "Track claims",
            "Fact-check",
            "Update amount",
            "Submit"
        ]
    );
    let kinds = |i: usize| -> Vec<String> {
        commits[i]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds(0), ["article-added"]);
    assert_eq!(kinds(1), ["tracked", "claim-added", "claim-added"]);
    let check = &commits[2]["events"];
    assert_eq!(check[0]["event"], "status-changed");
    assert_eq!(check[0]["claim"], "absorb-calcium");
    assert_eq!(check[0]["from"], "unverified");
    assert_eq!(check[0]["to"], "verified");
    assert_eq!(check[0]["by"], CHECKER);
    assert_eq!(check[1]["to"], "disputed");
    assert_eq!(
        kinds(2)[2..],
        ["signoff-added".to_string(), "signoff-added".to_string()]
    );
    assert_eq!(commits[2]["commit"]["email"], CHECKER);
    assert_eq!(kinds(3), ["text-edited", "signoff-invalidated"]);
    assert_eq!(commits[3]["events"][0]["added"], 1);
    assert_eq!(commits[3]["events"][1]["claim"], "fifteen-micrograms");
    assert_eq!(commits[3]["events"][1]["reason"], "words");
    assert_eq!(kinds(4), ["stage-changed"]);

    // For people: each status change with who made it, each sign-off the words made stale.
    let words = t.ok(EDITOR, &["log", A]);

    // Only a cited source's publisher changes: the log says it was the evidence.
    t.ok(
        WRITER,
        &["source", "edit", A, "nih-ods", "--publisher", "NIH ODS"],
    );
    t.commit(WRITER, "Publisher");
    let evidence = t.ok(EDITOR, &["log", A]);
    snap!(transcripts([&words, &evidence]));
}

#[test]
fn renamed_articles_keep_their_history() {
    let t = committed();
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    t.commit(WRITER, "Update amount");
    let b = "articles/vitamin-d-basics.md";
    t.git_mv(A, b);
    let bs = "articles/vitamin-d-basics.claims.yaml";
    t.git_mv(S, bs);
    // The sidecar names its article; the error for a stale name says what to write.
    let stale_name = t.expect(EDITOR, &["check"], 2);
    t.edit(bs, "article: vitamin-d.md", "article: vitamin-d-basics.md");
    t.edit(b, "tastes awful", "tastes bad");

    // Staged, not committed: HEAD still knows it under the old name.
    let r = t.ok(EDITOR, &["diff", b, "--format", "json"]);
    let d: DiffDoc = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d.from.path, A);
    assert_eq!(d.to.path, b);
    assert_eq!(d.hunks.len(), 1);
    t.commit_index(WRITER, "Rename");
    t.commit(WRITER, "Tone");

    let r = t.ok(EDITOR, &["diff", b, "--from", "HEAD~2", "--format", "json"]);
    let d: DiffDoc = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d.from.path, A);
    assert_eq!(d.change("fifteen-micrograms"), "unchanged");
    assert_eq!(d.hunks.len(), 1);
    let r = t.ok(EDITOR, &["diff", b, "--from", "HEAD~3", "--format", "json"]);
    let d: DiffDoc = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d.change("fifteen-micrograms"), "changed");

    // The log goes through the rename: the commits before it, the rename, the one after.
    let log = t.ok(EDITOR, &["log", b]);
    snap!(transcripts([&stale_name, &log]));
    // The renamed article's approved claims are still followed by check.
    assert_eq!(
        flagged(&t.check(1)),
        [
            ("fifteen-micrograms".to_string(), "FC003".to_string()),
            ("fifteen-micrograms".to_string(), "FC031".to_string())
        ]
    );
}
