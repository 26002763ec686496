//! What `stale` remembers between runs under `.git/okr/values-cache`: the
//! values of file versions by blob id, the first-parent commits it walked, the
//! OKR files of the commit it compared with, and the blob id of each working
//! file with the file's stamp.
//!
//! None of it can go stale: a blob never changes, nor does a commit's first
//! parent or tree, and a blob id is only taken for a file whose stamp is the
//! same (see [`FileStamp`]). The file is binary (a run reads it whole and uses
//! most of it): a header line, the walked commits, the files, the stamps, then
//! one record per blob. Records are checked when used; a file that does not
//! check out is ignored. It also keeps the `OKR-Key-Result:` trailers of the
//! commits of the window (see [`Trailers`]). Writes through load's atomic
//! writer.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::values::FileValues;
use crate::git::Dated;
use crate::model::{FileStamp, ObjectId, Val};

const HEADER: &str = concat!("okr-values 5 ", env!("CARGO_PKG_VERSION"), "\n");
const FILE: &str = "values-cache";
/// The JSON cache of earlier versions, removed when the new one is written.
const OLD_FILE: &str = "values-cache.json";

/// A key result in an [`Entry`]: `objective/kr`, its value, and where the
/// value stands (line, column).
pub type KeyResultAt<'a> = (&'a str, Option<Val>, Option<(u32, u32)>);

/// Values of file versions by blob id, and the first-parent commits the last
/// run walked. Only what this run used is written back.
#[derive(Default)]
pub struct ValuesCache {
    file: Option<PathBuf>,
    bytes: Vec<u8>,
    /// Where each blob's record lies in `bytes`.
    index: HashMap<ObjectId, (usize, usize)>,
    /// Records made by this run.
    added: HashMap<ObjectId, Vec<u8>>,
    used: HashSet<ObjectId>,
    chain: Vec<Dated>,
    listing: Option<Listing>,
    /// Working files (path relative to the working tree): stamp and blob id.
    stamps: HashMap<String, (FileStamp, ObjectId)>,
    trailers: Option<Trailers>,
    /// Whether the commits or the files changed.
    changed: bool,
}

/// The OKR files (path, blob) under some folders of a commit.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub commit: ObjectId,
    /// The folders, one a line.
    pub paths: String,
    pub files: Vec<(String, ObjectId)>,
}

/// The `OKR-Key-Result:` trailers of the commits of `hide..head`, with their
/// author times (seconds since the epoch): the same as long as both stay.
#[derive(Debug, Clone, PartialEq)]
pub struct Trailers {
    pub head: ObjectId,
    pub hide: Option<ObjectId>,
    pub found: Vec<(String, i64)>,
}

/// What the cache holds of one version of a file: each key result's
/// `objective/kr`, its value (`current`, else `done`) and where the value stands
/// (line, column), in file order.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    payload: &'a [u8],
}

