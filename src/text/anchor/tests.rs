use super::context::{head_words, tail_words};
use super::*;
use crate::text::article::Article;

fn art(md: &str) -> Article {
    Article::parse(md.to_string(), &[])
}

/// [`super::locate`] with the budget `check` gives the text.
fn locate(text: &PlainText, quote: &Quote) -> Located {
    super::locate(text, quote, &Budget::for_text(text))
}

/// [`super::occurrences`] without a budget.
fn occurrences(hay: &str, needle: &str) -> Vec<Span> {
    super::occurrences(hay, needle, &Budget::of(u64::MAX)).expect("unbounded")
}

#[test]
fn searches_stop_when_the_budget_runs_out() {
    let text = "the cat sat. ".repeat(1000);
    let a = art(&text);
    let quotes: Vec<Quote> = (0..100)
        .map(|i| q(&format!("the cat sat. the dog{i}"), "", ""))
        .chain([q("the cat sat", "", "")])
        .collect();
    let refs: Vec<&Quote> = quotes.iter().collect();
    let unbounded = locate_all_exact(&a.text, &refs, &Budget::of(u64::MAX));
    assert!(matches!(unbounded[100], Located::Ambiguous(ref h) if h.len() == 1000));
    // Enough to search the text a few times, not to keep a thousand occurrences.
    let small = Budget::of(a.text.as_str().len() as u64 + 100 * budget::PER_HIT as u64);
    let cut = locate_all_exact(&a.text, &refs, &small);
    assert!(small.ran_out());
    assert_eq!(cut[100], Located::OverBudget);
    // Context search and following pay too, and give up rather than guess.
    let quote = q(
        "the cow jumped",
        "the cat sat. the cat",
        "sat. the cat sat.",
    );
    assert_eq!(
        by_context(&a.text, &quote, &Budget::of(10)),
        Located::Orphaned
    );
    assert!(matches!(
        by_context(&a.text, &quote, &Budget::of(u64::MAX)),
        Located::Orphaned | Located::Changed { .. }
    ));
}

#[test]
fn context_search_in_one_long_block_matches_the_plain_scan() {
    // A prefix occurring thousands of times in one block: the suffix is looked up among
    // its occurrences, with the same result as scanning the block after each start.
    // Occurrences of the prefix are further apart than a changed claim may be long.
    let unit = format!("alpha beta gamma {}. ", "more filler words ".repeat(6));
    let mut text = unit.repeat(2000);
    text.push_str("alpha beta gamma zeta omega theta. ");
    text.push_str(&unit.repeat(2000));
    let a = art(&text);
    let quote = q("zeta omega", "alpha beta gamma", "theta. alpha beta");
    match by_context(&a.text, &quote, &Budget::for_text(&a.text)) {
        Located::Changed { span, .. } => {
            assert_eq!(&a.text.as_str()[span.start..span.end], "zeta omega")
        }
        other => panic!("{other:?}"),
    }
}

fn q(exact: &str, prefix: &str, suffix: &str) -> Quote {
    Quote {
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
    }
}

#[test]
fn finds_through_markup_and_typography() {
    let a = art("It *reduced* sex drive \u{2014} a lot.");
    assert!(matches!(
        locate(&a.text, &q("reduced sex drive - a lot", "", "")),
        Located::Found(_)
    ));
}

#[test]
fn context_disambiguates() {
    let a = art("Water is wet. Fire is hot. Water is wet, said Bob.");
    let hits = occurrences(a.text.as_str(), "Water is wet");
    assert_eq!(hits.len(), 2);
    let quote = capture(&a.text, hits[1]);
    assert_eq!(quote.prefix, "Water is wet. Fire is hot.");
    assert_eq!(locate(&a.text, &quote), Located::Found(hits[1]));
    assert!(matches!(
        locate(&a.text, &q("Water is wet", "", "")),
        Located::Ambiguous(_)
    ));
}

#[test]
fn block_boundaries_count_as_context() {
    let a = art("Adults need 7 hours. Teens need more.\n\n![x](y.png \"Adults need 7 hours.\")");
    let hits = occurrences(a.text.as_str(), "Adults need 7 hours");
    assert_eq!(hits.len(), 2);
    for hit in hits.iter().copied() {
        assert_eq!(locate(&a.text, &capture(&a.text, hit)), Located::Found(hit));
    }
}

