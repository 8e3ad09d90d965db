use super::*;

fn plain(md: &str) -> String {
    Article::parse(md.to_string(), &["Comments".to_string()])
        .text
        .as_str()
        .to_string()
}

#[test]
fn strips_markup_and_folds_typography() {
    assert_eq!(
        plain("It **reduced** sex\ndrive \u{2014} \u{201C}a lot\u{201D}\u{2026}"),
        "It reduced sex drive - \"a lot\"..."
    );
}

#[test]
fn excludes_front_matter_code_comments_and_sections() {
    let md = "---\ntitle: X\n---\n# Title\n\nBody text.\n\n```\ncode\n```\n\n<!-- factcheck: off -->\n\nHidden.\n\n<!-- factcheck: on -->\n\nShown.\n\n## Comments\n\nA reader said.\n\n### Reply\n\nStill hidden.\n\n## Next\n\nVisible.\n";
    assert_eq!(plain(md), "Title\nBody text.\nShown.\nNext\nVisible.");
}

/// A word readers see, hidden from the claims by inline markers.
const ATTACK: &str = "# T\n\nVitamin D is <!-- factcheck: off -->not <!-- factcheck: on -->safe.\n";

#[test]
fn inline_markers_are_not_honoured_and_refused_where_they_are() {
    let a = Article::parse(ATTACK.into(), &[]);
    assert_eq!(a.text.as_str(), "T\nVitamin D is not safe.");
    let Err(Invalid {
        file, pos, hint, ..
    }) = a.validated("a.md")
    else {
        panic!("an inline marker was accepted");
    };
    assert_eq!(file, std::path::Path::new("a.md"));
    assert_eq!(
        pos,
        Pos {
            line: 3,
            column: 14
        }
    );
    assert!(hint.unwrap().contains("on lines of their own"));
}

#[test]
fn markers_inside_any_block_are_refused() {
    for (md, line, column) in [
        ("- one\n- two <!-- factcheck: off -->three\n", 2, 7),
        ("## Title <!--factcheck:on-->\n", 1, 10),
        (
            "| a | b |\n|---|---|\n| x | y <!-- factcheck: off --> |\n",
            3,
            9,
        ),
        ("See [the <!-- factcheck: off -->study](u).\n", 1, 10),
        ("Text.\n\n<!-- factcheck: off --> hidden?\n", 3, 1),
        ("Text.\n\n  <!-- note --><!-- factcheck: off -->\n", 3, 16),
        ("<div>\n<!-- factcheck: off -->\n</div>\n", 2, 1),
    ] {
        let a = Article::parse(md.into(), &[]);
        match a.validated("a.md") {
            Err(Invalid { pos, .. }) => {
                assert_eq!(pos, Pos { line, column }, "{md:?}")
            }
            _ => panic!("accepted {md:?}"),
        }
    }
}

#[test]
fn block_markers_enclose_whole_blocks() {
    for (md, text) in [
        // A marker on its own line interrupts the paragraph before it.
        (
            "One.\n<!-- factcheck: off -->\nTwo.\n<!-- factcheck: on -->\nThree.\n",
            "One.\nThree.",
        ),
        ("- a\n\n  <!--\n  factcheck: off\n  -->\n\n  b\n- c\n", "a"),
        (
            "> <!-- factcheck: off -->\n>\n> Quoted.\n\n<!-- factcheck: on -->\n\nAfter.\n",
            "After.",
        ),
        // Unclosed: to the end; `on` outside a region and a nested `off` change nothing.
        (
            "A.\n\n<!-- factcheck: on -->\n\nB.\n\n<!-- factcheck: off -->\n\n<!-- factcheck: off -->\n\nC.\n\n<!-- factcheck: on -->\n\nD.\n\n<!-- factcheck: off -->\n\nE.\n",
            "A.\nB.\nD.",
        ),
    ] {
        let a = Article::parse(md.into(), &[]);
        assert_eq!(a.text.as_str(), text, "{md:?}");
        assert!(a.validated("a.md").is_ok(), "{md:?}");
    }
}

#[test]
fn excluded_sections_match_the_heading_readers_see() {
    for (heading, excluded) in [
        ("## Comments", true),
        ("## Com**ments**", true),
        ("## <a id=\"c\"></a>Comments <!-- from readers -->", true),
        ("## [Comments](#c)", true),
        ("## Results <!-- Comments -->", false),
        ("## Results [](Comments)", false),
        ("## [Results](Comments \"Comments\")", false),
        ("## <span title=\"Comments\">Results</span>", false),
        ("## Results <span data-x=\"Comments\"></span>", false),
    ] {
        let got = plain(&format!("Intro.\n\n{heading}\n\nBody.\n"));
        assert_eq!(!got.ends_with("Body."), excluded, "{heading:?}: {got:?}");
    }
}

