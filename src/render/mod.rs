//! Renderers: findings (and later tables and reports) to any `Write`.

pub mod diff;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod man;
pub mod report;
pub mod sarif;
pub mod table;

use crate::finding::{Finding, Summary};
use crate::load::Org;

/// What `okr check` shows: the findings (located and sorted) and the counts.
pub struct CheckReport<'a> {
    pub org: &'a Org,
    /// Where the OKR root sits in its git repository (`""` or `"sub/dir/"`): GitHub
    /// annotations and SARIF name files from the repository's root.
    pub repo_prefix: String,
    pub findings: &'a [Finding],
    pub summary: Summary,
}
