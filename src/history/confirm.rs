//! Check-ins that change no value: a commit whose message carries an
//! `OKR-Key-Result:` trailer (as `okr checkin REF --same` makes, or a change of
//! confidence alone) is a check-in of that key result even when its value
//! stays the same; history lists it with old = new.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::events::Cache;
use super::values::{FileValues, KrValues};
use super::values_cache::{Trailers, ValuesCache};
use crate::git::{Content, Repo, Touched};
use crate::model::{Checkin, History, ObjectId};

/// Adds the check-in of `reference` that `commit` records by its trailer,
/// unless the commit changed the key result's value (already a check-in).
pub(super) fn record(
    repo: &Repo,
    cache: &mut Cache,
    paths: &[String],
    commit: &Touched,
    reference: &str,
    history: &mut History,
) -> Result<()> {
    let listed = history
        .checkins
        .iter()
        .rev()
        .take_while(|c| c.commit == commit.oid)
        .any(|c| c.reference == reference);
    if listed {
        return Ok(());
    }
    // The key result as the files of this commit hold it (the first file by
    // path when several do): what the commit says, whatever was walked before.
    let files = read_all(repo, cache, paths, commit)?;
    let mut found = find(cache, reference, &files);
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let found = found
        .into_iter()
        .next()
        .map(|(_, values, cycle)| (values, cycle));
    let Some((values, cycle)) = found else {
        return Ok(()); // no such key result here: the trailer names another
    };
    let Some(value) = values.value() else {
        return Ok(());
    };
    history.checkins.push(Checkin {
        commit: commit.oid,
        time: commit.time,
        offset: commit.offset,
        author: commit.author.clone(),
        reference: reference.to_owned(),
        cycle,
        old: Some(value),
        new: value,
        score: values.score(),
        score_before: values.score(),
        source: commit
            .synced
            .iter()
            .find(|(r, _)| r == reference)
            .map(|(_, s)| s.clone()),
    });
    Ok(())
}

/// The values of a key result in each file of `files` (path and blob of the
/// commit's OKR files) that the cache holds in that version: the file, the
/// values and the file's cycle.
fn find(
    cache: &Cache,
    reference: &str,
    files: &HashMap<String, ObjectId>,
) -> Vec<(String, KrValues, Option<String>)> {
    let mut out = Vec::new();
    for (path, blob) in files {
        let Some((read, file, _)) = cache.files.get(path) else {
            continue;
        };
        if read != blob {
            continue; // this version did not parse
        }
        let values: &FileValues = file;
        if let Some((_, v)) = values.krs.iter().find(|(r, _)| &**r == reference) {
            out.push((path.clone(), v.clone(), values.cycle.clone()));
        }
    }
    out
}

/// Reads the OKR files of the commit that the walk has not read in that
/// version; returns their paths and blobs.
fn read_all(
    repo: &Repo,
    cache: &mut Cache,
    paths: &[String],
    commit: &Touched,
) -> Result<HashMap<String, ObjectId>> {
    let mut files = HashMap::new();
    for (path, blob) in repo.okr_files_at(commit.oid, paths)? {
        if cache.files.get(&path).is_none_or(|(oid, ..)| *oid != blob) {
            cache.values(repo, &path, blob, None, Content::None)?;
        }
        files.insert(path, blob);
    }
    Ok(files)
}

/// The key results named by the `OKR-Key-Result:` trailers of the commits of
/// `head` that `hide` does not reach, authored from `from` to `until`
/// (seconds since the epoch): for `stale`, which reads no other history.
/// What `cache` holds of an earlier run with the same `hide` is used: only
/// the commits since its `head` are read.
pub fn confirmed_between(
    repo: &Repo,
    (head, hide): (ObjectId, Option<ObjectId>),
    (from, until): (i64, i64),
    cache: &mut ValuesCache,
) -> Result<HashSet<String>> {
    let known = cache.trailers().filter(|t| t.hide == hide);
    let (mut found, since) = match known {
        Some(t) if t.head == head => (t.found.clone(), None),
        Some(t) if repo.descends_from(head, t.head) => (t.found.clone(), Some(t.head)),
        _ => (Vec::new(), None),
    };
    if known.is_none_or(|t| t.head != head) {
        found.extend(repo.key_result_trailers(head, [hide, since])?);
        cache.set_trailers(Trailers {
            head,
            hide,
            found: found.clone(),
        });
    }
    Ok(found
        .into_iter()
        .filter(|(_, time)| (from..=until).contains(time))
        .map(|(reference, _)| reference)
        .collect())
}
