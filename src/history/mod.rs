//! History: turns the commits and blob texts `git` walks into check-in
//! events, moved targets and values at a date, with the caches that keep
//! what was read between runs (`.git/okr/`). May use model, git, load, score
//! and finding; it does not format, and it decides nothing a rule decides.

mod confirm;
mod events;
mod moved;
mod stale;
mod values;
mod values_cache;
mod window;

use anyhow::Result;

use crate::git::Repo;
use crate::model::{History, ObjectId};
pub use moved::goal_history;
pub use stale::stale_key_results;

/// What to walk.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Folders (relative to the working tree, `/` separators) holding OKR files.
    pub paths: Vec<String>,
    /// Stop (walking newest first) at commits older than this time.
    pub stop_before: Option<i64>,
    /// Only commits not reachable from this one (`BASE..HEAD`).
    pub hide: Option<ObjectId>,
}

/// The check-ins and moved targets of the OKR files from HEAD (see [`Walk`]),
/// oldest first; an unborn HEAD has an empty history (with a note).
pub fn walk(repo: &Repo, walk: &Walk) -> Result<History> {
    let mut history = History::default();
    let list = repo.commits(walk.hide)?;
    if list.unborn {
        history
            .notes
            .push("the repository has no commits yet, so there is no history".into());
        return Ok(history);
    }
    let mut ids = list.ids;
    if let Some(stop) = walk.stop_before {
        let keep = repo.count_until(&ids, stop)?;
        history.truncated = keep < ids.len();
        ids.truncate(keep);
    }
    let (touched, _) = repo.touched(&ids, &walk.paths)?;
    // Read in commit order, so that each version of a file is read from a
    // one-line edit of the version before; files added (by a first commit,
    // all of them) are parsed ahead on all cores.
    let mut cache = events::Cache::default();
    cache.parse_added(&touched);
    let broken = events::compare(
        repo,
        touched,
        (&list.shallow, &walk.paths),
        &mut cache,
        &mut history,
    )?;
    notes(&mut history, broken.len(), &list.shallow);
    Ok(history)
}

/// The notes on what history could not read: commits skipped, and where a
/// shallow clone's history starts.
fn notes(history: &mut History, broken: usize, shallow: &[ObjectId]) {
    if broken > 0 {
        history.notes.push(format!(
            "{broken} commit{} held an OKR file that did not parse; {} skipped",
            if broken == 1 { "" } else { "s" },
            if broken == 1 { "it was" } else { "they were" }
        ));
    }
    if let Some(first) = shallow.first() {
        history.notes.push(format!(
            "the repository is a shallow clone: history starts at commit {} (`git fetch --unshallow` reads all of it)",
            &first.to_string()[..7]
        ));
    }
}
