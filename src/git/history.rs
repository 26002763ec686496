//! History from git: every commit that changed a key result's value is a
//! check-in, whether `okr checkin` made it or someone edited the file by hand.
//!
//! The walk compares the OKR folders' tree ids first, so commits that did not
//! touch them cost one lookup. A changed file is read at the commit and at its
//! parent; when the two differ in one value line of a file read before (the
//! shape of every check-in), the new value is read from that line alone, else
//! the file is parsed. Key results are followed by `objective/kr` id, so moving
//! them between files is not a change. Parses YAML and walks git in one place
//! for now: the walk stays in `git`, the reading of values moves to a history
//! layer of its own.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result};
use git2::{Oid, Repository, Sort};

use super::trees::Trees;
pub use super::values_cache::Dated;
pub use super::window::{Window, WorkingFile, cut_at, first_parent_before, text_at, window};

use crate::load::parse_with_positions;
use crate::load::yaml::{Node, Value};
use crate::model::{Checkin, Field, History, ObjectId, Retarget, Val};

/// The value a node holds, when history follows it: a number or a boolean.
fn val_of(node: &Node) -> Option<Val> {
    match node.value {
        Value::Int(i) => Some(Val::Num(i as f64)),
        Value::Float(f) => Some(Val::Num(f)),
        Value::Bool(b) => Some(Val::Bool(b)),
        _ => None,
    }
}

/// The followed values of one key result at one commit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KrValues {
    pub current: Option<Val>,
    pub done: Option<Val>,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub keep_above: Option<f64>,
    pub keep_below: Option<f64>,
    pub score: Option<f64>,
}

impl KrValues {
    fn set(&mut self, field: Field, value: Option<Val>) {
        let num = value.and_then(|v| v.number());
        match field {
            Field::Current => self.current = value,
            Field::Done => self.done = value,
            Field::Start => self.start = num,
            Field::Target => self.target = num,
            Field::KeepAbove => self.keep_above = num,
            Field::KeepBelow => self.keep_below = num,
            Field::Score => self.score = num,
        }
    }

    /// The value a check-in sets: `current`, or `done` for a milestone.
    pub fn value(&self) -> Option<Val> {
        self.current.or(self.done)
    }

    /// The score with these values (SPEC section 5).
    pub fn score(&self) -> Option<f64> {
        if let Some(s) = self.score {
            return Some(s.clamp(0.0, 1.0));
        }
        let current = self.current.and_then(|v| v.number());
        match (
            self.start,
            self.target,
            current,
            self.done,
            self.keep_above,
            self.keep_below,
        ) {
            (Some(s), Some(t), Some(c), None, None, None) if s != t => {
                Some(((c - s) / (t - s)).clamp(0.0, 1.0) + 0.0)
            }
            (None, None, _, Some(Val::Bool(d)), None, None) => Some(f64::from(u8::from(d))),
            (None, None, Some(c), None, Some(b), None) => Some(f64::from(u8::from(c >= b))),
            (None, None, Some(c), None, None, Some(b)) => Some(f64::from(u8::from(c <= b))),
            _ => None,
        }
    }
}

/// The followed values on one line: (key result, field, byte columns of the
/// value), and whether the line holds one key and nothing else.
type ValueLine = (Vec<(usize, Field, usize, usize)>, bool);

/// What history knows of one version of one OKR file.
#[derive(Debug, Clone, Default)]
pub struct FileValues {
    pub cycle: Option<String>,
    /// `objective/kr` and its values, in file order.
    pub krs: Vec<(Arc<str>, KrValues)>,
    /// 0-based line -> the followed values on it: (key result, field, byte
    /// columns of the value), and whether the line holds one key and nothing
    /// else. Shared between versions, which mostly differ in one value.
    lines: Arc<HashMap<u32, Arc<ValueLine>>>,
    /// Where each key result's `current` (or `done`) stands, when read with positions.
    pub value_pos: Vec<Option<crate::model::Pos>>,
}

impl FileValues {
    /// Reads a file's followed values; `None` when it does not parse.
    pub fn read(text: &str) -> Option<FileValues> {
        Self::read_tree(text, parse_with_positions(text).ok()?)
    }

    /// Reads the values only (no value lines), which parses faster.
    pub fn read_values(text: &str) -> Option<FileValues> {
        let mut values = Self::read_tree(text, crate::load::parse(text).ok()?)?;
        values.lines = Arc::default();
        Some(values)
    }

