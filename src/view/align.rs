//! Where alignment breaks: an `aligns` that names nothing, a team whose
//! `parent` is not a team, and loops. `okr check` reports these as errors; the
//! views still show every objective and team, at the root with a marker, so
//! that nothing vanishes from a tree while the error is being fixed. Plain data
//! from the index; no I/O.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Context, Objective};

/// Why an objective or team is not where its alignment says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// `aligns` names an objective or key result that does not exist (for a
    /// team: `parent` names no team).
    NotFound {
        #[serde(rename = "ref")]
        reference: String,
    },
    /// It sits on a loop: the ids around the loop, the first again at the end.
    Loop { path: Vec<String> },
}

impl Problem {
    /// `↑ grow/zz (not found)`, `⟲ loop: a → b → a`.
    pub fn marker(&self) -> String {
        match self {
            Problem::NotFound { reference } => format!("↑ {reference} (not found)"),
            Problem::Loop { path } => format!("⟲ loop: {}", path.join(" → ")),
        }
    }
}

/// The objective id of a reference: `grow` of `grow/signups`.
pub fn objective_of(reference: &str) -> &str {
    reference.split_once('/').map_or(reference, |(o, _)| o)
}

/// Whether a reference names an existing objective, or an existing key
/// result of one.
pub fn resolves(cx: &Context<'_>, reference: &str) -> bool {
    match reference.split_once('/') {
        Some((o, kr)) => cx.key_result(o, kr).is_some(),
        None => cx.by_id.contains_key(reference),
    }
}

/// The alignment loops of the organisation, found once for a view.
pub struct Alignment<'a> {
    /// For every objective on a loop, the shortest loop through it.
    loops: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Alignment<'a> {
    pub fn new(cx: &Context<'a>) -> Self {
        let ids: Vec<&'a str> = cx
            .objectives
            .iter()
            .map(|at| at.objective.id.as_str())
            .collect();
        let loops = loops(&ids, |id| {
            cx.by_id.get(id).map_or_else(Vec::new, |at| {
                at.objective
                    .aligns
                    .iter()
                    .map(|r| objective_of(r))
                    .filter_map(|p| cx.by_id.get_key_value(p).map(|(k, _)| *k))
                    .collect()
            })
        });
        Alignment { loops }
    }

    /// An objective's problem: the loop it is on, else the first `aligns`
    /// that names nothing.
    pub fn problem(&self, cx: &Context<'_>, objective: &Objective) -> Option<Problem> {
        if let Some(path) = self.loops.get(objective.id.as_str()) {
            return Some(Problem::Loop {
                path: path.iter().map(|s| (*s).to_owned()).collect(),
            });
        }
        objective
            .aligns
            .iter()
            .find(|r| !resolves(cx, r))
            .map(|r| Problem::NotFound {
                reference: r.clone(),
            })
    }
}

