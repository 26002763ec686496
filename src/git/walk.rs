//! The walk of history, as git plumbing: the commits from HEAD that changed
//! the OKR folders (or carry an `OKR-Key-Result:` trailer), their changed
//! files, and the new version of each as text. The walk compares the OKR
//! folders' tree ids first, so commits that did not touch them cost one
//! lookup; it runs on all cores, each thread with its own handle on the
//! repository. Returns plain data: what the versions say is for `history`.

use std::collections::HashMap;

use anyhow::{Context, Result};
use git2::{Oid, Repository, Sort};
use rayon::prelude::*;

use super::trees::Trees;
use crate::model::ObjectId;

/// The commits of a walk from HEAD, newest first (topological, then by time).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CommitList {
    pub ids: Vec<ObjectId>,
    /// The commits a shallow clone's history starts at.
    pub shallow: Vec<ObjectId>,
    /// HEAD is unborn: there are no commits yet.
    pub unborn: bool,
}

/// The commits from HEAD (not reachable from `hide`: `hide..HEAD`), newest
/// first; an unborn HEAD has none.
pub fn commits(repo: &Repository, hide: Option<ObjectId>) -> Result<CommitList> {
    commits_knowing(repo, hide, None)
}

/// [`commits`], reusing `known`, an earlier list of all the commits from an
/// earlier HEAD: when HEAD is the same, or commits on top of it one after the
/// other (no merge), only those are read. Any other change walks again.
pub fn commits_knowing(
    repo: &Repository,
    hide: Option<ObjectId>,
    known: Option<&CommitList>,
) -> Result<CommitList> {
    let mut list = CommitList::default();
    // Objects are read, not written: checking each one's hash again (libgit2's
    // default) costs a fifth of the walk, and git itself does not do it either.
    git2::opts::strict_hash_verification(false);
    let head = match repo.head() {
        Ok(h) => h
            .peel_to_commit()
            .context("cannot read the commit of HEAD")?
            .id(),
        Err(e)
            if matches!(
                e.code(),
                git2::ErrorCode::UnbornBranch | git2::ErrorCode::NotFound
            ) =>
        {
            list.unborn = true;
            return Ok(list);
        }
        Err(e) => return Err(e).context("cannot read HEAD"),
    };
    list.shallow = if repo.is_shallow() {
        std::fs::read_to_string(repo.path().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| Oid::from_str(l.trim()).ok())
            .map(ObjectId::from)
            .collect()
    } else {
        Vec::new()
    };
    if hide.is_none()
        && let Some(known) = known.filter(|k| k.shallow == list.shallow)
        && let Some(new) = on_top(repo, head.into(), &known.ids)?
    {
        list.ids = new;
        list.ids.extend_from_slice(&known.ids);
        return Ok(list);
    }
    let mut revwalk = repo.revwalk()?;
    revwalk.push(head)?;
    if let Some(hide) = hide {
        revwalk.hide(hide.into())?;
    }
    revwalk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    for oid in revwalk {
        list.ids.push(oid?.into());
    }
    Ok(list)
}

/// The commits from `head` down to `known`'s first (excluded), newest first,
/// when each has one parent, the one after it; `None` otherwise (a merge,
/// another history, or `head` somewhere inside `known`).
fn on_top(repo: &Repository, head: ObjectId, known: &[ObjectId]) -> Result<Option<Vec<ObjectId>>> {
    let Some(&top) = known.first() else {
        return Ok(None);
    };
    let inside: std::collections::HashSet<&ObjectId> = known.iter().collect();
    let mut new = Vec::new();
    let mut at = head;
    while at != top {
        if inside.contains(&at) {
            return Ok(None);
        }
        let commit = repo.find_commit(at.into())?;
        if commit.parent_count() != 1 {
            return Ok(None);
        }
        new.push(at);
        at = commit.parent_id(0)?.into();
    }
    Ok(Some(new))
}

