//! GitLab's OKR work items: the JSON its GraphQL API returns for a query of
//! `workItems(types: [OBJECTIVE, KEY_RESULT])` with the assignees, hierarchy
//! and progress widgets (the query is in README). Several pages may be given
//! as a JSON list of responses. Parent/child becomes alignment (an objective
//! under an objective) or the key results of an objective; the progress
//! widget's start, end and current values become `start`, `target`, `current`;
//! the first assignee becomes the owner.

use std::collections::HashMap;

use serde_json::Value;

use super::json::{get, id, list, number, text};
use super::numbers::short;
use super::{Errors, MAX_ROWS, MAX_TITLE_CHARS, Plan, PlannedObjective};
use crate::model::{KeyResult, Objective, Status};

const SOURCE: &str = "gitlab";

/// Every work item of the document, wherever its `workItems` lists stand.
fn work_items<'a>(doc: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 12 {
        return;
    }
    match doc {
        Value::Array(items) => {
            for item in items {
                if get(item, &["workItemType"]).is_some() {
                    out.push(item);
                } else if let Some(node) = get(item, &["node"]) {
                    work_items(node, out, depth + 1);
                } else {
                    work_items(item, out, depth + 1);
                }
            }
        }
        Value::Object(map) => {
            if map.contains_key("workItemType") {
                out.push(doc);
                return;
            }
            for (key, value) in map {
                if matches!(key.as_str(), "widgets" | "pageInfo") {
                    continue;
                }
                work_items(value, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The widget of a type (`PROGRESS`, `HIERARCHY`, `ASSIGNEES`...).
fn widget<'a>(item: &'a Value, kind: &str) -> Option<&'a Value> {
    list(item, &["widgets"])
        .into_iter()
        .find(|w| text(w, &["type"], 40).is_some_and(|t| t.eq_ignore_ascii_case(kind)))
}

pub fn plan(name: &str, bytes: &[u8]) -> Result<Plan, String> {
    let doc: Value = serde_json::from_slice(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|e| format!("{name} is not JSON okr can read ({e})"))?;
    if let Some(errors) =
        get(&doc, &["errors"]).filter(|e| e.as_array().is_some_and(|a| !a.is_empty()))
    {
        return Err(format!(
            "{name} is GitLab's answer with errors, not work items: {}",
            short(&errors.to_string())
        ));
    }
    let mut items = Vec::new();
    work_items(&doc, &mut items, 0);
    if items.is_empty() {
        return Err(format!(
            "{name} holds no work items; give it the JSON of the GraphQL query in README (`workItems` with `workItemType`)"
        ));
    }
    if items.len() > MAX_ROWS {
        return Err(format!(
            "{name}: {} work items; okr imports at most {MAX_ROWS}",
            items.len()
        ));
    }
    let mut plan = Plan::new(SOURCE);
    let mut errors = Errors::default();
    plan.mapping
        .push(format!("{name}: {} work items", items.len()));
    let type_of = |item: &Value| {
        get(item, &["workItemType"])
            .and_then(|t| text(t, &["name"], 40))
            .unwrap_or_default()
            .to_lowercase()
    };
    let gid = |item: &Value| get(item, &["id"]).and_then(id);
    let parent_of = |item: &Value| {
        widget(item, "HIERARCHY")
            .and_then(|w| get(w, &["parent"]))
            .and_then(|p| get(p, &["id"]))
            .and_then(id)
    };
    let is_kr = |item: &Value| {
        let t = type_of(item);
        t.contains("key")
            || (!t.contains("objective")
                && parent_of(item).is_some()
                && widget(item, "PROGRESS").is_some())
    };
    let owner = |plan: &mut Plan, item: &Value, title: &str| -> Option<String> {
        let people = widget(item, "ASSIGNEES")
            .and_then(|w| get(w, &["assignees"]))
            .map(|a| list(a, &["nodes"]))
            .unwrap_or_default();
        if people.len() > 1 {
            plan.unmapped.push(format!(
                "`{}`: {} assignees; okr keeps the first as owner",
                short(title),
                people.len()
            ));
        }
        let p = people.first()?;
        let username = text(p, &["username"], 200)?;
        Some(plan.person_keyed(
            &username,
            text(p, &["name"], 200).as_deref(),
            text(p, &["publicEmail", "email"], 200).as_deref(),
        ))
    };
    if items.iter().any(|i| {
        widget(i, "HEALTH_STATUS")
            .and_then(|w| get(w, &["healthStatus"]))
            .is_some()
    }) {
        plan.unmapped.push("GitLab's health status is not imported: okr computes health from the score and the day".into());
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for item in items.iter().filter(|i| !is_kr(i)) {
        let Some(gid) = gid(item) else {
            errors.push(format!("{name}: a work item without an id"));
            continue;
        };
        if index.contains_key(&gid) {
            continue; // the same item on two pages
        }
        let title = text(item, &["title"], MAX_TITLE_CHARS).unwrap_or_else(|| gid.clone());
        let objective = Objective {
            import_id: Some(format!("{SOURCE}:{gid}")),
            title: title.clone(),
            owner: owner(&mut plan, item, &title),
            status: Status::Agreed,
            ..Objective::default()
        };
        plan.objectives.push(PlannedObjective {
            objective,
            aligns_to: parent_of(item)
                .map(|p| format!("{SOURCE}:{p}"))
                .into_iter()
                .collect(),
            at: format!("{name}: {gid}"),
            ..PlannedObjective::default()
        });
        index.insert(gid, plan.objectives.len() - 1);
    }
    let mut seen = std::collections::HashSet::new();
    for item in items.iter().filter(|i| is_kr(i)) {
        let Some(gid) = gid(item) else {
            errors.push(format!("{name}: a work item without an id"));
            continue;
        };
        if !seen.insert(gid.clone()) {
            continue;
        }
        let title = text(item, &["title"], MAX_TITLE_CHARS).unwrap_or_else(|| gid.clone());
        let Some(&o) = parent_of(item).and_then(|p| index.get(&p)) else {
            plan.unmapped.push(format!(
                "key result {gid} `{}` has no objective in the file as its parent; left out",
                short(&title)
            ));
            continue;
        };
        let progress = widget(item, "PROGRESS").cloned().unwrap_or(Value::Null);
        let mut value = |keys: &[&str]| match number(&progress, keys) {
            Some(Ok((x, _))) => Some(x),
            Some(Err(e)) => {
                errors.push(format!("{name}: {gid} {}: {e}", keys[0]));
                None
            }
            None => None,
        };
        let start = value(&["startValue"]).unwrap_or(0.0);
        let target = value(&["endValue"]).unwrap_or(100.0);
        let current = value(&["currentValue"])
            .or_else(|| value(&["progress"]).map(|p| start + (target - start) * p / 100.0));
        let kr = KeyResult {
            import_id: Some(format!("{SOURCE}:{gid}")),
            title: title.clone(),
            owner: owner(&mut plan, item, &title),
            start: Some(start),
            target: Some(target),
            current: current.or(Some(start)),
            ..KeyResult::default()
        };
        plan.objectives[o].objective.key_results.push(kr);
    }
    errors.finish(plan)
}
