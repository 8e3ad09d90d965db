//! `factcheck diff`: what an edit did to an article's text and to each of its claims.
//!
//! The text diff is word-level over the plain text (docs/spec.md §3), so Markdown-only edits
//! (emphasis, link targets, and what the gate does not read: raw HTML, comments, `factcheck: off`
//! regions, code) are not text changes; they are flagged as `markup_only`, never described as
//! invisible to readers. Front matter is
//! compared separately, line by line. Every claim of either side's sidecar is classified:
//!
//! - `unchanged`: same words, same line of the Markdown;
//! - `moved`: same words, now on another line (or cut and pasted elsewhere);
//! - `changed`: the edit rewrote some of its words (at least 50% of them remain similar);
//! - `removed`: the edit deleted it, or rewrote it beyond recognition;
//! - `added`: not in the old text, in the new one;
//! - `orphaned`: in neither text.
//!
//! New sentences (containing inserted words) that no claim covers are listed as `uncovered`:
//! candidates for new claims. Sentences that only moved or were re-typed are not new (the rule
//! is in [`super::novelty`]).

use serde::Serialize;

use crate::model::sidecar::Sidecar;
use crate::text::anchor::{self, Located, MIN_SIMILARITY, Quote};
use crate::text::article::Article;
use crate::text::span::Span;
use crate::text::worddiff::engine::{self, Work};
use crate::text::worddiff::{Blocks, Edit, Piece, Tag, pieces, pieces_of};

use super::novelty;
use super::{Side, SideInfo};

/// The version of the JSON schema of [`ArticleDiff`].
pub const VERSION: u32 = 1;

/// The result of `factcheck diff`.
#[derive(Debug, Serialize)]
pub struct ArticleDiff {
    /// Schema version ([`VERSION`]).
    pub version: u32,
    /// The article (working-tree path).
    pub article: String,
    /// The old side.
    pub from: SideInfo,
    /// The new side.
    pub to: SideInfo,
    /// Whether the Markdown changed but the plain text and front matter did not.
    pub markup_only: bool,
    /// The front matter, when it changed.
    pub front_matter: Option<FrontMatterChange>,
    /// Changed stretches of text, whole blocks each.
    pub hunks: Vec<Hunk>,
    /// Every claim, in the new side's order, then claims only the old side has.
    pub claims: Vec<ClaimChange>,
    /// New sentences no claim covers.
    pub uncovered: Vec<Sentence>,
    /// Sources added, removed or changed in the sidecar: a changed source changes the evidence
    /// its claims' sign-offs approved (left out when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceChange>,
}

crate::model::spelled::spelled! {
    /// What happened to a source between the two sides' sidecars.
    #[derive(serde::Serialize)]
    pub enum SourceDelta {
        /// Only the new side has it.
        Added => "added",
        /// Only the old side has it.
        Removed => "removed",
        /// Both have it, with fields that differ.
        Changed => "changed",
    }
}

/// A source added, removed or changed between the two sides' sidecars.
#[derive(Debug, Serialize)]
pub struct SourceChange {
    /// The source's id.
    pub id: String,
    /// Whether it was added, removed or changed.
    pub change: SourceDelta,
    /// For `changed`: the fields that differ (`url`, `excerpt`, …), in the sidecar's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// A front matter change.
#[derive(Debug, Serialize)]
pub struct FrontMatterChange {
    /// Old front matter text.
    pub from: String,
    /// New front matter text.
    pub to: String,
    /// Changed lines: `-` removed, `+` added.
    pub lines: Vec<String>,
}

/// A changed stretch of text.
#[derive(Debug, Serialize)]
pub struct Hunk {
    /// Markdown line where it starts in the old text.
    pub from_line: usize,
    /// Markdown line where it starts in the new text.
    pub to_line: usize,
    /// The word diff.
    pub pieces: Vec<Piece>,
}

/// What the edit did to a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Same words, same line.
    Unchanged,
    /// Same words, another line.
    Moved,
    /// Words changed.
    Changed,
    /// Deleted or rewritten beyond recognition.
    Removed,
    /// New in this edit.
    Added,
    /// In neither text.
    Orphaned,
}

impl Change {
    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Unchanged => "unchanged",
            Change::Moved => "moved",
            Change::Changed => "changed",
            Change::Removed => "removed",
            Change::Added => "added",
            Change::Orphaned => "orphaned",
        }
    }
}

/// A claim's place on one side.
#[derive(Debug, Clone, Serialize)]
pub struct At {
    /// Markdown line.
    pub line: usize,
    /// Markdown column (characters).
    pub column: usize,
    /// The claim's words there.
    pub text: String,
    /// The words with the inline HTML over them put back (`Vitamin D <s>helps</s>`), when
    /// there is any: markup is part of what a sign-off approves, so a change to it is a change
    /// to the claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marked: Option<String>,
}

