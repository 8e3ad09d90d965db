//! What readers see is what the gate reads: markup that hides, adds, restyles or reorders words
//! a reader sees — inline `factcheck: off` markers, hidden or restyling HTML, style sheets,
//! template markup, bidirectional overrides, HTML a browser ends elsewhere than Markdown — is
//! refused (exit 2, or FC007 on a claim) or stales the claim it touches; a section is excluded
//! only by the heading readers see.

use super::*;

/// The verified claim, with a word readers see hidden from the gate by inline markers.
const ATTACKED: &str =
    "Vitamin D helps the body <!-- factcheck: off -->not <!-- factcheck: on -->absorb calcium.";

/// An approved, committed newsroom.
fn approved() -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.commit(EDITOR, "Approved");
    t.check(0);
    t
}

#[test]
fn a_word_hidden_inside_a_verified_quote_is_refused_with_its_place() {
    let t = approved();
    t.edit(A, "Vitamin D helps the body absorb calcium.", ATTACKED);
    // FC090 at articles/vitamin-d.md:9:26, with the way out: markers on lines of their own.
    let mut shown = vec![t.expect(EDITOR, &["check"], 2)];
    // Every command that reads the article refuses it the same way, and writes nothing.
    let sidecar = t.read(S);
    for (who, args) in [
        (CHECKER, vec!["verify", A, "absorb-calcium"]),
        (
            WRITER,
            vec![
                "claim",
                "add",
                A,
                "--quote",
                "Most adults need 15 micrograms",
            ],
        ),
        (EDITOR, vec!["diff", A]),
        (EDITOR, vec!["report", A, "--html", "report.html"]),
    ] {
        shown.push(t.expect(who, &args, 2));
    }
    assert_eq!(t.read(S), sidecar);
    assert!(!t.path().join("report.html").exists());
    snap!(transcripts(&shown));
}

#[test]
fn markers_inside_a_list_item_or_a_heading_are_refused() {
    let mut shown = Vec::new();
    for (from, to, at) in [
        (
            "Some people say fish oil tastes awful.",
            "- Some people say fish oil <!-- factcheck: off -->never <!-- factcheck: on -->tastes awful.",
            "articles/vitamin-d.md:13:28",
        ),
        (
            "# Vitamin D basics",
            "# Vitamin D <!-- factcheck: off -->scare<!-- factcheck: on --> basics",
            "articles/vitamin-d.md:5:13",
        ),
    ] {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        t.edit(A, from, to);
        let r = t.expect(EDITOR, &["check"], 2);
        // The finding is located at the marker.
        let doc = t.expect(EDITOR, &["check", "--format", "json"], 2).json();
        let at_marker = doc
            .with("FC090")
            .iter()
            .any(|f| format!("{}:{}:{}", f.file, f.line, f.column) == at);
        assert!(at_marker, "{to}: {}", r.stdout);
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

#[test]
fn block_markers_still_exclude_whole_paragraphs() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(
        A,
        "Some people say fish oil tastes awful.",
        "<!-- factcheck: off -->\n\nSome people say fish oil tastes awful.\n\n<!-- factcheck: on -->",
    );
    // Not in the checked text.
    let r = refused(
        &t,
        WRITER,
        &["claim", "add", A, "--quote", "fish oil tastes awful"],
    );
    snap!(r.transcript());
    let doc = t.check(1);
    assert!(doc.with("FC090").is_empty(), "{:?}", doc.codes());
}

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
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    let doc = r.json();
    assert!(
        doc.with("FC090").iter().any(|f| f.file == A),
        "{:?}",
        doc.codes()
    );
}

