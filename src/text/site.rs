//! The static-site generator an article is published with, and therefore the template syntax
//! it may contain (docs/spec.md §3: the plain text is what the reader of the *built site* sees).
//!
//! The generator is named by `generator:` in `factcheck.yaml` (`site:` already names the
//! publication), or detected from the configuration files at the repository root; an `.mdx`
//! article is MDX whatever the generator. Knowing the generator matters both ways: template
//! syntax read as words would make claims unquotable, and template syntax honoured where the
//! site does not honour it (a `{% comment %}` on a Hugo site) would hide words readers see, so
//! nothing is masked unless the generator says the site masks it.

use serde::{Deserialize, Serialize};

mod hugo;
mod kramdown;
mod liquid;
pub mod mask;
mod mdx;
mod renderer;
mod scan;
mod zola;

pub use mask::{Caption, MASK, Masked, Refusal};
pub use mdx::default_export;
pub use renderer::{Switch, switch as renderer_switch};

/// A site generator, as `generator:` in `factcheck.yaml` names it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Generator {
    /// Eleventy (Liquid templates in Markdown).
    Eleventy,
    /// Hugo (shortcodes).
    Hugo,
    /// Jekyll (Liquid).
    Jekyll,
    /// Zola (shortcodes called like functions).
    Zola,
    /// MDX for every article (Docusaurus reads `.md` as MDX too): imports, expressions and
    /// components.
    Mdx,
    /// Astro: `.mdx` articles are MDX, `.md` articles plain Markdown (Astro shows `{…}` in a
    /// `.md` file as it is).
    Astro,
    /// Plain Markdown: no template syntax.
    #[default]
    Plain,
}

/// How an article's text is read: the template syntax the generator expands in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Syntax {
    /// CommonMark + GFM only.
    #[default]
    Plain,
    /// Liquid as Eleventy reads it: `{{ … }}`, `{% … %}`.
    Liquid,
    /// Jekyll: Liquid, then kramdown's extensions (`{::comment}`, abbreviations).
    Jekyll,
    /// Hugo shortcodes: `{{< … >}}`, `{{% … %}}`.
    Hugo,
    /// Zola shortcodes: `{{ name(…) }}`, `{% name(…) %}…{% end %}`.
    Zola,
    /// MDX: ESM, `{expressions}`, JSX.
    Mdx,
}

impl Syntax {
    /// Whether a site read with this syntax takes front matter of `kind` at all: Jekyll only
    /// YAML; Eleventy YAML (and what gray-matter reads under `---json`, `---toml`); MDX (Astro,
    /// Docusaurus) YAML and TOML; Zola TOML and YAML; Hugo and a plain site every kind.
    pub fn front_matter(self, kind: crate::text::frontmatter::Kind) -> bool {
        use crate::text::frontmatter::Kind;
        match self {
            Syntax::Jekyll => kind == Kind::Yaml,
            Syntax::Liquid => kind != Kind::Org,
            Syntax::Mdx | Syntax::Zola => matches!(kind, Kind::Yaml | Kind::Toml),
            Syntax::Hugo => true,
            Syntax::Plain => kind != Kind::Org,
        }
    }

    /// The front-matter rules of the generators a site read with this syntax may be built with
    /// (see [`crate::text::frontmatter`]): Jekyll's, Eleventy's (gray-matter), Hugo's, Zola's;
    /// MDX is Docusaurus (gray-matter) or Astro; a plain site any of them.
    pub fn front_matter_dialects(self) -> &'static [crate::text::frontmatter::Dialect] {
        use crate::text::frontmatter::{ANY, Dialect};
        match self {
            Syntax::Jekyll => &[Dialect::Jekyll],
            Syntax::Liquid => &[Dialect::GrayMatter],
            Syntax::Hugo => &[Dialect::Hugo],
            Syntax::Zola => &[Dialect::Zola],
            Syntax::Mdx => &[Dialect::GrayMatter, Dialect::Astro],
            Syntax::Plain => ANY,
        }
    }
}

