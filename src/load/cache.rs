//! A cache of the decoded model under the git directory, for the views.
//!
//! Parsing is most of what `okr status` costs. When okr.yaml and every OKR file
//! have the size, modification time, change time and inode recorded in the
//! cache, the views read the model from `.git/okr/model-cache.json` instead. Any difference (a file
//! added, removed or touched) loads everything from the files and rewrites the
//! cache. Files modified within the last two seconds are not trusted to the cache
//! (their next change could keep the same time stamp), as git does for its index.
//! The cache also remembers what loading left out ([`LeftOut`]), so that a view
//! read from it says so as one read from the files does.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::left_out::LeftOut;
use super::{CONFIG_FILE, DEFAULT_PATH, Org, SourceFile, list_files};
use crate::finding::Finding;
use crate::model::{Config, OkrFile};

/// Changes whenever the cached types or their meaning change.
const FORMAT: &str = concat!("okr-model-cache 3 ", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime: i64,
    mtime_nsec: i64,
    /// The inode's change time: an edit that puts the modification time back
    /// (`touch -d`, tools that keep times) still changes it.
    ctime: i64,
    ctime_nsec: i64,
    ino: u64,
}

#[derive(Serialize, Deserialize)]
struct Cache {
    format: String,
    config: Stamp,
    config_value: Config,
    files: Vec<Entry>,
    /// What loading left out of these files.
    left_out: Vec<LeftOut>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    stamp: Stamp,
    /// `None` when the file does not parse.
    okr: Option<OkrFile>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
    let mtime = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    #[cfg(unix)]
    let (ctime, ctime_nsec, ino) = {
        use std::os::unix::fs::MetadataExt;
        (m.ctime(), m.ctime_nsec(), m.ino())
    };
    #[cfg(not(unix))]
    let (ctime, ctime_nsec, ino) = (0, 0, 0);
    Some(Stamp {
        size: m.len(),
        mtime: i64::try_from(mtime.as_secs()).ok()?,
        mtime_nsec: i64::from(mtime.subsec_nanos()),
        ctime,
        ctime_nsec,
        ino,
    })
}

/// Where the cache of an OKR root lives: inside its git directory, else nowhere.
fn cache_file(root: &Path) -> Option<PathBuf> {
    named_file(root, "model-cache")
}

/// `.git/okr/NAME.json` for an OKR root at the top of the working tree, else
/// `NAME-FOLDER.json` (`/` written `%`); `None` outside git.
fn named_file(root: &Path, name: &str) -> Option<PathBuf> {
    let repo = crate::git::Repo::discover(root).ok()??;
    let rel = super::relative(repo.workdir(), root);
    let name = if rel.is_empty() {
        format!("{name}.json")
    } else {
        format!("{name}-{}.json", rel.replace('/', "%"))
    };
    Some(repo.git_dir().join("okr").join(name))
}

const PATHS_FORMAT: &str = concat!("okr-paths-cache 2 ", env!("CARGO_PKG_VERSION"));

/// What [`configured_paths`] remembers.
#[derive(Serialize, Deserialize)]
struct PathsCache {
    format: String,
    config: Stamp,
    paths: Vec<String>,
}

/// okr.yaml's `paths` as `read` reads them, remembered under the git directory
/// while okr.yaml keeps its size, modification and change times and inode (a
/// large okr.yaml takes a while to parse, and history needs only these few
/// lines of it).
pub fn configured_paths(root: &Path, read: impl FnOnce() -> Vec<String>) -> Vec<String> {
    let Some(file) = named_file(root, "paths-cache") else {
        return read();
    };
    // The stamp is taken before reading: a change made while reading gives
    // another stamp, and the paths read are not remembered under it.
    let before = stamp(&root.join(CONFIG_FILE));
    if let Some(before) = before
        && let Ok(bytes) = fs::read(&file)
        && let Ok(cache) = serde_json::from_slice::<PathsCache>(&bytes)
        && cache.format == PATHS_FORMAT
        && cache.config == before
    {
        return cache.paths;
    }
    let paths = read();
    if let Some(config) = before.filter(|s| !is_fresh(s)) {
        let cache = PathsCache {
            format: PATHS_FORMAT.to_owned(),
            config,
            paths: paths.clone(),
        };
        // A cache that cannot be written only costs speed.
        if let Ok(json) = serde_json::to_vec(&cache) {
            let _ = write_atomically(&file, &json);
        }
    }
    paths
}

