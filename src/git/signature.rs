//! Git SSH commit signatures, verified in-process.
//!
//! An author email is a claim anyone can type (`git -c user.email=...`); a signature made with
//! a key the newsroom lists for the person in `factcheck.yaml` (`signing-keys`) is not. Git
//! signs a commit with SSH by running `ssh-keygen -Y sign -n git` over the commit object
//! without its `gpgsig` header and storing the armored SSHSIG blob in that header. This module
//! checks such a signature with RustCrypto's `ssh-key` (no `ssh-keygen`, no `git`: the gate
//! reads git through libgit2 only): the blob must be well formed, made for the namespace
//! `git`, verify over exactly the commit's signed data, and come from one of the person's keys.
//!
//! Key lines are in `authorized_keys` form (`[options] type base64 [comment]`), so a newsroom
//! can paste a line from a person's `~/.ssh/*.pub` or their forge profile. Options are accepted
//! and ignored: none of them restricts what a commit signature may be.

use std::fmt;

use ssh_key::{Algorithm, HashAlg, PublicKey, SshSig};

use crate::model::config::{Config, Signatures};

/// The SSHSIG namespace git signs commits and tags in; a signature made for another
/// namespace (a file signed with `ssh-keygen -Y sign -n file`) must not pass for a commit.
const NAMESPACE: &str = "git";

/// The armor line of an SSH signature in a `gpgsig` header.
const SSH_ARMOR: &str = "-----BEGIN SSH SIGNATURE-----";

/// Armor lines of the signatures git makes with `gpg.format` `openpgp` and `x509`.
const OTHER_ARMORS: [&str; 3] = [
    "-----BEGIN PGP SIGNATURE-----",
    "-----BEGIN PGP MESSAGE-----",
    "-----BEGIN SIGNED MESSAGE-----",
];

/// Why a commit does not count as signed by the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsigned {
    /// The commit carries no signature at all.
    NotSigned,
    /// It carries an OpenPGP or X.509 signature; only SSH signatures are verified.
    NotSsh,
    /// The signature is malformed or does not verify (says why).
    Invalid(String),
    /// It verifies, but with a key the person does not list (its SHA256 fingerprint).
    OtherKey(String),
    /// The person lists no key (or none that parses).
    NoKeys,
}

/// Short phrases meant to follow "commit abc1234 " in a finding; the person is "they" because
/// the caller, not this module, knows who the record names.
impl fmt::Display for Unsigned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsigned::NotSigned => write!(f, "is not signed"),
            Unsigned::NotSsh => write!(
                f,
                "is signed with OpenPGP or X.509, and only SSH signatures are verified"
            ),
            Unsigned::Invalid(why) => write!(f, "has a signature that does not verify: {why}"),
            Unsigned::OtherKey(fingerprint) => write!(
                f,
                "is signed with a key not in their `signing-keys` ({fingerprint})"
            ),
            Unsigned::NoKeys => write!(f, "cannot be checked: they list no `signing-keys`"),
        }
    }
}

/// Whether `commit` is signed with one of `keys` (authorized_keys lines).
///
/// Checked in this order, so the first reason found is the one to fix first: the person lists
/// a usable key ([`Unsigned::NoKeys`]), the commit has a signature ([`Unsigned::NotSigned`]),
/// it is an SSH one ([`Unsigned::NotSsh`]), it parses, is for the namespace `git` and verifies
/// over the commit's signed data with the key it names ([`Unsigned::Invalid`]), and that key
/// is one of `keys` ([`Unsigned::OtherKey`]). Lines that do not parse are skipped here: config
/// loading rejects them with [`parse_key`] before any check runs.
pub fn verify_commit(
    repo: &git2::Repository,
    commit: git2::Oid,
    keys: &[String],
) -> Result<(), Unsigned> {
    let listed: Vec<PublicKey> = keys.iter().filter_map(|k| parse_key(k).ok()).collect();
    if listed.is_empty() {
        return Err(Unsigned::NoKeys);
    }
    let (armored, signed_data) = signed_parts(repo, commit)?;
    let signature = SshSig::from_pem(armored.trim_end())
        .map_err(|e| Unsigned::Invalid(format!("the SSH signature cannot be read ({e})")))?;
    verify(&signature, &signed_data, &listed)
}

