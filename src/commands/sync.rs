//! `okr sync [REF...]`: fetch the value of every key result with a `source:`
//! (each on its own: one failing never stops the others), write `current` (or
//! `done`) through the edit engine and commit once, with one trailer group per
//! key result. `okr source test REF|NAME`: one query, nothing written.
//! Orchestration only: `sync` fetches, the edit engine and the writer record,
//! `render::sync` shows.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::support::checkin::CURRENT_AFTER;
use super::support::writer::{FileChange, Writer, read};
use super::{Env, Outcome};
use crate::cli::{SourceTestArgs, SyncArgs, SyncFormat};
use crate::edit::{self, Scalar, Set};
use crate::git::Repo;
use crate::git::trailers::{SyncMark, last_synced};
use crate::load::{self, parse_with_positions};
use crate::model::text::inert;
use crate::model::{Context, Cycle, KeyResult, KrSource, Org, Status, did_you_mean, format_number};
use crate::sync::{self, Failure, Fetched, Request};
use crate::view::sync::{SyncView, SyncedView};

/// Above this many key results a terminal gets a progress bar.
const BAR_FROM: usize = 4;
/// Sources asked at once.
const WORKERS: usize = 4;

/// A key result with a source, where it stands.
struct Target<'a> {
    path: &'a str,
    reference: String,
    key_result: &'a KeyResult,
    source: &'a KrSource,
    cycle: Option<Cycle>,
    dropped: bool,
}

pub fn run(env: &Env, args: &SyncArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);
    let mut targets = targets(&cx);
    select(&mut targets, &args.references)?;
    let now = now(env, args.as_of);
    let repo = Repo::discover(&root)?;

    // Key results whose cycle has ended are skipped once a sync after its end recorded them.
    let ended: Vec<String> = targets
        .iter()
        .filter(|t| t.cycle.as_ref().is_some_and(|c| end_of(c) <= now))
        .map(|t| t.reference.clone())
        .collect();
    let marks = match (&repo, ended.is_empty()) {
        (Some(repo), false) => {
            let earliest = targets
                .iter()
                .filter_map(|t| t.cycle.as_ref().map(|c| end_of(c).timestamp()))
                .min()
                .unwrap_or(0);
            last_synced(repo.git(), &ended, earliest)?
        }
        _ => Default::default(),
    };

    let mut view = SyncView {
        dry_run: args.dry_run,
        commit: None,
        outcome: String::new(),
        key_results: Vec::new(),
        synced: 0,
        changed: 0,
        failed: 0,
        skipped: 0,
    };
    let mut jobs = Vec::new();
    for t in &targets {
        let named = !args.references.is_empty();
        match plan(&org, t, now, marks.get(&t.reference), named) {
            Ok(as_of) => jobs.push((t, as_of)),
            Err(why) => view.key_results.push(entry(t, None, Some(why))),
        }
    }
    let results = fetch_all(&org, &root, &jobs);

    let mut changes: Vec<(&Target<'_>, Scalar, String)> = Vec::new();
    let mut trailers = String::new();
    for ((t, as_of), result) in jobs.iter().zip(results) {
        let mut e = entry(t, Some(*as_of), None);
        match result {
            Ok(fetched) => {
                let (value, new) = new_value(t.key_result, fetched.value);
                e.new = new.clone();
                e.changed = e.old != new;
                e.request = Some(fetched.request.clone());
                e.ms = Some(fetched.took.as_millis() as u64);
                trailers.push_str(&format!(
                    "OKR-Key-Result: {}\nOKR-Value: {}\nOKR-Source: {}\nOKR-As-Of: {}\n",
                    t.reference,
                    value.yaml_text(),
                    e.provenance,
                    sync::iso(*as_of)
                ));
                if e.changed {
                    let line = format!(
                        "{} {} -> {}",
                        t.reference,
                        old_text(t.key_result),
                        value.yaml_text()
                    );
                    changes.push((t, value, line));
                }
            }
            Err(Failure { request, error }) => {
                eprintln!("error: {}: {request}: {error}", inert(&t.reference));
                e.request = Some(request);
                e.error = Some(error.to_string());
            }
        }
        view.key_results.push(e);
    }
    view.key_results
        .sort_by_key(|k| targets.iter().position(|t| t.reference == k.reference));
    view.count();

    view.outcome = if changes.is_empty() {
        "nothing changed; no commit".to_owned()
    } else if args.dry_run {
        "dry run: nothing written".to_owned()
    } else {
        let (line, commit) = write(&root, args, &changes, &trailers)?;
        view.commit = commit;
        line
    };
    match args.format {
        SyncFormat::Human => crate::render::sync::text(out, &view)?,
        SyncFormat::Json => crate::render::sync::json(out, &view)?,
    }
    if view.failed > 0 {
        eprintln!(
            "error: {} of {} key results failed to sync{}",
            view.failed,
            view.key_results.len() - view.skipped,
            if view.synced > 0 {
                "; the others were synced"
            } else {
                ""
            }
        );
        return Ok(Outcome::Failed);
    }
    Ok(Outcome::Ok)
}

