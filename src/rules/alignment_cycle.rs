//! `alignment-cycle`: an objective aligns to one whose cycle encloses (or
//! equals) its own. Pure: reads the index, returns findings.

use super::alignment_target::{aligns_route, resolve};
use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::Finding;
use crate::model::Context;

pub const RULE: Rule = Rule {
    id: RuleId::AlignmentCycle,
    default: Level::Error,
    summary: "an objective aligns to one whose cycle encloses (or equals) its own",
    why: "Direction flows from longer cycles to shorter ones: a quarterly objective serves an annual one, not the other way round.",
    fix: "Align the shorter cycle's objective to the longer one's, or to an objective of the same cycle.",
    examples: &examples!(
        "alignment-cycle",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026/company.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026/company.yaml"
        ],
    ),
    needs_history: false,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for at in &cx.objectives {
        if at.objective.id.is_empty() {
            continue;
        }
        for (k, reference) in at.objective.aligns.iter().enumerate() {
            let Ok(parent) = resolve(cx, at, reference) else {
                continue;
            };
            let (Some(child_id), Some(parent_id)) = (at.cycle_id(), parent.cycle_id()) else {
                continue;
            };
            let (Ok(child), Ok(up)) = (cx.cycle(child_id), cx.cycle(parent_id)) else {
                continue;
            };
            if !up.period.encloses(&child.period) {
                out.push(Finding::at(
                    RuleId::AlignmentCycle,
                    at.path,
                    aligns_route(at, k),
                    format!(
                        "objective `{}` ({child_id}) aligns to `{reference}` of cycle {parent_id}, which does not enclose {child_id}; align to an objective of the same or a longer cycle that contains it",
                        at.objective.id
                    ),
                ));
            }
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