/// Inline HTML that hides a digit from readers (`1<span hidden>5</span>` reads "1") while the
/// gate reads "15": refused as an input error, like an inline `factcheck: off`.
#[test]
fn hidden_inline_html_is_an_input_error() {
    let mut shown = Vec::new();
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
        // Refused at the hiding element, in the article.
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// The writer wraps words of a verified claim in markup that reverses, strikes, shrinks or
/// recolours them; the editor, shown a change with the same words, re-signs. The claim's words,
/// and so its sign-offs, are unchanged: the markup itself is refused on the claim (FC007).
#[test]
fn markup_that_restyles_a_claims_words_is_refused() {
    let sentence = "Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.";
    for (from, to, claim) in [
        (
            "need 15 micrograms",
            "need <bdo dir=\"rtl\">15</bdo> micrograms",
            "fifteen-micrograms",
        ),
        ("D helps the", "D <s>helps</s> the", "absorb-calcium"),
        ("D helps the", "D <del>helps</del> the", "absorb-calcium"),
        (
            "need 15 micrograms",
            "need <span style=\"font-size:0\">1</span>5 micrograms",
            "fifteen-micrograms",
        ),
        // Variants: colour and direction around the whole sentence, and an HTML block.
        (
            "Most adults need",
            "<font color=\"#ffffff\">Most adults</font> need",
            "fifteen-micrograms",
        ),
        (
            sentence,
            &format!("<span dir=\"rtl\">{sentence}</span>"),
            "absorb-calcium",
        ),
        (
            sentence,
            "<p>Vitamin D <strike>helps</strike> the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.</p>",
            "absorb-calcium",
        ),
    ] {
        let t = honest("standard");
        let base = t.head().to_string();
        t.edit(A, from, to);
        t.commit(WRITER, "Style");
        ok_at(&t, &day(8), EDITOR, &["signoff", A, "--role", "editor"]);
        t.commit(EDITOR, "Editor sign-off");
        let (exit, doc) = gate(&t, &base);
        let named = doc
            .with("FC007")
            .iter()
            .any(|f| f.claim.as_deref() == Some(claim));
        assert!(exit == 1 && named, "{to}: exit {exit} {:#?}", listing(&doc));
        // The fact-checker cannot approve it either.
        let r = t.run_as(Some(CHECKER), &["verify", A, claim]);
        assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
    }
}

/// The verified paragraph wrapped in an element opened by an HTML block on a line of its own:
/// it strikes, hides or reverses every block until its closing tag.
#[test]
fn an_html_block_wrapping_a_claim_is_refused() {
    let sentence = "Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.";
    for open in [
        "<s>",
        "<font color=\"#fff\">",
        "<div dir=\"rtl\">",
        "<dialog>",
        "<div popover>",
    ] {
        let name = open[1..].split([' ', '>']).next().unwrap();
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, sentence, &format!("{open}\n\n{sentence}\n\n</{name}>"));
        t.commit(WRITER, "Wrap");
        let (exit, doc) = gate(&t, &base);
        let named = doc
            .with("FC007")
            .iter()
            .any(|f| f.claim.as_deref() == Some("fifteen-micrograms"));
        assert!(exit == 1 && named, "{open}: {:#?}", listing(&doc));
    }
}

/// A container that only carries a class is part of the claim's fingerprint: wrapping a
/// verified paragraph in `<div class="sr-only">` stales it (the fact-checker sees the change).
#[test]
fn an_html_block_container_is_part_of_the_claims_fingerprint() {
    let sentence = "Vitamin D helps the body absorb calcium. Most adults need 15 micrograms of vitamin D a day.";
    let t = honest("light");
    let base = t.head().to_string();
    t.edit(
        A,
        sentence,
        &format!("<div class=\"sr-only\">\n\n{sentence}\n\n</div>"),
    );
    t.commit(WRITER, "Wrap");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium", "fifteen-micrograms"]);
}

