//! `alignment-target`: `aligns` names an existing objective or key result.
//! Resolves references for the other alignment rules too. Pure: reads the
//! index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, ObjectiveAt, did_you_mean};

pub const RULE: Rule = Rule {
    id: RuleId::AlignmentTarget,
    default: Level::Error,
    summary: "`aligns` names an existing objective or key result",
    why: "Alignment links a goal to the goal it serves, so that direction flows from the vision down to every team; a link to nothing serves nothing.",
    fix: "Point `aligns` at an existing objective id, or `objective-id/kr-id` for a key result. `okr tree` shows what there is to align to.",
    examples: &examples!(
        "alignment-target",
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
        if at.objective.id.is_empty() {
            continue;
        }
        for (k, reference) in at.objective.aligns.iter().enumerate() {
            if let Err(message) = resolve(cx, at, reference) {
                out.push(Finding::at(
                    RuleId::AlignmentTarget,
                    at.path,
                    aligns_route(at, k),
                    message,
                ));
            }
        }
    }
}

/// `aligns[k]`; for `aligns: one-ref` the locator stops at the scalar itself.
pub(super) fn aligns_route(at: &ObjectiveAt<'_>, k: usize) -> Route {
    Route::objective(at.index).key("aligns").index(k)
}

/// The objective a reference names, or why it names none.
pub(super) fn resolve<'a>(
    cx: &Context<'a>,
    at: &ObjectiveAt<'a>,
    reference: &str,
) -> Result<ObjectiveAt<'a>, String> {
    let (objective_id, kr_id) = match reference.split_once('/') {
        Some((o, k)) => (o, Some(k)),
        None => (reference, None),
    };
    let Some(parent) = cx.by_id.get(objective_id) else {
        let hint = did_you_mean(objective_id, cx.by_id.keys().copied())
            .map_or(String::new(), |s| format!("did you mean `{s}`? "));
        return Err(format!(
            "objective `{}` aligns to `{reference}`, but there is no objective `{objective_id}`; {hint}use an existing objective id or `objective-id/kr-id`",
            at.objective.id
        ));
    };
    if let Some(kr_id) = kr_id
        && !parent.objective.key_results.iter().any(|kr| kr.id == kr_id)
    {
        let ids: Vec<&str> = parent
            .objective
            .key_results
            .iter()
            .map(|kr| kr.id.as_str())
            .collect();
        let hint = did_you_mean(kr_id, ids.iter().copied()).map_or_else(
            || format!("its key results are: {}", ids.join(", ")),
            |s| format!("did you mean `{objective_id}/{s}`?"),
        );
        return Err(format!(
            "objective `{}` aligns to `{reference}`, but objective `{objective_id}` has no key result `{kr_id}`; {hint}",
            at.objective.id
        ));
    }
    Ok(*parent)
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