impl At {
    /// What a reader sees of the claim: its words with their markup.
    fn seen(&self) -> &str {
        self.marked.as_deref().unwrap_or(&self.text)
    }
}

/// One claim in the diff.
#[derive(Debug, Serialize)]
pub struct ClaimChange {
    /// The claim id.
    pub id: String,
    /// What happened to it.
    pub change: Change,
    /// Where it was.
    pub from: Option<At>,
    /// Where it is.
    pub to: Option<At>,
    /// The word diff of its text (`changed` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<Piece>,
    /// Its span in the new plain text.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A sentence of the new text.
#[derive(Debug, Serialize)]
pub struct Sentence {
    /// Markdown line.
    pub line: usize,
    /// Markdown column.
    pub column: usize,
    /// Its words.
    pub text: String,
}

/// Compares two sides of an article.
pub fn compare(article: &str, from: &Side, to: &Side) -> ArticleDiff {
    let old = from.article.text.as_str();
    let new = to.article.text.as_str();
    let pairs = claim_pairs(from, to);
    // The text edit, and every claim in the old text in one pass, at the same time.
    let ((edit, front_matter), located) = rayon::join(
        || {
            let edit = Edit::between(old, new);
            (edit, front_matter_change(&from.article, &to.article))
        },
        || {
            let quotes: Vec<&Quote> = pairs.iter().map(|p| p.1).collect();
            anchor::locate_all_exact(
                &from.article.text,
                &quotes,
                &anchor::Budget::for_text(&from.article.text),
            )
        },
    );
    let (hunks, claims) = rayon::join(
        || hunks(&edit, &from.article, &to.article),
        || claim_changes(&edit, from, to, pairs, located),
    );
    let covered: Vec<Span> = claims.iter().filter_map(|c| c.span).collect();
    let uncovered = uncovered(&edit, &from.article, &to.article, &covered);
    ArticleDiff {
        version: VERSION,
        article: article.to_string(),
        markup_only: from.article.source != to.article.source
            && edit.is_identity()
            && front_matter.is_none()
            && claims.iter().all(|c| c.change != Change::Changed),
        from: from.info.clone(),
        to: to.info.clone(),
        front_matter,
        hunks,
        claims,
        uncovered,
        sources: source_changes(from, to),
    }
}

/// The sources that differ between the sides' sidecars, in the new side's order, then the
/// removed ones. Fields are compared as the sidecar writes them.
fn source_changes(from: &Side, to: &Side) -> Vec<SourceChange> {
    let none = Vec::new();
    let old = from.sidecar.as_ref().map_or(&none, |s| &s.sources);
    let new = to.sidecar.as_ref().map_or(&none, |s| &s.sources);
    let fields = |s| match serde_json::to_value(s) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let mut out: Vec<SourceChange> = new
        .iter()
        .filter_map(|n| {
            let Some(o) = old.iter().find(|o| o.id == n.id) else {
                return Some(SourceChange {
                    id: n.id.clone(),
                    change: SourceDelta::Added,
                    fields: Vec::new(),
                });
            };
            let (a, b) = (fields(o), fields(n));
            let mut keys: Vec<&String> = b.keys().collect();
            keys.extend(a.keys().filter(|k| !b.contains_key(*k)));
            let changed: Vec<String> = keys
                .into_iter()
                .filter(|k| a.get(*k) != b.get(*k))
                .cloned()
                .collect();
            (!changed.is_empty()).then(|| SourceChange {
                id: n.id.clone(),
                change: SourceDelta::Changed,
                fields: changed,
            })
        })
        .collect();
    out.extend(
        old.iter()
            .filter(|o| !new.iter().any(|n| n.id == o.id))
            .map(|o| SourceChange {
                id: o.id.clone(),
                change: SourceDelta::Removed,
                fields: Vec::new(),
            }),
    );
    out
}

fn front_matter_change(from: &Article, to: &Article) -> Option<FrontMatterChange> {
    if from.front_matter == to.front_matter {
        return None;
    }
    // Line by line, with the bounded diff of every comparison (its tokens are lines here).
    use similar::DiffableStr;
    let (old, new) = (
        from.front_matter.tokenize_lines(),
        to.front_matter.tokenize_lines(),
    );
    let mut work = Work::for_bytes(from.front_matter.len() + to.front_matter.len());
    let mut lines = Vec::new();
    for (tag, o, n) in engine::diff(&old, &new, &mut work) {
        let line = |sign: char, l: &str| format!("{sign} {}", l.trim_end_matches('\n'));
        if tag != Tag::Equal {
            lines.extend(old[o].iter().map(|l| line('-', l)));
            lines.extend(new[n].iter().map(|l| line('+', l)));
        }
    }
    Some(FrontMatterChange {
        from: from.front_matter.clone(),
        to: to.front_matter.clone(),
        lines,
    })
}

fn hunks(edit: &Edit, from: &Article, to: &Article) -> Vec<Hunk> {
    let old = from.text.as_str();
    let new = to.text.as_str();
    let (old_blocks, new_blocks) = (Blocks::new(old), Blocks::new(new));
    let mut ranges: Vec<(Span, Span)> = Vec::new();
    for op in edit.ops().iter().filter(|op| op.tag != Tag::Equal) {
        let o = Span {
            start: old_blocks.start(op.old.start),
            end: old_blocks.end(op.old.end),
        };
        let n = Span {
            start: new_blocks.start(op.new.start),
            end: new_blocks.end(op.new.end),
        };
        match ranges.last_mut() {
            Some((lo, ln)) if o.start <= lo.end || n.start <= ln.end => {
                lo.end = lo.end.max(o.end);
                ln.end = ln.end.max(n.end);
            }
            _ => ranges.push((o, n)),
        }
    }
    ranges
        .into_iter()
        .map(|(o, n)| Hunk {
            from_line: from.pos(o.start).line,
            to_line: to.pos(n.start).line,
            pieces: pieces_of(edit, old, new, o.start..o.end, n.start..n.end),
        })
        .collect()
}

/// The quotes of a side's claims by id.
fn quotes(side: Option<&Sidecar>) -> std::collections::HashMap<&str, &Quote> {
    side.map(|s| s.claims.iter().map(|c| (c.id.as_str(), &c.quote)).collect())
        .unwrap_or_default()
}

/// Every claim of either side with its old and new quote (the same when one side lacks it):
/// the new side's claims in order, then claims only the old side has.
fn claim_pairs<'a>(from: &'a Side, to: &'a Side) -> Vec<(String, &'a Quote, &'a Quote)> {
    let claims = |side: &'a Side| side.sidecar.as_ref().map_or(&[][..], |s| &s.claims[..]);
    let (old_quotes, new_quotes) = (quotes(from.sidecar.as_ref()), quotes(to.sidecar.as_ref()));
    let both = claims(to).iter().map(|c| {
        let old = old_quotes.get(c.id.as_str()).copied().unwrap_or(&c.quote);
        (c.id.clone(), old, &c.quote)
    });
    let gone = claims(from)
        .iter()
        .filter(|c| !new_quotes.contains_key(c.id.as_str()))
        .map(|c| (c.id.clone(), &c.quote, &c.quote));
    both.chain(gone).collect()
}