/// The commit's `gpgsig` header (as SSH armor) and the data it signs: the commit object
/// without that header, exactly as libgit2 extracts it.
fn signed_parts(repo: &git2::Repository, commit: git2::Oid) -> Result<(String, Vec<u8>), Unsigned> {
    // Looked up first so that a missing commit is not mistaken for an unsigned one: libgit2
    // reports both as "not found".
    repo.find_commit(commit)
        .map_err(|e| Unsigned::Invalid(format!("cannot read commit {commit}: {}", e.message())))?;
    let (signature, data) = repo.extract_signature(&commit, None).map_err(|e| {
        if e.code() == git2::ErrorCode::NotFound {
            Unsigned::NotSigned
        } else {
            Unsigned::Invalid(format!("cannot read the signature: {}", e.message()))
        }
    })?;
    let armored = String::from_utf8_lossy(&signature).into_owned();
    let start = armored.trim_start();
    if OTHER_ARMORS.iter().any(|a| start.starts_with(a)) {
        return Err(Unsigned::NotSsh);
    }
    if !start.starts_with(SSH_ARMOR) {
        return Err(Unsigned::Invalid(
            "the gpgsig header holds no armored signature".into(),
        ));
    }
    Ok((start.to_owned(), data.to_vec()))
}

/// Checks `signature` over `data` for the namespace `git`, then whether its key is listed.
/// The cryptographic check comes first: a blob that does not verify names a key nobody has
/// shown to hold, so it is reported as invalid rather than as someone else's key.
fn verify(signature: &SshSig, data: &[u8], listed: &[PublicKey]) -> Result<(), Unsigned> {
    if signature.namespace() != NAMESPACE {
        return Err(Unsigned::Invalid(format!(
            "it was made for the namespace `{}`, not `{NAMESPACE}`",
            signature.namespace()
        )));
    }
    let signer = PublicKey::from(signature.public_key().clone());
    signer
        .verify(NAMESPACE, data, signature)
        .map_err(|e| {
            Unsigned::Invalid(format!(
                "it does not match the commit: the commit was changed after signing, or the signature is damaged ({e})"
            ))
        })?;
    if listed.iter().any(|k| k.key_data() == signer.key_data()) {
        Ok(())
    } else {
        Err(Unsigned::OtherKey(
            signer.fingerprint(HashAlg::Sha256).to_string(),
        ))
    }
}

/// Parses one `signing-keys` line (`[options] type base64 [comment]`) into a key that
/// signatures can be verified with, or says what is wrong with it (a predicate: "the signing
/// key {error}"). Config loading calls this
/// so that a pasted key cut short is an input error, not a commit that never verifies.
pub fn parse_key(line: &str) -> Result<PublicKey, String> {
    let key = without_options(line.trim());
    let mut words = key.split_ascii_whitespace();
    let (Some(kind), Some(base64)) = (words.next(), words.next()) else {
        return Err("is incomplete: expected `type base64 [comment]`, as in a `.pub` file".into());
    };
    let public = PublicKey::from_openssh(&format!("{kind} {base64}")).map_err(|e| {
        format!(
            "`{kind} {}` is not an SSH public key ({e})",
            abbreviate(base64)
        )
    })?;
    supported(&public.algorithm())?;
    strong_enough(&public)?;
    Ok(public)
}

