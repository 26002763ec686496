//! What the walk learned, kept between runs in `.git/okr/history-index`: for
//! each commit walked, the check-ins and moved targets it made (or that a
//! file in it did not parse), keyed by commit id.
//!
//! A commit id names the commit's whole content and ancestry, and the events
//! of a commit are a function of the commit and its parents alone (see
//! `events::Compared::dependent` for the few that are not: they are never
//! kept, and a walk that meets one is made in full). So an entry never goes
//! stale; a rewritten history (rebase, reset, force-push) only leaves entries
//! that no ref reaches any more, and those are dropped when the index is
//! next written. The index holds the OKR folders it was made for: other
//! folders start a new one.
//!
//! The file is postcard: a header (format, okr's version, the folders) then
//! the entries. One that does not decode, or has another format, is not
//! trusted: the walk starts again and says so in a note. It is written
//! whole, through load's atomic writer, so two runs at once each leave a
//! complete index (the last one's).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::git::CommitList;
use crate::model::{Checkin, Field, ObjectId, Retarget, Val};

const FILE: &str = "history-index";
const MAGIC: &str = "okr-history-index";
const FORMAT: u32 = 3;

/// The events of one commit.
#[derive(Debug, Clone, Default)]
pub struct Events {
    /// The commit's time (the committer's, seconds since the epoch).
    pub time: i64,
    /// A file of the commit did not parse: the commit is skipped.
    pub broken: bool,
    /// It was the first commit of a shallow clone (which "adds" every file).
    pub boundary: bool,
    pub checkins: Vec<Checkin>,
    pub retargets: Vec<Retarget>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    magic: String,
    format: u32,
    okr: String,
    paths: Vec<String>,
}

/// What follows the header.
#[derive(Serialize, Deserialize)]
struct Body {
    walked: Option<StoredList>,
    commits: Vec<Stored>,
}

/// The commits from HEAD of the last walk of all history.
#[derive(Serialize, Deserialize)]
struct StoredList {
    shallow: Vec<[u8; 20]>,
    ids: Vec<[u8; 20]>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    commit: [u8; 20],
    time: i64,
    broken: bool,
    boundary: bool,
    checkins: Vec<StoredCheckin>,
    retargets: Vec<StoredRetarget>,
}

#[derive(Serialize, Deserialize)]
enum StoredVal {
    Num(f64),
    Bool(bool),
}

#[derive(Serialize, Deserialize)]
struct StoredCheckin {
    time: i64,
    offset: i32,
    author: String,
    reference: String,
    cycle: Option<String>,
    old: Option<StoredVal>,
    new: StoredVal,
    score: Option<f64>,
    score_before: Option<f64>,
    source: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredRetarget {
    time: i64,
    offset: i32,
    reference: String,
    cycle: Option<String>,
    field: String,
    old: Option<f64>,
    new: Option<f64>,
    reason: Option<String>,
    score: Option<f64>,
    score_before: Option<f64>,
}

/// The index of one repository and set of OKR folders.
#[derive(Debug, Default)]
pub struct Index {
    file: Option<PathBuf>,
    entries: HashMap<ObjectId, Events>,
    /// The commits from HEAD of the last walk of all history.
    walked: Option<CommitList>,
    /// Whether entries were added since it was read.
    added: bool,
    /// Why the file on disk was not used, when it was there but not trusted.
    pub distrusted: Option<String>,
}

impl Index {
    /// The index under `git_dir` for `paths`: empty when there is none, when
    /// it was made for other folders, or when it cannot be trusted (then
    /// `distrusted` says why).
    pub fn open(git_dir: &Path, paths: &[String]) -> Index {
        let file = git_dir.join("okr").join(FILE);
        let mut index = Index {
            file: Some(file.clone()),
            ..Index::default()
        };
        let Ok(bytes) = std::fs::read(&file) else {
            return index;
        };
        match decode(&bytes) {
            Ok((header, entries, walked)) if header.paths == paths => {
                index.entries = entries;
                index.walked = walked;
            }
            Ok(_) => {} // made for other folders: start a new one, quietly
            Err(why) => {
                index.distrusted = Some(format!(
                    "the history index {} {why}; history was read again from the commits",
                    file.display()
                ))
            }
        }
        index
    }

    pub fn get(&self, commit: ObjectId) -> Option<&Events> {
        self.entries.get(&commit)
    }

    /// Takes the events of a commit out (after [`Index::save`]).
    pub fn take(&mut self, commit: ObjectId) -> Option<Events> {
        self.entries.remove(&commit)
    }

