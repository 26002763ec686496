//! A cycle's key results as spreadsheet rows: what `okr status` shows (score,
//! expected progress, health, last check-in) beside the fields of the files,
//! in the columns `okr import` reads by default. Plain data from the index; no
//! I/O.

use std::collections::HashMap;

use super::status::StatusView;
use crate::model::{Context, Date, ObjectiveKind, Origin, Status};

/// The columns, as `okr import` names them.
pub const HEADERS: [&str; 27] = [
    "Cycle",
    "Team",
    "Person",
    "Objective ID",
    "Objective",
    "Objective owner",
    "Status",
    "Kind",
    "Origin",
    "Aligns",
    "KR ID",
    "Key result",
    "Owner",
    "Start",
    "Target",
    "Current",
    "Unit",
    "Done",
    "Due",
    "Keep above",
    "Keep below",
    "Confidence",
    "Weight",
    "Score",
    "Expected",
    "Health",
    "Last check-in",
];

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
}

/// The rows of one cycle: one per key result (an objective without any gets one).
#[derive(Debug, Clone)]
pub struct ExportView {
    pub cycle: String,
    pub rows: Vec<Vec<Value>>,
}

fn text(s: Option<&str>) -> Value {
    match s {
        Some(s) if !s.is_empty() => Value::Text(s.to_owned()),
        _ => Value::Empty,
    }
}

fn number(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, Value::Number)
}

/// `last_checkins` maps `objective/kr` to the day of its last check-in (from git).
pub fn export(
    cx: &Context<'_>,
    view: &StatusView,
    last_checkins: &HashMap<String, Date>,
) -> ExportView {
    let mut rows = Vec::new();
    for o in &view.objectives {
        let Some(at) = cx.by_id.get(o.id.as_str()) else {
            continue;
        };
        let objective = at.objective;
        let status = match objective.status {
            Status::Draft => "draft",
            Status::Agreed => "agreed",
            Status::Dropped => "dropped",
        };
        let kind = match objective.kind {
            ObjectiveKind::Aspirational => "aspirational",
            ObjectiveKind::Committed => "committed",
        };
        let origin = objective.origin.map(|origin| match origin {
            Origin::BottomUp => "bottom-up",
            Origin::TopDown => "top-down",
        });
        let head = [
            Value::Text(o.cycle.clone()),
            text(o.team.as_deref()),
            text(o.person.as_deref()),
            Value::Text(o.id.clone()),
            Value::Text(o.title.clone()),
            text(objective.owner.as_deref()),
            Value::Text(status.to_owned()),
            Value::Text(kind.to_owned()),
            text(origin),
            text(Some(&o.aligns.join(", "))),
        ];
        let health = o.health.map(|h| {
            serde_json::to_value(h)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        });
        if o.key_results.is_empty() {
            let mut row = head.to_vec();
            row.extend(std::iter::repeat_n(Value::Empty, 13));
            row.push(number(o.score));
            row.push(Value::Number(o.expected));
            row.push(text(health.as_deref()));
            row.push(Value::Empty);
            rows.push(row);
            continue;
        }
        for (kr, own) in o.key_results.iter().zip(&objective.key_results) {
            let mut row = head.to_vec();
            row.extend([
                Value::Text(kr.id.clone()),
                Value::Text(kr.title.clone()),
                text(own.owner.as_deref()),
                number(kr.start),
                number(kr.target),
                number(kr.current),
                text(kr.unit.as_deref()),
                kr.done.map_or(Value::Empty, |d| Value::Text(d.to_string())),
                text(kr.due.as_deref()),
                number(kr.keep_above),
                number(kr.keep_below),
                number(kr.confidence),
                number(own.weight),
                number(kr.score),
                Value::Number(o.expected),
                text(health.as_deref()),
                text(
                    last_checkins
                        .get(&kr.reference)
                        .map(|d| super::date_string(*d))
                        .as_deref(),
                ),
            ]);
            rows.push(row);
        }
    }
    ExportView {
        cycle: view.cycle.clone(),
        rows,
    }
}
