//! Pages people look at: `report --html`, `export --claimreview`, `publish --out` (the published
//! page, its manifest and fact box, corrections) and the `status --html` dashboard, parsed with
//! an HTML parser, never regexes.

use scraper::Html;

use crate::support::*;

fn report(t: &TestRepo) -> Html {
    t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
    Html::parse_document(&t.read("out/report.html"))
}

#[test]
fn report_highlights_every_claim_by_status() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    t.ok(
        CHECKER,
        &[
            "verify",
            A,
            "fifteen-micrograms",
            "--status",
            "disputed",
            "--note",
            "NHS says 10",
        ],
    );
    let doc = report(&t);
    let marks: Vec<_> = doc.select(&sel("article mark.claim")).collect();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].value().id(), Some("claim-absorb-calcium"));
    assert!(marks[0].value().classes().any(|c| c == "s-verified"));
    assert_eq!(
        marks[0].text().collect::<String>(),
        "Vitamin D helps the body absorb calcium"
    );
    assert!(marks[1].value().classes().any(|c| c == "s-disputed"));
    // Side panel: a card per claim with its sources, sign-offs and note.
    let cards: Vec<_> = doc.select(&sel("aside .claimcard")).collect();
    assert_eq!(cards.len(), 2);
    let second = cards[1].html();
    assert!(second.contains("NHS says 10"));
    assert!(second.contains("carl@example.org (fact-checker)"));
    let links: Vec<_> = cards[0].select(&sel("ul.sources a")).collect();
    assert_eq!(links.len(), 2);
    assert_eq!(
        links[0].value().attr("href"),
        Some("https://ods.od.nih.gov/factsheets/VitaminD-Consumer/")
    );
    // Header: stage, workflow, gate with every finding.
    let header = doc
        .select(&sel("header.top"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        header.contains("stage: draft") && header.contains("workflow: standard"),
        "{header}"
    );
    assert!(header.contains("gate: blocked"));
    let findings = doc.select(&sel(".findings li")).count();
    assert!(findings >= 2);
    // Self-contained, phone-width, printable.
    let page = t.read("out/report.html");
    assert!(page.contains("@media (max-width:800px)") && page.contains("@media print"));
    assert!(
        doc.select(&sel("link, script[src], img[src^='http']"))
            .next()
            .is_none()
    );
    assert!(doc.select(&sel("meta[name=viewport]")).next().is_some());
}

#[test]
fn claims_in_captions_do_not_break_the_image() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "caption",
            "--quote",
            "Sunlight helps the skin make vitamin D",
            "--source",
            "nih-ods",
        ],
    );
    let doc = report(&t);
    let img = doc
        .select(&sel("article img"))
        .next()
        .expect("the image survives");
    assert_eq!(
        img.value().attr("title"),
        Some("Sunlight helps the skin make vitamin D.")
    );
    assert_eq!(img.value().attr("alt"), Some("Sunlight on skin"));
    assert!(doc.select(&sel("#card-caption")).next().is_some());
}

/// A claim in the alt text of an Eleventy `{% image %}` tag: readers of the page do not see
/// those words as text, and the tag renders as nothing, so the report lists the claim without
/// an empty highlight.
#[test]
fn a_claim_in_a_template_image_tag_leaves_no_empty_mark() {
    let t = TestRepo::newsroom("standard");
    t.write(".eleventy.js", "module.exports = {};\n");
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "{% image \"owl.png\" \"An owl hunts at night in 90 percent darkness\" %}\n\nSome people say fish oil tastes awful.",
    );
    t.tracked();
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "owl",
            "--quote",
            "An owl hunts at night in 90 percent darkness",
        ],
    );
    let doc = report(&t);
    for m in doc.select(&sel("article mark")) {
        let text: String = m.text().collect();
        assert!(!text.trim().is_empty(), "empty mark: {}", m.html());
    }
    assert!(
        doc.select(&sel("#card-owl")).next().is_some(),
        "the claim is listed"
    );
    let html = t.read("out/report.html");
    assert!(!html.contains("{%"), "template markup in the report");
}

#[test]
fn stale_claims_are_marked_stale() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.edit(A, "need 15 micrograms", "need 20 micrograms");
    let doc = report(&t);
    let stale: Vec<_> = doc.select(&sel("mark.claim.stale")).collect();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].value().id(), Some("claim-fifteen-micrograms"));
    let card = doc
        .select(&sel("#card-fifteen-micrograms"))
        .next()
        .unwrap()
        .html();
    assert!(card.contains(">stale<"), "{card}");
}

