//! `range`: confidence, weight and scores are in range. (`current` that is not
//! a number is found while decoding, by `load`.) Pure: reads the index,
//! returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, KeyResult};

pub const RULE: Rule = Rule {
    id: RuleId::Range,
    default: Level::Error,
    summary: "confidence, weight and scores are in range; `current` is a number",
    why: "Scores and confidence run from 0.0 to 1.0, and a value outside that range (often a percentage such as `70`) would distort every roll-up.",
    fix: "Write confidence and scores as fractions (`0.7`, not `70`), weights as numbers of at least 0, and `current` as a plain number with its unit under `unit:`.",
    examples: &examples!(
        "range",
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
                range(path, Route::key_result(i, j), &name, kr, out);
            }
            if let Some(review) = &objective.review
                && let Some(score) = review.score
                && !(0.0..=1.0).contains(&score)
            {
                out.push(Finding::at(
                    RuleId::Range,
                    path,
                    Route::objective(i).key("review").key("score"),
                    format!(
                        "the review score of `{}` is {score}; scores run from 0.0 to 1.0",
                        objective.id
                    ),
                ));
            }
        }
    }
    let share = cx.org.config.rules.bottom_up_share;
    if !(0.0..=1.0).contains(&share) {
        out.push(Finding::at(
            RuleId::Range,
            CONFIG_FILE,
            Route::root().key("rules").key("bottom-up-share"),
            format!(
                "`rules.bottom-up-share` is {share}; it is a share from 0.0 to 1.0 (0.6 means 60%)"
            ),
        ));
    }
}

fn range(path: &str, route: Route, name: &str, kr: &KeyResult, out: &mut Vec<Finding>) {
    let checks = [
        (
            "confidence",
            kr.confidence,
            0.0,
            1.0,
            "confidence runs from 0.0 (no chance) to 1.0 (certain)",
        ),
        (
            "score",
            kr.score,
            0.0,
            1.0,
            "a manual score runs from 0.0 to 1.0",
        ),
        (
            "weight",
            kr.weight,
            0.0,
            f64::INFINITY,
            "a weight cannot be negative (0 leaves the key result out of the score)",
        ),
    ];
    for (key, value, low, high, why) in checks {
        if let Some(v) = value
            && !(low..=high).contains(&v)
        {
            out.push(Finding::at(
                RuleId::Range,
                path,
                route.clone().key(key),
                format!("`{key}` of `{name}` is {v}; {why}"),
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
