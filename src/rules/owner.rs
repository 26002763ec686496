//! `owner`: every objective has an owner, and every owner of an objective, key
//! result or initiative is a known person. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId, suggest_person};
use crate::finding::{Finding, Route};
use crate::model::Context;

pub const RULE: Rule = Rule {
    id: RuleId::Owner,
    default: Level::Error,
    summary: "every objective has an owner, and every owner of an objective, key result or initiative is a known person",
    why: "An objective without an owner is nobody's: someone has to check in progress and review it at the end of the cycle.",
    fix: "Add `owner:` with a person id declared under `people:` in okr.yaml.",
    examples: &examples!(
        "owner",
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
    fn unknown<'o>(cx: &Context<'_>, owner: &'o Option<String>) -> Option<&'o str> {
        owner.as_deref().filter(|o| !cx.people.contains(o))
    }
    let mut report = |path: &str, route: Route, owner: &str, of: String| {
        out.push(Finding::at(
            RuleId::Owner,
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
                RuleId::Owner,
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

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
