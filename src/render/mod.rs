//! Renderers: findings (and later tables and reports) to any `Write`.

pub mod diff;
pub mod explain;
pub mod fit;
pub mod github;
pub mod human;
pub mod json;
pub mod man;
pub mod markdown;
pub mod report;
pub mod sarif;
pub mod spreadsheet;
pub mod sync;
pub mod table;

pub use markdown::{md_code, md_prose, md_text};

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

/// The entity that stands for `ch` in HTML text and attributes, if it needs one.
pub fn html_entity(ch: char) -> Option<&'static str> {
    match ch {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    }
}
