//! `alignment-loop`: no objective aligns to itself through a chain. Pure:
//! reads the index, returns findings.

use std::collections::HashMap;

use super::alignment_target::aligns_route;
use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::Finding;
use crate::model::Context;

pub const RULE: Rule = Rule {
    id: RuleId::AlignmentLoop,
    default: Level::Error,
    summary: "no objective aligns to itself through a chain",
    why: "Alignment is a tree from the top objectives down; a loop has no top, so none of its objectives serves anything above it.",
    fix: "Remove the `aligns` of the objective that is really the higher goal, or align it upwards.",
    examples: &examples!(
        "alignment-loop",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
    ),
    needs_history: false,
};

/// Reports each alignment loop once, at the `aligns` of its first objective.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Edges: objective id -> the objective ids it aligns to.
    let edges: HashMap<&str, Vec<&str>> = cx
        .by_id
        .iter()
        .map(|(id, at)| {
            let parents = at
                .objective
                .aligns
                .iter()
                .map(|r| r.split_once('/').map_or(r.as_str(), |(o, _)| o))
                .filter(|p| cx.by_id.contains_key(p))
                .collect();
            (*id, parents)
        })
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut reported: Vec<Vec<&str>> = Vec::new();
    for at in &cx.objectives {
        let start = at.objective.id.as_str();
        if start.is_empty() || state.get(start).copied().unwrap_or(0) != 0 {
            continue;
        }
        // Iterative depth-first search keeping the path.
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            let children = edges.get(node).map_or(&[][..], |v| v.as_slice());
            if *next < children.len() {
                let child = children[*next];
                *next += 1;
                match state.get(child).copied().unwrap_or(0) {
                    0 => {
                        state.insert(child, 1);
                        path.push((child, 0));
                    }
                    1 => {
                        let from = path.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        let mut cycle: Vec<&str> = path[from..].iter().map(|(n, _)| *n).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if !reported.contains(&key) {
                            reported.push(key);
                            // Report at the objective of the loop that comes first in the files.
                            let first = cx
                                .objectives
                                .iter()
                                .find(|o| cycle.contains(&o.objective.id.as_str()))
                                .copied();
                            if let Some(first) = first {
                                let rot = cycle
                                    .iter()
                                    .position(|n| *n == first.objective.id)
                                    .unwrap_or(0);
                                cycle.rotate_left(rot);
                                let next_id = cycle.get(1).copied().unwrap_or(cycle[0]);
                                let k = first
                                    .objective
                                    .aligns
                                    .iter()
                                    .position(|r| {
                                        r.split_once('/').map_or(r.as_str(), |(o, _)| o) == next_id
                                    })
                                    .unwrap_or(0);
                                let chain = cycle
                                    .iter()
                                    .chain(std::iter::once(&cycle[0]))
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(" -> ");
                                out.push(Finding::at(
                                    RuleId::AlignmentLoop,
                                    first.path,
                                    aligns_route(&first, k),
                                    format!("alignment loop: {chain}; an objective cannot serve itself, so align one of them upwards instead"),
                                ));
                            }
                        }
                    }
                    _ => {}
                }
            } else {
                state.insert(node, 2);
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
