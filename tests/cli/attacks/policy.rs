//! Relaxing the policy in the pull request it judges: a laxer workflow, findings turned off, a
//! role granted on the branch, a generator or site file that changes which files are articles or
//! how they read. The gate reads the policy of the base only and reports the change (FC056);
//! an editor's own policy change passes.

use super::*;

#[test]
fn switching_to_a_laxer_workflow_changes_no_finding() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit("factcheck.yaml", "workflow: standard", "workflow: light");
    // An edit the editor has not seen: under `standard` their sign-off is stale.
    t.edit(A, "Some people say", "Many people say");
    t.commit(WRITER, "Lighter process for explainers");

    let doc = blocks_with(&t, &base, "FC056", &["factcheck.yaml"]);
    has(&doc, "FC033", &[]);
}

/// The newsroom's own workflow file: `standard`, spelled out.
const OURS: &str = "name: ours\ndescription: The newsroom's workflow.\npublishable_statuses: [verified, opinion]\nclaims:\n  min_sources: 1\n  signoff_roles: [fact-checker]\narticle:\n  signoff_roles: [editor]\n  stale_on: any-edit\nseparation_of_duties: true\ncoverage: warn\nexcluded_sections: [Comments]\n";

#[test]
fn turning_findings_off_in_the_local_workflow_changes_no_finding() {
    let t = TestRepo::newsroom("standard");
    t.edit(
        "factcheck.yaml",
        "workflow: standard",
        "workflow: workflows/ours.yaml",
    );
    t.write("workflows/ours.yaml", OURS);
    let t = main_line(t);
    let base = t.head().to_string();
    t.write(
        "workflows/ours.yaml",
        &format!(
            "{OURS}severity:\n  stale-claim-signoff: off\n  forged-signoff: off\n  stale-article-signoff: off\n"
        ),
    );
    t.edit(A, "need 15 micrograms", "need 50 micrograms");
    t.edit(
        S,
        "exact: Most adults need 15",
        "exact: Most adults need 50",
    );
    t.commit(WRITER, "Quieter checks; update the dose");

    let doc = blocks_with(&t, &base, "FC056", &["workflows/ours.yaml"]);
    stale(&doc, &["fifteen-micrograms"]);
}

#[test]
fn a_writer_turning_a_finding_off_on_a_branch_is_a_policy_change() {
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(EDITOR, "newsroom");
    let base = t.head().to_string();
    let config = t.read("factcheck.yaml");
    t.write(
        "factcheck.yaml",
        &format!("{config}severity:\n  status-not-publishable: off\n"),
    );
    t.commit(WRITER, "quiet the gate");
    let r = t.expect(
        EDITOR,
        &["check", "--changed-since", &base, "--format", "json"],
        1,
    );
    let doc = r.json();
    assert!(!doc.with("FC056").is_empty(), "{:?}", doc.codes());
    // Judged by the base's policy: the unverified claims still block.
    assert!(!doc.with("FC010").is_empty(), "{:?}", doc.codes());
}

#[test]
fn a_branch_cannot_grant_itself_a_fact_checker() {
    let mallory = "mallory@example.org";
    let t = TestRepo::newsroom("standard");
    t.tracked();
    t.commit(EDITOR, "Main line");
    let main = t.head().to_string();
    // On the branch: Mallory adds herself as a fact-checker, then signs off.
    t.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {mallory}\n    roles: [fact-checker]\n"),
    );
    t.commit(mallory, "Add a fact-checker");
    t.ok(mallory, &["verify", A, "absorb-calcium"]);
    t.commit(mallory, "Verify");
    // Against the pull request's base, the role did not exist; and the roster change itself
    // is not an editor's.
    let found = provenance(&t, &["--changed-since", &main]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "FC052");
    assert_eq!(found[1].0, "FC056");
    assert!(
        found[0].1.contains("did not hold the role fact-checker"),
        "{}",
        found[0].1
    );

    // Granting and signing in one commit is caught even without a base.
    let u = TestRepo::newsroom("standard");
    u.tracked();
    u.commit(EDITOR, "Main line");
    u.edit(
        "factcheck.yaml",
        "people:\n",
        &format!("people:\n  - email: {mallory}\n    roles: [fact-checker]\n"),
    );
    u.ok(mallory, &["verify", A, "absorb-calcium"]);
    u.commit(mallory, "Grant and verify");
    let found = provenance(&u, &[]);
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["FC052"]
    );
}

/// The writer makes herself an editor on the branch, then deletes the disputed claim: roles
/// are the base's, and the policy change is not an editor's.
#[test]
fn an_editor_role_granted_on_the_branch_does_not_allow_removals() {
    let t = disputed();
    let base = t.head().to_string();
    t.edit(
        "factcheck.yaml",
        &format!("email: {WRITER}\n    roles: [writer]"),
        &format!("email: {WRITER}\n    roles: [writer, editor]"),
    );
    t.commit(WRITER, "I edit the health desk now");
    let mut v = load(&t);
    drop_claim(&mut v, "fifteen-micrograms");
    store(&t, &v);
    t.commit(WRITER, "Drop a claim");

    let doc = blocks_with(&t, &base, "FC055", &["fifteen-micrograms"]);
    has(&doc, "FC056", &["factcheck.yaml"]);
}

