//! The alignment tree of a cycle, from its top objectives down.

use serde::Serialize;

use crate::model::{Cycle, Status};
use crate::rules::Context;
use crate::rules::context::ObjectiveAt;
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
    /// For a root: what it aligns to in enclosing cycles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    pub children: Vec<TreeNode>,
}

fn objective_of(reference: &str) -> &str {
    reference.split_once('/').map_or(reference, |(o, _)| o)
}

pub fn tree(cx: &Context<'_>, cycle: &Cycle) -> TreeView {
    let members: Vec<&ObjectiveAt<'_>> = cx
        .objectives
        .iter()
        .filter(|at| {
            at.cycle_id() == Some(cycle.id.as_str()) && at.objective.status != Status::Dropped
        })
        .collect();
    let in_cycle = |id: &str| members.iter().any(|at| at.objective.id == id);
    let roots = members
        .iter()
        .filter(|at| {
            !at.objective
                .aligns
                .iter()
                .any(|r| in_cycle(objective_of(r)))
        })
        .map(|at| {
            let mut node = objective_node(&members, at, &mut Vec::new());
            node.context = at.objective.aligns.clone();
            node
        })
        .collect();
    TreeView {
        cycle: cycle.id.clone(),
        roots,
    }
}

fn objective_node(
    members: &[&ObjectiveAt<'_>],
    at: &ObjectiveAt<'_>,
    path: &mut Vec<String>,
) -> TreeNode {
    let o = at.objective;
    path.push(o.id.clone());
    let aligned_to = |target: &str| -> Vec<TreeNode> {
        members
            .iter()
            .filter(|child| child.objective.aligns.iter().any(|r| r == target))
            .filter(|child| !path.contains(&child.objective.id))
            .map(|child| objective_node(members, child, &mut path.clone()))
            .collect()
    };
    let mut children = Vec::new();
    for kr in &o.key_results {
        let reference = format!("{}/{}", o.id, kr.id);
        let kids = aligned_to(&reference);
        if !kids.is_empty() {
            children.push(TreeNode {
                id: kr.id.clone(),
                reference: Some(reference),
                title: kr.title.clone(),
                score: score::key_result(kr),
                context: Vec::new(),
                children: kids,
            });
        }
    }
    children.extend(aligned_to(&o.id));
    path.pop();
    TreeNode {
        id: o.id.clone(),
        reference: None,
        title: o.title.clone(),
        score: score::objective(o),
        context: Vec::new(),
        children,
    }
}
