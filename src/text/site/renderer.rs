//! Front matter that makes the site's generator render one page otherwise than the gate reads
//! every page of the site: another markup language, another template language, none at all.
//! The gate reads a site one way (its generator's Markdown and template syntax), so a page
//! that switches is refused (docs/sites.md, "A page that switches its renderer") unless the
//! value names that way. Read from each generator's code:
//!
//! - **Hugo** `markup` (any case: Hugo lowercases front matter keys), on the page or in its
//!   `cascade`: the converter registry (`markup/markup.go`) looks the value up in lower case;
//!   `goldmark`, `markdown`, `md` and `mdown` (and an empty value) are goldmark, the rest
//!   (`org`, `asciidocext`/`adoc`, `pandoc`/`pdc`, `rst`, `html`) other languages;
//! - **Eleventy** `templateEngineOverride`: `TemplateRender.parseEngineOverrides` splits the
//!   value at commas, trims and lowercases each name and drops `html`; only `liquid`, `md` (in
//!   that order) is what the gate reads, by Eleventy's default `markdownTemplateEngine`;
//! - **Jekyll** `render_with_liquid` (Jekyll 4): `false` shows Liquid tags as text;
//! - **Docusaurus** `format` (or `mdx: {format}`; `validateMDXFrontMatter` takes `md`, `mdx`,
//!   `detect`): `md`, and `detect` on a `.md` page, read the page as CommonMark, not MDX; only
//!   `mdx` is accepted.
//!
//! Zola and Astro have no such key (Zola's `template` and Hugo's or Jekyll's `layout` pick a
//! template among the site's own, which are policy files).

use super::Syntax;
use crate::text::frontmatter::{FrontMatter, data};

/// A front-matter key that switches a page's renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    /// Hugo's `markup`.
    HugoMarkup,
    /// Eleventy's `templateEngineOverride`.
    EleventyEngines,
    /// Jekyll's `render_with_liquid`.
    JekyllLiquid,
    /// Docusaurus' `format`.
    DocusaurusFormat,
}

impl Switch {
    /// The key as written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            Switch::HugoMarkup => "markup",
            Switch::EleventyEngines => "templateEngineOverride",
            Switch::JekyllLiquid => "render_with_liquid",
            Switch::DocusaurusFormat => "format",
        }
    }

    /// Why a page with this switch is refused, and what to do (the article's input error).
    pub fn refusal(self) -> (&'static str, &'static str) {
        match self {
            Switch::HugoMarkup => (
                "front matter `markup:` makes Hugo render this page as another markup language (Org, AsciiDoc, Pandoc, reStructuredText or HTML), which reads it otherwise than the gate does: an Org line `# …` is a comment readers never see",
                "the gate reads this page as Markdown with Hugo's shortcodes (goldmark); remove `markup:` or ask an editor to change the site's configuration",
            ),
            Switch::EleventyEngines => (
                "front matter `templateEngineOverride:` makes Eleventy run another template language over this page, or none, which reads it otherwise than the gate does: Nunjucks hides `{# … #}`, and without Liquid its tags are text",
                "the gate reads this page as Markdown with Liquid (`liquid,md`); remove `templateEngineOverride:` or ask an editor to change the site's configuration",
            ),
            Switch::JekyllLiquid => (
                "front matter `render_with_liquid:` makes Jekyll show this page's Liquid tags as text, which the gate reads as template markup",
                "the gate reads this page as Markdown with Liquid; remove `render_with_liquid:` or ask an editor to change the site's configuration",
            ),
            Switch::DocusaurusFormat => (
                "front matter `format:` makes Docusaurus read this page otherwise than the MDX the gate reads (`md`: as CommonMark, where `{…}` is text)",
                "the gate reads this page as MDX; remove `format:` or ask an editor to change the site's configuration",
            ),
        }
    }

    /// The switch a site read with `syntax` honours, if any.
    fn of(syntax: Syntax) -> Option<Switch> {
        match syntax {
            Syntax::Hugo => Some(Switch::HugoMarkup),
            Syntax::Liquid => Some(Switch::EleventyEngines),
            Syntax::Jekyll => Some(Switch::JekyllLiquid),
            Syntax::Mdx => Some(Switch::DocusaurusFormat),
            Syntax::Zola | Syntax::Plain => None,
        }
    }

    /// Whether keys are matched in any case (Hugo's).
    fn any_case(self) -> bool {
        self == Switch::HugoMarkup
    }

    /// Whether `value` names what the gate reads.
    fn reads_as_gate(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self, value) {
            (Switch::HugoMarkup, Value::Null) => true,
            (Switch::HugoMarkup, Value::String(s)) => {
                ["", "goldmark", "markdown", "md", "mdown"].contains(&s.to_lowercase().as_str())
            }
            (Switch::EleventyEngines, Value::String(s)) => {
                let engines: Vec<String> = s
                    .split(',')
                    .map(|e| e.trim().to_lowercase())
                    .filter(|e| !e.is_empty() && e != "html")
                    .collect();
                engines == ["liquid", "md"]
            }
            (Switch::JekyllLiquid, Value::Bool(b)) => *b,
            (Switch::DocusaurusFormat, Value::String(s)) => s == "mdx",
            _ => false,
        }
    }
}

