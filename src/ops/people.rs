//! `people add|edit|rm`: the roster in `factcheck.yaml`, edited in place.
//!
//! `factcheck.yaml` is written by people, with comments and a layout of their own, so it is
//! never re-serialised: only the lines of the one person changed are rewritten, by a small
//! line editor for the block style `init` writes and people copy. Whatever it writes is parsed
//! again and must read as exactly the intended roster, or nothing is written — a layout it
//! does not understand (a flow-style `people: [...]`, say) is refused with a hint, never
//! mangled.
//!
//! The roster is policy: who may sign what. Only an editor changes it — the pull-request gate
//! reports a policy change not authored by an editor as FC056 — and the last editor stays,
//! or nobody could change it again with factcheck.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Role;
use crate::model::config::{CONFIG_FILE, Config, Person};
use crate::model::rights::Action;
use crate::model::sidecar::Sidecar;
use crate::project::Project;
use crate::text::yaml::scalar;

/// What `people edit` changes; `None` or empty leaves a field as it is.
#[derive(Debug, Default)]
pub struct PersonChange {
    /// Replaces the roles.
    pub roles: Option<Vec<Role>>,
    /// Roles to add.
    pub add_roles: Vec<Role>,
    /// Roles to drop.
    pub drop_roles: Vec<Role>,
    /// New display name; empty removes it.
    pub name: Option<String>,
    /// Replaces the signing keys; an empty list removes them.
    pub signing_keys: Option<Vec<String>>,
}

/// Adds `person` to the roster.
pub fn add(p: &Project, person: Person) -> Result<()> {
    change_roster(p, |people| {
        if people.iter().any(|o| o.email == person.email) {
            return Err(Error::usage_hint(
                format!("{} is already in `people`", person.email),
                format!(
                    "change their entry: factcheck people edit {} …",
                    person.email
                ),
            ));
        }
        people.push(person);
        Ok(())
    })
}

/// Changes a person's entry; returns it as it is now.
pub fn edit(p: &Project, email: &str, change: PersonChange) -> Result<Person> {
    change_roster(p, |people| {
        let i = find(people, email)?;
        let person = &mut people[i];
        if let Some(roles) = change.roles {
            person.roles = roles;
        }
        for r in change.add_roles {
            if !person.has(&r) {
                person.roles.push(r);
            }
        }
        person.roles.retain(|r| !change.drop_roles.contains(r));
        if let Some(name) = change.name {
            person.name = (!name.trim().is_empty()).then_some(name);
        }
        if let Some(keys) = change.signing_keys {
            person.signing_keys = keys;
        }
        Ok(person.clone())
    })
}

/// Removes a person from the roster.
pub fn rm(p: &Project, email: &str) -> Result<()> {
    change_roster(p, |people| {
        let i = find(people, email)?;
        people.remove(i);
        Ok(())
    })
}

/// How many attested records in the project's sidecars name `email` — in `role`, when given
/// — and would no longer count (FC035) once the roster drops them.
pub fn records_by(p: &Project, email: &str, role: Option<&str>) -> Result<usize> {
    let mut n = 0;
    for a in p.articles(&[])? {
        let Ok(loaded) = Sidecar::load(&a) else {
            continue;
        };
        let s = loaded.sidecar;
        let signoffs = s.claims.iter().flat_map(|c| &c.signoffs);
        let pairs = signoffs
            .map(|so| (&so.by, &so.role))
            .chain(s.review.iter().map(|r| (&r.by, &r.role)));
        n += pairs
            .filter(|(by, r)| *by == email && role.is_none_or(|x| x == *r))
            .count();
    }
    Ok(n)
}

fn find(people: &[Person], email: &str) -> Result<usize> {
    people.iter().position(|o| o.email == email).ok_or_else(|| {
        let emails: Vec<&str> = people.iter().map(|o| o.email.as_str()).collect();
        let hint = match crate::text::yaml::closest(email, &emails) {
            Some(b) => format!("did you mean {b}?"),
            None => format!("add them: factcheck people add {email} --role ROLE"),
        };
        Error::usage_hint(format!("{email} is not in `people`"), hint)
    })
}

