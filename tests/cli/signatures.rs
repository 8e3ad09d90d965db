//! Signed commits (issue #16 item 6): `signing-keys` in `people` and the `provenance:` policy
//! load from factcheck.yaml, and a key line that is not a usable SSH public key stops every
//! command at load time, located, rather than making every signature check fail later.
//! Verifying signatures themselves is tested in `src/signature.rs`, with commits signed by
//! the real `git` and `ssh-keygen`.

use crate::support::*;

/// An ed25519 public key, as `ssh-keygen -t ed25519 -C carl@laptop` writes it.
const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINKehsIRaKXBi606fQlTrniKLMe4S6Vaj3K5EeVTmRre carl@laptop";

/// The newsroom with `keys` listed for the fact-checker (as YAML list items) and `policy`
/// (YAML lines) at the top of factcheck.yaml.
fn newsroom_with(keys: &[&str], policy: &str) -> TestRepo {
    let t = TestRepo::newsroom("standard");
    let items: String = keys.iter().map(|k| format!("      - {k}\n")).collect();
    t.edit(
        "factcheck.yaml",
        "    roles: [fact-checker]\n",
        &format!("    roles: [fact-checker]\n    signing-keys:\n{items}"),
    );
    let config = t.read("factcheck.yaml");
    t.write("factcheck.yaml", &format!("{policy}{config}"));
    t
}

#[test]
fn signing_keys_and_the_signature_policy_load() {
    let quoted = format!("'no-touch-required,command=\"echo a b\" {KEY}'");
    let t = newsroom_with(&[KEY, &quoted], "provenance:\n  signatures: required\n");
    t.ok(WRITER, &["track", A]);
    let t = newsroom_with(&[KEY], "provenance: {signatures: optional}\n");
    t.ok(WRITER, &["track", A]);
    let t = newsroom_with(&[KEY], "provenance: {}\n");
    t.ok(WRITER, &["track", A]);
}

#[test]
fn a_key_cut_short_is_an_input_error_at_its_line() {
    let cut = &KEY[..60];
    let t = newsroom_with(&[cut], "");
    let r = t.expect(WRITER, &["track", A], 2);
    assert!(
        r.stderr.contains(
            "factcheck.yaml:9:21: carl@example.org: signing key `ssh-ed25519 AAAAC3NzaC1lZDI1...` is not an SSH public key"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: a signing key is the whole line of a `.pub` file"),
        "{}",
        r.stderr
    );
    assert!(!t.path().join("articles/vitamin-d.claims.yaml").exists());
    // Nothing of an empty key to point at: the error points at the person.
    let t = newsroom_with(&["''"], "");
    let r = t.expect(WRITER, &["track", A], 2);
    assert!(
        r.stderr
            .contains("factcheck.yaml:6:12: carl@example.org: signing key is incomplete"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unknown_policy_value_is_refused() {
    let t = newsroom_with(&[KEY], "provenance:\n  signatures: mandatory\n");
    let r = t.expect(WRITER, &["track", A], 2);
    assert!(
        r.stderr.contains("unknown variant `mandatory`"),
        "{}",
        r.stderr
    );
    let t = newsroom_with(&[KEY], "provenance:\n  signature: required\n");
    let r = t.expect(WRITER, &["track", A], 2);
    assert!(
        r.stderr.contains("unknown field `signature`"),
        "{}",
        r.stderr
    );
}
