//! `source add|edit|rm|show|check` and `cite`: registering the pages a claim rests on, editing
//! or removing them (a cited source stales the sign-offs that approved it), links that must be
//! registered sources (FC071), evidence snapshots that prove an excerpt (FC073, FC074), and the
//! online check, run against a local server only when asked.

use crate::support::*;

#[test]
fn editing_a_cited_source_stales_its_claims_signoffs() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    // The edit names the sign-offs of both claims citing the source, now stale.
    let retitled = t.ok(
        WRITER,
        &[
            "source",
            "edit",
            A,
            "nih-ods",
            "--title",
            "Vitamin D: consumer fact sheet",
        ],
    );
    assert!(
        t.read(S)
            .contains("title: 'Vitamin D: consumer fact sheet'"),
        "{}",
        t.read(S)
    );
    assert_eq!(t.check(1).codes(), ["FC031", "FC031"]);

    let edit = |rest: &[&'static str]| [&["source", "edit", A][..], rest].concat();
    let mut shown = vec![retitled];
    shown.push(refused(
        &t,
        WRITER,
        &edit(&["nih-ods", "--published", "2024-13-01"]),
    ));
    shown.push(refused(
        &t,
        WRITER,
        &edit(&["nih-ods", "--url", "ftp://x.org/a"]),
    ));
    shown.push(refused(
        &t,
        WRITER,
        &edit(&["nih-ods", "--kind", "government"]),
    ));
    shown.push(refused(&t, WRITER, &edit(&["nih-od", "--kind", "news"])));
    shown.push(refused(&t, DOCTOR, &edit(&["nih-ods", "--kind", "news"])));

    // An empty value removes an optional field; an uncited source stales nothing.
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://x.org/",
            "--title",
            "X",
        ],
    );
    shown.push(t.ok(WRITER, &edit(&["spare", "--title", "", "--kind", "news"])));
    let text = t.read(S);
    let spare = &text[text.find("id: spare").unwrap()..];
    assert!(
        !spare.contains("title:") && spare.contains("kind: news"),
        "{spare}"
    );
    snap!(transcripts(&shown));
}

#[test]
fn a_cited_source_is_removed_only_with_its_citations() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    let mut shown = vec![refused(&t, WRITER, &["source", "rm", A, "nhs-vitd"])];
    // With --uncite: the claims that no longer cite it, and the sign-offs now stale.
    shown.push(t.ok(WRITER, &["source", "rm", A, "nhs-vitd", "--uncite"]));
    let text = t.read(S);
    assert!(!text.contains("nhs-vitd"), "{text}");
    assert_eq!(t.check(1).codes(), ["FC031"]);
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "spare",
            "--url",
            "https://x.org/",
        ],
    );
    // An uncited source goes without a word about citations.
    shown.push(t.ok(WRITER, &["source", "rm", A, "spare"]));
    assert!(!t.read(S).contains("spare"));
    snap!(transcripts(&shown));
}

#[test]
fn a_taken_source_id_points_to_source_edit_and_the_next_free_id() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    snap!(
        refused(
            &t,
            WRITER,
            &[
                "source",
                "add",
                A,
                "--id",
                "nih-ods",
                "--url",
                "https://x.org/",
            ],
        )
        .transcript()
    );
}

/// A refused `source add|edit --snapshot` writes nothing: the snapshot is stored only once
/// nothing else can refuse the command (the excerpt is in it, the id is free and valid, the
/// source exists), so `evidence/` is as it was; a snapshot that was there already stays.
#[test]
fn a_refused_snapshot_leaves_nothing_in_evidence() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.write(
        "downloads/page.txt",
        "Adults need 600 IU of vitamin D a day.\n",
    );
    let add = |rest: &[&'static str]| {
        [
            &[
                "source",
                "add",
                A,
                "--url",
                "https://x.org/page",
                "--snapshot",
                "downloads/page.txt",
            ][..],
            rest,
        ]
        .concat()
    };
    let edit = |rest: &[&'static str]| {
        [
            &["source", "edit", A][..],
            rest,
            &["--snapshot", "downloads/page.txt"][..],
        ]
        .concat()
    };
    let mut shown = vec![
        refused(&t, WRITER, &add(&["--id", "x", "--excerpt", "not in it"])),
        refused(&t, WRITER, &add(&["--id", "nih-ods"])),
        refused(&t, WRITER, &add(&["--id", "Bad Id"])),
        refused(&t, WRITER, &edit(&["nih-odz"])),
        refused(&t, WRITER, &edit(&["nih-ods", "--excerpt", "not in it"])),
    ];
    assert!(!t.path().join("evidence").exists());
    // Stored by a command that succeeds, then named by refused ones: it stays.
    shown.push(t.ok(WRITER, &add(&["--id", "page", "--excerpt", "600 IU"])));
    assert_eq!(
        std::fs::read_dir(t.path().join("evidence"))
            .unwrap()
            .count(),
        1
    );
    shown.push(refused(&t, WRITER, &add(&["--id", "page"])));
    shown.push(refused(&t, WRITER, &edit(&["page"])));
    snap!(transcripts(&shown));
}