    pub fn put(&mut self, commit: ObjectId, events: Events) {
        self.entries.insert(commit, events);
        self.added = true;
    }

    /// The commits from HEAD of the last walk of all history.
    pub fn walked(&self) -> Option<&CommitList> {
        self.walked.as_ref()
    }

    pub fn set_walked(&mut self, list: CommitList) {
        if self.walked.as_ref() != Some(&list) {
            self.walked = Some(list);
            self.added = true;
        }
    }

    /// Writes the index when anything was added. When it holds more commits
    /// than the last walk of all history listed (history was rewritten, or
    /// another branch walked), it keeps only those of `walked` and those in
    /// `reachable` (what some ref reaches). One that cannot be written is no
    /// error: it only costs time.
    pub fn save(
        &mut self,
        paths: &[String],
        walked: &[ObjectId],
        reachable: impl FnOnce() -> Option<HashSet<ObjectId>>,
    ) {
        if !self.added {
            return;
        }
        self.added = false;
        let Some(file) = &self.file else { return };
        let listed = self.walked.as_ref().map_or(0, |l| l.ids.len());
        if self.entries.len() > listed.max(walked.len())
            && let Some(mut keep) = reachable()
        {
            keep.extend(walked.iter().copied());
            self.entries.retain(|commit, _| keep.contains(commit));
        }
        let bytes = encode(paths, &self.entries, self.walked.as_ref());
        if let Some(target) = crate::model::Writable::cache(file) {
            let _ = crate::load::atomic::write(&target, &bytes);
        }
    }
}

fn encode(
    paths: &[String],
    entries: &HashMap<ObjectId, Events>,
    walked: Option<&CommitList>,
) -> Vec<u8> {
    let header = Header {
        magic: MAGIC.to_owned(),
        format: FORMAT,
        okr: env!("CARGO_PKG_VERSION").to_owned(),
        paths: paths.to_vec(),
    };
    let bytes = |id: &ObjectId| -> [u8; 20] { id.as_bytes().try_into().expect("20 bytes") };
    let mut commits: Vec<Stored> = entries
        .iter()
        .map(|(commit, e)| Stored {
            commit: bytes(commit),
            time: e.time,
            broken: e.broken,
            boundary: e.boundary,
            checkins: e.checkins.iter().map(store_checkin).collect(),
            retargets: e.retargets.iter().map(store_retarget).collect(),
        })
        .collect();
    // The same index, the same bytes.
    commits.sort_by_key(|s| s.commit);
    let body = Body {
        walked: walked.map(|list| StoredList {
            shallow: list.shallow.iter().map(bytes).collect(),
            ids: list.ids.iter().map(bytes).collect(),
        }),
        commits,
    };
    let mut out = postcard::to_stdvec(&header).expect("a header encodes");
    out.extend(postcard::to_stdvec(&body).expect("entries encode"));
    out
}

type Decoded = (Header, HashMap<ObjectId, Events>, Option<CommitList>);

fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let (header, rest) =
        postcard::take_from_bytes::<Header>(bytes).map_err(|e| format!("does not decode ({e})"))?;
    if header.magic != MAGIC {
        return Err("is not an okr history index".to_owned());
    }
    if header.format != FORMAT || header.okr != env!("CARGO_PKG_VERSION") {
        return Err(format!(
            "was written by okr {} (format {}), not this one",
            header.okr, header.format
        ));
    }
    let body: Body = postcard::from_bytes(rest).map_err(|e| format!("does not decode ({e})"))?;
    let mut entries = HashMap::with_capacity(body.commits.len());
    for s in body.commits {
        let commit = ObjectId::from_bytes(s.commit);
        let events = Events {
            time: s.time,
            broken: s.broken,
            boundary: s.boundary,
            checkins: s
                .checkins
                .into_iter()
                .map(|c| load_checkin(commit, c))
                .collect(),
            retargets: s
                .retargets
                .into_iter()
                .map(|r| load_retarget(commit, r))
                .collect::<Result<_, _>>()?,
        };
        entries.insert(commit, events);
    }
    let walked = body.walked.map(|list| CommitList {
        ids: list.ids.into_iter().map(ObjectId::from_bytes).collect(),
        shallow: list.shallow.into_iter().map(ObjectId::from_bytes).collect(),
        unborn: false,
    });
    Ok((header, entries, walked))
}

fn store_val(v: Val) -> StoredVal {
    match v {
        Val::Num(x) => StoredVal::Num(x),
        Val::Bool(b) => StoredVal::Bool(b),
    }
}

