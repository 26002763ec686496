//! `source-stale`: in a running cycle, a key result with `source: {every:
//! ...}` was synced within `every`. Pure: it is given the last sync of each
//! key result (read from git by the caller) and reads no file and no git.

use std::collections::HashMap;

use super::example::{Examples, fixture, history};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{Context, Date, Status};

pub const RULE: Rule = Rule {
    id: RuleId::SourceStale,
    default: Level::Warning,
    summary: "in a running cycle, a key result with `source: {every: ...}` was synced (a commit with its `OKR-Source:` trailer) within `every`",
    why: "Connectors break silently; a number that should update itself every day but has not is worse than a manual one, because everyone trusts it.",
    fix: "Run `okr sync REF` (or see why the scheduled job did not), and `okr source test REF` to see what the source answers; or set a longer `every`.",
    examples: &Examples {
        fail: history!(
            "source-stale",
            "fail",
            args: [],
            commits: ["fail/commits/01": ["okr.yaml", "okrs/2026-Q4/company.yaml"]],
        ),
        pass: history!(
            "source-stale",
            "pass",
            args: [],
            commits: [
                "pass/commits/01": ["okr.yaml", "okrs/2026-Q4/company.yaml"],
                "pass/commits/02": ["okrs/2026-Q4/company.yaml"],
            ],
        ),
    },
    needs_history: true,
};

/// The key results `source-stale` looks at: in a running cycle, with `every`.
pub fn watched(cx: &Context<'_>) -> Vec<(String, Date)> {
    let mut out = Vec::new();
    for at in &cx.objectives {
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if !cycle.period.contains(cx.today) || at.objective.status == Status::Dropped {
            continue;
        }
        for kr in &at.objective.key_results {
            if kr.source.as_ref().is_some_and(|s| s.every.is_some()) {
                out.push((format!("{}/{}", at.objective.id, kr.id), cycle.period.start));
            }
        }
    }
    out
}

/// `source-stale`: a synced key result of a running cycle whose last sync
/// (commit time, seconds; from `last`) is older than its `every`, counted
/// from the start of today (UTC). One never synced counts from its cycle's start.
pub fn source_stale(cx: &Context<'_>, last: &HashMap<String, i64>) -> Vec<Finding> {
    let midnight = |d: Date| {
        d.and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp())
    };
    let now = midnight(cx.today);
    let mut out = Vec::new();
    for at in &cx.objectives {
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if !cycle.period.contains(cx.today) || at.objective.status == Status::Dropped {
            continue;
        }
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            let Some(source) = &kr.source else { continue };
            let Some(every) = source.every else { continue };
            let reference = format!("{}/{}", at.objective.id, kr.id);
            let (since, what) = match last.get(&reference) {
                Some(&time) => (time, "was last synced"),
                None => (
                    midnight(cycle.period.start),
                    "has not been synced since its cycle started",
                ),
            };
            let seconds = i64::try_from(every.seconds).unwrap_or(i64::MAX);
            if now.saturating_sub(since) <= seconds {
                continue;
            }
            let day = chrono::DateTime::from_timestamp(since, 0)
                .map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string());
            out.push(Finding::at(
                RuleId::SourceStale,
                at.path,
                Route::key_result(at.index, j).key("source").key("every"),
                format!(
                    "key result `{reference}` {what} on {day}, longer ago than its `every: {every}`; run `okr sync {reference}`, and if it fails, `okr source test {reference}` shows what the source answers"
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_examples_are_histories() {
        super::super::testing::history_examples_hold(&super::RULE);
    }
}
