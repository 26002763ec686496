//! One OKR file as plain types: objectives, key results, initiatives and
//! reviews. Decoded by `load`; no I/O here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;
use super::config::{DateString, IdOrNumber};

/// One OKR file: the objectives of one team (or person) in one cycle.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "OKR file")]
pub struct OkrFile {
    /// The cycle id (`2026-Q4`, `2026`, or one declared in okr.yaml).
    #[schemars(with = "IdOrNumber")]
    pub cycle: Option<String>,
    /// The team whose objectives these are (or `person:` for personal OKRs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The person whose personal objectives these are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub objectives: Vec<Objective>,
}

/// An objective: a qualitative goal with measurable key results.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Unique in the repository; history follows it across commits.
    pub id: String,
    /// Where `okr import` found the objective (`viva-goals:1234`), so that a
    /// later import of the same source updates it instead of adding another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_id: Option<String>,
    pub title: String,
    /// Why this objective matters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The person who owns the objective.
    #[schemars(required)]
    pub owner: Option<String>,
    /// The objective (`id`) or key result (`objective-id/kr-id`) this one serves; one or a list.
    #[schemars(with = "Option<OneOrMany>")]
    pub aligns: Vec<String>,
    /// Whether the objective came from the team (bottom-up) or from above (top-down).
    pub origin: Option<Origin>,
    /// `draft` until the team has agreed it (the default), `agreed`, or `dropped`.
    #[schemars(with = "Option<Status>")]
    pub status: Status,
    /// `aspirational` (the default; 0.6-0.7 is a good landing) or `committed` (expected to reach 1.0).
    #[schemars(with = "Option<ObjectiveKind>")]
    pub kind: ObjectiveKind,
    /// The id of the objective of an earlier cycle this one was carried from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    pub key_results: Vec<KeyResult>,
    #[schemars(with = "Option<Vec<Initiative>>")]
    pub initiatives: Vec<Initiative>,
    /// The owner's review at the end of the cycle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// Where an objective came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    BottomUp,
    TopDown,
}

/// Whether an objective has been agreed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Agreed,
    Dropped,
}

/// How an objective is meant to be scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveKind {
    #[default]
    Aspirational,
    Committed,
}

/// One ref or a list of refs.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A key result: a number with a baseline and a target, a milestone with a due
/// date, or a level to keep.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyResult {
    /// Unique within its objective; referred to as `objective-id/kr-id`.
    pub id: String,
    /// Where `okr import` found the key result (`gitlab:gid://gitlab/WorkItem/42`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_id: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Numeric: the value at the start of the cycle.
    pub start: Option<f64>,
    /// Numeric: the value to reach.
    pub target: Option<f64>,
    /// Numeric or threshold: the value now.
    pub current: Option<f64>,
    /// The unit of start, target and current (`%`, `ms`, `users`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Milestone: whether it is done.
    pub done: Option<bool>,
    /// The day it is due (YYYY-MM-DD), inside the cycle.
    #[schemars(with = "Option<DateString>")]
    pub due: Option<Date>,
    /// Threshold: `current` must stay at or above this.
    pub keep_above: Option<f64>,
    /// Threshold: `current` must stay at or below this.
    pub keep_below: Option<f64>,
    /// How sure the owner is of reaching the target, 0.0-1.0.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub confidence: Option<f64>,
    /// The weight in the objective's score (default 1).
    #[schemars(range(min = 0.0))]
    pub weight: Option<f64>,
    /// A manual grade, 0.0-1.0, that overrides the computed score.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub score: Option<f64>,
    /// Where `okr sync` takes the value from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<super::KrSource>,
}

/// Which kind of key result the fields describe.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KrKind {
    Numeric {
        start: f64,
        target: f64,
        current: f64,
    },
    Milestone {
        done: bool,
    },
    KeepAbove {
        bound: f64,
        current: f64,
    },
    KeepBelow {
        bound: f64,
        current: f64,
    },
}

impl KeyResult {
    /// The kind of key result, when its fields describe exactly one kind completely.
    pub fn kind(&self) -> Option<KrKind> {
        let numeric = self.start.is_some() || self.target.is_some();
        let milestone = self.done.is_some();
        let threshold = self.keep_above.is_some() || self.keep_below.is_some();
        match (numeric, milestone, threshold) {
            (true, false, false) => match (self.start, self.target, self.current) {
                (Some(start), Some(target), Some(current)) if target != start => {
                    Some(KrKind::Numeric {
                        start,
                        target,
                        current,
                    })
                }
                _ => None,
            },
            (false, true, false) => self.done.map(|done| KrKind::Milestone { done }),
            (false, false, true) => match (self.keep_above, self.keep_below, self.current) {
                (Some(bound), None, Some(current)) => Some(KrKind::KeepAbove { bound, current }),
                (None, Some(bound), Some(current)) => Some(KrKind::KeepBelow { bound, current }),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A plan or task that moves a key result; shown on the board.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub title: String,
    /// The id of the key result (of the same objective) it moves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// `todo` (the default), `doing` or `done`.
    #[schemars(with = "Option<InitiativeState>")]
    pub state: InitiativeState,
}

/// Where an initiative stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InitiativeState {
    #[default]
    Todo,
    Doing,
    Done,
}

/// The owner's review of an objective at the end of its cycle.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The owner's own grade, 0.0-1.0.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub score: Option<f64>,
    /// What the goal was, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// What was done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<String>,
    /// What went wrong, and how it was solved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<String>,
    /// The result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// What was learned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lessons: Option<String>,
    /// What comes next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}
