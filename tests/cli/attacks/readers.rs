//! What readers see is what the gate sees: a ninth red team's round (against main at fd4f4f2)
//! got three pull requests past `check --changed-since BASE --provenance` by writing what a
//! site's generator hides from readers where the gate read it as text, or by sending readers
//! elsewhere. Run on fd4f4f2 with these tests copied over, every test failed, and every case in
//! it (each test lists all its cases that got through before failing):
//!
//! | test | cases | before |
//! |---|---|---|
//! | `front_matter_with_white_space_after_its_delimiters_is_hidden` | `--- ` / `---\t` openers, `--- ` / `... ` closers (Jekyll, Hugo, Eleventy, Astro) | 7 of 7 exit 0 |
//! | `front_matter_every_generator_hides_is_hidden` | Hugo's blank line before `---`, Org-mode `#+` lines, nested JSON; Eleventy's `---yaml`; Zola's indented `+++`; Astro's `+++` after a blank line | 6 of 6 exit 0 |
//! | `front_matter_whose_end_readers_see_otherwise_is_refused` | Hugo's `----` closer, Eleventy's `--- words` closer and unclosed block | exit 0, 0, 1 (FC003): none refused |
//! | `a_kramdown_comment_is_hidden_on_jekyll` | `{::comment}` inline and as a block, an abbreviation definition | 3 of 3 exit 0 |
//! | `kramdown_extensions_the_gate_cannot_read_are_refused` | `{::nomarkdown type="latex"}`, `{::options}`, a comment holding `-->` | 3 of 3 exit 0 |
//! | `an_article_that_sends_readers_elsewhere_is_refused` | `<meta http-equiv="refresh">` as a block and inline, `<base href>`, MDX `<meta httpEquiv>` | 4 of 4 exit 0 |
//!
//! A tenth round (rt10, against main at 841ad5e) got five more past the gate the same way: words
//! the published page never shows, or shows otherwise, read as claim text. Run on 841ad5e with
//! these tests copied over, every test below failed, every case in it getting through (the
//! cases after the red team's are variants of the same class):
//!
//! | test | cases | before |
//! |---|---|---|
//! | `a_paragraph_inside_an_element_browsers_never_show_is_not_shown` | `<template>`, `<noscript>`, `<iframe>`, `<noembed>`, `<noframes>` on their own line around the paragraph | 5 of 5 exit 0 |
//! | `an_element_left_open_at_a_paragraphs_end_holds_the_paragraphs_below` | `<noscript>`, `<iframe>`, `<template>`, `<s>`, `<font color>` left open at the end of the paragraph above | 5 of 5 exit 0 |
//! | `hugo_omits_raw_html_and_its_words` | `<br>`, `<hr>`, `</x>`, `<div></div>` on the line above, on Hugo; an inline `<img alt>` | 5 of 5 exit 0 |
//! | `markdown_the_sites_renderer_reads_otherwise_is_read_its_way` | `~do not~` on Eleventy and Jekyll, `[^not]` on Eleventy; `~do not~` on a plain site, Hugo and Zola, `~~do not~~` on Jekyll | 7 of 7 exit 0 |
//! | `front_matter_that_switches_the_renderer_is_refused` | Hugo `markup: org`, Eleventy `templateEngineOverride: njk,md`; Hugo TOML `Markup = "pandoc"`, `cascade: {markup: rst}`, Eleventy `---js`, Jekyll `render_with_liquid: false`, Docusaurus `format: md` | 7 of 7 exit 0, none refused |
//! | `kramdown_attribute_lists_are_hidden_on_jekyll` | `{:note: …}`, `{: …}` after a blank line; `{: …}` right under the paragraph, an ALD over two lines, `> {: …}`, `**150**{: …}` | 6 of 6 exit 0 |
//!
//! `front_matter_naming_the_renderer_the_gate_reads_passes` is the honest path: passed before
//! and after.

use super::*;

/// A Jekyll site.
const JEKYLL: (&str, &str) = ("_config.yml", "title: x\n");
/// A Hugo site.
const HUGO: (&str, &str) = ("hugo.toml", "baseURL = 'https://example.org/'\n");
/// An Eleventy site.
const ELEVENTY: (&str, &str) = (".eleventy.js", "module.exports = {};\n");
/// An Astro site (`.md` articles are plain Markdown).
const ASTRO: (&str, &str) = ("astro.config.mjs", "export default {};\n");
/// A Zola site.
const ZOLA: (&str, &str) = ("zola.toml", "base_url = 'https://example.org/'\n");

