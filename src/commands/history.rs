//! `okr history [REF]`: check-ins read from git. Orchestration only:
//! `view::history` and `render::table` show what git read.

use std::io::Write;

use anyhow::Result;

use super::support::when::Bound;
use super::support::{read_history, repo_for};
use super::{Env, Outcome};
use crate::cli::{HistoryArgs, ViewFormat};
use crate::history::Walk;
use crate::model::Checkin;
use crate::model::text::inert;
use crate::view::history::{CheckinView, HistoryView};

pub fn run(env: &Env, args: &HistoryArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let repo = repo_for(&root, "okr history")?;
    let bound = |option: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| Bound::parse(option, t, env.today))
            .transpose()
    };
    let since = bound("--since", &args.since)?;
    let until = bound("--until", &args.until)?;
    let history = read_history(&root, &repo, Walk::default())?;
    let matches = |c: &&Checkin| {
        let by_ref = match &args.reference {
            None => true,
            Some(r) if r.contains('/') => c.reference == *r,
            Some(o) => c.reference.split('/').next() == Some(o.as_str()),
        };
        by_ref
            && since.is_none_or(|s| s.since_admits(c))
            && until.is_none_or(|u| u.until_admits(c))
            && args
                .cycle
                .as_ref()
                .is_none_or(|cy| c.cycle.as_ref() == Some(cy))
    };
    let checkins: Vec<&Checkin> = history.checkins.iter().filter(matches).collect();
    if let Some(r) = &args.reference
        && checkins.is_empty()
        && !history
            .checkins
            .iter()
            .any(|c| c.reference == *r || c.reference.split('/').next() == Some(r.as_str()))
    {
        eprintln!(
            "note: no check-ins of `{}` in the history; is the reference right? (`okr status` lists them)",
            inert(r)
        );
    }
    match args.format {
        ViewFormat::Json => {
            let view = HistoryView {
                checkins: checkins.iter().map(|c| CheckinView::of(c)).collect(),
            };
            crate::render::json::value(out, &view)?;
        }
        ViewFormat::Text => {
            let style = crate::render::table::Style {
                color: env.color,
                width: env.width(),
            };
            crate::render::table::history(out, &checkins, |oid| repo.short_id(oid), style)?;
        }
    }
    Ok(Outcome::Ok)
}
