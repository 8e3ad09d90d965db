//! Work that grew with the square of the input (issue #27): an article rewritten whole in one
//! commit. No timing here (benches/linear.rs measures): the outcome must be settled and the
//! same on every run, which a word diff cut by a clock could not promise.

use crate::support::*;

/// Made-up prose, deterministic: `sentences` sentences of 8–20 words from a vocabulary of
/// syllables, in one paragraph hard-wrapped at 80 columns (so every claim's block is the
/// whole article).
fn paragraph(seed: u64, sentences: usize) -> Vec<String> {
    const SYLLABLES: [&str; 12] = [
        "ka", "lo", "mi", "ne", "ra", "to", "vu", "se", "di", "po", "an", "el",
    ];
    let mut x = seed;
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    (0..sentences)
        .map(|_| {
            let n = 8 + next(13);
            let words: Vec<String> = (0..n)
                .map(|_| (0..2 + next(3)).map(|_| SYLLABLES[next(12)]).collect())
                .collect();
            let mut s = words.join(" ");
            s[..1].make_ascii_uppercase();
            s + "."
        })
        .collect()
}

fn wrapped(sentences: &[String]) -> String {
    let mut out = String::from("# Long\n\n");
    let mut line = String::new();
    for word in sentences.join(" ").split(' ') {
        if line.len() + word.len() > 80 {
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
        }
        line.push_str(word);
        line.push(' ');
    }
    out + line.trim_end() + "\n"
}

/// A 100 KB paragraph with ten claims, rewritten whole: `check` follows every claim through
/// the rewrite (a word diff of the whole paragraph for each) and settles each one; `check` and
/// `diff` print the same thing on every run.
#[test]
fn a_whole_rewrite_is_settled_the_same_way_on_every_run() {
    let t = TestRepo::newsroom("light");
    let old = paragraph(1, 1_000);
    t.write(A, &wrapped(&old));
    t.ok(WRITER, &["track", A]);
    for (i, s) in old.iter().step_by(100).enumerate() {
        t.ok(
            WRITER,
            &["claim", "add", A, "--quote", s, "--id", &format!("c{i}")],
        );
    }
    t.commit(WRITER, "first");
    t.write(A, &wrapped(&paragraph(2, 1_000)));
    t.commit(WRITER, "rewritten");

    let check = || t.run_as(Some(EDITOR), &["check", A, "--format", "json"]);
    let first = check();
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert_eq!(check().stdout, first.stdout, "the same on every run");
    let doc = first.json();
    assert!(doc.with("FC006").is_empty(), "{:?}", doc.codes());
    // Every claim is settled: its words are gone, or elsewhere and changed, or its place now
    // holds other words.
    for i in 0..10 {
        let id = format!("c{i}");
        let settled = doc.articles[0].findings.iter().any(|f| {
            f.claim.as_deref() == Some(id.as_str())
                && ["FC001", "FC003", "FC005"].contains(&f.code.as_str())
        });
        assert!(settled, "{id}: {:?}", doc.codes());
    }

    let diff = || {
        t.run_as(
            Some(EDITOR),
            &[
                "diff", A, "--from", "HEAD~1", "--to", "HEAD", "--format", "json",
            ],
        )
    };
    let first = diff();
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(diff().stdout, first.stdout, "the same on every run");
    let doc: serde_json::Value = serde_json::from_str(&first.stdout).unwrap();
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 10);
    assert!(
        claims.iter().all(|c| c["change"] != "unchanged"),
        "{claims:?}"
    );
}
