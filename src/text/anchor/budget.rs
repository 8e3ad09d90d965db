//! The work allowed to locate the claims of one article.
//!
//! Finding a claim can take far more than a pass over the text: thousands of claims whose words
//! are nowhere in the article are each looked for by their context and through up to 1,000
//! earlier versions, and a quote made of common words occurs hundreds of thousands of times in
//! a repetitive text. Every search charges the article's budget in steps (bytes searched or
//! parsed or compared, occurrences found), never in time, so results do not depend on the
//! machine. A search that cannot pay stops, and every claim it leaves unsettled is reported
//! as [`super::Located::OverBudget`] (FC006) instead of found, changed or orphaned.

use std::cell::Cell;

use crate::text::article::PlainText;

/// Steps every article may spend, however short.
pub const FLOOR: u64 = 1 << 32;
/// Steps every byte of the article's current plain text adds.
pub const PER_BYTE: u64 = 256;
/// Steps charged per occurrence of a quote found: it is kept (16 bytes) and judged by its
/// context, so the budget also bounds the memory the occurrences take (at most 16 bytes per
/// 1,024 steps: 64 MiB plus 4 bytes per byte of text).
pub const PER_HIT: usize = 1024;
/// Steps charged per byte of an earlier version parsed, or of two texts compared word by word:
/// both cost about as much as this many bytes of substring search.
pub const PER_BYTE_PARSED: usize = 32;

/// Steps charged per step of a word diff or similarity (`text::worddiff::engine`: a token
/// hashed or compared, a diagonal searched), which costs about as much as this many bytes of
/// substring search. A diff is charged what it did, after it ran; its own allowance bounds it.
pub const PER_DIFF_STEP: u64 = 4;

/// What is left of one article's allowance of search work.
pub struct Budget {
    left: Cell<u64>,
    ran_out: Cell<bool>,
    /// Whether work shared with other searches (a diff computed once for every claim) is
    /// charged in full to this one: see [`Budget::for_claim`].
    pays_shared: bool,
}

impl Budget {
    /// The budget for locating claims in `text`: [`FLOOR`] plus [`PER_BYTE`] for each byte.
    pub fn for_text(text: &PlainText) -> Budget {
        Budget::new(FLOOR + PER_BYTE * text.as_str().len() as u64)
    }

    /// The budget of one claim's search in `text` when claims are searched in parallel, each
    /// with a budget of its own (`diff`): work shared with the others, such as the diff of a
    /// block that moved, is charged to every search that uses it, whichever computed it, so
    /// the outcome never depends on which ran first. (`check` searches an article's claims
    /// one after another with one budget, and pays for shared work once.)
    pub fn for_claim(text: &PlainText) -> Budget {
        Budget {
            pays_shared: true,
            ..Budget::for_text(text)
        }
    }

    fn new(steps: u64) -> Budget {
        Budget {
            left: Cell::new(steps),
            ran_out: Cell::new(false),
            pays_shared: false,
        }
    }

    /// Whether work already paid for by another search is charged again (see
    /// [`Budget::for_claim`]).
    pub fn pays_shared(&self) -> bool {
        self.pays_shared
    }

    /// Spends `steps`; `false` (and nothing is left for anyone) when they are not there.
    pub fn spend(&self, steps: usize) -> bool {
        match self.left.get().checked_sub(steps as u64) {
            Some(left) if !self.ran_out.get() => {
                self.left.set(left);
                true
            }
            _ => {
                self.left.set(0);
                self.ran_out.set(true);
                false
            }
        }
    }

    /// Spends what `work` steps of a word diff cost ([`PER_DIFF_STEP`] each).
    pub fn spend_diff(&self, work: u64) -> bool {
        self.spend(usize::try_from(work.saturating_mul(PER_DIFF_STEP)).unwrap_or(usize::MAX))
    }

    /// Whether some search could not pay.
    pub fn ran_out(&self) -> bool {
        self.ran_out.get()
    }
}

#[cfg(test)]
impl Budget {
    /// A budget of exactly `steps`, for tests.
    pub fn of(steps: u64) -> Budget {
        Budget::new(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_spend_ends_the_budget() {
        let b = Budget::of(10);
        assert!(b.spend(6));
        assert!(!b.ran_out());
        assert!(!b.spend(5));
        assert!(b.ran_out());
        assert!(!b.spend(0), "nothing is left once a search could not pay");
    }
}