/// Lets `f` change the roster as an editor, under the lock, then writes `factcheck.yaml`
/// with only the changed people's lines rewritten.
fn change_roster<T>(p: &Project, f: impl FnOnce(&mut Vec<Person>) -> Result<T>) -> Result<T> {
    p.actor(Action::ChangeRoster)?;
    let path = p.root.join(CONFIG_FILE);
    let _lock = crate::io::worktree::lock(&p.root, &path)?;
    let text = crate::io::worktree::read(&p.root, &path)?;
    let before: Config = crate::text::yaml::parse(&text, Path::new(CONFIG_FILE))?;
    let mut people = before.people.clone();
    let out = f(&mut people)?;
    check_people(p, &people)?;
    let new_text = rewrite(&text, &before.people, &people)?;
    let after = p.check_config(&new_text)?;
    if after.people != people {
        return Err(unsupported());
    }
    crate::io::worktree::write(&p.root, &path, &new_text)?;
    Ok(out)
}

/// Refuses what `factcheck.yaml` would refuse, with the flag to fix rather than a position in
/// a file not yet written; and a roster without an editor.
fn check_people(p: &Project, people: &[Person]) -> Result<()> {
    let known = p.workflow.known_roles();
    for person in people {
        if !crate::model::email::is_address(&person.email) {
            return Err(Error::usage_hint(
                format!("`{}` is not an email address", person.email),
                "people are named by the email they act as (--as, FACTCHECK_USER or git's user.email)",
            ));
        }
        if let Some(role) = person.roles.iter().find(|r| !known.contains(&r.as_str())) {
            let hint = match crate::text::yaml::closest(role, &known) {
                Some(b) => format!("did you mean `{b}`?"),
                None => format!("known roles: {}", known.join(", ")),
            };
            return Err(Error::usage_hint(format!("unknown role `{role}`"), hint));
        }
        for key in &person.signing_keys {
            crate::git::signature::parse_key(key).map_err(|why| {
                Error::usage_hint(
                    format!("{}: signing key {why}", person.email),
                    "a signing key is the whole line of a `.pub` file, such as ~/.ssh/id_ed25519.pub",
                )
            })?;
        }
    }
    let keeper = |o: &Person| Action::ChangeRoster.roles().iter().any(|r| o.has(r));
    if !people.iter().any(keeper) {
        return Err(Error::refused(
            "that would leave `people` without an editor, and nobody could change the roster again",
            "make someone else an editor first: factcheck people edit EMAIL --add-role editor",
        ));
    }
    Ok(())
}

fn unsupported() -> Error {
    Error::usage_hint(
        format!(
            "cannot edit the `people:` list of {CONFIG_FILE} in place: it is not in the block style factcheck edits"
        ),
        format!(
            "edit {CONFIG_FILE} by hand, or write `people:` as a block list (`- email: …` with `roles: […]` below)"
        ),
    )
}

/// `text` with the `people:` block changed from `old` to `new`, which differ by one person
/// added at the end, one removed, or one changed.
fn rewrite(text: &str, old: &[Person], new: &[Person]) -> Result<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let block = Block::find(&mut lines, old.len())?;
    if new.len() > old.len() {
        let at = block.items.last().map_or(block.header + 1, |it| it.end);
        lines.splice(at..at, render(&new[new.len() - 1], block.indent));
    } else if new.len() < old.len() {
        let i = (0..new.len())
            .find(|&i| old[i] != new[i])
            .unwrap_or(new.len());
        lines.drain(block.items[i].start..block.items[i].end);
    } else if let Some(i) = (0..new.len()).find(|&i| old[i] != new[i]) {
        let item = &block.items[i];
        let mut item_lines = lines[item.start..item.end].to_vec();
        edit_item(&mut item_lines, &old[i], &new[i])?;
        lines.splice(item.start..item.end, item_lines);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(out)
}

/// Where the roster is in the lines of `factcheck.yaml`.
struct Block {
    /// The `people:` line.
    header: usize,
    /// Indentation of the items' `-`.
    indent: usize,
    /// Each person's lines.
    items: Vec<Span>,
}

/// Lines `start..end`.
struct Span {
    start: usize,
    end: usize,
}

