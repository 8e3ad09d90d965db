//! How deeply a YAML text nests its collections, bounded by one cheap pass before any parser
//! sees it. libyaml, under serde_yaml, re-examines every open flow level at each token, so
//! `[[[[…]]]]` 100,000 deep takes most of a minute before serde_yaml's own recursion limit (128)
//! refuses it; the fast reader of [`super::block`] recurses on nesting.

use crate::text::span::Pos;

/// The deepest nesting of YAML collections (mappings and sequences, block or flow) accepted.
/// factcheck's own files nest at most 5 deep.
pub const MAX_DEPTH: usize = 64;

/// Where `text` first nests collections deeper than [`MAX_DEPTH`], and how deep, if it does.
///
/// The depth is an upper bound of what a parser would build: a level for every distinct
/// indentation of the open block lines, every `- ` or `? ` that starts a line's content, and
/// every open `[` or `{` (counted where a value may start, and anywhere inside a flow
/// collection, but not inside quoted scalars, block scalars or comments). A text that nests no
/// deeper than the limit is never refused; one that only seems to (a multi-line plain scalar
/// whose lines start with `[`) may be.
pub fn too_deep(text: &str) -> Option<(Pos, usize)> {
    scan(text, Scan::default())
}

/// [`too_deep`] with the scanner `s`.
fn scan(text: &str, mut s: Scan) -> Option<(Pos, usize)> {
    for (n, line) in text.split('\n').enumerate() {
        if let Some((column, depth)) = s.line(line.strip_suffix('\r').unwrap_or(line)) {
            let column = line[..column].chars().count() + 1;
            return Some((
                Pos {
                    line: n + 1,
                    column,
                },
                depth,
            ));
        }
    }
    None
}

/// The state carried from line to line.
#[derive(Default)]
struct Scan {
    /// The indentations of the open block lines, strictly increasing.
    indents: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// Inside a quoted scalar opened by this quote.
    quote: Option<u8>,
    /// Inside a block scalar (`|`, `>`) owned by a node at this column: lines indented deeper
    /// (and blank lines) are its text.
    block_scalar: Option<usize>,
    /// At a place where a value (a quote, a flow collection) may start.
    at_start: bool,
    /// Look at every byte, never jumping ahead (the reference the tests hold the jumps to).
    bytewise: bool,
}