impl<'a> Entry<'a> {
    pub fn key_results(self) -> impl Iterator<Item = KeyResultAt<'a>> {
        let mut reader = Reader {
            bytes: self.payload,
            at: 0,
        };
        let count = reader.u32().unwrap_or(0);
        (0..count).map_while(move |_| reader.key_result())
    }

    /// How many key results the entry holds.
    pub fn count(self) -> usize {
        let mut reader = Reader {
            bytes: self.payload,
            at: 0,
        };
        reader.u32().unwrap_or(0) as usize
    }

    /// Whether every key result reads back (a damaged record does not).
    fn is_sound(self) -> bool {
        let mut reader = Reader {
            bytes: self.payload,
            at: 0,
        };
        let Some(count) = reader.u32() else {
            return false;
        };
        (0..count).all(|_| reader.key_result().is_some()) && reader.at == self.payload.len()
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn oid(&mut self) -> Option<ObjectId> {
        Some(ObjectId::from_bytes(self.take(20)?.try_into().ok()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(self.u64()? as i64)
    }

    fn stamp(&mut self) -> Option<FileStamp> {
        Some(FileStamp {
            size: self.u64()?,
            mtime: (self.i64()?, self.u32()?),
            ctime: (self.i64()?, self.u32()?),
            ino: self.u64()?,
        })
    }

    fn text(&mut self) -> Option<&'a str> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// `Some(None)` when there are none.
    fn trailers(&mut self) -> Option<Option<Trailers>> {
        if self.take(1)?[0] == 0 {
            return Some(None);
        }
        let head = self.oid()?;
        let hide = match self.take(1)?[0] {
            0 => None,
            _ => Some(self.oid()?),
        };
        let count = self.u32()? as usize;
        let mut found = Vec::with_capacity(count.min(self.bytes.len() / 12));
        for _ in 0..count {
            found.push((self.text()?.to_owned(), self.i64()?));
        }
        Some(Some(Trailers { head, hide, found }))
    }

    fn key_result(&mut self) -> Option<KeyResultAt<'a>> {
        let reference = self.text()?;
        let value = match self.take(1)?[0] {
            0 => None,
            1 => Some(Val::Bool(false)),
            2 => Some(Val::Bool(true)),
            3 => Some(Val::Num(f64::from_bits(self.u64()?))),
            _ => return None,
        };
        let pos = match self.take(1)?[0] {
            0 => None,
            1 => Some((self.u32()?, self.u32()?)),
            _ => return None,
        };
        Some((reference, value, pos))
    }
}

/// The record of one version of a file (see [`Entry`]).
pub fn encode(values: &FileValues) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + values.krs.len() * 48);
    out.extend_from_slice(&(values.krs.len() as u32).to_le_bytes());
    for (i, (reference, kr)) in values.krs.iter().enumerate() {
        out.extend_from_slice(&(reference.len() as u32).to_le_bytes());
        out.extend_from_slice(reference.as_bytes());
        match kr.value() {
            None => out.push(0),
            Some(Val::Bool(false)) => out.push(1),
            Some(Val::Bool(true)) => out.push(2),
            Some(Val::Num(x)) => {
                out.push(3);
                out.extend_from_slice(&x.to_bits().to_le_bytes());
            }
        }
        match values.value_pos.get(i).copied().flatten() {
            None => out.push(0),
            Some(pos) => {
                out.push(1);
                out.extend_from_slice(&pos.line.to_le_bytes());
                out.extend_from_slice(&pos.column.to_le_bytes());
            }
        }
    }
    out
}

impl ValuesCache {
    /// The cache of the repository whose git directory is `git_dir` (empty when
    /// missing, unreadable or damaged).
    pub fn open(git_dir: &Path) -> ValuesCache {
        let file = git_dir.join("okr").join(FILE);
        let mut cache = ValuesCache {
            file: Some(file.clone()),
            ..ValuesCache::default()
        };
        if let Ok(bytes) = std::fs::read(&file) {
            cache.read(bytes);
        }
        cache
    }

    /// Takes in the contents of a cache file; `None` (and nothing taken) when
    /// it does not check out.
    fn read(&mut self, bytes: Vec<u8>) -> Option<()> {
        let mut reader = Reader {
            bytes: bytes.strip_prefix(HEADER.as_bytes())?,
            at: 0,
        };
        let commits = reader.u32()? as usize;
        let mut chain = Vec::with_capacity(commits.min(bytes.len() / 28));
        for _ in 0..commits {
            chain.push((reader.oid()?, reader.u64()? as i64));
        }
        let listing = match reader.take(1)?[0] {
            0 => None,
            1 => {
                let commit = reader.oid()?;
                let paths = reader.text()?.to_owned();
                let count = reader.u32()? as usize;
                let mut files = Vec::with_capacity(count.min(bytes.len() / 24));
                for _ in 0..count {
                    files.push((reader.text()?.to_owned(), reader.oid()?));
                }
                Some(Listing {
                    commit,
                    paths,
                    files,
                })
            }
            _ => return None,
        };
        let count = reader.u32()? as usize;
        let mut stamps = HashMap::with_capacity(count.min(bytes.len() / 64));
        for _ in 0..count {
            let path = reader.text()?.to_owned();
            stamps.insert(path, (reader.stamp()?, reader.oid()?));
        }
        let trailers = reader.trailers()?;
        let mut index = HashMap::new();
        while reader.at < reader.bytes.len() {
            let oid = reader.oid()?;
            let len = reader.u32()? as usize;
            let start = HEADER.len() + reader.at;
            reader.take(len)?;
            index.insert(oid, (start, start + len));
        }
        self.chain = chain;
        self.listing = listing;
        self.stamps = stamps;
        self.trailers = trailers;
        self.index = index;
        self.bytes = bytes;
        Some(())
    }

    pub fn has(&self, oid: ObjectId) -> bool {
        self.index.contains_key(&oid) || self.added.contains_key(&oid)
    }

