//! `review`: once a cycle has ended, each objective has a review with a
//! score. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::Context;

pub const RULE: Rule = Rule {
    id: RuleId::Review,
    default: Level::Warning,
    summary: "once a cycle has ended, each objective has a review with a score",
    why: "At the end of a cycle every owner reviews their objective: what was done, what went wrong and how it was solved, the lessons, the next steps and a self-assigned score. Scores are for learning, not for appraising people.",
    fix: "Write a `review:` under the objective with at least a `score` (0.0-1.0), and `done`, `problems`, `lessons` and `next`.",
    examples: &examples!(
        "review",
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
    for (at, cycle) in cx.ended_objectives() {
        let o = at.objective;
        let route = Route::objective(at.index);
        if o.review.as_ref().and_then(|r| r.score).is_none() {
            let (at_route, what) = match &o.review {
                Some(_) => (route.clone().key("review"), "a review without a `score`"),
                None => (route.clone(), "no review"),
            };
            out.push(Finding::at(
                RuleId::Review,
                at.path,
                at_route,
                format!(
                    "cycle {} ended on {}, and objective `{}` has {what}; its owner should write a `review:` with what was done, the lessons and a self-assigned `score`",
                    cycle.id, cycle.period.end, o.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
