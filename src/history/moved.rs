//! What `target-moved` reads of history: BASE's files, the commits of
//! `BASE..HEAD` with the key results of each changed file before and after,
//! and the key results at HEAD of the files the working tree changes.

use std::collections::HashMap;

use anyhow::Result;

use super::values_cache::ValuesCache;
use super::window::{self, WorkingFile};
use crate::git::Repo;
use crate::load;
use crate::model::{Context, GoalCommit, GoalHistory, KeyResultsAt};

/// The history `target-moved` judges, from `base` (a revision) to the working tree.
pub fn goal_history(cx: &Context<'_>, repo: &Repo, base: &str) -> Result<GoalHistory> {
    let base_oid = repo.resolve(base)?;
    let root = &cx.org.root;
    let paths = repo.okr_paths(root, &cx.org.config.paths)?;
    let (config, files) = repo.files_at(base_oid, root, &paths)?;
    let base = load::from_texts(root, config, files);
    let commits = repo
        .range(base_oid, &paths)?
        .into_iter()
        .map(|commit| {
            let parents = commit.files.first().map_or(0, |f| f.before.len());
            let before: Option<Vec<KeyResultsAt>> = (0..parents)
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
            GoalCommit {
                short_id: repo.short_id(commit.oid),
                time: commit.time,
                offset: commit.offset,
                reason: commit.reason,
                before,
                after,
            }
        })
        .collect();
    let (head, removals) = at_head(cx, repo, &paths)?;
    Ok(GoalHistory {
        base,
        commits,
        head,
        removals,
    })
}

/// The key results of some versions of OKR files, by `objective/kr`; `None`
/// when one of them does not parse (nothing can be said to be removed then).
fn key_results<'t>(
    files: impl Iterator<Item = (&'t str, Option<&'t str>)>,
) -> Option<KeyResultsAt> {
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

/// The key results at HEAD of the files the working tree changes, and
/// whether one missing now counts as removed.
fn at_head(
    cx: &Context<'_>,
    repo: &Repo,
    paths: &[String],
) -> Result<(Option<KeyResultsAt>, bool)> {
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
    let at_head = window::window(repo, paths, i64::MAX, &texts, &mut ValuesCache::default())?;
    let mut head = Vec::new();
    for oid in at_head.changed.values().flatten().chain(&at_head.gone) {
        head.push(repo.blob_text(*oid)?);
    }
    let head = key_results(head.iter().map(|t| ("", t.as_deref())));
    // A working file that does not parse hides its key results: none is removed then.
    let removals = !cx
        .org
        .files
        .iter()
        .any(|f| f.okr.is_none() && at_head.changed.contains_key(&full(&f.path)));
    Ok((head, removals))
}
