//! `schema`: required fields, the right types, no unknown keys. Its findings
//! come from loading (`load` decodes every file against the schema); this file
//! holds what the rule is. No check of its own.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};

pub const RULE: Rule = Rule {
    id: RuleId::Schema,
    default: Level::Error,
    summary: "required fields are present, values have the right types, and there are no unknown keys",
    why: "okr reads only the fields it knows: a misspelt key such as `taget:` would silently leave the key result without a target.",
    fix: "Rename an unknown key (the message suggests the closest known one), add a missing field, or write the value with the right type. `okr schema` prints the JSON Schema your editor can check files with as you type.",
    examples: &examples!(
        "schema",
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
