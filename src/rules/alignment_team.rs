//! `alignment-team`: an objective aligns to one of its own team or an ancestor
//! team. Pure: reads the index, returns findings.

use super::alignment_target::{aligns_route, resolve};
use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::Finding;
use crate::model::{Context, ObjectiveAt, Unit};

pub const RULE: Rule = Rule {
    id: RuleId::AlignmentTeam,
    default: Level::Warning,
    summary: "an objective aligns to one of its own team or an ancestor team",
    why: "Direction flows down the team tree: a team serves its own goals and those of the teams above it. Serving a sibling team's goal hides a dependency that the common parent should see.",
    fix: "Align to your team's or an ancestor team's objective (often the one the other team serves too), or ask the other team to take the goal on.",
    examples: &examples!(
        "alignment-team",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml",
        "okrs/2026-Q4/product.yaml",
        "okrs/2026-Q4/sales.yaml"
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
    for at in &cx.objectives {
        if at.objective.id.is_empty() {
            continue;
        }
        for (k, reference) in at.objective.aligns.iter().enumerate() {
            if let Ok(parent) = resolve(cx, at, reference) {
                alignment_team(cx, at, &parent, reference, k, out);
            }
        }
    }
}

fn alignment_team(
    cx: &Context<'_>,
    at: &ObjectiveAt<'_>,
    parent: &ObjectiveAt<'_>,
    reference: &str,
    k: usize,
    out: &mut Vec<Finding>,
) {
    let (Some(child), Some(up)) = (at.unit(), parent.unit()) else {
        return;
    };
    let allowed: Vec<&str> = match child {
        Unit::Team(t) => cx.ancestors(t),
        Unit::Person(p) => {
            if up == Unit::Person(p) {
                return;
            }
            cx.teams_of(p)
                .into_iter()
                .flat_map(|t| cx.ancestors(t))
                .collect()
        }
    };
    let ok = match up {
        Unit::Team(t) => allowed.contains(&t) || !cx.teams.contains_key(t),
        Unit::Person(_) => false,
    };
    if !ok {
        let (whose, of) = match up {
            Unit::Team(t) => ("team", t),
            Unit::Person(p) => ("person", p),
        };
        let mine = match child {
            Unit::Team(t) => format!("team `{t}`"),
            Unit::Person(p) => format!("`{p}`'s teams"),
        };
        out.push(Finding::at(
            RuleId::AlignmentTeam,
            at.path,
            aligns_route(at, k),
            format!(
                "objective `{}` aligns to `{reference}` of {whose} `{of}`, which is neither {mine} nor above it; align within your branch of the team tree, or ask `{of}` to share the goal",
                at.objective.id
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
