//! Text from files never drives the terminal, the CI runner or a reader's browser: control
//! characters in articles, front matter, sidecars and file names are printed as escapes in every
//! human output and error, no name splits a line, under `--format github` every line factcheck
//! writes is one workflow command of its own, and nothing from the article or the sidecar
//! renders as markup (or forges a highlight) in the HTML pages.

use scraper::Html;

use super::*;

/// Fails when `text` holds a control character other than a line break or a tab, or (when
/// `colour`) an ESC that does not start a colour sequence (`ESC [` digits `;` `m`).
fn assert_shown(what: &str, text: &str, colour: bool) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' || c == '\t' {
            continue;
        }
        if c == '\u{1b}' && colour {
            let rest: String = chars[i + 1..].iter().take(16).collect();
            let sgr = rest.strip_prefix('[').is_some_and(|r| {
                let end = r.find('m').unwrap_or(usize::MAX);
                end < r.len() && r[..end].chars().all(|c| c.is_ascii_digit() || c == ';')
            });
            assert!(sgr, "{what}: an ESC that is no colour at {i}:\n{text:?}");
            continue;
        }
        let hidden = c.is_control() || c == '\u{2028}' || c == '\u{2029}';
        assert!(!hidden, "{what}: raw {c:?} at {i}:\n{text:?}");
    }
}

/// Runs `args` as `who` with each colour choice and checks both streams; returns the run
/// without colour.
fn shown(t: &TestRepo, who: &str, args: &[&str]) -> Run {
    let mut plain = None;
    for color in ["never", "always"] {
        let mut all = vec!["--color", color];
        all.extend_from_slice(args);
        let r = t.run_as(Some(who), &all);
        assert_ne!(r.code, 101, "{args:?} panicked: {}", r.stderr);
        let what = format!("factcheck {args:?} --color {color}");
        assert_shown(&format!("{what} (stdout)"), &r.stdout, color == "always");
        assert_shown(&format!("{what} (stderr)"), &r.stderr, color == "always");
        plain.get_or_insert(r);
    }
    plain.unwrap()
}

/// The title that retitles a terminal, the sentence that clears it.
const TITLE: &str = "Vitamin D \u{1b}]0;pwned\u{7}basics";

const CLEAR: &str =
    "In 2024, 42% of adults lacked vitamin D\u{1b}[2J\u{1b}[H, a national survey found.";

#[test]
fn terminal_controls_in_files_are_shown_not_obeyed() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(
        A,
        "title: Vitamin D basics",
        &format!(
            "title: \"{}\"",
            TITLE.replace('\u{1b}', "\\e").replace('\u{7}', "\\a")
        ),
    );
    t.edit(A, "Some people say", &format!("{CLEAR}\n\nSome people say"));
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "evil",
            "--url",
            "https://example.org/x",
            "--title",
            "Evil \u{1b}]0;owned\u{7}source\u{1b}[2J",
        ],
    );
    // The sidecar keeps the title as it was given; only the output escapes it.
    assert!(
        t.read(S).contains("Evil \\e]0;owned\\asource\\e[2J"),
        "{}",
        t.read(S)
    );

    // The sentence, the title and the source's title, each with its controls as escapes
    // (`\u001b[2J`) where the human outputs show them.
    let check = shown(&t, EDITOR, &["check"]);
    let suggest = shown(&t, WRITER, &["claim", "suggest", A]);
    let status = shown(&t, EDITOR, &["status"]);
    let source = shown(&t, EDITOR, &["source", "show", A, "evil"]);
    snap!(transcripts([&check, &suggest, &status, &source]));
    for args in [
        &["claim", "list", A][..],
        &["diff", A],
        &["check", "--format", "json"],
        &["check", "--format", "junit"],
        &["check", "--format", "sarif"],
        &["status", "--format", "json"],
    ] {
        shown(&t, EDITOR, args);
    }
    // JSON stays JSON with the same text.
    let doc = t.check(1);
    assert_eq!(doc.articles[0].title.as_deref(), Some(TITLE));
}

