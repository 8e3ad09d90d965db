//! The CI templates (`examples/ci/`, `.pre-commit-hooks.yaml`): every `factcheck` command line
//! in them is one the binary accepts, the pull-request base is a commit id no push can shadow,
//! and sharding the articles over jobs (`check --shard I/N`) is disjoint and covers every
//! article.

use crate::support::*;

/// Every string in a YAML document.
fn strings(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| strings(i, out)),
        serde_yaml::Value::Mapping(m) => m.iter().for_each(|(k, v)| {
            strings(k, out);
            strings(v, out);
        }),
        serde_yaml::Value::Tagged(t) => strings(&t.value, out),
        _ => {}
    }
}

/// Splits a shell command line (double quotes group; CI variables become placeholders).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn ci_templates_use_valid_command_lines() {
    use clap::Parser;
    let root = env!("CARGO_MANIFEST_DIR");
    let files = [
        "examples/ci/github-actions.yml",
        "examples/ci/github-actions-sharded.yml",
        "examples/ci/gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
    ];
    let mut checked = 0;
    for f in files {
        let text = std::fs::read_to_string(format!("{root}/{f}")).unwrap();
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        let mut all = Vec::new();
        strings(&doc, &mut all);
        for s in all.iter().filter(|s| s.contains("factcheck ")) {
            // Command lines start with `factcheck ` (folded YAML may join several lines).
            for cmd in s
                .split('\n')
                .map(str::trim)
                .filter(|l| l.starts_with("factcheck "))
            {
                let cmd = cmd.split(['>', '|', '#']).next().unwrap();
                // CI variables (`$SHARD`, `${{ … }}`) stand for values like `1/2`.
                let argv: Vec<String> = words(cmd)
                    .into_iter()
                    .map(|w| if w.contains('$') { "1/2".into() } else { w })
                    .collect();
                if argv.get(1).is_some_and(|w| w.starts_with('(')) {
                    continue; // the hook's display name, not a command
                }
                factcheck::cli::Args::try_parse_from(&argv)
                    .unwrap_or_else(|e| panic!("{f}: `{cmd}` does not parse:\n{e}"));
                // The pull-request base is the commit id the host gives (a variable), never a
                // name a pushed tag or branch could shadow.
                let words = words(cmd);
                if let Some(i) = words.iter().position(|w| w == "--changed-since") {
                    let base = &words[i + 1];
                    let var = base.trim_matches('"');
                    assert!(
                        var.starts_with('$') && !var.contains('/'),
                        "{f}: `{cmd}` passes the base as a name"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "only {checked} command lines found");
}

#[test]
fn shards_are_disjoint_and_cover_every_article() {
    let t = TestRepo::newsroom("light");
    for i in 0..12 {
        t.write(
            &format!("articles/n{i:02}.md"),
            &format!("# Note {i}\n\nText {i}.\n"),
        );
    }
    let all: Vec<String> = t.check(0).articles.into_iter().map(|a| a.article).collect();
    assert_eq!(all.len(), 13);
    let mut seen: Vec<String> = Vec::new();
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let r = t.run_as(
            Some(EDITOR),
            &["check", "--shard", &shard, "--format", "json"],
        );
        assert!(r.code <= 1, "{}", r.stderr);
        let doc = r.json();
        assert!(!doc.articles.is_empty(), "shard {shard} is empty");
        for a in doc.articles {
            assert!(!seen.contains(&a.article), "{} in two shards", a.article);
            seen.push(a.article);
        }
    }
    seen.sort();
    assert_eq!(seen, all);
    for bad in ["0/3", "4/3", "1/0", "x/2", "2"] {
        t.expect(EDITOR, &["check", "--shard", bad], 2);
    }
}
