//! Silencing findings: `# okr: ignore[rule-id] reason` on the line or the line above,
//! and `rules.ignore` in okr.yaml.

use crate::finding::Finding;
use crate::load::Org;

/// Removes suppressed findings (their positions must be located) and returns how many.
pub fn apply_suppressions(org: &Org, findings: &mut Vec<Finding>) -> usize {
    let before = findings.len();
    let ignore = &org.config.rules.ignore;
    findings.retain(|f| {
        if let Some(places) = ignore.get(f.rule) {
            let here = format!("{}:{}", f.file, f.pos.line);
            if places.iter().any(|p| *p == f.file || *p == here) {
                return false;
            }
        }
        let Some(text) = org.text_of(&f.file) else {
            return true;
        };
        let line = f.pos.line as usize;
        let mut lines = text.lines().skip(line.saturating_sub(2));
        let above = if line >= 2 { lines.next() } else { None };
        let this = lines.next();
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