/// The verified statistic, as the writer moves it out of readers' sight.
const FIFTEEN: &str = "Most adults need 15 micrograms of vitamin D a day.";

/// The article's front matter as the newsroom wrote it.
const FRONT: &str = "---\ntitle: Vitamin D basics\nauthor: Wendy Writer\n---\n";

/// The honest `light` main line on the site `site` names; returns it with its head.
fn on(site: (&str, &str)) -> (TestRepo, String) {
    let t = TestRepo::newsroom("light");
    t.write(site.0, site.1);
    let t = main_line(t);
    let base = t.head().to_string();
    (t, base)
}

/// The writer's pull request: the article's front matter replaced by `front` (which holds the
/// verified sentence where the generator hides it), and readers shown 150 micrograms.
fn forge(t: &TestRepo, front: &str) {
    let text = t.read(A);
    assert!(text.starts_with(FRONT));
    let body = text[FRONT.len()..].replace("need 15 micrograms", "need 150 micrograms");
    t.write(A, &format!("{front}{body}"));
    t.commit(WRITER, "Tidy the front matter");
}

/// Whether the gate blocks on `fifteen-micrograms` (its verified words are no longer where
/// readers see them, or are shown otherwise than approved: FC007); what it did instead.
fn blocks_the_claim(t: &TestRepo, base: &str, what: &str) -> Result<(), String> {
    let (exit, doc) = gate(t, base);
    let named = doc.articles.iter().flat_map(|a| &a.findings).any(|f| {
        f.claim.as_deref() == Some("fifteen-micrograms")
            && ["FC001", "FC003", "FC005", "FC007", "FC031"].contains(&f.code.as_str())
    });
    match exit == 1 && named {
        true => Ok(()),
        false => Err(format!(
            "{what}: expected exit 1 on fifteen-micrograms, got {exit}:\n{:#?}",
            listing(&doc)
        )),
    }
}

/// Whether the gate refuses the article as input (exit 2, FC090) saying `words`; what it did
/// instead.
fn refused(t: &TestRepo, base: &str, what: &str, words: &str) -> Result<(), String> {
    let r = t.run_as(
        Some(EDITOR),
        &["check", "--changed-since", base, "--provenance"],
    );
    match r.code == 2 && r.stdout.contains(words) && r.stdout.contains("FC090") {
        true => Ok(()),
        false => Err(format!(
            "{what}: expected exit 2 saying {words:?}, got {}:\n{}{}",
            r.code, r.stdout, r.stderr
        )),
    }
}

