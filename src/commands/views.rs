//! `okr status`, `okr show`, `okr tree`, `okr board`: load, build the view, render.

use std::io::Write;

use anyhow::Result;

use super::{Env, Outcome};
use crate::cli::{BoardArgs, GroupBy, ShowArgs, StatusArgs, TreeArgs, ViewFormat};
use crate::load::{self, Org};
use crate::render::table::{self, Style};
use crate::rules::Context;
use crate::view::{self, status};

/// Loads the organisation (from the model cache when nothing changed); files that
/// do not load are left out with a note.
fn load(env: &Env) -> Result<Org> {
    let (org, broken) = load::cache::load_cached(&env.root()?)?;
    note_broken(&broken);
    Ok(org)
}

fn note_broken(broken: &[String]) {
    if !broken.is_empty() {
        eprintln!(
            "note: {} file(s) could not be read and are left out ({}); run `okr check` for details",
            broken.len(),
            broken.join(", ")
        );
    }
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
            let groups = status::by_group(&cx, &view, &cycle, by);
            match args.format {
                ViewFormat::Text => table::groups(out, &groups, header, style(env))?,
                ViewFormat::Json => json(out, &groups)?,
            }
        }
    }
    Ok(Outcome::Ok)
}

pub fn show(env: &Env, args: &ShowArgs, out: &mut dyn Write) -> Result<Outcome> {
    let org = load(env)?;
    let cx = Context::new(&org, env.today);
    let view = view::show::show(&cx, &args.reference)?;
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
    let view = view::board::board(&cx, &cycle, args.team.as_deref());
    match args.format {
        ViewFormat::Text => table::board(out, &view, style(env))?,
        ViewFormat::Json => json(out, &view)?,
    }
    Ok(Outcome::Ok)
}