    fn read_tree(text: &str, tree: Node) -> Option<FileValues> {
        let mut out = FileValues {
            cycle: tree
                .get("cycle")
                .and_then(Node::scalar_text)
                .map(|c| c.into_owned()),
            ..FileValues::default()
        };
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let Some(Value::Seq(objectives)) = tree.get("objectives").map(|n| &n.value) else {
            return Some(out);
        };
        let mut lines: HashMap<u32, ValueLine> = HashMap::new();
        for objective in objectives {
            let Some(oid) = objective.get("id").and_then(Node::scalar_text) else {
                continue;
            };
            let Some(Value::Seq(krs)) = objective.get("key_results").map(|n| &n.value) else {
                continue;
            };
            for kr in krs {
                let Some(kid) = kr.get("id").and_then(Node::scalar_text) else {
                    continue;
                };
                let Value::Map(entries) = &kr.value else {
                    continue;
                };
                let mut values = KrValues::default();
                let index = out.krs.len();
                let mut keys_per_line: HashMap<u32, u32> = HashMap::new();
                for (k, _) in entries {
                    *keys_per_line.entry(k.pos.line).or_default() += 1;
                }
                for (k, v) in entries {
                    let Some(field) = k.scalar_text().and_then(|t| Field::from_key(&t)) else {
                        continue;
                    };
                    values.set(field, val_of(v));
                    if matches!(field, Field::Current | Field::Done) && k.pos.line > 0 {
                        out.value_pos.resize(index + 1, None);
                        out.value_pos[index] = Some(v.pos);
                    }
                    let (start, end) = (bom + v.span.start, bom + v.span.end);
                    let simple = k.pos.line > 0
                        && v.pos.line == k.pos.line
                        && !matches!(v.value, Value::Map(_) | Value::Seq(_))
                        && end > start
                        && !text[start..end].contains('\n');
                    if simple {
                        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                        let single = keys_per_line.get(&k.pos.line) == Some(&1);
                        let slot = lines
                            .entry(k.pos.line - 1)
                            .or_insert_with(|| (Vec::new(), single));
                        slot.0
                            .push((index, field, start - line_start, end - line_start));
                    }
                }
                out.krs.push((format!("{oid}/{kid}").into(), values));
            }
        }
        out.lines = Arc::new(lines.into_iter().map(|(k, v)| (k, Arc::new(v))).collect());
        Some(out)
    }

    /// The values of an earlier version `old` of this file (`text`), read from
    /// the value lines that differ when nothing else does; else parsed.
    pub fn values_before(&self, text: &str, old: &str) -> Option<FileValues> {
        self.lines_differ_in_values_only(text, old)
            .or_else(|| FileValues::read_values(old))
    }

    fn lines_differ_in_values_only(&self, text: &str, old: &str) -> Option<FileValues> {
        let new_lines: Vec<&str> = text.split('\n').collect();
        let old_lines: Vec<&str> = old.split('\n').collect();
        if new_lines.len() != old_lines.len() {
            return None;
        }
        let mut out = FileValues {
            cycle: self.cycle.clone(),
            krs: self.krs.clone(),
            ..FileValues::default()
        };
        for (i, (n, o)) in new_lines.iter().zip(&old_lines).enumerate() {
            if n == o {
                continue;
            }
            let (fields, single) = &**self.lines.get(&u32::try_from(i).ok()?)?;
            if *single {
                let &(index, field, start, _) = fields.first()?;
                if n.get(..start)? != o.get(..start)? {
                    return None; // the key or its indentation differs
                }
                let rest = o.get(start..)?.trim_end_matches('\r');
                if rest
                    .trim_start()
                    .starts_with(['|', '>', '[', '{', '&', '*', '!'])
                    || rest.trim().is_empty()
                {
                    return None;
                }
                out.krs[index].1.set(field, scalar(rest)?);
            } else {
                // A flow mapping on one line: read the old line as YAML, same id required.
                let body = o.trim_start().strip_prefix("- ")?.trim_end_matches('\r');
                let tree = crate::load::parse(&format!("{body}\n")).ok()?;
                let &(index, ..) = fields.first()?;
                let id = self.krs[index].0.rsplit('/').next()?;
                if tree.get("id").and_then(Node::scalar_text).as_deref() != Some(id) {
                    return None;
                }
                for &(index, field, ..) in fields {
                    out.krs[index]
                        .1
                        .set(field, tree.get(field.key()).and_then(val_of));
                }
            }
        }
        Some(out)
    }

