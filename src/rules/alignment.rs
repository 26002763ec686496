//! `alignment-target`, `alignment-cycle`, `alignment-team`, `alignment-loop`
//! and `orphan`. Pure: reads the index, returns findings.

use std::collections::HashMap;

use crate::finding::{Finding, Route};
use crate::model::{Context, ObjectiveAt, Status, Unit, did_you_mean};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for at in &cx.objectives {
        let o = at.objective;
        if o.id.is_empty() {
            continue;
        }
        for (k, reference) in o.aligns.iter().enumerate() {
            let Some(parent) = target(cx, at, reference, k, out) else {
                continue;
            };
            alignment_cycle(cx, at, &parent, reference, k, out);
            alignment_team(cx, at, &parent, reference, k, out);
        }
        if o.aligns.is_empty()
            && o.status != Status::Dropped
            && let Some(Unit::Team(team)) = at.unit()
            && let Some(parent) = cx.teams.get(team).and_then(|t| t.parent.as_deref())
        {
            out.push(Finding::at(
                "orphan",
                at.path,
                Route::objective(at.index),
                format!(
                    "objective `{}` of team `{team}` aligns to nothing; add `aligns:` with the objective (or `objective/key-result`) of `{parent}` or above that it serves",
                    o.id
                ),
            ));
        }
    }
    loops(cx, out);
}

/// `aligns[k]`; for `aligns: one-ref` the locator stops at the scalar itself.
fn aligns_route(at: &ObjectiveAt<'_>, k: usize) -> Route {
    Route::objective(at.index).key("aligns").index(k)
}

/// The objective a reference names, or a finding.
fn target<'a>(
    cx: &Context<'a>,
    at: &ObjectiveAt<'a>,
    reference: &str,
    k: usize,
    out: &mut Vec<Finding>,
) -> Option<ObjectiveAt<'a>> {
    let (objective_id, kr_id) = match reference.split_once('/') {
        Some((o, k)) => (o, Some(k)),
        None => (reference, None),
    };
    let Some(parent) = cx.by_id.get(objective_id) else {
        let hint = did_you_mean(objective_id, cx.by_id.keys().copied())
            .map_or(String::new(), |s| format!("did you mean `{s}`? "));
        out.push(Finding::at(
            "alignment-target",
            at.path,
            aligns_route(at, k),
            format!(
                "objective `{}` aligns to `{reference}`, but there is no objective `{objective_id}`; {hint}use an existing objective id or `objective-id/kr-id`",
                at.objective.id
            ),
        ));
        return None;
    };
    if let Some(kr_id) = kr_id
        && !parent.objective.key_results.iter().any(|kr| kr.id == kr_id)
    {
        let ids: Vec<&str> = parent
            .objective
            .key_results
            .iter()
            .map(|kr| kr.id.as_str())
            .collect();
        let hint = did_you_mean(kr_id, ids.iter().copied()).map_or_else(
            || format!("its key results are: {}", ids.join(", ")),
            |s| format!("did you mean `{objective_id}/{s}`?"),
        );
        out.push(Finding::at(
            "alignment-target",
            at.path,
            aligns_route(at, k),
            format!(
                "objective `{}` aligns to `{reference}`, but objective `{objective_id}` has no key result `{kr_id}`; {hint}",
                at.objective.id
            ),
        ));
        return None;
    }
    Some(*parent)
}

fn alignment_cycle(
    cx: &Context<'_>,
    at: &ObjectiveAt<'_>,
    parent: &ObjectiveAt<'_>,
    reference: &str,
    k: usize,
    out: &mut Vec<Finding>,
) {
    let (Some(child_id), Some(parent_id)) = (at.cycle_id(), parent.cycle_id()) else {
        return;
    };
    let (Ok(child), Ok(up)) = (cx.cycle(child_id), cx.cycle(parent_id)) else {
        return;
    };
    if !up.period.encloses(&child.period) {
        out.push(Finding::at(
            "alignment-cycle",
            at.path,
            aligns_route(at, k),
            format!(
                "objective `{}` ({child_id}) aligns to `{reference}` of cycle {parent_id}, which does not enclose {child_id}; align to an objective of the same or a longer cycle that contains it",
                at.objective.id
            ),
        ));
    }
}

fn alignment_team(
    cx: &Context<'_>,
    at: &ObjectiveAt<'_>,
    parent: &ObjectiveAt<'_>,
    reference: &str,
    k: usize,
    out: &mut Vec<Finding>,
) {
    let (Some(child), Some(up)) = (at.unit(), parent.unit()) else {
        return;
    };
    let allowed: Vec<&str> = match child {
        Unit::Team(t) => cx.ancestors(t),
        Unit::Person(p) => {
            if up == Unit::Person(p) {
                return;
            }
            cx.teams_of(p)
                .into_iter()
                .flat_map(|t| cx.ancestors(t))
                .collect()
        }
    };
    let ok = match up {
        Unit::Team(t) => allowed.contains(&t) || !cx.teams.contains_key(t),
        Unit::Person(_) => false,
    };
    if !ok {
        let (whose, of) = match up {
            Unit::Team(t) => ("team", t),
            Unit::Person(p) => ("person", p),
        };
        let mine = match child {
            Unit::Team(t) => format!("team `{t}`"),
            Unit::Person(p) => format!("`{p}`'s teams"),
        };
        out.push(Finding::at(
            "alignment-team",
            at.path,
            aligns_route(at, k),
            format!(
                "objective `{}` aligns to `{reference}` of {whose} `{of}`, which is neither {mine} nor above it; align within your branch of the team tree, or ask `{of}` to share the goal",
                at.objective.id
            ),
        ));
    }
}

/// Reports each alignment loop once, at the `aligns` of its first objective.
fn loops(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
                                    "alignment-loop",
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
