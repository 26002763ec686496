//! The rules that need git history: `stale` and `target-moved`.

use std::collections::HashMap;

use anyhow::Result;

use super::context::{Context, ObjectiveAt};
use crate::finding::{Finding, Location, Route};
use crate::git::Repo;
use crate::git::history::{self, FileValues, Val, Walk, WorkingFile};
use crate::git::values_cache::{self, ValuesCache};
use crate::load::yaml::Pos;
use crate::model::{KeyResult, Level, Status};
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
        target_moved(cx, &repo, base, &mut findings)?;
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
            "key result `{}` has not changed in {days} days (it was {value} on {} too); check in its value with `okr checkin {} VALUE`",
            s.reference, s.since, s.reference
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
    pub pos: Option<crate::load::yaml::Pos>,
}

/// A key result that may be stale: its objective, its index and itself.
type Candidate<'a> = (ObjectiveAt<'a>, usize, &'a KeyResult);

/// The stale key results of running cycles, in file order.
pub fn stale_key_results<'a>(cx: &Context<'a>, repo: &Repo) -> Result<Vec<Stale<'a>>> {
    let mut out = Vec::new();
    let days = i64::from(cx.org.config.rules.stale_after_days);
    let window_start = cx.today - chrono::Duration::days(days);
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
    let texts: Vec<WorkingFile<'_>> = files
        .iter()
        .map(|(p, _)| {
            let file = cx.org.file(p);
            WorkingFile {
                path: if prefix.is_empty() {
                    (*p).to_owned()
                } else {
                    format!("{prefix}/{p}")
                },
                text: file.map_or("", |f| f.text.as_str()),
                stamp: file.and_then(|f| f.stamp),
            }
        })
        .collect();
    // Midnight at the start of the window's first day, in UTC: a commit on that day counts.
    let before = window_start
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    let paths = repo.okr_paths(&cx.org.root, &cx.org.config.paths)?;
    let mut cache = ValuesCache::open(repo.git().path());
    let window = history::window(repo.git(), &paths, before, &texts, &mut cache)?;
    if window.start.is_none() {
        cache.save();
        return Ok(out); // all of history lies inside the window: everything is new
    }
    read_missing(repo, &window, &texts, &mut cache)?;
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
        // Where the values stand now (the last one, should a key result repeat).
        let positions: Vec<(&str, Pos)> = window
            .now
            .get(full_path)
            .and_then(|oid| cache.get(*oid))
            .into_iter()
            .flat_map(|e| e.key_results())
            .filter_map(|(r, _, p)| p.map(|(line, column)| (r, Pos { line, column })))
            .collect();
        let mut out = Vec::new();
        let mut reference = String::new();
        for &(at, j, kr) in candidates {
            reference.clear();
            reference.push_str(&at.objective.id);
            reference.push('/');
            reference.push_str(&kr.id);
            let now = model_value(kr);
            if changed && then.get(reference.as_str()) != Some(&now) {
                continue;
            }
            let pos = positions
                .iter()
                .rev()
                .find(|(r, _)| *r == reference)
                .map(|(_, p)| *p);
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

/// `target-moved`: a target or start changed, after its cycle started, by a
/// commit in `BASE..HEAD` without an `OKR-Reason:` trailer (or in the working tree).
fn target_moved(
    cx: &Context<'_>,
    repo: &Repo,
    base: &str,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let base_oid = repo.resolve(base)?;
    let paths = repo.okr_paths(&cx.org.root, &cx.org.config.paths)?;
    let walked = repo.history(&Walk {
        paths,
        hide: Some(base_oid),
        ..Walk::default()
    })?;
    // Where each key result stands now.
    let mut at_ref = HashMap::new();
    for at in &cx.objectives {
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            at_ref.insert(format!("{}/{}", at.objective.id, kr.id), (at, j));
        }
    }
    // The last move of each target or start after its cycle started decides:
    // with an `OKR-Reason:` trailer it explains where the value stands now.
    let mut last: Vec<&history::Retarget> = Vec::new();
    for moved in &walked.retargets {
        let Some(&(at, _)) = at_ref.get(&moved.reference) else {
            continue;
        };
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if history::date_of(moved.time, moved.offset) < cycle.period.start {
            continue;
        }
        last.retain(|m| (m.reference.as_str(), m.field) != (moved.reference.as_str(), moved.field));
        last.push(moved);
    }
    let show = |v: Option<f64>| v.map_or_else(|| "nothing".to_owned(), crate::edit::format_number);
    let mut reported: std::collections::HashSet<(String, history::Field)> = Default::default();
    for moved in last.into_iter().filter(|m| m.reason.is_none()) {
        reported.insert((moved.reference.clone(), moved.field));
        let (at, j) = at_ref[&moved.reference];
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        let key = moved.field.key();
        let day = history::date_of(moved.time, moved.offset);
        findings.push(Finding::at(
            "target-moved",
            at.path,
            Route::key_result(at.index, j).key(key),
            format!(
                "the {key} of `{}` moved from {} to {} on {day}, after cycle {} started, in commit {} without an `OKR-Reason:` trailer; if the change is agreed, say why in the commit message (`OKR-Reason: ...`), else restore the {key}",
                moved.reference,
                show(moved.old),
                show(moved.new),
                cycle.id,
                repo.short_id(moved.commit),
            ),
        ));
    }

    // Moves not committed yet: the working tree against HEAD.
    let prefix = repo.relative(&cx.org.root)?;
    let texts: Vec<WorkingFile<'_>> = cx
        .org
        .files
        .iter()
        .map(|f| WorkingFile {
            path: if prefix.is_empty() {
                f.path.clone()
            } else {
                format!("{prefix}/{}", f.path)
            },
            text: f.text.as_str(),
            stamp: None,
        })
        .collect();
    let paths = repo.okr_paths(&cx.org.root, &cx.org.config.paths)?;
    let at_head = history::window(
        repo.git(),
        &paths,
        i64::MAX,
        &texts,
        &mut ValuesCache::default(),
    )?;
    let mut then: HashMap<String, (Option<f64>, Option<f64>)> = HashMap::new();
    for oid in at_head.changed.values().flatten() {
        let old = history::blob_text(repo.git(), *oid)?;
        for (r, v) in old
            .as_deref()
            .and_then(FileValues::read_values)
            .iter()
            .flat_map(|f| &f.krs)
        {
            then.insert(r.to_string(), (v.start, v.target));
        }
    }
    for (reference, (start, target)) in &then {
        let Some(&(at, j)) = at_ref.get(reference) else {
            continue;
        };
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if cx.today < cycle.period.start {
            continue;
        }
        let kr = &at.objective.key_results[j];
        for (field, was, now) in [
            (history::Field::Target, *target, kr.target),
            (history::Field::Start, *start, kr.start),
        ] {
            let key = field.key();
            if was == now || reported.contains(&(reference.clone(), field)) {
                continue;
            }
            findings.push(Finding::at(
                "target-moved",
                at.path,
                Route::key_result(at.index, j).key(key),
                format!(
                    "the {key} of `{reference}` moves from {} to {} in the working tree, after cycle {} started; when you commit it, say why with an `OKR-Reason:` trailer in the message, or restore the {key}",
                    show(was),
                    show(now),
                    cycle.id,
                ),
            ));
        }
    }
    Ok(())
}