/// Markup that only carries meaning is part of what a sign-off approves: `10<sup>6</sup>` and
/// `10<sub>6</sub>` read "106" alike. Swapping one for the other stales the claim, and `diff
/// --since-signoff` shows the fact-checker the change rather than "only Markdown changed".
#[test]
fn changing_the_markup_inside_a_claim_stales_it() {
    let t = honest("standard");
    t.edit(A, "need 15 micrograms", "need 10<sup>1</sup> micrograms");
    t.commit(WRITER, "Exact dose");
    let quote = "Most adults need 101 micrograms of vitamin D a day.";
    let sidecar = t
        .read(S)
        .replace("Most adults need 15 micrograms of vitamin D a day.", quote);
    t.write(S, &sidecar);
    t.commit(WRITER, "Quote");
    ok_at(&t, &day(9), CHECKER, &["verify", A, "fifteen-micrograms"]);
    t.commit(CHECKER, "Re-verify");
    ok_at(&t, &day(9), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    passes(&t, &t.head().to_string());
    let base = t.head().to_string();
    t.edit(A, "10<sup>1</sup>", "10<sub>1</sub>");
    t.commit(WRITER, "Typography");
    ok_at(&t, &day(10), EDITOR, &["signoff", A, "--role", "editor"]);
    t.commit(EDITOR, "Editor sign-off");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
    assert!(doc.with("FC007").is_empty(), "{:#?}", listing(&doc));
    let r = t.run_as(
        Some(CHECKER),
        &["diff", A, "--since-signoff", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let diff: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(diff["markup_only"], false, "{}", r.stdout);
    let claim = diff["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "fifteen-micrograms")
        .unwrap();
    assert_eq!(claim["change"], "changed", "{}", r.stdout);
    assert!(
        claim["to"]["marked"].as_str().unwrap().contains("<sub>"),
        "{}",
        r.stdout
    );
    // Markup next to a claim, outside its words, stales nothing (HTML over a claim's words is
    // part of its fingerprint; Markdown emphasis is not).
    let t2 = honest("standard");
    let base2 = t2.head().to_string();
    t2.edit(A, "*By Wendy Writer*", "<i>By Wendy Writer</i>");
    t2.edit(A, "absorb calcium.", "absorb **calcium**.");
    t2.edit(A, "Some people say", "<b>Some</b> people say");
    t2.commit(WRITER, "Emphasis");
    ok_at(&t2, &day(10), EDITOR, &["signoff", A, "--role", "editor"]);
    t2.commit(EDITOR, "Editor sign-off");
    passes(&t2, &base2);
}

/// Template markup inside a verified claim's words decides what readers see there (`{% if
/// false %}helps {% endif %}` hides the verb) while the gate reads the same words: it is part of
/// the claim's fingerprint, so the sign-off goes stale, on every generator.
#[test]
fn template_markup_inside_a_claim_stales_it() {
    for (site, file, to) in [
        (
            "_config.yml",
            "title: x\n",
            "Vitamin D {% if false %}helps {% endif %}the body",
        ),
        (
            "_config.yml",
            "title: x\n",
            "Vitamin D {% capture x %}helps {% endcapture %}the body",
        ),
        (
            ".eleventy.js",
            "module.exports = {};\n",
            "Vitamin D {{ \"\" }}helps the body",
        ),
        (
            "hugo.toml",
            "baseURL = 'https://x/'\n",
            "Vitamin D {{< param \"verb\" >}}helps the body",
        ),
    ] {
        let (t, base) = site_line("standard", site, file);
        t.edit(A, "Vitamin D helps the body", to);
        t.commit(WRITER, "Template");
        ok_at(&t, &day(8), EDITOR, &["signoff", A, "--role", "editor"]);
        t.commit(EDITOR, "Editor sign-off");
        let (exit, doc) = gate(&t, &base);
        assert_eq!(exit, 1, "{to}: {:#?}", listing(&doc));
        stale(&doc, &["absorb-calcium"]);
    }
}

/// A style sheet in an article restyles any words — `content: "never "` adds a word readers see
/// and the gate does not read — so it is refused like hidden inline HTML.
#[test]
fn a_style_sheet_in_an_article_is_an_input_error() {
    let mut shown = Vec::new();
    for sheet in [
        "<style>p em::before { content: \"never \" }</style>\n\n",
        "<link rel=\"stylesheet\" href=\"/x.css\">\n\n",
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, "Vitamin D helps", &format!("{sheet}Vitamin D *helps*"));
        t.commit(WRITER, "Style");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{sheet}: {}{}", r.stdout, r.stderr);
        // Refused as a style sheet, at its line.
        shown.push(r);
    }
    snap!(transcripts(&shown));
}

/// A right-to-left override just before a claim that ends its block (a bare figure in a table
/// cell): readers see "51" where the claim reads "15".
#[test]
fn a_bidi_override_before_a_claim_is_refused() {
    for rlo in ["\u{202E}", "&#x202E;"] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, "need 15 micrograms", &format!("need {rlo}15 micrograms"));
        t.commit(WRITER, "Direction");
        let (exit, doc) = gate(&t, &base);
        assert_eq!(exit, 1, "{:#?}", listing(&doc));
        has(&doc, "FC007", &["bidirectional"]);
    }
}

/// Markup readers see and the gate could not read is refused: an attribute list that hides or
/// restyles, a text area or an inline frame's `srcdoc`, an MDX layout exported by the article.
#[test]
fn markup_the_gate_cannot_read_is_an_input_error() {
    for (site, file, from, to) in [
        (
            "_config.yml",
            "title: x\n",
            "D helps the body absorb calcium",
            "D helps the body *absorb calcium*{: style=\"display:none\"}",
        ),
        (
            "_config.yml",
            "title: x\n",
            "Some people say",
            "<textarea readonly>Fish oil cures colds.</textarea>\n\nSome people say",
        ),
        (
            "_config.yml",
            "title: x\n",
            "Some people say",
            "<iframe srcdoc=\"<p>Fish oil cures colds.</p>\"></iframe>\n\nSome people say",
        ),
        (
            "docusaurus.config.js",
            "module.exports = {};\n",
            "Some people say",
            "export default function Layout() { return <p>Fish oil cures colds.</p> }\n\nSome people say",
        ),
    ] {
        let (t, base) = site_line("light", site, file);
        t.edit(A, from, to);
        t.commit(WRITER, "Markup");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
    }
}

/// Markup that a browser ends elsewhere than the Markdown parser (`<!-->`, `--!>`, `<?…>`,
/// CDATA, stray attribute quotes) can hide the verified words, or show others, while the gate
/// reads the claim unchanged: refused, exit 2.
#[test]
fn html_a_browser_reads_otherwise_is_refused() {
    let claim = "Vitamin D helps the body absorb calcium.";
    for to in [
        format!("<!--> <p>Vitamin D does not help.</p> <!--\n\n{claim}\n\n<!-- -->"),
        "Vitamin D <!-- --!>never <!-- -->helps the body absorb calcium.".to_string(),
        "Vitamin D <?x >never <? ?>helps the body absorb calcium.".to_string(),
        "Vitamin D <![CDATA[>never <![CDATA[]]>helps the body absorb calcium.".to_string(),
        format!(
            "<div>\n<span title=a'b>Vitamin D does not help.</span><i title=x'>\n</div>\n\n{claim}"
        ),
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        t.edit(A, claim, &to);
        t.commit(WRITER, "Markup");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--changed-since", &base, "--provenance"],
        );
        assert_eq!(r.code, 2, "{to}: {}{}", r.stdout, r.stderr);
    }
}