/// The C1 control that some terminals obey as `ESC [` (U+009B), DEL and the
/// Unicode line separator, in the article, a claim's quote and a note.
#[test]
fn c1_controls_and_line_separators_are_shown_too() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.edit(
        A,
        "Vitamin D cures everything!",
        "Vitamin D cures\u{9b}2J everything\u{7f}!\u{2028}Really.",
    );
    t.edit(
        A,
        "Most adults need 15 micrograms",
        "Most adults\u{9b}31m need 15 micrograms",
    );
    t.ok(
        CHECKER,
        &[
            "verify",
            A,
            "absorb-calcium",
            "--note",
            "seen\u{2029}\u{9b}2J",
        ],
    );
    // The claim's quote with U+009B as `\u009b`.
    let check = shown(&t, EDITOR, &["check", "-v"]);
    snap!(check.transcript());
    shown(&t, WRITER, &["claim", "suggest", A]);
    shown(&t, WRITER, &["claim", "list", A]);
    shown(&t, EDITOR, &["log", A]);
    t.commit(WRITER, "Edits");
    shown(&t, EDITOR, &["log", A]);
    shown(&t, EDITOR, &["reanchor", A, "--dry-run"]);
}

#[test]
fn errors_show_control_characters_from_paths_and_files() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    // An argument that names no article: the path is echoed back, escaped.
    let r = shown(
        &t,
        WRITER,
        &["claim", "list", "articles/\u{1b}]0;x\u{7}.md"],
    );
    assert_eq!(r.code, 2);
    let mut errors = vec![r];
    // A command line clap refuses quotes the argument (a shell may have filled it from a file):
    // stripped of its sequences by clap when plain, escaped when coloured.
    let r = shown(&t, WRITER, &["check", "--only", "\u{1b}]0;x\u{7}y\u{9b}2J"]);
    assert_eq!(r.code, 2);
    errors.push(r);
    // An article whose name holds ESC and whose sidecar does not parse: FC090 and the error.
    let evil = "articles/clear\u{1b}[2J.md";
    t.write(evil, "# Hello\n\nA sentence.\n");
    t.write(
        "articles/clear\u{1b}[2J.claims.yaml",
        "article: \"clear\\e[2J.md\"\nauthors: [\u{1b}]0;x\u{7}\nstage: [\n",
    );
    let r = shown(&t, EDITOR, &["check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    errors.push(r);
    let r = shown(&t, EDITOR, &["status"]);
    assert_eq!(r.code, 2);
    shown(&t, WRITER, &["claim", "list", evil]);
    shown(&t, WRITER, &["track", evil]);
    snap!(transcripts(&errors));
}

#[test]
fn a_name_with_a_line_break_never_splits_a_line() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let odd = "articles/two\nlines.md";
    t.write(odd, "# Two\n\nIn 2023, 40% of people said so.\n");
    t.ok(WRITER, &["track", odd]);
    let status = shown(&t, EDITOR, &["status"]);
    let rows: Vec<&str> = status.stdout.lines().collect();
    assert_eq!(rows.len(), 3, "{}", status.stdout);
    assert!(
        rows[1].starts_with("articles/two\\nlines.md "),
        "{}",
        status.stdout
    );
    // The location line names the file with `\n`.
    let check = shown(&t, EDITOR, &["check"]);
    snap!(check.transcript());
    assert!(
        !check.stdout.lines().any(|l| l.starts_with("lines.md")),
        "{}",
        check.stdout
    );
    let said = shown(
        &t,
        WRITER,
        &["claim", "add", odd, "--quote", "40% of people said so"],
    );
    assert_eq!(said.stdout.lines().count(), 1, "{}", said.stdout);
}

/// A repository holding an article named `name` whose sidecar does not parse, committed: the
/// gate stops with exit 2 and names it on stderr.
fn with_broken_article(name: &str) -> TestRepo {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.write(&format!("articles/{name}.md"), "# Hello\n\nA sentence.\n");
    t.write(
        &format!("articles/{name}.claims.yaml"),
        "article: x.md\nstage: [\n",
    );
    t.commit(WRITER, "Broken");
    t
}

/// Every line of `text` is a workflow command factcheck writes (`::error `, `::warning `,
/// `::notice `), with nothing after its data that the runner would read as another.
fn assert_commands(what: &str, text: &str) {
    for line in text.lines() {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|c| line.starts_with(c)),
            "{what}: a line that is not our command: {line:?}\n{text}"
        );
    }
}