/// Every key result with a `source:`, in file order.
fn targets<'a>(cx: &Context<'a>) -> Vec<Target<'a>> {
    let mut out = Vec::new();
    for at in &cx.objectives {
        let cycle = at.cycle_id().and_then(|c| cx.cycle(c).ok());
        for kr in &at.objective.key_results {
            if let Some(source) = &kr.source {
                out.push(Target {
                    path: at.path,
                    reference: format!("{}/{}", at.objective.id, kr.id),
                    key_result: kr,
                    source,
                    cycle: cycle.clone(),
                    dropped: at.objective.status == Status::Dropped,
                });
            }
        }
    }
    out
}

/// Keeps the key results named (`objective/kr`, or all of an objective's).
fn select(targets: &mut Vec<Target<'_>>, references: &[String]) -> Result<()> {
    if references.is_empty() {
        return Ok(());
    }
    for r in references {
        let hits = targets
            .iter()
            .any(|t| t.reference == *r || t.reference.split('/').next() == Some(r.as_str()));
        if !hits {
            let hint = did_you_mean(r, targets.iter().map(|t| t.reference.as_str())).map_or_else(
                || "`okr sync` with no argument syncs every key result that has one".to_owned(),
                |s| format!("did you mean `{s}`?"),
            );
            bail!("`{r}` names no key result with a `source:`; {hint}");
        }
    }
    targets.retain(|t| {
        references
            .iter()
            .any(|r| t.reference == *r || t.reference.split('/').next() == Some(r.as_str()))
    });
    Ok(())
}

