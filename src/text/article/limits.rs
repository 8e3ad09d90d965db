//! Limits on what a Markdown text may ask of the parser, checked by one cheap pass over its
//! bytes before comrak sees it. comrak keeps every node of the document in memory
//! (about 300 bytes each) and re-matches every open container on every line, so a few
//! megabytes of hostile Markdown could otherwise take gigabytes of memory (a table whose short
//! rows are padded to a huge header, a page of `*a*`) or quadratic time (lazy lines under
//! thousands of nested block quotes). Each bound is an over-estimate of what comrak would
//! build, generous enough that no article a person writes comes near it.

/// The deepest nesting of block quotes and list items a line may open.
pub const MAX_NESTING: usize = 100;

/// The most table cells (header columns × rows, summed over the article's tables) an article
/// may hold: about 35 MB of parser nodes.
pub const MAX_TABLE_CELLS: usize = 100_000;

/// The most inline markup characters (`*`, `_`, `[`, `]`, `!`, `` ` ``, `<`, `|`, `~`, `\`,
/// `&`) and line breaks an article may hold: each can become a parser node or two.
pub const MAX_MARKUP: usize = 500_000;

/// A limit the text goes over: where (byte offset in the scanned text) and what.
pub struct Exceeded {
    /// Byte offset in the scanned text.
    pub at: usize,
    /// What limit, and by how much.
    pub message: String,
}

/// The first limit `markdown` goes over, if any.
pub fn scan(markdown: &str) -> Option<Exceeded> {
    let bytes = markdown.as_bytes();
    let mut markup = 0usize;
    let mut cells = 0usize;
    // The columns of the table being read (its rows run to the next blank line), and the
    // previous line, which is a table's header when the line after it is a delimiter row.
    let mut columns: Option<usize> = None;
    let mut previous_blank = true;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        markup += 1 + line.iter().filter(|&&b| MARKUP[b as usize]).count();
        if markup > MAX_MARKUP {
            return Some(Exceeded {
                at: start,
                message: format!(
                    "the article has more than {MAX_MARKUP} markup characters and line breaks (the parser's memory grows with each)"
                ),
            });
        }
        let (depth, content) = nesting(line);
        if depth > MAX_NESTING {
            return Some(Exceeded {
                at: start,
                message: format!(
                    "block quotes and lists nested {depth} deep, over the limit of {MAX_NESTING}"
                ),
            });
        }
        let blank = content.iter().all(|b| b.is_ascii_whitespace());
        columns = match columns {
            _ if blank => None,
            Some(n) => Some(n),
            None if !previous_blank => delimiter_row(content),
            None => None,
        };
        if let Some(n) = columns {
            // The delimiter row stands for its header's cells, each later row for its own.
            cells += n;
            if cells > MAX_TABLE_CELLS {
                return Some(Exceeded {
                    at: start,
                    message: format!(
                        "the article's tables have more than {MAX_TABLE_CELLS} cells (columns × rows)"
                    ),
                });
            }
        }
        previous_blank = blank;
        start = end + 1;
    }
    None
}

/// The bytes counted by [`MAX_MARKUP`].
static MARKUP: [bool; 256] = {
    let mut t = [false; 256];
    // `"` and `'` too: the parser's smart-punctuation pass makes a node of each quote.
    let set = b"*_[]!`<|~\\&\"'";
    let mut i = 0;
    while i < set.len() {
        t[set[i] as usize] = true;
        i += 1;
    }
    t
};

