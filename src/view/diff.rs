//! The semantic difference between two states of the OKR files: what a
//! reviewer of a pull request wants to know, not which lines moved. Plain data
//! from two loaded organisations; no I/O (commands read the revisions).

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::{Checkin, Context, Date, KeyResult, Objective, Org, json_value};

/// `okr diff --format json`: SPEC section 8, plus `warnings` and per change a `kind`.
#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    /// The base commit.
    pub base: String,
    /// The head commit, or `null` for the working tree.
    pub head: Option<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Change>,
    /// What a reviewer should look at first.
    pub warnings: Vec<Warning>,
    /// Titles of the objectives and key results named above, for people.
    #[serde(skip)]
    pub titles: HashMap<String, String>,
    /// How the user named the base and head (`main`, `working tree`), for people.
    #[serde(skip)]
    pub labels: (String, String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    #[serde(rename = "ref")]
    pub reference: String,
    pub field: String,
    pub old: Value,
    pub new: Value,
    /// `progressed` (a value), `retargeted` (target or start), `changed` (anything else).
    pub kind: &'static str,
    /// A key result's score before and after, for progress.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::score::json_pair"
    )]
    pub scores: Option<(Option<f64>, Option<f64>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    #[serde(rename = "ref")]
    pub reference: String,
    /// `target-eased`, `baseline-moved`, `due-postponed`, `removed-mid-cycle`.
    pub kind: &'static str,
    pub message: String,
}

impl DiffView {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

struct Entry<'a> {
    path: &'a str,
    objective: &'a Objective,
    cycle: Option<&'a str>,
    unit: String,
}

fn index(org: &Org) -> (Vec<String>, HashMap<String, Entry<'_>>) {
    let mut order = Vec::new();
    let mut map = HashMap::new();
    for (path, file) in org.okr_files() {
        let unit = match (&file.team, &file.person) {
            (Some(t), _) => t.clone(),
            (None, Some(p)) => format!("@{p}"),
            _ => String::new(),
        };
        for o in &file.objectives {
            if o.id.is_empty() || map.contains_key(&o.id) {
                continue;
            }
            order.push(o.id.clone());
            map.insert(
                o.id.clone(),
                Entry {
                    path,
                    objective: o,
                    cycle: file.cycle.as_deref(),
                    unit: unit.clone(),
                },
            );
        }
    }
    (order, map)
}

fn opt<T: Serialize>(v: &Option<T>) -> Value {
    v.as_ref().map_or(Value::Null, |v| json!(v))
}

fn objective_fields(e: &Entry<'_>) -> Vec<(&'static str, Value)> {
    let o = e.objective;
    vec![
        ("title", json!(o.title)),
        ("owner", opt(&o.owner)),
        ("team", json!(e.unit)),
        ("cycle", opt(&e.cycle)),
        ("aligns", json!(o.aligns)),
        ("status", json!(o.status)),
        ("kind", json!(o.kind)),
        ("origin", opt(&o.origin)),
        ("description", opt(&o.description)),
    ]
}

fn key_result_fields(k: &KeyResult) -> Vec<(&'static str, Value)> {
    vec![
        ("title", json!(k.title)),
        ("owner", opt(&k.owner)),
        ("start", opt(&k.start)),
        ("target", opt(&k.target)),
        ("current", opt(&k.current)),
        ("done", opt(&k.done)),
        ("due", opt(&k.due.map(|d| d.to_string()))),
        ("unit", opt(&k.unit)),
        ("keep_above", opt(&k.keep_above)),
        ("keep_below", opt(&k.keep_below)),
        ("weight", opt(&k.weight)),
        ("confidence", opt(&k.confidence)),
        ("score", opt(&k.score)),
    ]
}

/// Compares `base` with `head`; `today` decides which cycles are running.
pub fn diff(
    base: &Org,
    head: &Org,
    today: Date,
    (base_id, head_id): (String, Option<String>),
    labels: (String, String),
) -> DiffView {
    let (base_order, base_map) = index(base);
    let (head_order, head_map) = index(head);
    // A file that does not parse on one side says nothing about its objectives:
    // leave them out rather than report them added or removed.
    let broken: Vec<&str> = base
        .files
        .iter()
        .chain(&head.files)
        .filter(|f| f.okr.is_none())
        .map(|f| f.path.as_str())
        .collect();
    let unknown = |e: &Entry<'_>| broken.contains(&e.path);
    let head_cx = Context::new(head, today);
    let base_cx = Context::new(base, today);
    let running = |cx: &Context<'_>, cycle: Option<&str>| {
        cycle
            .and_then(|c| cx.cycle(c).ok())
            .filter(|c| c.period.contains(today))
    };
    let mut view = DiffView {
        base: base_id,
        head: head_id,
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        warnings: Vec::new(),
        titles: HashMap::new(),
        labels,
    };
    for id in &head_order {
        let h = &head_map[id];
        view.titles.insert(id.clone(), h.objective.title.clone());
        for k in &h.objective.key_results {
            view.titles
                .insert(format!("{id}/{}", k.id), k.title.clone());
        }
        if unknown(h) || base_map.get(id).is_some_and(&unknown) {
            continue;
        }
        let Some(b) = base_map.get(id) else {
            view.added.push(id.clone());
            view.added.extend(
                h.objective
                    .key_results
                    .iter()
                    .map(|k| format!("{id}/{}", k.id)),
            );
            continue;
        };
        for ((field, old), (_, new)) in objective_fields(b).into_iter().zip(objective_fields(h)) {
            if old != new {
                view.changed.push(Change {
                    reference: id.clone(),
                    field: field.to_owned(),
                    old,
                    new,
                    kind: "changed",
                    scores: None,
                });
            }
        }
        let cycle = running(&head_cx, h.cycle);
        for k in &h.objective.key_results {
            let reference = format!("{id}/{}", k.id);
            let Some(old) = b.objective.key_results.iter().find(|o| o.id == k.id) else {
                view.added.push(reference);
                continue;
            };
            compare_key_result(&mut view, &reference, old, k, cycle.as_ref());
        }
        for k in &b.objective.key_results {
            if !h.objective.key_results.iter().any(|n| n.id == k.id) {
                let reference = format!("{id}/{}", k.id);
                view.titles.insert(reference.clone(), k.title.clone());
                if let Some(c) = &cycle {
                    view.warnings.push(Warning {
                        reference: reference.clone(),
                        kind: crate::rules::eased::Eased::Removed.kind(),
                        message: format!(
                            "key result removed while cycle {} is running (it ends {})",
                            c.id, c.period.end
                        ),
                    });
                }
                view.removed.push(reference);
            }
        }
    }
    for id in &base_order {
        if head_map.contains_key(id) {
            continue;
        }
        let b = &base_map[id];
        if unknown(b) {
            continue;
        }
        view.titles.insert(id.clone(), b.objective.title.clone());
        for k in &b.objective.key_results {
            view.titles
                .insert(format!("{id}/{}", k.id), k.title.clone());
        }
        if let Some(c) = running(&base_cx, b.cycle) {
            view.warnings.push(Warning {
                reference: id.clone(),
                kind: "removed-mid-cycle",
                message: format!("objective removed while cycle {} is running (set `status: dropped` to keep the record)", c.id),
            });
        }
        view.removed.push(id.clone());
        view.removed.extend(
            b.objective
                .key_results
                .iter()
                .map(|k| format!("{id}/{}", k.id)),
        );
    }
    view
}

