//! `okr status`, `okr show`, `okr tree`, `okr board`: load, build the view,
//! render. Orchestration only: `view` builds, `render` writes.

use std::io::Write;

use anyhow::Result;

use super::support::{last_checkins, load, walk_history};
use super::{Env, Outcome};
use crate::cli::{BoardArgs, GroupBy, ShowArgs, StatusArgs, TreeArgs, ViewFormat};
use crate::model::Context;
use crate::render::json;
use crate::render::table::{self, Style};
use crate::view::{self, status};

fn style(env: &Env) -> Style {
    Style {
        color: env.color,
        width: env.width(),
    }
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
            ViewFormat::Json => json::value(out, &view)?,
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
                ViewFormat::Json => json::value(out, &groups)?,
            }
        }
    }
    Ok(Outcome::Ok)
}

/// The last five check-ins of a key result, or of an objective's key results,
/// up to today (`--today` cuts history at its day).
fn recent_checkins(env: &Env, reference: &str) -> Result<Vec<crate::view::history::CheckinView>> {
    let walk = crate::history::Walk {
        only: Some(reference.to_owned()),
        ..Default::default()
    };
    let Some(history) = walk_history(env, walk)? else {
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
        ViewFormat::Json => json::value(out, &view)?,
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
        ViewFormat::Json => json::value(out, &view)?,
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
        ViewFormat::Json => json::value(out, &view)?,
    }
    Ok(Outcome::Ok)
}
