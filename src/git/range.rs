//! The commits of a range (`BASE..HEAD`) with the OKR files each changed, in
//! full: for rules that ask which commit last changed something and why
//! (`target-moved`). A pull request holds few commits, so each changed file
//! is read whole, before and after.

use anyhow::Result;
use git2::{Oid, Repository, Sort};

use super::trees::Trees;
use super::walk::{blob_text, trailer};
use crate::model::ObjectId;

/// One commit of a range.
#[derive(Debug)]
pub struct RangeCommit {
    pub oid: ObjectId,
    /// The author's time (seconds since the epoch) and offset (minutes).
    pub time: i64,
    pub offset: i32,
    /// The message's `OKR-Reason:` trailer.
    pub reason: Option<String>,
    pub files: Vec<RangeFile>,
}

/// An OKR file a commit changed (a merge: one that differs from every parent).
#[derive(Debug)]
pub struct RangeFile {
    /// Relative to the working tree.
    pub path: String,
    /// Its text in each parent, the first parent first (`None`: absent, or not UTF-8).
    pub before: Vec<Option<String>>,
    /// Its text in the commit.
    pub after: Option<String>,
}

/// The commits of HEAD that `hide` does not reach and that changed files under
/// the folders `paths`, oldest first.
pub fn range(repo: &Repository, hide: Oid, paths: &[String]) -> Result<Vec<RangeCommit>> {
    let mut walk = repo.revwalk()?;
    walk.push_head()?;
    walk.hide(hide)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
    let mut trees = Trees::new(repo.odb()?);
    let mut out = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        trees.next_commit();
        let parents: Vec<Oid> = commit.parents().map(|p| p.tree_id()).collect();
        let mut changes = Vec::new();
        for path in paths {
            let now = trees.lookup(commit.tree_id(), path)?.map(|e| e.0);
            let first = match parents.first() {
                Some(tree) => trees.lookup(*tree, path)?.map(|e| e.0),
                None => None,
            };
            trees.diff(first, now, path, &mut changes)?;
        }
        let mut files = Vec::new();
        for (path, old, new) in changes {
            let mut before = vec![old];
            for tree in parents.iter().skip(1) {
                before.push(trees.lookup(*tree, &path)?.map(|e| e.0));
            }
            // A merge repeats its branches' changes: only a file that differs
            // from every parent holds a change of its own.
            if before.len() > 1 && before.contains(&new) {
                continue;
            }
            let text = |blob: Option<Oid>| -> Result<Option<String>> {
                Ok(match blob {
                    Some(oid) => blob_text(repo, oid)?,
                    None => None,
                })
            };
            files.push(RangeFile {
                before: before.into_iter().map(text).collect::<Result<_>>()?,
                after: text(new)?,
                path,
            });
        }
        if files.is_empty() {
            continue;
        }
        let author = commit.author();
        out.push(RangeCommit {
            oid: commit.id().into(),
            time: author.when().seconds(),
            offset: author.when().offset_minutes(),
            reason: trailer(commit.message().unwrap_or(""), "OKR-Reason"),
            files,
        });
    }
    Ok(out)
}
