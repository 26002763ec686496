//! Silencing findings: `# okr: ignore[rule-id] reason` on the line of a finding
//! or the line above, or above (or on the `id` line of) the key result or
//! objective the finding is in; and `rules.ignore` in okr.yaml. Where the
//! items around a line are is the parser's answer, given by the caller
//! (`load::locate`): nothing here parses.

use std::collections::HashMap;

use crate::finding::{Finding, Location};
use crate::model::{Level, Org, Pos, suggest};

/// Removes suppressed findings (their positions must be located) and returns
/// how many. `outline` reads a file's text into what `items_around` takes
/// (`load::locate::outline` and `load::locate::items_around`); only files
/// with an ignore comment are read so, once each.
pub fn apply_suppressions<T>(
    org: &Org,
    findings: &mut Vec<Finding>,
    outline: impl Fn(&str) -> Option<T>,
    items_around: impl Fn(&T, u32) -> Vec<u32>,
) -> usize {
    let before = findings.len();
    let ignore = &org.config.rules.ignore;
    let texts: HashMap<&str, &str> = org
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .chain([(crate::model::CONFIG_FILE, org.config_text.as_str())])
        .collect();
    // The files with findings that have an ignore comment at all, split into
    // lines and parsed once (a check can report thousands of findings in one file).
    let mut files: HashMap<String, Option<Commented<'_, T>>> = HashMap::new();
    findings.retain(|f| {
        if let Some(places) = ignore.get(f.rule) {
            let here = format!("{}:{}", f.file, f.pos.line);
            if places.iter().any(|p| *p == f.file || *p == here) {
                return false;
            }
        }
        let file = files.entry(f.file.clone()).or_insert_with(|| {
            texts
                .get(f.file.as_str())
                .and_then(|t| Commented::new(t, &outline))
        });
        let Some(file) = file else {
            return true;
        };
        !file
            .candidate_lines(f, &items_around)
            .any(|line| file.silences(line, f.rule))
    });
    before - findings.len()
}

/// A file that has at least one ignore comment.
struct Commented<'t, T> {
    lines: Vec<&'t str>,
    /// The file's outline, to find the items around a finding.
    tree: Option<T>,
}

impl<'t, T> Commented<'t, T> {
    fn new(text: &'t str, outline: impl Fn(&str) -> Option<T>) -> Option<Self> {
        if !text.contains("ignore[") {
            return None;
        }
        Some(Commented {
            lines: text.lines().collect(),
            tree: outline(text),
        })
    }

    /// The 1-based lines whose comments may silence the finding: its own and
    /// the one above; for a finding inside a list item (an objective, a key
    /// result), the item's first line and `id` line and the lines above them.
    fn candidate_lines(
        &self,
        f: &Finding,
        items_around: impl Fn(&T, u32) -> Vec<u32>,
    ) -> impl Iterator<Item = u32> {
        let mut anchors = vec![f.pos.line];
        if let Some(tree) = &self.tree {
            anchors.extend(items_around(tree, f.pos.line));
        }
        anchors
            .into_iter()
            .flat_map(|l| [l, l.saturating_sub(1)])
            .filter(|l| *l >= 1)
    }

    fn silences(&self, line: u32, rule: &str) -> bool {
        let Some(text) = self.lines.get(line as usize - 1) else {
            return false;
        };
        ignore_lists(text).any(|(_, ids)| ids.split(',').any(|id| id.trim() == rule))
    }
}

/// The `ignore[...]` lists of the `# okr:` comments of a line: the column
/// (1-based, in characters) where the list's ids start, and the ids as written.
fn ignore_lists(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line;
    let mut offset = 0;
    std::iter::from_fn(move || {
        loop {
            let i = rest.find('#')?;
            // A YAML comment starts the line or follows a space.
            let starts_comment = i == 0 || rest[..i].ends_with([' ', '\t']);
            let after = &rest[i + 1..];
            offset += i + 1;
            rest = after;
            if !starts_comment {
                continue;
            }
            let comment = after.trim_start();
            let Some(list) = comment
                .strip_prefix("okr:")
                .map(str::trim_start)
                .and_then(|c| c.strip_prefix("ignore["))
            else {
                continue;
            };
            let Some((ids, _)) = list.split_once(']') else {
                continue;
            };
            let start = offset + (after.len() - list.len());
            let column = line[..start].chars().count() + 1;
            return Some((column, ids));
        }
    })
}

/// A `schema` warning for each id in an `# okr: ignore[...]` comment that
/// names no rule: the comment silences nothing, which its writer did not mean.
pub fn unknown_ignored_rules(org: &Org) -> Vec<Finding> {
    let mut findings = Vec::new();
    if org.config.rules.levels.get("schema") == Some(&Level::Off) {
        return findings;
    }
    let known = || super::RULES.iter().map(|r| r.id.as_str());
    let files = org
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .chain([(crate::model::CONFIG_FILE, org.config_text.as_str())]);
    for (path, text) in files {
        if !text.contains("ignore[") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            for (column, ids) in ignore_lists(line) {
                let mut at = column;
                for id in ids.split(',') {
                    let name = id.trim();
                    let here = at + id.chars().take_while(|c| c.is_whitespace()).count();
                    at += id.chars().count() + 1;
                    if name.is_empty() || known().any(|k| k == name) {
                        continue;
                    }
                    let hint = suggest(name, known())
                        .unwrap_or_else(|| "`okr explain` lists the rules".to_owned());
                    let pos = Pos {
                        line: u32::try_from(n + 1).unwrap_or(u32::MAX),
                        column: u32::try_from(here).unwrap_or(u32::MAX),
                    };
                    let mut finding = Finding::new(
                        "schema",
                        path,
                        Location::Pos(pos),
                        format!(
                            "`# okr: ignore[{}]` names no rule `{}`, so it silences nothing; {hint}",
                            ids.trim(),
                            name
                        ),
                    );
                    finding.level = Level::Warning;
                    findings.push(finding);
                }
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::ignore_lists;

    fn silences(line: &str, rule: &str) -> bool {
        ignore_lists(line).any(|(_, ids)| ids.split(',').any(|id| id.trim() == rule))
    }

    #[test]
    fn comments() {
        assert!(silences(
            "  target: 30 # okr: ignore[measurable] agreed with finance",
            "measurable"
        ));
        assert!(silences("# okr: ignore[kr-count, orphan]", "orphan"));
        assert!(!silences("# okr: ignore[kr-count]", "orphan"));
        assert!(!silences("title: \"okr: ignore[orphan]\"", "orphan"));
        assert!(!silences("title: a#okr: ignore[orphan]", "orphan"));
    }

    #[test]
    fn columns() {
        let found: Vec<(usize, &str)> =
            ignore_lists("  - id: 目标 # okr: ignore[stael, range]").collect();
        assert_eq!(found, [(26, "stael, range")]);
    }
}
