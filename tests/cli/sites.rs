//! Static-site generators and their syntaxes: real posts from four generators
//! (tests/fixtures/sites, see the READMEs there) — every sentence a reader sees, found by this
//! test's own simple reading of the post, can be claimed by quoting it, and no template markup
//! reaches suggestions, FC070 findings, word diffs or the HTML report — and the front matter of
//! every generator, which is never claim text.

use crate::support::*;

/// A generator of the fixtures: its folder, the file that identifies the site, and the
/// extension of its posts.
struct Site {
    folder: &'static str,
    config_file: &'static str,
    config_text: &'static str,
}

const ELEVENTY: Site = Site {
    folder: "eleventy",
    config_file: ".eleventy.js",
    config_text: "module.exports = {};\n",
};

const HUGO: Site = Site {
    folder: "hugo",
    config_file: "hugo.toml",
    config_text: "baseURL = 'https://opentelemetry.io/'\n",
};

const ZOLA: Site = Site {
    folder: "zola",
    config_file: "config.toml",
    config_text: "base_url = 'https://blog.rust-lang.org'\ncompile_sass = false\n",
};

const MDX: Site = Site {
    folder: "mdx",
    config_file: "astro.config.mjs",
    config_text: "export default {};\n",
};

/// What one post gave.
#[derive(Default)]
struct Tally {
    sentences: usize,
    claimed: usize,
    refused: Vec<String>,
    templated_links: usize,
    templated_refused: Vec<String>,
    ambiguous: usize,
}

/// The posts of `site`, each tracked in its own repository: claims every sentence, checks
/// every output for markup. Returns the tally over all posts.
fn run_site(site: &Site) -> Tally {
    // `FACTCHECK_SITES_DIR` points the same tests at other posts (one folder per generator,
    // named as here): how the unseen-post figures of docs/sites.md are measured.
    let root = std::env::var("FACTCHECK_SITES_DIR")
        .unwrap_or_else(|_| format!("{}/tests/fixtures/sites", env!("CARGO_MANIFEST_DIR")));
    let dir = format!("{root}/{}", site.folder);
    let mut posts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "mdx")))
        .filter(|p| !p.ends_with("README.md"))
        .collect();
    posts.sort();
    let mut total = Tally::default();
    for post in posts {
        let name = post.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&post).unwrap();
        let t = run_post(site, &name, &text);
        total.sentences += t.sentences;
        total.claimed += t.claimed;
        total.templated_links += t.templated_links;
        total.ambiguous += t.ambiguous;
        total
            .refused
            .extend(t.refused.into_iter().map(|s| format!("{name}: {s}")));
        total.templated_refused.extend(
            t.templated_refused
                .into_iter()
                .map(|s| format!("{name}: {s}")),
        );
    }
    eprintln!(
        "{}: {}/{} sentences claimed, {} with a templated link target, {} seen twice by readers",
        site.folder, total.claimed, total.sentences, total.templated_links, total.ambiguous
    );
    total
}

fn run_post(site: &Site, name: &str, text: &str) -> Tally {
    let t = TestRepo::empty();
    t.write(
        "factcheck.yaml",
        &format!(
            "workflow: light\narticles: [\"articles/**/*.md\"]\npeople:\n  - email: {WRITER}\n    roles: [writer]\n  - email: {EDITOR}\n    roles: [editor]\n"
        ),
    );
    t.write(site.config_file, site.config_text);
    let rel = format!("articles/{name}");
    t.write(&rel, text);
    t.commit(WRITER, "post");
    t.ok(WRITER, &["track", &rel]);
    let reading = reader::sentences(site.folder, text);
    let mut tally = Tally::default();
    for s in &reading.sentences {
        tally.sentences += 1;
        let templated = reading.link_texts.iter().any(|l| has_words(s, l));
        tally.templated_links += usize::from(templated);
        let r = t.run_as(Some(WRITER), &["claim", "add", &rel, "--quote", s]);
        if r.code == 0 {
            tally.claimed += 1;
        } else if r.stderr.contains(" occurs ") {
            // Readers see it twice (a pull quote repeats the text): a quote needs context.
            tally.sentences -= 1;
            tally.templated_links -= usize::from(templated);
            tally.ambiguous += 1;
        } else {
            let why = format!("{s:?}: {}", r.stderr.lines().next().unwrap_or(""));
            if templated {
                tally.templated_refused.push(why.clone());
            }
            tally.refused.push(why);
        }
    }
    assert_no_markup(&t, site, &rel);
    tally
}

