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

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

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
        ..Sidecar::default()
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
    let mut recorded: HashSet<Conflict> = out.conflicts.iter().cloned().collect();
    for conflict in c {
        if recorded.insert(conflict.clone()) {
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
/// Hashed: a claim may cite thousands of sources, a sidecar list thousands of authors.
fn merge_set<T: Clone + Eq + Hash>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    fn set<T: Eq + Hash>(list: &[T]) -> HashSet<&T> {
        list.iter().collect()
    }
    let (b, o, t) = (set(base), set(ours), set(theirs));
    let removed = |x: &T| b.contains(x) && (!o.contains(x) || !t.contains(x));
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for x in ours.iter().chain(theirs) {
        if !removed(x) && seen.insert(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Records (sign-offs, reviews, corrections): ours, then theirs not already there (by `key`),
/// minus every record of the base that either side withdrew. A withdrawn sign-off must not
/// come back because the other branch still had it: the gate would read it as the signer's
/// and `--provenance` reports it (FC051).
fn records<T: Clone, K: Eq + Hash>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let keys = |list: &[T]| list.iter().map(&key).collect::<HashSet<K>>();
    let (b, o, t) = (keys(base), keys(ours), keys(theirs));
    let withdrawn = |k: &K| b.contains(k) && (!o.contains(k) || !t.contains(k));
    let mut kept = HashSet::new();
    let mut out: Vec<T> = Vec::new();
    for x in ours.iter().chain(theirs) {
        let k = key(x);
        if !withdrawn(&k) && !kept.contains(&k) {
            out.push(x.clone());
            kept.insert(k);
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
    // Each list indexed once by id (the first item with an id, as a search from the top would
    // find): thousands of conflicting claims must not each scan all three lists.
    fn index<'a, T>(list: &'a [T], id: &impl Fn(&T) -> String) -> HashMap<String, &'a T> {
        let mut map = HashMap::with_capacity(list.len());
        for x in list {
            map.entry(id(x)).or_insert(x);
        }
        map
    }
    let (base_at, ours_at, theirs_at) = (index(base, &id), index(ours, &id), index(theirs, &id));
    let find = |map: &HashMap<String, &T>, key: &str| map.get(key).map(|x| (*x).clone());
    let theirs_ids: Vec<String> = theirs.iter().map(&id).collect();
    let order = interleave(ours.iter().map(&id).collect(), &theirs_ids);
    let mut out = Vec::new();
    for key in order {
        let (b, o, t) = (
            find(&base_at, &key),
            find(&ours_at, &key),
            find(&theirs_at, &key),
        );
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

/// The ids of the merged list: `ours` in its order, each id only `theirs` has inserted right
/// after the id before it in `theirs` (at the front when it is first there). The ids form a
/// tree — an inserted id hangs under the one it follows, later insertions under the same id
/// coming first — and the order is that tree walked depth first: linear, where inserting into
/// a vector was quadratic.
fn interleave(ours: Vec<String>, theirs: &[String]) -> Vec<String> {
    let roots = ours.len();
    let mut nodes = ours;
    let mut first: HashMap<String, usize> = HashMap::with_capacity(nodes.len() + theirs.len());
    for (i, key) in nodes.iter().enumerate() {
        first.entry(key.clone()).or_insert(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut front = Vec::new();
    for (i, key) in theirs.iter().enumerate() {
        if first.contains_key(key) {
            continue;
        }
        let node = nodes.len();
        nodes.push(key.clone());
        children.push(Vec::new());
        first.insert(key.clone(), node);
        // The id before it in theirs is in the order by now: it was ours', or inserted.
        match i.checked_sub(1) {
            Some(p) => children[first[&theirs[p]]].push(node),
            None => front.push(node),
        }
    }
    let mut stack: Vec<usize> = (0..roots).rev().chain(front).collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(n) = stack.pop() {
        order.push(std::mem::take(&mut nodes[n]));
        stack.extend(children[n].iter().copied());
    }
    order
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The order as it was computed before it was made linear: each id only theirs has
    /// inserted into a vector after the first position of the id before it in theirs.
    fn interleave_by_insertion(ours: &[String], theirs: &[String]) -> Vec<String> {
        let mut order: Vec<String> = ours.to_vec();
        for (i, key) in theirs.iter().enumerate() {
            if order.contains(key) {
                continue;
            }
            let after = theirs[..i]
                .iter()
                .rev()
                .find_map(|p| order.iter().position(|o| o == p));
            order.insert(after.map_or(0, |a| a + 1), key.clone());
        }
        order
    }

    /// The set merge as it was, with linear searches.
    fn merge_set_by_search(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
        let removed = |x: &String| base.contains(x) && (!ours.contains(x) || !theirs.contains(x));
        let mut out: Vec<String> = Vec::new();
        for x in ours.iter().chain(theirs) {
            if !removed(x) && !out.contains(x) {
                out.push(x.clone());
            }
        }
        out
    }

    /// The record merge as it was, with linear searches.
    fn records_by_search(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
        let key = |x: &String| x[..1].to_string();
        let has = |list: &[String], k: &String| list.iter().any(|x| key(x) == *k);
        let withdrawn = |k: &String| has(base, k) && (!has(ours, k) || !has(theirs, k));
        let mut out: Vec<String> = Vec::new();
        for x in ours.iter().chain(theirs) {
            let k = key(x);
            if !withdrawn(&k) && !has(&out, &k) {
                out.push(x.clone());
            }
        }
        out
    }

    fn ids() -> impl Strategy<Value = Vec<String>> {
        // Few distinct ids, so lists share and repeat them.
        proptest::collection::vec(
            (0..12u8).prop_map(|i| format!("{}{}", (b'a' + i % 5) as char, i)),
            0..14,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2048,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn the_linear_order_is_the_order_by_insertion(ours in ids(), theirs in ids()) {
            prop_assert_eq!(
                interleave(ours.clone(), &theirs),
                interleave_by_insertion(&ours, &theirs)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 1024,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn hashed_sets_and_records_merge_as_the_searches_did(
            base in ids(),
            ours in ids(),
            theirs in ids(),
        ) {
            prop_assert_eq!(
                merge_set(&base, &ours, &theirs),
                merge_set_by_search(&base, &ours, &theirs)
            );
            // Records keyed by their first character: records with one key and different
            // contents, as sign-offs with one signer, role and time would be.
            prop_assert_eq!(
                records(&base, &ours, &theirs, |x| x[..1].to_string()),
                records_by_search(&base, &ours, &theirs)
            );
        }
    }

    #[test]
    fn ids_only_theirs_has_follow_their_predecessor() {
        let v = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            interleave(v("a b c"), &v("x a y z c w")),
            v("x a y z b c w")
        );
    }
}