impl Block {
    /// Finds the block; adds an empty `people:` when there is none and turns `people: []`
    /// into one. Expects `count` items.
    fn find(lines: &mut Vec<String>, count: usize) -> Result<Block> {
        let header = match lines.iter().position(|l| key_of(l) == Some("people")) {
            Some(h) => h,
            None => {
                lines.push("people:".into());
                lines.len() - 1
            }
        };
        let (value, comment) = split_comment(&lines[header]["people:".len()..]);
        match value.trim() {
            "" => {}
            "[]" => lines[header] = format!("people:{comment}"),
            _ => return Err(unsupported()),
        }
        let mut indent = None;
        let mut items: Vec<Span> = Vec::new();
        let mut last_content = header;
        for (i, line) in lines.iter().enumerate().skip(header + 1) {
            let trimmed = line.trim_start();
            let at = line.len() - trimmed.len();
            // Comments belong to no entry: one between two entries stays when either goes.
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let dash = trimmed == "-" || trimmed.starts_with("- ");
            if at == 0 && !dash {
                break;
            }
            if dash && indent.is_none_or(|d| d == at) {
                indent = Some(at);
                if let Some(prev) = items.last_mut() {
                    prev.end = last_content + 1;
                }
                items.push(Span {
                    start: i,
                    end: i + 1,
                });
            } else if items.is_empty() {
                return Err(unsupported());
            }
            last_content = i;
        }
        if let Some(prev) = items.last_mut() {
            prev.end = last_content + 1;
        }
        if items.len() != count {
            return Err(unsupported());
        }
        Ok(Block {
            header,
            indent: indent.unwrap_or(2),
            items,
        })
    }
}

/// The top-level key a line starts, if any.
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    (!key.starts_with([' ', '#', '-']) && !key.contains(' ')).then_some(key)
}

/// A line's value and its trailing comment (with the space before it), if any. Good enough
/// for the roster: emails, names, roles and keys hold no ` #` unless quoted, and a quoted one
/// makes the re-parse differ, which refuses the edit.
fn split_comment(s: &str) -> (&str, &str) {
    match s.find(" #") {
        Some(i) => s.split_at(s[..i].trim_end().len()),
        None => (s, ""),
    }
}

/// The lines of a new entry, its `-` indented by `indent`.
fn render(p: &Person, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent + 2);
    let mut out = vec![format!(
        "{}- email: {}",
        " ".repeat(indent),
        scalar(&p.email)
    )];
    for (key, value) in fields(p) {
        if let Some(v) = value {
            out.push(format!("{pad}{key}: {v}"));
        }
    }
    out
}

