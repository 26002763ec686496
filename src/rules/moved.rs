//! `target-moved`: every goal `okr diff BASE` finds eased (see
//! [`super::eased`]), unless it was eased before its cycle started or the last
//! commit that moved it says why in an `OKR-Reason:` trailer.
//!
//! BASE's files are compared with the working tree, as `okr diff` does; the
//! commits of `BASE..HEAD` and the working tree's changes tell who moved each
//! goal field last. Still reads git and files itself; that part moves to a
//! history layer that hands the rule its facts.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::eased::{Eased, eased, goal_changes};
use crate::finding::{Finding, Route};
use crate::git::Repo;
use crate::git::history::{self, WorkingFile};
use crate::git::range::RangeCommit;
use crate::git::values_cache::ValuesCache;
use crate::load;
use crate::model::{Context, Cycle, KeyResult, ObjectiveAt, date_of};

/// A key result (`objective/kr`) and one of its goal fields (`None`: the key
/// result itself, when it was removed).
type Moved = (String, Option<&'static str>);

pub fn target_moved(
    cx: &Context<'_>,
    repo: &Repo,
    base: &str,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let base_oid = repo.resolve(base)?;
    let root = &cx.org.root;
    let paths = repo.okr_paths(root, &cx.org.config.paths)?;
    let (config, files) = repo.files_at(base_oid, root, &paths)?;
    let base_org = load::from_texts(root, config, files);
    let base_cx = Context::new(&base_org, cx.today);
    let commits = repo.range(base_oid, &paths)?;
    let last = last_commits(&commits);
    let uncommitted = uncommitted(cx, repo, &paths)?;

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
                    committed(
                        &reference,
                        &e,
                        &cycle,
                        day,
                        &repo.short_id(commit.oid.into()),
                    )
                };
                findings.push(Finding::at("target-moved", path, route, message));
            }
        }
    }
    Ok(())
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

/// The key results of some versions of OKR files, by `objective/kr`; `None`
/// when one of them does not parse (nothing can be said to be removed then).
fn key_results<'t>(
    files: impl Iterator<Item = (&'t str, Option<&'t str>)>,
) -> Option<HashMap<String, KeyResult>> {
    let mut out = HashMap::new();
    for (path, text) in files {
        let Some(text) = text else {
            continue;
        };
        let (file, _) = load::decode_file(path, text.as_bytes().to_vec());
        for o in &file.okr?.objectives {
            for kr in &o.key_results {
                out.entry(format!("{}/{}", o.id, kr.id))
                    .or_insert_with(|| kr.clone());
            }
        }
    }
    Some(out)
}

/// What changed between versions `before` (one per parent) and `after`:
/// goal fields that differ from every parent, and key results gone.
fn changes(
    before: &[HashMap<String, KeyResult>],
    after: &HashMap<String, KeyResult>,
    removals: bool,
) -> Vec<Moved> {
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
fn last_commits(commits: &[RangeCommit]) -> HashMap<Moved, usize> {
    let mut last = HashMap::new();
    for (i, commit) in commits.iter().enumerate() {
        let parents = commit.files.first().map_or(0, |f| f.before.len());
        let before: Vec<Option<HashMap<String, KeyResult>>> = (0..parents)
            .map(|p| {
                key_results(
                    commit
                        .files
                        .iter()
                        .map(|f| (f.path.as_str(), f.before[p].as_deref())),
                )
            })
            .collect();
        let after = key_results(
            commit
                .files
                .iter()
                .map(|f| (f.path.as_str(), f.after.as_deref())),
        );
        let (Some(before), Some(after)) = (before.into_iter().collect::<Option<Vec<_>>>(), after)
        else {
            continue; // a version that does not parse moves nothing
        };
        for moved in changes(&before, &after, true) {
            last.insert(moved, i);
        }
    }
    last
}

/// The goal fields the working tree moves against HEAD.
fn uncommitted(cx: &Context<'_>, repo: &Repo, paths: &[String]) -> Result<HashSet<Moved>> {
    let prefix = repo.relative(&cx.org.root)?;
    let full = |p: &str| {
        if prefix.is_empty() {
            p.to_owned()
        } else {
            format!("{prefix}/{p}")
        }
    };
    let texts: Vec<WorkingFile<'_>> = cx
        .org
        .files
        .iter()
        .map(|f| WorkingFile {
            path: full(&f.path),
            text: f.text.as_str(),
            stamp: None,
        })
        .collect();
    let at_head = history::window(
        repo.git(),
        paths,
        i64::MAX,
        &texts,
        &mut ValuesCache::default(),
    )?;
    let mut head = Vec::new();
    for oid in at_head.changed.values().flatten().chain(&at_head.gone) {
        head.push(history::blob_text(repo.git(), *oid)?);
    }
    let Some(head) = key_results(head.iter().map(|t| ("", t.as_deref()))) else {
        return Ok(HashSet::new());
    };
    // A working file that does not parse hides its key results: none is removed then.
    let removals = !cx
        .org
        .files
        .iter()
        .any(|f| f.okr.is_none() && at_head.changed.contains_key(&full(&f.path)));
    let mut now = HashMap::new();
    for at in &cx.objectives {
        for kr in &at.objective.key_results {
            now.entry(reference(at, kr)).or_insert_with(|| kr.clone());
        }
    }
    Ok(changes(&[head], &now, removals).into_iter().collect())
}
