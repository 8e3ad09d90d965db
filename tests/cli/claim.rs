//! `claim add|edit|rm|list|suggest`: tracking a sentence, editing or removing a claim (and
//! what that does to its sign-offs), quotes that occur twice, and the check-worthiness detector
//! behind `claim suggest` and the coverage rule (FC070), with its measured precision and recall
//! on our labelled sentences (`tests/data/suggest.tsv`). Each refusal exits 2, says what to do
//! instead and changes nothing.

use factcheck::text::suggest::Threshold;
use factcheck::text::suggest::train::{self, Figures};

use crate::support::*;

#[test]
fn a_writer_fixes_a_claim_and_its_signoffs_go_stale_but_stay() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.check(0);
    // Each edit says which sign-offs no longer match and how to renew them.
    let quote = t.ok(
        WRITER,
        &[
            "claim",
            "edit",
            A,
            "absorb-calcium",
            "--quote",
            "the body absorb calcium",
        ],
    );
    let c = claim(&t, "absorb-calcium").unwrap();
    assert_eq!(
        c["quote"]["exact"].as_str(),
        Some("the body absorb calcium")
    );
    let prefix = c["quote"]["prefix"].as_str().unwrap();
    assert!(prefix.ends_with("Vitamin D helps"), "{prefix}");
    // The sign-off is attested history: kept, and reported stale by the gate.
    assert_eq!(signoffs(&t, "absorb-calcium").len(), 1);
    assert_eq!(t.check(1).codes(), ["FC031"]);
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.check(0);

    // Kind and note are part of what a sign-off approved, too.
    let kind = t.ok(
        WRITER,
        &["claim", "edit", A, "fifteen-micrograms", "--kind", "fact"],
    );
    assert_eq!(
        claim(&t, "fifteen-micrograms").unwrap()["kind"].as_str(),
        Some("fact")
    );
    assert_eq!(t.check(1).codes(), ["FC031"]);
    t.ok(CHECKER, &["verify", A, "fifteen-micrograms"]);
    let note = t.ok(
        WRITER,
        &[
            "claim",
            "edit",
            A,
            "fifteen-micrograms",
            "--note",
            "NIH table 1",
        ],
    );
    assert_eq!(
        claim(&t, "fifteen-micrograms").unwrap()["note"].as_str(),
        Some("NIH table 1")
    );
    // Back to what was signed: nothing is stale, and nothing says so.
    let unnote = t.ok(
        WRITER,
        &["claim", "edit", A, "fifteen-micrograms", "--note", ""],
    );
    assert!(
        claim(&t, "fifteen-micrograms")
            .unwrap()
            .get("note")
            .is_none()
    );
    assert_eq!(t.check(0).codes(), Vec::<String>::new());
    snap!(transcripts([&quote, &kind, &note, &unnote]));
}

#[test]
fn claim_edit_refuses_what_claim_add_refuses_and_renames_only_unsigned_claims() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    let edit = |rest: &[&'static str]| [&["claim", "edit", A][..], rest].concat();
    let shown = vec![
        refused(
            &t,
            WRITER,
            &edit(&["absorb-calcium", "--quote", "Vitamin D cures cancer"]),
        ),
        refused(
            &t,
            WRITER,
            &edit(&["absorb-calcium", "--quote", "Vitamin D"]),
        ),
        refused(
            &t,
            WRITER,
            &edit(&[
                "absorb-calcium",
                "--quote",
                "Most adults need 15 micrograms of vitamin D a day",
            ]),
        ),
        refused(&t, WRITER, &edit(&["absorb-calcium"])),
        refused(&t, WRITER, &edit(&["absorb-calcum", "--kind", "fact"])),
        refused(&t, WRITER, &edit(&["absorb-calcium", "--id", "calcium"])),
        refused(
            &t,
            WRITER,
            &edit(&["fifteen-micrograms", "--id", "absorb-calcium"]),
        ),
        refused(&t, WRITER, &edit(&["fifteen-micrograms", "--id", "Bad Id"])),
        refused(
            &t,
            "mallory@example.org",
            &edit(&["fifteen-micrograms", "--kind", "fact"]),
        ),
        refused(&t, DOCTOR, &edit(&["fifteen-micrograms", "--kind", "fact"])),
        t.ok(WRITER, &edit(&["fifteen-micrograms", "--id", "daily-dose"])),
    ];
    assert!(claim(&t, "fifteen-micrograms").is_none());
    assert_eq!(
        claim(&t, "daily-dose").unwrap()["sources"]
            .as_sequence()
            .unwrap()
            .len(),
        1,
        "its citations follow it"
    );
    snap!(transcripts(&shown));
}

