//! `stale`: what the rule is and its examples, each a small git history. Its
//! check reads history and runs from `rules::history` (see there); this
//! file holds no I/O.

use super::example::{Examples, fixture, history};
use super::{Level, Rule, RuleId};

pub const RULE: Rule = Rule {
    id: RuleId::Stale,
    default: Level::Warning,
    summary: "in a running cycle, a key result has a check-in in git within `stale-after-days`: a changed value, or a commit with its `OKR-Key-Result:` trailer",
    why: "Progress is checked in regularly; a value that nobody has touched for weeks is probably out of date, and the scores built on it are too.",
    fix: "Record the current value with `okr checkin OBJECTIVE/KR VALUE` (or edit the file and commit it); when the value has not changed, `okr checkin OBJECTIVE/KR --same` records that it was looked at (a commit that changes nothing, with the check-in's trailers). The window is `rules: stale-after-days:` in okr.yaml (14 by default).",
    examples: &Examples {
        fail: history!(
            "stale",
            "fail",
            args: [],
            commits: ["fail/commits/01": ["okr.yaml", "okrs/2026-Q4/company.yaml"]],
        ),
        pass: history!(
            "stale",
            "pass",
            args: [],
            commits: [
                "pass/commits/01": ["okr.yaml", "okrs/2026-Q4/company.yaml"],
                "pass/commits/02": ["okrs/2026-Q4/company.yaml"],
            ],
        ),
    },
    needs_history: true,
};

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_are_histories() {
        super::super::testing::history_examples_hold(&super::RULE);
    }
}
