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

/// okr's position of the parser's `pos` (1-based line, column in
/// characters) in `text`: for the one position of a parse error.
pub fn pos(text: &str, pos: Pos) -> Pos {
    if pos.line == 0 {
        return pos;
    }
    // Where the parser's line starts: after its (line - 1)th break.
    let bytes = text.as_bytes();
    let mut breaks = 1;
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if breaks == pos.line {
            break;
        }
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            breaks += 1;
            start = i + 1;
        }
    }
    let offset = text[start..]
        .char_indices()
        .nth(pos.column.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| start + i);
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line: u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX),
        column: u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(u32::MAX),
    }
}

/// Moves every node's position in the tree parsed from `text` to okr's
/// lines, from where each node starts (its span): in one pass over the text,
/// whatever the lines' lengths.
pub fn tree(text: &str, node: &mut Node) {
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
        let offset = start.min(text.len());
        if !text.is_char_boundary(offset) {
            continue;
        }
        for c in text[at..offset].chars() {
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
        // The parser's line 2 (`b: 2`) starts after the lone CR on okr's line 1.
        assert_eq!(pos(text, at(1, 1)), at(1, 1));
        assert_eq!(pos(text, at(2, 1)), at(1, 6));
        assert_eq!(pos(text, at(3, 1)), at(2, 1));
        assert_eq!(pos(text, at(4, 4)), at(3, 4));
        // Past the end stays on the last line.
        assert_eq!(pos(text, at(99, 1)), at(3, 1));
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
