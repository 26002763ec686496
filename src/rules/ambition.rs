//! `ambition`: once its cycle has ended, an aspirational objective's score is
//! neither 1.0 nor below 0.4; a committed one below 1.0 has a review. Pure:
//! reads the index and the scores, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, ObjectiveKind};
use crate::score;

pub const RULE: Rule = Rule {
    id: RuleId::Ambition,
    default: Level::Warning,
    summary: "once its cycle has ended, an aspirational objective's score is neither 1.0 (too easy?) nor below 0.4 (too hard?); a committed one below 1.0 has a review",
    why: "Aspirational objectives should land around 0.6-0.7: 1.0 suggests the target was too easy, below 0.4 that it was too hard or under-resourced. Committed objectives are expected to reach 1.0.",
    fix: "Nothing to change in the past cycle: set more ambitious (or more realistic) targets next cycle and note the lesson in the review. Mark an objective that must be met `kind: committed`; explain a missed committed objective in its review.",
    examples: &examples!(
        "ambition",
        fail: [
        "okr.yaml",
        "okrs/2026-Q3/company.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q3/company.yaml"
        ],
    ),
    needs_history: false,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (at, _) in cx.ended_objectives() {
        let o = at.objective;
        let route = Route::objective(at.index);
        let review_score = o.review.as_ref().and_then(|r| r.score);
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
            out.push(Finding::at(RuleId::Ambition, at.path, at_route, message));
        }
    }
}

/// `score >= bound` as people read two-decimal scores: 0.39999... from floating
/// point arithmetic is 0.40.
fn at_least(score: f64, bound: f64) -> bool {
    score >= bound - 1e-9
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
