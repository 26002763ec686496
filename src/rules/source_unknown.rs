//! `source-unknown`: a key result's `source: from:` names a source declared
//! under `sources:` in okr.yaml. Pure: reads the index, returns findings.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Location, Route, Segment};
use crate::model::{CONFIG_FILE, Context, did_you_mean};

pub const RULE: Rule = Rule {
    id: RuleId::SourceUnknown,
    default: Level::Error,
    summary: "a key result's `source: from:` names a source declared under `sources:` in okr.yaml",
    why: "A key result that takes its value from a source nobody declared never syncs: its value goes stale while it looks automated.",
    fix: "Fix the name (the message suggests the closest declared one), or declare the source under `sources:` in okr.yaml with its `type` and connection.",
    examples: &examples!(
        "source-unknown",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
    ),
    needs_history: false,
};

/// `findings`: those found so far; a declaration that did not decode has its
/// own `schema` finding, and is not reported again here.
pub fn check(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let sources = &cx.org.config.sources;
    let broken = |name: &str| {
        findings.iter().any(|f| {
            f.file == CONFIG_FILE
                && matches!(&f.location, Location::Route(r)
                    if matches!(r.segments.first(), Some(Segment::Key(k)) if k == "sources")
                    && matches!(r.segments.get(1), Some(Segment::Key(k)) if k == name))
        })
    };
    let mut found = Vec::new();
    for at in &cx.objectives {
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            let Some(source) = &kr.source else {
                continue;
            };
            if let Some(name) = &source.from
                && !sources.contains_key(name)
                && !broken(name)
            {
                let hint = match did_you_mean(name, sources.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if sources.is_empty() => {
                        "okr.yaml declares no sources; add it under `sources:`".to_owned()
                    }
                    None => format!(
                        "declare it under `sources:` in okr.yaml (declared: {})",
                        sources.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                };
                found.push(Finding::at(
                    RuleId::SourceUnknown,
                    at.path,
                    Route::key_result(at.index, j).key("source").key("from"),
                    format!(
                        "key result `{}/{}` takes its value from source `{name}`, which okr.yaml does not declare; {hint}",
                        at.objective.id, kr.id
                    ),
                ));
            }
        }
    }
    findings.extend(found);
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&super::RULE);
    }
}