/// A tag that never ends in its HTML block goes on, for a browser, into the paragraphs after it
/// (refused, exit 2); a flood of `"` would make the parser keep a node per quote (quotes count
/// as markup: over the limit, exit 2). Also refused: a closing tag a browser does not take as
/// one (`</title.>`), raw-text elements (`<title>`, `<xmp>`) whose contents a browser never
/// reads as markup, numeric character references without `;`.
#[test]
fn unterminated_tags_and_quote_floods_are_refused() {
    let t = honest("light");
    t.edit(
        A,
        "Some people say",
        "<div>\n<span title=x\n\nSome people say",
    );
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    for html in [
        "<title>x</title.>\n\nSome people say",
        "<title><!--</title>Fish oil cures colds.<title>--></title>\n\nSome people say",
        "<br>\nIt is &#102&#97&#108&#115&#101 that\n\nSome people say",
    ] {
        let t = honest("light");
        t.edit(A, "Some people say", html);
        let r = t.run_as(Some(EDITOR), &["check"]);
        assert_eq!(r.code, 2, "{html}: {}{}", r.stdout, r.stderr);
    }
    let t = honest("light");
    t.write(A, &format!("# Quotes\n\nAlpha. {}\n", "\"".repeat(600_000)));
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // Over the limit of markup characters.
    snap!(r.transcript());
}

