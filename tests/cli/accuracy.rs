//! The claim-tracking accuracy harness (SPEC §4).
//!
//! Builds a real git repository holding one long article made of the sentences of our example
//! explainers (every sentence a tracked, verified claim), then commits a long series of
//! scripted revisions — paragraphs inserted, moved, split and merged, neighbouring sentences
//! added and reworded, emphasis added inside claims, a claim's sentence copied elsewhere, single
//! words changed inside claims, claimed sentences deleted — with periodic re-verification.
//! The harness keeps the ground truth (which claims' words differ from the words their
//! sign-off approved) and after every revision compares it with what `factcheck check` flags
//! (FC001/FC002/FC003/FC005/FC031):
//!
//! - a **false stale** is a claim flagged although its words did not change;
//! - a **missed change** is a claim whose words changed but that is not flagged.
//!
//! Both must be zero. Run `cargo test --test cli accuracy -- --nocapture` to see the report.

use std::collections::{BTreeMap, BTreeSet};

use factcheck::text::article::Article;

use crate::support::*;

const REVISIONS: usize = 60;
const SEED: u64 = 0x5eed_fac7;
const CLAIM_CODES: [&str; 5] = ["FC001", "FC002", "FC003", "FC005", "FC031"];

/// A deterministic xorshift generator (no dependency, same sequence everywhere).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone)]
struct Sentence {
    text: String,
    /// The claim tracking it, if any.
    claim: Option<String>,
    /// A word index wrapped in `*emphasis*` (Markdown only).
    emphasis: Option<usize>,
}

/// The article as the harness models it, and the words each claim's sign-off approved.
struct Model {
    paras: Vec<Vec<Sentence>>,
    signed: BTreeMap<String, String>,
    fillers: usize,
}

impl Model {
    fn markdown(&self) -> String {
        let mut out = String::from("# Accuracy harness\n\n");
        for p in &self.paras {
            let sentences: Vec<String> = p.iter().map(render).collect();
            out.push_str(&sentences.join(" "));
            out.push_str("\n\n");
        }
        out
    }

    /// Claims whose current words differ from what was signed (or that are gone).
    fn changed(&self) -> BTreeSet<String> {
        let now: BTreeMap<&str, &str> = self
            .paras
            .iter()
            .flatten()
            .filter_map(|s| s.claim.as_deref().map(|c| (c, s.text.as_str())))
            .collect();
        self.signed
            .iter()
            .filter(|(id, words)| now.get(id.as_str()) != Some(&words.as_str()))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Texts of sentences that occur more than once.
    fn copied(&self) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut twice = BTreeSet::new();
        for s in self.paras.iter().flatten() {
            if !seen.insert(s.text.clone()) {
                twice.insert(s.text.clone());
            }
        }
        twice
    }

    fn filler(&mut self) -> Sentence {
        self.fillers += 1;
        let n = self.fillers;
        Sentence {
            text: format!("Editorial filler sentence number {n} adds context for readers."),
            claim: None,
            emphasis: None,
        }
    }

    /// (paragraph, sentence) of every sentence matching `pred`.
    fn find(&self, pred: impl Fn(&Sentence) -> bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, p) in self.paras.iter().enumerate() {
            for (j, s) in p.iter().enumerate() {
                if pred(s) {
                    out.push((i, j));
                }
            }
        }
        out
    }
}