/// How many of `ids`, from the first, have a commit time (seconds since the
/// epoch) of `stop` or later: where a walk newest first stops.
/// `known` gives the time of the commits a caller remembers; the others
/// are read.
pub fn count_until(
    repo: &Repository,
    ids: &[ObjectId],
    stop: i64,
    known: impl Fn(ObjectId) -> Option<i64>,
) -> Result<usize> {
    // Each commit is read once: libgit2's cache of them would only grow.
    let _no_cache = NoObjectCache::new();
    for (i, id) in ids.iter().enumerate() {
        let time = match known(*id) {
            Some(time) => time,
            None => repo.find_commit((*id).into())?.time().seconds(),
        };
        if time < stop {
            return Ok(i);
        }
    }
    Ok(ids.len())
}

/// Of the commits `ids` (newest first, as [`commits`] lists them), those
/// that changed files under the folders `paths` or carry an
/// `OKR-Key-Result:` trailer, oldest first, with the new version of each
/// changed file read; and the commit time of every one of `ids`.
pub fn touched(
    repo: &Repository,
    ids: &[ObjectId],
    paths: &[String],
) -> Result<(Vec<Touched>, Vec<i64>)> {
    git2::opts::strict_hash_verification(false);
    // Which commits touched the OKR folders, which files, and what changed in
    // them: on all cores, each thread with its own handle on the repository,
    // in runs of consecutive commits (so that each version of a file is read
    // once). Each object is read once, so libgit2's object cache is no help.
    let _no_cache = NoObjectCache::new();
    let runs = rayon::current_num_threads().max(1);
    let chunks: Vec<&[ObjectId]> = ids.chunks(ids.len().div_ceil(runs).max(1)).collect();
    let found = parallel_with_repo(repo, &chunks, |git, chunk| {
        let (mut part, times) = touched_commits(git, chunk, paths)?;
        read_texts(git, &mut part)?;
        Ok((part, times))
    });
    let mut touched = Vec::new();
    let mut times = Vec::with_capacity(ids.len());
    for part in found {
        let (part, t) = part?;
        touched.extend(part);
        times.extend(t);
    }
    touched.reverse(); // oldest first
    Ok((touched, times))
}

/// Turns libgit2's object cache off while it lives (and back on after).
struct NoObjectCache;

impl NoObjectCache {
    fn new() -> NoObjectCache {
        git2::opts::enable_caching(false);
        NoObjectCache
    }
}

impl Drop for NoObjectCache {
    fn drop(&mut self) {
        git2::opts::enable_caching(true);
    }
}

