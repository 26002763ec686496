//! `okr nudge`: who should check in, for a scheduled CI job to post.
//! Orchestration only: `view::nudge` groups, `render::nudge` writes.

use std::io::Write;

use anyhow::Result;

use super::support::{read_history, repo_for};
use super::{Env, Outcome};
use crate::cli::{NudgeArgs, NudgeFormat};
use crate::history::Walk;
use crate::history::stale_key_results;
use crate::load;
use crate::model::Context;
use crate::render;
use crate::view::history::last_checkins;
use crate::view::nudge;

pub fn run(env: &Env, args: &NudgeArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let repo = repo_for(&root, "okr nudge")?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);
    let stale = stale_key_results(&cx, &repo)?;
    // The day of the last change or check-in: from all of history, when any is stale.
    let last = if stale.is_empty() {
        Default::default()
    } else {
        let history = read_history(&root, &repo, Walk::default())?;
        last_checkins(&history.checkins, env.today)
    };
    let view = nudge::nudge(&cx, stale, &last);
    match args.format {
        NudgeFormat::Json => render::json::value(out, &view)?,
        NudgeFormat::Text => render::nudge::text(out, &view)?,
        NudgeFormat::Markdown => render::nudge::markdown(out, &view)?,
    }
    Ok(Outcome::Ok)
}