/// Citing another source changes the evidence a sign-off approved: `cite` says so, as the other
/// editing commands do, and the gate agrees.
#[test]
fn citing_a_new_source_says_which_signoffs_went_stale() {
    let t = TestRepo::newsroom("standard");
    t.approved();
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            A,
            "--id",
            "extra",
            "--url",
            "https://example.org/extra",
            "--kind",
            "government",
        ],
    );
    let r = t.ok(WRITER, &["cite", A, "absorb-calcium", "extra"]);
    assert!(!t.check(1).with("FC031").is_empty());
    snap!(r.transcript());
}

#[test]
fn links_must_be_registered_sources() {
    let t = story();
    let s = "articles/sleep.md";
    let doc = t.check(1);
    let links = doc.with("FC071");
    assert_eq!(links.len(), 2, "{:?}", doc.codes());
    assert!(
        links[0]
            .message
            .contains("https://www.cdc.gov/sleep/about/index.html?utm_source=newsletter")
    );
    assert_eq!((links[0].line, links[0].column), (8, 5));
    // Registered without the tracking parameter, with a trailing slash: the same URL.
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            s,
            "--id",
            "cdc",
            "--url",
            "https://WWW.CDC.gov/sleep/about/index.html/",
        ],
    );
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            s,
            "--id",
            "nhs",
            "--url",
            "https://www.nhs.uk/live-well/sleep-and-tiredness",
        ],
    );
    assert!(t.check(1).with("FC071").is_empty());
    // The same URL twice.
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            s,
            "--id",
            "nhs-again",
            "--url",
            "https://www.nhs.uk/live-well/sleep-and-tiredness/?utm_medium=x",
        ],
    );
    let dup = t.check(1);
    let dup = dup.with("FC072");
    assert_eq!(dup.len(), 1);
    assert!(dup[0].message.contains("`nhs` and `nhs-again`"));
}

#[test]
fn snapshots_prove_excerpts_and_cannot_be_swapped() {
    let t = story();
    let s = "articles/sleep.md";
    t.write(
        "downloads/cdc.html",
        "<html><body><p>Adults need\n<b>7 or more</b> hours of sleep per night,\nsays the &ldquo;CDC&rdquo;.</p></body></html>",
    );
    // The excerpt spans a line break, markup and typographic quotes: found.
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            s,
            "--id",
            "cdc",
            "--url",
            "https://www.cdc.gov/sleep/about/index.html",
            "--snapshot",
            "downloads/cdc.html",
            "--excerpt",
            "7 or more hours of sleep per night, says the \u{201C}CDC\u{201D}",
        ],
    );
    let sidecar = t.read("articles/sleep.claims.yaml");
    let rel = sidecar
        .lines()
        .find_map(|l| l.trim().strip_prefix("snapshot: "))
        .unwrap()
        .to_string();
    assert!(
        rel.starts_with("evidence/") && rel.ends_with(".html"),
        "{rel}"
    );
    assert!(t.path().join(&rel).is_file());
    assert!(t.check(1).with("FC073").is_empty() && t.check(1).with("FC074").is_empty());
    // `source show` marks the excerpt where it is in the snapshot's text.
    let mut shown = vec![t.ok(WRITER, &["source", "show", s, "cdc"])];

    // An excerpt not in the snapshot is refused at add time, and found by check if edited in.
    t.write("downloads/other.txt", "Nothing relevant here.\n");
    shown.push(t.expect(
        WRITER,
        &[
            "source",
            "add",
            s,
            "--id",
            "x",
            "--url",
            "https://example.org/x",
            "--snapshot",
            "downloads/other.txt",
            "--excerpt",
            "Adults need 9 hours",
        ],
        2,
    ));
    t.edit(
        "articles/sleep.claims.yaml",
        "says the \"CDC\"",
        "says the WHO",
    );
    assert_eq!(t.check(1).with("FC074").len(), 1);
    t.edit(
        "articles/sleep.claims.yaml",
        "says the WHO",
        "says the \"CDC\"",
    );

    // Tampering with the snapshot is caught; so is deleting it.
    let path = t.path().join(&rel);
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("7 or more", "9 or more"),
    )
    .unwrap();
    assert_eq!(t.check(1).with("FC073").len(), 1);
    std::fs::remove_file(&path).unwrap();
    let gone = t.check(1);
    assert!(gone.with("FC073")[0].message.contains("is missing"));

    // A snapshot path that leaves the repository is refused when the sidecar is read.
    for bad in ["../../etc/passwd.txt", "/etc/passwd"] {
        t.write("articles/sleep.claims.yaml", &sidecar.replace(&rel, bad));
        shown.push(t.expect(EDITOR, &["check", s], 2));
    }
    snap!(transcripts(&shown));
}