/// A corrected article tells its readers: the published page lists each correction in the fact
/// box and the manifest carries them; a page published before any correction has neither.
#[test]
fn corrections_reach_the_published_page_and_the_manifest() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.ok(EDITOR, &["publish", A, "--out", "public"]);
    let first = t.read("public/vitamin-d.html");
    assert!(!first.contains("Corrections"), "{first}");
    assert!(
        !t.read("public/vitamin-d.factcheck.json")
            .contains("corrections")
    );
    t.edit(A, "Some people say", "Many people say");
    t.ok(
        EDITOR,
        &[
            "correct",
            A,
            "--note",
            "Clarified who dislikes fish oil & why.",
        ],
    );
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.ok(EDITOR, &["publish", A, "--out", "public"]);
    let doc = Html::parse_document(&t.read("public/vitamin-d.html"));
    let items: Vec<String> = doc
        .select(&sel("#fact-check ul.corrections li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(
        items,
        ["2026-11-20: Clarified who dislikes fish oil & why."]
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&t.read("public/vitamin-d.factcheck.json")).unwrap();
    assert_eq!(
        manifest["corrections"][0]["note"],
        "Clarified who dislikes fish oil & why."
    );
}

#[test]
fn publish_out_writes_the_page_manifest_and_claimreview() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "people:\n",
        "site:\n  name: Health Daily\n  url: https://health.example.org/\npeople:\n",
    );
    t.approved();
    t.ok(EDITOR, &["publish", A, "--out", "public"]);
    let page = t.read("public/vitamin-d.html");
    let doc = Html::parse_document(&page);
    let boxed = doc
        .select(&sel("#fact-check"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        boxed.contains(
            "Fact-checked by ed@example.org (editor), carl@example.org (fact-checker) on 2026-11-20, 2 claims, 2 sources."
        ),
        "{boxed}"
    );
    assert_eq!(
        doc.select(&sel("#fact-check a[href^='https://']")).count(),
        2
    );
    let ld = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap()
        .inner_html();
    let reviews: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(reviews.as_array().unwrap().len(), 2);
    let r = &reviews[0];
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(
        r["claimReviewed"],
        "Vitamin D helps the body absorb calcium"
    );
    assert_eq!(r["reviewRating"]["alternateName"], "True");
    assert_eq!(r["reviewRating"]["ratingValue"], 5);
    assert_eq!(r["itemReviewed"]["@type"], "Claim");
    assert_eq!(
        r["itemReviewed"]["appearance"][0]["url"],
        "https://health.example.org/articles/vitamin-d.html"
    );
    assert_eq!(
        r["itemReviewed"]["firstAppearance"]["url"],
        r["itemReviewed"]["appearance"][0]["url"]
    );
    assert_eq!(r["itemReviewed"]["author"]["name"], "Wendy Writer");
    assert_eq!(r["author"]["name"], "Health Daily");
    assert_eq!(r["datePublished"], "2026-11-20");
    assert_eq!(
        r["url"],
        "https://health.example.org/articles/vitamin-d.html#claim-absorb-calcium"
    );

    let manifest: serde_json::Value =
        serde_json::from_str(&t.read("public/vitamin-d.factcheck.json")).unwrap();
    assert_eq!(manifest["version"], 1);
    assert_eq!(manifest["article"], A);
    assert_eq!(manifest["title"], "Vitamin D basics");
    assert_eq!(manifest["published"]["by"], EDITOR);
    assert_eq!(manifest["reviewers"][0]["role"], "editor");
    assert_eq!(manifest["claims"][1]["id"], "fifteen-micrograms");
    assert_eq!(manifest["claims"][1]["status"], "verified");
    assert_eq!(manifest["claims"][1]["sources"][0], "nih-ods");
    assert_eq!(manifest["sources"].as_array().unwrap().len(), 2);
    assert_eq!(manifest["blob"].as_str().unwrap().len(), 40);

    assert_eq!(manifest["reviewers"][1]["email"], CHECKER);
    assert_eq!(manifest["reviewers"].as_array().unwrap().len(), 2);

    // A blocked article writes nothing.
    let u = TestRepo::newsroom("standard");
    u.tracked();
    u.expect(EDITOR, &["publish", A, "--out", "public"], 1);
    assert!(!u.path().join("public").exists());
}

