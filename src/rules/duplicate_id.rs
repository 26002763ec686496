//! `duplicate-id`: ids name one thing: objectives in the repository, key
//! results in their objective, teams, people and cycles in okr.yaml. Pure:
//! reads the index, returns findings.

use std::collections::HashMap;

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context};

pub const RULE: Rule = Rule {
    id: RuleId::DuplicateId,
    default: Level::Error,
    summary: "ids are unique: objectives in the repository, key results in their objective, teams, people and cycles in okr.yaml",
    why: "History, alignment and check-ins follow objectives and key results by id across files and commits, so an id must name one thing.",
    fix: "Rename one of the two. An objective id is unique in the whole repository, a key-result id within its objective.",
    examples: &examples!(
        "duplicate-id",
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
                    RuleId::DuplicateId,
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
                RuleId::DuplicateId,
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
                    RuleId::DuplicateId,
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

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