/// Modified in the last two seconds: a later change could keep the same time stamp.
fn is_fresh(s: &Stamp) -> bool {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(i64::MAX, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    s.mtime >= now - 2
}

/// Writes a cache file: `bytes` to a temporary file beside `file` (creating the
/// folder), then renamed over it. `None` when that failed; a cache that cannot
/// be written is only a slower next run.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> Option<()> {
    let dir = file.parent()?;
    fs::create_dir_all(dir).ok()?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        file.file_name()?.to_string_lossy(),
        std::process::id()
    ));
    fs::write(&tmp, bytes).ok()?;
    if fs::rename(&tmp, file).is_err() {
        let _ = fs::remove_file(&tmp);
        return None;
    }
    Some(())
}

/// The organisation from the cache when nothing changed, else from the files (and
/// the cache is rewritten), with what was left out of it. `shown` picks, from
/// the findings of loading, those to tell (located: with their positions).
pub fn load_cached(
    root: &Path,
    shown: impl FnOnce(&Org, Vec<Finding>) -> Vec<Finding>,
) -> anyhow::Result<(Org, Vec<LeftOut>)> {
    let Some(file) = cache_file(root) else {
        return from_files(root, None, shown);
    };
    if let Some(org) = read(&file, root) {
        return Ok(org);
    }
    from_files(root, Some(&file), shown)
}

fn read(file: &Path, root: &Path) -> Option<(Org, Vec<LeftOut>)> {
    let text = fs::read(file).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    if cache.format != FORMAT || stamp(&root.join(CONFIG_FILE))? != cache.config {
        return None;
    }
    let paths = if cache.config_value.paths.is_empty() {
        vec![DEFAULT_PATH.to_owned()]
    } else {
        cache.config_value.paths.clone()
    };
    let (listed, _) = list_files(root, &paths).ok()?;
    if listed.len() != cache.files.len() {
        return None;
    }
    for ((rel, full), entry) in listed.iter().zip(&cache.files) {
        if *rel != entry.path || stamp(full)? != entry.stamp {
            return None;
        }
    }
    let files = cache
        .files
        .into_iter()
        .map(|e| SourceFile {
            path: e.path,
            text: String::new(),
            okr: e.okr,
            stamp: None,
        })
        .collect();
    let org = Org {
        root: root.to_path_buf(),
        config: cache.config_value,
        config_text: String::new(),
        files,
    };
    Some((org, cache.left_out))
}

fn from_files(
    root: &Path,
    cache: Option<&Path>,
    shown: impl FnOnce(&Org, Vec<Finding>) -> Vec<Finding>,
) -> anyhow::Result<(Org, Vec<LeftOut>)> {
    let (org, findings) = super::load(root)?;
    let config_broken = findings
        .iter()
        .any(|f| f.rule == "yaml" && f.file == CONFIG_FILE);
    let left_out: Vec<LeftOut> = shown(&org, findings).iter().map(LeftOut::of).collect();
    if let Some(cache) = cache
        && !config_broken
    {
        // A cache that cannot be written only costs speed.
        let _ = write(cache, root, &org, &left_out);
    }
    Ok((org, left_out))
}

fn write(file: &Path, root: &Path, org: &Org, left_out: &[LeftOut]) -> Option<()> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() as i64;
    let fresh = |s: &Stamp| s.mtime >= now - 2;
    let config = stamp(&root.join(CONFIG_FILE)).filter(|s| !fresh(s))?;
    let mut files = Vec::with_capacity(org.files.len());
    for f in &org.files {
        let s = stamp(&root.join(&f.path)).filter(|s| !fresh(s))?;
        files.push(Entry {
            path: f.path.clone(),
            stamp: s,
            okr: f.okr.clone(),
        });
    }
    let cache = Cache {
        format: FORMAT.to_owned(),
        config,
        config_value: org.config.clone(),
        files,
        left_out: left_out.to_vec(),
    };
    write_atomically(file, &serde_json::to_vec(&cache).ok()?)
}
