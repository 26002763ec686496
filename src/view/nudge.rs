//! `okr nudge`'s view: who should check in, and on which key results. Plain
//! data from the index and the stale key results; no I/O.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Context, Date, Stale};

/// `okr nudge --format json`.
#[derive(Debug, Serialize)]
pub struct NudgeView {
    pub today: String,
    pub stale_after_days: u32,
    pub owners: Vec<OwnerNudge>,
}

#[derive(Debug, Serialize)]
pub struct OwnerNudge {
    pub owner: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub key_results: Vec<StaleView>,
}

#[derive(Debug, Serialize)]
pub struct StaleView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub cycle: Option<String>,
    /// The value it has had since `since` (a number, or a milestone's `done`).
    pub value: serde_json::Value,
    /// The day of its last change or check-in.
    pub since: String,
}

/// Who should check in: the stale key results by owner (the key result's,
/// else its objective's), each with the day its value was last changed or
/// checked in (`last`, else the day the window found it unchanged since).
pub fn nudge(cx: &Context<'_>, stale: Vec<Stale<'_>>, last: &HashMap<String, Date>) -> NudgeView {
    let org = cx.org;
    let mut by_owner: BTreeMap<String, Vec<StaleView>> = BTreeMap::new();
    for s in stale {
        let owner = s
            .key_result
            .owner
            .clone()
            .or_else(|| s.at.objective.owner.clone())
            .unwrap_or_else(|| "(no owner)".to_owned());
        by_owner.entry(owner).or_default().push(StaleView {
            reference: s.reference.clone(),
            title: s.key_result.title.clone(),
            cycle: s.at.cycle_id().map(str::to_owned),
            value: s.value.map_or(serde_json::Value::Null, |v| v.json()),
            since: last.get(&s.reference).unwrap_or(&s.since).to_string(),
        });
    }
    NudgeView {
        today: cx.today.to_string(),
        stale_after_days: org.config.rules.stale_after_days,
        owners: by_owner
            .into_iter()
            .map(|(owner, key_results)| {
                let person = cx.person(&owner);
                OwnerNudge {
                    name: person.and_then(|p| p.name.clone()),
                    email: person.and_then(|p| p.email.clone()),
                    owner,
                    key_results,
                }
            })
            .collect(),
    }
}