#[test]
fn image_alt_and_title_are_blocks() {
    assert_eq!(
        plain("See ![A brain scan](x.png \"Scans show activity\") here."),
        "See\nA brain scan\nScans show activity\nhere."
    );
}

#[test]
fn struck_through_words_are_not_claim_text() {
    assert_eq!(
        plain("Vitamin D ~~helps~~ the body absorb calcium."),
        "Vitamin D the body absorb calcium."
    );
}

#[test]
fn inline_html_that_hides_text_is_refused() {
    for md in [
        "Most adults need 1<span hidden>5</span> micrograms.",
        "Most adults need 1<span style=\"display: none\">5</span> micrograms.",
        "Most <b style='visibility:hidden'>adults</b> need 15 micrograms.",
        "## Results <span hidden>Comments</span>\n\nText.",
    ] {
        let err = Article::parse(md.to_string(), &[])
            .validated("a.md")
            .err()
            .unwrap_or_else(|| panic!("accepted: {md}"));
        assert!(err.to_string().contains("hides its text"), "{err}");
    }
    for md in [
        "A <span class=\"hidden-label\">label</span> and <abbr title=\"hidden\">x</abbr>.",
        "An <input type=\"text\"> and </span> closing tag.",
    ] {
        assert!(
            Article::parse(md.to_string(), &[])
                .validated("a.md")
                .is_ok(),
            "{md}"
        );
    }
}

#[test]
fn an_image_in_a_heading_does_not_name_an_excluded_section() {
    let md = "## ![Comments](1px.gif)\n\nMegadoses cure colds.\n";
    assert!(plain(md).contains("Megadoses cure colds."), "{}", plain(md));
}

#[test]
fn maps_back_to_source_positions() {
    let a = Article::parse("# T\n\nSome *very* long\ntext here.\n".to_string(), &[]);
    let i = a.text.as_str().find("long text").unwrap();
    assert_eq!(
        a.pos(i),
        Pos {
            line: 3,
            column: 13
        }
    );
    let j = a.text.as_str().find("text here").unwrap();
    assert_eq!(a.pos(j), Pos { line: 4, column: 1 });
    // The binary search over line starts agrees with counting from the top, everywhere.
    let source = "é\n\nab\r\nc  ü\n".to_string();
    let b = Article::parse(source.clone(), &[]);
    for at in 0..=source.len() + 2 {
        assert_eq!(b.source_position(at), source_pos(&source, at), "{at}");
    }
}

#[test]
fn front_matter_is_kept_apart() {
    let a = Article::parse("---\ntitle: X\nauthor: Y\n---\n\nBody.\n".into(), &[]);
    assert_eq!(a.front_matter, "title: X\nauthor: Y");
    assert_eq!(a.text.as_str(), "Body.");
}

#[test]
fn positions_after_front_matter_count_its_lines() {
    for (md, line) in [
        ("---\ntitle: X\n---\nSome *very* long\ntext here.\n", 4),
        (
            "+++\ntitle = 'X'\n+++\n\n\nSome *very* long\ntext here.\n",
            6,
        ),
        (
            "{\n  \"title\": \"X\"\n}\n\nSome *very* long\ntext here.",
            5,
        ),
    ] {
        let a = Article::parse(md.to_string(), &[]);
        assert_eq!(a.text.as_str(), "Some very long text here.", "{md:?}");
        let i = a.text.as_str().find("long text").unwrap();
        assert_eq!(a.pos(i), Pos { line, column: 13 }, "{md:?}");
        let j = a.text.as_str().find("text here").unwrap();
        assert_eq!(
            a.pos(j),
            Pos {
                line: line + 1,
                column: 1
            },
            "{md:?}"
        );
    }
    // Front matter that ends the file without a line break: no text.
    let a = Article::parse("---\ntitle: X\n---".into(), &[]);
    assert_eq!((a.front_matter.as_str(), a.text.as_str()), ("title: X", ""));
}

#[test]
fn splits_sentences_but_not_abbreviations() {
    let a = Article::parse(
        "Dr. Lee said so. About 1 in 5 adults, e.g. Bob, agree! \"Really?\" Yes.\n\nNext block\n"
            .into(),
        &[],
    );
    let t = a.text.as_str();
    let got: Vec<&str> = a
        .text
        .sentences()
        .iter()
        .map(|s| &t[s.start..s.end])
        .collect();
    assert_eq!(
        got,
        vec![
            "Dr. Lee said so.",
            "About 1 in 5 adults, e.g. Bob, agree!",
            "\"Really?\"",
            "Yes.",
            "Next block"
        ]
    );
}

