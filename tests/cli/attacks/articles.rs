//! Making an article leave the gate: renamed out of the globs or to another case, its sidecar
//! deleted, a new article without one (under `target/` or a hidden folder too), an extension in
//! capitals, a page no glob covers. Each blocks (FC057, FC004) or is reported (FC058).

use super::*;

#[test]
fn renaming_the_article_out_of_the_globs_drops_it() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.git_mv(A, "articles/vitamin-d.markdown");
    t.edit(S, "article: vitamin-d.md", "article: vitamin-d.markdown");
    t.edit(
        "articles/vitamin-d.markdown",
        "need 15 micrograms",
        "need 50 micrograms",
    );
    t.commit(WRITER, "Rename");

    blocks_with(&t, &base, "FC057", &[A]);
}

/// The variant: renaming the article to `.Md` keeps it under the gate, its claims followed.
#[test]
fn renaming_an_article_to_another_case_keeps_it_gated() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.git_mv(A, "articles/vitamin-d.Md");
    t.edit(S, "article: vitamin-d.md", "article: vitamin-d.Md");
    t.edit(
        "articles/vitamin-d.Md",
        "need 15 micrograms",
        "need 50 micrograms",
    );
    t.commit(WRITER, "Rename");
    let (exit, doc) = gate(&t, &base);
    assert_eq!(exit, 1, "{:#?}", listing(&doc));
    assert!(doc.with("FC057").is_empty(), "{:#?}", listing(&doc));
    stale(&doc, &["fifteen-micrograms"]);
}

#[test]
fn deleting_the_sidecar_drops_the_article() {
    let t = honest("standard");
    let base = t.head().to_string();
    std::fs::remove_file(t.path().join(S)).unwrap();
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    t.commit(WRITER, "Clean up");

    blocks_with(&t, &base, "FC057", &[A]);
}

/// A new article with no sidecar at `rel` blocks the gate (FC004 is an error).
fn untracked_blocks(rel: &str) {
    let t = honest("standard");
    let base = t.head().to_string();
    t.write(
        rel,
        "# Sunlight\n\nTen minutes of midday sun makes all the vitamin D an adult needs.\n",
    );
    t.commit(WRITER, "New article");
    let tree = t.repo.head().unwrap().peel_to_tree().unwrap();
    assert!(tree.get_path(std::path::Path::new(rel)).is_ok());

    let (exit, doc) = gate(&t, &base);
    assert!(
        exit == 1
            && doc
                .with("FC004")
                .iter()
                .any(|f| f.severity == "error" && f.file == rel),
        "expected FC004 as an error on {rel}; exit {exit}:\n{:#?}",
        listing(&doc)
    );
}

#[test]
fn a_new_article_without_a_sidecar_blocks() {
    untracked_blocks("articles/sunlight.md");
}

#[test]
fn an_article_under_a_target_directory_is_seen() {
    untracked_blocks("articles/target/sunlight.md");
}

#[test]
fn an_article_under_a_hidden_directory_is_seen() {
    untracked_blocks("articles/.drafts/sunlight.md");
}

/// A new article whose extension is in capitals is an article (`post.MD` is a post on Jekyll,
/// Hugo and Eleventy): without a sidecar it blocks, like any new article.
#[test]
fn an_article_with_a_capitalised_extension_is_an_article() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.write("articles/new.MD", "# New\n\nFish oil cures colds.\n");
    t.commit(WRITER, "New post");
    blocks_with(&t, &base, "FC004", &["articles/new.MD"]);
}

/// A page the site publishes that no glob covers is a warning: on a Hugo site whose globs
/// name `content/posts/`, a post under `content/news/` or a `.markdown` post is never read.
#[test]
fn a_page_no_glob_covers_is_reported() {
    let t = TestRepo::newsroom("light");
    let config = t
        .read("factcheck.yaml")
        .replace("articles/**/*.md", "content/posts/**/*.md");
    t.write("factcheck.yaml", &config);
    t.write("hugo.toml", "baseURL = 'https://example.org/'\n");
    std::fs::remove_file(t.path().join(A)).unwrap();
    t.write("content/posts/hello.md", "Hello.\n");
    t.commit(EDITOR, "Hugo newsroom");
    let base = t.head().to_string();
    t.write(
        "content/news/flu.md",
        "---\ntitle: Flu\n---\nFlu shots are 90% effective.\n",
    );
    t.write("content/posts/cold.markdown", "Zinc cures colds.\n");
    t.write("README.md", "# Our newsroom\n");
    t.commit(WRITER, "Two posts");
    let (_, doc) = gate(&t, &base);
    has(&doc, "FC058", &["content/news/flu.md"]);
    has(&doc, "FC058", &["content/posts/cold.markdown"]);
    assert!(
        !doc.with("FC058").iter().any(|f| f.file == "README.md"),
        "{:#?}",
        listing(&doc)
    );
}