/// Text, when the bytes are UTF-8.
fn utf8(bytes: &[u8]) -> Option<String> {
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// One changed OKR file of a commit.
pub struct Delta {
    /// Relative to the working tree.
    pub path: String,
    pub old: Option<ObjectId>,
    pub new: Option<ObjectId>,
    /// For a merge: the file in the other parents.
    pub others: Vec<Option<ObjectId>>,
    /// The new version, as the walk read it.
    pub content: Content,
}

/// A new version of a file, as the walk read it.
pub enum Content {
    /// Not read.
    None,
    /// Not UTF-8.
    NotText,
    /// All of it (a file added, or one whose version before is not UTF-8).
    Text(String),
    /// The version before with its bytes `prefix..len - suffix` replaced by
    /// `mid` (`prefix` and `suffix`: the lengths of the common ends).
    Edit {
        prefix: usize,
        suffix: usize,
        mid: Box<[u8]>,
    },
}

/// A commit that changed OKR files.
pub struct Touched {
    pub oid: ObjectId,
    /// It has no parent.
    pub root: bool,
    /// The author's time (seconds since the epoch) and offset (minutes).
    pub time: i64,
    pub offset: i32,
    pub author: String,
    /// The message's `OKR-Reason:` trailer.
    pub reason: Option<String>,
    /// The key result of an `OKR-Key-Result:` trailer: checked in, changed or not.
    pub confirms: Option<String>,
    /// Key results whose value `okr sync` wrote, with their `OKR-Source`.
    pub synced: Vec<(String, String)>,
    pub deltas: Vec<Delta>,
}

/// The commits of `chunk` (newest first) that changed OKR files, their files not
/// read yet (see [`read_texts`]), and the commit time of each of `chunk`.
fn touched_commits(
    repo: &Repository,
    chunk: &[ObjectId],
    paths: &[String],
) -> Result<(Vec<Touched>, Vec<i64>)> {
    let mut trees = Trees::new(repo.odb()?);
    let mut out = Vec::new();
    let mut times = Vec::with_capacity(chunk.len());
    // The parent read for the commit before, usually the next one.
    let mut parent: Option<git2::Commit<'_>> = None;
    for &id in chunk {
        let oid = Oid::from(id);
        let commit = match parent.take() {
            Some(p) if p.id() == oid => p,
            _ => repo.find_commit(oid)?,
        };
        times.push(commit.time().seconds());
        trees.next_commit();
        let tree = commit.tree_id();
        parent = match commit.parent_count() {
            0 => None,
            _ => Some(repo.find_commit(commit.parent_id(0)?)?),
        };
        let parent_tree = parent.as_ref().map(git2::Commit::tree_id);
        let mut changes = Vec::new();
        for path in paths {
            let mut sub = |root: Oid| trees.lookup(root, path).ok().flatten().map(|e| e.0);
            let (a, b) = (parent_tree.and_then(&mut sub), sub(tree));
            if a != b {
                trees.diff(a, b, path, &mut changes)?;
            }
        }
        let mut deltas: Vec<Delta> = changes
            .into_iter()
            .map(|(path, old, new)| Delta {
                path,
                old: old.map(ObjectId::from),
                new: new.map(ObjectId::from),
                others: Vec::new(),
                content: Content::None,
            })
            .collect();
        if commit.parent_count() > 1 {
            // A merge repeats its branches' commits, which are walked too: only
            // files that differ from every parent can hold a change of its own
            // (a conflict resolved to a new value).
            let others: Vec<Oid> = (1..commit.parent_count())
                .map(|i| Ok(repo.find_commit(commit.parent_id(i)?)?.tree_id()))
                .collect::<Result<_>>()?;
            deltas.retain_mut(|d| {
                d.others = others
                    .iter()
                    .map(|t| trees.lookup(*t, &d.path).ok().flatten().map(|e| e.0.into()))
                    .collect();
                d.new.is_some() && d.others.iter().all(|o| *o != d.new)
            });
        }
        let message = commit.message().unwrap_or("");
        let confirms = trailer(message, "OKR-Key-Result");
        if deltas.is_empty() && confirms.is_none() {
            continue;
        }
        let author = commit.author();
        out.push(Touched {
            oid: id,
            root: commit.parent_count() == 0,
            time: author.when().seconds(),
            offset: author.when().offset_minutes(),
            author: author.name().unwrap_or("").to_owned(),
            reason: trailer(message, "OKR-Reason"),
            confirms,
            synced: super::trailers::trailer_groups(message)
                .into_iter()
                .filter_map(|g| Some((g.key_result, g.source?)))
                .collect(),
            deltas,
        });
    }
    Ok((out, times))
}

/// Reads the new version of each changed file, oldest first (the order in
/// which git's packs make versions cheap to read), as an edit of the version
/// before when that was read just before.
fn read_texts(repo: &Repository, touched: &mut [Touched]) -> Result<()> {
    let mut last: HashMap<String, (ObjectId, String)> = HashMap::new();
    for d in touched.iter_mut().rev().flat_map(|t| &mut t.deltas) {
        let Some(new) = d.new else {
            continue;
        };
        let Some(text) = utf8(repo.find_blob(new.into())?.content()) else {
            d.content = Content::NotText;
            last.remove(&d.path);
            continue;
        };
        d.content = match last.get(&d.path) {
            Some((oid, before)) if Some(*oid) == d.old => {
                let (prefix, suffix) =
                    crate::model::common_ends(before.as_bytes(), text.as_bytes());
                Content::Edit {
                    prefix,
                    suffix,
                    mid: text.as_bytes()[prefix..text.len() - suffix].into(),
                }
            }
            _ => Content::Text(text.clone()),
        };
        last.insert(d.path.clone(), (new, text));
    }
    Ok(())
}

/// The value of a trailer (`Key: value`) in the last paragraph of a message.
pub fn trailer(message: &str, key: &str) -> Option<String> {
    let last = message.trim_end().rsplit("\n\n").next()?;
    last.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        (k.trim().eq_ignore_ascii_case(key))
            .then(|| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// Maps `f` over `items` on all cores, each thread with its own handle on
/// `repo` (a handle cannot be shared between threads); on this thread with
/// `repo` itself when there is one item.
pub fn parallel_with_repo<T: Sync, R: Send>(
    repo: &Repository,
    items: &[T],
    f: impl Fn(&Repository, &T) -> Result<R> + Sync,
) -> Vec<Result<R>> {
    if items.len() <= 1 {
        return items.iter().map(|item| f(repo, item)).collect();
    }
    let git_dir = repo.path();
    items
        .par_iter()
        .map_init(
            || Repository::open(git_dir),
            |handle, item| match handle {
                Ok(handle) => f(handle, item),
                Err(e) => Err(anyhow::anyhow!("cannot open the git repository: {e}")),
            },
        )
        .collect()
}

impl super::Repo {
    /// The commits of `hide..HEAD` (see [`commits`]).
    pub fn commits(&self, hide: Option<ObjectId>) -> Result<CommitList> {
        commits(&self.repo, hide)
    }

    /// [`Repo::commits`], reusing an earlier list (see [`commits_knowing`]).
    pub fn commits_knowing(
        &self,
        hide: Option<ObjectId>,
        known: Option<&CommitList>,
    ) -> Result<CommitList> {
        commits_knowing(&self.repo, hide, known)
    }

    /// How many of `ids` come before the first commit older than `stop` (see [`count_until`]).
    pub fn count_until(
        &self,
        ids: &[ObjectId],
        stop: i64,
        known: impl Fn(ObjectId) -> Option<i64>,
    ) -> Result<usize> {
        count_until(&self.repo, ids, stop, known)
    }

    /// Every commit that HEAD or a ref reaches: what a cache keyed by commit
    /// keeps when history was rewritten.
    pub fn reachable(&self) -> Result<std::collections::HashSet<ObjectId>> {
        let repo = &self.repo;
        let mut walk = repo.revwalk()?;
        let _ = walk.push_head();
        for reference in repo.references()?.flatten() {
            if let Ok(commit) = reference.peel_to_commit() {
                walk.push(commit.id())?;
            }
        }
        let mut out = std::collections::HashSet::new();
        for oid in walk {
            out.insert(oid?.into());
        }
        Ok(out)
    }

    /// The commits of `ids` that changed OKR files under `paths` (see [`touched`]).
    pub fn touched(&self, ids: &[ObjectId], paths: &[String]) -> Result<(Vec<Touched>, Vec<i64>)> {
        touched(&self.repo, ids, paths)
    }

    /// The `OKR-Key-Result:` trailers of the commits of `head` that none of
    /// `hide` reaches, with their author times.
    pub fn key_result_trailers(
        &self,
        head: ObjectId,
        hide: [Option<ObjectId>; 2],
    ) -> Result<Vec<(String, i64)>> {
        let repo = &self.repo;
        let mut walk = repo.revwalk()?;
        walk.push(head.into())?;
        for oid in hide.into_iter().flatten() {
            walk.hide(oid.into())?;
        }
        let mut out = Vec::new();
        for oid in walk {
            let commit = repo.find_commit(oid?)?;
            if let Some(reference) = trailer(commit.message().unwrap_or(""), "OKR-Key-Result") {
                out.push((reference, commit.author().when().seconds()));
            }
        }
        Ok(out)
    }
}

/// The text of a blob, when it is UTF-8.
pub(super) fn blob_text(repo: &Repository, oid: Oid) -> Result<Option<String>> {
    Ok(utf8(repo.find_blob(oid)?.content()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers() {
        let m = "checkin: a/b 1 -> 2\n\nbody: not a trailer\n\nOKR-Key-Result: a/b\nOKR-Reason: scope cut\n";
        assert_eq!(trailer(m, "okr-reason").as_deref(), Some("scope cut"));
        assert_eq!(trailer(m, "body"), None);
    }
}
