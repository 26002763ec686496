//! Renderers: findings (and later tables and reports) to any `Write`.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::finding::{Finding, Summary};
use crate::load::Org;

/// What `okr check` shows: the findings (located and sorted) and the counts.
pub struct CheckReport<'a> {
    pub org: &'a Org,
    pub findings: &'a [Finding],
    pub summary: Summary,
}