/// Whether `words` occur in `s` as whole words (a link's text "here" is not in "where").
fn has_words(s: &str, words: &str) -> bool {
    s.match_indices(words).any(|(i, _)| {
        let before = s[..i].chars().next_back();
        let after = s[i + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Suggestions, FC070 messages, the word diff of an edit and the HTML report show no
/// template markup.
fn assert_no_markup(t: &TestRepo, site: &Site, rel: &str) {
    let suggest = t
        .ok(WRITER, &["claim", "suggest", rel, "--format", "json"])
        .stdout;
    expect_clean(site, "claim suggest", &suggest);
    let check = t.run_as(Some(EDITOR), &["check", "--format", "json"]);
    let fc070: Vec<String> = check
        .json()
        .articles
        .iter()
        .flat_map(|a| &a.findings)
        .filter(|f| f.code == "FC070")
        .map(|f| f.message.clone())
        .collect();
    expect_clean(site, "FC070", &fc070.join("\n"));
    t.commit(WRITER, "claims");
    let text = t.read(rel);
    let edited = text
        .replacen(" the ", " a ", 3)
        .replacen(". ", ". Indeed, ", 2);
    t.write(rel, &edited);
    let diff = t.ok(WRITER, &["diff", rel]).stdout;
    expect_clean(site, "diff", &diff);
    let out = t.path().join("report.html");
    t.ok(WRITER, &["report", rel, "--html", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    expect_clean(site, "report --html", &without_code(&html));
    // A link whose target is a template expression is shown as its words, never as a link to
    // the page itself.
    assert!(
        !html.contains("href=\"\""),
        "{rel}: an empty link target in the report"
    );
}

/// `html` without its `<pre>` and `<code>` elements (code shows template syntax literally).
fn without_code(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [("<pre", "</pre>"), ("<code", "</code>")] {
        while let Some(i) = out.find(open) {
            let end = out[i..]
                .find(close)
                .map_or(out.len(), |j| i + j + close.len());
            out.replace_range(i..end, " ");
        }
    }
    out
}

/// Fails when `text` (what `what` printed) holds template markup of `site`.
fn expect_clean(site: &Site, what: &str, text: &str) {
    let patterns: &[&str] = match site.folder {
        "eleventy" => &["{{", "{%", "%}"],
        "hugo" => &["{{<", "{{%", ">}}", "%}}"],
        "zola" => &["{%", ") }}"],
        _ => &[
            "import CommandTabs",
            "from '@",
            "export default",
            "<CommandTabs",
            "&lt;CommandTabs",
            "<Cta",
            "&lt;Cta",
            "FeaturesList",
        ],
    };
    for p in patterns {
        if let Some(i) = text.find(p) {
            let from = i.saturating_sub(80);
            let to = (i + 80).min(text.len());
            let context = text.get(from..to).unwrap_or(p);
            panic!("{}: `{p}` in {what}: …{context}…", site.folder);
        }
    }
}

/// Asserts the tally: every sentence with a templated link target and (nearly) every other
/// sentence can be claimed.
fn assert_claimable(site: &Site, t: &Tally) {
    assert!(
        t.templated_refused.is_empty(),
        "{}: sentences with a templated link target refused:\n{}",
        site.folder,
        t.templated_refused.join("\n")
    );
    assert!(
        t.sentences > 100,
        "{}: only {} sentences read",
        site.folder,
        t.sentences
    );
    let share = t.claimed as f64 / t.sentences as f64;
    assert!(
        share >= 0.995,
        "{}: {}/{} claimed; refused:\n{}",
        site.folder,
        t.claimed,
        t.sentences,
        t.refused.join("\n")
    );
}

#[test]
fn sites_eleventy_posts_read_as_their_readers_see_them() {
    let t = run_site(&ELEVENTY);
    assert!(t.templated_links >= 5, "{}", t.templated_links);
    assert_claimable(&ELEVENTY, &t);
}

#[test]
fn sites_hugo_posts_read_as_their_readers_see_them() {
    assert_claimable(&HUGO, &run_site(&HUGO));
}

#[test]
fn sites_zola_posts_read_as_their_readers_see_them() {
    assert_claimable(&ZOLA, &run_site(&ZOLA));
}

#[test]
fn sites_mdx_posts_read_as_their_readers_see_them() {
    assert_claimable(&MDX, &run_site(&MDX));
}

/// The test's own reading of a post: simple rules, independent of the tool's parser.
mod reader {
    /// The sentences found, and the words of links whose target is a template expression.
    pub struct Reading {
        pub sentences: Vec<String>,
        pub link_texts: Vec<String>,
    }

    pub fn sentences(generator: &str, source: &str) -> Reading {
        let body = strip_front_matter(source);
        let body = strip_code(body);
        let link_texts = templated_links(&body);
        let body = strip_templates(generator, &body);
        let mut all = Vec::new();
        for paragraph in body.split("\n\n") {
            for block in blocks(paragraph) {
                if let Some(text) = prose(&block) {
                    all.extend(split(&text));
                }
            }
        }
        let joined = all.join("\n");
        let sentences = all
            .iter()
            .filter(|s| simple(s) && joined.matches(s.as_str()).count() == 1)
            .cloned()
            .collect();
        Reading {
            sentences,
            link_texts,
        }
    }

    fn strip_front_matter(s: &str) -> &str {
        for fence in ["---\n", "+++\n"] {
            if let Some(rest) = s.strip_prefix(fence)
                && let Some(end) = rest.find(&format!("\n{fence}"))
            {
                return &rest[end + fence.len() + 1..];
            }
        }
        s
    }

    /// Drops fenced code blocks and indented lines (code, or nested content this reading
    /// does not try to follow).
    fn strip_code(s: &str) -> String {
        let mut out = String::new();
        let mut fence: Option<String> = None;
        for line in s.lines() {
            let t = line.trim_start();
            let marker: String = t.chars().take_while(|c| *c == '`' || *c == '~').collect();
            match &fence {
                Some(f) if t.starts_with(f.as_str()) => fence = None,
                Some(_) => {}
                None if marker.len() >= 3 => fence = Some(marker),
                None if line.starts_with("    ") || line.starts_with('\t') => out.push('\n'),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The text of `[text](target)` links whose target starts with a template expression.
    fn templated_links(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, _) in s.match_indices("]({{") {
            if let Some(open) = s[..i].rfind('[') {
                let text = s[open + 1..i]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if !text.is_empty() && !text.contains(['{', '[', '!']) {
                    out.push(text);
                }
            }
        }
        out
    }

    /// Removes `open … close` spans (and, for `comment`, what they enclose).
    fn cut(s: &str, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            let Some(j) = rest[i + open.len()..].find(close) else {
                break;
            };
            out.push_str(&rest[..i]);
            out.push(' ');
            rest = &rest[i + open.len() + j + close.len()..];
        }
        out.push_str(rest);
        out
    }

    fn strip_templates(generator: &str, s: &str) -> String {
        let s = s.to_string();
        let s = match generator {
            "eleventy" => {
                let s = cut(&s, "{% comment %}", "{% endcomment %}");
                let s = cut(&s, "{{", "}}");
                cut(&s, "{%", "%}")
            }
            "hugo" => {
                let s = cut(&s, "{{< comment >}}", "{{< /comment >}}");
                let s = cut(&s, "{{<", ">}}");
                cut(&s, "{{%", "%}}")
            }
            "zola" => {
                let s = cut(&s, "{{ ", ") }}");
                cut(&s, "{%", "%}")
            }
            _ => {
                let s: Vec<&str> = s
                    .split("\n\n")
                    .filter(|p| !p.starts_with("import ") && !p.starts_with("export "))
                    .collect();
                let s = cut(&s.join("\n\n"), "{", "}");
                cut(&s, "<CommandTabs", "/>")
            }
        };
        cut(&s, "<!--", "-->")
    }

    /// The blocks of a paragraph: a heading or a list item starts one.
    fn blocks(paragraph: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for line in paragraph.lines() {
            let t = line.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            // A block quote starts a block where the line before is not quoted too.
            let quoted = t.starts_with('>');
            let after_quote = out
                .last()
                .and_then(|l| l.lines().last())
                .is_some_and(|l| l.trim_start().starts_with('>'));
            let starts = t.starts_with('#')
                || quoted && !after_quote
                || t.starts_with("- ")
                || t.starts_with("* ")
                || t.starts_with("+ ")
                || digits > 0 && t[digits..].starts_with(". ");
            let after_heading = out.last().is_some_and(|l| l.trim_start().starts_with('#'));
            match out.last_mut() {
                Some(last) if !starts && !after_heading => {
                    last.push('\n');
                    last.push_str(line);
                }
                _ => out.push(line.to_string()),
            }
        }
        out
    }

    /// The prose of a paragraph, Markdown removed; `None` for what is not prose here
    /// (tables, definitions, raw HTML blocks).
    fn prose(paragraph: &str) -> Option<String> {
        let p = paragraph.trim();
        if p.is_empty() || p.starts_with('|') || p.starts_with("[") && p.contains("]:") {
            return None;
        }
        let mut lines = Vec::new();
        for line in p.lines() {
            let mut l = line.trim();
            for prefix in ["> ", "#### ", "### ", "## ", "# ", "- ", "* ", "+ "] {
                l = l.strip_prefix(prefix).unwrap_or(l);
            }
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && l[digits..].starts_with(". ") {
                l = &l[digits + 2..];
            }
            lines.push(l);
        }
        let text = inline(&lines.join(" "));
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Inline Markdown and HTML removed: images dropped, links to their text, emphasis and
    /// code marks dropped, tags dropped, common entities decoded.
    fn inline(s: &str) -> String {
        let mut out = String::new();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                // `![` opens an image, unless it is a `!` before a footnote reference `[^1]`.
                '!' if chars.get(i + 1) == Some(&'[') && chars.get(i + 2) != Some(&'^') => {
                    i = skip_link(&chars, i + 1);
                    out.push(' ');
                    continue;
                }
                '`' => {
                    let end = chars[i + 1..]
                        .iter()
                        .position(|&x| x == '`')
                        .map_or(chars.len(), |j| i + 1 + j);
                    out.extend(&chars[(i + 1).min(end)..end]);
                    i = end + 1;
                    continue;
                }
                '[' if link(&chars, i) => {}
                ']' if matches!(chars.get(i + 1), Some('(' | '[')) => {
                    let open = chars[i + 1];
                    i = skip_balanced(&chars, i + 1, open, if open == '(' { ')' } else { ']' });
                    continue;
                }
                '*' => {}
                '\\' => {
                    out.extend(chars.get(i + 1));
                    i += 2;
                    continue;
                }
                '<' if chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') =>
                {
                    let end = chars[i..]
                        .iter()
                        .position(|&x| x == '>')
                        .map_or(chars.len(), |j| i + j + 1);
                    let tag: String = chars[i..end].iter().collect();
                    if tag.contains("://") {
                        out.push_str(tag.trim_matches(['<', '>']));
                    }
                    i = end;
                    continue;
                }
                '_' if boundary(&chars, i) => {}
                _ => out.push(c),
            }
            i += 1;
        }
        [
            ("&nbsp;", " "),
            ("&mdash;", "—"),
            ("&ndash;", "–"),
            ("&hellip;", "…"),
            ("&lsquo;", "‘"),
            ("&rsquo;", "’"),
            ("&ldquo;", "“"),
            ("&rdquo;", "”"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&amp;", "&"),
        ]
        .iter()
        .fold(out, |text, (entity, c)| text.replace(entity, c))
    }

    /// Whether the `[` at `i` opens a link: its `]` is followed by `(` or `[`.
    fn link(chars: &[char], i: usize) -> bool {
        let close = skip_balanced(chars, i, '[', ']');
        matches!(chars.get(close), Some('(' | '['))
    }

    fn boundary(chars: &[char], i: usize) -> bool {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1);
        !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(|c| c.is_alphanumeric()))
    }

    /// After `[…](…)` or `[…][…]` starting at `[` (index `i`).
    fn skip_link(chars: &[char], i: usize) -> usize {
        let end = skip_balanced(chars, i, '[', ']');
        match chars.get(end) {
            Some('(') => skip_balanced(chars, end, '(', ')'),
            Some('[') => skip_balanced(chars, end, '[', ']'),
            _ => end,
        }
    }

    fn skip_balanced(chars: &[char], i: usize, open: char, close: char) -> usize {
        let mut depth = 0;
        for (j, &c) in chars.iter().enumerate().skip(i) {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
        }
        chars.len()
    }

    /// Sentences: a split after `.`, `!` or `?` followed by a space and a capital letter.
    fn split(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut start = 0;
        let b: Vec<(usize, char)> = text.char_indices().collect();
        for w in b.windows(3) {
            let [(_, a), (i, sp), (_, c)] = [w[0], w[1], w[2]];
            if matches!(a, '.' | '!' | '?') && sp == ' ' && c.is_uppercase() {
                out.push(text[start..i].to_string());
                start = i + 1;
            }
        }
        out.push(text[start..].to_string());
        out
    }

    /// A sentence this reading is sure of: prose of some length, ending like a sentence,
    /// with no markup left that the simple rules above could have misread.
    fn simple(s: &str) -> bool {
        s.len() >= 30
            && s.ends_with(['.', '!', '?'])
            && !s.contains(['[', ']', '<', '>', '{', '}', '|', '_', '^', '~', '#', '\\'])
            && !s.contains("http")
            && !s.contains("e.g.")
            && !s.contains("i.e.")
    }
}

/// MDX has no indented code: a component's body indented four spaces and set off by blank
/// lines is text its readers see, so it can be claimed and is checked like any other text.
#[test]
fn mdx_component_bodies_indented_four_spaces_are_text() {
    let t = TestRepo::empty();
    t.write(
        "factcheck.yaml",
        &format!(
            "workflow: light\narticles: [\"articles/**/*.mdx\"]\npeople:\n  - email: {WRITER}\n    roles: [writer]\n"
        ),
    );
    t.write("astro.config.mjs", "export default {};\n");
    t.write(
        "articles/post.mdx",
        "---\ntitle: A post\n---\nimport Aside from './Aside.astro';\n\n<Aside>\n\n    Four in ten adults sleep less than seven hours a night.\n\n</Aside>\n",
    );
    t.commit(WRITER, "post");
    t.ok(WRITER, &["track", "articles/post.mdx"]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            "articles/post.mdx",
            "--quote",
            "Four in ten adults sleep less than seven hours a night",
        ],
    );
    // Anchored at 8:5, inside the component's body.
    let list = t.ok(WRITER, &["claim", "list", "articles/post.mdx"]);
    snap!(list.transcript());
}

const BODY: &str = "\n# Vitamin D\n\nMost adults need 15 micrograms of vitamin D a day.\n";

#[test]
fn front_matter_of_every_generator_is_not_claim_text() {
    let kinds = [
        (
            "yaml.md",
            "---\ntitle: Yaml title\nauthor: Ann\ndate: 2026-11-01\nsummary: Secret words here\n---\n",
        ),
        (
            "toml.md",
            "+++\ntitle = \"Toml title\"\nauthors = [\"Bo\"]\ndate = 2026-11-02\nsummary = \"Secret words here\"\n+++\n",
        ),
        (
            "json.md",
            "{\n  \"title\": \"Json title\",\n  \"author\": \"Cy\",\n  \"date\": \"2026-11-03\",\n  \"summary\": \"Secret words here\"\n}\n",
        ),
    ];
    let t = TestRepo::newsroom("light");
    let mut shown = Vec::new();
    for (name, fm) in kinds {
        let a = format!("articles/{name}");
        t.write(&a, &format!("{fm}{BODY}"));
        t.ok(WRITER, &["track", &a]);
        // Not in the checked text.
        shown.push(t.expect(
            WRITER,
            &["claim", "add", &a, "--quote", "Secret words here"],
            2,
        ));
        t.ok(
            WRITER,
            &[
                "claim",
                "add",
                &a,
                "--quote",
                "Most adults need 15 micrograms",
            ],
        );
        let list = t
            .ok(WRITER, &["claim", "list", &a, "--format", "json"])
            .stdout;
        let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
        let line = fm.lines().count() + 4;
        assert_eq!(rows[0]["line"], line, "{name}: {list}");
    }
    let doc = t.check(1);
    let meta: Vec<(String, String, String)> = doc
        .articles
        .iter()
        .filter(|a| a.article != A)
        .map(|a| {
            (
                a.title.clone().unwrap_or_default(),
                a.author.clone().unwrap_or_default(),
                a.date.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        meta,
        [
            ("Json title".into(), "Cy".into(), "2026-11-03".into()),
            ("Toml title".into(), "Bo".into(), "2026-11-02".into()),
            ("Yaml title".into(), "Ann".into(), "2026-11-01".into()),
        ]
    );
    // `status` shows each article's title from its front matter.
    shown.push(t.ok(EDITOR, &["status"]));
    snap!(transcripts(&shown));
}