/// Asserts every case passed, listing every one that did not (so a run on the code before
/// the fix shows each case's outcome).
fn all(results: Vec<Result<(), String>>) {
    let failed: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(
        failed.is_empty(),
        "{} case(s) got through:\n{}",
        failed.len(),
        failed.join("\n---\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 1. Front matter the generators hide.

/// Jekyll (`---\s*\n`, closed by `(---|\.\.\.)\s*$`), Hugo, Eleventy and Astro all take a
/// delimiter with spaces or a tab after it: the verified sentence moved into the front matter
/// is gone from the page, readers read 150 micrograms. Before: read as text, exit 0 (repro-2).
#[test]
fn front_matter_with_white_space_after_its_delimiters_is_hidden() {
    let summary = format!("title: Vitamin D basics\nauthor: Wendy Writer\nsummary: {FIFTEEN}\n");
    let mut results = Vec::new();
    for (site, open, close) in [
        (JEKYLL, "--- ", "---"),
        (JEKYLL, "---\t", "---"),
        (JEKYLL, "---", "--- "),
        (JEKYLL, "---", "... "),
        (HUGO, "--- ", "---"),
        (ELEVENTY, "--- ", "---"),
        (ASTRO, "---\t", "---"),
    ] {
        let (t, base) = on(site);
        forge(&t, &format!("{open}\n{summary}{close}\n"));
        results.push(blocks_the_claim(
            &t,
            &base,
            &format!("{} {open:?}…{close:?}", site.0),
        ));
    }
    all(results);
}

/// The other forms one generator hides: Hugo skips blank lines before `---`, reads `#+key:`
/// lines as Org-mode front matter and ends JSON front matter at its matching brace (a `}` line
/// inside does not end it); Eleventy's gray-matter takes `---yaml`; Zola skips white space
/// before its `+++`. Before: the sentence was read as text on each, exit 0.
#[test]
fn front_matter_every_generator_hides_is_hidden() {
    let front = |s: &str| s.replace("{S}", FIFTEEN);
    let mut results = Vec::new();
    for (site, block) in [
        (
            HUGO,
            front("\n---\ntitle: Vitamin D basics\nsummary: {S}\n---\n"),
        ),
        (HUGO, front("#+title: Vitamin D basics\n#+summary: {S}\n")),
        (
            HUGO,
            front(
                "{\"title\": \"Vitamin D basics\", \"params\": {\n\"a\": 1\n}\n, \"summary\": \"{S}\"}\n",
            ),
        ),
        (
            ELEVENTY,
            front("---yaml\ntitle: Vitamin D basics\nsummary: {S}\n---\n"),
        ),
        (
            ZOLA,
            front("  +++\ntitle = \"Vitamin D basics\"\ndescription = \"{S}\"\n+++\n"),
        ),
        (
            ASTRO,
            front("\n+++\ntitle = \"Vitamin D basics\"\ndescription = \"{S}\"\n+++\n"),
        ),
    ] {
        let (t, base) = on(site);
        forge(&t, &block);
        results.push(blocks_the_claim(
            &t,
            &base,
            &format!("{} {block:?}", site.0),
        ));
    }
    all(results);
}

/// Hugo and gray-matter close front matter at the first line *starting* with `---` and show
/// the rest of that line as the page's first line (`----` an empty bullet, `--- words` a
/// paragraph); gray-matter takes a block that never closes as the whole file. The gate hides
/// the block and refuses the article (exit 2, FC090). Before: no front matter, exit 0.
#[test]
fn front_matter_whose_end_readers_see_otherwise_is_refused() {
    let summary = format!("title: Vitamin D basics\nsummary: {FIFTEEN}\n");
    let mut results = Vec::new();
    for (site, block, says) in [
        (HUGO, format!("---\n{summary}----\n"), "closing delimiter"),
        (
            ELEVENTY,
            format!("---\n{summary}--- Vitamin D\n"),
            "closing delimiter",
        ),
        (ELEVENTY, format!("---\n{summary}...\n"), "never closes"),
    ] {
        let (t, base) = on(site);
        forge(&t, &block);
        results.push(refused(&t, &base, &format!("{} {block:?}", site.0), says));
    }
    all(results);
}

// ---------------------------------------------------------------------------------------------
// 2. kramdown, Jekyll's Markdown engine.

/// kramdown writes `{::comment}…{:/comment}` out as an HTML comment and an abbreviation
/// definition as a tooltip: readers see 150 micrograms only. Before: the hidden sentence was
/// claim text, exit 0 (repro-3). Eleventy (markdown-it) shows the same braces as text.
#[test]
fn a_kramdown_comment_is_hidden_on_jekyll() {
    let mut results = Vec::new();
    for to in [
        format!("need 150 micrograms of vitamin D a day.{{::comment}} {FIFTEEN}{{:/comment}}"),
        format!("need 150 micrograms of vitamin D a day.\n\n{{::comment}}\n{FIFTEEN}\n{{:/}}\n"),
        format!("need 150 micrograms of vitamin D a day.\n\n*[D]: {FIFTEEN}\n"),
    ] {
        let (t, base) = on(JEKYLL);
        t.edit(A, "need 15 micrograms of vitamin D a day.", &to);
        t.commit(WRITER, "Update");
        results.push(blocks_the_claim(&t, &base, &to));
    }
    let (t, base) = on(ELEVENTY);
    t.edit(
        A,
        "need 15 micrograms of vitamin D a day.",
        &format!("need 150 micrograms of vitamin D a day.{{::comment}} {FIFTEEN}{{:/comment}}"),
    );
    t.commit(WRITER, "Update");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 0, "Eleventy shows the braces: {:#?}", listing(&doc));
    all(results);
}

/// `{::nomarkdown}` is written out raw (with `type="latex"` not at all), `{::options}` changes
/// how the rest is read, and a comment holding `-->` ends early in a browser: refused (exit 2).
/// Before: exit 0.
#[test]
fn kramdown_extensions_the_gate_cannot_read_are_refused() {
    let mut results = Vec::new();
    for (to, says) in [
        (
            format!(
                "need 150 micrograms of vitamin D a day. {{::nomarkdown type=\"latex\"}}{FIFTEEN}{{:/}}"
            ),
            "nomarkdown",
        ),
        (
            "need 15 micrograms of vitamin D a day.\n\n{::options parse_block_html=\"true\" /}\n"
                .to_string(),
            "options",
        ),
        (
            "need 15 micrograms of vitamin D a day. {::comment} --> Most adults need 150. <!-- {:/comment}"
                .to_string(),
            "-->",
        ),
    ] {
        let (t, base) = on(JEKYLL);
        t.edit(A, "need 15 micrograms of vitamin D a day.", &to);
        t.commit(WRITER, "Update");
        results.push(refused(&t, &base, &to, says));
    }
    all(results);
}

// ---------------------------------------------------------------------------------------------
// 3. Elsewhere.

/// A `<meta http-equiv="refresh">` sends every reader to another page, a `<base href>` sends
/// every relative link elsewhere; MDX writes `<meta httpEquiv>` out the same. Refused (exit 2).
/// Before: exit 0 (repro-4).
#[test]
fn an_article_that_sends_readers_elsewhere_is_refused() {
    let mut results = Vec::new();
    for html in [
        "\n<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/vitamin-d.html\">\n",
        "\nSee also <META HTTP-EQUIV=refresh CONTENT=\"0;URL=/x\"> the NHS.\n",
        "\n<base href=\"https://evil.example/\">\n",
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        t.write(A, &format!("{}{html}", t.read(A)));
        t.commit(WRITER, "Add a related link");
        results.push(refused(&t, &base, html, "elsewhere"));
    }
    let t = TestRepo::newsroom("light");
    t.write("docusaurus.config.js", "module.exports = {};\n");
    let t = main_line(t);
    let base = t.head().to_string();
    t.write(
        A,
        &format!(
            "{}\n<meta httpEquiv=\"refresh\" content=\"0; url=https://evil.example/\" />\n",
            t.read(A)
        ),
    );
    t.commit(WRITER, "Add a related link");
    results.push(refused(&t, &base, "MDX", "elsewhere"));
    all(results);
}

// ---------------------------------------------------------------------------------------------
// 4. Elements a browser never shows (rt10 repro-1).

/// The verified sentence as the writer moves it out of readers' sight, the figure readers see
/// changed to 150: `to` replaces the sentence, `{S}` in it standing for the verified one.
fn move_sentence(t: &TestRepo, to: &str) {
    let from = "Most adults need 15 micrograms of vitamin D a day.";
    t.edit(A, from, &to.replace("{S}", FIFTEEN));
    t.commit(WRITER, "Copy edit");
}

/// `<template>`, `<noscript>`, `<iframe>`, `<noembed>` and `<noframes>` alone on a line hold
/// every block below them up to their closing tag, and a browser shows none of it: the
/// verified sentence moved there is gone from the page, readers read 150 micrograms. The gate
/// now reads such an element as it reads `<video>` or `<div hidden>` opened the same way: a
/// claim inside is FC007. Before: the paragraph was read as visible text, exit 0.
#[test]
fn a_paragraph_inside_an_element_browsers_never_show_is_not_shown() {
    let mut results = Vec::new();
    for el in ["template", "noscript", "iframe", "noembed", "noframes"] {
        let t = honest("light");
        let base = t.head().to_string();
        let to = format!(
            "Most adults need 150 micrograms of vitamin D a day.\n\n<{el}>\n\n{{S}}\n\n</{el}>"
        );
        move_sentence(&t, &to);
        results.push(blocks_the_claim(&t, &base, &format!("<{el}> on its line")));
    }
    all(results);
}

/// Opened inside a paragraph and left open, a raw-text element (`<noscript>`, `<iframe>`)
/// swallows every paragraph up to its closing tag, `<template>` holds them, and a formatting
/// element (`<s>`, `<font>`) is reopened by the browser in each paragraph that follows: the
/// element does not end with its paragraph. Before: the gate ended it there, exit 0.
#[test]
fn an_element_left_open_at_a_paragraphs_end_holds_the_paragraphs_below() {
    let mut results = Vec::new();
    for open in [
        "<noscript>",
        "<iframe>",
        "<template>",
        "<s>",
        "<font color=\"#fff\">",
    ] {
        let t = honest("light");
        let base = t.head().to_string();
        let name = open[1..].split([' ', '>']).next().unwrap().to_string();
        let to = format!(
            "Most adults need 150 micrograms of vitamin D a day. {open}\n\n{{S}}\n\n</{name}>"
        );
        move_sentence(&t, &to);
        results.push(blocks_the_claim(&t, &base, &format!("{open} left open")));
    }
    all(results);
}

// ---------------------------------------------------------------------------------------------
// 5. Hugo omits raw HTML (rt10 repro-2).

/// Hugo's Markdown renderer omits raw HTML unless the site sets
/// `markup.goldmark.renderer.unsafe`: a line `<br>` (or `<hr>`, `</x>`, `<div></div>`) right
/// above the verified sentence makes both one HTML block, which Hugo writes out as
/// `<!-- raw HTML omitted -->`, words and all. An inline `<img>`'s alt text goes with its tag.
/// Before: the gate read the words as text, exit 0.
#[test]
fn hugo_omits_raw_html_and_its_words() {
    let mut results = Vec::new();
    for to in [
        "Most adults need 150 micrograms of vitamin D a day.\n\n<br>\n{S}",
        "Most adults need 150 micrograms of vitamin D a day.\n\n<hr>\n{S}",
        "Most adults need 150 micrograms of vitamin D a day.\n\n</x>\n{S}",
        "Most adults need 150 micrograms of vitamin D a day.\n\n<div></div>\n{S}",
        "Most adults need 150 micrograms of vitamin D a day. <img src=\"d.png\" alt=\"{S}\">",
    ] {
        let (t, base) = on(HUGO);
        move_sentence(&t, to);
        results.push(blocks_the_claim(&t, &base, &format!("Hugo: {to:?}")));
    }
    all(results);
}

// ---------------------------------------------------------------------------------------------
// 6. Markdown the site's renderer reads otherwise (rt10 repro-3).

/// Eleventy (markdown-it) and Jekyll (kramdown's GFM parser) strike only `~~…~~`: readers of
/// `~do not~` read "do not". markdown-it has no footnotes: `[^not]` with a definition is a
/// link reading "^not". A site whose generator is not known is read the same way (`~` as the
/// text it may be). Where the renderer does strike (`~do not~` on Hugo, `~~do not~~`
/// anywhere), words struck inside a verified claim are FC007, as `<s>` is. Before: the struck
/// words were dropped, the claim's words unchanged, exit 0.
#[test]
fn markdown_the_sites_renderer_reads_otherwise_is_read_its_way() {
    let mut results = Vec::new();
    let not = "Most adults ~do not~ need 15 micrograms of vitamin D a day.";
    for (site, to) in [
        (ELEVENTY, not.to_string()),
        (JEKYLL, not.to_string()),
        (
            ELEVENTY,
            "Most adults [^not] need 15 micrograms of vitamin D a day.\n\n[^not]: x\n".to_string(),
        ),
        (("README.md", "A site.\n"), not.to_string()),
        (HUGO, not.to_string()),
        (ZOLA, not.to_string()),
        (JEKYLL, not.replace('~', "~~")),
    ] {
        let (t, base) = on(site);
        t.edit(A, "Most adults need 15 micrograms of vitamin D a day.", &to);
        t.commit(WRITER, "Copy edit");
        results.push(blocks_the_claim(&t, &base, &format!("{}: {to:?}", site.0)));
    }
    all(results);
}

// ---------------------------------------------------------------------------------------------
// 7. Front matter that switches the page's renderer (rt10 repro-4).

/// The writer's front matter `front` with the article's body: readers shown 150 micrograms,
/// the verified sentence on a line `hidden` (`{S}` standing for it) that the switched renderer
/// hides.
fn switch(t: &TestRepo, front: &str, hidden: &str) {
    let text = t.read(A);
    let to = format!(
        "Most adults need 150 micrograms of vitamin D a day.\n\n{}",
        hidden.replace("{S}", FIFTEEN)
    );
    let body =
        text[FRONT.len()..].replace("Most adults need 15 micrograms of vitamin D a day.", &to);
    t.write(A, &format!("{front}{body}"));
    t.commit(WRITER, "Tidy the front matter");
}

/// Hugo's `markup: org` renders the page as Org, where a line `# …` is a comment; Eleventy's
/// `templateEngineOverride: njk,md` runs Nunjucks, where `{# … #}` is one; Jekyll's
/// `render_with_liquid: false` shows Liquid as text; Docusaurus' `format: md` reads MDX as
/// CommonMark. The gate reads the page one way only: refused (exit 2) unless the value names
/// that way. Before: exit 0.
#[test]
fn front_matter_that_switches_the_renderer_is_refused() {
    const DOCUSAURUS: (&str, &str) = ("docusaurus.config.js", "module.exports = {};\n");
    let yaml = |extra: &str| format!("---\ntitle: Vitamin D basics\n{extra}\n---\n");
    let mut results = Vec::new();
    for (site, front, hidden, says) in [
        (HUGO, yaml("markup: org"), "# {S}", "markup"),
        (
            ELEVENTY,
            yaml("templateEngineOverride: njk,md"),
            "{# {S} #}",
            "templateEngineOverride",
        ),
        (
            HUGO,
            "+++\ntitle = \"Vitamin D basics\"\nMarkup = \"pandoc\"\n+++\n".to_string(),
            "{S}",
            "markup",
        ),
        (HUGO, yaml("cascade:\n  markup: rst"), "{S}", "markup"),
        (
            ELEVENTY,
            "---js\nconst title = \"Vitamin D basics\";\nconst templateEngineOverride = \"njk,md\";\n---\n"
                .to_string(),
            "{# {S} #}",
            "templateEngineOverride",
        ),
        (
            JEKYLL,
            yaml("render_with_liquid: false"),
            "{S}",
            "render_with_liquid",
        ),
        (DOCUSAURUS, yaml("format: md"), "{S}", "format"),
    ] {
        let (t, base) = on(site);
        switch(&t, &front, hidden);
        results.push(refused(&t, &base, &format!("{} {front:?}", site.0), says));
    }
    all(results);
}

/// A value that names what the gate reads changes nothing: Hugo's `markup: md` (or
/// `goldmark`, `markdown`, any case), Eleventy's `liquid,md`, Jekyll's `render_with_liquid:
/// true`.
#[test]
fn front_matter_naming_the_renderer_the_gate_reads_passes() {
    let yaml =
        |extra: &str| format!("---\ntitle: Vitamin D basics\nauthor: Wendy Writer\n{extra}\n---\n");
    for (site, front) in [
        (HUGO, yaml("markup: md")),
        (HUGO, yaml("markup: Goldmark")),
        (ELEVENTY, yaml("templateEngineOverride: liquid, md")),
        (JEKYLL, yaml("render_with_liquid: true")),
    ] {
        let (t, base) = on(site);
        let text = t.read(A);
        t.write(A, &format!("{front}{}", &text[FRONT.len()..]));
        t.commit(WRITER, "Front matter");
        let (exit, doc) = gate(&t, &base);
        assert_eq!(exit, 0, "{} {front:?}: {:#?}", site.0, listing(&doc));
    }
}

// ---------------------------------------------------------------------------------------------
// 8. kramdown's attribute lists (rt10 repro-5).

/// kramdown reads a line `{:name: …}` as an attribute list definition and `{: …}` as a block
/// attribute list, and writes neither out: the verified sentence written there is gone from
/// the page. So is one across two lines, one in a block quote, and a span attribute list
/// after an element (`**150**{: …}`). Before: the gate read them as text, exit 0.
/// Eleventy (markdown-it) shows the same line as the text it is.
#[test]
fn kramdown_attribute_lists_are_hidden_on_jekyll() {
    let mut results = Vec::new();
    for to in [
        "Most adults need 150 micrograms of vitamin D a day.\n\n{:note: {S}}",
        "Most adults need 150 micrograms of vitamin D a day.\n\n{: {S}}",
        "Most adults need 150 micrograms of vitamin D a day.\n{: {S}}",
        "Most adults need 150 micrograms of vitamin D a day.\n\n{:note: Most adults need 15\nmicrograms of vitamin D a day.}",
        "Most adults need 150 micrograms of vitamin D a day.\n\n> {: {S}}",
        "Most adults need **150**{: {S}} micrograms of vitamin D a day.",
    ] {
        let (t, base) = on(JEKYLL);
        move_sentence(&t, to);
        results.push(blocks_the_claim(&t, &base, &format!("Jekyll: {to:?}")));
    }
    let (t, base) = on(ELEVENTY);
    move_sentence(
        &t,
        "Most adults need 150 micrograms of vitamin D a day.\n\n{: {S}}",
    );
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 0, "Eleventy shows the braces: {:#?}", listing(&doc));
    all(results);
}
