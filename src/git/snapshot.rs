//! Files and first-parent commits at a point in time: the OKR files of a
//! commit, the newest first-parent commit before a date, a file's blob at a
//! commit, and blob ids of working files. Plain data out, for `history`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use git2::{Oid, Repository};
use rayon::prelude::*;

use super::Repo;
use crate::model::ObjectId;

/// A commit and its time (seconds since the epoch).
pub type Dated = (ObjectId, i64);

impl Repo {
    /// The YAML files (path, blob) under the folders `paths` (relative to the
    /// working tree) of a commit.
    pub fn okr_files_at(
        &self,
        commit: ObjectId,
        paths: &[String],
    ) -> Result<Vec<(String, ObjectId)>> {
        okr_files_at(&self.repo, commit.into(), paths)
    }

    /// The newest first-parent commit of HEAD older than `before` (`None` when
    /// history starts after it), and the first-parent commits from HEAD down
    /// to it, newest first. `known` is such a list from an earlier call: where
    /// the walk meets it, it is followed instead of reading those commits
    /// again (a commit's first parent never changes).
    pub fn first_parent_before(
        &self,
        before: i64,
        known: &[Dated],
    ) -> Result<(Option<Dated>, Vec<Dated>)> {
        git2::opts::strict_hash_verification(false);
        first_parent_before(&self.repo, before, known)
    }

    /// Where history is cut for a day that ends at `end` (seconds since the
    /// epoch): the newest first-parent commit dated before it, when HEAD is
    /// dated later; `None` when HEAD is not (the working tree is that day's
    /// state). `known` is as for [`Repo::first_parent_before`].
    pub fn cut_at(&self, end: i64, known: &[Dated]) -> Result<Option<ObjectId>> {
        cut_at(&self.repo, end, known)
    }

    /// The text of the file at `path` (relative to the working tree) in
    /// `commit`; `None` when it is absent or not UTF-8.
    pub fn text_at(&self, commit: ObjectId, path: &str) -> Result<Option<String>> {
        text_at(&self.repo, commit.into(), path)
    }

    /// The blob of each of `paths` (relative to the working tree) in `commit`
    /// (`None`: absent, or no file).
    pub fn blobs_at(&self, commit: ObjectId, paths: &[&str]) -> Result<Vec<Option<ObjectId>>> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let tree = self.repo.find_commit(commit.into())?.tree()?;
        let mut out = Vec::with_capacity(paths.len());
        for path in paths {
            out.push(match tree.get_path(Path::new(path)) {
                Ok(entry) => Some(entry.id().into()),
                Err(e) if e.code() != git2::ErrorCode::NotFound => return Err(e.into()),
                Err(_) => None,
            });
        }
        Ok(out)
    }

    /// The text of a blob, when it is UTF-8.
    pub fn blob_text(&self, blob: ObjectId) -> Result<Option<String>> {
        super::walk::blob_text(&self.repo, blob.into())
    }

    /// The commit HEAD points to; `None` when it is unborn (or unreadable).
    pub fn head_id(&self) -> Option<ObjectId> {
        let head = self.repo.head().and_then(|h| h.peel_to_commit()).ok()?;
        Some(head.id().into())
    }

    /// Whether `commit` descends from `ancestor`.
    pub fn descends_from(&self, commit: ObjectId, ancestor: ObjectId) -> bool {
        self.repo
            .graph_descendant_of(commit.into(), ancestor.into())
            .unwrap_or(false)
    }

    /// Maps `f` over `items` on all cores, each thread with its own handle on
    /// the repository (a handle cannot be shared between threads); on this
    /// thread with `self` when there is one item.
    pub fn parallel<T: Sync, R: Send>(
        &self,
        items: &[T],
        f: impl Fn(&Repo, &T) -> Result<R> + Sync,
    ) -> Vec<Result<R>> {
        if items.len() <= 1 {
            return items.iter().map(|item| f(self, item)).collect();
        }
        // A handle cannot be shared between threads; its folders can.
        let (git_dir, workdir) = (self.repo.path(), &self.workdir);
        items
            .par_iter()
            .map_init(
                || {
                    Repository::open(git_dir).map(|repo| Repo {
                        repo,
                        workdir: workdir.clone(),
                    })
                },
                |handle, item| match handle {
                    Ok(handle) => f(handle, item),
                    Err(e) => Err(anyhow::anyhow!("cannot open the git repository: {e}")),
                },
            )
            .collect()
    }
}

