//! Articles read through each generator's masking: the plain text readers see, and every
//! position mapped back to the line and column of the source.

use crate::text::article::Article;
use crate::text::site::Syntax;
use crate::text::span::{Invalid, Pos};

fn read(md: &str, syntax: Syntax) -> Article {
    Article::parse_as(md.to_string(), syntax, &[])
}

/// The line and column of `needle` in the plain text of `a`.
fn pos_of(a: &Article, needle: &str) -> Pos {
    let i = a.text.as_str().find(needle).unwrap_or_else(|| {
        panic!("{needle:?} not in {:?}", a.text.as_str());
    });
    a.pos(i)
}

fn at(line: usize, column: usize) -> Pos {
    Pos { line, column }
}

#[test]
fn liquid_whitespace_control_and_link_targets() {
    let md = "---\nt: x\n---\nWe launched [the other tool]({{- site.baseurl -}}/x/) in\n{%- if y -%} 2016 {%- endif -%} with 9 agencies.\n";
    let a = read(md, Syntax::Liquid);
    assert_eq!(
        a.text.as_str(),
        "We launched the other tool in 2016 with 9 agencies."
    );
    assert_eq!(pos_of(&a, "the other"), at(4, 14));
    assert_eq!(pos_of(&a, "2016"), at(5, 14));
    assert_eq!(a.text.links()[0].url, "/x/");
}

#[test]
fn liquid_raw_shows_comment_hides() {
    let md = "Shown: {% raw %}{{ x }}{% endraw %} literally.\n\n{% comment %}\nNot seen.\n{% endcomment %}\n\nA {% comment %}not{% endcomment %} safe dose.\n";
    let a = read(md, Syntax::Liquid);
    assert_eq!(a.text.as_str(), "Shown: {{ x }} literally.\nA safe dose.");
    assert_eq!(pos_of(&a, "{{ x }}"), at(1, 17));
    assert_eq!(pos_of(&a, "safe"), at(7, 36));
}

#[test]
fn an_unclosed_comment_is_read_and_refused() {
    for (md, syntax) in [
        ("Intro.\n\nA {% comment %} not safe.\n", Syntax::Liquid),
        ("Intro.\n\nA {{< comment >}} not safe.\n", Syntax::Hugo),
    ] {
        let a = read(md, syntax);
        assert!(a.text.as_str().contains("not safe"), "{md:?}");
        match a.validated("a.md") {
            Err(Invalid { pos, .. }) => assert_eq!(pos, at(3, 3)),
            _ => panic!("accepted {md:?}"),
        }
    }
}

#[test]
fn hugo_shortcodes_paired_escaped_and_comments() {
    let md = "{{% note %}}\nVitamin D is **not** a cure.\n{{% /note %}}\n\nUse `{{</* figure */>}}` here. {{< comment >}}draft{{< /comment >}}Done.\n\n{{< unknown >}}not{{< /unknown >}} hidden.\n";
    let a = read(md, Syntax::Hugo);
    assert_eq!(
        a.text.as_str(),
        "Vitamin D is not a cure.\nUse {{< figure >}} here. Done.\nnot hidden."
    );
    assert_eq!(pos_of(&a, "not a cure"), at(2, 16));
    assert_eq!(pos_of(&a, "Done"), at(5, 68));
    assert_eq!(pos_of(&a, "not hidden"), at(7, 16));
}

#[test]
fn figures_and_image_tags_show_captions_as_blocks() {
    let hugo = "Before {{< figure src=\"a.png\" caption=\"Owls hunt at night.\" >}} after.\n";
    let a = read(hugo, Syntax::Hugo);
    assert_eq!(a.text.as_str(), "Before\nOwls hunt at night.\nafter.");
    assert_eq!(pos_of(&a, "Owls"), at(1, 40));
    let liquid = "Text.\n\n{% image \"a.png\" \"A crab on a rock\" %}\n";
    let a = read(liquid, Syntax::Liquid);
    assert_eq!(a.text.as_str(), "Text.\nA crab on a rock");
    assert_eq!(pos_of(&a, "A crab"), at(3, 19));
    let mdx = "<Image src={crab}\n  alt=\"A crab\" />\n";
    let a = read(mdx, Syntax::Mdx);
    assert_eq!(a.text.as_str(), "A crab");
    assert_eq!(pos_of(&a, "A crab"), at(2, 8));
}

#[test]
fn zola_calls_and_bodies() {
    let md = "+++\ntitle = 'x'\n+++\nSee {{ youtube(id=\"a\") }} the talk.\n\n{% note(kind=\"tip\") %}\nRust 1.0 shipped in 2015.\n{% end %}\n\n`{{closure}}` stays.\n";
    let a = read(md, Syntax::Zola);
    assert_eq!(
        a.text.as_str(),
        "See the talk.\nRust 1.0 shipped in 2015.\n{{closure}} stays."
    );
    assert_eq!(pos_of(&a, "the talk"), at(4, 27));
    assert_eq!(pos_of(&a, "shipped"), at(7, 10));
}

#[test]
fn mdx_props_spanning_lines_exports_and_wrapped_text() {
    let md = "import A from './a';\nexport const meta = {\n  x: 1,\n};\n\n<Tabs\n  items={['a', 'b']}\n  label=\"x\"\n>\nThe release fixed 12 bugs.\n</Tabs>\n\n<div className=\"card\">Cards hold {props.n} words.</div>\n";
    let a = read(md, Syntax::Mdx);
    assert_eq!(
        a.text.as_str(),
        "The release fixed 12 bugs.\nCards hold words."
    );
    assert_eq!(pos_of(&a, "fixed"), at(10, 13));
    assert_eq!(pos_of(&a, "words"), at(13, 44));
}

#[test]
fn html_blocks_hold_text_in_plain_markdown() {
    let md = "<div class=\"card\">\n  <p>Most adults need <b>15</b> micrograms.</p>\n  <script>no()</script>\n  <img src=\"x.png\" alt=\"A sunny day\">\n</div>\n";
    let a = read(md, Syntax::Plain);
    assert_eq!(
        a.text.as_str(),
        "Most adults need 15 micrograms.\nA sunny day"
    );
    assert_eq!(pos_of(&a, "15 micro"), at(2, 26));
    assert_eq!(pos_of(&a, "sunny"), at(4, 27));
}

#[test]
fn template_syntax_is_text_where_the_generator_does_not_expand_it() {
    let md =
        "Vitamin D is {{< comment >}}not{{< /comment >}} safe {% comment %}x{% endcomment %}.\n";
    let a = read(md, Syntax::Plain);
    assert!(a.text.as_str().contains("not"), "{}", a.text.as_str());
    let a = read(md, Syntax::Liquid);
    assert!(a.text.as_str().contains("not"), "{}", a.text.as_str());
    let a = read(md, Syntax::Hugo);
    assert!(!a.text.as_str().contains("not"), "{}", a.text.as_str());
}