#[test]
fn a_file_name_cannot_stop_workflow_commands() {
    let t = with_broken_article("x\n::stop-commands::pwned");
    let r = t.run_as(Some(EDITOR), &["check", "--format", "github"]);
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert_commands("stdout", &r.stdout);
    assert_commands("stderr", &r.stderr);
    assert!(
        r.stderr.starts_with("::error title=factcheck::factcheck: error: stopped: invalid input (first at articles/x\\n::stop-commands::pwned.claims.yaml:"),
        "{}",
        r.stderr
    );
    // The human output: one line, whatever the name holds.
    let r = t.run_as(Some(EDITOR), &["check"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    for line in r.stdout.lines().chain(r.stderr.lines()) {
        assert!(!line.trim_start().starts_with("::"), "{line:?}");
    }
}

/// A name that spells the escapes (`%0A`) and the runner's older command form
/// (`##[stop-commands]`, which the runner finds anywhere in a line that is not a `::` command),
/// and an error raised before the gate runs (a link, refused).
#[test]
fn workflow_command_lookalikes_in_names_stay_text() {
    let t = with_broken_article("a%0A::stop-commands::b ##[stop-commands]c");
    let r = t.run_as(Some(EDITOR), &["check", "--format", "github"]);
    assert_eq!(r.code, 2);
    assert_commands("stdout", &r.stdout);
    assert_commands("stderr", &r.stderr);
    // `%` written as `%25` in the message, and `:` as `%3A` in the file property too.
    snap!(r.transcript());

    #[cfg(unix)]
    {
        let t = TestRepo::newsroom("standard");
        t.tracked();
        std::fs::rename(t.path().join(A), t.path().join("elsewhere.md")).unwrap();
        std::os::unix::fs::symlink(t.path().join("elsewhere.md"), t.path().join(A)).unwrap();
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--format", "github", "articles/vitamin-d.md"],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_commands("stderr", &r.stderr);
        // One `::error` command, its help line after an escaped line break (`%0A`).
        snap!(r.transcript());
    }
}

/// A command line clap refuses, with a line break and a workflow command in a value (a file
/// name passed by `xargs -0`, a matrix value, a workflow input): under `--format github` the
/// whole message is one `::error` command, whether the format comes before the bad argument,
/// after it (clap stops before reading it), as `--format=github`, or with a command that
/// does not write that format. The values show their line breaks as `\n`.
#[test]
fn a_command_line_clap_refuses_is_one_workflow_command() {
    let t = TestRepo::newsroom("standard");
    let name = "--x\n::stop-commands::pwn.md";
    let cases: [&[&str]; 8] = [
        &["check", "--format", "github", name],
        &["check", name, "--format", "github"],
        &[
            "check",
            "--format=github",
            "--only",
            "FC001\n::add-mask::FC001",
        ],
        &[
            "check",
            "--format",
            "github",
            "--shard",
            "1/2\n::stop-commands::pwn",
        ],
        &[
            "--color",
            "x\n::stop-commands::pwn",
            "check",
            "--format",
            "github",
        ],
        &["chek\n::stop-commands::pwn", "--format", "github"],
        &["status", "--format", "github", "--x\n::error::forged"],
        &[
            "check",
            "--format",
            "github",
            "--only",
            "\u{1b}]0;x\u{7}\u{9b}2J##[stop-commands]",
        ],
    ];
    let mut runs = Vec::new();
    for args in cases {
        let r = t.run_as(Some(EDITOR), args);
        let what = format!("{args:?}");
        assert_eq!(r.code, 2, "{what}: {}{}", r.stdout, r.stderr);
        assert_eq!(r.stdout, "", "{what}");
        assert_commands(&what, &r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{what}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("::error title=factcheck::error: "),
            "{what}: {}",
            r.stderr
        );
        assert_shown(&what, &r.stderr, false);
        runs.push(r);
    }
    // `--` ends the options: a file named `--format` then `github` asks for nothing.
    let r = t.run_as(Some(EDITOR), &["check", "--x", "--", "--format", "github"]);
    assert!(
        r.stderr.starts_with("error: unexpected argument '--x'"),
        "{}",
        r.stderr
    );
    runs.push(r);
    snap!(transcripts(&runs));
}

/// Without `--format github`, a value clap echoes in its message (in the error line and in its
/// tip) keeps its line break as `\n`: no line of the message is forged, and nothing it holds
/// drives the terminal.
#[test]
fn a_value_clap_refuses_never_splits_a_line() {
    let t = TestRepo::newsroom("standard");
    let cases: [&[&str]; 4] = [
        &["status", "--format", "json\nerror: forged line"],
        &["check", "--x\nerror: forged line"],
        &["check", "--shard", "1/2\nerror: forged line"],
        &[
            "claim",
            "add",
            A,
            "--quote",
            "x",
            "--kind",
            "fact\u{2028}error: forged line",
        ],
    ];
    let mut runs = Vec::new();
    for args in cases {
        let r = shown(&t, EDITOR, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        for line in r.stderr.lines().filter(|l| l.contains("forged")) {
            assert!(
                line.contains("\\nerror: forged line")
                    || line.contains("\\u2028error: forged line"),
                "{args:?}: a line split by the value: {line:?}\n{}",
                r.stderr
            );
        }
        runs.push(r);
    }
    snap!(transcripts(&runs));
}

/// Fails when `text` holds an explicit bidirectional control (an embedding, override or
/// isolate), which would show the rest of its line reordered.
fn assert_no_bidi(what: &str, text: &str) {
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if let Some(i) = text.find(bidi) {
        panic!("{what}: a raw bidirectional control at byte {i}:\n{text:?}");
    }
}

/// "Trojan Source": a file name holding U+202E (RLO) would show the rest of its `status` row
/// reversed, and isolates or embeddings in a title, a sentence or a source title would reorder
/// what follows them. Wherever people read them (the terminal, errors, GitHub annotations)
/// they are shown as escapes (`\u202e`); right-to-left letters are left alone; JSON, SARIF and
/// JUnit keep them as they are.
#[test]
fn bidirectional_controls_are_shown_to_people_and_kept_for_programs() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    let odd = "articles/\u{202e}dm.evil.md";
    t.write(
        odd,
        "# Evil\n\nIn 2023, 40% of \u{2067}people\u{2069} in שלום said so.\n",
    );
    t.ok(WRITER, &["track", odd]);
    let title = "Vitamin \u{202b}D\u{202c} basics";
    t.edit(A, "title: Vitamin D basics", &format!("title: \"{title}\""));
    t.edit(
        A,
        "Some people say",
        "Most people \u{2066}in 2024\u{2069} say so.\n\nSome people say",
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "evil",
            "--url",
            "https://example.org/x",
            "--title",
            "Evil \u{202d}source\u{202c}",
        ],
    );
    let people: [&[&str]; 9] = [
        &["status"],
        &["check"],
        &["check", "-v", odd],
        &["claim", "list", A],
        &["claim", "suggest", odd],
        &["source", "show", A, "evil"],
        &["diff", A],
        &["claim", "list", "articles/\u{202e}gone.md"],
        &["check", "--format", "github"],
    ];
    let mut runs = Vec::new();
    for args in people {
        let r = shown(&t, EDITOR, args);
        assert_ne!(r.code, 101, "{args:?}: {}", r.stderr);
        assert_no_bidi(&format!("{args:?} (stdout)"), &r.stdout);
        assert_no_bidi(&format!("{args:?} (stderr)"), &r.stderr);
        runs.push(r);
    }
    // The row of the odd name: its name escaped, the columns after it as they are.
    let row = runs[0]
        .stdout
        .lines()
        .find(|l| l.starts_with("articles/\\u202edm.evil.md "))
        .unwrap_or_else(|| panic!("{}", runs[0].stdout));
    assert!(
        row.contains(" untracked ") || row.contains(" draft "),
        "{row}"
    );
    snap!(transcripts([&runs[0], &runs[1], &runs[5], &runs[7]]));

    // Programs read the text as it is.
    let doc = t.check(1);
    let titles: Vec<Option<&str>> = doc.articles.iter().map(|a| a.title.as_deref()).collect();
    assert!(titles.contains(&Some(title)), "{titles:?}");
    assert!(
        doc.articles.iter().any(|a| a.article == odd),
        "{:?}",
        doc.articles.iter().map(|a| &a.article).collect::<Vec<_>>()
    );
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "sarif"],
        &["check", "--format", "junit"],
        &["status", "--format", "json"],
        &["claim", "suggest", odd, "--format", "json"],
    ] {
        let r = t.run_as(Some(EDITOR), args);
        assert!(r.code <= 1, "{args:?}: {}", r.stderr);
        let raw = ['\u{202e}', '\u{202b}', '\u{2067}'];
        assert!(r.stdout.contains(raw), "{args:?}: {}", r.stdout);
        for escaped in ["\\u202e", "\\u202b", "\\u2067"] {
            assert!(!r.stdout.contains(escaped), "{args:?}: {}", r.stdout);
        }
    }
    let list = t
        .run_as(Some(EDITOR), &["status", "--format", "json"])
        .value();
    assert!(list.to_string().contains(odd), "{list}");
}