/// Classifies every claim, given where its old quote is in the old text (`located`, exact
/// search; claims missing there fall back to their context).
fn claim_changes(
    edit: &Edit,
    from: &Side,
    to: &Side,
    pairs: Vec<(String, &Quote, &Quote)>,
    located: Vec<Located>,
) -> Vec<ClaimChange> {
    use rayon::prelude::*;
    // Claims are independent: classified in parallel, reported in order.
    pairs
        .into_par_iter()
        .zip(located)
        .map(|((id, old_quote, new_quote), first)| {
            let old_span = match first {
                Located::Orphaned => {
                    let budget = anchor::Budget::for_text(&from.article.text);
                    anchor::by_context(&from.article.text, old_quote, &budget).span()
                }
                other => other.span(),
            };
            classify(edit, from, to, id, old_span, new_quote)
        })
        .collect()
}

fn at(article: &Article, span: Span) -> At {
    let pos = article.pos(span.start);
    let text = article.text.as_str()[span.start..span.end].to_string();
    At {
        line: pos.line,
        column: pos.column,
        marked: article.text.markup().marked(span, &text),
        text,
    }
}

fn classify(
    edit: &Edit,
    from: &Side,
    to: &Side,
    id: String,
    old_span: Option<Span>,
    new_quote: &Quote,
) -> ClaimChange {
    let new_text = &to.article.text;
    // Claims are classified in parallel, each with a budget of its own.
    let budget = anchor::Budget::for_claim(new_text);
    let Some(old_span) = old_span else {
        let new_span = anchor::locate(new_text, new_quote, &budget).span();
        let change = match new_span {
            Some(_) => Change::Added,
            None => Change::Orphaned,
        };
        return ClaimChange {
            id,
            change,
            from: None,
            to: new_span.map(|s| at(&to.article, s)),
            diff: Vec::new(),
            span: new_span,
        };
    };
    let before = at(&from.article, old_span);
    // Where the edit puts it; failing that, where the new sidecar's quote is (cut and paste).
    let old_text = from.article.text.as_str();
    let new_span = anchor::follow_span(old_text, edit, old_span, new_text.as_str(), &budget)
        .or_else(
            || match anchor::locate_exact(new_text, new_quote, &budget) {
                Located::Found(s) => Some(s),
                _ => None,
            },
        );
    let Some(new_span) = new_span else {
        return removed(id, before);
    };
    let after = at(&to.article, new_span);
    let (change, diff) = if after.text == before.text && after.marked != before.marked {
        // Same words, other markup: `<sup>` became `<sub>`, a word was struck.
        (Change::Changed, pieces(before.seen(), after.seen()))
    } else if after.text == before.text {
        let change = if after.line == before.line {
            Change::Unchanged
        } else {
            Change::Moved
        };
        (change, Vec::new())
    } else if anchor::similarity_within(&before.text, &after.text, &budget)
        .is_some_and(|s| s >= MIN_SIMILARITY)
    {
        (Change::Changed, pieces(&before.text, &after.text))
    } else {
        return removed(id, before);
    };
    ClaimChange {
        id,
        change,
        from: Some(before),
        to: Some(after),
        diff,
        span: Some(new_span),
    }
}

