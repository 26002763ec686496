//! `target-moved`: every goal `okr diff BASE` finds eased (see
//! [`super::eased`]), unless it was eased before its cycle started or the last
//! commit that moved it says why in an `OKR-Reason:` trailer.
//!
//! BASE's files are compared with the working tree, as `okr diff` does; the
//! commits of `BASE..HEAD` and the working tree's changes tell who moved each
//! goal field last. Pure: history reads the commits and their files (see
//! `history::goal_history`) and hands them in.

use std::collections::{HashMap, HashSet};

use super::eased::{Eased, eased, goal_changes};
use crate::finding::{Finding, Route};
use crate::model::{
    Context, Cycle, GoalCommit, GoalHistory, KeyResult, KeyResultsAt, ObjectiveAt, date_of,
};

/// A key result (`objective/kr`) and one of its goal fields (`None`: the key
/// result itself, when it was removed).
type Moved = (String, Option<&'static str>);

pub fn target_moved(cx: &Context<'_>, history: &GoalHistory) -> Vec<Finding> {
    let mut findings = Vec::new();
    let base_cx = Context::new(&history.base, cx.today);
    let commits = &history.commits;
    let last = last_commits(commits);
    let uncommitted = uncommitted(cx, history);

    let mut now: HashMap<String, (ObjectiveAt<'_>, usize)> = HashMap::new();
    for at in &cx.objectives {
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            now.entry(reference(at, kr)).or_insert((*at, j));
        }
    }
    for was in &base_cx.objectives {
        for kr in &was.objective.key_results {
            let reference = reference(was, kr);
            let here = now.get(&reference).copied();
            let new = here.map(|(at, j)| &at.objective.key_results[j]);
            let Some(cycle) = here
                .map_or(*was, |(at, _)| at)
                .cycle_id()
                .and_then(|c| cx.cycle(c).ok().or_else(|| base_cx.cycle(c).ok()))
            else {
                continue;
            };
            for e in eased(kr, new) {
                let key = (reference.clone(), e.field());
                let (path, route) = location(cx, was, here, &e);
                let message = if uncommitted.contains(&key) {
                    if cx.today < cycle.period.start {
                        continue;
                    }
                    in_working_tree(&reference, &e, &cycle)
                } else {
                    let Some(&i) = last.get(&key) else {
                        continue; // not moved on this branch
                    };
                    let commit = &commits[i];
                    let day = date_of(commit.time, commit.offset);
                    let ended = e == Eased::Removed && day > cycle.period.end;
                    if day < cycle.period.start || ended || commit.reason.is_some() {
                        continue;
                    }
                    committed(&reference, &e, &cycle, day, &commit.short_id)
                };
                findings.push(Finding::at("target-moved", path, route, message));
            }
        }
    }
    findings
}

fn reference(at: &ObjectiveAt<'_>, kr: &KeyResult) -> String {
    format!("{}/{}", at.objective.id, kr.id)
}

fn committed(
    reference: &str,
    e: &Eased,
    cycle: &Cycle,
    day: crate::model::Date,
    commit: &str,
) -> String {
    match e.field() {
        Some(field) => format!(
            "`{reference}`: {} on {day}, after cycle {} started, in commit {commit} without an `OKR-Reason:` trailer; if the change is agreed, say why in the commit message (`OKR-Reason: ...`), else restore `{field}`",
            e.describe(),
            cycle.id
        ),
        None => format!(
            "`{reference}`: key result removed on {day}, while cycle {} runs, in commit {commit} without an `OKR-Reason:` trailer; if that is agreed, say why in the commit message (`OKR-Reason: ...`), else put it back (or keep it and set the objective's `status: dropped`)",
            cycle.id
        ),
    }
}

fn in_working_tree(reference: &str, e: &Eased, cycle: &Cycle) -> String {
    let what = e
        .field()
        .map_or_else(|| "the key result".to_owned(), |f| format!("the {f}"));
    format!(
        "`{reference}`: {} in the working tree, after cycle {} started; when you commit it, say why with an `OKR-Reason:` trailer in the message, or restore {what}",
        e.describe(),
        cycle.id
    )
}

/// Where a finding points: at the moved field; for a removed key result at
/// its objective's `key_results`, or the file that held it.
fn location<'a>(
    cx: &Context<'a>,
    was: &ObjectiveAt<'a>,
    here: Option<(ObjectiveAt<'a>, usize)>,
    e: &Eased,
) -> (&'a str, Route) {
    if let (Some((at, j)), Some(field)) = (here, e.field()) {
        return (at.path, Route::key_result(at.index, j).key(field));
    }
    match cx.by_id.get(was.objective.id.as_str()) {
        Some(at) => (at.path, Route::objective(at.index).key("key_results")),
        None => (was.path, Route::root()),
    }
}

/// What changed between versions `before` (one per parent) and `after`:
/// goal fields that differ from every parent, and key results gone.
fn changes(before: &[KeyResultsAt], after: &KeyResultsAt, removals: bool) -> Vec<Moved> {
    let mut out = Vec::new();
    let Some(first) = before.first() else {
        return out;
    };
    for (reference, old) in first {
        match after.get(reference) {
            None if removals && before.iter().all(|b| b.contains_key(reference)) => {
                out.push((reference.clone(), None));
            }
            None => {}
            Some(new) => {
                for field in goal_changes(old, new) {
                    let everywhere = before.iter().all(|b| {
                        b.get(reference)
                            .is_none_or(|o| goal_changes(o, new).contains(&field))
                    });
                    if everywhere {
                        out.push((reference.clone(), Some(field)));
                    }
                }
            }
        }
    }
    out
}

/// The last commit (index into `commits`) that moved each goal field.
fn last_commits(commits: &[GoalCommit]) -> HashMap<Moved, usize> {
    let mut last = HashMap::new();
    for (i, commit) in commits.iter().enumerate() {
        let (Some(before), Some(after)) = (&commit.before, &commit.after) else {
            continue; // a version that does not parse moves nothing
        };
        for moved in changes(before, after, true) {
            last.insert(moved, i);
        }
    }
    last
}

/// The goal fields the working tree moves against HEAD.
fn uncommitted(cx: &Context<'_>, history: &GoalHistory) -> HashSet<Moved> {
    let Some(head) = &history.head else {
        return HashSet::new();
    };
    let mut now = HashMap::new();
    for at in &cx.objectives {
        for kr in &at.objective.key_results {
            now.entry(reference(at, kr)).or_insert_with(|| kr.clone());
        }
    }
    changes(std::slice::from_ref(head), &now, history.removals)
        .into_iter()
        .collect()
}
