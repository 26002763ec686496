//! One objective or key result in full: fields, scores, alignment up and down.
//! Plain data from the index; no I/O.

use std::collections::HashMap;

use anyhow::Result;
use serde::Serialize;

use super::align::{Problem, objective_of};
use super::status::{KeyResultView, ObjectiveView};
use crate::model::{Context, Initiative, InitiativeState};

#[derive(Debug, Clone, Serialize)]
pub struct ShowView {
    pub today: String,
    /// The objective (for a key result: the objective it belongs to).
    pub objective: ObjectiveView,
    /// Set when REF names a key result.
    pub key_result: Option<KeyResultView>,
    /// The alignment chain upwards: the parent, its parent, ... (first `aligns` at each step).
    pub chain: Vec<ChainLink>,
    /// Where the chain breaks: an `aligns` that names nothing, or a loop.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
    /// Objectives that align to this objective (or key result).
    pub aligned: Vec<ChainLink>,
    pub initiatives: Vec<InitiativeView>,
    pub file: String,
    /// The last check-ins of the key result (or of the objective's key results), oldest first.
    pub checkins: Vec<super::history::CheckinView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChainLink {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub cycle: String,
    pub team: Option<String>,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InitiativeView {
    pub title: String,
    pub key_result: Option<String>,
    pub owner: Option<String>,
    pub state: InitiativeState,
}

fn link(cx: &Context<'_>, reference: &str) -> Option<ChainLink> {
    let (oid, kid) = match reference.split_once('/') {
        Some((o, k)) => (o, Some(k)),
        None => (reference, None),
    };
    let at = cx.by_id.get(oid)?;
    let (title, score) = match kid {
        Some(k) => {
            let kr = cx.key_result(oid, k)?;
            (kr.title.clone(), crate::score::key_result(kr))
        }
        None => (
            at.objective.title.clone(),
            crate::score::objective(at.objective),
        ),
    };
    Some(ChainLink {
        reference: reference.to_owned(),
        title,
        cycle: at.file.cycle.clone().unwrap_or_default(),
        team: at
            .file
            .team
            .clone()
            .or_else(|| at.file.person.as_ref().map(|p| format!("@{p}"))),
        score,
    })
}

pub fn show(cx: &Context<'_>, reference: &str) -> Result<ShowView> {
    let kid = reference.split_once('/').map(|(_, k)| k);
    let (at, kr) = super::names::reference(cx, reference)?;
    let o = at.objective;
    let key_result = kr.map(|kr| KeyResultView::new(o, kr, cx.today));
    let cycle = at.cycle_id().and_then(|c| cx.cycle(c).ok());
    let objective = ObjectiveView::new(&at, cycle.as_ref(), cx.today);

    let mut chain = Vec::new();
    let mut problem = None;
    let mut seen = vec![o.id.clone()];
    // Where each objective of the chain stands in `seen`.
    let mut seen_at: HashMap<String, usize> = HashMap::from([(o.id.clone(), 0)]);
    let mut next = o.aligns.first().cloned();
    while let Some(r) = next.take() {
        let Some(l) = link(cx, &r) else {
            problem = Some(Problem::NotFound { reference: r });
            break;
        };
        let parent = objective_of(&r).to_owned();
        if let Some(&from) = seen_at.get(&parent) {
            let mut path = seen[from..].to_vec();
            path.push(parent);
            problem = Some(Problem::Loop { path });
            break;
        }
        seen_at.insert(parent.clone(), seen.len());
        seen.push(parent.clone());
        next = cx
            .by_id
            .get(parent.as_str())
            .and_then(|p| p.objective.aligns.first().cloned());
        chain.push(l);
    }

    let aligned = cx
        .aligned_to(reference)
        .filter_map(|c| link(cx, &c.objective.id))
        .collect();
    let initiatives = o
        .initiatives
        .iter()
        .filter(|i: &&Initiative| {
            kid.is_none_or(|k| {
                i.key_result
                    .as_deref()
                    .is_some_and(|r| r == k || r == reference)
            })
        })
        .map(|i| InitiativeView {
            title: i.title.clone(),
            key_result: i.key_result.clone(),
            owner: i.owner.clone(),
            state: i.state,
        })
        .collect();
    Ok(ShowView {
        today: super::date_string(cx.today),
        objective,
        key_result,
        chain,
        problem,
        aligned,
        initiatives,
        file: at.path.to_owned(),
        checkins: Vec::new(),
    })
}
