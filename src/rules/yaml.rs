//! `yaml`: the file parses as YAML. Its findings come from loading (`load`
//! parses every file); this file holds what the rule is. No check of its own.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};

pub const RULE: Rule = Rule {
    id: RuleId::Yaml,
    default: Level::Error,
    summary: "the file parses as YAML",
    why: "A file that does not parse cannot be checked, scored or shown at all; a merge that left conflict markers behind is the usual cause.",
    fix: "Fix the syntax at the position shown. For merge-conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`), keep the side you want, or combine both, and delete the markers.",
    examples: &examples!(
        "yaml",
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

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
