//! `bottom-up-share`: at least `bottom-up-share` of a cycle's objectives below
//! the top team are bottom-up. Pure: reads the index, returns findings.

use std::collections::BTreeMap;

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, ObjectiveAt, Origin, Status};

pub const RULE: Rule = Rule {
    id: RuleId::BottomUpShare,
    default: Level::Warning,
    summary: "at least `bottom-up-share` of a cycle's objectives below the top team are bottom-up",
    why: "OKRs work when teams propose most of their own objectives (60% or more) and agree them with the level above, rather than receiving them as orders.",
    fix: "Let teams write their own objectives and mark them `origin: bottom-up`. The share is `rules: bottom-up-share:` in okr.yaml.",
    examples: &examples!(
        "bottom-up-share",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026-Q4/product.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026-Q4/product.yaml"
        ],
    ),
    needs_history: false,
};

/// One finding per cycle.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let share = cx.org.config.rules.bottom_up_share;
    let mut by_cycle: BTreeMap<&str, Vec<ObjectiveAt<'_>>> = BTreeMap::new();
    for at in &cx.objectives {
        if at.objective.status == Status::Dropped {
            continue;
        }
        let (Some(unit), Some(cycle)) = (at.unit(), at.cycle_id()) else {
            continue;
        };
        if cx.below_top(unit) {
            by_cycle.entry(cycle).or_default().push(*at);
        }
    }
    for (cycle, list) in by_cycle {
        let up = list
            .iter()
            .filter(|o| o.objective.origin == Some(Origin::BottomUp))
            .count();
        let total = list.len();
        if (up as f64) < share * total as f64 - 1e-9 {
            // Point at the first objective that is not bottom-up: its `origin`, or itself.
            let Some(first) = list
                .iter()
                .find(|o| o.objective.origin != Some(Origin::BottomUp))
            else {
                continue;
            };
            let route = match first.objective.origin {
                Some(_) => Route::objective(first.index).key("origin"),
                None => Route::objective(first.index),
            };
            out.push(Finding::at(
                RuleId::BottomUpShare,
                first.path,
                route,
                format!(
                    "in cycle {cycle}, {up} of {total} objectives below the top team ({:.0}%) come from the bottom up, fewer than {:.0}% (`rules.bottom-up-share`); let teams propose their own objectives and mark them `origin: bottom-up`",
                    100.0 * up as f64 / total as f64,
                    100.0 * share
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
