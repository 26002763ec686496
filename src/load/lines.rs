//! Lines as okr counts them. The YAML parser ends a line at LF, CRLF and also
//! at a lone CR (YAML 1.2, 5.4); git, GitHub, `okr:ignore` comments and the
//! snippets okr prints end a line only at LF. In a file that breaks lines with
//! a lone CR the two disagree, and every position from the parser is moved
//! here to okr's lines, so that a finding always points at a line of its file.

use crate::load::yaml::{Node, Value};
use crate::model::Pos;

/// Whether `text` holds a CR that is not followed by LF: the only case where
/// the parser's lines and okr's differ.
pub fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// Moves the parser's positions in a text to okr's lines.
pub struct Relines<'a> {
    text: &'a str,
    /// Where each of the parser's lines starts.
    yaml_starts: Vec<usize>,
    /// Where each of okr's lines starts.
    lf_starts: Vec<usize>,
}

impl<'a> Relines<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut yaml_starts = vec![0];
        let mut lf_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                yaml_starts.push(i + 1);
                lf_starts.push(i + 1);
            } else if b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
                yaml_starts.push(i + 1);
            }
        }
        Relines {
            text,
            yaml_starts,
            lf_starts,
        }
    }

    /// okr's position of the parser's `pos` (1-based line, column in characters).
    pub fn pos(&self, pos: Pos) -> Pos {
        if pos.line == 0 {
            return pos;
        }
        let line = (pos.line as usize).min(self.yaml_starts.len());
        let start = self.yaml_starts[line - 1];
        let offset = self.text[start..]
            .char_indices()
            .nth(pos.column.saturating_sub(1) as usize)
            .map_or(self.text.len(), |(i, _)| start + i);
        let lf_line = self.lf_starts.partition_point(|&s| s <= offset);
        let lf_start = self.lf_starts[lf_line - 1];
        let column = self.text[lf_start..offset].chars().count() + 1;
        Pos {
            line: u32::try_from(lf_line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// Moves every node's position in the tree, from where each node starts
    /// (its span): in one pass over the text, whatever the lines' lengths.
    pub fn tree(&self, node: &mut Node) {
        let mut nodes: Vec<(usize, &mut Pos)> = Vec::new();
        let mut stack = vec![node];
        while let Some(Node { pos, span, value }) = stack.pop() {
            nodes.push((span.start, pos));
            match value {
                Value::Seq(items) => stack.extend(items.iter_mut()),
                Value::Map(entries) => {
                    for (k, v) in entries.iter_mut() {
                        stack.push(k);
                        stack.push(v);
                    }
                }
                _ => {}
            }
        }
        nodes.sort_by_key(|(start, _)| *start);
        let (mut line, mut chars, mut at) = (1usize, 0usize, 0usize);
        for (start, pos) in nodes {
            let offset = start.min(self.text.len());
            if !self.text.is_char_boundary(offset) {
                continue;
            }
            for c in self.text[at..offset].chars() {
                if c == '\n' {
                    line += 1;
                    chars = 0;
                } else {
                    chars += 1;
                }
            }
            at = offset;
            *pos = Pos {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(chars + 1).unwrap_or(u32::MAX),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn lone_crs_are_not_line_breaks_for_okr() {
        let text = "a: 1\rb: 2\r\nc: 3\nd: 4";
        assert!(has_lone_cr(text));
        assert!(!has_lone_cr("a: 1\r\nb: 2\n"));
        let r = Relines::new(text);
        // The parser's line 2 (`b: 2`) starts after the lone CR on okr's line 1.
        assert_eq!(r.pos(at(1, 1)), at(1, 1));
        assert_eq!(r.pos(at(2, 1)), at(1, 6));
        assert_eq!(r.pos(at(3, 1)), at(2, 1));
        assert_eq!(r.pos(at(4, 4)), at(3, 4));
        // Past the end stays on the last line.
        assert_eq!(r.pos(at(99, 1)), at(3, 1));
    }

    #[test]
    fn parsed_positions_point_into_the_file() {
        let text = "cycle: 2026-Q4\rteam: a\robjectives: []\n";
        let node = crate::load::parse_with_positions(text).expect("parses");
        let team = node.get("team").expect("team");
        assert_eq!(team.pos, at(1, 22));
        let node =
            crate::load::parse_with_positions("a: 1\rb: [x, yy]\rc: 3\nd: 4").expect("parses");
        let crate::load::yaml::Value::Seq(items) = &node.get("b").expect("b").value else {
            panic!("a list");
        };
        assert_eq!(items[0].pos, at(1, 10));
        assert_eq!(items[1].pos, at(1, 13));
        let (c, _) = node.entry("c").expect("c");
        assert_eq!(c.pos, at(1, 17));
        let (d, _) = node.entry("d").expect("d");
        assert_eq!(d.pos, at(2, 1));
        let err = crate::load::parse_with_positions("a: 1\rb: [\r").expect_err("fails");
        assert_eq!(err.pos.line, 1);
    }
}