/// The line without its leading `authorized_keys` options, if it has any: options come first
/// and end at the first blank outside double quotes (`command="a b"` holds a space). A first
/// word is a key type when it names an algorithm and has no `=` or `"`, which every option
/// with a value has (`principals="a@b"` would otherwise pass for a `name@domain` algorithm).
fn without_options(line: &str) -> &str {
    let first = line.split_ascii_whitespace().next().unwrap_or_default();
    if Algorithm::new(first).is_ok() && !first.contains(['=', '"']) {
        return line;
    }
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => return line[i..].trim_start(),
            _ => {}
        }
    }
    line
}

/// Refuses key types whose signatures cannot be checked here (DSA, which OpenSSH itself no
/// longer signs with, and types unknown to the crate), so they fail at config load.
fn supported(algorithm: &Algorithm) -> Result<(), String> {
    match algorithm {
        Algorithm::Ed25519
        | Algorithm::Ecdsa { .. }
        | Algorithm::Rsa { .. }
        | Algorithm::SkEd25519
        | Algorithm::SkEcdsaSha2NistP256 => Ok(()),
        other => Err(format!(
            "is an `{other}` key, which cannot be verified; use an ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa key"
        )),
    }
}

/// The fewest bits an RSA key may have: `ssh-key` refuses to verify with a smaller one, so such a
/// key is refused when the config loads rather than failing every commit it signed.
const MIN_RSA_BITS: usize = 2048;

/// Refuses RSA keys shorter than [`MIN_RSA_BITS`].
fn strong_enough(key: &PublicKey) -> Result<(), String> {
    let Some(rsa) = key.key_data().rsa() else {
        return Ok(());
    };
    let modulus = rsa.n.as_positive_bytes().unwrap_or_default();
    let bits = match modulus.first() {
        Some(top) => modulus.len() * 8 - top.leading_zeros() as usize,
        None => 0,
    };
    if bits < MIN_RSA_BITS {
        return Err(format!(
            "is a {bits}-bit RSA key; signatures are verified only with RSA keys of {MIN_RSA_BITS} bits or more (or use ssh-ed25519)"
        ));
    }
    Ok(())
}

/// The first characters of a long base64 blob, enough to recognise it in an error.
fn abbreviate(base64: &str) -> String {
    match base64.char_indices().nth(16) {
        Some((i, _)) => format!("{}...", &base64[..i]),
        None => base64.to_owned(),
    }
}

/// Why `commit` does not prove, under `config`'s policy, that `email` made it: `None` when
/// signatures are optional or it is signed with one of their `signing-keys`.
pub fn unsigned(
    config: &Config,
    repo: &git2::Repository,
    commit: git2::Oid,
    email: &str,
) -> Option<Unsigned> {
    if config.provenance.signatures != Signatures::Required {
        return None;
    }
    let keys = config
        .person(email)
        .map_or(&[][..], |p| &p.signing_keys[..]);
    verify_commit(repo, commit, keys).err()
}

#[cfg(test)]
mod tests {
    //! Real signatures: commits signed by the `git` CLI with keys from `ssh-keygen`, in a
    //! repository and home of their own so the user's git config (a signing key, hooks,
    //! `commit.gpgsign`) cannot leak in.

    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::*;

    /// A scratch home and repository, and the tools to sign in it.
    struct Sandbox {
        dir: tempfile::TempDir,
        repo: git2::Repository,
    }

    /// Whether `git` and `ssh-keygen` can be started. Without them the tests cannot sign
    /// anything: that fails CI (`CI=true`, where `.ci/run` installs both) and is a loud notice
    /// elsewhere.
    fn tools_present() -> bool {
        let missing: Vec<&str> = ["git", "ssh-keygen"]
            .into_iter()
            .filter(|tool| Command::new(tool).arg("--version").output().is_err())
            .collect();
        if missing.is_empty() {
            return true;
        }
        let notice = format!(
            "NOTICE: {} not installed; the SSH signature tests did not run",
            missing.join(" and ")
        );
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{notice}");
        // Written to the stream itself: the test harness captures `eprintln!` of passing tests.
        let _ = writeln!(std::io::stderr(), "\n{notice}\n");
        false
    }