    /// The values after an edit of one value line, without parsing the file;
    /// `None` when the edit is anything else.
    fn after_line_edit(&self, old: &str, new: &str) -> Option<FileValues> {
        let (prefix, suffix) = crate::edit::common_ends(old.as_bytes(), new.as_bytes());
        self.after_edit(old, new, prefix, suffix)
    }

    /// [`FileValues::after_line_edit`] with the lengths of the common ends known.
    fn after_edit(&self, old: &str, new: &str, prefix: usize, suffix: usize) -> Option<FileValues> {
        let old_end = old.len() - suffix;
        let new_end = new.len() - suffix;
        if old.as_bytes()[prefix..old_end].contains(&b'\n')
            || new.as_bytes()[prefix..new_end].contains(&b'\n')
            || !new.is_char_boundary(prefix)
        {
            return None;
        }
        let line = old.as_bytes()[..prefix]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let (fields, single) = &**self.lines.get(&u32::try_from(line).ok()?)?;
        let line_start = new[..prefix].rfind('\n').map_or(0, |i| i + 1);
        let (from, to) = (prefix - line_start, old_end - line_start);
        let line_end = new[prefix..].find('\n').map_or(new.len(), |i| prefix + i);
        let (index, field, text) = if *single {
            // `key: value  # comment`: the value and its comment may change.
            let &(index, field, start, _) = fields.first()?;
            if from < start {
                return None; // the key or its indentation changed
            }
            (
                index,
                field,
                new[line_start + start..line_end].trim_end_matches('\r'),
            )
        } else {
            // A flow mapping: the edit must stay inside one value.
            let &(index, field, start, end) = fields.iter().find(|f| f.2 <= from && to <= f.3)?;
            let end = (end + new_end).checked_sub(old_end)?;
            let text = new.get(line_start + start..line_start + end)?;
            if text.contains([',', '[', ']', '{', '}', '#', ':', '"', '\'']) {
                return None;
            }
            (index, field, text)
        };
        if text
            .trim_start()
            .starts_with(['|', '>', '[', '{', '&', '*', '!'])
            || text.trim().is_empty()
        {
            return None;
        }
        let value = scalar(text)?;
        let mut out = self.clone();
        out.krs[index].1.set(field, value);
        // Later values on a flow line moved by the edit's change in length.
        if !*single && new_end != old_end {
            let shift = new_end as isize - old_end as isize;
            let line = u32::try_from(line).ok()?;
            if let Some(slot) = Arc::make_mut(&mut out.lines).get_mut(&line) {
                for f in Arc::make_mut(slot).0.iter_mut() {
                    if f.2 >= to {
                        f.2 = f.2.checked_add_signed(shift)?;
                        f.3 = f.3.checked_add_signed(shift)?;
                    } else if f.2 <= from && to <= f.3 {
                        f.3 = f.3.checked_add_signed(shift)?;
                    }
                }
            }
        }
        Some(out)
    }
}

/// The value of a scalar written on one line (`12`, `4.25  # note`, `true`):
/// `Some(None)` for a scalar that is no number or boolean, `None` for anything
/// but a scalar.
fn scalar(text: &str) -> Option<Option<Val>> {
    if let Some(value) = plain_scalar(text) {
        return Some(Some(value));
    }
    let tree = crate::load::parse(&format!("v: {text}\n")).ok()?;
    let value = tree.get("v")?;
    if matches!(value.value, Value::Map(_) | Value::Seq(_)) {
        return None;
    }
    Some(val_of(value))
}

/// A number or boolean in the one form that YAML reads only one way
/// (`12`, `-3`, `4.25`, `true`), without the parser; `None` for anything else.
fn plain_scalar(text: &str) -> Option<Val> {
    match text {
        "true" => return Some(Val::Bool(true)),
        "false" => return Some(Val::Bool(false)),
        _ => {}
    }
    let negative = text.starts_with('-');
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole)
        || (whole.len() > 1 && whole.starts_with('0'))
        || !fraction.is_none_or(digits)
        || whole.len() + fraction.map_or(0, str::len) > 15
    {
        return None;
    }
    let value = match fraction {
        None => text.parse::<i64>().ok()? as f64,
        Some(_) => text.parse::<f64>().ok()?,
    };
    // `-0` is read as an integer zero, `-0.0` as a negative zero: leave both to the parser.
    (!(negative && value == 0.0)).then_some(Val::Num(value))
}

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

