//! Turning routes into lines and columns, only for the findings that are shown.
//! Positions only: which findings to show is the caller's choice.

use std::collections::HashMap;

use super::yaml::{Node, Value};
use super::{Org, parse_with_positions};
use crate::finding::{Finding, Location, Route};
use crate::model::Pos;

/// The position of the node a route names; when the route goes further than the
/// file does (a missing key), the position of the deepest node that exists.
pub fn resolve(root: &Node, route: &Route) -> Pos {
    let mut node = root;
    let mut key_pos = None;
    for segment in &route.segments {
        match node.child(segment) {
            Some((key, n)) => {
                key_pos = key.map(|k| k.pos);
                node = n;
            }
            None => return node.pos,
        }
    }
    match (route.at_key, key_pos) {
        (true, Some(p)) => p,
        // An empty value (`owner:`) has no place of its own worth pointing at: use its key.
        (_, Some(p)) if node.value == Value::Null && node.pos.line != p.line => p,
        _ => node.pos,
    }
}

/// A file's text parsed with positions, for [`items_around`]; `None` when it
/// does not parse.
pub fn outline(text: &str) -> Option<Node> {
    parse_with_positions(text).ok()
}

/// A tree parsed with positions, kept to locate findings in: its positions,
/// keys and the shape of its values, without the texts of the values (which
/// the decoded model holds).
pub fn outline_of(mut node: Node) -> Node {
    fn prune(node: &mut Node) {
        match &mut node.value {
            Value::Str(s) => *s = String::new(),
            Value::Seq(items) => items.iter_mut().for_each(prune),
            Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| prune(v)),
            _ => {}
        }
    }
    prune(&mut node);
    node
}

/// Fills in `pos` of every finding that points at a route, from the outlines
/// that loading kept ([`super::load_with_outlines`]): no file is parsed again.
/// A finding in a file without an outline (it did not parse) points at its
/// first line, as with [`locate_all`].
pub fn locate_in(outlines: &super::Outlines, findings: &mut [Finding]) {
    for finding in findings.iter_mut() {
        let Location::Route(route) = &finding.location else {
            continue;
        };
        finding.pos = match outlines.get(&finding.file) {
            Some(root) => resolve(root, route),
            None => Pos { line: 1, column: 1 },
        };
    }
}

/// The lines that stand for the list items (objectives, key results, ...)
/// around `line`, outermost first: where each item starts and, when it is a
/// mapping with an `id`, the line of its `id` key. A block-style item runs
/// from its first line to the line before the next item (or the end of what
/// holds it).
pub fn items_around(root: &Node, line: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut node = root;
    let mut end = u32::MAX;
    loop {
        // The child whose lines hold `line`, and where the child's lines end.
        let mut next = None;
        match &node.value {
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let item_end = items
                        .get(i + 1)
                        .map_or(end, |n| n.pos.line.saturating_sub(1));
                    if (item.pos.line..=item_end).contains(&line) {
                        out.push(item.pos.line);
                        if let Some((key, _)) = item.entry("id")
                            && key.pos.line != item.pos.line
                        {
                            out.push(key.pos.line);
                        }
                        next = Some((item, item_end));
                        break;
                    }
                }
            }
            Value::Map(entries) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    let entry_end = entries
                        .get(i + 1)
                        .map_or(end, |(k, _)| k.pos.line.saturating_sub(1));
                    if (key.pos.line..=entry_end).contains(&line) {
                        next = Some((value, entry_end));
                        break;
                    }
                }
            }
            _ => {}
        }
        match next {
            Some((child, child_end)) if !std::ptr::eq(child, node) => {
                node = child;
                end = child_end;
            }
            _ => return out,
        }
    }
}

/// Fills in `pos` of every finding that points at a route, parsing each file at
/// most once (the files on all cores).
pub fn locate_all(org: &Org, findings: &mut [Finding]) {
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if matches!(f.location, Location::Route(_)) {
            by_file.entry(f.file.as_str()).or_default().push(i);
        }
    }
    let mut files: Vec<(&str, Vec<usize>)> = by_file.into_iter().collect();
    files.sort_unstable();
    // Each file's tree lives only while its findings are located.
    let located = super::parallel_map(&files, |(file, indices)| {
        let text = org.text_of(file);
        let _turn = super::large_file_turn(text.map_or(0, str::len));
        let tree = text.and_then(|t| parse_with_positions(t).ok());
        indices
            .iter()
            .map(|&i| {
                let pos = match (&findings[i].location, &tree) {
                    (Location::Route(route), Some(root)) => resolve(root, route),
                    _ => Pos { line: 1, column: 1 },
                };
                (i, pos)
            })
            .collect::<Vec<_>>()
    });
    for (i, pos) in located.into_iter().flatten() {
        findings[i].pos = pos;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_resolve_to_nodes() {
        let text = "cycle: 2026-Q4\nobjectives:\n  - id: a\n    key_results:\n      - {id: x, target: 30}\n";
        let root = parse_with_positions(text).unwrap();
        let at = |r: Route| {
            let p = resolve(&root, &r);
            (p.line, p.column)
        };
        assert_eq!(at(Route::root().key("cycle")), (1, 8));
        assert_eq!(at(Route::objective(0)), (3, 5));
        assert_eq!(at(Route::objective(0).key("id").the_key()), (3, 5));
        assert_eq!(at(Route::key_result(0, 0).key("target")), (5, 25));
        // A missing key points at the mapping that lacks it.
        assert_eq!(at(Route::key_result(0, 0).key("start")), (5, 9));
    }

    #[test]
    fn items_around_a_line() {
        let text = "cycle: 2026-Q4\nobjectives:\n  - id: a\n    key_results:\n      - id: x\n        target: 30\n      - title: y\n        # note\n        id: y\n        target: 3\n  - id: b\n";
        let root = parse_with_positions(text).unwrap();
        assert_eq!(items_around(&root, 6), [3, 5]);
        assert_eq!(items_around(&root, 10), [3, 7, 9]);
        assert_eq!(items_around(&root, 4), [3]);
        assert_eq!(items_around(&root, 11), [11]);
        assert_eq!(items_around(&root, 1), Vec::<u32>::new());
    }
}
