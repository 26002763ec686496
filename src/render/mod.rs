//! Renderers: findings, tables, reports, diffs and every other view, to any
//! `impl Write`, in each format (text, Markdown, HTML, SVG, JSON through
//! `json::value`, SARIF, GitHub annotations, CSV and XLSX, roff). They use the
//! model, findings, views, scores and the rules' descriptions; no files, no
//! git, no edits, no loading.

pub mod diff;
pub mod explain;
pub mod fit;
pub mod github;
pub mod human;
pub mod json;
pub mod man;
pub mod markdown;
pub mod nudge;
pub mod report;
pub mod review;
pub mod sarif;
pub mod spreadsheet;
pub mod sync;
pub mod table;

pub use markdown::{md_code, md_prose, md_text};

use crate::finding::{Finding, Summary};
use crate::model::Org;

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
