//! Which files are articles: the `articles:` globs of `factcheck.yaml` as the site generator
//! reads them.

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::text::site::Generator;

/// Which paths are articles: those an `articles:` glob matches and no `!` glob excludes
/// (`!content/**/_index.md`: Hugo's and Zola's section index pages list posts, they are not
/// posts).
#[derive(Debug, Clone)]
pub struct ArticleGlobs {
    include: GlobSet,
    exclude: GlobSet,
}

impl ArticleGlobs {
    /// Whether root-relative `rel` is an article.
    pub fn is_match(&self, rel: &str) -> bool {
        self.include.is_match(rel) && !self.exclude.is_match(rel)
    }
}

/// The article globs under `generator`. On error, the glob and why.
pub fn articles(
    globs: &[String],
    generator: Generator,
) -> std::result::Result<ArticleGlobs, (String, String)> {
    let (excluded, included): (Vec<&String>, Vec<&String>) =
        globs.iter().partition(|g| g.starts_with('!'));
    let excluded: Vec<String> = excluded.iter().map(|g| g[1..].to_string()).collect();
    Ok(ArticleGlobs {
        include: set(included.into_iter(), generator)?,
        exclude: set(excluded.iter(), generator)?,
    })
}

/// The set matching `globs` under `generator`: each glob as written, its extension in any
/// case (`post.MD` is a post wherever generators read Markdown: a glob that missed it would
/// let the article leave the gate by a rename), and on an MDX site the `.mdx` twin of a `.md`
/// glob.
fn set<'g>(
    globs: impl Iterator<Item = &'g String>,
    generator: Generator,
) -> std::result::Result<GlobSet, (String, String)> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        let mut add = |pattern: &str| {
            Glob::new(pattern)
                .map(|glob| {
                    builder.add(glob);
                })
                .map_err(|e| (g.clone(), e.to_string()))
        };
        add(g)?;
        // An MDX site writes articles as `.mdx`: a glob for `.md` files takes them too.
        let twin = mdx_twin(g, generator);
        if let Some(twin) = &twin {
            add(twin)?;
        }
        for pattern in std::iter::once(g).chain(twin.as_ref()) {
            if let Some(any_case) = extension_any_case(pattern) {
                add(&any_case)?;
            }
        }
    }
    builder
        .build()
        .map_err(|e| ("articles".into(), e.to_string()))
}

/// Glob `glob` with its final literal extension matched in any case (`*.md` → `*.[mM][dD]`),
/// or `None` when it ends in no plain extension.
fn extension_any_case(glob: &str) -> Option<String> {
    let dot = glob.rfind('.')?;
    let ext = &glob[dot + 1..];
    if ext.is_empty() || !ext.bytes().all(|b| b.is_ascii_alphabetic()) || glob[dot..].contains('/')
    {
        return None;
    }
    let classes: String = ext
        .chars()
        .map(|c| format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()))
        .collect();
    Some(format!("{}.{classes}", &glob[..dot]))
}

/// The `.mdx` twin of article glob `glob` on an MDX site (`articles/**/*.md` →
/// `articles/**/*.mdx`).
fn mdx_twin(glob: &str, generator: Generator) -> Option<String> {
    let mdx_site = matches!(generator, Generator::Mdx | Generator::Astro);
    (mdx_site && glob.ends_with(".md")).then(|| format!("{glob}x"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bang_glob_excludes_what_the_others_match() {
        let globs = [
            "content/**/*.md".to_string(),
            "!content/**/_index.md".into(),
        ];
        let set = articles(&globs, Generator::Hugo).unwrap();
        assert!(set.is_match("content/posts/flu.md"));
        assert!(set.is_match("content/posts/FLU.MD"));
        assert!(!set.is_match("content/posts/_index.md"));
        assert!(!set.is_match("content/_index.md"));
        assert!(!set.is_match("static/x.md"));
        let mdx = articles(&["docs/**/*.md".to_string()], Generator::Mdx).unwrap();
        assert!(mdx.is_match("docs/a.mdx"));
    }
}
