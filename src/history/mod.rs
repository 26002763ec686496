//! History: turns the commits and blob texts `git` walks into check-in
//! events, moved targets and values at a date, with the caches that keep
//! what was read between runs (`.git/okr/`). May use model, git, load, score
//! and finding; it does not format, and it decides nothing a rule decides.

mod confirm;
mod events;
mod index;
mod moved;
mod stale;
mod values;
mod values_cache;
mod window;

use std::collections::{HashMap, HashSet};

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
    /// Only the events of this key result (`objective/kr`), or of the key
    /// results of this objective: `okr show` reads no others.
    pub only: Option<String>,
}

impl Walk {
    /// Whether the events of key result `reference` are kept.
    fn keeps(&self, reference: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|only| reference == only || reference.split('/').next() == Some(only))
    }
}

/// The check-ins and moved targets of the OKR files from HEAD (see [`Walk`]),
/// oldest first; an unborn HEAD has an empty history (with a note).
///
/// The events of the commits walked before are read from the history index
/// (see [`index`]); only the commits not in it are read from git, and added.
pub fn walk(repo: &Repo, walk: &Walk) -> Result<History> {
    let mut history = History::default();
    let mut index = index::Index::open(repo.git_dir(), &walk.paths);
    history.notes.extend(index.distrusted.take());
    let list = repo.commits_knowing(walk.hide, index.walked())?;
    if list.unborn {
        history
            .notes
            .push("the repository has no commits yet, so there is no history".into());
        return Ok(history);
    }
    let mut ids = list.ids.clone();
    if walk.hide.is_none() {
        index.set_walked(list.clone());
    }
    if let Some(stop) = walk.stop_before {
        let keep = repo.count_until(&ids, stop, |id| index.get(id).map(|e| e.time))?;
        history.truncated = keep < ids.len();
        ids.truncate(keep);
    }
    let shallow = &list.shallow;
    // An entry stands for its commit as long as the commit is (or is not) where
    // a shallow clone's history starts, as it was when it was made.
    let usable = |index: &index::Index, id: &ObjectId| {
        index
            .get(*id)
            .is_some_and(|e| e.boundary == shallow.contains(id))
    };
    let missing: Vec<ObjectId> = ids
        .iter()
        .copied()
        .filter(|id| !usable(&index, id))
        .collect();
    let (mut fresh, mut dependent) = read_events(repo, &missing, shallow, &walk.paths)?;
    if !dependent.is_empty() && missing.len() < ids.len() {
        // What a commit found depends on the commits before it: read them all.
        (fresh, dependent) = read_events(repo, &ids, shallow, &walk.paths)?;
    }
    // Keep what was read, then take each commit's events in order.
    let mut walk_only: HashMap<ObjectId, index::Events> = HashMap::new();
    for (id, events) in fresh {
        if dependent.contains(&id) {
            walk_only.insert(id, events);
        } else {
            index.put(id, events);
        }
    }
    index.save(&walk.paths, &ids, || repo.reachable().ok());
    let mut broken = 0;
    for id in ids.iter().rev() {
        let Some(events) = walk_only.remove(id).or_else(|| index.take(*id)) else {
            continue;
        };
        broken += usize::from(events.broken);
        history.checkins.extend(
            events
                .checkins
                .into_iter()
                .filter(|c| walk.keeps(&c.reference)),
        );
        history.retargets.extend(
            events
                .retargets
                .into_iter()
                .filter(|r| walk.keeps(&r.reference)),
        );
    }
    notes(&mut history, broken, shallow);
    Ok(history)
}

/// The events of the commits `ids` (newest first), read from git, by commit
/// (none for a commit that did not change OKR files); and the commits whose
/// events depend on the commits before them.
fn read_events(
    repo: &Repo,
    ids: &[ObjectId],
    shallow: &[ObjectId],
    paths: &[String],
) -> Result<(HashMap<ObjectId, index::Events>, HashSet<ObjectId>)> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let (touched, times) = repo.touched(ids, paths)?;
    debug_assert_eq!(times.len(), ids.len(), "a time for every commit");
    // Read in commit order, so that each version of a file is read from a
    // one-line edit of the version before; files added (by a first commit,
    // all of them) are parsed ahead on all cores.
    let mut cache = events::Cache::default();
    cache.parse_added(&touched);
    let mut history = History::default();
    let compared = events::compare(repo, touched, (shallow, paths), &mut cache, &mut history)?;
    // Every commit read, touched or not.
    let mut by_commit: HashMap<ObjectId, index::Events> = ids
        .iter()
        .zip(times)
        .map(|(&id, time)| {
            let events = index::Events {
                time,
                boundary: shallow.contains(&id),
                ..Default::default()
            };
            (id, events)
        })
        .collect();
    for c in history.checkins {
        by_commit.entry(c.commit).or_default().checkins.push(c);
    }
    for r in history.retargets {
        by_commit.entry(r.commit).or_default().retargets.push(r);
    }
    for id in compared.broken {
        by_commit.entry(id).or_default().broken = true;
    }
    Ok((by_commit, compared.dependent))
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
