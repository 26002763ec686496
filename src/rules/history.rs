//! The rules that need git history: `stale` and `target-moved`. Still opens the
//! repository and its caches itself; the walk moves to a history layer that
//! hands `stale` its facts.

use std::collections::HashMap;

use anyhow::Result;

use crate::finding::{Finding, Location, Route};
use crate::git::Repo;
use crate::git::history::{self, FileValues, WorkingFile};
use crate::git::values_cache::{self, ValuesCache};
use crate::model::{Context, KeyResult, Level, ObjectiveAt, Pos, Status, Val};
use git2::Oid;

/// Runs `stale` (unless off) and, with a base revision, `target-moved`.
/// Returns the findings and a note for stderr when they could not run.
pub fn check(cx: &Context<'_>, base: Option<&str>) -> Result<(Vec<Finding>, Option<String>)> {
    let levels = &cx.org.config.rules.levels;
    let on = |rule: &str| levels.get(rule) != Some(&Level::Off);
    let want_stale = on("stale");
    let want_moved = on("target-moved") && base.is_some();
    let watched = if on("source-stale") {
        super::sources::watched(cx)
    } else {
        Vec::new()
    };
    if !want_stale && !want_moved && watched.is_empty() {
        return Ok((Vec::new(), None));
    }
    let Some(repo) = Repo::discover(&cx.org.root)? else {
        return Ok((
            Vec::new(),
            Some("`stale` and `target-moved` read git history, and this is not a git repository; they were skipped".into()),
        ));
    };
    let mut findings = Vec::new();
    if want_stale {
        stale(cx, &repo, &mut findings)?;
    }
    if let (true, Some(base)) = (want_moved, base) {
        super::moved::target_moved(cx, &repo, base, &mut findings)?;
    }
    if !watched.is_empty() {
        // Syncs before the earliest cycle start cannot count.
        let stop = watched
            .iter()
            .filter_map(|(_, start)| start.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp())
            .min()
            .unwrap_or(0);
        let wanted: Vec<String> = watched.into_iter().map(|(r, _)| r).collect();
        let marks = crate::git::trailers::last_synced(repo.git(), &wanted, stop)?;
        let last = marks.into_iter().map(|(r, m)| (r, m.time)).collect();
        findings.extend(super::sources::source_stale(cx, &last));
    }
    Ok((findings, None))
}

/// The value a check-in sets, from the model.
fn model_value(kr: &KeyResult) -> Option<Val> {
    kr.current.map(Val::Num).or(kr.done.map(Val::Bool))
}

