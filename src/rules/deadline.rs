//! `deadline`: the cycle is known and has an end; a `due` lies inside its
//! cycle. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, CycleError};

pub const RULE: Rule = Rule {
    id: RuleId::Deadline,
    default: Level::Error,
    summary: "the cycle is known and has an end; a `due` lies inside its cycle",
    why: "Everything has a deadline: a key result ends with its cycle or earlier, so that the cycle's score means something.",
    fix: "Move `due` into the cycle, or move the key result to the cycle it belongs to. A custom cycle needs `start` and `end` in okr.yaml.",
    examples: &examples!(
        "deadline",
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
    declared_cycles(cx, out);
    for (path, file) in cx.org.okr_files() {
        let cycle = file.cycle.as_deref().map(|id| (id, cx.cycle(id)));
        if let Some((id, Err(CycleError::NoPeriod))) = &cycle {
            out.push(Finding::at(
                RuleId::Deadline,
                path,
                Route::root().key("cycle"),
                format!("cycle `{id}` has no usable start and end; give its entry under `cycles:` in okr.yaml `start:` and `end:` dates"),
            ));
        }
        for (i, objective) in file.objectives.iter().enumerate() {
            for (j, kr) in objective.key_results.iter().enumerate() {
                let name = format!("{}/{}", objective.id, kr.id);
                if let (Some(due), Some((id, Ok(cycle)))) = (kr.due, &cycle)
                    && !cycle.period.contains(due)
                {
                    out.push(Finding::at(
                        RuleId::Deadline,
                        path,
                        Route::key_result(i, j).key("due"),
                        format!(
                            "key result `{name}` is due {due}, outside its cycle {id} ({} to {}); move `due` into the cycle, or the key result into the cycle it belongs to",
                            cycle.period.start, cycle.period.end
                        ),
                    ));
                }
            }
        }
    }
}

/// Declared cycles that are not standard need a start and an end, in order.
fn declared_cycles(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, decl) in cx.org.config.cycles.iter().enumerate() {
        if decl.id.is_empty() {
            continue;
        }
        let route = Route::root().key("cycles").index(i);
        match cx.cycle(&decl.id) {
            Ok(_) => {}
            Err(_) => {
                let message = match (decl.start, decl.end) {
                    (Some(start), Some(end)) => format!(
                        "cycle `{}` ends ({end}) before it starts ({start}); swap or fix the dates",
                        decl.id
                    ),
                    (_, None) => format!("cycle `{}` has no end; add `end: YYYY-MM-DD`", decl.id),
                    (None, _) => {
                        format!("cycle `{}` has no start; add `start: YYYY-MM-DD`", decl.id)
                    }
                };
                let at = if decl.end.is_some() && decl.start.is_some() {
                    route.key("end")
                } else {
                    route
                };
                out.push(Finding::at(RuleId::Deadline, CONFIG_FILE, at, message));
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
