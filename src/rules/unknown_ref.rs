//! `unknown-ref`: the cycle, team or person of a file, a team's parent, lead
//! and members, and an initiative's key result exist. Pure: reads the index,
//! returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId, suggest, suggest_person};
use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, CycleError};

pub const RULE: Rule = Rule {
    id: RuleId::UnknownRef,
    default: Level::Error,
    summary: "the cycle, team or person of a file, a team's parent, lead and members, and an initiative's key result exist",
    why: "A reference to something that does not exist is usually a typo, and it cuts the link the reference was meant to make: an initiative that serves no key result, a team outside the tree.",
    fix: "Fix the id (the message suggests the closest existing one), or declare the cycle, team or person in okr.yaml.",
    examples: &examples!(
        "unknown-ref",
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
    config_refs(cx, out);
    file_refs(cx, out);
}

fn config_refs(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let team_ids: Vec<&str> = cx.org.config.teams.iter().map(|t| t.id.as_str()).collect();
    for (i, team) in cx.org.config.teams.iter().enumerate() {
        let route = Route::root().key("teams").index(i);
        if let Some(parent) = &team.parent
            && !cx.teams.contains_key(parent.as_str())
        {
            out.push(Finding::at(
                RuleId::UnknownRef,
                CONFIG_FILE,
                route.clone().key("parent"),
                format!(
                    "team `{}` has parent `{parent}`, which is not a team; {}declare it under `teams:`",
                    team.id,
                    suggest(parent, team_ids.iter().copied())
                ),
            ));
        }
        if let Some(lead) = &team.lead
            && !cx.people.contains(lead.as_str())
        {
            out.push(Finding::at(
                RuleId::UnknownRef,
                CONFIG_FILE,
                route.clone().key("lead"),
                format!(
                    "the lead of team `{}`, `{lead}`, is not a known person; {}declare them under `people:`",
                    team.id,
                    suggest_person(cx, lead)
                ),
            ));
        }
        for (j, member) in team.members.iter().enumerate() {
            if !cx.people.contains(member.as_str()) {
                out.push(Finding::at(
                    RuleId::UnknownRef,
                    CONFIG_FILE,
                    route.clone().key("members").index(j),
                    format!(
                        "`{member}`, a member of team `{}`, is not a known person; {}declare them under `people:`",
                        team.id,
                        suggest_person(cx, member)
                    ),
                ));
            }
        }
    }
}

fn file_refs(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let declared: Vec<&str> = cx.org.config.cycles.iter().map(|c| c.id.as_str()).collect();
    let team_ids: Vec<&str> = cx.org.config.teams.iter().map(|t| t.id.as_str()).collect();
    for (path, file) in cx.org.okr_files() {
        if let Some(cycle) = &file.cycle
            && cx.cycle(cycle) == Err(CycleError::Unknown)
        {
            out.push(Finding::at(
                RuleId::UnknownRef,
                path,
                Route::root().key("cycle"),
                format!(
                    "cycle `{cycle}` is neither a standard cycle (2026, 2026-H1, 2026-Q4, 2026-11) nor declared under `cycles:` in okr.yaml; {}fix the id or declare it with start and end",
                    suggest(cycle, declared.iter().copied())
                ),
            ));
        }
        if let Some(team) = &file.team
            && !cx.teams.contains_key(team.as_str())
        {
            out.push(Finding::at(
                RuleId::UnknownRef,
                path,
                Route::root().key("team"),
                format!(
                    "team `{team}` is not declared in okr.yaml; {}fix the id or add the team under `teams:`",
                    suggest(team, team_ids.iter().copied())
                ),
            ));
        }
        if let Some(person) = &file.person
            && !cx.people.contains(person.as_str())
        {
            out.push(Finding::at(
                RuleId::UnknownRef,
                path,
                Route::root().key("person"),
                format!(
                    "person `{person}` is not declared in okr.yaml; {}fix the id or add them under `people:`",
                    suggest_person(cx, person)
                ),
            ));
        }
        for (i, objective) in file.objectives.iter().enumerate() {
            for (k, initiative) in objective.initiatives.iter().enumerate() {
                let Some(kr_ref) = &initiative.key_result else {
                    continue;
                };
                let (objective_id, kr_id) = match kr_ref.split_once('/') {
                    Some((o, k)) => (o, k),
                    None => (objective.id.as_str(), kr_ref.as_str()),
                };
                let exists = cx
                    .by_id
                    .get(objective_id)
                    .is_some_and(|o| o.objective.key_results.iter().any(|kr| kr.id == kr_id));
                if !exists {
                    let ids = objective.key_results.iter().map(|kr| kr.id.as_str());
                    out.push(Finding::at(
                        RuleId::UnknownRef,
                        path,
                        Route::objective(i).key("initiatives").index(k).key("key_result"),
                        format!(
                            "initiative \"{}\" moves key result `{kr_ref}`, which objective `{objective_id}` does not have; {}use the id of one of its key results",
                            initiative.title,
                            suggest(kr_id, ids)
                        ),
                    ));
                }
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
