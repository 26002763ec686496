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
pub mod nudge;
pub mod report;
pub mod review;
pub mod sarif;
pub mod spreadsheet;
pub mod sync;
pub mod table;

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

/// Text for Markdown (a table cell, a heading): one line, and nothing that
/// GitHub would read as markup or HTML: `<Stripe>` in a title would vanish.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        // Quotes stay: they are no markup, and "it's" reads better as it is.
        if let Some(entity) = html_entity(ch).filter(|_| !matches!(ch, '"' | '\'')) {
            out.push_str(entity);
            continue;
        }
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\r' | '\n' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// An id as inline code: fenced with more backticks than it holds, `|` escaped
/// (GitHub splits table cells on it even inside code).
pub fn md_code(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ").replace('|', "\\|");
    let mut run = 0;
    let mut longest = 0;
    for ch in s.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// okr's own Markdown prose with user values in it (a finding's message): one
/// line, HTML and `|` escaped, its `code` spans kept.
pub fn md_prose(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_carry_no_markup_and_ids_no_breaking_backticks() {
        assert_eq!(
            md_text("a <b>|*x*</b> & `c`\nd"),
            "a &lt;b&gt;\\|\\*x\\*&lt;/b&gt; &amp; \\`c\\` d"
        );
        assert_eq!(md_code("kr-1"), "`kr-1`");
        assert_eq!(md_code("a`b|c"), "`` a`b\\|c ``");
    }

    #[test]
    fn prose_keeps_its_code_spans_and_loses_html() {
        assert_eq!(
            md_prose("target of `a/b` <lowered> | 10\n-> 8"),
            "target of `a/b` &lt;lowered&gt; \\| 10 -&gt; 8"
        );
    }
}
