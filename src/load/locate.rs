//! Turning routes into lines and columns, only for the findings that are shown.

use std::collections::HashMap;

use super::yaml::{Node, Pos, Value};
use super::{Org, parse_with_positions};
use crate::finding::{Finding, Location, Route, Segment};

/// The position of the node a route names; when the route goes further than the
/// file does (a missing key), the position of the deepest node that exists.
pub fn resolve(root: &Node, route: &Route) -> Pos {
    let mut node = root;
    let mut key_pos = None;
    for segment in &route.segments {
        let next = match (segment, &node.value) {
            (Segment::Key(k), Value::Map(entries)) => entries
                .iter()
                .find(|(key, _)| key.scalar_text().as_deref() == Some(k.as_str()))
                .map(|(key, value)| (Some(key.pos), value)),
            (Segment::Index(i), Value::Seq(items)) => items.get(*i).map(|n| (None, n)),
            _ => None,
        };
        match next {
            Some((kp, n)) => {
                key_pos = kp;
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

/// Fills in `pos` of every finding that points at a route, parsing each file at
/// most once (the files on all cores).
pub fn locate_all(org: &Org, findings: &mut [Finding]) {
    let mut files: Vec<&str> = findings
        .iter()
        .filter(|f| matches!(f.location, Location::Route(_)))
        .map(|f| f.file.as_str())
        .collect();
    files.sort_unstable();
    files.dedup();
    let parsed = super::parallel_map(&files, |file| {
        org.text_of(file).and_then(|t| parse_with_positions(t).ok())
    });
    let trees: HashMap<String, Option<Node>> =
        files.into_iter().map(str::to_owned).zip(parsed).collect();
    for finding in findings.iter_mut() {
        let Location::Route(route) = &finding.location else {
            continue;
        };
        finding.pos = match trees.get(&finding.file).and_then(Option::as_ref) {
            Some(root) => resolve(root, route),
            None => Pos { line: 1, column: 1 },
        };
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
}