impl Generator {
    /// How this generator's articles at `rel` are read: `.mdx` files are MDX unless the
    /// config says `plain`; Docusaurus-style MDX sites read `.md` as MDX too, Astro as plain
    /// Markdown.
    pub fn syntax(self, rel: &str) -> Syntax {
        let mdx_file = rel.rsplit('.').next() == Some("mdx") && rel.contains('.');
        match self {
            Generator::Plain => Syntax::Plain,
            _ if mdx_file => Syntax::Mdx,
            Generator::Eleventy => Syntax::Liquid,
            Generator::Jekyll => Syntax::Jekyll,
            Generator::Hugo => Syntax::Hugo,
            Generator::Zola => Syntax::Zola,
            Generator::Mdx => Syntax::Mdx,
            Generator::Astro => Syntax::Plain,
        }
    }

    /// The generator whose configuration files `file` reads (root-relative name → text,
    /// `None` when absent: the working tree, or a revision's tree, so that a branch is read the
    /// way its base reads it), and the file that says so; plain Markdown when none is found.
    /// Checked in a fixed order so the answer does not depend on the order of a listing.
    pub fn detect_in(file: impl Fn(&str) -> Option<String>) -> (Generator, Option<String>) {
        for (generator, names) in FILES {
            if let Some(name) = names.iter().find(|n| file(n).is_some()) {
                return (*generator, Some((*name).to_string()));
            }
        }
        for name in SHARED_FILES {
            if let Some(text) = file(name)
                && let Some(generator) = by_markers(&text)
            {
                return (generator, Some(name.to_string()));
            }
        }
        (Generator::Plain, None)
    }
}

/// File extensions of pages a generator renders from Markdown, lower case; a generator reads
/// them whatever their case (`post.MD` is a post on Jekyll, Hugo and Eleventy).
pub const PAGE_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

/// Shared configuration file names that name Hugo or Zola by their keys (Hugo also reads
/// them from its configuration folder).
const SHARED_FILES: &[&str] = &[
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
    "config/_default/config.json",
];

