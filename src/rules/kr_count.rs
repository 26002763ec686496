//! `kr-count`: between `min-key-results` and `max-key-results` key results per
//! live objective. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, Status};

pub const RULE: Rule = Rule {
    id: RuleId::KrCount,
    default: Level::Warning,
    summary: "between `min-key-results` and `max-key-results` key results per objective",
    why: "An objective without key results cannot be measured; one with too many has lost focus.",
    fix: "Add a key result that says how you will know the objective is met, or keep the few that matter most. The limits are `rules: min-key-results:` and `max-key-results:` in okr.yaml (1 and 4 by default).",
    examples: &examples!(
        "kr-count",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
    ),
    needs_history: false,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let rules = &cx.org.config.rules;
    let (min_kr, max_kr) = (
        rules.min_key_results as usize,
        rules.max_key_results as usize,
    );
    let live = cx
        .objectives
        .iter()
        .filter(|o| o.objective.status != Status::Dropped);
    for at in live {
        let n = at.objective.key_results.len();
        if n > max_kr {
            out.push(Finding::at(
                RuleId::KrCount,
                at.path,
                Route::key_result(at.index, max_kr),
                format!(
                    "objective `{}` has {n} key results, more than the {max_kr} allowed (`rules.max-key-results`); keep the ones that best show the objective is met",
                    at.objective.id
                ),
            ));
        } else if n < min_kr {
            out.push(Finding::at(
                RuleId::KrCount,
                at.path,
                Route::objective(at.index),
                format!(
                    "objective `{}` has {n} key results, fewer than the {min_kr} required (`rules.min-key-results`); add a key result that says how you will measure it",
                    at.objective.id
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
