//! What the Markdown renderer of a site's generator reads beyond CommonMark, where the
//! renderers differ: strikethrough with one tilde, footnotes, task lists, bare addresses as
//! links, raw HTML. Checked against each renderer's code and defaults (docs/sites.md, "The
//! site's Markdown renderer").

use comrak::Options;

use crate::text::site::Syntax;

/// The comrak options of CommonMark + GFM (tables, strikethrough, autolinks, task lists,
/// footnotes; front matter is handled by [`crate::text::frontmatter`] before parsing): how
/// reports render an article. The plain text of an article is read with its site's
/// renderer's extensions ([`Flavor`]).
pub fn markdown_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// What the Markdown renderer of a site's generator reads beyond CommonMark, where
/// renderers differ (checked against each one's code and defaults; docs/sites.md):
///
/// | syntax | renderer | `~one~` | footnotes | task lists | bare URLs | raw HTML |
/// |---|---|---|---|---|---|---|
/// | Hugo | goldmark | struck | yes | yes | links | omitted |
/// | Jekyll | kramdown, GFM parser | text | yes | yes | text | shown |
/// | Eleventy | markdown-it | text | no | no | text | shown |
/// | Zola | pulldown-cmark | struck | yes | yes | text | shown |
/// | MDX (Astro, Docusaurus) | remark-gfm | struck | yes | yes | links | (JSX) |
/// | plain (not known; Astro's `.md`) | GFM | text | yes | yes | links | shown |
///
/// Every one strikes `~~two~~` and reads tables. Where the renderer is not known, a single
/// tilde is read as the text it may be: a tilde put into a claim then changes its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    /// `~one~` strikes words out; otherwise it is the text it is.
    pub single_tilde: bool,
    /// `[^x]` is a footnote reference; otherwise a link reference (`[^x]: …` defines one).
    pub footnotes: bool,
    /// `- [ ] x` is a task; otherwise `[ ]` is text.
    pub tasklist: bool,
    /// A bare `www.` or `https://` address is a link.
    pub autolink: bool,
    /// The words of raw HTML are shown: Hugo's goldmark omits raw HTML (blocks and inline
    /// tags, writing `<!-- raw HTML omitted -->`) unless the site sets
    /// `markup.goldmark.renderer.unsafe`, which the gate does not read.
    pub raw_html: bool,
}

impl Flavor {
    /// The renderer of a site read with `syntax`.
    pub fn of(syntax: Syntax) -> Flavor {
        let gfm = Flavor {
            single_tilde: true,
            footnotes: true,
            tasklist: true,
            autolink: true,
            raw_html: true,
        };
        match syntax {
            Syntax::Hugo => Flavor {
                raw_html: false,
                ..gfm
            },
            Syntax::Jekyll => Flavor {
                single_tilde: false,
                autolink: false,
                ..gfm
            },
            Syntax::Liquid => Flavor {
                single_tilde: false,
                footnotes: false,
                tasklist: false,
                autolink: false,
                ..gfm
            },
            Syntax::Zola => Flavor {
                autolink: false,
                ..gfm
            },
            Syntax::Mdx => gfm,
            Syntax::Plain => Flavor {
                single_tilde: false,
                ..gfm
            },
        }
    }

    /// The comrak options that read as this renderer does. A single tilde is parsed as
    /// strikethrough either way; [`Builder`] puts the tildes back where the renderer shows
    /// them.
    pub fn options(self) -> Options<'static> {
        let mut options = markdown_options();
        options.extension.footnotes = self.footnotes;
        options.extension.tasklist = self.tasklist;
        options.extension.autolink = self.autolink;
        options
    }
}
