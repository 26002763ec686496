//! The OKR files at the start of a window of time against the working tree,
//! for `stale`: one commit's files are read, not the history in between.

use std::collections::HashMap;

use anyhow::Result;
use rayon::prelude::*;

use super::values_cache::{Listing, ValuesCache};
use crate::git::Repo;
use crate::model::{FileStamp, ObjectId};

/// The OKR files as they were at the start of a window of time, for `stale`.
#[derive(Debug, Default)]
pub struct Window {
    /// The newest first-parent commit before the window; `None` when all of
    /// history lies inside it (or there is none).
    pub start: Option<(ObjectId, i64)>,
    /// The blob id of each file of the working tree (relative to the working tree).
    pub now: HashMap<String, ObjectId>,
    /// Files whose content at the window's start differs from the working
    /// tree's, with the blob they had then (`None`: absent then).
    pub changed: HashMap<String, Option<ObjectId>>,
    /// OKR files at the window's start that the working tree no longer has
    /// (renamed, moved, deleted).
    pub gone: Vec<ObjectId>,
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
    repo: &Repo,
    paths: &[String],
    before: i64,
    files: &[WorkingFile<'_>],
    cache: &mut ValuesCache,
) -> Result<Window> {
    let hashes: Vec<Result<ObjectId>> = files
        .par_iter()
        .map(
            |f| match f.stamp.and_then(|stamp| cache.stamped(&f.path, stamp)) {
                Some(oid) => Ok(oid),
                None => crate::git::blob_id(f.text.as_bytes()),
            },
        )
        .collect();
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
    let (start, walked) = repo.first_parent_before(before, cache.first_parents())?;
    cache.set_first_parents(walked);
    let Some(start) = start else {
        return Ok(out); // history starts inside the window
    };
    out.start = Some(start);
    let key = paths.join("\n");
    if cache.listing(start.0, &key).is_none() {
        let files = repo.okr_files_at(start.0, paths)?;
        cache.set_listing(Listing {
            commit: start.0,
            paths: key.clone(),
            files,
        });
    }
    let then = cache.listing(start.0, &key).unwrap_or_default();
    let by_path: HashMap<&str, ObjectId> = then.iter().map(|(p, oid)| (p.as_str(), *oid)).collect();
    // Files not among the YAML files of the OKR folders then: looked up.
    let unlisted: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| !by_path.contains_key(p))
        .collect();
    let mut looked_up = unlisted
        .iter()
        .copied()
        .zip(repo.blobs_at(start.0, &unlisted)?)
        .collect::<HashMap<&str, Option<ObjectId>>>();
    for WorkingFile { path, .. } in files {
        let was = match by_path.get(path.as_str()) {
            Some(oid) => Some(*oid),
            None => looked_up.remove(path.as_str()).flatten(),
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