/// "Now": `--as-of DATE`, else the day `--today`/`OKR_TODAY` set (at 00:00
/// UTC), else the clock.
fn now(env: &Env, as_of: Option<NaiveDate>) -> DateTime<Utc> {
    match (as_of, env.today_pinned) {
        (Some(day), _) => midnight(day),
        (None, true) => midnight(env.today),
        (None, false) => {
            let t = Utc::now();
            DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
        }
    }
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// The end of a cycle: the start of the day after its last day.
fn end_of(cycle: &Cycle) -> DateTime<Utc> {
    midnight(cycle.period.end.succ_opt().unwrap_or(cycle.period.end))
}

/// The as-of time of a key result, or why it is not synced.
fn plan(
    org: &Org,
    t: &Target<'_>,
    now: DateTime<Utc>,
    mark: Option<&SyncMark>,
    named: bool,
) -> Result<DateTime<Utc>, String> {
    if t.dropped && !named {
        return Err("its objective is dropped".into());
    }
    let Some(cycle) = &t.cycle else {
        return Err("its cycle is unknown or has no end (`okr check` says why)".into());
    };
    if midnight(cycle.period.start) > now && !named {
        return Err(format!(
            "cycle {} starts on {}",
            cycle.id, cycle.period.start
        ));
    }
    let end = end_of(cycle);
    if end <= now
        && !named
        && let Some(mark) = mark
        && mark.time >= end.timestamp()
    {
        return Err(format!(
            "cycle {} ended on {} and a sync since has its final value (name it to sync it again)",
            cycle.id, cycle.period.end
        ));
    }
    let settle = t
        .source
        .from
        .as_ref()
        .and_then(|f| org.config.sources.get(f))
        .and_then(|d| d.settle)
        .map_or(0, |s| i64::try_from(s.seconds).unwrap_or(i64::MAX));
    let settled = chrono::TimeDelta::try_seconds(settle)
        .and_then(|d| now.checked_sub_signed(d))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    Ok(settled.min(end))
}

fn entry(t: &Target<'_>, as_of: Option<DateTime<Utc>>, skipped: Option<String>) -> SyncedView {
    let name = t.source.name().to_owned();
    SyncedView {
        reference: t.reference.clone(),
        provenance: sync::provenance(&name, t.source),
        source: name,
        request: None,
        as_of: as_of.map(sync::iso),
        old: old_value(t.key_result),
        new: Value::Null,
        changed: false,
        ms: None,
        error: None,
        skipped,
    }
}

fn old_value(kr: &KeyResult) -> Value {
    match (kr.done, kr.current) {
        (Some(done), _) => Value::Bool(done),
        (None, Some(x)) => serde_json::json!(x),
        (None, None) => Value::Null,
    }
}

fn old_text(kr: &KeyResult) -> String {
    match (kr.done, kr.current) {
        (Some(done), _) => done.to_string(),
        (None, Some(x)) => format_number(x),
        (None, None) => "none".to_owned(),
    }
}

/// The value to write: a number for `current`, or for a milestone `done`
/// (any number but zero is done).
fn new_value(kr: &KeyResult, fetched: f64) -> (Scalar, Value) {
    if kr.done.is_some() {
        let done = fetched != 0.0;
        (Scalar::Bool(done), Value::Bool(done))
    } else {
        (Scalar::Number(fetched), serde_json::json!(fetched))
    }
}

/// Asks every source, on a few threads; a progress bar on a terminal, plain
/// lines on stderr otherwise.
fn fetch_all(
    org: &Org,
    root: &Path,
    jobs: &[(&Target<'_>, DateTime<Utc>)],
) -> Vec<Result<Fetched, Failure>> {
    let slots: Vec<Mutex<Option<Result<Fetched, Failure>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let bar = (std::io::stderr().is_terminal() && jobs.len() >= BAR_FROM).then(|| {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("syncing {bar:30} {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let env = |var: &str| std::env::var(var).ok();
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(jobs.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some((t, as_of)) = jobs.get(i) else {
                        break;
                    };
                    let name = t.source.name();
                    match &bar {
                        Some(bar) => bar.set_message(inert(&t.reference).into_owned()),
                        None => eprintln!("sync: {} from {}", inert(&t.reference), inert(name)),
                    }
                    let request = Request {
                        name,
                        decl: t.source.from.as_ref().and_then(|f| org.config.sources.get(f)),
                        source: t.source,
                        as_of: *as_of,
                        root,
                        allow_command: org.config.sync.allow_command,
                        env: &env,
                    };
                    let result = if t.source.from.is_some() && request.decl.is_none() {
                        Err(Failure {
                            request: name.to_owned(),
                            error: sync::FetchError::Config(format!(
                                "okr.yaml declares no source `{name}` under `sources:` (see `okr check`)"
                            )),
                        })
                    } else {
                        sync::fetch(&request)
                    };
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                    if let Some(bar) = &bar {
                        bar.inc(1);
                    }
                }
            });
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| {
                    Err(Failure {
                        request: String::new(),
                        error: sync::FetchError::Config("not fetched".into()),
                    })
                })
        })
        .collect()
}

/// Writes the new values through the edit engine and commits them once.
/// Returns the commit line and the commit's id.
fn write(
    root: &Path,
    args: &SyncArgs,
    changes: &[(&Target<'_>, Scalar, String)],
    trailers: &str,
) -> Result<(String, Option<String>)> {
    let writer = Writer::open(root, !args.commit.no_commit, args.commit.allow_dirty)?;
    let mut by_file: BTreeMap<&str, Vec<&(&Target<'_>, Scalar, String)>> = BTreeMap::new();
    for change in changes {
        by_file.entry(change.0.path).or_default().push(change);
    }
    let paths: Vec<_> = by_file.keys().map(|p| root.join(p)).collect();
    writer.check_clean(&paths)?;
    let mut files = Vec::new();
    for (rel, edits) in &by_file {
        let path = root.join(rel);
        let (bytes, mut text) = read(root, &path)?;
        for (t, value, _) in edits {
            let tree = parse_with_positions(&text)
                .map_err(|p| p.in_file(rel))
                .context("the file does not parse; fix it (see `okr check`) before syncing")?;
            let (objective, kr) = t.reference.split_once('/').unwrap_or((&t.reference, ""));
            let route = edit::find(&tree, objective, Some(kr))
                .with_context(|| format!("{rel} no longer holds {}", t.reference))?;
            let key = if t.key_result.done.is_some() {
                "done"
            } else {
                "current"
            };
            text = edit::set_scalar(
                &text,
                &Set {
                    map: route,
                    key,
                    value: value.clone(),
                    after: CURRENT_AFTER,
                },
            )
            .with_context(|| format!("cannot edit {rel}"))?;
        }
        files.push(FileChange {
            path,
            original: Some(bytes),
            new: text,
        });
    }
    let lines: Vec<&str> = changes.iter().map(|(_, _, line)| line.as_str()).collect();
    let message = match lines.as_slice() {
        [one] => format!("sync: {one}\n\n{trailers}"),
        many => format!(
            "sync: {} key results\n\n{}\n\n{trailers}",
            many.len(),
            many.join("\n")
        ),
    };
    let line = writer.apply(&files, &message)?;
    let commit = match (writer.commits(), Repo::discover(root)?) {
        (true, Some(repo)) => Some(repo.resolve("HEAD")?.to_string()),
        _ => None,
    };
    Ok((line, commit))
}

/// `okr source test REF|NAME`.
pub fn test(env: &Env, args: &SourceTestArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);
    let now = now(env, args.as_of);
    let targets = targets(&cx);
    let probe;
    let (name, source, as_of) = if let Some(t) = targets.iter().find(|t| t.reference == args.what) {
        let as_of = match plan(&org, t, now, None, true) {
            Ok(as_of) => as_of,
            Err(why) => bail!("{} cannot be synced: {why}", t.reference),
        };
        (t.source.name().to_owned(), t.source, as_of)
    } else if let Some(decl) = org.config.sources.get(&args.what) {
        probe = probe_of(&args.what, decl)?;
        (args.what.clone(), &probe, now)
    } else {
        let names = targets
            .iter()
            .map(|t| t.reference.as_str())
            .chain(org.config.sources.keys().map(String::as_str));
        let hint = did_you_mean(&args.what, names).map_or_else(
            || "name a key result (`objective-id/kr-id`) that has a `source:`, or a source of okr.yaml".to_owned(),
            |s| format!("did you mean `{s}`?"),
        );
        bail!(
            "`{}` is neither a key result with a `source:` nor a source in okr.yaml; {hint}",
            args.what
        );
    };
    let env_var = |var: &str| std::env::var(var).ok();
    let request = Request {
        name: &name,
        decl: source.from.as_ref().and_then(|f| org.config.sources.get(f)),
        source,
        as_of,
        root: &root,
        allow_command: org.config.sync.allow_command,
        env: &env_var,
    };
    match sync::fetch(&request) {
        Ok(fetched) => {
            writeln!(out, "value:   {}", format_number(fetched.value))?;
            writeln!(out, "took:    {} ms", fetched.took.as_millis())?;
            writeln!(out, "as of:   {}", sync::iso(as_of))?;
            writeln!(out, "request: {}", inert(&fetched.request))?;
            Ok(Outcome::Ok)
        }
        Err(Failure { request, error }) => {
            writeln!(out, "request: {}", inert(&request))?;
            eprintln!("error: {}: {request}: {error}", inert(&args.what));
            Ok(Outcome::Failed)
        }
    }
}

/// A question every source of a kind can answer, to test the connection.
fn probe_of(name: &str, decl: &crate::model::SourceDecl) -> Result<KrSource> {
    use crate::model::{Preset, SourceKind};
    let mut probe = KrSource {
        from: Some(name.to_owned()),
        ..KrSource::default()
    };
    match (decl.kind, decl.preset) {
        (SourceKind::Sqlite | SourceKind::Postgres, _) => probe.sql = Some("select 1".into()),
        (SourceKind::Prometheus, _) => probe.query = Some("vector(1)".into()),
        (SourceKind::Http, Some(Preset::Github)) => {
            probe.get = Some("/rate_limit".into());
            probe.pointer = Some("/resources/search/remaining".into());
        }
        (kind, _) => bail!(
            "a {} source has no question of its own; name one of its key results instead (`okr source test objective-id/kr-id`)",
            kind.as_str()
        ),
    }
    Ok(probe)
}
