//! `coverage`: in a running cycle in which teams below the top team set
//! objectives, every such team has at least one. Pure: reads the index,
//! returns findings.

use std::collections::{BTreeMap, HashSet};

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, Status, Unit};

pub const RULE: Rule = Rule {
    id: RuleId::Coverage,
    default: Level::Warning,
    summary: "in a running cycle in which teams below the top team set objectives, every such team has at least one",
    why: "When the teams set OKRs for a cycle, a team without any is not part of the plan, and nobody sees what it works towards.",
    fix: "Add the team's OKR file for the cycle, with objectives that align to the goals above it.",
    examples: &examples!(
        "coverage",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026-Q4/product.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026-Q4/product.yaml",
        "okrs/2026-Q4/sales.yaml"
        ],
    ),
    needs_history: false,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut cycles: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for at in &cx.objectives {
        if at.objective.status == Status::Dropped {
            continue;
        }
        let (Some(Unit::Team(team)), Some(cycle)) = (at.unit(), at.cycle_id()) else {
            continue;
        };
        let running = cx.cycle(cycle).is_ok_and(|c| c.period.contains(cx.today));
        if running {
            cycles.entry(cycle).or_default().insert(team);
        }
    }
    for (cycle, teams) in cycles {
        if !teams.iter().any(|t| cx.below_top(Unit::Team(t))) {
            continue;
        }
        for (i, team) in cx.org.config.teams.iter().enumerate() {
            if team.parent.is_some() && !teams.contains(team.id.as_str()) {
                out.push(Finding::at(
                    RuleId::Coverage,
                    CONFIG_FILE,
                    Route::root().key("teams").index(i).key("id"),
                    format!(
                        "team `{}` has no objectives in the running cycle {cycle}; add an OKR file with `cycle: {cycle}` and `team: {}`",
                        team.id, team.id
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