/// `stale`: in a running cycle, a key result whose value is the same as
/// `stale-after-days` ago (a key result added since, or a cycle started since,
/// counts as a change). Only the window is read: the files as they were at its
/// start are compared with the working tree.
fn stale(cx: &Context<'_>, repo: &Repo, findings: &mut Vec<Finding>) -> Result<()> {
    let days = cx.org.config.rules.stale_after_days;
    let stale = stale_key_results(cx, repo)?;
    // There can be thousands: their messages are written on all cores.
    let chunks: Vec<&[Stale<'_>]> = stale.chunks(1024).collect();
    let made = crate::load::parallel_map(&chunks, |chunk| {
        chunk
            .iter()
            .map(|s| stale_finding(s, days))
            .collect::<Vec<_>>()
    });
    findings.extend(made.into_iter().flatten());
    Ok(())
}

fn stale_finding(s: &Stale<'_>, days: u32) -> Finding {
    let key = if s.key_result.done.is_some() {
        "done"
    } else {
        "current"
    };
    let value = s.value.map_or_else(String::new, |v| v.to_string());
    let location = match s.pos {
        Some(pos) => Location::Pos(pos),
        None => Location::Route(Route::key_result(s.at.index, s.index).key(key)),
    };
    Finding::new(
        "stale",
        s.at.path,
        location,
        format!(
            "key result `{}` has no check-in in the last {days} days (it was {value} on {} too); check in its value with `okr checkin {} VALUE`, or if it still holds, say so with `okr checkin {} --same`",
            s.reference, s.since, s.reference, s.reference
        ),
    )
}

/// A key result whose value has not changed for `stale-after-days`.
pub struct Stale<'a> {
    pub at: ObjectiveAt<'a>,
    pub index: usize,
    pub key_result: &'a KeyResult,
    pub reference: String,
    pub value: Option<Val>,
    /// It had the same value on this day.
    pub since: crate::model::Date,
    /// Where its value stands in the file.
    pub pos: Option<Pos>,
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
        .unwrap_or(crate::model::Date::MIN);
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
    let mut cache = ValuesCache::open(repo.git().path());
    // With commits dated after today, the files as they were at its end.
    let cut = history::cut_at(repo.git(), end_of(cx.today), cache.first_parents())?;
    let cut_texts = match cut {
        Some(commit) => files
            .iter()
            .map(|(p, _)| history::text_at(repo.git(), commit, &full(p)))
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
    let window = history::window(repo.git(), &paths, before, &texts, &mut cache)?;
    if window.start.is_none() {
        cache.save();
        return Ok(out); // all of history lies inside the window: everything is new
    }
    read_missing(repo, &window, &texts, &mut cache)?;
    let confirmed = confirmed_in_window(repo, (&window, cut), (before, cx.today), &mut cache)?;
    let old: Vec<Oid> = texts
        .iter()
        .filter_map(|f| window.changed.get(&f.path).copied().flatten())
        .chain(window.gone.iter().copied())
        .collect();
    for oid in window.now.values().chain(&old) {
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
    let stale = crate::load::parallel_map(&jobs, |&(candidates, full_path)| {
        let changed = window.changed.contains_key(full_path);
        // The values now and where they stand (the last, should a key result repeat).
        let values: Vec<(&str, Option<Val>, Option<Pos>)> = window
            .now
            .get(full_path)
            .and_then(|oid| cache.get(*oid))
            .into_iter()
            .flat_map(|e| e.key_results())
            .map(|(r, v, p)| (r, v, p.map(|(line, column)| Pos { line, column })))
            .collect();
        let mut out = Vec::new();
        let mut reference = String::new();
        for &(at, j, kr) in candidates {
            reference.clear();
            reference.push_str(&at.objective.id);
            reference.push('/');
            reference.push_str(&kr.id);
            let at_now = values.iter().rev().find(|(r, ..)| *r == reference);
            let (now, pos) = match (cut, at_now) {
                (None, _) => (model_value(kr), at_now.and_then(|v| v.2)),
                // As it was on today: where it stands now is in the working tree.
                (Some(_), Some(&(_, value, _))) => (value, None),
                (Some(_), None) => continue, // added after today
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
                pos,
            });
        }
        out
    });
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
    (window, cut): (&history::Window, Option<Oid>),
    (from, today): (i64, crate::model::Date),
    cache: &mut ValuesCache,
) -> Result<std::collections::HashSet<String>> {
    let head = match cut {
        Some(commit) => commit,
        None => match repo.git().head().and_then(|h| h.peel_to_commit()) {
            Ok(head) => head.id(),
            Err(_) => return Ok(Default::default()),
        },
    };
    let until = end_of(today) - 1;
    crate::git::confirm::confirmed_between(
        repo.git(),
        (head, window.start.map(|s| s.0)),
        (from, until),
        cache,
    )
}

/// The end of `day` in the local time zone (where `--today` is meant), in
/// seconds since the epoch: what was committed later is not known that day.
fn end_of(day: crate::model::Date) -> i64 {
    use chrono::TimeZone as _;
    let Some(next) = day.succ_opt() else {
        return i64::MAX;
    };
    next.and_hms_opt(0, 0, 0)
        .and_then(|t| chrono::Local.from_local_datetime(&t).earliest())
        .map_or(i64::MAX, |t| t.timestamp())
}

/// Midnight at the start of `day`, in UTC, in seconds since the epoch.
fn day_start(day: crate::model::Date) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
}

/// Reads into the cache what it lacks: each file now (values and where they
/// stand) and, where it changed, its values at the window's start (from the
/// differing value lines when only values changed, else parsed), on all cores.
fn read_missing(
    repo: &Repo,
    window: &history::Window,
    texts: &[WorkingFile<'_>],
    cache: &mut ValuesCache,
) -> Result<()> {
    struct Job<'t> {
        text: &'t str,
        /// The blob now, when it is to be read.
        now: Option<Oid>,
        /// The blob at the window's start, when it is to be read.
        old: Option<Oid>,
        /// Only the values (a file gone since).
        gone: bool,
    }
    let mut jobs = Vec::new();
    for WorkingFile { path, text, .. } in texts {
        let now = window.now.get(path).copied().filter(|oid| !cache.has(*oid));
        let old = match window.changed.get(path) {
            Some(Some(oid)) if !cache.has(*oid) => Some(*oid),
            _ => None,
        };
        if now.is_some() || old.is_some() {
            jobs.push(Job {
                text,
                now,
                old,
                gone: false,
            });
        }
    }
    for oid in &window.gone {
        if !cache.has(*oid) {
            jobs.push(Job {
                text: "",
                now: None,
                old: Some(*oid),
                gone: true,
            });
        }
    }
    if jobs.is_empty() {
        return Ok(());
    }
    let read = history::parallel_with_repo(repo.git(), &jobs, |git, job| {
        let now = job.now.and_then(|_| FileValues::read(job.text));
        let old = match job.old {
            Some(oid) => {
                let values = history::blob_text(git, oid)?.and_then(|old| match &now {
                    Some(now) if !job.gone => now.values_before(job.text, &old),
                    _ => FileValues::read_values(&old),
                });
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
