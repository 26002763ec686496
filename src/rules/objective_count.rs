//! `objective-count`: at most `max-objectives` live objectives per team (or
//! person) per cycle. Pure: reads the index, returns findings.

use std::collections::BTreeMap;

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, ObjectiveAt, Status, Unit};

pub const RULE: Rule = Rule {
    id: RuleId::ObjectiveCount,
    default: Level::Warning,
    summary: "at most `max-objectives` live objectives per team (or person) per cycle",
    why: "Few and focused: with too many objectives none gets the attention it needs.",
    fix: "Merge objectives, move one to a later cycle, or mark one `status: dropped`. The limit is `rules: max-objectives:` in okr.yaml (5 by default).",
    examples: &examples!(
        "objective-count",
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

/// One finding per team (or person) and cycle, in file order.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let live = cx
        .objectives
        .iter()
        .filter(|o| o.objective.status != Status::Dropped);
    let mut groups: BTreeMap<(String, String), Vec<ObjectiveAt<'_>>> = BTreeMap::new();
    for at in live {
        let (Some(unit), Some(cycle)) = (at.unit(), at.cycle_id()) else {
            continue;
        };
        let unit = match unit {
            Unit::Team(t) => format!("team `{t}`"),
            Unit::Person(p) => format!("`{p}`"),
        };
        groups
            .entry((unit, cycle.to_owned()))
            .or_default()
            .push(*at);
    }
    let max = cx.org.config.rules.max_objectives as usize;
    for ((unit, cycle), list) in &groups {
        if let Some(extra) = list.get(max) {
            out.push(Finding::at(
                RuleId::ObjectiveCount,
                extra.path,
                Route::objective(extra.index),
                format!(
                    "{unit} has {} objectives in {cycle}, more than the {max} allowed (`rules.max-objectives`); focus on the few that matter, or mark one `status: dropped`",
                    list.len()
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
