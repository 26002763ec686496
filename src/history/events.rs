//! Check-ins and moved targets from the commits of a walk: each changed file
//! is read at the commit and at its parent (from an edit of the version read
//! before when it can be), and key results are followed by `objective/kr` id,
//! so moving them between files is not a change.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use anyhow::Result;
use rayon::prelude::*;

use super::values::{FileValues, KrValues};
use crate::git::{Content, Repo, Touched};
use crate::model::{Checkin, Field, History, ObjectId, Retarget};

/// What [`compare`] found besides the events.
#[derive(Debug, Default)]
pub(super) struct Compared {
    /// The commits skipped because a file they hold does not parse.
    pub broken: Vec<ObjectId>,
    /// The commits whose events depend on what was walked before them, not on
    /// the commit alone: a file's version before did not parse (the last one
    /// that did stands in for it). (A shallow clone's first commit has no
    /// events as long as it is that: the index notes it.)
    pub dependent: HashSet<ObjectId>,
}

/// Turns the changed files of each commit into check-ins and retargets.
pub(super) fn compare(
    repo: &Repo,
    touched: Vec<Touched>,
    (shallow, paths): (&[ObjectId], &[String]),
    cache: &mut Cache,
    history: &mut History,
) -> Result<Compared> {
    let mut compared = Compared::default();
    for mut commit in touched {
        let boundary = commit.root && shallow.contains(&commit.oid);
        let mut old: HashMap<&str, (&KrValues, Option<&str>)> = HashMap::new();
        let mut olds = Vec::new();
        let mut news = Vec::new();
        let mut skip = false;
        for d in &mut commit.deltas {
            if let Some(oid) = d.old {
                match cache.values(repo, &d.path, oid, None, Content::None)? {
                    Some(v) => olds.push(v),
                    // A version that did not parse: compare with the last one that did.
                    None => {
                        compared.dependent.insert(commit.oid);
                        olds.extend(cache.files.get(&d.path).map(|(_, v, _)| v.clone()));
                    }
                }
            }
            if let Some(oid) = d.new {
                let content = std::mem::replace(&mut d.content, Content::None);
                match cache.values(repo, &d.path, oid, d.old, content)? {
                    Some(v) => news.push(v),
                    None => skip = true,
                }
            }
        }
        if skip {
            compared.broken.push(commit.oid);
            continue;
        }
        for file in &olds {
            for (r, v) in &file.krs {
                old.entry(&**r).or_insert((v, file.cycle.as_deref()));
            }
        }
        // In a merge, a value equal to the other parent's came from that branch.
        let mut theirs: HashMap<String, KrValues> = HashMap::new();
        for d in &commit.deltas {
            for oid in d.others.iter().flatten() {
                let values = repo
                    .blob_text(*oid)?
                    .and_then(|t| FileValues::read_values(&t));
                for (r, v) in values.iter().flat_map(|f| &f.krs) {
                    theirs.insert(r.to_string(), v.clone());
                }
            }
        }
        if boundary {
            continue; // a shallow clone's first commit "adds" every file
        }
        for file in &news {
            let cycle = &file.cycle;
            for (reference, values) in &file.krs {
                let before = old.get(&**reference);
                let old_value = before.and_then(|(v, _)| v.value());
                // In a merge, what equals the other parent came from that branch.
                let theirs = theirs.get(&**reference);
                let from_branch = theirs.is_some_and(|v| v.value() == values.value());
                if let Some(value) = values.value()
                    && (before.is_none() || old_value != Some(value))
                    && !from_branch
                {
                    history.checkins.push(Checkin {
                        commit: commit.oid,
                        time: commit.time,
                        offset: commit.offset,
                        author: commit.author.clone(),
                        reference: reference.to_string(),
                        cycle: cycle.clone(),
                        old: old_value,
                        new: value,
                        score: values.score(),
                        score_before: before.and_then(|(v, _)| v.score()),
                        source: commit
                            .synced
                            .iter()
                            .find(|(r, _)| **r == **reference)
                            .map(|(_, s)| s.clone()),
                    });
                }
                if let Some((was, _)) = before {
                    for (field, a, b, branch) in [
                        (
                            Field::Target,
                            was.target,
                            values.target,
                            theirs.map(|t| t.target),
                        ),
                        (
                            Field::Start,
                            was.start,
                            values.start,
                            theirs.map(|t| t.start),
                        ),
                    ] {
                        if a != b && branch != Some(b) {
                            history.retargets.push(Retarget {
                                commit: commit.oid,
                                time: commit.time,
                                offset: commit.offset,
                                reference: reference.to_string(),
                                cycle: cycle.clone(),
                                field,
                                old: a,
                                new: b,
                                reason: commit.reason.clone(),
                                score: values.score(),
                                score_before: was.score(),
                            });
                        }
                    }
                }
            }
        }
        if let Some(reference) = &commit.confirms {
            super::confirm::record(repo, cache, paths, &commit, reference, history)?;
        }
    }
    Ok(compared)
}

