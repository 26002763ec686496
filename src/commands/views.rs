//! `okr status`, `okr show`, `okr tree`, `okr board`: load, build the view, render.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;

use super::{Env, Outcome};
use crate::cli::{BoardArgs, GroupBy, ShowArgs, StatusArgs, TreeArgs, ViewFormat};
use crate::load::{self, Org};
use crate::render::table::{self, Style};
use crate::rules::Context;
use crate::view::{self, status};

/// Loads the organisation (from the model cache when nothing changed). What
/// could not be read (files that do not parse, fields that do not decode) is
/// left out, with a note on stderr for each file, objective or key result.
pub(crate) fn load(env: &Env) -> Result<Org> {
    let (org, left_out) = load::cache::load_cached(&env.root()?, shown)?;
    let lines = view::left_out::lines(&org, &left_out);
    if !lines.is_empty() {
        for line in &lines {
            eprintln!("note: {}", crate::model::text::inert_message(line));
        }
        eprintln!("note: the views show what could be read; run `okr check` for the details");
    }
    Ok(org)
}

/// The findings of loading that `okr check` would show: at their levels in
/// okr.yaml (none of a rule that is `off`), located, and not silenced.
fn shown(org: &Org, mut findings: Vec<crate::finding::Finding>) -> Vec<crate::finding::Finding> {
    crate::rules::set_levels(org, &mut findings);
    load::locate::locate_all(org, &mut findings);
    crate::rules::apply_suppressions(org, &mut findings);
    findings
}

fn style(env: &Env) -> Style {
    Style {
        color: env.color,
        width: env.width(),
    }
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

pub fn status(env: &Env, args: &StatusArgs, out: &mut dyn Write) -> Result<Outcome> {
    let org = load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = view::pick_cycle(&cx, args.cycle.as_deref())?;
    if let Some(team) = &args.team {
        view::names::team(&cx, team)?;
    }
    for person in [&args.owner, &args.person].into_iter().flatten() {
        view::names::person(&cx, person)?;
    }
    let filter = status::Filter {
        team: args.team.clone(),
        owner: args.owner.clone(),
        person: args.person.clone(),
    };
    let view = status::status(&cx, &cycle, &filter);
    match args.by {
        None => match args.format {
            ViewFormat::Text => table::status(out, &view, style(env))?,
            ViewFormat::Json => json(out, &view)?,
        },
        Some(by) => {
            let (by, header) = match by {
                GroupBy::Team => (status::GroupBy::Team, "Team"),
                GroupBy::Owner => (status::GroupBy::Owner, "Owner"),
            };
            let last = last_checkins(env, &cycle)?;
            let groups = status::by_group(&cx, &view, &cycle, by, &last);
            match args.format {
                ViewFormat::Text => table::groups(out, &groups, header, style(env))?,
                ViewFormat::Json => json(out, &groups)?,
            }
        }
    }
    Ok(Outcome::Ok)
}

/// The history of the OKR files from HEAD back to `stop_before` (all of it
/// without); `None` outside git.
fn walk_history(
    env: &Env,
    stop_before: Option<i64>,
) -> Result<Option<crate::git::history::History>> {
    let root = env.root()?;
    let Some(repo) = crate::git::Repo::discover(&root)? else {
        return Ok(None);
    };
    let walk = crate::git::history::Walk {
        paths: repo.okr_paths(&root, &load::configured_paths(&root))?,
        stop_before,
        ..Default::default()
    };
    Ok(Some(repo.history(&walk)?))
}

/// The day of each key result's last check-in in the cycle up to today, from
/// git (empty outside git). The walk stops at the cycle's first day.
pub(crate) fn last_checkins(
    env: &Env,
    cycle: &crate::model::Cycle,
) -> Result<HashMap<String, crate::model::Date>> {
    let start = cycle
        .period
        .start
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp());
    let Some(history) = walk_history(env, start)? else {
        return Ok(HashMap::new());
    };
    Ok(crate::view::history::last_checkins(
        &history.checkins,
        env.today,
    ))
}

/// The last five check-ins of a key result, or of an objective's key results,
/// up to today (`--today` cuts history at its day).
fn recent_checkins(env: &Env, reference: &str) -> Result<Vec<crate::view::history::CheckinView>> {
    let Some(history) = walk_history(env, None)? else {
        return Ok(Vec::new());
    };
    let mine: Vec<_> = history
        .checkins
        .iter()
        .filter(|c| c.reference == reference || c.reference.split('/').next() == Some(reference))
        .filter(|c| c.date() <= env.today)
        .collect();
    Ok(mine[mine.len().saturating_sub(5)..]
        .iter()
        .map(|c| crate::view::history::CheckinView::of(c))
        .collect())
}

pub fn show(env: &Env, args: &ShowArgs, out: &mut dyn Write) -> Result<Outcome> {
    let org = load(env)?;
    let cx = Context::new(&org, env.today);
    let mut view = view::show::show(&cx, &args.reference)?;
    view.checkins = recent_checkins(env, &args.reference)?;
    match args.format {
        ViewFormat::Text => table::show(out, &view, style(env))?,
        ViewFormat::Json => json(out, &view)?,
    }
    Ok(Outcome::Ok)
}

pub fn tree(env: &Env, args: &TreeArgs, out: &mut dyn Write) -> Result<Outcome> {
    let org = load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = view::pick_cycle(&cx, args.cycle.as_deref())?;
    let view = view::tree::tree(&cx, &cycle);
    match args.format {
        ViewFormat::Text => table::tree(out, &view)?,
        ViewFormat::Json => json(out, &view)?,
    }
    Ok(Outcome::Ok)
}

pub fn board(env: &Env, args: &BoardArgs, out: &mut dyn Write) -> Result<Outcome> {
    let org = load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = view::pick_cycle(&cx, args.cycle.as_deref())?;
    if let Some(team) = &args.team {
        view::names::team(&cx, team)?;
    }
    let view = view::board::board(&cx, &cycle, args.team.as_deref());
    match args.format {
        ViewFormat::Text => table::board(out, &view, style(env))?,
        ViewFormat::Json => json(out, &view)?,
    }
    Ok(Outcome::Ok)
}