fn load_val(v: StoredVal) -> Val {
    match v {
        StoredVal::Num(x) => Val::Num(x),
        StoredVal::Bool(b) => Val::Bool(b),
    }
}

fn store_checkin(c: &Checkin) -> StoredCheckin {
    StoredCheckin {
        time: c.time,
        offset: c.offset,
        author: c.author.clone(),
        reference: c.reference.clone(),
        cycle: c.cycle.clone(),
        old: c.old.map(store_val),
        new: store_val(c.new),
        score: c.score,
        score_before: c.score_before,
        source: c.source.clone(),
    }
}

fn load_checkin(commit: ObjectId, c: StoredCheckin) -> Checkin {
    Checkin {
        commit,
        time: c.time,
        offset: c.offset,
        author: c.author,
        reference: c.reference,
        cycle: c.cycle,
        old: c.old.map(load_val),
        new: load_val(c.new),
        score: c.score,
        score_before: c.score_before,
        source: c.source,
    }
}

fn store_retarget(r: &Retarget) -> StoredRetarget {
    StoredRetarget {
        time: r.time,
        offset: r.offset,
        reference: r.reference.clone(),
        cycle: r.cycle.clone(),
        field: r.field.key().to_owned(),
        old: r.old,
        new: r.new,
        reason: r.reason.clone(),
        score: r.score,
        score_before: r.score_before,
    }
}

fn load_retarget(commit: ObjectId, r: StoredRetarget) -> Result<Retarget, String> {
    Ok(Retarget {
        commit,
        time: r.time,
        offset: r.offset,
        reference: r.reference,
        cycle: r.cycle,
        field: Field::from_key(&r.field).ok_or("names an unknown field")?,
        old: r.old,
        new: r.new,
        reason: r.reason,
        score: r.score,
        score_before: r.score_before,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ObjectId {
        ObjectId::from_bytes([n; 20])
    }

    fn events() -> Events {
        Events {
            time: 1_790_000_000,
            broken: false,
            boundary: false,
            checkins: vec![Checkin {
                commit: id(1),
                time: 1_790_000_000,
                offset: 480,
                author: "张三".into(),
                reference: "o/k".into(),
                cycle: Some("2026-Q4".into()),
                old: Some(Val::Num(1.5)),
                new: Val::Bool(true),
                score: Some(0.5),
                score_before: None,
                source: None,
            }],
            retargets: vec![Retarget {
                commit: id(1),
                time: 1_790_000_000,
                offset: -60,
                reference: "o/k".into(),
                cycle: None,
                field: Field::Target,
                old: Some(10.0),
                new: Some(8.0),
                reason: Some("scope".into()),
                score: None,
                score_before: Some(0.1),
            }],
        }
    }

    #[test]
    fn entries_read_back_as_written() {
        let mut entries = HashMap::new();
        entries.insert(id(1), events());
        entries.insert(id(2), Events::default());
        let paths = vec!["okrs".to_owned()];
        let walked = CommitList {
            ids: vec![id(2), id(1)],
            shallow: vec![id(1)],
            unborn: false,
        };
        let bytes = encode(&paths, &entries, Some(&walked));
        let (header, read, list) = decode(&bytes).expect("decodes");
        assert_eq!(list.as_ref(), Some(&walked));
        assert_eq!(header.paths, paths);
        assert_eq!(read.len(), 2);
        let e = &read[&id(1)];
        assert_eq!(
            format!("{:?}", e.checkins),
            format!("{:?}", events().checkins)
        );
        assert_eq!(
            format!("{:?}", e.retargets),
            format!("{:?}", events().retargets)
        );
        assert_eq!(
            encode(&paths, &read, list.as_ref()),
            bytes,
            "the same index, the same bytes"
        );
    }

    #[test]
    fn damaged_or_foreign_files_are_not_trusted() {
        let mut entries = HashMap::new();
        entries.insert(id(1), events());
        let bytes = encode(&["okrs".to_owned()], &entries, None);
        for cut in [0, 1, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut other = postcard::to_stdvec(&Header {
            magic: MAGIC.into(),
            format: FORMAT + 1,
            okr: env!("CARGO_PKG_VERSION").into(),
            paths: vec![],
        })
        .expect("encodes");
        let body = Body {
            walked: None,
            commits: Vec::new(),
        };
        other.extend(postcard::to_stdvec(&body).expect("encodes"));
        assert!(
            decode(&other)
                .expect_err("another format")
                .contains(&format!("format {}", FORMAT + 1))
        );
        assert!(decode(b"okr-values 4 0.1.0\n").is_err());
    }
}