/// The first key of front matter `fm` (at the start of `source`) that makes the generator of a
/// site read with `syntax` render the page otherwise than the gate reads it, and where it is.
/// A block that mentions the key but cannot be read (Eleventy's JavaScript front matter) is
/// refused too: the generator may read it.
pub fn switch(source: &str, fm: &FrontMatter, syntax: Syntax) -> Option<(usize, Switch)> {
    let switch = Switch::of(syntax)?;
    let block = source.get(..fm.len).unwrap_or(source);
    let at = match switch.any_case() {
        true => block
            .to_ascii_lowercase()
            .find(&switch.key().to_ascii_lowercase())?,
        false => block.find(switch.key())?,
    };
    let same = |k: &str| match switch.any_case() {
        true => k.eq_ignore_ascii_case(switch.key()),
        false => k == switch.key(),
    };
    let Some(map) = data(fm) else {
        return Some((at, switch));
    };
    let mut values: Vec<&serde_json::Value> = Vec::new();
    // The mappings to look in: the front matter; Hugo's `cascade` (a mapping or a list of
    // them, handed down to the pages below); Docusaurus' `mdx:` (the key's place before
    // 3.8); for Eleventy every mapping in it (`eleventyComputed`, or any data the cascade
    // may merge).
    let mut maps = vec![&map];
    while let Some(m) = maps.pop() {
        for (k, v) in m {
            if same(k) {
                values.push(v);
            }
            let nested = match switch {
                Switch::HugoMarkup => k.eq_ignore_ascii_case("cascade"),
                Switch::EleventyEngines => true,
                Switch::DocusaurusFormat => k == "mdx",
                Switch::JekyllLiquid => false,
            };
            if nested {
                match v {
                    serde_json::Value::Object(o) => maps.push(o),
                    serde_json::Value::Array(a) => {
                        maps.extend(a.iter().filter_map(|e| e.as_object()))
                    }
                    _ => {}
                }
            }
        }
    }
    values
        .into_iter()
        .any(|v| !switch.reads_as_gate(v))
        .then_some((at, switch))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::frontmatter::find;

    fn refused(src: &str, syntax: Syntax) -> Option<Switch> {
        let fm = find(src).expect("front matter");
        switch(src, &fm, syntax).map(|(_, s)| s)
    }

    #[test]
    fn switches_are_refused_unless_they_name_what_the_gate_reads() {
        use Syntax::*;
        let h = Some(Switch::HugoMarkup);
        assert_eq!(refused("---\nmarkup: org\n---\n", Hugo), h);
        assert_eq!(refused("---\nMARKUP: rst\n---\n", Hugo), h);
        assert_eq!(refused("+++\nmarkup = \"pandoc\"\n+++\n", Hugo), h);
        assert_eq!(refused("---\ncascade:\n  - markup: adoc\n---\n", Hugo), h);
        assert_eq!(refused("---\nmarkup: org\n---\n", Zola), None);
        for ok in ["markdown", "md", "Goldmark", "mdown", "''"] {
            assert_eq!(refused(&format!("---\nmarkup: {ok}\n---\n"), Hugo), None);
        }
        assert_eq!(refused("---\ntitle: Markup tips\n---\n", Hugo), None);
        let e = Some(Switch::EleventyEngines);
        assert_eq!(
            refused("---\ntemplateEngineOverride: njk,md\n---\n", Liquid),
            e
        );
        assert_eq!(refused("---\ntemplateEngineOverride: md\n---\n", Liquid), e);
        assert_eq!(
            refused("---\ntemplateEngineOverride: md,liquid\n---\n", Liquid),
            e
        );
        assert_eq!(
            refused("---\ntemplateEngineOverride: false\n---\n", Liquid),
            e
        );
        assert_eq!(
            refused(
                "---js\nconst templateEngineOverride = 'njk';\n---\n",
                Liquid
            ),
            e
        );
        assert_eq!(
            refused(
                "---\ntemplateEngineOverride: Liquid, MD, html\n---\n",
                Liquid
            ),
            None
        );
        assert_eq!(
            refused(
                "---\neleventyComputed:\n  templateEngineOverride: njk,md\n---\n",
                Liquid
            ),
            e
        );
        assert_eq!(
            refused("---\nrender_with_liquid: false\n---\n", Jekyll),
            Some(Switch::JekyllLiquid)
        );
        assert_eq!(
            refused("---\nrender_with_liquid: true\n---\n", Jekyll),
            None
        );
        assert_eq!(
            refused("---\nformat: md\n---\n", Mdx),
            Some(Switch::DocusaurusFormat)
        );
        assert_eq!(refused("---\nformat: mdx\n---\n", Mdx), None);
        assert_eq!(
            refused("---\nmdx:\n  format: detect\n---\n", Mdx),
            Some(Switch::DocusaurusFormat)
        );
    }
}
