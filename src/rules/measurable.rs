//! `measurable`: a key result is numeric, a milestone or a threshold, exactly
//! one kind, with the fields of its kind. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, KeyResult};

pub const RULE: Rule = Rule {
    id: RuleId::Measurable,
    default: Level::Error,
    summary: "a key result is numeric (start, target, current; target != start), a milestone (done, due) or a threshold (keep_above or keep_below, current): exactly one kind",
    why: "An objective may be qualitative, but a key result must be measurable, or nobody can tell whether it was reached. \"Improve team morale\" is not a key result.",
    fix: "Say how you would measure it: `start`, `target` and `current` for a number to move, `done` and `due` for a milestone, or `keep_above`/`keep_below` with `current` for a level to hold. Keep the fields of one kind only.",
    examples: &examples!(
        "measurable",
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
    for (path, file) in cx.org.okr_files() {
        for (i, objective) in file.objectives.iter().enumerate() {
            for (j, kr) in objective.key_results.iter().enumerate() {
                let name = format!("{}/{}", objective.id, kr.id);
                measurable(path, Route::key_result(i, j), &name, kr, out);
            }
        }
    }
}

fn measurable(path: &str, route: Route, name: &str, kr: &KeyResult, out: &mut Vec<Finding>) {
    let numeric = kr.start.is_some() || kr.target.is_some();
    let milestone = kr.done.is_some();
    let threshold = kr.keep_above.is_some() || kr.keep_below.is_some();
    let kinds: Vec<&str> = [
        (numeric, "numeric (start/target)"),
        (milestone, "milestone (done)"),
        (threshold, "threshold (keep_above/keep_below)"),
    ]
    .into_iter()
    .filter_map(|(on, n)| on.then_some(n))
    .collect();
    let mut report = |route: Route, message: String| {
        out.push(Finding::at(RuleId::Measurable, path, route, message))
    };
    match kinds.len() {
        0 => report(
            route,
            format!(
                "key result `{name}` is not measurable; give it `start`, `target` and `current` (a number to move), `done` and `due` (a milestone), or `keep_above`/`keep_below` with `current` (a level to hold)"
            ),
        ),
        1 if numeric => {
            let missing: Vec<&str> = [
                ("start", kr.start.is_none()),
                ("target", kr.target.is_none()),
                ("current", kr.current.is_none()),
            ]
            .into_iter()
            .filter_map(|(n, m)| m.then_some(n))
            .collect();
            if !missing.is_empty() {
                report(
                    route,
                    format!(
                        "numeric key result `{name}` has no `{}`; a number needs a baseline (`start`), a `target` and the `current` value",
                        missing.join("`, `")
                    ),
                );
            } else if kr.start == kr.target {
                report(
                    route.key("target"),
                    format!(
                        "key result `{name}` has `target` equal to `start`, so there is nothing to move; set the value you aim to reach, or make it a threshold with `keep_above`/`keep_below`"
                    ),
                );
            }
        }
        1 if milestone => {
            if kr.due.is_none() {
                report(
                    route,
                    format!(
                        "milestone `{name}` has no `due` date; add `due: YYYY-MM-DD` inside the cycle"
                    ),
                );
            }
        }
        1 => {
            if kr.keep_above.is_some() && kr.keep_below.is_some() {
                report(
                    route.key("keep_below"),
                    format!(
                        "key result `{name}` has both `keep_above` and `keep_below`; a threshold holds one bound, so split it into two key results"
                    ),
                );
            } else if kr.current.is_none() {
                report(
                    route,
                    format!(
                        "threshold key result `{name}` has no `current`; add the value measured now"
                    ),
                );
            }
        }
        _ => report(
            route,
            format!(
                "key result `{name}` mixes kinds: {}; keep the fields of exactly one kind",
                kinds.join(" and ")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
