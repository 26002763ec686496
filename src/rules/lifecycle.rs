//! `agreed`, `overdue`, `review` and `ambition`: the rules of the cycle's
//! beginning, course and end. Pure: reads the index, returns findings.

use crate::finding::{Finding, Route};
use crate::model::{Context, ObjectiveAt, ObjectiveKind, Status};
use crate::score;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for at in &cx.objectives {
        let o = at.objective;
        let Some(cycle) = at.cycle_id().and_then(|id| cx.cycle(id).ok()) else {
            continue;
        };
        let route = Route::objective(at.index);
        let started = cx.today >= cycle.period.start;
        let ended = cx.today > cycle.period.end;
        if started && o.status == Status::Draft {
            out.push(Finding::at(
                "agreed",
                at.path,
                route.clone().key("status"),
                format!(
                    "cycle {} started on {}, but objective `{}` is still a draft; agree it with the team and set `status: agreed` (or `status: dropped`)",
                    cycle.id, cycle.period.start, o.id
                ),
            ));
        }
        if started && !ended && o.status != Status::Dropped {
            overdue(cx, at, out);
        }
        if !ended || o.status == Status::Dropped {
            continue;
        }
        let review_score = o.review.as_ref().and_then(|r| r.score);
        if review_score.is_none() {
            let (at_route, what) = match &o.review {
                Some(_) => (route.clone().key("review"), "a review without a `score`"),
                None => (route.clone(), "no review"),
            };
            out.push(Finding::at(
                "review",
                at.path,
                at_route,
                format!(
                    "cycle {} ended on {}, and objective `{}` has {what}; its owner should write a `review:` with what was done, the lessons and a self-assigned `score`",
                    cycle.id, cycle.period.end, o.id
                ),
            ));
        }
        let Some(final_score) = review_score.or_else(|| score::objective(o)) else {
            continue;
        };
        let message = match o.kind {
            ObjectiveKind::Aspirational if at_least(final_score, 1.0) => Some(format!(
                "aspirational objective `{}` ended at {final_score:.2}: reaching 1.0 suggests the target was too easy; aim higher next cycle",
                o.id
            )),
            ObjectiveKind::Aspirational if !at_least(final_score, 0.4) => Some(format!(
                "aspirational objective `{}` ended at {final_score:.2}, below 0.4: it may have been too hard or under-resourced; say why in its review",
                o.id
            )),
            ObjectiveKind::Committed if !at_least(final_score, 1.0) && o.review.is_none() => {
                Some(format!(
                    "committed objective `{}` ended at {final_score:.2}, short of 1.0, without a review; committed objectives are expected to be met, so explain the miss in a review",
                    o.id
                ))
            }
            _ => None,
        };
        if let Some(message) = message {
            let at_route = match review_score {
                Some(_) => route.key("review").key("score"),
                None => route,
            };
            out.push(Finding::at("ambition", at.path, at_route, message));
        }
    }
}

/// Open milestones whose `due` day has passed, while their cycle runs (once it
/// has ended, its review says what happened to them).
fn overdue(cx: &Context<'_>, at: &ObjectiveAt<'_>, out: &mut Vec<Finding>) {
    for (j, kr) in at.objective.key_results.iter().enumerate() {
        let (true, Some(due)) = (score::overdue(kr, cx.today), kr.due) else {
            continue;
        };
        let name = format!("{}/{}", at.objective.id, kr.id);
        let days = (cx.today - due).num_days();
        out.push(Finding::at(
            "overdue",
            at.path,
            Route::key_result(at.index, j).key("done"),
            format!(
                "milestone `{name}` was due {due} and is not done ({days} day{} overdue); record it with `okr checkin {name} done` once it is, or agree a new date with the objective's owner",
                if days == 1 { "" } else { "s" }
            ),
        ));
    }
}

/// `score >= bound` as people read two-decimal scores: 0.39999... from floating
/// point arithmetic is 0.40.
fn at_least(score: f64, bound: f64) -> bool {
    score >= bound - 1e-9
}
