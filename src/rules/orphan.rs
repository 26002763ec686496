//! `orphan`: an objective of a team that has a parent team aligns to
//! something. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, Status, Unit};

pub const RULE: Rule = Rule {
    id: RuleId::Orphan,
    default: Level::Warning,
    summary: "an objective of a team that has a parent team aligns to something",
    why: "Every team objective below the top should serve a goal above it; an objective that serves nothing above may be work the organisation did not ask for.",
    fix: "Add `aligns:` with the objective or key result it serves. If it truly serves nothing above, talk with the parent team about it.",
    examples: &examples!(
        "orphan",
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

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for at in &cx.objectives {
        let o = at.objective;
        if o.id.is_empty() {
            continue;
        }
        if o.aligns.is_empty()
            && o.status != Status::Dropped
            && let Some(Unit::Team(team)) = at.unit()
            && let Some(parent) = cx.teams.get(team).and_then(|t| t.parent.as_deref())
        {
            out.push(Finding::at(
                RuleId::Orphan,
                at.path,
                Route::objective(at.index),
                format!(
                    "objective `{}` of team `{team}` aligns to nothing; add `aligns:` with the objective (or `objective/key-result`) of `{parent}` or above that it serves",
                    o.id
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
