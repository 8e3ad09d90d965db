use super::*;

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap();
    Span {
        start,
        end: start + needle.len(),
    }
}

fn mapped<'a>(old: &str, new: &'a str, needle: &str) -> Option<&'a str> {
    Edit::between(old, new)
        .map(span_of(old, needle))
        .map(|s| &new[s.start..s.end])
}

#[test]
fn follows_a_span_through_insertions_before_it() {
    let old = "Intro.\nDepression lowers desire. Then more.";
    let new = "Intro.\nA new paragraph here.\nDepression lowers desire. Then more.";
    assert_eq!(
        mapped(old, new, "Depression lowers desire."),
        Some("Depression lowers desire.")
    );
}

#[test]
fn includes_words_replaced_inside_and_at_the_edges() {
    let old = "Doctors say depression often lowers sexual desire, and more.";
    let new = "Doctors say anxiety often reduces sexual desire, and more.";
    assert_eq!(
        mapped(old, new, "depression often lowers sexual desire"),
        Some("anxiety often reduces sexual desire")
    );
}

#[test]
fn excludes_words_inserted_at_the_edges() {
    let old = "One. Two is true. Three.";
    let new = "One. Now: Two is true. Really. Three.";
    assert_eq!(mapped(old, new, "Two is true."), Some("Two is true."));
}

#[test]
fn deleted_text_maps_to_nothing() {
    let old = "Keep this. Drop this claim entirely. Keep that.";
    let new = "Keep this. Keep that.";
    assert_eq!(mapped(old, new, "Drop this claim entirely."), None);
}

#[test]
fn inserted_paragraphs_align_with_block_breaks() {
    let old = "By Wendy\nVitamin D helps bones.";
    let new = "By Wendy\nVitamin D is made in skin.\nVitamin D helps bones.";
    let p = pieces(old, new);
    assert!(
        p.contains(&Piece {
            op: Tag::Insert,
            text: "Vitamin D is made in skin.\n".into()
        }),
        "{p:?}"
    );
    assert_eq!(
        mapped(old, new, "Vitamin D helps bones."),
        Some("Vitamin D helps bones.")
    );
}

#[test]
fn neighbouring_changes_read_as_one() {
    let p = pieces(
        "many people need only a few months of sessions",
        "many people need between 5 and 20 sessions",
    );
    let shown: Vec<(Tag, &str)> = p.iter().map(|p| (p.op, p.text.as_str())).collect();
    assert_eq!(
        shown,
        vec![
            (Tag::Equal, "many people need "),
            (Tag::Delete, "only a few months of"),
            (Tag::Insert, "between 5 and 20"),
            (Tag::Equal, " sessions")
        ]
    );
}

#[test]
fn word_pieces() {
    let p = pieces("one in five adults", "one in four adults");
    let shown: Vec<(Tag, &str)> = p.iter().map(|p| (p.op, p.text.as_str())).collect();
    assert_eq!(
        shown,
        vec![
            (Tag::Equal, "one in "),
            (Tag::Delete, "five"),
            (Tag::Insert, "four"),
            (Tag::Equal, " adults")
        ]
    );
}