impl Scan {
    /// Scans one line; the byte column and depth where it goes over the limit.
    fn line(&mut self, line: &str) -> Option<(usize, usize)> {
        let b = line.as_bytes();
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        if let Some(owner) = self.block_scalar {
            if indent == b.len() || indent > owner {
                return None;
            }
            self.block_scalar = None;
        }
        let mut j = 0;
        if self.quote.is_none() && self.flow == 0 {
            if indent == b.len() || b[indent] == b'#' {
                return None;
            }
            while self.indents.last().is_some_and(|&top| top > indent) {
                self.indents.pop();
            }
            if self.indents.last().is_none_or(|&top| top < indent) {
                self.indents.push(indent);
                if self.indents.len() > MAX_DEPTH {
                    return Some((indent, self.indents.len()));
                }
            }
            j = indent;
            self.at_start = true;
        }
        let mut compact = 0;
        let mut owner = indent;
        let space_at = |k: usize| matches!(b.get(k), None | Some(b' ' | b'\t'));
        while j < b.len() {
            // Inside a scalar only a few bytes can change the state: jump to the next of them.
            let skip_to = match self.quote {
                _ if self.bytewise => Some(0),
                Some(b'"') => memchr::memchr2(b'\\', b'"', &b[j..]),
                Some(_) => memchr::memchr(b'\'', &b[j..]),
                None if !self.at_start && self.flow == 0 => memchr::memchr2(b':', b'#', &b[j..]),
                None => Some(0),
            };
            match skip_to {
                Some(k) => j += k,
                None => break,
            }
            let c = b[j];
            match self.quote {
                Some(b'"') => match c {
                    b'\\' => j += 1,
                    b'"' => self.quote = None,
                    _ => {}
                },
                Some(_) if c == b'\'' && b.get(j + 1) == Some(&b'\'') => j += 1,
                Some(_) if c == b'\'' => self.quote = None,
                Some(_) => {}
                None => match c {
                    b' ' | b'\t' => {}
                    b'#' if j == 0 || matches!(b[j - 1], b' ' | b'\t') => break,
                    b'"' | b'\'' if self.at_start => {
                        owner = j;
                        self.quote = Some(c);
                        self.at_start = false;
                    }
                    b'[' | b'{' if self.at_start || self.flow > 0 => {
                        self.flow += 1;
                        self.at_start = true;
                        let depth = self.indents.len() + compact + self.flow;
                        if depth > MAX_DEPTH {
                            return Some((j, depth));
                        }
                    }
                    b']' | b'}' if self.flow > 0 => {
                        self.flow -= 1;
                        self.at_start = false;
                    }
                    b',' if self.flow > 0 => self.at_start = true,
                    b'-' | b'?' if self.flow == 0 && self.at_start && space_at(j + 1) => {
                        owner = j;
                        compact += 1;
                        let depth = self.indents.len() + compact;
                        if depth > MAX_DEPTH {
                            return Some((j, depth));
                        }
                    }
                    b':' if space_at(j + 1) || self.flow > 0 => self.at_start = true,
                    b'|' | b'>' if self.flow == 0 && self.at_start => {
                        self.block_scalar = Some(owner);
                        break;
                    }
                    b'&' | b'!' if self.at_start => {
                        // An anchor or a tag: the value starts after it.
                        while j + 1 < b.len() && !space_at(j + 1) {
                            j += 1;
                        }
                    }
                    _ => {
                        if self.at_start {
                            owner = j;
                        }
                        self.at_start = false;
                    }
                },
            }
            j += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str) -> bool {
        too_deep(text).is_none()
    }

    #[test]
    fn deep_flow_and_block_nesting_are_found_where_they_cross_the_limit() {
        let flow = format!("x: {}{}\n", "[".repeat(100), "]".repeat(100));
        // The mapping is one level, so the 64th bracket makes 65.
        assert_eq!(
            too_deep(&flow),
            Some((
                Pos {
                    line: 1,
                    column: 67
                },
                65
            ))
        );
        assert!(depth_ok(&format!(
            "x: {}{}\n",
            "[".repeat(63),
            "]".repeat(63)
        )));
        let block: String = (0..70).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
        assert_eq!(too_deep(&block).map(|(p, d)| (p.line, d)), Some((65, 65)));
        let dashes = format!("{}x\n", "- ".repeat(80));
        assert_eq!(too_deep(&dashes).map(|(_, d)| d), Some(65));
        let multi_line = format!("x:\n{}\n", "[\n".repeat(80));
        assert_eq!(too_deep(&multi_line).map(|(p, _)| p.line), Some(65));
    }

    /// Jumping to the bytes that matter finds what looking at every byte finds.
    #[test]
    fn jumps_change_nothing() {
        let pieces = [
            "x", ": ", ":", "#", " #", "\"", "'", "''", "\\", "[", "]", "{", "}", ",", "- ", "? ",
            "|", ">", "&a ", "!t ", "\n", "\n  ", "\n    ", " ", "a:b", "http://x",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let deep = format!("{text}{}", "[".repeat(70));
            for t in [&text, &deep] {
                let reference = scan(
                    t,
                    Scan {
                        bytewise: true,
                        ..Scan::default()
                    },
                );
                assert_eq!(too_deep(t), reference, "{t:?}");
            }
        }
    }

    #[test]
    fn brackets_in_scalars_and_comments_do_not_count() {
        let many = "[".repeat(200);
        for text in [
            format!("exact: a {many}\n"),
            format!("exact: \"{many}\"\n"),
            format!("exact: '{many}'\n"),
            format!("exact: \"a\\\"{many}\"\n"),
            format!("exact: 'it''s {many}'\n"),
            format!("x: 1 # {many}\n"),
            format!("# {many}\n"),
            format!("- note: |\n    {many}\n    {many}\n  next: 1\n"),
            format!("note: >-\n  {many}\n\n  {many}\n"),
            format!("x: [\"{many}\", '{many}']\n"),
            format!("x: &a\n  \"{many}\"\n"),
        ] {
            assert!(depth_ok(&text), "{text}");
        }
    }

    #[test]
    fn factcheck_files_are_shallow() {
        for dir in [
            "examples/newsroom",
            "examples/newsroom/articles",
            "workflows",
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert!(depth_ok(&text), "{}", path.display());
                }
            }
        }
    }
}
