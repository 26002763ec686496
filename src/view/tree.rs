//! The alignment tree of a cycle, from its top objectives down.
//!
//! Every live objective of the cycle is in the tree. One whose `aligns` names
//! nothing in the cycle is a root; so is one whose `aligns` names something
//! that does not exist (with its problem), and, for a loop of objectives that
//! align to each other, the one of the loop that comes first in the files.
//! Plain data from the index; no I/O.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::align::{Alignment, Problem, objective_of};
use crate::model::{Context, Cycle, ObjectiveAt, Status};
use crate::score;

#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    pub cycle: String,
    pub roots: Vec<TreeNode>,
}

/// An objective, or a key result that other objectives align to.
#[derive(Debug, Clone, Serialize)]
pub struct TreeNode {
    pub id: String,
    /// `objective-id/kr-id` for a key result.
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub title: String,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    /// For a root: what it aligns to outside the cycle's tree (in enclosing
    /// cycles, or nowhere when its problem says so).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// An objective on an alignment loop, or whose `aligns` names nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
    /// An objective that aligns to several parents is shown in full under the
    /// first; under the others it is `repeated`, without its children.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
    pub children: Vec<TreeNode>,
}

/// The live objectives of a cycle and how they hang together.
struct Members<'c, 'a> {
    cx: &'c Context<'a>,
    list: Vec<&'c ObjectiveAt<'a>>,
    /// Position in `list` (file order) by id.
    index: HashMap<&'a str, usize>,
    /// The members that align to a reference (an objective or key result), in file order.
    kids: HashMap<&'a str, Vec<usize>>,
    alignment: Alignment<'a>,
}

impl<'c, 'a> Members<'c, 'a> {
    /// The member a reference hangs an objective under: an objective of the
    /// cycle, or an existing key result of one.
    fn parent(&self, reference: &str) -> Option<usize> {
        let &i = self.index.get(objective_of(reference))?;
        match reference.split_once('/') {
            Some((o, kr)) => self.has_key_result(i, o, kr).then_some(i),
            None => Some(i),
        }
    }

    /// Whether member `i` (whose id is `objective`) has a key result `kr`:
    /// through the organisation's index when the member is the first
    /// objective with its id, else (a duplicate id) by its own list.
    fn has_key_result(&self, i: usize, objective: &str, kr: &str) -> bool {
        let at = self.list[i];
        match self.cx.by_id.get(objective) {
            Some(first) if std::ptr::eq(first.objective, at.objective) => {
                self.cx.key_result(objective, kr).is_some()
            }
            _ => at.objective.key_results.iter().any(|k| k.id == kr),
        }
    }

    fn first_parent(&self, at: &ObjectiveAt<'_>) -> Option<usize> {
        at.objective.aligns.iter().find_map(|r| self.parent(r))
    }
}

pub fn tree(cx: &Context<'_>, cycle: &Cycle) -> TreeView {
    let list: Vec<&ObjectiveAt<'_>> = cx
        .cycle_members(&cycle.id)
        .filter(|at| at.objective.status != Status::Dropped)
        .collect();
    let mut index = HashMap::new();
    let mut kids: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, at) in list.iter().enumerate() {
        index.entry(at.objective.id.as_str()).or_insert(i);
        for r in &at.objective.aligns {
            let list = kids.entry(r.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let members = Members {
        cx,
        list,
        index,
        kids,
        alignment: Alignment::new(cx),
    };
    let mut shown: HashSet<usize> = HashSet::new();
    let mut roots: Vec<TreeNode> = Vec::new();
    for (i, at) in members.list.iter().enumerate() {
        if members.first_parent(at).is_none() {
            roots.push(root(&members, i, &mut shown));
        }
    }
    // What is left hangs below a loop: walk up from it to the loop, and start
    // a tree at the loop's objective that comes first in the files.
    // Members before `next` are all shown: each is looked at once.
    let mut next = 0;
    while let Some(start) = (next..members.list.len()).find(|i| !shown.contains(i)) {
        next = start;
        let mut walk = vec![start];
        // Where each member of the walk stands in it.
        let mut walked: HashMap<usize, usize> = HashMap::from([(start, 0)]);
        let cut = loop {
            let here = walk[walk.len() - 1];
            let Some(up) = members.first_parent(members.list[here]) else {
                break here;
            };
            if let Some(&from) = walked.get(&up) {
                break walk[from..].iter().copied().min().unwrap_or(up);
            }
            walked.insert(up, walk.len());
            walk.push(up);
        };
        roots.push(root(&members, cut, &mut shown));
        if !shown.contains(&start) {
            // Not below the loop after all: a root of its own, rather than lost.
            roots.push(root(&members, start, &mut shown));
        }
    }
    // Roots in file order, then the loops: an objective under several parents
    // is shown in full the first time it is printed.
    TreeView {
        cycle: cycle.id.clone(),
        roots,
    }
}

/// The tree below member `i`, as a root: with what it aligns to outside the tree.
fn root(members: &Members<'_, '_>, i: usize, shown: &mut HashSet<usize>) -> TreeNode {
    let at = members.list[i];
    let mut node = objective_node(members, i, &mut HashSet::new(), shown);
    node.context = at
        .objective
        .aligns
        .iter()
        .filter(|r| members.parent(r).is_none())
        .cloned()
        .collect();
    node
}

fn objective_node(
    members: &Members<'_, '_>,
    i: usize,
    path: &mut HashSet<usize>,
    shown: &mut HashSet<usize>,
) -> TreeNode {
    let o = members.list[i].objective;
    let node = |children: Vec<TreeNode>, repeated: bool| TreeNode {
        id: o.id.clone(),
        reference: None,
        title: o.title.clone(),
        score: score::objective(o),
        context: Vec::new(),
        problem: members.alignment.problem(members.cx, o),
        repeated,
        children,
    };
    if !shown.insert(i) {
        // Shown in full elsewhere: once is enough, and what aligns to
        // several objectives cannot multiply the tree.
        let has_children = std::iter::once(o.id.clone())
            .chain(o.key_results.iter().map(|k| format!("{}/{}", o.id, k.id)))
            .any(|r| members.kids.get(r.as_str()).is_some_and(|k| !k.is_empty()));
        return node(Vec::new(), has_children);
    }
    path.insert(i);
    let mut aligned_to = |target: &str, path: &mut HashSet<usize>| -> Vec<TreeNode> {
        let kids: Vec<usize> = members
            .kids
            .get(target)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|c| !path.contains(c))
            .collect();
        kids.into_iter()
            .map(|c| objective_node(members, c, path, shown))
            .collect()
    };
    let mut children = Vec::new();
    for kr in &o.key_results {
        let reference = format!("{}/{}", o.id, kr.id);
        let kids = aligned_to(&reference, path);
        if !kids.is_empty() {
            children.push(TreeNode {
                id: kr.id.clone(),
                reference: Some(reference),
                title: kr.title.clone(),
                score: score::key_result(kr),
                context: Vec::new(),
                problem: None,
                repeated: false,
                children: kids,
            });
        }
    }
    children.extend(aligned_to(&o.id, path));
    path.remove(&i);
    node(children, false)
}