#[test]
fn only_an_editor_removes_a_checked_claim_and_the_gate_agrees() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "fish-oil",
            "--quote",
            "fish oil tastes awful",
        ],
    );
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.commit(EDITOR, "Base");
    let base = t.head().to_string();

    // The writer's own unchecked claim is theirs to drop.
    let mut shown = vec![t.ok(WRITER, &["claim", "rm", A, "fish-oil"])];
    assert!(claim(&t, "fish-oil").is_none());
    shown.push(refused(&t, WRITER, &["claim", "rm", A, "absorb-calcium"]));
    shown.push(refused(&t, WRITER, &["claim", "rm", A, "no-such"]));

    // The editor may, and is told which source no claim cites any more.
    shown.push(t.ok(EDITOR, &["claim", "rm", A, "absorb-calcium"]));
    assert!(
        t.check(1).with("FC025").len() == 1,
        "the unused source is reported"
    );
    t.commit(EDITOR, "Drop the calcium claim");
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
    let doc = r.json();
    assert!(doc.with("FC055").is_empty(), "{}", r.stdout);
    snap!(transcripts(&shown));
}

#[test]
fn bad_claims_and_sources_are_refused() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let shown = vec![
        refused(
            &t,
            WRITER,
            &["claim", "add", A, "--quote", "Vitamin D cures everything"],
        ),
        refused(
            &t,
            WRITER,
            &["claim", "add", A, "--quote", "Vitamin D code sample"],
        ),
        refused(&t, WRITER, &["claim", "add", A, "--quote", "vitamin D"]),
        refused(
            &t,
            WRITER,
            &["claim", "add", A, "--quote", "fish oil", "--source", "nope"],
        ),
        refused(
            &t,
            WRITER,
            &["claim", "add", A, "--quote", "fish oil", "--id", "Bad Id"],
        ),
        refused(
            &t,
            WRITER,
            &[
                "claim",
                "add",
                A,
                "--quote",
                "Vitamin D helps the body absorb calcium",
            ],
        ),
        refused(
            &t,
            WRITER,
            &[
                "claim",
                "add",
                A,
                "--quote",
                "fish oil",
                "--id",
                "absorb-calcium",
            ],
        ),
        refused(
            &t,
            WRITER,
            &["source", "add", A, "--url", "javascript:alert(1)"],
        ),
        refused(
            &t,
            WRITER,
            &[
                "source",
                "add",
                A,
                "--url",
                "https://x.org/a",
                "--published",
                "2026-02-30",
            ],
        ),
        refused(
            &t,
            WRITER,
            &[
                "source",
                "add",
                A,
                "--url",
                "https://x.org/a",
                "--id",
                "nih-ods",
            ],
        ),
        refused(&t, WRITER, &["cite", A, "absorb-calcum", "nih-ods"]),
        refused(&t, WRITER, &["track", A]),
    ];
    snap!(transcripts(&shown));
}

/// Occurrences are counted from 1: `--occurrence 0` is refused as such by `claim add` and
/// `claim edit`, rather than read as a choice the article does not offer.
#[test]
fn occurrence_zero_is_refused_as_counting_from_one() {
    let t = TestRepo::newsroom("light");
    t.write(
        A,
        "# T\n\nSleep matters a lot.\n\nSleep matters a lot.\n\nOnce only.\n",
    );
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &["claim", "add", A, "--id", "once", "--quote", "Once only"],
    );
    let shown = [
        refused(
            &t,
            WRITER,
            &[
                "claim",
                "add",
                A,
                "--quote",
                "Sleep matters a lot",
                "--occurrence",
                "0",
            ],
        ),
        refused(
            &t,
            WRITER,
            &[
                "claim",
                "add",
                A,
                "--quote",
                "Once only",
                "--occurrence",
                "0",
            ],
        ),
        refused(
            &t,
            WRITER,
            &[
                "claim",
                "edit",
                A,
                "once",
                "--quote",
                "Sleep matters a lot",
                "--occurrence",
                "0",
            ],
        ),
    ];
    for r in &shown {
        assert!(r.stderr.contains("must be at least 1"), "{}", r.stderr);
    }
    snap!(transcripts(&shown));
}