/// The blob id git gives `bytes`.
pub fn blob_id(bytes: &[u8]) -> Result<ObjectId> {
    Ok(Oid::hash_object(git2::ObjectType::Blob, bytes)?.into())
}

/// The YAML files (path, blob) under the folders `paths` of a commit, in the
/// order of a walk of each folder.
pub(super) fn okr_files_at(
    repo: &Repository,
    commit: Oid,
    paths: &[String],
) -> Result<Vec<(String, ObjectId)>> {
    let tree = repo.find_commit(commit)?.tree()?;
    let mut files = Vec::new();
    for path in paths {
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            continue;
        };
        let Ok(sub) = repo.find_tree(entry.id()) else {
            continue;
        };
        sub.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
            let name = e.name().unwrap_or("");
            if e.kind() == Some(git2::ObjectType::Blob)
                && (name.ends_with(".yaml") || name.ends_with(".yml"))
            {
                files.push((format!("{path}/{dir}{name}"), e.id().into()));
            }
            git2::TreeWalkResult::Ok
        })?;
    }
    Ok(files)
}

/// The newest first-parent commit of HEAD older than `before` (`None` when
/// history starts after it), and the first-parent commits from HEAD down to it,
/// newest first. `known` is such a list from an earlier call: where the walk
/// meets it, it is followed instead of reading those commits again (a commit's
/// first parent never changes).
fn first_parent_before(
    repo: &Repository,
    before: i64,
    known: &[Dated],
) -> Result<(Option<Dated>, Vec<Dated>)> {
    let mut walked: Vec<Dated> = Vec::new();
    let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) else {
        return Ok((None, walked));
    };
    let mut next = Some(head.id());
    let mut known_at: Option<HashMap<ObjectId, usize>> = None;
    let mut followed = false;
    while let Some(oid) = next {
        if !followed && !known.is_empty() {
            let id = ObjectId::from(oid);
            let at = if known[0].0 == id {
                Some(0)
            } else {
                known_at
                    .get_or_insert_with(|| {
                        known.iter().enumerate().map(|(i, c)| (c.0, i)).collect()
                    })
                    .get(&id)
                    .copied()
            };
            if let Some(i) = at {
                followed = true;
                for &(oid, time) in &known[i..] {
                    walked.push((oid, time));
                    if time < before {
                        return Ok((Some((oid, time)), walked));
                    }
                }
                // Further back than the last call went: read on from there.
                let last = walked.last().map_or(oid, |c| c.0.into());
                next = repo
                    .find_commit(last)
                    .ok()
                    .and_then(|c| c.parent_id(0).ok());
                continue;
            }
        }
        // The first commit is HEAD; a parent that cannot be read ends history.
        let commit = match repo.find_commit(oid) {
            Ok(c) => c,
            Err(_) if !walked.is_empty() => break,
            Err(e) => return Err(e.into()),
        };
        let time = commit.time().seconds();
        walked.push((oid.into(), time));
        if time < before {
            return Ok((Some((oid.into(), time)), walked));
        }
        next = commit.parent_id(0).ok();
    }
    Ok((None, walked))
}

/// Where history is cut for a day that ends at `end` (seconds since the
/// epoch): the newest first-parent commit dated before it, when HEAD is dated
/// later; `None` when HEAD is not (the working tree is that day's state).
/// `known` is as for [`first_parent_before`].
fn cut_at(repo: &Repository, end: i64, known: &[Dated]) -> Result<Option<ObjectId>> {
    let (found, walked) = first_parent_before(repo, end, known)?;
    Ok(match (found, walked.first()) {
        (Some(at), Some(head)) if at.0 != head.0 => Some(at.0),
        _ => None,
    })
}

/// The text of the file at `path` (relative to the working tree) in `commit`;
/// `None` when it is absent or not UTF-8.
fn text_at(repo: &Repository, commit: Oid, path: &str) -> Result<Option<String>> {
    let tree = repo.find_commit(commit)?.tree()?;
    let entry = match tree.get_path(Path::new(path)) {
        Ok(entry) => entry,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(repo
        .find_blob(entry.id())
        .ok()
        .and_then(|b| std::str::from_utf8(b.content()).ok().map(str::to_owned)))
}
