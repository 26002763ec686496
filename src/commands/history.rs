//! `okr history [REF]`: check-ins read from git.

use std::io::Write;

use anyhow::{Result, bail};

use super::when::Bound;
use super::{Env, Outcome};
use crate::cli::{HistoryArgs, ViewFormat};
use crate::git::Repo;
use crate::git::history::{Checkin, History, Walk};
use crate::load;
use crate::model::text::inert;
use crate::view::history::{CheckinView, HistoryView};

/// The repository of an OKR root, or an error saying history needs git.
pub fn repo_for(root: &std::path::Path, what: &str) -> Result<Repo> {
    match Repo::discover(root)? {
        Some(repo) => Ok(repo),
        None => bail!(
            "{what} reads the history of the OKR files from git, but {} is not in a git repository\n  hint: `git init` and commit the files",
            root.display()
        ),
    }
}

/// Walks the OKR files' history of the repository of `root`.
pub fn read_history(root: &std::path::Path, repo: &Repo, walk: Walk) -> Result<History> {
    let config_paths = load::configured_paths(root);
    let walk = Walk {
        paths: repo.okr_paths(root, &config_paths)?,
        ..walk
    };
    let history = repo.history(&walk)?;
    for note in &history.notes {
        eprintln!("note: {}", crate::model::text::inert_message(note));
    }
    Ok(history)
}

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
            serde_json::to_writer_pretty(&mut *out, &view)?;
            writeln!(out)?;
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