#[test]
fn blob_id_matches_git() {
    assert_eq!(
        blob_id(b"hello\n"),
        "ce013625030ba8dba906f756967f9e9ca394464a"
    );
}

#[test]
fn mdx_has_no_indented_code() {
    let src = "import Card from './Card.astro';\n\n<Card>\n\n    Inside the card, 40 percent of readers see this.\n\n</Card>\n\n    Also indented at the top.\n\n```\n    fenced stays code\n```\n";
    let a = Article::parse_as(src.to_string(), Syntax::Mdx, &[]);
    let text = a.text.as_str();
    assert!(
        text.contains("Inside the card, 40 percent of readers see this."),
        "{text}"
    );
    assert!(text.contains("Also indented at the top."), "{text}");
    assert!(!text.contains("fenced stays code"), "{text}");
    let at = a.pos(text.find("Inside").unwrap());
    assert_eq!((at.line, at.column), (5, 5));
    // Plain Markdown keeps indented code as code.
    let md = Article::parse("Text.\n\n    code line\n".into(), &[]);
    assert!(!md.text.as_str().contains("code line"));
}

fn read_as(md: &str, syntax: Syntax) -> Article {
    Article::parse_as(md.to_string(), syntax, &[])
}

fn restyled(a: &Article, words: &str) -> bool {
    let start = a.text.as_str().find(words).expect("words in the text");
    let span = crate::text::span::Span {
        start,
        end: start + words.len(),
    };
    a.text.markup().restyling(span).is_some()
}

#[test]
fn each_renderer_reads_its_own_markdown() {
    // markdown-it (Eleventy) and kramdown (Jekyll) strike only two tildes, and so does the
    // gate where the renderer is not known; goldmark, pulldown-cmark and remark-gfm one too.
    for syntax in [Syntax::Liquid, Syntax::Jekyll, Syntax::Plain] {
        let a = read_as("Adults ~do not~ need *15*.\n", syntax);
        assert_eq!(a.text.as_str(), "Adults ~do not~ need 15.", "{syntax:?}");
    }
    for syntax in [Syntax::Hugo, Syntax::Zola, Syntax::Mdx] {
        let a = read_as("Adults ~do not~ need 15.\n", syntax);
        assert_eq!(a.text.as_str(), "Adults need 15.", "{syntax:?}");
        assert!(restyled(&a, "Adults need 15"), "{syntax:?}: struck words");
    }
    let a = read_as("Adults ~~do not~~ need 15.\n", Syntax::Liquid);
    assert!(restyled(&a, "Adults need 15"));
    assert!(
        !restyled(&a, "need 15"),
        "struck words before a claim are outside it"
    );
    // markdown-it has no footnotes: a reference is the text (or link) it is.
    let a = read_as("Adults[^1] need 15.\n\n[^1]: x\n", Syntax::Liquid);
    assert_eq!(a.text.as_str(), "Adults^1 need 15.");
    let a = read_as("Adults[^1] need 15.\n\n[^1]: x\n", Syntax::Jekyll);
    assert!(a.text.as_str().starts_with("Adults need 15."));
}

#[test]
fn hugo_omits_the_words_of_raw_html() {
    let md = "A.\n\n<br>\nB words.\n\nC <img src=\"x.png\" alt=\"D words\"> E.\n";
    assert_eq!(read_as(md, Syntax::Hugo).text.as_str(), "A.\nC E.");
    assert_eq!(
        read_as(md, Syntax::Plain).text.as_str(),
        "A.\nB words.\nC\nD words\nE."
    );
    // Its tags are still read: a site that shows raw HTML shows what they do.
    let a = read_as("<div dir=\"rtl\">\n\nB words.\n\n</div>\n", Syntax::Hugo);
    assert!(restyled(&a, "B words."));
}

#[test]
fn elements_that_hold_the_blocks_below_them_restyle_them() {
    for md in [
        "<template>\n\nB words.\n\n</template>\n",
        "<noscript>\n\nB words.\n\n</noscript>\n",
        "<iframe src=\"x\">\n\nB words.\n",
        "A <s>\n\nB words.\n\n</s>\n",
        "A <script>\n\nB words.\n\n</script>\n",
        "<progress>\n\nB words.\n\n</progress>\n",
    ] {
        let a = Article::parse(md.to_string(), &[]);
        assert!(restyled(&a, "B words."), "{md:?}");
    }
    for md in [
        "<template>x</template>\n\nB words.\n",
        "A <s>x</s>\n\nB words.\n",
        "A <span>\n\nB words.\n",
        "A <script>x()</script> c.\n\nB words.\n",
    ] {
        let a = Article::parse(md.to_string(), &[]);
        assert!(!restyled(&a, "B words."), "{md:?}");
    }
}
