//! The items `okr import` writes: new objectives and key results in the order
//! of the example files, and the values of key results already there. Builds
//! edit items; writes nothing itself.

use anyhow::{Context as _, Result};

use crate::commands::support::checkin::{CONFIDENCE_AFTER, CURRENT_AFTER};
use crate::edit::{self, Item, Scalar, Set};
use crate::import::{CheckinTarget, CheckinValue, Plan};
use crate::load;
use crate::model::{KeyResult, Objective, ObjectiveKind, Origin, Status, format_number};

/// The value a new key result starts from when its check-ins are replayed:
/// a number's start, a milestone not done; else the first check-in's value,
/// which is then not replayed again.
#[derive(Debug, Clone, Copy)]
pub struct FirstValue {
    pub value: CheckinValue,
    pub consumes_first: bool,
}

pub fn first_value(plan: &Plan, objective: usize, key_result: usize) -> Option<FirstValue> {
    let first = plan
        .checkins
        .iter()
        .filter(|c| {
            c.target
                == CheckinTarget::Planned {
                    objective,
                    key_result,
                }
        })
        .min_by_key(|c| c.date)?;
    let kr = &plan.objectives[objective].objective.key_results[key_result];
    Some(match (kr.start, kr.done) {
        (Some(start), None) if kr.target.is_some() => FirstValue {
            value: CheckinValue::Number(start),
            consumes_first: false,
        },
        (_, Some(_)) => FirstValue {
            value: CheckinValue::Done(false),
            consumes_first: false,
        },
        _ => FirstValue {
            value: first.value,
            consumes_first: true,
        },
    })
}

/// A new objective as an item to write, in the order of the example files.
pub fn objective_item(
    id: &str,
    o: &Objective,
    aligns: &[String],
    person: &dyn Fn(&Option<String>) -> Option<String>,
    krs: Vec<Item>,
) -> Item {
    let mut item = Item::default().str("id", id);
    if let Some(i) = &o.import_id {
        item = item.str("import_id", i);
    }
    item = item.str("title", &o.title);
    if let Some(d) = &o.description {
        item = item.str("description", d);
    }
    if let Some(owner) = person(&o.owner) {
        item = item.str("owner", &owner);
    }
    match aligns {
        [] => {}
        [one] => item = item.str("aligns", one),
        many => item = item.list("aligns", many.to_vec()),
    }
    if let Some(origin) = o.origin {
        item = item.str(
            "origin",
            match origin {
                Origin::BottomUp => "bottom-up",
                Origin::TopDown => "top-down",
            },
        );
    }
    match o.status {
        Status::Draft => {}
        Status::Agreed => item = item.str("status", "agreed"),
        Status::Dropped => item = item.str("status", "dropped"),
    }
    if o.kind == ObjectiveKind::Committed {
        item = item.str("kind", "committed");
    }
    if krs.is_empty() {
        item
    } else {
        item.items("key_results", krs)
    }
}

/// A new key result as an item; with check-ins to replay, its value is the
/// one before the first of them.
pub fn kr_item(
    id: &str,
    kr: &KeyResult,
    person: &dyn Fn(&Option<String>) -> Option<String>,
    first: Option<FirstValue>,
) -> Item {
    let mut item = Item::default().str("id", id);
    if let Some(i) = &kr.import_id {
        item = item.str("import_id", i);
    }
    item = item.str("title", if kr.title.is_empty() { id } else { &kr.title });
    if let Some(owner) = person(&kr.owner) {
        item = item.str("owner", &owner);
    }
    let (mut current, mut done) = (kr.current, kr.done);
    match first.map(|f| f.value) {
        Some(CheckinValue::Number(x)) => current = Some(x),
        Some(CheckinValue::Done(d)) if done.is_some() => done = Some(d),
        _ => {}
    }
    for (key, value) in [
        ("start", kr.start),
        ("target", kr.target),
        ("keep_above", kr.keep_above),
        ("keep_below", kr.keep_below),
        ("current", current),
    ] {
        if let Some(x) = value {
            item = item.num(key, x);
        }
    }
    if let Some(u) = &kr.unit {
        item = item.str("unit", u);
    }
    if let Some(d) = done {
        item = item.with("done", Scalar::Bool(d));
    }
    if let Some(d) = kr.due {
        item = item.str("due", &d.to_string());
    }
    for (key, value) in [("confidence", kr.confidence), ("weight", kr.weight)] {
        if let Some(x) = value {
            item = item.num(key, x);
        }
    }
    item
}

/// Sets an existing key result's `current` (or `done`) and `confidence` to the
/// input's, when they differ; `None` when nothing changes.
pub fn update_values(
    text: &str,
    objective: &str,
    existing: &KeyResult,
    kr: &KeyResult,
) -> Result<Option<String>> {
    let mut sets: Vec<(&str, Scalar, &[&str])> = Vec::new();
    if let Some(c) = kr.current.filter(|c| existing.current != Some(*c)) {
        sets.push(("current", Scalar::Number(c), CURRENT_AFTER));
    }
    if let Some(d) = kr.done.filter(|d| existing.done != Some(*d)) {
        sets.push(("done", Scalar::Bool(d), CURRENT_AFTER));
    }
    if let Some(c) = kr.confidence.filter(|c| existing.confidence != Some(*c)) {
        sets.push(("confidence", Scalar::Number(c), CONFIDENCE_AFTER));
    }
    if sets.is_empty() {
        return Ok(None);
    }
    let mut out = text.to_owned();
    for (key, value, after) in sets {
        let tree = load::parse(&out)?;
        let route =
            edit::find(&tree, objective, Some(&existing.id)).context("the key result vanished")?;
        out = edit::set_scalar(
            &out,
            &Set {
                map: route,
                key,
                value,
                after,
            },
        )?;
    }
    Ok(Some(out))
}

/// `current 26` or `done true`, for the report.
pub fn value_text(kr: &KeyResult) -> String {
    match (kr.current, kr.done) {
        (Some(c), _) => format!("current {}", format_number(c)),
        (None, Some(d)) => format!("done {d}"),
        _ => String::new(),
    }
}
