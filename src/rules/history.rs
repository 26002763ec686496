//! The rules that need git history: `stale` and `target-moved`.

use std::collections::HashMap;

use anyhow::Result;

use super::context::{Context, ObjectiveAt};
use crate::finding::{Finding, Location, Route};
use crate::git::Repo;
use crate::git::history::{self, Cached, FileValues, Val, ValuesCache, Walk};
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
    if !want_stale && !want_moved {
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
    for s in stale_key_results(cx, repo)? {
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
        findings.push(Finding::new(
            "stale",
            s.at.path,
            location,
            format!(
                "key result `{}` has not changed in {days} days (it was {value} on {} too); check in its value with `okr checkin {} VALUE`",
                s.reference, s.since, s.reference
            ),
        ));
    }
    Ok(())
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

/// The stale key results of running cycles, in file order.
pub fn stale_key_results<'a>(cx: &Context<'a>, repo: &Repo) -> Result<Vec<Stale<'a>>> {
    let mut out = Vec::new();
    let days = i64::from(cx.org.config.rules.stale_after_days);
    let window_start = cx.today - chrono::Duration::days(days);
    let mut files: Vec<(String, &str)> = Vec::new();
    let mut candidates = Vec::new();
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
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            if crate::score::key_result(kr).is_some_and(|s| s >= 1.0) || model_value(kr).is_none() {
                continue; // reached: nothing left to check in
            }
            candidates.push((at, j, kr));
        }
        if !files.iter().any(|(p, _)| p == at.path) {
            files.push((at.path.to_owned(), ""));
        }
    }
    if candidates.is_empty() {
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
    let texts: Vec<(String, &str)> = files
        .iter()
        .map(|(p, _)| (full(p), cx.org.text_of(p).unwrap_or("")))
        .collect();
    // Midnight at the start of the window's first day, in UTC: a commit on that day counts.
    let before = window_start
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    let paths = repo.okr_paths(&cx.org.root, &cx.org.config.paths)?;
    let window = history::window(repo.git(), &paths, before, &texts)?;
    if window.start.is_none() {
        return Ok(out); // all of history lies inside the window: everything is new
    }
    let mut cache = ValuesCache::open(repo.git().path());

    // Each file now (values and where they stand) and, where it changed, its
    // values at the window's start: from the cache by blob id, else read (from
    // the differing value lines when only values changed, else parsed).
    struct Job<'t> {
        text: &'t str,
        now: Option<Oid>,
        parse_now: bool,
        old: Option<(Oid, String)>,
    }
    let mut jobs = Vec::new();
    for (path, text) in &texts {
        let now = window.now.get(path).copied();
        let parse_now = now.is_none_or(|oid| !cache.has(oid));
        let old = match window.changed.get(path) {
            Some(Some(oid)) if !cache.has(*oid) => {
                history::blob_text(repo.git(), *oid)?.map(|t| (*oid, t))
            }
            _ => None,
        };
        jobs.push(Job {
            text,
            now,
            parse_now,
            old,
        });
    }
    let gone: Vec<(Oid, String)> = window
        .gone
        .iter()
        .filter(|oid| !cache.has(**oid))
        .map(|oid| Ok(history::blob_text(repo.git(), *oid)?.map(|t| (*oid, t))))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let read = crate::load::parallel_map(&jobs, |job| {
        let now = job.parse_now.then(|| FileValues::read(job.text)).flatten();
        let old = job.old.as_ref().map(|(oid, old)| {
            let values = match &now {
                Some(now) => now.values_before(job.text, old),
                None => FileValues::read_values(old),
            };
            (*oid, values)
        });
        (
            now.map(|v| Cached::of(&v)),
            old.map(|(oid, v)| (oid, v.map(|v| Cached::of(&v)))),
        )
    });
    let gone_read = crate::load::parallel_map(&gone, |(oid, text)| {
        (*oid, FileValues::read_values(text).map(|v| Cached::of(&v)))
    });
    for (job, (now, old)) in jobs.iter().zip(read) {
        if let (Some(oid), Some(now)) = (job.now, now) {
            cache.put(oid, now);
        }
        if let Some((oid, Some(old))) = old {
            cache.put(oid, old);
        }
    }
    for (oid, values) in gone_read {
        if let Some(values) = values {
            cache.put(oid, values);
        }
    }

    let mut then: HashMap<String, Option<Val>> = HashMap::new();
    for oid in window.changed.values().flatten().chain(&window.gone) {
        for (r, v) in cache.get(*oid).iter().flat_map(|c| &c.krs) {
            then.entry(r.clone()).or_insert(*v);
        }
    }
    let mut positions: HashMap<&str, HashMap<String, Pos>> = HashMap::new();
    for ((path, _), (full_path, _)) in files.iter().zip(&texts) {
        let Some(cached) = window.now.get(full_path).and_then(|oid| cache.get(*oid)) else {
            continue;
        };
        let map = cached
            .krs
            .iter()
            .zip(&cached.pos)
            .filter_map(|((r, _), p)| {
                Some((r.clone(), p.map(|(line, column)| Pos { line, column })?))
            })
            .collect();
        positions.insert(path.as_str(), map);
    }
    cache.save();
    for (at, j, kr) in candidates {
        let reference = format!("{}/{}", at.objective.id, kr.id);
        let now = model_value(kr);
        let unchanged = if window.changed.contains_key(&full(at.path)) {
            then.get(&reference).is_some_and(|v| *v == now)
        } else {
            true
        };
        if !unchanged {
            continue;
        }
        let pos = positions
            .get(at.path)
            .and_then(|m| m.get(&reference))
            .copied();
        out.push(Stale {
            at: *at,
            index: j,
            key_result: kr,
            reference,
            value: now,
            since: window_start,
            pos,
        });
    }
    Ok(out)
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
    let texts: Vec<(String, &str)> = cx
        .org
        .files
        .iter()
        .map(|f| {
            let full = if prefix.is_empty() {
                f.path.clone()
            } else {
                format!("{prefix}/{}", f.path)
            };
            (full, f.text.as_str())
        })
        .collect();
    let at_head = history::window(repo.git(), &[], i64::MAX, &texts)?;
    let mut then: HashMap<String, (Option<f64>, Option<f64>)> = HashMap::new();
    for oid in at_head.changed.values().flatten() {
        let old = history::blob_text(repo.git(), *oid)?;
        for (r, v) in old
            .as_deref()
            .and_then(FileValues::read_values)
            .iter()
            .flat_map(|f| &f.krs)
        {
            then.insert(r.clone(), (v.start, v.target));
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
