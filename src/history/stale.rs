//! Which key results of running cycles kept the same value for
//! `stale-after-days`: the files at the window's start are compared with the
//! working tree (the loaded model gives the values now), and the
//! `OKR-Key-Result:` trailers of the window's commits count as check-ins.
//! What `stale` reports, and `nudge` and `report` show.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;

use super::values::FileValues;
use super::values_cache::{self, ValuesCache};
use super::window::{self, Window, WorkingFile};
use crate::git::Repo;
use crate::model::{Context, Date, KeyResult, ObjectId, ObjectiveAt, Stale, Status, Val};

/// The value a check-in sets, from the model.
fn model_value(kr: &KeyResult) -> Option<Val> {
    kr.current.map(Val::Num).or(kr.done.map(Val::Bool))
}

/// A key result that may be stale: its objective, its index and itself.
type Candidate<'a> = (ObjectiveAt<'a>, usize, &'a KeyResult);

/// The stale key results of running cycles, in file order.
pub fn stale_key_results<'a>(cx: &Context<'a>, repo: &Repo) -> Result<Vec<Stale<'a>>> {
    let mut out = Vec::new();
    let days = u64::from(cx.org.config.rules.stale_after_days);
    // okr.yaml's days and `--today` are range-checked when read; a window that
    // would still leave the calendar starts at its first day.
    let window_start = cx
        .today
        .checked_sub_days(chrono::Days::new(days))
        .unwrap_or(Date::MIN);
    // The files with objectives of running cycles, each with its candidates.
    let mut files: Vec<(&'a str, Vec<Candidate<'a>>)> = Vec::new();
    let mut file_of: HashMap<&'a str, usize> = HashMap::new();
    let mut any = false;
    for at in &cx.objectives {
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if !cycle.period.contains(cx.today)
            || cycle.period.start > window_start
            || at.objective.status == Status::Dropped
        {
            continue;
        }
        let i = *file_of.entry(at.path).or_insert_with(|| {
            files.push((at.path, Vec::new()));
            files.len() - 1
        });
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            if crate::score::key_result(kr).is_some_and(|s| s >= 1.0) || model_value(kr).is_none() {
                continue; // reached: nothing left to check in
            }
            files[i].1.push((*at, j, kr));
            any = true;
        }
    }
    if !any {
        return Ok(out);
    }
    let prefix = repo.relative(&cx.org.root)?;
    let full = |p: &str| {
        if prefix.is_empty() {
            p.to_owned()
        } else {
            format!("{prefix}/{p}")
        }
    };
    let mut cache = ValuesCache::open(repo.git_dir());
    // With commits dated after today, the files as they were at its end.
    let cut = repo.cut_at(end_of(cx.today), cache.first_parents())?;
    let cut_texts = match cut {
        Some(commit) => files
            .iter()
            .map(|(p, _)| repo.text_at(commit, &full(p)))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    let texts: Vec<WorkingFile<'_>> = files
        .iter()
        .enumerate()
        .map(|(i, (p, _))| {
            let file = cx.org.file(p);
            match cut {
                Some(_) => WorkingFile {
                    path: full(p),
                    text: cut_texts[i].as_deref().unwrap_or(""),
                    stamp: None,
                },
                None => WorkingFile {
                    path: full(p),
                    text: file.map_or("", |f| f.text.as_str()),
                    stamp: file.and_then(|f| f.stamp),
                },
            }
        })
        .collect();
    // Midnight at the start of the window's first day, in UTC: a commit on that day counts.
    let before = day_start(window_start);
    let paths = repo.okr_paths(&cx.org.root, &cx.org.config.paths)?;
    let window = window::window(repo, &paths, before, &texts, &mut cache)?;
    if window.start.is_none() {
        cache.save();
        return Ok(out); // all of history lies inside the window: everything is new
    }
    read_missing(repo, &window, &texts, cut.is_some(), &mut cache)?;
    let confirmed = confirmed_in_window(repo, (&window, cut), (before, cx.today), &mut cache)?;
    let old: Vec<ObjectId> = texts
        .iter()
        .filter_map(|f| window.changed.get(&f.path).copied().flatten())
        .chain(window.gone.iter().copied())
        .collect();
    let now_read = cut.is_some().then_some(&window.now);
    for oid in now_read.into_iter().flat_map(|n| n.values()).chain(&old) {
        cache.keep(*oid);
    }

    // The values at the window's start of key results whose file changed since
    // (they may have moved between files, or come from a file gone since).
    let entries: Vec<_> = old.iter().filter_map(|oid| cache.get(*oid)).collect();
    let mut then: HashMap<&str, Option<Val>> =
        HashMap::with_capacity(entries.iter().map(|e| e.count()).sum());
    for (reference, value, _) in entries.iter().flat_map(|e| e.key_results()) {
        then.entry(reference).or_insert(value);
    }
    let jobs: Vec<(&[Candidate<'a>], &str)> = files
        .iter()
        .zip(&texts)
        .filter(|((_, candidates), _)| !candidates.is_empty())
        .map(|((_, candidates), f)| (candidates.as_slice(), f.path.as_str()))
        .collect();
    let stale: Vec<Vec<Stale<'a>>> = jobs
        .par_iter()
        .map(|&(candidates, full_path)| {
            let changed = window.changed.contains_key(full_path);
            // With a cut, the values on today (the last, should a key result repeat).
            let values: Vec<(&str, Option<Val>)> = match cut {
                None => Vec::new(),
                Some(_) => window
                    .now
                    .get(full_path)
                    .and_then(|oid| cache.get(*oid))
                    .into_iter()
                    .flat_map(|e| e.key_results())
                    .map(|(r, v, _)| (r, v))
                    .collect(),
            };
            let mut out = Vec::new();
            let mut reference = String::new();
            for &(at, j, kr) in candidates {
                reference.clear();
                reference.push_str(&at.objective.id);
                reference.push('/');
                reference.push_str(&kr.id);
                let now = match cut {
                    None => model_value(kr),
                    Some(_) => match values.iter().rev().find(|(r, _)| *r == reference) {
                        Some(&(_, value)) => value,
                        None => continue, // added after today
                    },
                };
                if changed && then.get(reference.as_str()) != Some(&now)
                    || confirmed.contains(reference.as_str())
                {
                    continue;
                }
                out.push(Stale {
                    at,
                    index: j,
                    key_result: kr,
                    reference: reference.clone(),
                    value: now,
                    since: window_start,
                });
            }
            out
        })
        .collect();
    out.reserve_exact(stale.iter().map(Vec::len).sum());
    out.extend(stale.into_iter().flatten());
    drop(then);
    cache.save();
    Ok(out)
}

/// The key results checked in by a commit of the window with an
/// `OKR-Key-Result:` trailer, their value changed or not.
fn confirmed_in_window(
    repo: &Repo,
    (window, cut): (&Window, Option<ObjectId>),
    (from, today): (i64, Date),
    cache: &mut ValuesCache,
) -> Result<HashSet<String>> {
    let head = match cut.or_else(|| repo.head_id()) {
        Some(commit) => commit,
        None => return Ok(Default::default()),
    };
    let until = end_of(today) - 1;
    super::confirm::confirmed_between(
        repo,
        (head, window.start.map(|s| s.0)),
        (from, until),
        cache,
    )
}

/// The end of `day` in the local time zone (where `--today` is meant), in
/// seconds since the epoch: what was committed later is not known that day.
fn end_of(day: Date) -> i64 {
    use chrono::TimeZone as _;
    let Some(next) = day.succ_opt() else {
        return i64::MAX;
    };
    next.and_hms_opt(0, 0, 0)
        .and_then(|t| chrono::Local.from_local_datetime(&t).earliest())
        .map_or(i64::MAX, |t| t.timestamp())
}

/// Midnight at the start of `day`, in UTC, in seconds since the epoch.
fn day_start(day: Date) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
}

/// Reads into the cache what it lacks: with a cut, each file on today; where
/// a file changed, its values at the window's start; on all cores.
fn read_missing(
    repo: &Repo,
    window: &Window,
    texts: &[WorkingFile<'_>],
    cut: bool,
    cache: &mut ValuesCache,
) -> Result<()> {
    struct Job<'t> {
        text: &'t str,
        /// The blob now, when it is to be read.
        now: Option<ObjectId>,
        /// The blob at the window's start, when it is to be read.
        old: Option<ObjectId>,
    }
    let mut jobs = Vec::new();
    for WorkingFile { path, text, .. } in texts {
        let now = window
            .now
            .get(path)
            .copied()
            .filter(|oid| cut && !cache.has(*oid));
        let old = match window.changed.get(path) {
            Some(Some(oid)) if !cache.has(*oid) => Some(*oid),
            _ => None,
        };
        if now.is_some() || old.is_some() {
            jobs.push(Job { text, now, old });
        }
    }
    for oid in &window.gone {
        if !cache.has(*oid) {
            jobs.push(Job {
                text: "",
                now: None,
                old: Some(*oid),
            });
        }
    }
    if jobs.is_empty() {
        return Ok(());
    }
    let read = repo
        .parallel(&jobs, |git, job| {
            let now = job.now.and_then(|_| FileValues::read_values(job.text));
            let old = match job.old {
                Some(oid) => {
                    let values = git
                        .blob_text(oid)?
                        .and_then(|old| FileValues::read_values(&old));
                    Some((oid, values.map(|v| values_cache::encode(&v))))
                }
                None => None,
            };
            Ok((now.map(|v| values_cache::encode(&v)), old))
        })
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    for (job, (now, old)) in jobs.iter().zip(read) {
        if let (Some(oid), Some(record)) = (job.now, now) {
            cache.put(oid, record);
        }
        if let Some((oid, Some(record))) = old {
            cache.put(oid, record);
        }
    }
    Ok(())
}