#[test]
fn captions_and_alt_text_are_claims_and_duplicates_take_an_occurrence() {
    let t = TestRepo::newsroom("light");
    t.write(A, "# T\n\nSleep matters a lot.\n\n![Sleep matters a lot.](x.png \"Adults need 7 hours.\")\n\nThe title in the front matter of a page is not claim text.\n");
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "cap",
            "--quote",
            "Adults need 7 hours",
        ],
    );
    // The duplicate is refused, naming `--occurrence`.
    let twice = refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "Sleep matters a lot"],
    );
    snap!(twice.transcript());
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "alt",
            "--occurrence",
            "2",
            "--quote",
            "Sleep matters a lot",
        ],
    );
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "body",
            "--occurrence",
            "1",
            "--quote",
            "Sleep matters a lot",
        ],
    );
    let doc = t.check(1);
    assert_eq!(
        doc.codes().iter().filter(|c| c.starts_with("FC00")).count(),
        0,
        "{:?}",
        doc.codes()
    );
    let sidecar = t.read(S);
    let order: Vec<&str> = sidecar
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .collect();
    assert_eq!(
        order,
        ["body", "alt", "cap"],
        "claims are kept in document order"
    );
}

#[test]
fn suggest_lists_untracked_check_worthy_sentences_best_first() {
    let t = story();
    let s = "articles/sleep.md";
    let r = t.ok(WRITER, &["claim", "suggest", s, "--format", "json"]);
    let found: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let texts: Vec<&str> = found.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Studies show that shift work raises the risk of diabetes.",
            "Adults need 7 or more hours of sleep per night."
        ],
        "opinions, questions, headings and reader comments are not suggested"
    );
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(6), Some(1))
    );
    let scores: Vec<f64> = found.iter().map(|f| f["score"].as_f64().unwrap()).collect();
    assert!(scores[0] >= scores[1] && scores[1] >= f64::from(Threshold::List.threshold()));
    let keys: Vec<&String> = found[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["column", "line", "score", "text", "why"]);
    // Each says why, in short "kind: words" strings.
    for f in &found {
        let why = f["why"].as_array().unwrap();
        assert!(!why.is_empty() && why.len() <= 3, "{f}");
        assert!(
            why.iter().all(|w| w.as_str().unwrap().contains(": ")),
            "{f}"
        );
    }

    // Tracking one removes it from the suggestions.
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            s,
            "--quote",
            "Adults need 7 or more hours of sleep per night",
        ],
    );
    let r = t.ok(WRITER, &["claim", "suggest", s, "--format", "json"]);
    let found: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn coverage_error_blocks_and_off_is_silent() {
    let t = story();
    t.write(
        "factcheck.yaml",
        &t.read("factcheck.yaml")
            .replace("workflow: standard", "workflow: workflows/strict.yaml"),
    );
    let wf = "name: strict\npublishable_statuses: [verified]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\ncoverage: error\nexcluded_sections: [Reader comments]\nseverity:\n  untracked-article: warning\n";
    t.write("workflows/strict.yaml", wf);
    let doc = t.check(1);
    let fc070 = doc.with("FC070");
    assert_eq!(fc070.len(), 2, "{fc070:#?}");
    assert!(fc070.iter().all(|f| f.severity == "error"));
    assert_eq!(
        (fc070[0].file.as_str(), fc070[0].line),
        ("articles/sleep.md", 6)
    );
    t.write(
        "workflows/strict.yaml",
        &wf.replace("coverage: error", "coverage: off"),
    );
    // Off: not reported, and nothing else blocks this claim-less article.
    assert!(t.check(0).with("FC070").is_empty());
}

