//! Changing what a sign-off approved besides the words: the claim's kind, a cited source's URL,
//! title, date, excerpt or evidence snapshot, the sources it cites, the reviewer's note, words
//! struck through. Each makes the sign-off stale (FC031) in the pull-request gate, and a change
//! to the evidence alone still selects its article. A published article edited without a
//! correction stays FC040 whatever its stage says.

use super::*;

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

/// The sidecar names its snapshot with a YAML escape (`evidence\/…`, the same string): a
/// change to the evidence file alone must still select the article: the path is compared as
/// parsed, not as written.
#[test]
fn an_escaped_snapshot_path_still_selects_its_article() {
    for spell in [
        |p: &str| format!("\"{}\"", p.replace('/', "\\/")),
        |p: &str| format!("\"{}\"", p.replacen('e', "\\u0065", 1)),
    ] {
        let (t, rel) = with_snapshot();
        let text = t.read(S);
        t.write(
            S,
            &text.replace(
                &format!("snapshot: {rel}"),
                &format!("snapshot: {}", spell(&rel)),
            ),
        );
        assert_ne!(t.read(S), text, "the sidecar names {rel} as expected");
        t.commit(WRITER, "Tidy the sidecar");
        let base = t.head().to_string();
        t.write(&rel, &SNAPSHOT.replace("15 micrograms", "50 micrograms"));
        t.commit(WRITER, "Update the snapshot");
        blocks_with(&t, &base, "FC073", &[]);
    }
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
