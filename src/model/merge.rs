//! Three-way merge of sidecars (`factcheck merge-driver`, git's `%O %A %B`), claim by claim
//! and sign-off by sign-off.
//!
//! Each value merges the usual three-way way: if only one side changed it, that change wins; if
//! both changed it the same way, fine; if both changed it differently, "ours" is kept and the
//! disagreement is recorded in the sidecar's `conflicts:` list, which `check` reports as FC060
//! until someone decides — never a silently wrong file. Sets (authors, a claim's sources) merge
//! as sets; sign-offs, reviews and corrections are records: both sides' new ones are kept (two
//! fact-checkers verifying different claims on parallel branches merge without conflict) and
//! one withdrawn on either side stays withdrawn.
//! A claim or source deleted on one side and changed on the other is a conflict; deleted on one
//! side and untouched on the other, it goes.

use serde::Serialize;

use crate::model::sidecar::{Claim, Conflict, Sidecar};

/// Merges `ours` and `theirs`, both descended from `base` (absent when the file is new on both
/// sides). The result's `conflicts` lists everything that could not be decided.
pub fn merge(base: Option<&Sidecar>, ours: &Sidecar, theirs: &Sidecar) -> Sidecar {
    let empty = Sidecar::default();
    let base = base.unwrap_or(&empty);
    let mut c = Vec::new();
    let mut out = Sidecar {
        article: pick(
            "article",
            &base.article,
            &ours.article,
            &theirs.article,
            &mut c,
        ),
        authors: merge_set(&base.authors, &ours.authors, &theirs.authors),
        stage: pick("stage", &base.stage, &ours.stage, &theirs.stage, &mut c),
        claims: Vec::new(),
        sources: Vec::new(),
        review: records(&base.review, &ours.review, &theirs.review, |r| {
            (r.by.clone(), r.role.clone(), r.at.clone())
        }),
        publication: pick(
            "publication",
            &base.publication,
            &ours.publication,
            &theirs.publication,
            &mut c,
        ),
        corrections: records(
            &base.corrections,
            &ours.corrections,
            &theirs.corrections,
            |x| (x.by.clone(), x.at.clone(), x.note.clone()),
        ),
        conflicts: Vec::new(),
    };
    out.claims = merge_items(
        "claims",
        &base.claims,
        &ours.claims,
        &theirs.claims,
        |x| x.id.clone(),
        merge_claim,
        &mut c,
    );
    out.sources = merge_items(
        "sources",
        &base.sources,
        &ours.sources,
        &theirs.sources,
        |x| x.id.clone(),
        |b, o, t, c| pick(&format!("sources.{}", o.id), b, o, t, c),
        &mut c,
    );
    out.review.sort_by(|a, b| a.at.cmp(&b.at));
    out.conflicts = records(
        &base.conflicts,
        &ours.conflicts,
        &theirs.conflicts,
        Clone::clone,
    );
    for conflict in c {
        if !out.conflicts.contains(&conflict) {
            out.conflicts.push(conflict);
        }
    }
    out
}

fn show<T: Serialize>(v: &T) -> String {
    crate::text::yaml::to_string(v).trim().to_string()
}

/// The three-way merge of one value.
fn pick<T: PartialEq + Clone + Serialize>(
    at: &str,
    base: &T,
    ours: &T,
    theirs: &T,
    conflicts: &mut Vec<Conflict>,
) -> T {
    if ours == theirs || theirs == base {
        ours.clone()
    } else if ours == base {
        theirs.clone()
    } else {
        conflicts.push(Conflict {
            at: at.to_string(),
            ours: show(ours),
            theirs: show(theirs),
        });
        ours.clone()
    }
}

/// Set merge: everything either side has, minus what either side removed from the base.
fn merge_set(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let removed = |x: &String| base.contains(x) && (!ours.contains(x) || !theirs.contains(x));
    let mut out: Vec<String> = Vec::new();
    for x in ours.iter().chain(theirs) {
        if !removed(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Records (sign-offs, reviews, corrections): ours, then theirs not already there (by `key`),
/// minus every record of the base that either side withdrew. A withdrawn sign-off must not
/// come back because the other branch still had it: the gate would read it as the signer's
/// and `--provenance` reports it (FC051).
fn records<T: Clone, K: PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let has = |list: &[T], k: &K| list.iter().any(|x| key(x) == *k);
    let withdrawn = |k: &K| has(base, k) && (!has(ours, k) || !has(theirs, k));
    let mut out: Vec<T> = Vec::new();
    for x in ours.iter().chain(theirs) {
        let k = key(x);
        if !withdrawn(&k) && !has(&out, &k) {
            out.push(x.clone());
        }
    }
    out
}

/// Merges lists of items with ids: ours' order, with items only theirs has inserted after
/// their predecessor in theirs.
fn merge_items<T: Clone + PartialEq + Serialize>(
    what: &str,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> String,
    merge_one: impl Fn(&T, &T, &T, &mut Vec<Conflict>) -> T,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let find = |list: &[T], key: &str| list.iter().find(|x| id(x) == key).cloned();
    let mut order: Vec<String> = ours.iter().map(&id).collect();
    for (i, t) in theirs.iter().enumerate() {
        let key = id(t);
        if order.contains(&key) {
            continue;
        }
        let after = theirs[..i]
            .iter()
            .rev()
            .find_map(|p| order.iter().position(|o| *o == id(p)));
        order.insert(after.map_or(0, |a| a + 1), key);
    }
    let mut out = Vec::new();
    for key in order {
        let (b, o, t) = (find(base, &key), find(ours, &key), find(theirs, &key));
        let at = format!("{what}.{key}");
        let kept = match (b, o, t) {
            (b, Some(o), Some(t)) => Some(match b {
                Some(b) => merge_one(&b, &o, &t, conflicts),
                None if o == t => o,
                None => {
                    conflicts.push(Conflict {
                        at,
                        ours: show(&o),
                        theirs: show(&t),
                    });
                    o
                }
            }),
            (None, Some(x), None) | (None, None, Some(x)) => Some(x),
            (Some(b), Some(o), None) if b == o => None,
            (Some(b), None, Some(t)) if b == t => None,
            (Some(_), Some(o), None) => {
                conflicts.push(Conflict {
                    at,
                    ours: "changed".into(),
                    theirs: "deleted".into(),
                });
                Some(o)
            }
            (Some(_), None, Some(t)) => {
                conflicts.push(Conflict {
                    at,
                    ours: "deleted".into(),
                    theirs: "changed".into(),
                });
                Some(t)
            }
            _ => None,
        };
        out.extend(kept);
    }
    out
}

fn merge_claim(b: &Claim, o: &Claim, t: &Claim, c: &mut Vec<Conflict>) -> Claim {
    let at = |field: &str| format!("claims.{}.{field}", o.id);
    let mut signoffs = records(&b.signoffs, &o.signoffs, &t.signoffs, |s| {
        (s.by.clone(), s.role.clone(), s.at.clone())
    });
    signoffs.sort_by(|x, y| x.at.cmp(&y.at));
    Claim {
        id: o.id.clone(),
        quote: pick(&at("quote"), &b.quote, &o.quote, &t.quote, c),
        kind: pick(&at("kind"), &b.kind, &o.kind, &t.kind, c),
        status: pick(&at("status"), &b.status, &o.status, &t.status, c),
        sources: merge_set(&b.sources, &o.sources, &t.sources),
        note: pick(&at("note"), &b.note, &o.note, &t.note, c),
        signoffs,
    }
}
