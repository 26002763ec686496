//! `duplicate-id`, `unknown-ref` and `owner`: ids name one thing, and
//! references resolve. Pure: reads the index, returns findings.

use std::collections::HashMap;

use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, CycleError, did_you_mean};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    duplicate_ids(cx, out);
    config_refs(cx, out);
    file_refs(cx, out);
    owners(cx, out);
}

fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates).map_or(String::new(), |s| format!("did you mean `{s}`? "))
}

/// "did you mean" for a person: the id whose name is exactly `word` (people often
/// write the name, 李伟, for the id, li.wei), else the closest id.
fn suggest_person(cx: &Context<'_>, word: &str) -> String {
    let by_name = cx
        .org
        .config
        .people
        .iter()
        .find(|p| p.name.as_deref() == Some(word));
    match by_name {
        Some(p) => format!("did you mean `{}` ({word})? ", p.id),
        None => suggest(word, cx.people.iter().copied()),
    }
}

fn duplicate_ids(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let config = &cx.org.config;
    let lists: [(&str, &str, Vec<&str>); 3] = [
        (
            "teams",
            "team",
            config.teams.iter().map(|t| t.id.as_str()).collect(),
        ),
        (
            "people",
            "person",
            config.people.iter().map(|p| p.id.as_str()).collect(),
        ),
        (
            "cycles",
            "cycle",
            config.cycles.iter().map(|c| c.id.as_str()).collect(),
        ),
    ];
    for (key, what, ids) in lists {
        let mut seen = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            if id.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(*id, i) {
                seen.insert(*id, first);
                out.push(Finding::at(
                    "duplicate-id",
                    CONFIG_FILE,
                    Route::root().key(key).index(i).key("id"),
                    format!("{what} id `{id}` is declared twice (also `{key}[{first}]`); rename or remove one"),
                ));
            }
        }
    }

    let mut seen: HashMap<&str, &str> = HashMap::new();
    for at in &cx.objectives {
        let id = at.objective.id.as_str();
        if id.is_empty() {
            continue;
        }
        match seen.get(id) {
            Some(first) => out.push(Finding::at(
                "duplicate-id",
                at.path,
                Route::objective(at.index).key("id"),
                format!("objective id `{id}` is already used in {first}; objective ids are unique in the repository, so rename one"),
            )),
            None => {
                seen.insert(id, at.path);
            }
        }
        let mut kr_seen = HashMap::new();
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            if kr.id.is_empty() {
                continue;
            }
            if let Some(first) = kr_seen.insert(kr.id.as_str(), j) {
                kr_seen.insert(kr.id.as_str(), first);
                out.push(Finding::at(
                    "duplicate-id",
                    at.path,
                    Route::key_result(at.index, j).key("id"),
                    format!(
                        "key result id `{}` appears twice in objective `{id}` (also `key_results[{first}]`); rename one",
                        kr.id
                    ),
                ));
            }
        }
    }
}

fn config_refs(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let team_ids: Vec<&str> = cx.org.config.teams.iter().map(|t| t.id.as_str()).collect();
    for (i, team) in cx.org.config.teams.iter().enumerate() {
        let route = Route::root().key("teams").index(i);
        if let Some(parent) = &team.parent
            && !cx.teams.contains_key(parent.as_str())
        {
            out.push(Finding::at(
                "unknown-ref",
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
                "unknown-ref",
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
                    "unknown-ref",
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
                "unknown-ref",
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
                "unknown-ref",
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
                "unknown-ref",
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
                        "unknown-ref",
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

fn owners(cx: &Context<'_>, out: &mut Vec<Finding>) {
    fn unknown<'o>(cx: &Context<'_>, owner: &'o Option<String>) -> Option<&'o str> {
        owner.as_deref().filter(|o| !cx.people.contains(o))
    }
    let mut report = |path: &str, route: Route, owner: &str, of: String| {
        out.push(Finding::at(
            "owner",
            path,
            route,
            format!(
                "`{owner}`, the owner of {of}, is not a known person; {}declare them under `people:` in okr.yaml",
                suggest_person(cx, owner)
            ),
        ));
    };
    for at in &cx.objectives {
        let o = at.objective;
        let route = || Route::objective(at.index);
        if let Some(owner) = unknown(cx, &o.owner) {
            report(
                at.path,
                route().key("owner"),
                owner,
                format!("objective `{}`", o.id),
            );
        }
        for (j, kr) in o.key_results.iter().enumerate() {
            if let Some(owner) = unknown(cx, &kr.owner) {
                let of = format!("key result `{}/{}`", o.id, kr.id);
                report(
                    at.path,
                    Route::key_result(at.index, j).key("owner"),
                    owner,
                    of,
                );
            }
        }
        for (k, initiative) in o.initiatives.iter().enumerate() {
            if let Some(owner) = unknown(cx, &initiative.owner) {
                let of = format!("initiative \"{}\"", initiative.title);
                report(
                    at.path,
                    route().key("initiatives").index(k).key("owner"),
                    owner,
                    of,
                );
            }
        }
    }
    for at in &cx.objectives {
        if at.objective.owner.is_none() {
            out.push(Finding::at(
                "owner",
                at.path,
                Route::objective(at.index),
                format!(
                    "objective `{}` has no owner; add `owner:` with the id of the person who answers for it",
                    at.objective.id
                ),
            ));
        }
    }
}