impl Generator {
    /// Every file [`Generator::detect_in`] reads: a change to any of them can change which
    /// files are articles or how they are read, so the pull-request gate treats it as a
    /// policy change.
    pub fn detected_from() -> impl Iterator<Item = &'static str> {
        FILES
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
            .chain(SHARED_FILES.iter().copied())
    }

    /// Whether root-relative `rel` is part of how this generator shows every page: its
    /// configuration folder, layouts, includes, templates, themes, data, components and every
    /// style sheet (`*.css`, `*.scss`, `*.sass`, `*.less`). A layout can print other words in
    /// place of an article (`{{ content | replace: … }}`) and CSS can hide or add words on
    /// every page, so a change to one is a policy change, not a writer's edit. So is what
    /// hands a page its renderer from outside its front matter, where the article's own check
    /// ([`renderer_switch`]) cannot see it: Eleventy's data files (`x.json` beside `x.md` or
    /// in folder `x/`, `*.11tydata.js`: `templateEngineOverride` in data applies as in front
    /// matter; `package.json` picks the renderer's plugins), a Hugo section's `_index.md`
    /// (its `cascade:` sets `markup` for every page below) and content adapter
    /// (`_content.gotmpl`), and Astro's components (`layout:` in a page's front matter may
    /// name any `.astro` file).
    pub fn is_site_policy(self, rel: &str) -> bool {
        const STYLES: &[&str] = &[".css", ".scss", ".sass", ".less"];
        if STYLES.iter().any(|e| rel.to_ascii_lowercase().ends_with(e)) {
            return true;
        }
        let dirs: &[&str] = match self {
            Generator::Jekyll => &["_layouts/", "_includes/", "_plugins/", "_sass/", "_data/"],
            Generator::Eleventy => &["_includes/", "_layouts/", "_data/"],
            Generator::Hugo => &[
                "config/", "layouts/", "themes/", "assets/", "data/", "i18n/",
            ],
            Generator::Zola => &["templates/", "themes/", "sass/"],
            Generator::Astro => &["src/layouts/", "src/components/", "src/styles/"],
            Generator::Mdx => &["src/theme/", "src/components/", "src/css/"],
            Generator::Plain => &[],
        };
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let lower = rel.to_ascii_lowercase();
        let switches = match self {
            Generator::Eleventy => {
                lower.ends_with(".json")
                    || [".11tydata.js", ".11tydata.cjs", ".11tydata.mjs"]
                        .iter()
                        .any(|e| lower.ends_with(e))
            }
            Generator::Hugo => {
                rel.starts_with("content/")
                    && (name == "_content.gotmpl"
                        || name
                            .strip_prefix("_index.")
                            .is_some_and(|ext| Generator::is_page_name(&format!("x.{ext}"))))
            }
            Generator::Astro => lower.ends_with(".astro"),
            _ => false,
        };
        switches || dirs.iter().any(|d| rel.starts_with(d))
    }

    /// Whether root-relative `rel` has the extension of a Markdown page, in any case.
    pub fn is_page_name(rel: &str) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        name.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && PAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        })
    }

    /// Why this generator would publish the Markdown file at `rel` (holding `text`) as a page,
    /// or `None`: Hugo and Zola render what is under `content/`; Astro and Docusaurus what is
    /// under `src/content/`, `src/pages/`, `docs/` or `blog/`; Jekyll, Eleventy and a plain
    /// site a Markdown file with front matter. Dependencies and build output are not pages.
    pub fn renders(self, rel: &str, text: &str) -> Option<String> {
        const NOT_PAGES: &[&str] = &["node_modules/", "_site/", "public/", "dist/", ".github/"];
        if NOT_PAGES
            .iter()
            .any(|d| rel.starts_with(d) || rel.contains(&format!("/{d}")))
        {
            return None;
        }
        let under = |dirs: &[&'static str]| dirs.iter().find(|d| rel.starts_with(**d)).copied();
        match self {
            Generator::Hugo | Generator::Zola => {
                under(&["content/"]).map(|d| format!("is under `{d}`, which the site publishes"))
            }
            Generator::Mdx => under(&["src/pages/", "docs/", "blog/"])
                .map(|d| format!("is under `{d}`, which the site publishes")),
            Generator::Astro => under(&["src/content/", "src/pages/"])
                .map(|d| format!("is under `{d}`, which the site publishes")),
            Generator::Jekyll | Generator::Eleventy | Generator::Plain => {
                crate::text::frontmatter::find_as(text, self.syntax(rel).front_matter_dialects())
                    .is_some()
                    .then(|| {
                        "is Markdown with front matter, which the site publishes as a page"
                            .to_string()
                    })
            }
        }
    }
}

/// Configuration files that name their generator by themselves, in the order they are
/// looked for.
const FILES: &[(Generator, &[&str])] = &[
    (
        Generator::Eleventy,
        &[
            "eleventy.config.js",
            "eleventy.config.cjs",
            "eleventy.config.mjs",
            "eleventy.config.ts",
            ".eleventy.js",
            ".eleventy.cjs",
        ],
    ),
    (
        Generator::Hugo,
        &[
            "hugo.toml",
            "hugo.yaml",
            "hugo.yml",
            "hugo.json",
            "config/_default/hugo.toml",
            "config/_default/hugo.yaml",
            "config/_default/hugo.yml",
            "config/_default/hugo.json",
        ],
    ),
    (Generator::Zola, &["zola.toml"]),
    (
        Generator::Astro,
        &[
            "astro.config.mjs",
            "astro.config.js",
            "astro.config.ts",
            "astro.config.mts",
        ],
    ),
    (
        Generator::Mdx,
        &[
            "docusaurus.config.js",
            "docusaurus.config.ts",
            "docusaurus.config.mjs",
        ],
    ),
    (Generator::Jekyll, &["_config.yml", "_config.yaml"]),
];