    /// The entry of a blob; a damaged record counts as none. Only the entries
    /// of blobs passed to [`ValuesCache::keep`] (or put) are written back.
    pub fn get(&self, oid: ObjectId) -> Option<Entry<'_>> {
        let payload = match self.added.get(&oid) {
            Some(record) => record.as_slice(),
            None => {
                let &(start, end) = self.index.get(&oid)?;
                self.bytes.get(start..end)?
            }
        };
        let entry = Entry { payload };
        entry.is_sound().then_some(entry)
    }

    /// Adds the record of a blob (made by [`encode`]).
    pub fn put(&mut self, oid: ObjectId, record: Vec<u8>) {
        self.used.insert(oid);
        self.added.insert(oid, record);
    }

    /// Keeps the record of a blob for the next run.
    pub fn keep(&mut self, oid: ObjectId) {
        if self.has(oid) {
            self.used.insert(oid);
        }
    }

    /// The first-parent commits from the HEAD of the last run, newest first.
    pub fn first_parents(&self) -> &[Dated] {
        &self.chain
    }

    pub fn set_first_parents(&mut self, chain: Vec<Dated>) {
        if chain != self.chain {
            self.chain = chain;
            self.changed = true;
        }
    }

    /// The OKR files under `paths` (one a line) of `commit`, when the last run
    /// listed them.
    pub fn listing(&self, commit: ObjectId, paths: &str) -> Option<&[(String, ObjectId)]> {
        self.listing
            .as_ref()
            .filter(|l| l.commit == commit && l.paths == paths)
            .map(|l| l.files.as_slice())
    }

    /// The blob id of a working file whose stamp is `stamp`, if the last run saw it so.
    pub fn stamped(&self, path: &str, stamp: FileStamp) -> Option<ObjectId> {
        self.stamps
            .get(path)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, oid)| *oid)
    }

    pub fn set_stamps(&mut self, stamps: HashMap<String, (FileStamp, ObjectId)>) {
        if stamps != self.stamps {
            self.stamps = stamps;
            self.changed = true;
        }
    }

    /// The trailers the last run read.
    pub fn trailers(&self) -> Option<&Trailers> {
        self.trailers.as_ref()
    }

    pub fn set_trailers(&mut self, trailers: Trailers) {
        if self.trailers.as_ref() != Some(&trailers) {
            self.trailers = Some(trailers);
            self.changed = true;
        }
    }

    pub fn set_listing(&mut self, listing: Listing) {
        if self.listing.as_ref() != Some(&listing) {
            self.listing = Some(listing);
            self.changed = true;
        }
    }

    /// Writes the used entries back when anything changed; a cache that cannot
    /// be written is no error (it only costs time).
    pub fn save(self) {
        let Some(file) = &self.file else { return };
        let used = &self.used;
        let unused = self.index.keys().any(|oid| !used.contains(oid));
        if self.added.is_empty() && !unused && !self.changed {
            return;
        }
        let mut out = Vec::with_capacity(self.bytes.len().max(1 << 16));
        out.extend_from_slice(HEADER.as_bytes());
        out.extend_from_slice(&(self.chain.len() as u32).to_le_bytes());
        for (oid, time) in &self.chain {
            out.extend_from_slice(oid.as_bytes());
            out.extend_from_slice(&(*time as u64).to_le_bytes());
        }
        let text = |out: &mut Vec<u8>, text: &str| {
            out.extend_from_slice(&(text.len() as u32).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        };
        match &self.listing {
            None => out.push(0),
            Some(listing) => {
                out.push(1);
                out.extend_from_slice(listing.commit.as_bytes());
                text(&mut out, &listing.paths);
                out.extend_from_slice(&(listing.files.len() as u32).to_le_bytes());
                for (path, oid) in &listing.files {
                    text(&mut out, path);
                    out.extend_from_slice(oid.as_bytes());
                }
            }
        }
        out.extend_from_slice(&(self.stamps.len() as u32).to_le_bytes());
        for (path, (stamp, oid)) in &self.stamps {
            text(&mut out, path);
            out.extend_from_slice(&stamp.size.to_le_bytes());
            for (seconds, nanoseconds) in [stamp.mtime, stamp.ctime] {
                out.extend_from_slice(&(seconds as u64).to_le_bytes());
                out.extend_from_slice(&nanoseconds.to_le_bytes());
            }
            out.extend_from_slice(&stamp.ino.to_le_bytes());
            out.extend_from_slice(oid.as_bytes());
        }
        match &self.trailers {
            None => out.push(0),
            Some(t) => {
                out.push(1);
                out.extend_from_slice(t.head.as_bytes());
                match t.hide {
                    None => out.push(0),
                    Some(hide) => {
                        out.push(1);
                        out.extend_from_slice(hide.as_bytes());
                    }
                }
                out.extend_from_slice(&(t.found.len() as u32).to_le_bytes());
                for (reference, time) in &t.found {
                    text(&mut out, reference);
                    out.extend_from_slice(&(*time as u64).to_le_bytes());
                }
            }
        }
        let mut record = |oid: &ObjectId, payload: &[u8]| {
            out.extend_from_slice(oid.as_bytes());
            out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            out.extend_from_slice(payload);
        };
        for (oid, &(start, end)) in &self.index {
            if used.contains(oid) && !self.added.contains_key(oid) {
                record(oid, &self.bytes[start..end]);
            }
        }
        for (oid, payload) in &self.added {
            if used.contains(oid) {
                record(oid, payload);
            }
        }
        if let Some(target) = crate::model::Writable::cache(file) {
            let _ = crate::load::atomic::write(&target, &out);
        }
        if let Some(dir) = file.parent() {
            let _ = std::fs::remove_file(dir.join(OLD_FILE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE_V1: &str = "cycle: 2026-Q4\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        start: 1\n        target: 5\n        current: 2.5\n      - {id: m, done: true}\n      - id: n\n        title: no value\n";

    #[test]
    fn records_read_back_and_damage_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let values = FileValues::read(FILE_V1).unwrap();
        let oid = crate::git::blob_id(FILE_V1.as_bytes()).unwrap();
        let other = crate::git::blob_id(b"other").unwrap();
        let mut cache = ValuesCache::open(dir.path());
        assert!(!cache.has(oid));
        cache.put(oid, encode(&values));
        cache.set_first_parents(vec![(other, 1_700_000_000)]);
        let listing = Listing {
            commit: other,
            paths: "okrs".into(),
            files: vec![("okrs/a.yaml".into(), oid)],
        };
        cache.set_listing(listing.clone());
        let stamp = FileStamp {
            size: 120,
            mtime: (1_700_000_000, 5),
            ctime: (1_700_000_001, 999_999_999),
            ino: 42,
        };
        cache.set_stamps(HashMap::from([("okrs/a.yaml".to_owned(), (stamp, oid))]));
        let trailers = Trailers {
            head: oid,
            hide: Some(other),
            found: vec![("o/k".into(), 1_700_000_100)],
        };
        cache.set_trailers(trailers.clone());
        let read: Vec<(String, _, _)> = cache
            .get(oid)
            .unwrap()
            .key_results()
            .map(|(r, v, p)| (r.to_owned(), v, p))
            .collect();
        cache.save();

        let cache = ValuesCache::open(dir.path());
        assert_eq!(cache.first_parents(), [(other, 1_700_000_000)]);
        assert_eq!(cache.listing(other, "okrs"), Some(listing.files.as_slice()));
        assert_eq!(cache.listing(other, "okrs\nmore"), None);
        assert_eq!(cache.listing(oid, "okrs"), None);
        assert_eq!(cache.stamped("okrs/a.yaml", stamp), Some(oid));
        assert_eq!(cache.trailers(), Some(&trailers));
        let touched = FileStamp {
            ctime: (1_700_000_002, 0),
            ..stamp
        };
        assert_eq!(cache.stamped("okrs/a.yaml", touched), None);
        assert_eq!(cache.stamped("okrs/b.yaml", stamp), None);
        let again: Vec<_> = cache.get(oid).unwrap().key_results().collect();
        let owned: Vec<_> = again
            .iter()
            .map(|(r, v, p)| ((*r).to_owned(), *v, *p))
            .collect();
        assert_eq!(owned, read);
        assert_eq!(
            again,
            [
                ("o/k", Some(Val::Num(2.5)), Some((8, 18))),
                ("o/m", Some(Val::Bool(true)), Some((9, 23))),
                ("o/n", None, None),
            ]
        );
        assert!(cache.get(other).is_none());

        // A damaged file reads as empty; a damaged record as missing.
        let path = dir.path().join("okr").join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let len = bytes.len();
        bytes[len - 2] = 9; // the value tag of the last key result
        std::fs::write(&path, &bytes).unwrap();
        assert!(ValuesCache::open(dir.path()).get(oid).is_none());
        std::fs::write(&path, &bytes[..len - 3]).unwrap();
        assert!(!ValuesCache::open(dir.path()).has(oid));
        std::fs::write(&path, "{ not a cache").unwrap();
        assert!(ValuesCache::open(dir.path()).first_parents().is_empty());
    }
}
