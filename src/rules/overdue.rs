//! `overdue`: in a running cycle, no milestone is past its `due` day without
//! being done (once the cycle has ended, its review says what happened to
//! them). Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, Status};
use crate::score;

pub const RULE: Rule = Rule {
    id: RuleId::Overdue,
    default: Level::Warning,
    summary: "in a running cycle, no milestone is past its `due` day without being done",
    why: "A milestone that slips past its date without a word hides a delay the objective's owner and the teams that depend on it should hear about while there is time to act.",
    fix: "Once the milestone is reached, record it with `okr checkin OBJECTIVE/KR done`. If it slipped, agree a new `due` inside the cycle with the objective's owner (and say why in the commit), or silence the finding with a reason.",
    examples: &examples!(
        "overdue",
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
        let Some(cycle) = at.cycle_id().and_then(|id| cx.cycle(id).ok()) else {
            continue;
        };
        let running = cx.today >= cycle.period.start && cx.today <= cycle.period.end;
        if !running || at.objective.status == Status::Dropped {
            continue;
        }
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            let (true, Some(due)) = (score::overdue(kr, cx.today), kr.due) else {
                continue;
            };
            let name = format!("{}/{}", at.objective.id, kr.id);
            let days = (cx.today - due).num_days();
            out.push(Finding::at(
                RuleId::Overdue,
                at.path,
                Route::key_result(at.index, j).key("done"),
                format!(
                    "milestone `{name}` was due {due} and is not done ({days} day{} overdue); record it with `okr checkin {name} done` once it is, or agree a new date with the objective's owner",
                    if days == 1 { "" } else { "s" }
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
