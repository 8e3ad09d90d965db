//! Revisions (SPEC §4): `diff`, `diff --since-signoff`, following claims through edits in
//! `check`, `reanchor` and `log`, in real git repositories.

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

/// An approved article, committed: the starting point of most revision tests.
fn committed() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(WRITER, "Approved vitamin D explainer");
    t
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
    let human = t.ok(EDITOR, &["diff", A]).stdout;
    assert!(
        human.contains(
            "changed    fifteen-micrograms  line 9:42  Most adults need [-15-]{+20+} micrograms"
        ),
        "{human}"
    );
    assert!(human.contains("unchanged  absorb-calcium"), "{human}");
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
    let human = t.ok(EDITOR, &["diff", A]).stdout;
    assert!(
        human.contains("only Markdown changed, not the text claims are read from"),
        "{human}"
    );
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
    assert!(r.stderr.contains("was never committed"), "{}", r.stderr);
    assert!(r.stderr.contains("help:"), "{}", r.stderr);
}

#[test]
fn diff_refuses_bad_revisions_and_files_not_in_git() {
    let t = committed();
    let r = t.expect(EDITOR, &["diff", A, "--from", "no-such-branch"], 2);
    assert!(
        r.stderr.contains("unknown revision `no-such-branch`"),
        "{}",
        r.stderr
    );
    t.write("articles/new.md", "# New\n\nA new article.\n");
    let r = t.expect(EDITOR, &["diff", "articles/new.md"], 2);
    assert!(r.stderr.contains("is not in HEAD"), "{}", r.stderr);

    let outside = TestRepo::empty();
    outside.write(
        "factcheck.yaml",
        &format!("workflow: light\npeople:\n  - email: {EDITOR}\n    roles: [editor]\n"),
    );
    outside.write("articles/a.md", "Text.\n");
    std::fs::remove_dir_all(outside.path().join(".git")).unwrap();
    let r = outside.expect(EDITOR, &["diff", "articles/a.md"], 2);
    assert!(r.stderr.contains("not in a git repository"), "{}", r.stderr);
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
    let dry = t.ok(WRITER, &["reanchor", A, "--dry-run"]).stdout;
    assert!(dry.contains("would update 2 of 2 claims; 0 left"), "{dry}");
    assert!(dry.contains("[-15-]{+20+}"), "{dry}");
    assert_eq!(t.read(S), before, "--dry-run wrote the sidecar");

    let run = t.ok(WRITER, &["reanchor", A]).stdout;
    assert!(run.contains("updated 2 of 2 claims"), "{run}");
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
    let again = t.ok(WRITER, &["reanchor", A]).stdout;
    assert!(again.contains("updated 0 of 2 claims"), "{again}");
    assert_eq!(t.read(S), sidecar);

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

    let human = t.ok(EDITOR, &["log", A]).stdout;
    assert!(
        human.contains("status         absorb-calcium  unverified → verified  by carl@example.org"),
        "{human}"
    );
    assert!(
        human.contains(
            "stale sign-off claim fifteen-micrograms  carl@example.org (fact-checker): the words it approved changed"
        ),
        "{human}"
    );

    // Only a cited source's publisher changes: the log says it was the evidence.
    t.ok(
        WRITER,
        &["source", "edit", A, "nih-ods", "--publisher", "NIH ODS"],
    );
    t.commit(WRITER, "Publisher");
    let human = t.ok(EDITOR, &["log", A]).stdout;
    assert!(
        human.contains("the evidence it approved changed"),
        "{human}"
    );
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
    let r = t.expect(EDITOR, &["check"], 2);
    assert!(
        r.stdout
            .contains("it should read `article: vitamin-d-basics.md`"),
        "{}",
        r.stdout
    );
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

    let log = t.ok(EDITOR, &["log", b]).stdout;
    for needle in [
        "Approved vitamin D explainer",
        "Update amount",
        "renamed articles/vitamin-d.md → articles/vitamin-d-basics.md",
        "Tone",
    ] {
        assert!(log.contains(needle), "{needle:?} missing from:\n{log}");
    }
    // The renamed article's approved claims are still followed by check.
    assert_eq!(
        flagged(&t.check(1)),
        [
            ("fifteen-micrograms".to_string(), "FC003".to_string()),
            ("fifteen-micrograms".to_string(), "FC031".to_string())
        ]
    );
}