fn compare_key_result(
    view: &mut DiffView,
    reference: &str,
    old: &KeyResult,
    new: &KeyResult,
    running: Option<&crate::model::Cycle>,
) {
    let scores = (crate::score::key_result(old), crate::score::key_result(new));
    for ((field, a), (_, b)) in key_result_fields(old)
        .into_iter()
        .zip(key_result_fields(new))
    {
        if a == b {
            continue;
        }
        let kind = match field {
            "current" | "done" => "progressed",
            "target" | "start" | "keep_above" | "keep_below" => "retargeted",
            _ => "changed",
        };
        view.changed.push(Change {
            reference: reference.to_owned(),
            field: field.to_owned(),
            old: a,
            new: b,
            kind,
            scores: (kind == "progressed").then_some(scores),
        });
    }
    let when = running.map_or_else(String::new, |c| format!(" while cycle {} is running", c.id));
    for e in crate::rules::eased::eased(old, Some(new)) {
        view.warnings.push(Warning {
            reference: reference.to_owned(),
            kind: e.kind(),
            message: format!("{}{when}", e.describe()),
        });
    }
}

/// The key results of `head` that have a `source:`, by reference.
fn synced(head: &Org) -> HashMap<String, (&str, &KeyResult)> {
    let mut synced = HashMap::new();
    for (_, file) in head.okr_files() {
        for o in &file.objectives {
            for k in &o.key_results {
                if let Some(source) = &k.source {
                    synced.insert(format!("{}/{}", o.id, k.id), (source.name(), k));
                }
            }
        }
    }
    synced
}

/// Whether a key result with a `source:` progressed: only then is the
/// history needed for [`hand_edits`].
pub fn synced_changed(view: &DiffView, head: &Org) -> bool {
    let synced = synced(head);
    view.changed
        .iter()
        .any(|c| c.kind == "progressed" && synced.contains_key(&c.reference))
}

/// Adds a `synced-edited-by-hand` warning for each key result with a
/// `source:` whose value changed by hand: its last change in `checkins`
/// (BASE..HEAD, oldest first) has no `OKR-Source` trailer, or its value in
/// the working tree differs from `at_head` (the files at HEAD, when HEAD is
/// the working tree). The next `okr sync` would overwrite such a value.
pub fn hand_edits(view: &mut DiffView, head: &Org, checkins: &[Checkin], at_head: Option<&Org>) {
    let synced = synced(head);
    let mut last: HashMap<&str, &Checkin> = HashMap::new();
    for c in checkins {
        last.insert(c.reference.as_str(), c);
    }
    let value = |k: &KeyResult| {
        k.current
            .map(|x| x.to_string())
            .or(k.done.map(|d| d.to_string()))
    };
    let mut warnings = Vec::new();
    for c in view.changed.iter().filter(|c| c.kind == "progressed") {
        let Some((name, kr)) = synced.get(&c.reference) else {
            continue;
        };
        let uncommitted = at_head.is_some_and(|org| {
            let committed = org
                .okr_files()
                .flat_map(|(_, f)| &f.objectives)
                .find_map(|o| {
                    o.key_results
                        .iter()
                        .find(|k| format!("{}/{}", o.id, k.id) == c.reference)
                });
            committed.map(value) != Some(value(kr))
        });
        let by_hand = uncommitted
            || last
                .get(c.reference.as_str())
                .is_some_and(|c| c.source.is_none());
        if !by_hand {
            continue;
        }
        warnings.push(Warning {
            reference: c.reference.clone(),
            kind: "synced-edited-by-hand",
            message: format!(
                "value changed by hand from {} to {}{}, but it is synced from source `{name}`: the next `okr sync` will overwrite it (fix the data at the source, or remove `source:`)",
                json_value(&c.old),
                json_value(&c.new),
                if uncommitted { " in the working tree" } else { "" }
            ),
        });
    }
    view.warnings.extend(warnings);
}