    impl Sandbox {
        fn new() -> Option<Sandbox> {
            if !tools_present() {
                return None;
            }
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("home")).unwrap();
            std::fs::write(
                dir.path().join("home/gitconfig"),
                "[user]\n\tname = Carl\n\temail = carl@example.org\n",
            )
            .unwrap();
            let repo = git2::Repository::init(dir.path().join("repo")).unwrap();
            Some(Sandbox { dir, repo })
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.dir.path().join(rel)
        }

        /// `program args` in the repository, isolated from the user's configuration.
        fn run(&self, program: &str, args: &[&str]) -> String {
            let out = Command::new(program)
                .args(args)
                .current_dir(self.path("repo"))
                .env("HOME", self.path("home"))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", self.path("home/gitconfig"))
                .env_remove("SSH_AUTH_SOCK")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{program} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        }

        /// A new key pair (`ssh-keygen -t kind [-b bits]`): the private key's path and the
        /// public key line.
        fn key(&self, name: &str, kind: &str, bits: Option<&str>) -> (PathBuf, String) {
            let private = self.path(&format!("home/{name}"));
            let mut args = vec!["-q", "-t", kind, "-N", "", "-C", "carl@laptop"];
            if let Some(b) = bits {
                args.extend(["-b", b]);
            }
            args.extend(["-f", private.to_str().unwrap()]);
            self.run("ssh-keygen", &args);
            let public = std::fs::read_to_string(private.with_extension("pub")).unwrap();
            (private, public.trim().to_owned())
        }

        /// Writes a file and commits it with the git CLI, signed with `key` when given.
        fn commit(&self, file: &str, key: Option<&Path>) -> git2::Oid {
            std::fs::write(self.path("repo").join(file), format!("{file}\n")).unwrap();
            self.run("git", &["add", file]);
            let signing = key.map(|k| format!("user.signingkey={}", k.display()));
            let mut args = Vec::new();
            if let Some(s) = &signing {
                args.extend(["-c", "gpg.format=ssh", "-c", s.as_str()]);
            }
            args.extend(["commit", "-q", "-m", file]);
            if key.is_some() {
                args.push("-S");
            }
            self.run("git", &args);
            self.repo.head().unwrap().peel_to_commit().unwrap().id()
        }

        /// A commit object whose content is `content` with `signature` in its `gpgsig` header.
        fn forge(&self, content: &[u8], signature: &str) -> git2::Oid {
            let content = std::str::from_utf8(content).unwrap();
            self.repo.commit_signed(content, signature, None).unwrap()
        }