/// Astro reads `.md` as plain Markdown and shows `{no longer}` as it is: the gate reads those
/// words too (not as an MDX expression), so the claim's words changed.
#[test]
fn braces_in_an_astro_markdown_article_are_text() {
    let t = TestRepo::newsroom("light");
    t.write("astro.config.mjs", "export default {};\n");
    let t = main_line(t);
    let base = t.head().to_string();
    t.edit(A, "Vitamin D helps", "Vitamin D {no longer} helps");
    t.commit(WRITER, "Braces");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    stale(&doc, &["absorb-calcium"]);
}

/// Jekyll has only YAML front matter: a leading `+++` or `{` block is text its readers see, so
/// its sentences are claim text there (and front matter on Hugo).
#[test]
fn front_matter_the_generator_does_not_have_is_text() {
    for (block, quote) in [
        ("+++\nFish oil cures colds.\n+++\n", "Fish oil cures colds."),
        ("{\nFish oil cures colds.\n}\n", "Fish oil cures colds."),
    ] {
        for (site, file, readers_see) in [
            ("_config.yml", "title: x\n", true),
            ("hugo.toml", "baseURL = 'https://x/'\n", false),
        ] {
            let t = TestRepo::newsroom("light");
            t.write(site, file);
            t.write(A, &format!("{block}# Colds\n\nZinc is a mineral.\n"));
            t.ok(WRITER, &["track", A]);
            let r = t.run_as(Some(WRITER), &["claim", "add", A, "--quote", quote]);
            assert_eq!(r.code == 0, readers_see, "{site} {block}: {}", r.stderr);
        }
    }
}

/// Whether the sentence under the heading `heading` (in place of `## Comments`) is claim text.
fn checked_under(heading: &str) -> bool {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(A, "## Comments", heading);
    let r = t.run_as(
        Some(WRITER),
        &["claim", "add", A, "--quote", "Vitamin D cures everything"],
    );
    assert!(r.code == 0 || r.code == 2, "{heading}: {}", r.stderr);
    r.code == 0
}

#[test]
fn a_section_is_excluded_by_the_heading_readers_see() {
    for heading in [
        "## Comments",
        "## *Comments*",
        "## <a id=\"comments\"></a>Comments <!-- from readers -->",
    ] {
        assert!(!checked_under(heading), "{heading} was not excluded");
    }
    for heading in [
        "## Results <!-- Comments -->",
        "## Results [](Comments)",
        "## [Results](Comments \"Comments\")",
        "## <span title=\"Comments\">Results</span>",
    ] {
        assert!(checked_under(heading), "{heading} was excluded");
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

/// A heading whose words come from template markup decides nothing: `## {{ "Our findings" }}{%
/// if false %}Comments{% endif %}` shows readers "Our findings", so the sentences under it are
/// claim text like any others.
#[test]
fn a_templated_heading_names_no_excluded_section() {
    let t = TestRepo::newsroom("light");
    t.write("_config.yml", "title: x\n");
    let t = main_line(t);
    t.edit(
        A,
        "## Comments",
        "## {{ \"Our findings\" }}{% if false %}Comments{% endif %}",
    );
    let r = t.run_as(
        Some(WRITER),
        &["claim", "add", A, "--quote", "Vitamin D cures everything!"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}