/// Colour codes from an article's text and a file's name never reach the Actions log raw under
/// `--format github` (`ESC[8m` would hide what follows), and a file name with `%`, `#` or a space
/// is written into SARIF as a well-formed URI.
#[test]
fn github_annotations_and_sarif_uris_carry_no_raw_codes() {
    let t = TestRepo::newsroom("light");
    t.write(
        A,
        "# Sleep\n\nAnother \u{1b}[8m sentence where 70 percent of people agree.\n",
    );
    t.write(
        "articles/x\u{1b}[8my b#c%41.md",
        "# X\n\nMost adults need 8 hours.\n",
    );
    t.ok(WRITER, &["track", A]);
    let r = t.run_as(
        Some(EDITOR),
        &["check", "--format", "github", "--color", "never"],
    );
    assert!(r.code <= 1, "{}{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains('\u{1b}'), "{}", r.stdout);
    // The code shown as `\u001b[8m`, in the message and the file name alike.
    snap!(r.transcript());
    let r = t.run_as(Some(EDITOR), &["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.ends_with("articles/x%1B%5B8my%20b%23c%2541.md")),
        "{uris:?}"
    );
}

/// The private-use characters the report marks claims with, typed into the article
/// or written as character references, do not highlight unclaimed text.
#[test]
fn marker_characters_in_the_article_do_not_forge_a_claim() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.ok(CHECKER, &["verify", A, "absorb-calcium"]);
    let forged = [
        "\u{E000}\u{E100}Typed markers forge a verified claim\u{E001}.",
        "&#xE000;&#xE100;Hex references forge one too&#xE001;.",
        "&#57344;&#57600;Decimal references as well&#57345;.",
        "&#x0E000;&#X0E100;Padded references also&#x0E001;.",
    ];
    let mut article = t.read(A);
    for f in forged {
        article.push_str(&format!("\n{f}\n"));
    }
    t.write(A, &article);
    let doc = report(&t);
    let marks: Vec<String> = doc
        .select(&sel("article mark"))
        .map(|m| m.text().collect())
        .collect();
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert!(
        marks
            .iter()
            .all(|m| !m.contains("forge") && !m.contains("also")),
        "{marks:?}"
    );
    let text: String = doc.select(&sel("article")).next().unwrap().text().collect();
    for words in [
        "Typed markers forge",
        "Hex references forge",
        "Decimal references",
        "Padded references",
    ] {
        assert!(text.contains(words), "{words} not shown: {text}");
    }
}

#[test]
fn nothing_from_the_article_or_sidecar_renders_as_markup() {
    let t = TestRepo::newsroom("standard");
    t.write(
        A,
        &format!(
            "{}\n<script>document.title='pwned'</script>\n\nA [bad link](javascript:alert(1)) here.\n\n<img src=x onerror=\"document.title='pwned'\">\n",
            ARTICLE
        ),
    );
    t.tracked();
    t.ok(
        CHECKER,
        &[
            "verify",
            A,
            "absorb-calcium",
            "--note",
            "<script>alert('note')</script><b>bold</b>",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "evil",
            "--url",
            "https://example.org/x?a=<b>",
            "--title",
            "<img src=x onerror=alert(1)> Title",
        ],
    );
    t.ok(WRITER, &["cite", A, "absorb-calcium", "evil"]);
    let page = t.read(&{
        t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
        "out/report.html".to_string()
    });
    let doc = Html::parse_document(&page);
    // The only script is factcheck's own filter code.
    let scripts: Vec<_> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1);
    assert!(!scripts[0].inner_html().contains("pwned"));
    assert!(
        doc.select(&sel("img[onerror], b")).next().is_none(),
        "{page}"
    );
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        assert!(!href.to_lowercase().contains("javascript"), "{href}");
    }
    let text = doc.root_element().text().collect::<String>();
    assert!(
        text.contains("<script>alert('note')</script><b>bold</b>"),
        "the note is shown as text"
    );
    assert!(text.contains("<img src=x onerror=alert(1)> Title"));
}

#[test]
fn claimreview_is_safe_inside_a_script_element() {
    let t = TestRepo::newsroom("standard");
    t.write(
        A,
        &ARTICLE.replace(
            "absorb calcium.",
            "absorb calcium </script><script>alert(1)</script>.",
        ),
    );
    t.tracked();
    t.ok(
        CHECKER,
        &["verify", A, "absorb-calcium", "--status", "false"],
    );
    let r = t.ok(
        EDITOR,
        &["export", A, "--claimreview", "--url", "https://x.example/a"],
    );
    assert!(!r.stdout.contains("</"), "{}", r.stdout);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        1,
        "unverified claims are not reviews"
    );
    assert_eq!(v[0]["reviewRating"]["alternateName"], "False");
    assert_eq!(v[0]["reviewRating"]["ratingValue"], 1);
    assert_eq!(v[0]["url"], "https://x.example/a#claim-absorb-calcium");
}

fn report(t: &TestRepo) -> Html {
    t.ok(EDITOR, &["report", A, "--html", "out/report.html"]);
    Html::parse_document(&t.read("out/report.html"))
}