/// `old` with its bytes `prefix..len - suffix` replaced by `mid`; `None`
/// when that is not UTF-8 (or does not fit).
fn splice(old: &str, prefix: usize, suffix: usize, mid: &[u8]) -> Option<String> {
    let end = old.len().checked_sub(suffix)?;
    if prefix > end {
        return None;
    }
    // Only the bytes between the character boundaries around the edit need checking.
    let start = (0..=prefix).rev().find(|&i| old.is_char_boundary(i))?;
    let stop = (end..=old.len()).find(|&i| old.is_char_boundary(i))?;
    let mut middle = Vec::with_capacity(prefix - start + mid.len() + stop - end);
    middle.extend_from_slice(&old.as_bytes()[start..prefix]);
    middle.extend_from_slice(mid);
    middle.extend_from_slice(&old.as_bytes()[end..stop]);
    let middle = std::str::from_utf8(&middle).ok()?;
    let mut out = String::with_capacity(start + middle.len() + old.len() - stop);
    out.push_str(&old[..start]);
    out.push_str(middle);
    out.push_str(&old[stop..]);
    Some(out)
}

/// The latest version read of each file, and files parsed ahead in parallel.
#[derive(Default)]
pub(super) struct Cache {
    pub(super) files: HashMap<String, (ObjectId, Rc<FileValues>, String)>,
    parsed: HashMap<ObjectId, Option<FileValues>>,
}

impl Cache {
    /// Parses every file that the commits add, on all cores (a first commit
    /// adds every file, and nothing came before it to read them from).
    pub(super) fn parse_added(&mut self, touched: &[Touched]) {
        let mut texts: Vec<(ObjectId, &str)> = Vec::new();
        for d in touched.iter().flat_map(|t| &t.deltas) {
            if let (None, Some(new), Content::Text(text)) = (d.old, d.new, &d.content)
                && !self.parsed.contains_key(&new)
            {
                self.parsed.insert(new, None);
                texts.push((new, text));
            }
        }
        let values: Vec<Option<FileValues>> = texts
            .par_iter()
            .map(|(_, text)| {
                let _turn = crate::load::large_file_turn(text.len());
                FileValues::read(text)
            })
            .collect();
        for ((oid, _), v) in texts.into_iter().zip(values) {
            self.parsed.insert(oid, v);
        }
    }

    /// The values of a blob at `path`: cached, read from an edit of the
    /// version before (`old`), or parsed. `None` when it does not parse.
    pub(super) fn values(
        &mut self,
        repo: &Repo,
        path: &str,
        blob: ObjectId,
        old: Option<ObjectId>,
        content: Content,
    ) -> Result<Option<Rc<FileValues>>> {
        let before = self.files.get(path);
        if let Some((oid, values, _)) = before
            && *oid == blob
        {
            return Ok(Some(values.clone()));
        }
        // The version before, when it is the last one read of this file.
        let before = before.filter(|(oid, ..)| Some(*oid) == old);
        let mut edit = None;
        let text = match content {
            Content::Text(text) => Some(text),
            Content::NotText => None,
            Content::Edit {
                prefix,
                suffix,
                mid,
            } => {
                let spliced = before.and_then(|(_, _, text)| splice(text, prefix, suffix, &mid));
                edit = spliced.is_some().then_some((prefix, suffix));
                match spliced {
                    Some(text) => Some(text),
                    None => repo.blob_text(blob)?,
                }
            }
            Content::None => repo.blob_text(blob)?,
        };
        let Some(text) = text else {
            return Ok(None);
        };
        let quick = before.and_then(|(_, values, old_text)| match edit {
            Some((prefix, suffix)) => values.after_edit(old_text, &text, prefix, suffix),
            None => values.after_line_edit(old_text, &text),
        });
        let values = match quick {
            Some(v) => v,
            None => match self
                .parsed
                .remove(&blob)
                .flatten()
                .or_else(|| FileValues::read(&text))
            {
                Some(v) => v,
                None => return Ok(None),
            },
        };
        let values = Rc::new(values);
        self.files
            .insert(path.to_owned(), (blob, values.clone(), text));
        Ok(Some(values))
    }
}