fn render(s: &Sentence) -> String {
    match s.emphasis {
        None => s.text.clone(),
        Some(w) => s
            .text
            .split(' ')
            .enumerate()
            .map(|(i, word)| {
                if i == w {
                    format!("*{word}*")
                } else {
                    word.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn plain_word(w: &str) -> bool {
    w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// Sentences of the example explainers that are safe to re-render as plain Markdown.
fn source_sentences() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/newsroom/articles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    for f in files {
        let a = Article::parse(
            std::fs::read_to_string(f).unwrap(),
            &["Reader comments".into(), "Comments".into()],
        );
        let text = a.text.as_str();
        for s in a.text.sentences() {
            let s = &text[s.start..s.end];
            let words = s.split(' ').count();
            let safe = !s.contains(['*', '_', '`', '[', ']', '<', '>', '#', '|', '!', '\\']);
            if (6..=45).contains(&words)
                && s.ends_with('.')
                && safe
                && s.split(' ').filter(|w| plain_word(w)).count() >= 3
                && !out.iter().any(|o| o.contains(s) || s.contains(o.as_str()))
            {
                out.push(s.to_string());
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Edit {
    InsertParagraph,
    InsertNeighbour,
    RewordNeighbour,
    SplitParagraph,
    MergeParagraphs,
    MoveParagraph,
    Emphasis,
    CopyClaimSentence,
    ChangeWord,
    DeleteClaim,
}

const EDITS: [Edit; 10] = [
    Edit::InsertParagraph,
    Edit::InsertNeighbour,
    Edit::RewordNeighbour,
    Edit::SplitParagraph,
    Edit::MergeParagraphs,
    Edit::MoveParagraph,
    Edit::Emphasis,
    Edit::CopyClaimSentence,
    Edit::ChangeWord,
    Edit::DeleteClaim,
];

const REPLACEMENTS: [&str; 6] = ["rarely", "seldom", "notably", "barely", "widely", "often"];

/// Applies `edit`; returns whether it could be applied.
fn apply(m: &mut Model, rng: &mut Rng, edit: Edit) -> bool {
    match edit {
        Edit::InsertParagraph => {
            let at = rng.below(m.paras.len() + 1);
            let p = vec![m.filler(), m.filler()];
            m.paras.insert(at, p);
        }
        Edit::InsertNeighbour => {
            let i = rng.below(m.paras.len());
            let j = rng.below(m.paras[i].len() + 1);
            let f = m.filler();
            m.paras[i].insert(j, f);
        }
        Edit::RewordNeighbour => {
            let fillers = m.find(|s| s.claim.is_none());
            if fillers.is_empty() {
                return false;
            }
            let (i, j) = fillers[rng.below(fillers.len())];
            let s = &mut m.paras[i][j];
            s.text = s.text.replace("adds context for", "gives background to");
        }
        Edit::SplitParagraph => {
            let long: Vec<usize> = (0..m.paras.len())
                .filter(|&i| m.paras[i].len() >= 2)
                .collect();
            if long.is_empty() {
                return false;
            }
            let i = long[rng.below(long.len())];
            let at = 1 + rng.below(m.paras[i].len() - 1);
            let tail = m.paras[i].split_off(at);
            m.paras.insert(i + 1, tail);
        }
        Edit::MergeParagraphs => {
            if m.paras.len() < 2 {
                return false;
            }
            let i = rng.below(m.paras.len() - 1);
            let next = m.paras.remove(i + 1);
            m.paras[i].extend(next);
        }
        Edit::MoveParagraph => {
            if m.paras.len() < 2 {
                return false;
            }
            let p = m.paras.remove(rng.below(m.paras.len()));
            let at = rng.below(m.paras.len() + 1);
            m.paras.insert(at, p);
        }
        Edit::Emphasis => {
            let claims = m.find(|s| s.claim.is_some() && s.emphasis.is_none());
            if claims.is_empty() {
                return false;
            }
            let (i, j) = claims[rng.below(claims.len())];
            let s = &mut m.paras[i][j];
            let words: Vec<usize> = s
                .text
                .split(' ')
                .enumerate()
                .filter(|(_, w)| plain_word(w))
                .map(|(k, _)| k)
                .collect();
            s.emphasis = Some(words[rng.below(words.len())]);
        }
        Edit::CopyClaimSentence => {
            // One copy per sentence: with two copies and the original, no one could say which
            // sentence the claim is.
            let copied = m.copied();
            let claims = m.find(|s| s.claim.is_some() && !copied.contains(&s.text));
            if claims.is_empty() {
                return false;
            }
            let (i, j) = claims[rng.below(claims.len())];
            let mut copy = m.paras[i][j].clone();
            copy.claim = None;
            copy.emphasis = None;
            let at = rng.below(m.paras.len() + 1);
            let f = m.filler();
            m.paras.insert(at, vec![f, copy]);
        }
        Edit::ChangeWord => {
            // A sentence with a copy keeps its claim at the copy when its own words change
            // (the approved words are still in the article, once), so those are left alone.
            let changed = m.changed();
            let copied = m.copied();
            let claims = m.find(|s| {
                s.claim.as_ref().is_some_and(|c| {
                    !changed.contains(c) && s.emphasis.is_none() && !copied.contains(&s.text)
                })
            });
            if claims.is_empty() {
                return false;
            }
            let (i, j) = claims[rng.below(claims.len())];
            let s = &mut m.paras[i][j];
            let mut words: Vec<String> = s.text.split(' ').map(str::to_string).collect();
            let candidates: Vec<usize> = (1..words.len())
                .filter(|&k| plain_word(&words[k]))
                .collect();
            let k = candidates[rng.below(candidates.len())];
            let new = REPLACEMENTS
                .iter()
                .find(|r| !r.eq_ignore_ascii_case(&words[k]))
                .unwrap();
            words[k] = new.to_string();
            s.text = words.join(" ");
        }
        Edit::DeleteClaim => {
            let claims = m.find(|s| s.claim.is_some());
            if claims.len() < 10 {
                return false;
            }
            let (i, j) = claims[rng.below(claims.len())];
            let gone = m.paras[i].remove(j);
            if m.paras[i].is_empty() {
                m.paras.remove(i);
            }
            // A copy of the deleted sentence now carries the claim: same words, found once.
            if let Some(copy) = m
                .paras
                .iter_mut()
                .flatten()
                .find(|s| s.claim.is_none() && s.text == gone.text)
            {
                copy.claim = gone.claim;
            }
        }
    }
    true
}

/// Claims `check` flags with an anchoring or staleness code.
fn flagged(doc: &CheckDoc) -> BTreeSet<String> {
    doc.articles
        .iter()
        .flat_map(|a| &a.findings)
        .filter(|f| CLAIM_CODES.contains(&f.code.as_str()))
        .filter_map(|f| f.claim.clone())
        .collect()
}

/// Prints the paragraph layout (claim ids, `*` for duplicated sentences, `--` for fillers)
/// and every finding on a claim whose words did not change.
fn explain(m: &Model, doc: &CheckDoc, truth: &BTreeSet<String>, rev: usize, applied: &[Edit]) {
    let copied = m.copied();
    for p in &m.paras {
        let line: Vec<String> = p
            .iter()
            .map(|s| {
                let mark = if copied.contains(&s.text) { "*" } else { "" };
                format!("{}{mark}", s.claim.as_deref().unwrap_or("--"))
            })
            .collect();
        eprintln!("   {}", line.join(" "));
    }
    for f in doc.articles.iter().flat_map(|a| &a.findings) {
        let unchanged = f.claim.as_ref().is_some_and(|c| !truth.contains(c));
        if unchanged && CLAIM_CODES.contains(&f.code.as_str()) {
            eprintln!("rev {rev} {applied:?}: {} {}", f.code, f.message);
        }
    }
}

#[derive(Default)]
struct Tally {
    applied: usize,
    claims_checked: usize,
    stale_flagged: usize,
    false_stale: usize,
    missed: usize,
}

#[test]
fn claim_tracking_has_no_false_stale_and_no_missed_changes() {
    let a = "articles/long.md";
    let t = TestRepo::newsroom("light");
    let sentences = source_sentences();
    assert!(sentences.len() >= 30, "only {} sentences", sentences.len());
    let mut m = Model {
        paras: sentences
            .chunks(3)
            .enumerate()
            .map(|(pi, chunk)| {
                chunk
                    .iter()
                    .enumerate()
                    .map(|(si, s)| Sentence {
                        text: s.clone(),
                        claim: Some(format!("c{:02}", pi * 3 + si + 1)),
                        emphasis: None,
                    })
                    .collect()
            })
            .collect(),
        signed: BTreeMap::new(),
        fillers: 0,
    };
    t.write(a, &m.markdown());
    t.ok(WRITER, &["track", a]);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            a,
            "--id",
            "examples",
            "--url",
            "https://example.org/sources",
        ],
    );
    for s in m.paras.iter().flatten() {
        let id = s.claim.as_deref().unwrap();
        t.ok(
            WRITER,
            &[
                "claim", "add", a, "--id", id, "--quote", &s.text, "--source", "examples",
            ],
        );
        t.ok(CHECKER, &["verify", a, id]);
        m.signed.insert(id.to_string(), s.text.clone());
    }
    t.commit(CHECKER, "Every sentence verified");
    let check = |t: &TestRepo| -> CheckDoc {
        let r = t.run_as(Some(EDITOR), &["check", a, "--format", "json"]);
        assert!(r.code <= 1, "{}", r.stderr);
        r.json()
    };
    assert!(flagged(&check(&t)).is_empty());

    // Other seeds and lengths can be explored: FACTCHECK_ACCURACY_SEED=7 FACTCHECK_ACCURACY_REVISIONS=200
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("FACTCHECK_ACCURACY_SEED").unwrap_or(SEED);
    let revisions = env("FACTCHECK_ACCURACY_REVISIONS").map_or(REVISIONS, |n| n as usize);
    // FACTCHECK_ACCURACY_DEBUG=1 prints the layout and the false flags, and keeps the repo.
    let debug = std::env::var_os("FACTCHECK_ACCURACY_DEBUG").is_some();
    let mut rng = Rng(seed);
    let mut by_edit: BTreeMap<Edit, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut failures = Vec::new();
    for rev in 1..=revisions {
        let mut applied = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let edit = EDITS[rng.below(EDITS.len())];
            if apply(&mut m, &mut rng, edit) {
                applied.push(edit);
            }
        }
        t.write(a, &m.markdown());
        t.commit(WRITER, &format!("Revision {rev}: {applied:?}"));
        let truth = m.changed();
        let doc = check(&t);
        let seen = flagged(&doc);
        if debug {
            explain(&m, &doc, &truth, rev, &applied);
        }
        let false_stale: Vec<&String> = seen.difference(&truth).collect();
        let missed: Vec<&String> = truth.difference(&seen).collect();
        for e in &applied {
            let tally = by_edit.entry(*e).or_default();
            tally.applied += 1;
            tally.false_stale += false_stale.len();
            tally.missed += missed.len();
        }
        total.applied += applied.len();
        total.claims_checked += m.signed.len();
        total.stale_flagged += seen.len();
        total.false_stale += false_stale.len();
        total.missed += missed.len();
        if !false_stale.is_empty() || !missed.is_empty() {
            failures.push(format!(
                "revision {rev} {applied:?}: false stale {false_stale:?}, missed {missed:?}"
            ));
        }
        // Every eighth revision the fact-checker re-verifies what changed (still in the text).
        if rev % 8 == 0 {
            let present: BTreeMap<String, String> = m
                .paras
                .iter()
                .flatten()
                .filter_map(|s| s.claim.clone().map(|c| (c, s.text.clone())))
                .collect();
            for id in truth {
                if let Some(words) = present.get(&id) {
                    t.ok(CHECKER, &["verify", a, &id]);
                    m.signed.insert(id, words.clone());
                }
            }
            t.commit(CHECKER, &format!("Re-verified after revision {rev}"));
        }
    }
    println!("claim-tracking accuracy: {revisions} revisions, seed {seed:#x}");
    println!(
        "{:<18} {:>7} {:>11} {:>7}",
        "edit", "applied", "false-stale", "missed"
    );
    for (e, tally) in &by_edit {
        println!(
            "{:<18} {:>7} {:>11} {:>7}",
            format!("{e:?}"),
            tally.applied,
            tally.false_stale,
            tally.missed
        );
    }
    println!(
        "total: {} edits, {} claim checks, {} stale/orphaned flags, {} false stale, {} missed",
        total.applied, total.claims_checked, total.stale_flagged, total.false_stale, total.missed
    );
    if debug {
        eprintln!("repo kept at {}", t.path().display());
        std::mem::forget(t);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for e in EDITS.iter().filter(|_| seed == SEED) {
        assert!(
            by_edit.get(e).is_some_and(|t| t.applied > 0),
            "{e:?} never applied: change the seed"
        );
    }
}