fn removed(id: String, before: At) -> ClaimChange {
    ClaimChange {
        id,
        change: Change::Removed,
        from: Some(before),
        to: None,
        diff: Vec::new(),
        span: None,
    }
}

/// Sentences of the new text with inserted words that no claim covers and that are genuinely
/// new: not in the old text, moved or re-typed (see [`super::novelty`]).
fn uncovered(edit: &Edit, from: &Article, to: &Article, covered: &[Span]) -> Vec<Sentence> {
    let new = to.text.as_str();
    let inserted: Vec<Span> = edit
        .ops()
        .iter()
        .filter(|op| matches!(op.tag, Tag::Insert | Tag::Replace))
        .filter(|op| !new[op.new.clone()].trim().is_empty())
        .map(|op| Span {
            start: op.new.start,
            end: op.new.end,
        })
        .collect();
    if inserted.is_empty() {
        return Vec::new();
    }
    // What the claims cover, as sorted disjoint spans.
    let mut spans = covered.to_vec();
    spans.sort_by_key(|c| c.start);
    let mut claims: Vec<Span> = Vec::with_capacity(spans.len());
    for c in spans {
        match claims.last_mut() {
            Some(last) if c.start <= last.end => last.end = last.end.max(c.end),
            _ => claims.push(c),
        }
    }
    // Only the sentences of blocks with inserted words: stretches of whole blocks, merged.
    let blocks = Blocks::new(new);
    let mut stretches: Vec<Span> = Vec::new();
    for i in &inserted {
        let (start, end) = (blocks.start(i.start), blocks.end(i.end));
        match stretches.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => stretches.push(Span { start, end }),
        }
    }
    let candidates: Vec<Span> = stretches
        .iter()
        .flat_map(|b| to.text.sentences_in(b.start, b.end))
        .filter(|s| {
            // The inserted spans are in order: only those from the first ending after `s`
            // starts, until one starts after it ends.
            let first = inserted.partition_point(|i| i.end <= s.start);
            inserted[first..]
                .iter()
                .take_while(|i| i.start < s.end)
                .any(|i| {
                    let part = Span {
                        start: i.start.max(s.start),
                        end: i.end.min(s.end),
                    };
                    part.start < part.end && has_uncovered_words(new, part, &claims)
                })
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let old_text = from.text.as_str();
    let old = from.text.sentences();
    let untouched: Vec<Span> = to
        .text
        .sentences()
        .into_iter()
        // Candidates come block by block, in text order.
        .filter(|s| {
            candidates
                .binary_search_by_key(&s.start, |c| c.start)
                .is_err()
        })
        .collect();
    let texts: Vec<&str> = candidates.iter().map(|s| &new[s.start..s.end]).collect();
    let fresh = novelty::genuinely_new(
        old.iter().map(|s| &old_text[s.start..s.end]),
        untouched.iter().map(|s| &new[s.start..s.end]),
        &texts,
    );
    candidates
        .into_iter()
        .zip(fresh)
        .filter_map(|(s, fresh)| fresh.then_some(s))
        .map(|s| {
            let pos = to.pos(s.start);
            Sentence {
                line: pos.line,
                column: pos.column,
                text: new[s.start..s.end].to_string(),
            }
        })
        .collect()
}

/// Whether `part` of `text` has non-space characters outside every span of `claims` (sorted and
/// disjoint).
fn has_uncovered_words(text: &str, part: Span, claims: &[Span]) -> bool {
    let mut at = part.start;
    let first = claims.partition_point(|c| c.end <= part.start);
    for c in claims[first..].iter().take_while(|c| c.start < part.end) {
        if c.start > at && !text[at..c.start].trim().is_empty() {
            return true;
        }
        at = at.max(c.end);
    }
    at < part.end && !text[at..part.end].trim().is_empty()
}
