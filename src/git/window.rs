//! The OKR files at the start of a window of time against the working tree,
//! for `stale`: one commit's files are read, not the history in between. Uses
//! load's parallel map for now; moves with the history walk to a history layer
//! of its own.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use git2::{Oid, Repository};

use super::values_cache::{Dated, Listing, ValuesCache};
use crate::model::FileStamp;

/// The OKR files as they were at the start of a window of time, for `stale`.
#[derive(Debug, Default)]
pub struct Window {
    /// The newest first-parent commit before the window; `None` when all of
    /// history lies inside it (or there is none).
    pub start: Option<(Oid, i64)>,
    /// The blob id of each file of the working tree (relative to the working tree).
    pub now: HashMap<String, Oid>,
    /// Files whose content at the window's start differs from the working
    /// tree's, with the blob they had then (`None`: absent then).
    pub changed: HashMap<String, Option<Oid>>,
    /// OKR files at the window's start that the working tree no longer has
    /// (renamed, moved, deleted).
    pub gone: Vec<Oid>,
}

/// A file of the working tree as okr read it.
pub struct WorkingFile<'a> {
    /// Relative to the working tree, `/` separators.
    pub path: String,
    pub text: &'a str,
    pub stamp: Option<FileStamp>,
}

/// Compares the working tree's OKR files with their versions at the newest
/// first-parent commit before `before`; `paths` are the OKR folders. What
/// `cache` knows of the commits and files is used instead of reading them
/// again (a file's blob id too, while its stamp stays the same), and what was
/// read is added.
pub fn window(
    repo: &Repository,
    paths: &[String],
    before: i64,
    files: &[WorkingFile<'_>],
    cache: &mut ValuesCache,
) -> Result<Window> {
    git2::opts::strict_hash_verification(false);
    let hashes = crate::load::parallel_map(files, |f| {
        match f.stamp.and_then(|stamp| cache.stamped(&f.path, stamp)) {
            Some(oid) => Ok(oid),
            None => Oid::hash_object(git2::ObjectType::Blob, f.text.as_bytes()),
        }
    });
    let mut out = Window::default();
    let mut stamps = HashMap::new();
    for (f, oid) in files.iter().zip(hashes) {
        let oid = oid?;
        if let Some(stamp) = f.stamp {
            stamps.insert(f.path.clone(), (stamp, oid));
        }
        out.now.insert(f.path.clone(), oid);
    }
    cache.set_stamps(stamps);
    let (start, walked) = first_parent_before(repo, before, cache.first_parents())?;
    cache.set_first_parents(walked);
    let Some(start) = start else {
        return Ok(out); // history starts inside the window
    };
    out.start = Some(start);
    let key = paths.join("\n");
    if cache.listing(start.0, &key).is_none() {
        let files = okr_files_at(repo, start.0, paths)?;
        cache.set_listing(Listing {
            commit: start.0,
            paths: key.clone(),
            files,
        });
    }
    let then = cache.listing(start.0, &key).unwrap_or_default();
    let by_path: HashMap<&str, Oid> = then.iter().map(|(p, oid)| (p.as_str(), *oid)).collect();
    let mut tree = None;
    for WorkingFile { path, .. } in files {
        let was = match by_path.get(path.as_str()) {
            Some(oid) => Some(*oid),
            // Not a YAML file in the OKR folders then: look it up.
            None => {
                if tree.is_none() {
                    tree = Some(repo.find_commit(start.0)?.tree()?);
                }
                match tree.as_ref().map(|t| t.get_path(Path::new(path))) {
                    Some(Ok(entry)) => Some(entry.id()),
                    Some(Err(e)) if e.code() != git2::ErrorCode::NotFound => {
                        return Err(e.into());
                    }
                    _ => None,
                }
            }
        };
        if was != out.now.get(path).copied() {
            out.changed.insert(path.clone(), was);
        }
    }
    out.gone = then
        .iter()
        .filter(|(path, _)| !out.now.contains_key(path))
        .map(|(_, oid)| *oid)
        .collect();
    Ok(out)
}

/// The YAML files (path, blob) under the folders `paths` of a commit, in the
/// order of a walk of each folder.
pub(super) fn okr_files_at(
    repo: &Repository,
    commit: Oid,
    paths: &[String],
) -> Result<Vec<(String, Oid)>> {
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
                files.push((format!("{path}/{dir}{name}"), e.id()));
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
pub fn first_parent_before(
    repo: &Repository,
    before: i64,
    known: &[Dated],
) -> Result<(Option<Dated>, Vec<Dated>)> {
    let mut walked: Vec<Dated> = Vec::new();
    let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) else {
        return Ok((None, walked));
    };
    let mut next = Some(head.id());
    let mut known_at: Option<HashMap<Oid, usize>> = None;
    let mut followed = false;
    while let Some(oid) = next {
        if !followed && !known.is_empty() {
            let at = if known[0].0 == oid {
                Some(0)
            } else {
                known_at
                    .get_or_insert_with(|| {
                        known.iter().enumerate().map(|(i, c)| (c.0, i)).collect()
                    })
                    .get(&oid)
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
                let last = walked.last().map(|c| c.0).unwrap_or(oid);
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
        walked.push((oid, time));
        if time < before {
            return Ok((Some((oid, time)), walked));
        }
        next = commit.parent_id(0).ok();
    }
    Ok((None, walked))
}

/// Where history is cut for a day that ends at `end` (seconds since the
/// epoch): the newest first-parent commit dated before it, when HEAD is dated
/// later; `None` when HEAD is not (the working tree is that day's state).
/// `known` is as for [`first_parent_before`].
pub fn cut_at(repo: &Repository, end: i64, known: &[Dated]) -> Result<Option<Oid>> {
    let (found, walked) = first_parent_before(repo, end, known)?;
    Ok(match (found, walked.first()) {
        (Some(at), Some(head)) if at.0 != head.0 => Some(at.0),
        _ => None,
    })
}

/// The text of the file at `path` (relative to the working tree) in `commit`;
/// `None` when it is absent or not UTF-8.
pub fn text_at(repo: &Repository, commit: Oid, path: &str) -> Result<Option<String>> {
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