/// The fields after `email`, rendered, in the order `factcheck.yaml` documents them; `None`
/// for one that is absent.
fn fields(p: &Person) -> [(&'static str, Option<String>); 3] {
    [
        ("name", p.name.as_deref().map(scalar)),
        ("roles", Some(flow(&p.roles))),
        (
            "signing-keys",
            (!p.signing_keys.is_empty()).then(|| flow(&p.signing_keys)),
        ),
    ]
}

/// Rewrites the lines of one entry from `old` to `new`, key by key: a changed key's line is
/// replaced (keeping its comment), a new one is added after the entry, a removed one deleted.
fn edit_item(lines: &mut Vec<String>, old: &Person, new: &Person) -> Result<()> {
    let dash_col = lines[0].len() - lines[0].trim_start().len();
    let key_col = dash_col + 2;
    for ((key, was), (_, now)) in fields(old).into_iter().zip(fields(new)) {
        if was == now {
            continue;
        }
        // A key of this entry: at the keys' column, after spaces (or the entry's `- `), so a
        // comment such as `  # roles: old` is not taken for one.
        let found = lines.iter().position(|l| {
            l.get(..key_col)
                .is_some_and(|pre| matches!(pre.trim(), "" | "-"))
                && l[key_col..].starts_with(&format!("{key}:"))
        });
        match (found, now) {
            (Some(i), now) => {
                let end = value_end(lines, i, key_col);
                let (value, comment) = split_comment(&lines[i][key_col + key.len() + 1..]);
                let inline = !value.trim().is_empty();
                let comment = if inline {
                    comment.to_string()
                } else {
                    String::new()
                };
                match now {
                    Some(v) => {
                        let prefix = lines[i][..key_col].to_string();
                        lines.splice(i..end, [format!("{prefix}{key}: {v}{comment}")]);
                    }
                    None if i == 0 => return Err(unsupported()),
                    None => {
                        lines.drain(i..end);
                    }
                }
            }
            (None, Some(v)) => {
                let at = lines
                    .iter()
                    .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .map_or(lines.len(), |i| i + 1);
                lines.insert(at, format!("{}{key}: {v}", " ".repeat(key_col)));
            }
            (None, None) => {}
        }
    }
    Ok(())
}

/// The end (exclusive) of the value of the key on line `i`: the lines after it indented
/// deeper than `key_col`, or list items at `key_col`.
fn value_end(lines: &[String], i: usize, key_col: usize) -> usize {
    let mut end = i + 1;
    for (j, l) in lines.iter().enumerate().skip(i + 1) {
        let t = l.trim_start();
        let at = l.len() - t.len();
        if t.is_empty() {
            continue;
        }
        if at > key_col || (at == key_col && t.starts_with('-')) {
            end = j + 1;
        } else {
            break;
        }
    }
    end
}

/// A one-line flow sequence.
fn flow(items: &[impl AsRef<str>]) -> String {
    let items: Vec<String> = items.iter().map(|s| scalar(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(email: &str, roles: &[&str]) -> Person {
        Person {
            email: email.into(),
            name: None,
            roles: roles.iter().map(|&r| r.into()).collect(),
            signing_keys: Vec::new(),
        }
    }

    const TEXT: &str = "# our newsroom\nworkflow: standard   # see docs\npeople:\n  # writers\n  - email: w@x.org\n  # roles: none yet\n    name: Wendy  # the star\n    roles: [writer]\n\n  # editors\n  - email: e@x.org\n    roles:\n      - editor\nsite:\n  name: X\n";

    #[test]
    fn one_entry_changes_and_every_other_line_stays() {
        let old = vec![
            Person {
                name: Some("Wendy".into()),
                ..person("w@x.org", &["writer"])
            },
            person("e@x.org", &["editor"]),
        ];
        let mut new = old.clone();
        new[0].roles.push("editor".into());
        new[0].name = Some("Wendy: W.".into());
        let out = rewrite(TEXT, &old, &new).unwrap();
        assert_eq!(
            out,
            TEXT.replace("name: Wendy  # the star", "name: \"Wendy: W.\"  # the star")
                .replace("roles: [writer]", "roles: [writer, editor]")
        );
        let mut new = old.clone();
        new[1].roles = vec!["editor".into(), "writer".into()];
        let out = rewrite(TEXT, &old, &new).unwrap();
        assert!(
            out.contains("  - email: e@x.org\n    roles: [editor, writer]\nsite:"),
            "{out}"
        );
        new.push(person("c@x.org", &["fact-checker"]));
        let out = rewrite(TEXT, &old, &[old.clone(), vec![new[2].clone()]].concat()).unwrap();
        assert!(
            out.contains("      - editor\n  - email: c@x.org\n    roles: [fact-checker]\nsite:"),
            "{out}"
        );
        let out = rewrite(TEXT, &old, &old[1..]).unwrap();
        assert!(out.starts_with("# our newsroom\nworkflow: standard   # see docs\npeople:\n  # writers\n\n  # editors\n  - email: e@x.org"), "{out}");
    }

    #[test]
    fn an_empty_or_missing_roster_gets_a_block_and_a_flow_one_is_refused() {
        let p = person("e@x.org", &["editor"]);
        assert_eq!(
            rewrite(
                "workflow: light\npeople: []  # none yet\n",
                &[],
                std::slice::from_ref(&p)
            )
            .unwrap(),
            "workflow: light\npeople:  # none yet\n  - email: e@x.org\n    roles: [editor]\n"
        );
        assert_eq!(
            rewrite("workflow: light\n", &[], std::slice::from_ref(&p)).unwrap(),
            "workflow: light\npeople:\n  - email: e@x.org\n    roles: [editor]\n"
        );
        assert!(
            rewrite(
                "people: [{email: e@x.org}]\n",
                std::slice::from_ref(&p),
                &[]
            )
            .is_err()
        );
    }

    #[test]
    fn scalars_are_quoted_only_when_they_must_be() {
        assert_eq!(scalar("dana@example.org"), "dana@example.org");
        assert_eq!(scalar("Dana Writer"), "Dana Writer");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("a # b"), "\"a # b\"");
        assert_eq!(scalar("ssh-ed25519 AAAA c,d"), "\"ssh-ed25519 AAAA c,d\"");
    }
}