/// Walks from HEAD; an unborn HEAD has an empty history (with a note).
pub fn walk(repo: &Repository, walk: &Walk) -> Result<History> {
    let mut history = History::default();
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
            history
                .notes
                .push("the repository has no commits yet, so there is no history".into());
            return Ok(history);
        }
        Err(e) => return Err(e).context("cannot read HEAD"),
    };
    let shallow: Vec<Oid> = if repo.is_shallow() {
        std::fs::read_to_string(repo.path().join("shallow"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| Oid::from_str(l.trim()).ok())
            .collect()
    } else {
        Vec::new()
    };

    let mut revwalk = repo.revwalk()?;
    revwalk.push(head)?;
    if let Some(hide) = walk.hide {
        revwalk.hide(hide.into())?;
    }
    revwalk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    let oids = revwalk.collect::<Result<Vec<Oid>, _>>()?;

    // Which commits touched the OKR folders, which files, and what changed in
    // them: on all cores, each thread with its own handle on the repository,
    // in runs of consecutive commits (so that each version of a file is read
    // once). Each object is read once, so libgit2's object cache is no help.
    let _no_cache = NoObjectCache::new();
    let runs = match walk.stop_before {
        // Runs past the stop are wasted: shorter ones waste less.
        Some(_) => 8,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let chunks: Vec<&[Oid]> = oids.chunks(oids.len().div_ceil(runs).max(1)).collect();
    let found = parallel_with_repo(repo, &chunks, |git, chunk| {
        let (mut part, stopped) = touched_commits(git, chunk, walk)?;
        if walk.stop_before.is_none() {
            read_texts(git, &mut part)?;
        }
        Ok((part, stopped))
    });
    let mut parts: Vec<Vec<Touched>> = Vec::new();
    for part in found {
        let (part, stopped) = part?;
        parts.push(part);
        if stopped {
            history.truncated = true;
            break;
        }
    }
    if walk.stop_before.is_some() {
        // Only the runs before the stop are needed: their files are read now.
        let parts_of: Vec<Mutex<Vec<Touched>>> = parts.into_iter().map(Mutex::new).collect();
        let read = parallel_with_repo(repo, &parts_of, |git, part| {
            read_texts(
                git,
                &mut part.lock().unwrap_or_else(PoisonError::into_inner),
            )
        });
        read.into_iter().collect::<Result<Vec<()>>>()?;
        parts = parts_of
            .into_iter()
            .map(|p| p.into_inner().unwrap_or_else(PoisonError::into_inner))
            .collect();
    }
    let mut touched: Vec<Touched> = parts.into_iter().flatten().collect();
    touched.reverse(); // oldest first

    // Read in commit order, so that each version of a file is read from a
    // one-line edit of the version before; files added (by a first commit,
    // all of them) are parsed ahead on all cores.
    let mut cache = Cache::default();
    cache.parse_added(&touched);
    compare(
        repo,
        touched,
        (&shallow, &walk.paths),
        &mut cache,
        &mut history,
    )?;
    Ok(history)
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

/// Turns the changed files of each commit into check-ins and retargets.
fn compare(
    repo: &Repository,
    touched: Vec<Touched>,
    (shallow, paths): (&[Oid], &[String]),
    cache: &mut Cache,
    history: &mut History,
) -> Result<()> {
    let mut broken = 0usize;
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
                    None => olds.extend(cache.files.get(&d.path).map(|(_, v, _)| v.clone())),
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
            broken += 1;
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
                let values =
                    utf8(repo.find_blob(*oid)?.content()).and_then(|t| FileValues::read_values(&t));
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
                        commit: commit.oid.into(),
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
                                commit: commit.oid.into(),
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
    Ok(())
}

/// One changed OKR file of a commit.
struct Delta {
    path: String,
    old: Option<Oid>,
    new: Option<Oid>,
    /// For a merge: the file in the other parents.
    others: Vec<Option<Oid>>,
    /// The new version, as the walk read it.
    content: Content,
}

/// A new version of a file, as the walk read it.
pub(super) enum Content {
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
pub(super) struct Touched {
    pub(super) oid: Oid,
    root: bool,
    pub(super) time: i64,
    pub(super) offset: i32,
    pub(super) author: String,
    reason: Option<String>,
    /// The key result of an `OKR-Key-Result:` trailer: checked in, changed or not.
    confirms: Option<String>,
    /// Key results whose value `okr sync` wrote, with their `OKR-Source`.
    pub(super) synced: Vec<(String, String)>,
    deltas: Vec<Delta>,
}

/// The commits of `chunk` (newest first) that changed OKR files, their files not
/// read yet (see [`read_texts`]); `true` when the walk reached `stop_before`.
fn touched_commits(repo: &Repository, chunk: &[Oid], walk: &Walk) -> Result<(Vec<Touched>, bool)> {
    let mut trees = Trees::new(repo.odb()?);
    let mut out = Vec::new();
    // The parent read for the commit before, usually the next one.
    let mut parent: Option<git2::Commit<'_>> = None;
    for &oid in chunk {
        let commit = match parent.take() {
            Some(p) if p.id() == oid => p,
            _ => repo.find_commit(oid)?,
        };
        if let Some(stop) = walk.stop_before
            && commit.time().seconds() < stop
        {
            return Ok((out, true));
        }
        trees.next_commit();
        let tree = commit.tree_id();
        parent = match commit.parent_count() {
            0 => None,
            _ => Some(repo.find_commit(commit.parent_id(0)?)?),
        };
        let parent_tree = parent.as_ref().map(git2::Commit::tree_id);
        let mut changes = Vec::new();
        for path in &walk.paths {
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
                old,
                new,
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
                    .map(|t| trees.lookup(*t, &d.path).ok().flatten().map(|e| e.0))
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
            oid,
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
    Ok((out, false))
}

/// Reads the new version of each changed file, oldest first (the order in
/// which git's packs make versions cheap to read), as an edit of the version
/// before when that was read just before.
fn read_texts(repo: &Repository, touched: &mut [Touched]) -> Result<()> {
    let mut last: HashMap<String, (Oid, String)> = HashMap::new();
    for d in touched.iter_mut().rev().flat_map(|t| &mut t.deltas) {
        let Some(new) = d.new else {
            continue;
        };
        let Some(text) = utf8(repo.find_blob(new)?.content()) else {
            d.content = Content::NotText;
            last.remove(&d.path);
            continue;
        };
        d.content = match last.get(&d.path) {
            Some((oid, before)) if Some(*oid) == d.old => {
                let (prefix, suffix) = crate::edit::common_ends(before.as_bytes(), text.as_bytes());
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
    pub(super) files: HashMap<String, (Oid, Rc<FileValues>, String)>,
    parsed: HashMap<Oid, Option<FileValues>>,
}

impl Cache {
    /// Parses every file that the commits add, on all cores (a first commit
    /// adds every file, and nothing came before it to read them from).
    fn parse_added(&mut self, touched: &[Touched]) {
        let mut texts: Vec<(Oid, &str)> = Vec::new();
        for d in touched.iter().flat_map(|t| &t.deltas) {
            if let (None, Some(new), Content::Text(text)) = (d.old, d.new, &d.content)
                && !self.parsed.contains_key(&new)
            {
                self.parsed.insert(new, None);
                texts.push((new, text));
            }
        }
        let values = crate::load::parallel_map(&texts, |(_, text)| FileValues::read(text));
        for ((oid, _), v) in texts.into_iter().zip(values) {
            self.parsed.insert(oid, v);
        }
    }

    /// The values of a blob at `path`: cached, read from an edit of the
    /// version before (`old`), or parsed. `None` when it does not parse.
    pub(super) fn values(
        &mut self,
        repo: &Repository,
        path: &str,
        blob: Oid,
        old: Option<Oid>,
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
                    None => utf8(repo.find_blob(blob)?.content()),
                }
            }
            Content::None => utf8(repo.find_blob(blob)?.content()),
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
    crate::load::parallel_map_with(
        items,
        || Repository::open(git_dir),
        |handle, item| match handle {
            Ok(handle) => f(handle, item),
            Err(e) => Err(anyhow::anyhow!("cannot open the git repository: {e}")),
        },
    )
}

/// The text of a blob, when it is UTF-8.
pub fn blob_text(repo: &Repository, oid: Oid) -> Result<Option<String>> {
    Ok(utf8(repo.find_blob(oid)?.content()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 10\n        target: 20\n        current: 12  # note\n      - {id: f, start: 1, target: 2, current: 1}\n      - id: m\n        done: false\n";

    #[test]
    fn reads_values_and_value_lines() {
        let v = FileValues::read(FILE).unwrap();
        assert_eq!(v.cycle.as_deref(), Some("2026-Q4"));
        let refs: Vec<&str> = v.krs.iter().map(|(r, _)| &**r).collect();
        assert_eq!(refs, ["o/k", "o/f", "o/m"]);
        assert_eq!(v.krs[0].1.current, Some(Val::Num(12.0)));
        assert_eq!(v.krs[0].1.score(), Some(0.2));
        assert_eq!(
            v.lines.get(&8).map(|l| (l.0[0].0, l.0[0].1, l.1)),
            Some((0, Field::Current, true))
        );
        assert_eq!(
            v.lines.get(&9).map(|l| (l.0.len(), l.1)),
            Some((3, false)),
            "a flow mapping line holds several keys"
        );
    }

    #[test]
    fn one_line_edits_are_read_without_a_parse() {
        let v = FileValues::read(FILE).unwrap();
        let edited = FILE.replace("current: 12  # note", "current: 15.5  # note");
        let quick = v.after_line_edit(FILE, &edited).unwrap();
        assert_eq!(quick.krs[0].1.current, Some(Val::Num(15.5)));
        let edited = FILE.replace("done: false", "done: true");
        assert_eq!(
            v.after_line_edit(FILE, &edited).unwrap().krs[2].1.done,
            Some(Val::Bool(true))
        );
        let edited = FILE.replace("current: 1}", "current: 1.75}");
        let quick = v.after_line_edit(FILE, &edited).unwrap();
        assert_eq!(quick.krs[1].1.current, Some(Val::Num(1.75)));
        let again = edited.replace("start: 1,", "start: 0,");
        let quick = quick.after_line_edit(&edited, &again).unwrap();
        assert_eq!(
            (quick.krs[1].1.start, quick.krs[1].1.current),
            (Some(0.0), Some(Val::Num(1.75)))
        );
        let third = again.replace("current: 1.75}", "current: 3}");
        assert_eq!(
            quick.after_line_edit(&again, &third).unwrap().krs[1]
                .1
                .current,
            Some(Val::Num(3.0))
        );
        // Anything else falls back to a full parse.
        for other in [
            FILE.replace("current: 1}", "current: 1, unit: x}"),
            FILE.replace("{id: f,", "{id: g,"),
            FILE.replace("        current: 12", "          current: 12"),
            FILE.replace("current: 12  # note", "current: |\n          12"),
            FILE.replace("target: 20", "target: 20\n        unit: x"),
            FILE.replace("current: 12  # note", "current: [12]"),
        ] {
            assert!(v.after_line_edit(FILE, &other).is_none(), "{other}");
        }
    }

    #[test]
    fn plain_scalars_read_as_the_parser_reads_them() {
        let parsed = |text: &str| {
            let tree = crate::load::parse(&format!("v: {text}\n")).unwrap();
            val_of(tree.get("v").unwrap())
        };
        for text in [
            "0",
            "7",
            "12",
            "-3",
            "4.25",
            "-0.5",
            "0.0",
            "1.50",
            "999999999999999",
            "123456.789",
            "0.1",
            "true",
            "false",
        ] {
            assert_eq!(plain_scalar(text), parsed(text), "{text}");
            assert!(plain_scalar(text).is_some(), "{text}");
        }
        // Anything else is left to the parser.
        for text in [
            "",
            "-0",
            "-0.0",
            "+1",
            "01",
            "1.",
            ".5",
            "1e3",
            "0x1F",
            "1_000",
            "1 ",
            " 1",
            "1 # c",
            "True",
            "yes",
            "~",
            "null",
            "12.5.1",
            "--1",
            "1234567890123456",
            "nan",
            ".inf",
        ] {
            assert_eq!(plain_scalar(text), None, "{text}");
        }
        for text in ["-0", "1e3", "1 # note", "True", "~", "'5'"] {
            assert_eq!(scalar(text), Some(parsed(text)), "{text}");
        }
    }

    #[test]
    fn trailers() {
        let m = "checkin: a/b 1 -> 2\n\nbody: not a trailer\n\nOKR-Key-Result: a/b\nOKR-Reason: scope cut\n";
        assert_eq!(trailer(m, "okr-reason").as_deref(), Some("scope cut"));
        assert_eq!(trailer(m, "body"), None);
    }
}