/// (precision, recall, mistakes) of the shipped detector at `level` on a labelled file.
fn evaluate(data: &str, level: Threshold) -> (f32, f32, Vec<String>) {
    let scored: Vec<(f32, bool, &str)> = data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').unwrap())
        .map(|(label, s)| (factcheck::text::suggest::score(s), label == "1", s))
        .collect();
    let pairs: Vec<(f32, bool)> = scored.iter().map(|&(p, y, _)| (p, y)).collect();
    let f = Figures::at(&pairs, level.threshold());
    let wrong: Vec<String> = scored
        .iter()
        .filter(|&&(p, y, _)| (p >= level.threshold()) != y)
        .map(|(p, y, s)| {
            format!(
                "{} ({p:.2}): {s}",
                if *y { "missed" } else { "false positive" }
            )
        })
        .collect();
    println!("{} labelled sentences at {level:?}: {f}", pairs.len());
    for w in &wrong {
        println!("  {w}");
    }
    (f.precision(), f.recall(), wrong)
}

#[test]
fn detector_precision_and_recall_on_the_labelled_sets() {
    // Trained on (cross-validated figures in docs/suggest.md): a floor, not an estimate.
    for data in [
        include_str!("../data/suggest.tsv"),
        include_str!("../data/health-train.tsv"),
    ] {
        let (p, r, wrong) = evaluate(data, Threshold::List);
        assert!(p >= 0.85 && r >= 0.85, "{wrong:#?}");
    }
    // Held out: written before training, never trained or tuned on. Warnings need precision
    // first (≥ 0.8, the figure the warning threshold was chosen for); the list, recall.
    let heldout = [
        include_str!("../data/suggest-heldout.tsv"),
        include_str!("../data/health-heldout.tsv"),
    ]
    .concat();
    let (p, _, wrong) = evaluate(&heldout, Threshold::Warn);
    assert!(p >= 0.8, "{wrong:#?}");
    let (p, r, wrong) = evaluate(&heldout, Threshold::List);
    assert!(p >= 0.75 && r >= 0.85, "{wrong:#?}");
}

/// The shipped model is exactly what `cargo run --release --example train_suggest` builds
/// from the data in the repository (training is deterministic; a few seconds in debug).
#[test]
fn shipped_model_is_the_one_the_training_command_builds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = train::train(&train::load(|p| std::fs::read_to_string(root.join(p))).unwrap());
    assert!(
        report.model.to_bytes() == include_bytes!("../../models/suggest.bin"),
        "models/suggest.bin is stale: run cargo run --release --example train_suggest"
    );
}

/// The sidecar as YAML.
fn sidecar(t: &TestRepo) -> serde_yaml::Value {
    serde_yaml::from_str(&t.read(S)).unwrap()
}

/// The claim with `id` in the sidecar.
fn claim(t: &TestRepo, id: &str) -> Option<serde_yaml::Value> {
    sidecar(t)["claims"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["id"].as_str() == Some(id))
        .cloned()
}

/// The (by, at) of each sign-off on claim `id`.
fn signoffs(t: &TestRepo, id: &str) -> Vec<(String, String)> {
    let c = claim(t, id).unwrap();
    c["signoffs"]
        .as_sequence()
        .map(|s| {
            s.iter()
                .map(|so| {
                    let f = |k: &str| so[k].as_str().unwrap().to_string();
                    (f("by"), f("at"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An id made from a long first word (or a long host name, for a source) is cut to fit the
/// longest id a sidecar takes: the sidecar written reads back.
#[test]
fn generated_ids_fit_the_id_limit() {
    let t = TestRepo::newsroom("light");
    t.tracked();
    let word = "Supercalifragilisticexpialidocious".repeat(3);
    t.write(
        "articles/long.md",
        &format!("# T\n\n{word} is long, said 9 of 10 people.\n"),
    );
    t.ok(WRITER, &["track", "articles/long.md"]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            "articles/long.md",
            "--quote",
            &format!("{word} is long"),
        ],
    );
    let url = format!("https://{}.org/x", "a".repeat(80));
    t.ok(
        WRITER,
        &["source", "add", "articles/long.md", "--url", &url],
    );
    let r = t.ok(
        WRITER,
        &["claim", "list", "articles/long.md", "--format", "json"],
    );
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let id = rows[0]["id"].as_str().unwrap();
    assert!(id.len() <= 80 && id.starts_with("supercal"), "{id}");
    let check = t.run_as(
        Some(EDITOR),
        &["check", "articles/long.md", "--format", "json"],
    );
    assert_eq!(check.code, 1, "read back and judged: {}", check.stderr);
}
