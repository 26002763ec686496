//! Viva Goals exports to a plan.

use super::Plan;

pub fn plan(name: &str, _bytes: &[u8]) -> Result<Plan, String> {
    Err(format!("{name}: Viva Goals is not read yet"))
}