#[test]
fn context_next_to_a_long_unbroken_run_is_kept() {
    // The 32 characters before the second heading hold no space; a prefix captured empty
    // there would read as "at the start of the text" and make the search pick the first
    // heading instead.
    let run = "https://example.org/a/very/long/link/without/spaces";
    let a = art(&format!(
        "# What is sex therapy?\n\n#By Dana\n\nSee {run}\n\n# What is sex therapy?\n\nBy Dana Writer\n\n{run} Who can it help?\n\nWho can it help?"
    ));
    let text = a.text.as_str();
    let heading = occurrences(text, "What is sex therapy?");
    let question = occurrences(text, "Who can it help?");
    assert_eq!((heading.len(), question.len()), (2, 2));
    let quote = capture(&a.text, heading[1]);
    assert_eq!(quote.prefix, "a/very/long/link/without/spaces");
    assert_eq!(locate(&a.text, &quote), Located::Found(heading[1]));
    let quote = capture(&a.text, question[0]);
    assert_eq!(quote.prefix, "a/very/long/link/without/spaces");
    assert_eq!(locate(&a.text, &quote), Located::Found(question[0]));
    assert_eq!(head_words("  }}}}}}}}}}", 5), "  }}}");
    assert_eq!(tail_words("}}}}}}}} ", 5), "}}}} ");
}

#[test]
fn changed_words_are_located_by_context() {
    let a = art(
        "Clinicians report that depression often reduces sexual desire, and some drugs do too.",
    );
    let quote = q(
        "depression often lowers sexual desire",
        "Clinicians report that ",
        ", and some drugs",
    );
    match locate(&a.text, &quote) {
        Located::Changed { span, .. } => {
            assert_eq!(
                &a.text.as_str()[span.start..span.end],
                "depression often reduces sexual desire"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unrelated_text_is_not_a_match() {
    let a = art("Clinicians report that nothing at all is known here, and some drugs do too.");
    let quote = q(
        "depression often lowers sexual desire",
        "Clinicians report that ",
        ", and some drugs",
    );
    assert_eq!(locate(&a.text, &quote), Located::Orphaned);
}

/// A diff is charged the steps it takes, not only the bytes it reads. A claim in one long
/// paragraph whose sentences were reordered and whose own sentence was replaced: it is looked
/// for among the new blocks, which takes a word diff of the whole paragraph. With a budget that
/// covers reading the texts but not the diff's steps, the search runs out; with room for the
/// diff it does not.
#[test]
fn following_a_claim_pays_for_the_diffs_it_runs() {
    let words = [
        "alpha", "bravo", "delta", "gamma", "omega", "sigma", "kappa", "theta",
    ];
    let sentences: Vec<String> = (0..600)
        .map(|i| {
            let w: Vec<&str> = (0..8).map(|j| words[(i * 7 + j * j + i / 8) % 8]).collect();
            format!("Sentence {i} says {}.", w.join(" "))
        })
        .collect();
    let claim = "Zebras quietly gallop northward.";
    let old = format!(
        "{} {claim} {}",
        sentences[..300].join(" "),
        sentences[300..].join(" ")
    );
    let mut reordered = sentences.clone();
    reordered.reverse();
    let new = format!(
        "{} Zebras sleep. {}",
        reordered[..300].join(" "),
        reordered[300..].join(" ")
    );
    let edit = crate::text::worddiff::Edit::between(&old, &new);
    let start = old.find(claim).unwrap();
    let span = Span {
        start,
        end: start + claim.len(),
    };
    let read = 4 * new.len() + budget::PER_BYTE_PARSED * (old.len() + new.len());
    let tight = Budget::of(read as u64 + 10_000);
    follow_span(&old, &edit, span, &new, &tight);
    assert!(tight.ran_out(), "the diff's steps were not charged");
    let ample = Budget::of(1 << 40);
    follow_span(&old, &edit, span, &new, &ample);
    assert!(!ample.ran_out());
}
