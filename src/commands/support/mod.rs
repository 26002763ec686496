//! What several commands share, so that no command calls another: loading the
//! organisation for the views (with the notes on what was left out), the
//! repository and its history, and the writer every editing command uses.
//! Orchestration only: the work itself is done by the layers below.

pub mod checkin;
pub mod new_file;
pub mod when;
pub mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::Env;
use crate::cli::SchemaKind;
use crate::finding::Finding;
use crate::git::Repo;
use crate::history::Walk;
use crate::load;
use crate::model::{Config, Cycle, Date, History, OkrFile, Org};
use crate::view;

/// Loads the organisation (from the model cache when nothing changed). What
/// could not be read (files that do not parse, fields that do not decode) is
/// left out, with a note on stderr for each file, objective or key result.
pub fn load(env: &Env) -> Result<Org> {
    let root = env.root()?;
    let (org, left_out) = load::cache::load_cached(&root, model_cache(&root).as_deref(), shown)?;
    let lines = view::left_out::lines(&org, &left_out);
    if !lines.is_empty() {
        for line in &lines {
            eprintln!("note: {}", crate::model::text::inert_message(line));
        }
        eprintln!("note: the views show what could be read; run `okr check` for the details");
    }
    Ok(org)
}

/// Where the views' model cache of the OKR root lives: in its git directory,
/// else nowhere.
pub fn model_cache(root: &Path) -> Option<PathBuf> {
    crate::git::cache_file(root, load::cache::MODEL_CACHE)
}

/// okr.yaml's `paths`, read quickly (remembered in the git directory).
pub fn configured_paths(root: &Path) -> Vec<String> {
    load::configured_paths(
        root,
        crate::git::cache_file(root, load::cache::PATHS_CACHE).as_deref(),
    )
}

/// The findings of loading that `okr check` would show: at their levels in
/// okr.yaml (none of a rule that is `off`), located, and not silenced.
fn shown(org: &Org, mut findings: Vec<Finding>) -> Vec<Finding> {
    crate::rules::set_levels(org, &mut findings);
    load::locate::locate_all(org, &mut findings);
    crate::rules::apply_suppressions(
        org,
        &mut findings,
        load::locate::outline,
        load::locate::items_around,
    );
    findings
}

/// The repository of an OKR root, or an error saying history needs git.
pub fn repo_for(root: &Path, what: &str) -> Result<Repo> {
    match Repo::discover(root)? {
        Some(repo) => Ok(repo),
        None => bail!(
            "{what} reads the history of the OKR files from git, but {} is not in a git repository\n  hint: `git init` and commit the files",
            root.display()
        ),
    }
}

/// Walks the OKR files' history of the repository of `root`.
pub fn read_history(root: &Path, repo: &Repo, walk: Walk) -> Result<History> {
    let config_paths = configured_paths(root);
    let walk = Walk {
        paths: repo.okr_paths(root, &config_paths)?,
        ..walk
    };
    let history = crate::history::walk(repo, &walk)?;
    for note in &history.notes {
        eprintln!("note: {}", crate::model::text::inert_message(note));
    }
    Ok(history)
}

/// The history of the OKR files from HEAD (see [`Walk`]; its `paths` are
/// okr.yaml's); `None` outside git.
pub fn walk_history(env: &Env, walk: Walk) -> Result<Option<History>> {
    let root = env.root()?;
    let Some(repo) = Repo::discover(&root)? else {
        return Ok(None);
    };
    let walk = Walk {
        paths: repo.okr_paths(&root, &configured_paths(&root))?,
        ..walk
    };
    Ok(Some(crate::history::walk(&repo, &walk)?))
}

/// The day of each key result's last check-in in the cycle up to today, from
/// git (empty outside git). The walk stops at the cycle's first day.
pub fn last_checkins(env: &Env, cycle: &Cycle) -> Result<HashMap<String, Date>> {
    let start = cycle
        .period
        .start
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp());
    let walk = Walk {
        stop_before: start,
        ..Walk::default()
    };
    let Some(history) = walk_history(env, walk)? else {
        return Ok(HashMap::new());
    };
    Ok(view::history::last_checkins(&history.checkins, env.today))
}

/// The JSON Schema of OKR files or of okr.yaml, for `okr schema` and the
/// files `okr init` writes.
pub fn schema_json(kind: SchemaKind) -> String {
    match kind {
        SchemaKind::File => crate::render::json::schema::<OkrFile>(),
        SchemaKind::Config => crate::render::json::schema::<Config>(),
    }
}