/// A tiny HTTP server on loopback: `/ok` 200, `/moved` 301 → `/ok`, `/gone` 404, `/nohead`
/// 405 for HEAD and 200 for GET; `/file`, `/ftp`, `/js` redirect to other schemes, `/up` to a
/// relative path (`ok`), `/loop` to itself; `/slow` answers after 12 seconds with a redirect to
/// itself. Returns its base URL and a count of requests served.
fn serve() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (b, c) = (base.clone(), count.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            c.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap_or(0);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let mut parts = request.split_whitespace();
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            if path == "/slow" {
                // Answer later, on a thread of its own, so other requests are not held up.
                let mut stream = stream;
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(12));
                    let _ = write!(
                        stream,
                        "HTTP/1.1 302 Found\r\nLocation: /slow\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                });
                continue;
            }
            let (status, extra) = match (method, path) {
                (_, "/ok") => ("200 OK", String::new()),
                (_, "/moved") => ("301 Moved Permanently", format!("Location: {b}/ok\r\n")),
                (_, "/file") => ("302 Found", "Location: file:///etc/passwd\r\n".into()),
                (_, "/ftp") => (
                    "301 Moved Permanently",
                    "Location: ftp://127.0.0.1/x\r\n".into(),
                ),
                (_, "/js") => (
                    "307 Temporary Redirect",
                    "Location: javascript:alert(1)\r\n".into(),
                ),
                (_, "/up") => ("302 Found", "Location: ok\r\n".into()),
                (_, "/loop") => ("302 Found", "Location: /loop\r\n".into()),
                ("HEAD", "/nohead") => ("405 Method Not Allowed", String::new()),
                ("GET", "/nohead") => ("200 OK", String::new()),
                _ => ("404 Not Found", String::new()),
            };
            let body = if method == "HEAD" { "" } else { "hello" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, count)
}

#[test]
fn online_checks_only_when_asked_against_a_local_server() {
    use std::sync::atomic::Ordering;
    let (base, served) = serve();
    let t = story();
    let s = "articles/sleep.md";
    for (id, path) in [
        ("ok", "/ok"),
        ("moved", "/moved"),
        ("gone", "/gone"),
        ("nohead", "/nohead"),
    ] {
        t.ok(
            WRITER,
            &[
                "source",
                "add",
                s,
                "--id",
                id,
                "--url",
                &format!("{base}{path}"),
            ],
        );
    }
    // No network unless asked.
    t.check(1);
    assert_eq!(
        served.load(Ordering::SeqCst),
        0,
        "check went online without --online"
    );
    // Without --online, `source check` says to pass it.
    let offline = t.expect(WRITER, &["source", "check", s], 2);
    assert_eq!(served.load(Ordering::SeqCst), 0);

    // Online: a moved page with where it went, a dead one, one that refuses HEAD but not GET.
    let online = t.expect(WRITER, &["source", "check", s, "--online"], 1);
    snap!(transcripts([&offline, &online]).replace(&base, "[SERVER]"));
    let sidecar = t.read("articles/sleep.claims.yaml");
    assert!(
        sidecar.contains(&format!("resolved: {base}/ok")),
        "{sidecar}"
    );
    assert_eq!(sidecar.matches("resolved:").count(), 1);

    let doc = t
        .run_as(Some(EDITOR), &["check", s, "--online", "--format", "json"])
        .json();
    let dead = doc.with("FC075");
    assert_eq!(dead.len(), 1, "{:?}", doc.codes());
    assert!(dead[0].message.contains("/gone answered HTTP 404"));
    assert_eq!(dead[0].severity, "warning");
}

