//! `agreed`: once a cycle has started, none of its objectives is still
//! `draft`. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, Status};

pub const RULE: Rule = Rule {
    id: RuleId::Agreed,
    default: Level::Error,
    summary: "once a cycle has started, none of its objectives is still `draft`",
    why: "Objectives are negotiated and agreed before the cycle runs, not ordered; a draft in a running cycle was never agreed. An objective without `status` is a draft.",
    fix: "Agree it with the team and set `status: agreed`, or `status: dropped` if it will not be pursued.",
    examples: &examples!(
        "agreed",
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
    for at in &cx.objectives {
        let o = at.objective;
        let Some(cycle) = at.cycle_id().and_then(|id| cx.cycle(id).ok()) else {
            continue;
        };
        if cx.today >= cycle.period.start && o.status == Status::Draft {
            out.push(Finding::at(
                RuleId::Agreed,
                at.path,
                Route::objective(at.index).key("status"),
                format!(
                    "cycle {} started on {}, but objective `{}` is still a draft; agree it with the team and set `status: agreed` (or `status: dropped`)",
                    cycle.id, cycle.period.start, o.id
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
