//! What `init` says it found in the site: the generator and where it was found, the article
//! globs and how many files they match, what they leave out.

use crate::text::site::Generator;
use crate::text::visible::visible;

/// What `init` found.
#[derive(Debug)]
pub struct Survey {
    /// The generator, and the file it was recognised by (none for a plain Markdown site).
    pub generator: (Generator, Option<String>),
    /// The article globs to write (a `!` glob leaves files out).
    pub globs: Vec<String>,
    /// How many files those globs match now.
    pub matched: usize,
    /// Markdown files the globs leave out (a few, as examples) and how many there are.
    pub left_out: (Vec<String>, usize),
}

/// The lines `init` prints about the site.
pub fn survey(s: &Survey) -> Vec<String> {
    let mut out = Vec::new();
    out.push(match &s.generator {
        (g, Some(from)) => format!(
            "site: {} (found from {})",
            format!("{g:?}").to_lowercase(),
            visible(from)
        ),
        (_, None) => "site: no generator's configuration found; reading articles as plain Markdown (set `generator:` if the site has one)".into(),
    });
    out.push(format!(
        "articles: {} ({} {} now)",
        s.globs.join(", "),
        s.matched,
        if s.matched == 1 {
            "file matches"
        } else {
            "files match"
        }
    ));
    if s.matched == 0 {
        out.push("no file matches these globs yet: `check` refuses to pass until one does (edit `articles:` if your posts are elsewhere)".into());
    }
    let (examples, n) = &s.left_out;
    if *n > 0 {
        let names: Vec<String> = examples.iter().map(|e| visible(e).into_owned()).collect();
        out.push(format!(
            "not articles under these globs: {n} other Markdown {} ({}{}); add globs for them if they are articles",
            if *n == 1 { "file" } else { "files" },
            names.join(", "),
            if *n > examples.len() { ", …" } else { "" }
        ));
    }
    out
}