/// For every node of a graph that lies on a loop, the shortest loop through
/// it: the node, the nodes its edges lead through, and the node again.
/// `edges(node)` are the nodes it points to (an objective's parents).
pub fn loops<'a>(
    nodes: &[&'a str],
    edges: impl Fn(&str) -> Vec<&'a str>,
) -> HashMap<&'a str, Vec<&'a str>> {
    let mut index: HashMap<&'a str, usize> = HashMap::with_capacity(nodes.len());
    let mut names: Vec<&'a str> = Vec::with_capacity(nodes.len());
    for n in nodes {
        if !n.is_empty() && !index.contains_key(n) {
            index.insert(n, names.len());
            names.push(n);
        }
    }
    let adj: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            edges(n)
                .into_iter()
                .filter_map(|m| index.get(m).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected(&adj);
    let mut size = vec![0usize; names.len()];
    for &c in &component {
        size[c] += 1;
    }
    // The search for each node's shortest loop is bounded, so that a hostile
    // repository of huge loops is answered in time: past the budget a node's
    // loop is written `x → … → x`.
    let mut budget = TOTAL_BUDGET;
    let mut out = HashMap::new();
    for v in 0..names.len() {
        let c = component[v];
        if size[c] < 2 && !adj[v].contains(&v) {
            continue;
        }
        let path = match shortest_loop(v, &adj, |w| component[w] == c, &mut budget) {
            Some(path) => path.into_iter().map(|i| names[i]).collect(),
            None => vec![names[v], "…", names[v]],
        };
        out.insert(names[v], path);
    }
    out
}

/// The nodes one search for a loop may visit, and all searches together.
const NODE_BUDGET: usize = 1024;
const TOTAL_BUDGET: usize = 1 << 20;

/// The component of each node (Tarjan's algorithm, without recursion).
fn strongly_connected(adj: &[Vec<usize>]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = adj.len();
    let mut order = vec![NONE; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![NONE; n];
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..n {
        if order[root] != NONE {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if let Some(&w) = adj[v].get(*i) {
                *i += 1;
                if order[w] == NONE {
                    order[w] = next_order;
                    low[w] = next_order;
                    next_order += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The shortest path from `v` back to itself through nodes `inside` allows;
/// `None` when not found within [`NODE_BUDGET`] visits or what is left of `budget`.
fn shortest_loop(
    v: usize,
    adj: &[Vec<usize>],
    inside: impl Fn(usize) -> bool,
    budget: &mut usize,
) -> Option<Vec<usize>> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([v]);
    let mut visits = 0;
    while let Some(u) = queue.pop_front() {
        visits += 1;
        if visits > NODE_BUDGET || *budget == 0 {
            return None;
        }
        *budget -= 1;
        for &w in &adj[u] {
            if w == v {
                let mut path = vec![v];
                let mut at = u;
                while at != v {
                    path.push(at);
                    at = came_from[&at];
                }
                path[1..].reverse();
                path.push(v);
                return Some(path);
            }
            if inside(w) && !came_from.contains_key(&w) {
                came_from.insert(w, u);
                queue.push_back(w);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&'static str, &'static str)]) -> HashMap<&'static str, Vec<&'static str>> {
        let mut nodes: Vec<&str> = edges.iter().flat_map(|(a, b)| [*a, *b]).collect();
        nodes.sort_unstable();
        nodes.dedup();
        let edges = edges.to_vec();
        loops(&nodes, move |n| {
            edges
                .iter()
                .filter(|(a, _)| *a == n)
                .map(|(_, b)| *b)
                .collect()
        })
    }

    #[test]
    fn loops_name_every_node_on_them_and_none_below() {
        // a -> b -> c -> a, d -> a (below the loop), e -> e (itself), f -> g.
        let found = graph(&[
            ("a", "b"),
            ("b", "c"),
            ("c", "a"),
            ("d", "a"),
            ("e", "e"),
            ("f", "g"),
        ]);
        assert_eq!(found["a"], ["a", "b", "c", "a"]);
        assert_eq!(found["c"], ["c", "a", "b", "c"]);
        assert_eq!(found["e"], ["e", "e"]);
        for free in ["d", "f", "g"] {
            assert!(!found.contains_key(free), "{free}: {found:?}");
        }
    }

    #[test]
    fn the_shortest_loop_through_a_node() {
        // a -> b -> a and a -> c -> d -> a: the short one.
        let found = graph(&[("a", "b"), ("b", "a"), ("a", "c"), ("c", "d"), ("d", "a")]);
        assert_eq!(found["a"], ["a", "b", "a"]);
        assert_eq!(found["d"], ["d", "a", "c", "d"]);
    }

    #[test]
    fn a_huge_loop_is_answered_in_time() {
        // 50,000 objectives in one loop: each is marked, the path elided.
        let names: Vec<String> = (0..50_000).map(|i| format!("o{i}")).collect();
        let nodes: Vec<&str> = names.iter().map(String::as_str).collect();
        let next = |n: &str| -> Vec<&str> {
            let i: usize = n[1..].parse().unwrap();
            vec![nodes[(i + 1) % nodes.len()]]
        };
        let found = loops(&nodes, next);
        assert_eq!(found.len(), 50_000);
        assert_eq!(found["o7"], ["o7", "…", "o7"]);
    }

    #[test]
    fn markers() {
        let missing = Problem::NotFound {
            reference: "grow/zz".into(),
        };
        assert_eq!(missing.marker(), "↑ grow/zz (not found)");
        let looped = Problem::Loop {
            path: vec!["a".into(), "b".into(), "a".into()],
        };
        assert_eq!(looped.marker(), "⟲ loop: a → b → a");
        assert_eq!(
            serde_json::to_value(&missing).unwrap(),
            serde_json::json!({"kind": "not-found", "ref": "grow/zz"})
        );
    }
}
