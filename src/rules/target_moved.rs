//! `target-moved`: what the rule is and its examples, each a small git history. Its
//! check reads history and runs from `rules::history` (see there); this
//! file holds no I/O.

use super::example::{Examples, fixture, history};
use super::{Level, Rule, RuleId};

pub const RULE: Rule = Rule {
    id: RuleId::TargetMoved,
    default: Level::Warning,
    summary: "with `--base REV`: no goal was eased after its cycle started (a target moved towards the start, a start moved, `keep_above` lowered, `keep_below` raised, a milestone's due date moved later, a key result removed), unless the last commit that moved it carries an `OKR-Reason:` trailer",
    why: "Moving the goal posts mid-cycle hides how a key result is really going; when a change is right, the reason belongs in the history. These are the changes `okr diff` warns about.",
    fix: "Keep the goal, or say why it moved: the last commit that moved it needs an `OKR-Reason:` trailer in its message (`git commit --amend` adds one before the commit is pushed). A change still in the working tree needs the trailer when you commit it.",
    examples: &Examples {
        fail: history!(
            "target-moved",
            "fail",
            args: ["--base", "HEAD~1"],
            commits: [
                "fail/commits/01": ["okr.yaml", "okrs/2026-Q4/company.yaml"],
                "fail/commits/02": ["okrs/2026-Q4/company.yaml"],
            ],
        ),
        pass: history!(
            "target-moved",
            "pass",
            args: ["--base", "HEAD~1"],
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
