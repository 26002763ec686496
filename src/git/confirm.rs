//! Check-ins that change no value: a commit whose message carries an
//! `OKR-Key-Result:` trailer (as `okr checkin REF --same` makes, or a change of
//! confidence alone) is a check-in of that key result even when its value
//! stays the same; history lists it with old = new.

use anyhow::Result;
use git2::Repository;

use super::history::{Cache, Checkin, Content, FileValues, History, KrValues, Touched};
use super::window::okr_files_at;

/// Adds the check-in of `reference` that `commit` records by its trailer,
/// unless the commit changed the key result's value (already a check-in).
pub(super) fn record(
    repo: &Repository,
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
    let found = match find(cache, reference) {
        Some(found) => Some(found),
        None => {
            read_all(repo, cache, paths, commit)?;
            find(cache, reference)
        }
    };
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
    });
    Ok(())
}

/// The values of a key result in the latest versions read, and its file's cycle.
fn find(cache: &Cache, reference: &str) -> Option<(KrValues, Option<String>)> {
    cache.files.values().find_map(|(_, file, _)| {
        let values: &FileValues = file;
        values
            .krs
            .iter()
            .find(|(r, _)| &**r == reference)
            .map(|(_, v)| (v.clone(), values.cycle.clone()))
    })
}

/// Reads the OKR files of the commit that the walk has not read in that
/// version (a walk that started after they last changed has not).
fn read_all(
    repo: &Repository,
    cache: &mut Cache,
    paths: &[String],
    commit: &Touched,
) -> Result<()> {
    for (path, blob) in okr_files_at(repo, commit.oid, paths)? {
        if cache.files.get(&path).is_none_or(|(oid, ..)| *oid != blob) {
            cache.values(repo, &path, blob, None, Content::None)?;
        }
    }
    Ok(())
}

/// The key results named by the `OKR-Key-Result:` trailers of the commits of
/// `head` that `hide` does not reach, authored from `from` to `until`
/// (seconds since the epoch): for `stale`, which reads no other history.
pub fn confirmed_between(
    repo: &Repository,
    head: git2::Oid,
    hide: Option<git2::Oid>,
    (from, until): (i64, i64),
) -> Result<std::collections::HashSet<String>> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    if let Some(hide) = hide {
        walk.hide(hide)?;
    }
    let mut out = std::collections::HashSet::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        let time = commit.author().when().seconds();
        if (from..=until).contains(&time)
            && let Some(reference) =
                super::history::trailer(commit.message().unwrap_or(""), "OKR-Key-Result")
        {
            out.insert(reference);
        }
    }
    Ok(out)
}
