//! A real browser: headless Chromium renders the report of the example newsroom to a
//! PNG (kept at `target/tmp/report.png` as a CI artefact) and dumps the DOM of a report whose
//! article tries to inject script. Without Chromium it fails under `CI=true` (`.ci/run` installs
//! Debian's `chromium`) and is skipped with a loud notice elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("FACTCHECK_CHROMIUM").ok(),
        Some("/usr/bin/chromium".into()),
        Some("/usr/bin/chromium-browser".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `args` (bounded by `timeout`).
fn headless(browser: &Path, page: &Path, args: &[&str]) -> std::process::Output {
    Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--window-size=1200,1600",
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn chromium_renders_the_report_and_runs_no_injected_script() {
    let Some(browser) = chromium() else {
        skip_loudly("chromium is not installed: the real-browser test did not run");
        return;
    };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let t = TestRepo::empty();
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/newsroom")),
        t.path(),
    );
    let report = out.join("report.html");
    t.ok(
        EDITOR,
        &[
            "report",
            "articles/sex-therapy.md",
            "--html",
            report.to_str().unwrap(),
        ],
    );
    let png = out.join("report.png");
    let _ = std::fs::remove_file(&png);
    let shot = headless(
        &browser,
        &report,
        &[&format!("--screenshot={}", png.display())],
    );
    let bytes = std::fs::read(&png)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&shot.stderr)));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Not blank: far larger than a screenshot of an empty page of the same size.
    let blank_page = out.join("blank.html");
    std::fs::write(&blank_page, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let blank_png = out.join("blank.png");
    headless(
        &browser,
        &blank_page,
        &[&format!("--screenshot={}", blank_png.display())],
    );
    let blank = std::fs::metadata(&blank_png).map(|m| m.len()).unwrap_or(0);
    assert!(
        bytes.len() as u64 > 5 * blank.max(1) && bytes.len() > 50_000,
        "screenshot looks blank: {} bytes (blank page: {blank})",
        bytes.len()
    );

    // An article that tries to run script through raw HTML, an event handler and a link.
    let evil = "articles/evil.md";
    t.write(
        evil,
        "# Evil\n\n<script>document.title='pwned'</script>\n\n<img src=x onerror=\"document.title='pwned'\">\n\nA [link](javascript:document.title='pwned') and a claim here.\n",
    );
    t.ok(WRITER_DANA, &["track", evil]);
    let page = out.join("evil.html");
    t.ok(EDITOR, &["report", evil, "--html", page.to_str().unwrap()]);
    let dom = headless(&browser, &page, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<title>Fact-check report: articles/evil.md</title>"),
        "{dom}"
    );
    assert!(!dom.contains("pwned</title>"));
    assert!(!dom.contains("onerror"));
}

const WRITER_DANA: &str = "dana.writer@example.org";
