//! What `init` reads of the site before it writes `factcheck.yaml`: the generator (found where
//! the generator itself looks), the folder it keeps its posts in, and article globs that match
//! them, so a new project's gate reads the site's posts from the first `check`.

use std::path::Path;

use crate::error::Result;
pub use crate::render::init::Survey;
use crate::text::site::{Generator, PAGE_EXTENSIONS};

/// Folders that hold no posts whatever the generator: dependencies, templates, data.
const NOT_POSTS: &[&str] = &[
    "node_modules",
    "vendor",
    "_includes",
    "_layouts",
    "_data",
    "_site",
    "public",
    "themes",
    "layouts",
    ".github",
];

/// Reads the site whose root is `dir` (the folder `factcheck.yaml` goes in).
pub fn survey(dir: &Path) -> Result<Survey> {
    let read = |name: &str| crate::io::worktree::read(dir, &dir.join(name)).ok();
    let generator = Generator::detect_in(read);
    let pages: Vec<String> = crate::io::inventory::files(dir, &is_page)?
        .map(|i| i.files.iter().map(str::to_string).collect())
        .unwrap_or_default();
    let globs = globs_for(generator.0, &generator.1.as_deref().and_then(read), &pages);
    let set = crate::model::globs::articles(&globs, generator.0)
        .expect("the globs init writes are valid");
    let (matched, others): (Vec<&String>, Vec<&String>) =
        pages.iter().partition(|p| set.is_match(p));
    let examples = others.iter().take(3).map(|p| p.to_string()).collect();
    Ok(Survey {
        generator,
        globs,
        matched: matched.len(),
        left_out: (examples, others.len()),
    })
}

/// Whether root-relative `rel` is a page a generator renders from Markdown.
fn is_page(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    PAGE_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(ext))
}

/// The article globs for a `generator` site whose configuration reads `config` and whose
/// Markdown pages are `pages`.
fn globs_for(generator: Generator, config: &Option<String>, pages: &[String]) -> Vec<String> {
    let under = |dir: &str| vec![format!("{dir}/**/*.md")];
    match generator {
        // Section index pages (`_index.md`) list a section's posts; they are not posts.
        Generator::Hugo => {
            let content = setting(config, "contentDir").unwrap_or_else(|| "content".into());
            vec![
                format!("{content}/**/*.md"),
                format!("!{content}/**/_index.md"),
            ]
        }
        Generator::Zola => vec!["content/**/*.md".into(), "!content/**/_index.md".into()],
        // Posts are in `_posts`; `_drafts` is not published.
        Generator::Jekyll => vec!["_posts/**/*.md".into(), "_posts/**/*.markdown".into()],
        Generator::Astro if has_any(pages, "src/content/") => under("src/content"),
        Generator::Astro => under("src/pages"),
        Generator::Mdx => {
            let folders: Vec<String> = ["blog", "docs"]
                .iter()
                .filter(|f| has_any(pages, &format!("{f}/")))
                .flat_map(|f| under(f))
                .collect();
            match folders.is_empty() {
                true => busiest(pages, ""),
                false => folders,
            }
        }
        Generator::Eleventy => {
            let input = setting(config, "input").unwrap_or_default();
            busiest(pages, input.trim_start_matches("./").trim_end_matches('/'))
        }
        Generator::Plain => busiest(pages, ""),
    }
}

/// Whether any of `pages` is under `prefix`.
fn has_any(pages: &[String], prefix: &str) -> bool {
    pages.iter().any(|p| p.starts_with(prefix))
}

/// A glob for the folder under `input` ("" for the root) that holds the most Markdown pages,
/// leaving out folders of templates and dependencies: where a site without a fixed layout
/// keeps its posts. `articles/**/*.md` when there is none.
fn busiest(pages: &[String], input: &str) -> Vec<String> {
    let prefix = match input {
        "" | "." => String::new(),
        dir => format!("{dir}/"),
    };
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in pages.iter().filter_map(|p| p.strip_prefix(prefix.as_str())) {
        if let Some((folder, _)) = p.split_once('/')
            && !NOT_POSTS.contains(&folder)
            && !folder.starts_with('.')
        {
            *counts.entry(folder).or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by_key(|&(name, n)| (*n, std::cmp::Reverse(*name)));
    match best {
        Some((folder, _)) => vec![format!("{prefix}{folder}/**/*.md")],
        None => vec!["articles/**/*.md".into()],
    }
}

/// The value of `key` in a generator's configuration text, read as simply as it is written in
/// TOML (`key = "x"`), YAML (`key: x`) or JavaScript (`key: "x"`); `None` when absent.
fn setting(config: &Option<String>, key: &str) -> Option<String> {
    let text = config.as_deref()?;
    text.lines().find_map(|line| {
        let code = line.trim_start();
        if code.starts_with('#') || code.starts_with("//") {
            return None;
        }
        let at = line.find(key)?;
        let boundary = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
        if !boundary {
            return None;
        }
        let rest = line[at + key.len()..].trim_start();
        let rest = rest.strip_prefix(['=', ':'])?.trim();
        let value: String = rest
            .trim_start_matches(['"', '\'', '`'])
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | '`' | ',' | '}' | '#') && !c.is_whitespace())
            .collect();
        // A folder name init can write into a glob and a quoted YAML string as it is.
        let plain = value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
        (!value.is_empty() && plain).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn each_generator_gets_the_globs_of_its_posts() {
        let hugo = globs_for(
            Generator::Hugo,
            &Some("contentDir = \"site\"\n".into()),
            &[],
        );
        assert_eq!(hugo, ["site/**/*.md", "!site/**/_index.md"]);
        assert_eq!(globs_for(Generator::Hugo, &None, &[])[0], "content/**/*.md");
        let eleventy = globs_for(
            Generator::Eleventy,
            &Some("module.exports = { dir: { input: \"src\", output: \"_site\" } };".into()),
            &pages(&[
                "src/posts/a.md",
                "src/posts/b.md",
                "src/about.md",
                "README.md",
            ]),
        );
        assert_eq!(eleventy, ["src/posts/**/*.md"]);
        let plain = globs_for(
            Generator::Plain,
            &None,
            &pages(&[
                "blog/2024/a.md",
                "blog/b.md",
                "notes/c.md",
                "node_modules/x/y.md",
            ]),
        );
        assert_eq!(plain, ["blog/**/*.md"]);
        assert_eq!(
            globs_for(Generator::Plain, &None, &[]),
            ["articles/**/*.md"]
        );
        assert_eq!(
            globs_for(Generator::Mdx, &None, &pages(&["blog/a.mdx", "docs/b.md"])),
            ["blog/**/*.md", "docs/**/*.md"]
        );
    }

    #[test]
    fn settings_are_read_as_they_are_written() {
        let toml = Some("title = \"x\"\ncontentDir = 'posts'\n".into());
        assert_eq!(setting(&toml, "contentDir").as_deref(), Some("posts"));
        let yaml = Some("contentDir: words # the posts\n".into());
        assert_eq!(setting(&yaml, "contentDir").as_deref(), Some("words"));
        let js = Some("  return { dir: { input: \"./src/\", output: \"_site\" } }".into());
        assert_eq!(setting(&js, "input").as_deref(), Some("./src/"));
        assert_eq!(
            setting(&Some("# contentDir = 'x'".into()), "contentDir"),
            None
        );
    }
}