/// A server that answers each request just inside the per-request timeout, with a redirect,
/// would hold `source check` for minutes per source (ten redirects): each URL has a deadline
/// across its redirects, and saying so is a failure like any other.
#[test]
fn a_slow_chain_of_redirects_stops_at_the_deadline() {
    let (base, served) = serve();
    let t = story();
    let s = "articles/sleep.md";
    let url = format!("{base}/slow");
    t.ok(WRITER, &["source", "add", s, "--id", "slow", "--url", &url]);
    let r = t.expect(WRITER, &["source", "check", s, "--online"], 1);
    assert!(
        r.stdout
            .contains("no final answer within 30 s, across its redirects"),
        "{}",
        r.transcript()
    );
    // Two redirects came back (at 12 and 24 seconds); the third request ran out of time.
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 3);
}

#[test]
fn a_redirect_to_another_scheme_is_a_failure_not_a_path() {
    let (base, _) = serve();
    let t = story();
    let s = "articles/sleep.md";
    for (id, path) in [
        ("file", "/file"),
        ("ftp", "/ftp"),
        ("js", "/js"),
        ("up", "/up"),
        ("loop", "/loop"),
    ] {
        t.ok(
            WRITER,
            &[
                "source",
                "add",
                s,
                "--id",
                id,
                "--url",
                &format!("{base}{path}"),
            ],
        );
    }
    // Redirects to file:, ftp: and javascript: URLs fail (only http and https are followed), a
    // relative one is resolved, a loop stops after 10.
    let r = t.expect(WRITER, &["source", "check", s, "--online"], 1);
    snap!(r.transcript().replace(&base, "[SERVER]"));
    let sidecar = t.read("articles/sleep.claims.yaml");
    assert!(!sidecar.contains("file:"), "{sidecar}");
    assert!(!sidecar.contains("/file:"), "{sidecar}");
    assert_eq!(sidecar.matches("resolved:").count(), 1, "{sidecar}");

    // The gate's online check says the same.
    let doc = t
        .run_as(Some(EDITOR), &["check", s, "--online", "--format", "json"])
        .json();
    let dead: Vec<&str> = doc
        .with("FC075")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(dead.iter().any(|m| m.contains("a file: URL")), "{dead:?}");
}

#[test]
fn a_sidecar_url_that_is_not_http_is_refused_on_load() {
    let t = story();
    let s = "articles/sleep.md";
    t.ok(
        WRITER,
        &[
            "source",
            "add",
            s,
            "--id",
            "web",
            "--url",
            "https://example.org/a",
        ],
    );
    let sidecar = t.read("articles/sleep.claims.yaml");
    let mut shown = Vec::new();
    for (from, to, key) in [
        (
            "url: https://example.org/a",
            "url: file:///etc/passwd",
            "url",
        ),
        ("url: https://example.org/a", "url: FILE:/etc/passwd", "url"),
        (
            "url: https://example.org/a",
            "url: https://example.org/a\n  archived: javascript:alert(1)",
            "archived",
        ),
        (
            "url: https://example.org/a",
            "url: https://example.org/a\n  resolved: http://127.0.0.1/file:///etc/passwd x",
            "resolved",
        ),
    ] {
        assert!(sidecar.contains(from), "{sidecar}");
        t.write("articles/sleep.claims.yaml", &sidecar.replace(from, to));
        let r = t.expect(EDITOR, &["check", s], 2);
        let at = t
            .read("articles/sleep.claims.yaml")
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .unwrap()
            + 1;
        assert!(
            r.stdout
                .contains(&format!("articles/sleep.claims.yaml:{at}:")),
            "{at}\n{}",
            r.stdout
        );
        // Each names the source, the field and why: not an http(s) URL.
        shown.push(r);
        // `source add` refused the same URL from the start.
        if key == "url" {
            let url = to.strip_prefix("url: ").unwrap();
            t.write("articles/sleep.claims.yaml", &sidecar);
            shown.push(refused(&t, WRITER, &["source", "add", s, "--url", url]));
        }
    }
    snap!(transcripts(&shown));
}