/// An upper bound of how deep `line` nests block quotes and list items, and the rest of the
/// line. Every `>` and list marker of the line's prefix opens a level; a container opened on
/// an earlier line is not marked again, but its content is indented by at least two columns
/// (a marker and a space), so half the prefix's other indentation bounds their number. A line
/// without any marker opens nothing and is not counted (its indentation may be code).
fn nesting(line: &[u8]) -> (usize, &[u8]) {
    let (mut i, mut width, mut markers) = (0, 0, 0);
    let space_at = |j: usize| matches!(line.get(j), None | Some(b' ' | b'\t' | b'\r'));
    loop {
        match line.get(i) {
            Some(b' ') => width += 1,
            Some(b'\t') => width += 4 - width % 4,
            Some(b'>') => {
                markers += 1;
                // The one optional space after `>` belongs to the marker.
                if line.get(i + 1) == Some(&b' ') {
                    i += 1;
                }
            }
            Some(b'-' | b'+' | b'*') if space_at(i + 1) && !thematic_break(&line[i..]) => {
                markers += 1;
                i += 1;
            }
            Some(b'0'..=b'9') => {
                let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = i + digits;
                if digits > 9
                    || !matches!(line.get(after), Some(b'.' | b')'))
                    || !space_at(after + 1)
                {
                    break;
                }
                markers += 1;
                i = after + 1;
            }
            _ => break,
        }
        i += 1;
    }
    let rest = &line[i.min(line.len())..];
    match markers {
        0 => (0, rest),
        n => (n + width / 2, rest),
    }
}

/// Whether `rest` is a thematic break (`- - -`, `* * *`): three or more of one of `-`, `*`,
/// `_` and nothing else but spaces. It is not a list item.
fn thematic_break(rest: &[u8]) -> bool {
    let c = rest[0];
    let mut n = 0;
    for &b in rest {
        match b {
            b' ' | b'\t' | b'\r' => {}
            _ if b == c => n += 1,
            _ => return false,
        }
    }
    n >= 3
}

/// The number of columns if `content` is a table's delimiter row (`|---|:--:|`): only pipes,
/// dashes, colons and spaces, at least one dash and one pipe.
fn delimiter_row(content: &[u8]) -> Option<usize> {
    let t = content.trim_ascii();
    let only = t
        .iter()
        .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
    if !only || !t.contains(&b'-') || !t.contains(&b'|') {
        return None;
    }
    let t = t.strip_prefix(b"|").unwrap_or(t);
    let t = t.strip_suffix(b"|").unwrap_or(t);
    Some(t.iter().filter(|&&b| b == b'|').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(line: &str) -> usize {
        nesting(line.as_bytes()).0
    }

    #[test]
    fn nesting_bounds_the_containers_a_line_can_be_in() {
        assert_eq!(depth("plain text"), 0);
        assert_eq!(depth("        indented code"), 0);
        assert_eq!(depth("> > > quote"), 3);
        assert_eq!(depth("- - - x"), 3);
        assert_eq!(depth("- - -"), 0, "a thematic break");
        assert_eq!(depth("    - third level"), 3);
        assert_eq!(depth("   1. x"), 2);
        assert_eq!(depth("1234567890. x"), 0, "too many digits for a list");
        assert_eq!(depth("> - > 1) x"), 4);
    }

    #[test]
    fn ordinary_articles_are_far_from_every_limit() {
        for entry in std::fs::read_dir("examples/newsroom/articles").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(scan(&text).is_none(), "{}", path.display());
            }
        }
    }

    #[test]
    fn each_limit_is_found_where_it_is_crossed() {
        let deep = format!("Intro.\n\n{}x\n", "> ".repeat(MAX_NESTING + 1));
        let e = scan(&deep).expect("too deep");
        assert_eq!(e.at, 8);
        assert!(e.message.contains("nested 101 deep"), "{}", e.message);
        assert!(scan(&format!("{}x\n", "> ".repeat(MAX_NESTING))).is_none());

        let wide = format!("|{}\n|{}\n", "a|".repeat(1000), "-|".repeat(1000));
        let rows = "|\n".repeat(MAX_TABLE_CELLS / 1000);
        let e = scan(&format!("{wide}{rows}")).expect("too many cells");
        assert!(e.message.contains("cells"), "{}", e.message);
        assert!(
            scan(&format!("{wide}\n{rows}")).is_none(),
            "rows end at a blank line"
        );

        let e = scan(&"*a* ".repeat(MAX_MARKUP / 2)).expect("too much markup");
        assert!(e.message.contains("markup"), "{}", e.message);
    }
}
