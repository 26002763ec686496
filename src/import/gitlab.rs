//! GitLab work items to a plan.

use super::Plan;

pub fn plan(name: &str, _bytes: &[u8]) -> Result<Plan, String> {
    Err(format!("{name}: GitLab is not read yet"))
}