#[test]
fn status_html_is_a_dashboard_of_every_article() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.write(
        "articles/draft.md",
        "---\ntitle: A <draft>\n---\n# Draft\n\nSome text.\n",
    );
    t.ok(WRITER, &["track", "articles/draft.md"]);
    t.ok(EDITOR, &["status", "--html", "dash.html"]);
    let doc = Html::parse_document(&t.read("dash.html"));
    let rows: Vec<_> = doc.select(&sel("table.dash tbody tr")).collect();
    assert_eq!(rows.len(), 2);
    let draft = rows[0].text().collect::<String>();
    assert!(
        draft.contains("A <draft>") && draft.contains("blocked"),
        "{draft}"
    );
    assert!(rows[0].value().classes().any(|c| c == "blocked"));
    let ready = rows[1].text().collect::<String>();
    assert!(
        ready.contains("ready") && ready.contains("2 verified"),
        "{ready}"
    );
    assert!(doc.select(&sel("b")).next().is_none());
}

/// The fact box and the manifest name the people whose sign-offs stand for the published text:
/// not a sign-off of an earlier version, and not twice.
#[test]
fn the_fact_box_names_who_vouches_for_the_text_as_published() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(EDITOR, "approved");
    t.edit(A, "Some people say", "Some people still say");
    t.commit(WRITER, "edit");
    // The edit left the claims alone; the editor signs the new version.
    t.ok(EDITOR, &["signoff", A, "--role", "editor"]);
    t.ok(EDITOR, &["publish", A, "--out", "public"]);
    let page = Html::parse_document(&t.read("public/vitamin-d.html"));
    let boxed: String = page
        .select(&sel("#fact-check p"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        boxed.starts_with(
            "Fact-checked by ed@example.org (editor), carl@example.org (fact-checker) on"
        ),
        "{boxed}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&t.read("public/vitamin-d.factcheck.json")).unwrap();
    let reviewers = manifest["reviewers"].as_array().unwrap();
    assert_eq!(reviewers.len(), 2, "{reviewers:?}");
    assert_eq!(manifest["claims"][0]["reviewed_by"][0], CHECKER);

    // A claim reworded after its sign-off blocks publication: no page names a stale sign-off.
    t.edit(A, "absorb calcium", "absorb calcium and phosphate");
    t.expect(EDITOR, &["publish", A], 1);
}

/// A claim that starts inside a link and ends after it is highlighted whole, in marks that
/// nest properly with the link (one carries the anchor id, the rest continue it).
#[test]
fn a_claim_across_a_link_is_highlighted_whole_and_well_nested() {
    let t = TestRepo::newsroom("standard");
    t.write(
        A,
        "# Tock\n\nWe built [Tock](https://example.org/tock). This is a simple app used by 300 staff.\n",
    );
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "tock",
            "--quote",
            "Tock. This is a simple app used by 300 staff",
        ],
    );
    t.ok(EDITOR, &["report", A, "--html", "r.html"]);
    let html = t.read("r.html");
    let doc = Html::parse_document(&html);
    let parts: Vec<String> = doc
        .select(&sel("mark[data-claim='tock']"))
        .map(|m| m.text().collect::<String>())
        .collect();
    assert_eq!(
        parts.concat(),
        "Tock. This is a simple app used by 300 staff",
        "{html}"
    );
    assert_eq!(doc.select(&sel("mark#claim-tock")).count(), 1);
    // Well nested: the link holds a whole mark, and no mark outside it opens inside it.
    let link = doc
        .select(&sel("article a[href='https://example.org/tock']"))
        .next()
        .unwrap();
    assert_eq!(
        link.inner_html().matches("<mark").count(),
        link.inner_html().matches("</mark>").count()
    );
    assert!(html.contains("</mark></a>"), "{html}");
}

/// `publish --out` of an article already published at this text writes its pages again
/// (what finishes a `publish --out` interrupted after the publication record and before the
/// pages); without `--out` it is refused as before, and nothing is recorded twice.
#[test]
fn publishing_again_with_out_writes_the_pages() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.ok(EDITOR, &["publish", A]);
    let sidecar = t.read(S);
    let again = t.expect(EDITOR, &["publish", A], 2);
    assert!(
        again.stderr.contains("already published at this text"),
        "{}",
        again.stderr
    );
    let r = t.ok(EDITOR, &["publish", A, "--out", "public"]);
    assert!(
        r.stderr.contains("writing its pages again")
            || r.stdout.contains("writing its pages again"),
        "{}",
        r.transcript()
    );
    assert!(t.read("public/vitamin-d.html").contains("fact-check"));
    assert!(t.path().join("public/vitamin-d.factcheck.json").exists());
    assert_eq!(t.read(S), sidecar, "nothing is recorded twice");
}
