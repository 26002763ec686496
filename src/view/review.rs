//! `okr review`'s view: which objectives of an ended cycle have a review with
//! a score, which have one without, and which have none. Plain data from the
//! index; no I/O.

use serde::Serialize;

use super::date_string;
use crate::model::{Context, Cycle, Date, Status};

/// `okr review`: the live objectives of a cycle and where their reviews stand.
#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub today: String,
    pub cycle: String,
    pub end: String,
    pub ended: bool,
    pub objectives: Vec<ReviewRow>,
}

#[derive(Debug, Serialize)]
pub struct ReviewRow {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub file: String,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    /// `reviewed`, `no-score` (a review without its score) or `missing`.
    pub review: &'static str,
    pub review_score: Option<f64>,
}

/// The latest cycle with OKR files that ended before today.
pub fn last_ended(cx: &Context<'_>) -> Option<Cycle> {
    let mut ids: Vec<&str> = cx
        .objectives
        .iter()
        .filter_map(|at| at.cycle_id())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.iter()
        .filter_map(|id| cx.cycle(id).ok())
        .filter(|c| c.period.end < cx.today)
        .max_by_key(|c| (c.period.end, std::cmp::Reverse(c.period.days())))
}

/// The view when no cycle has ended yet: nothing to review.
pub fn nothing(today: Date) -> serde_json::Value {
    serde_json::json!({
        "today": date_string(today),
        "cycle": null,
        "end": null,
        "ended": false,
        "objectives": [],
    })
}

/// The live objectives of `cycle`, with their scores and reviews.
pub fn rows(cx: &Context<'_>, cycle: &Cycle) -> Vec<ReviewRow> {
    cx.cycle_members(&cycle.id)
        .filter(|at| at.objective.status != Status::Dropped)
        .map(|at| {
            let o = at.objective;
            let review_score = o.review.as_ref().and_then(|r| r.score);
            ReviewRow {
                id: o.id.clone(),
                title: o.title.clone(),
                owner: o.owner.clone(),
                file: at.path.to_owned(),
                score: crate::score::objective(o),
                review: match (&o.review, review_score) {
                    (Some(_), Some(_)) => "reviewed",
                    (Some(_), None) => "no-score",
                    (None, _) => "missing",
                },
                review_score,
            }
        })
        .collect()
}