/// An Astro site whose articles are `.mdx` (taken by the `.md` glob on an MDX site).
fn astro_site() -> TestRepo {
    let t = TestRepo::newsroom("light");
    let mdx = "articles/vitamin-d.mdx";
    std::fs::rename(t.path().join(A), t.path().join(mdx)).unwrap();
    t.write("astro.config.mjs", "export default {};\n");
    t.commit(EDITOR, "Astro newsroom");
    t.ok(WRITER, &["track", mdx]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            mdx,
            "--id",
            "dose",
            "--quote",
            "Most adults need 15 micrograms of vitamin D a day.",
        ],
    );
    t.commit(WRITER, "Draft");
    ok_at(&t, &day(2), CHECKER, &["verify", mdx, "dose"]);
    t.commit(CHECKER, "Fact-check");
    t
}

/// Adding `.eleventy.js` to an Astro site makes it an Eleventy site, whose `.md` globs no
/// longer take `.mdx` files: every article would silently leave the gate after the merge. The
/// generator file is policy (FC056), and the articles it would drop are named (FC057).
#[test]
fn adding_a_generator_file_is_a_policy_change() {
    let t = astro_site();
    let base = t.head().to_string();
    t.write(".eleventy.js", "module.exports = {};\n");
    t.commit(WRITER, "Build with Eleventy");
    let doc = blocks_with(&t, &base, "FC056", &[".eleventy.js", WRITER]);
    has(
        &doc,
        "FC057",
        &["articles/vitamin-d.mdx", "would no longer"],
    );
}

/// The variant: a Hugo marker added to a shared `config.toml` names another generator.
#[test]
fn editing_a_shared_site_config_is_a_policy_change() {
    let t = honest("standard");
    t.write("config.toml", "title = 'News'\n");
    t.commit(EDITOR, "Site title");
    let base = t.head().to_string();
    t.write(
        "config.toml",
        "title = 'News'\nbaseURL = 'https://example.org/'\n",
    );
    t.commit(WRITER, "Site URL");
    blocks_with(&t, &base, "FC056", &["config.toml"]);
}

/// Hugo also reads its configuration from `config/_default/`, where `contentDir` or a content
/// mount changes which files are pages (every article could leave the gate): every file there
/// is policy.
#[test]
fn hugos_configuration_folder_is_policy() {
    for (file, text) in [
        ("config/_default/hugo.toml", "contentDir = 'site-content'\n"),
        (
            "config/_default/module.toml",
            "[[mounts]]\nsource = 'site-content'\ntarget = 'content'\n",
        ),
    ] {
        let (t, base) = site_line(
            "standard",
            "hugo.toml",
            "baseURL = 'https://example.org/'\n",
        );
        t.write(file, text);
        t.commit(WRITER, "Content folder");
        blocks_with(&t, &base, "FC056", &[file, WRITER]);
    }
}

/// The site's own machinery is policy: a Jekyll layout can print other words in place of every
/// article, a style sheet can hide or add words on every page. Neither is an article, so
/// only as policy can the gate see them.
#[test]
fn layouts_and_style_sheets_are_policy() {
    for (file, text) in [
        (
            "_layouts/post.html",
            "{{ content | replace: \"helps\", \"harms\" }}\n",
        ),
        ("assets/site.css", "p::after { content: \" (not)\" }\n"),
    ] {
        let (t, base) = site_line("standard", "_config.yml", "title: x\n");
        t.write(file, text);
        t.commit(WRITER, "Design");
        blocks_with(&t, &base, "FC056", &[file, WRITER]);
    }
}

/// A writer's branch adds a `hugo.toml` to a plain Markdown site: Hugo would hide a template
/// comment, but the site is not built with Hugo, so its readers see the words. The branch is
/// read as its base reads it; only the working tree's own `check` follows the new file.
#[test]
fn a_branch_cannot_change_the_generator_its_own_text_is_read_with() {
    let t = TestRepo::newsroom("standard");
    t.write(
        A,
        "# Carrots\n\nCarrots are orange.\n\n{{/* Carrots improve night vision by half */}}\n",
    );
    t.ok(WRITER, &["track", A]);
    t.ok(
        WRITER,
        &[
            "claim",
            "add",
            A,
            "--id",
            "vision",
            "--quote",
            "Carrots improve night vision by half",
        ],
    );
    t.commit(WRITER, "a plain Markdown site");
    let base = t.head().to_string();
    t.write("hugo.toml", "baseURL = 'https://example.org/'\n");
    t.edit(A, "Carrots are orange.", "Carrots are orange vegetables.");
    t.commit(WRITER, "read it as Hugo");
    // The working tree now reads as Hugo: the commented words are not text.
    let here = t.check(1);
    has(&here, "FC001", &["vision"]);
    // The pull-request gate reads the branch as the base does: the claim is where readers see it.
    let (_, doc) = gate(&t, &base);
    assert!(doc.with("FC001").is_empty(), "{:#?}", listing(&doc));
    assert!(
        doc.articles.iter().any(|a| a.article == A),
        "{:#?}",
        listing(&doc)
    );
}

#[test]
fn honest_workflow_change_by_the_editor_passes() {
    let t = honest("standard");
    let base = t.head().to_string();
    t.edit("factcheck.yaml", "workflow: standard", "workflow: light");
    t.commit(EDITOR, "Explainers move to the light workflow");

    passes(&t, &base);
}