        /// The `gpgsig` header and the signed data of `commit`.
        fn parts(&self, commit: git2::Oid) -> (String, Vec<u8>) {
            let (sig, data) = self.repo.extract_signature(&commit, None).unwrap();
            (sig.as_str().unwrap().to_owned(), data.to_vec())
        }
    }

    /// A public key `ssh-keygen -t ed25519 -C carl@laptop` made once.
    const CARL: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINKehsIRaKXBi606fQlTrniKLMe4S6Vaj3K5EeVTmRre carl@laptop";

    #[test]
    fn key_lines_parse_with_options_and_comments() {
        let plain = parse_key(CARL).unwrap();
        let cases = [
            format!("  {CARL}\n"),
            CARL.replace(" carl@laptop", ""),
            format!("{CARL} and more words"),
            format!("restrict {CARL}"),
            CARL.replace(' ', "\t"),
            format!("restrict {}", CARL.replace(" carl@laptop", "")),
            format!("command=\"echo a b\",principals=\"carl@example.org\" {CARL}"),
        ];
        for line in cases {
            let key = parse_key(&line).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(key.key_data(), plain.key_data(), "{line}");
        }
        assert_eq!(
            plain.fingerprint(HashAlg::Sha256).to_string(),
            "SHA256:wHUL5yu9AZD1HTIkMrzWeWXQMLHbO+yXNz/BgB58eIQ"
        );
    }

    #[test]
    fn broken_key_lines_say_what_is_wrong() {
        let cut = &CARL[..40];
        for (line, says) in [
            ("", "expected `type base64"),
            ("ssh-ed25519", "expected `type base64"),
            (cut, "is not an SSH public key"),
            (
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINKehsIR carl",
                "is not an SSH public key",
            ),
            (
                "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAINKehsIRaKXBi606fQlTrniKLMe4S6Vaj3K5EeVTmRre",
                "is not an SSH public key",
            ),
        ] {
            let err = parse_key(line).unwrap_err();
            assert!(err.contains(says), "{line:?}: {err}");
        }
        let dsa = supported(&Algorithm::Dsa).unwrap_err();
        assert!(dsa.starts_with("is an `ssh-dss` key"), "{dsa}");
    }

    #[test]
    fn a_commit_signed_with_a_listed_ed25519_key_verifies() {
        let Some(s) = Sandbox::new() else { return };
        let (private, public) = s.key("carl", "ed25519", None);
        let commit = s.commit("a.md", Some(&private));
        assert_eq!(verify_commit(&s.repo, commit, &[public]), Ok(()));
    }

    #[test]
    fn any_listed_key_will_do() {
        let Some(s) = Sandbox::new() else { return };
        let (_, laptop) = s.key("laptop", "ed25519", None);
        let (desktop_private, desktop) = s.key("desktop", "ed25519", None);
        let commit = s.commit("a.md", Some(&desktop_private));
        assert_eq!(verify_commit(&s.repo, commit, &[laptop, desktop]), Ok(()));
    }

    #[test]
    fn ecdsa_and_rsa_keys_verify() {
        let Some(s) = Sandbox::new() else { return };
        let kinds = [
            ("p256", "ecdsa", Some("256")),
            ("p384", "ecdsa", Some("384")),
            ("p521", "ecdsa", Some("521")),
            ("rsa", "rsa", Some("2048")),
        ];
        for (name, kind, bits) in kinds {
            let (private, public) = s.key(name, kind, bits);
            let commit = s.commit(&format!("{name}.md"), Some(&private));
            assert_eq!(verify_commit(&s.repo, commit, &[public]), Ok(()), "{name}");
        }
    }

    #[test]
    fn a_short_rsa_key_is_refused_when_read() {
        let Some(s) = Sandbox::new() else { return };
        let (_, public) = s.key("rsa1024", "rsa", Some("1024"));
        let err = parse_key(&public).unwrap_err();
        assert!(err.contains("is a 1024-bit RSA key"), "{err}");
        let (_, public) = s.key("rsa3072", "rsa", Some("3072"));
        assert!(parse_key(&public).is_ok());
    }

    #[test]
    fn an_unsigned_commit_is_not_signed() {
        let Some(s) = Sandbox::new() else { return };
        let (_, public) = s.key("carl", "ed25519", None);
        let commit = s.commit("a.md", None);
        assert_eq!(
            verify_commit(&s.repo, commit, &[public]),
            Err(Unsigned::NotSigned)
        );
        assert_eq!(Unsigned::NotSigned.to_string(), "is not signed");
    }

    #[test]
    fn a_key_the_person_does_not_list_is_named_by_its_fingerprint() {
        let Some(s) = Sandbox::new() else { return };
        let (_, listed) = s.key("carl", "ed25519", None);
        let (other_private, _) = s.key("mallory", "ed25519", None);
        let commit = s.commit("a.md", Some(&other_private));
        let fingerprint = s.run(
            "ssh-keygen",
            &["-l", "-E", "sha256", "-f", other_private.to_str().unwrap()],
        );
        let fingerprint = fingerprint.split_whitespace().nth(1).unwrap().to_owned();
        assert!(fingerprint.starts_with("SHA256:"), "{fingerprint}");
        let result = verify_commit(&s.repo, commit, &[listed]);
        assert_eq!(result, Err(Unsigned::OtherKey(fingerprint.clone())));
        assert!(
            result.unwrap_err().to_string().contains(&fingerprint),
            "the message names the key"
        );
    }

    #[test]
    fn a_signature_copied_onto_altered_content_is_invalid() {
        let Some(s) = Sandbox::new() else { return };
        let (private, public) = s.key("carl", "ed25519", None);
        let signed = s.commit("a.md", Some(&private));
        let (signature, data) = s.parts(signed);
        let altered = String::from_utf8(data)
            .unwrap()
            .replace("\na.md\n", "\nsomething else\n");
        assert!(altered.ends_with("\nsomething else\n"), "{altered}");
        let forged = s.forge(altered.as_bytes(), &signature);
        let result = verify_commit(&s.repo, forged, &[public]);
        let Err(Unsigned::Invalid(why)) = result else {
            panic!("{result:?}")
        };
        assert!(why.contains("does not match the commit"), "{why}");
    }

    #[test]
    fn a_signature_made_for_another_namespace_is_invalid() {
        let Some(s) = Sandbox::new() else { return };
        let (private, public) = s.key("carl", "ed25519", None);
        let unsigned = s.commit("a.md", None);
        let whole = s
            .repo
            .odb()
            .unwrap()
            .read(unsigned)
            .unwrap()
            .data()
            .to_vec();
        let file = s.path("home/commit");
        std::fs::write(&file, &whole).unwrap();
        s.run(
            "ssh-keygen",
            &[
                "-q",
                "-Y",
                "sign",
                "-n",
                "file",
                "-f",
                private.to_str().unwrap(),
                file.to_str().unwrap(),
            ],
        );
        let signature = std::fs::read_to_string(file.with_extension("sig")).unwrap();
        let forged = s.forge(&whole, signature.trim_end());
        let result = verify_commit(&s.repo, forged, &[public]);
        let Err(Unsigned::Invalid(why)) = result else {
            panic!("{result:?}")
        };
        assert!(why.contains("namespace `file`"), "{why}");
    }

    #[test]
    fn an_openpgp_signature_is_not_ssh() {
        let Some(s) = Sandbox::new() else { return };
        let (private, public) = s.key("carl", "ed25519", None);
        let (_, data) = s.parts(s.commit("a.md", Some(&private)));
        let pgp = "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----";
        let forged = s.forge(&data, pgp);
        assert_eq!(
            verify_commit(&s.repo, forged, &[public]),
            Err(Unsigned::NotSsh)
        );
    }

    #[test]
    fn a_missing_commit_is_not_taken_for_an_unsigned_one() {
        let Some(s) = Sandbox::new() else { return };
        let result = verify_commit(&s.repo, git2::Oid::ZERO_SHA1, &[CARL.into()]);
        let Err(Unsigned::Invalid(why)) = result else {
            panic!("{result:?}")
        };
        assert!(why.starts_with("cannot read commit 0000000"), "{why}");
    }

    #[test]
    fn no_usable_key_is_no_keys() {
        let Some(s) = Sandbox::new() else { return };
        let (private, _) = s.key("carl", "ed25519", None);
        let commit = s.commit("a.md", Some(&private));
        assert_eq!(verify_commit(&s.repo, commit, &[]), Err(Unsigned::NoKeys));
        assert_eq!(
            verify_commit(&s.repo, commit, &["ssh-ed25519 AAAAtypo".into()]),
            Err(Unsigned::NoKeys)
        );
    }

    #[test]
    fn a_key_line_with_options_and_a_comment_verifies() {
        let Some(s) = Sandbox::new() else { return };
        let (private, public) = s.key("carl", "ed25519", None);
        let commit = s.commit("a.md", Some(&private));
        let with_options =
            format!("no-touch-required,command=\"echo a b\" {public} Carl's laptop, 2026");
        assert!(parse_key(&with_options).is_ok());
        assert_eq!(verify_commit(&s.repo, commit, &[with_options]), Ok(()));
    }
}