/// Hugo or Zola from a shared file name (`config.toml`): Zola's keys are snake case
/// (`base_url`, `compile_sass`), Hugo's camel case (`baseURL`, `languageCode`).
fn by_markers(text: &str) -> Option<Generator> {
    const ZOLA: &[&str] = &[
        "base_url",
        "compile_sass",
        "build_search_index",
        "[markdown]",
    ];
    const HUGO: &[&str] = &["baseURL", "baseurl", "languageCode", "[params]", "theme"];
    if ZOLA.iter().any(|m| text.contains(m)) {
        Some(Generator::Zola)
    } else if HUGO.iter().any(|m| text.contains(m)) {
        Some(Generator::Hugo)
    } else {
        None
    }
}

/// The article source as the site's generator leaves it for the Markdown parser, or `None`
/// when `syntax` has nothing to mask (plain Markdown is read as it is).
pub fn mask(source: &str, syntax: Syntax) -> Option<Masked> {
    match syntax {
        Syntax::Plain => None,
        Syntax::Liquid => Some(liquid::mask(source)),
        Syntax::Jekyll => Some(kramdown::mask(liquid::mask(source))),
        Syntax::Hugo => Some(hugo::mask(source)),
        Syntax::Zola => Some(zola::mask(source)),
        Syntax::Mdx => Some(mdx::mask(source)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdx_files_are_mdx_on_every_site_but_a_plain_one() {
        assert_eq!(Generator::Hugo.syntax("a/b.mdx"), Syntax::Mdx);
        assert_eq!(Generator::Hugo.syntax("a/b.md"), Syntax::Hugo);
        assert_eq!(Generator::Plain.syntax("a/b.mdx"), Syntax::Plain);
        assert_eq!(Generator::Jekyll.syntax("x.md"), Syntax::Jekyll);
        assert_eq!(Generator::Eleventy.syntax("x.md"), Syntax::Liquid);
        assert_eq!(Generator::Astro.syntax("x.md"), Syntax::Plain);
        assert_eq!(Generator::Astro.syntax("x.mdx"), Syntax::Mdx);
        assert_eq!(Generator::Mdx.syntax("x.md"), Syntax::Mdx);
    }

    #[test]
    fn what_hands_pages_their_renderer_is_policy() {
        for (generator, rel, policy) in [
            (Generator::Eleventy, "articles/a.json", true),
            (Generator::Eleventy, "articles/articles.11tydata.cjs", true),
            (Generator::Eleventy, "package.json", true),
            (Generator::Eleventy, "articles/a.md", false),
            (Generator::Hugo, "content/posts/_index.md", true),
            (Generator::Hugo, "content/posts/_content.gotmpl", true),
            (Generator::Hugo, "content/posts/a.md", false),
            (Generator::Hugo, "articles/a.json", false),
            (Generator::Astro, "src/pages/_evil.astro", true),
            (Generator::Jekyll, "articles/a.json", false),
        ] {
            assert_eq!(generator.is_site_policy(rel), policy, "{generator:?} {rel}");
        }
    }

    #[test]
    fn detects_generators_by_their_files() {
        for (file, text, want) in [
            (".eleventy.js", "", Generator::Eleventy),
            ("hugo.toml", "", Generator::Hugo),
            ("config.toml", "baseURL = 'https://x'\n", Generator::Hugo),
            ("config.toml", "base_url = 'https://x'\n", Generator::Zola),
            ("config.toml", "title = 'x'\n", Generator::Plain),
            ("_config.yml", "", Generator::Jekyll),
            ("astro.config.mjs", "", Generator::Astro),
            ("docusaurus.config.ts", "", Generator::Mdx),
        ] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(file), text).unwrap();
            assert_eq!(
                Generator::detect_in(|name| std::fs::read_to_string(dir.path().join(name)).ok()).0,
                want,
                "{file}"
            );
        }
    }
}

#[cfg(test)]
mod positions;
