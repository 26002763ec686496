//! Silencing findings: `# okr: ignore[rule-id] reason` on the line or the line above,
//! and `rules.ignore` in okr.yaml.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::load::Org;

/// Removes suppressed findings (their positions must be located) and returns how many.
pub fn apply_suppressions(org: &Org, findings: &mut Vec<Finding>) -> usize {
    let before = findings.len();
    let ignore = &org.config.rules.ignore;
    // The lines of each file with findings, split once (a check can report
    // thousands of findings in one file).
    let mut lines_of: HashMap<String, Option<Vec<&str>>> = HashMap::new();
    let texts: HashMap<&str, &str> = org
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .chain([(crate::load::CONFIG_FILE, org.config_text.as_str())])
        .collect();
    findings.retain(|f| {
        if let Some(places) = ignore.get(f.rule) {
            let here = format!("{}:{}", f.file, f.pos.line);
            if places.iter().any(|p| *p == f.file || *p == here) {
                return false;
            }
        }
        if !lines_of.contains_key(&f.file) {
            let lines = texts.get(f.file.as_str()).map(|t| t.lines().collect());
            lines_of.insert(f.file.clone(), lines);
        }
        let Some(Some(lines)) = lines_of.get(&f.file) else {
            return true;
        };
        let line = f.pos.line as usize;
        let above = if line >= 2 {
            lines.get(line - 2).copied()
        } else {
            None
        };
        let this = line.checked_sub(1).and_then(|i| lines.get(i)).copied();
        ![this, above]
            .into_iter()
            .flatten()
            .any(|l| silences(l, f.rule))
    });
    before - findings.len()
}

/// Whether a line carries `# okr: ignore[..., rule, ...]`.
fn silences(line: &str, rule: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find('#') {
        rest = &rest[i + 1..];
        let comment = rest.trim_start();
        if let Some(after) = comment.strip_prefix("okr:")
            && let Some(list) = after.trim_start().strip_prefix("ignore[")
            && let Some((ids, _)) = list.split_once(']')
            && ids.split(',').any(|id| id.trim() == rule)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::silences;

    #[test]
    fn comments() {
        assert!(silences(
            "  target: 30 # okr: ignore[measurable] agreed with finance",
            "measurable"
        ));
        assert!(silences("# okr: ignore[kr-count, orphan]", "orphan"));
        assert!(!silences("# okr: ignore[kr-count]", "orphan"));
        assert!(!silences("title: \"okr: ignore[orphan]\"", "orphan"));
    }
}
