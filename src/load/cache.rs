//! A cache of the decoded model under the git directory, for the views.
//!
//! Parsing is most of what `okr status` costs. When okr.yaml and every OKR file
//! have the stamp (size, modification and change times, inode) recorded in the
//! cache, the views read the model from `.git/okr/model-cache.json` instead. Any
//! difference (a file added, removed or touched) loads everything from the files
//! and rewrites the cache. Files modified within the last two seconds have no
//! stamp (see [`super::stamp`]) and are not trusted to the cache.
//! The cache also remembers what loading left out ([`LeftOut`]), so that a view
//! read from it says so as one read from the files does. It does not know git:
//! the caller says where the cache lives (`git::cache_file`).

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{atomic, list_files, stamp};
use crate::finding::{Finding, LeftOut};
use crate::model::root::Budget;
use crate::model::{
    CONFIG_FILE, Config, FileStamp, OkrFile, Org, ParseProblem, Root, SourceFile, Writable,
    okr_paths,
};

/// The name of the model cache, for the caller to say where it lives (see
/// `git::cache_file`).
pub const MODEL_CACHE: &str = "model-cache";
/// The name of the cache of okr.yaml's `paths`.
pub const PATHS_CACHE: &str = "paths-cache";

/// Changes whenever the cached types or their meaning change.
const FORMAT: &str = concat!("okr-model-cache 5 ", env!("CARGO_PKG_VERSION"));

#[derive(Serialize, Deserialize)]
struct Cache {
    format: String,
    config: FileStamp,
    config_value: Config,
    files: Vec<Entry>,
    /// What loading left out of these files.
    left_out: Vec<LeftOut>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: String,
    stamp: FileStamp,
    /// `None` when the file does not parse.
    okr: Option<OkrFile>,
    /// Why it does not parse, and its text (the text of the files that
    /// parse is not kept).
    broken: Option<(ParseProblem, String)>,
}

const PATHS_FORMAT: &str = concat!("okr-paths-cache 3 ", env!("CARGO_PKG_VERSION"));

/// What [`configured_paths`] remembers.
#[derive(Serialize, Deserialize)]
struct PathsCache {
    format: String,
    config: FileStamp,
    paths: Vec<String>,
}

/// okr.yaml's `paths` as `read` reads them, remembered in `file` (under the
/// git directory; `None`: not remembered) while okr.yaml keeps its stamp (a
/// large okr.yaml takes a while to parse, and history needs only these few
/// lines of it).
pub fn configured_paths(
    root: &Path,
    file: Option<&Path>,
    read: impl FnOnce() -> Vec<String>,
) -> Vec<String> {
    let Some(file) = file else {
        return read();
    };
    // The stamp is taken before reading: a change made while reading gives
    // another stamp, and the paths read are not remembered under it.
    let before = stamp::of_path(&root.join(CONFIG_FILE));
    if let Some(before) = before
        && let Ok(bytes) = fs::read(file)
        && let Ok(cache) = serde_json::from_slice::<PathsCache>(&bytes)
        && cache.format == PATHS_FORMAT
        && cache.config == before
    {
        return cache.paths;
    }
    let paths = read();
    if let Some(config) = before {
        let cache = PathsCache {
            format: PATHS_FORMAT.to_owned(),
            config,
            paths: paths.clone(),
        };
        // A cache that cannot be written only costs speed.
        if let Ok(json) = serde_json::to_vec(&cache)
            && let Some(target) = Writable::cache(file)
        {
            let _ = atomic::write(&target, &json);
        }
    }
    paths
}

/// The organisation from the cache `file` when nothing changed, else from the
/// files (and the cache is rewritten), with what was left out of it. `file` is
/// where the cache lives (under the git directory; `None`: no cache). `shown`
/// picks, from the findings of loading, those to tell (located: with their
/// positions).
pub fn load_cached(
    root: &Path,
    file: Option<&Path>,
    shown: impl FnOnce(&Org, Vec<Finding>) -> Vec<Finding>,
) -> anyhow::Result<(Org, Vec<LeftOut>)> {
    let Some(file) = file else {
        return from_files(root, None, shown);
    };
    if let Some(org) = read(file, root) {
        return Ok(org);
    }
    from_files(root, Some(file), shown)
}

fn read(file: &Path, root: &Path) -> Option<(Org, Vec<LeftOut>)> {
    let text = fs::read(file).ok()?;
    let cache: Cache = serde_json::from_slice(&text).ok()?;
    if cache.format != FORMAT || stamp::of_path(&root.join(CONFIG_FILE))? != cache.config {
        return None;
    }
    let paths = okr_paths(&cache.config_value.paths);
    let (listed, _) = list_files(&Root::new(root), &paths, &Budget::default());
    if listed.len() != cache.files.len() {
        return None;
    }
    for (rel, entry) in listed.iter().zip(&cache.files) {
        if *rel != entry.path || stamp::of_path(&root.join(rel))? != entry.stamp {
            return None;
        }
    }
    let files = cache
        .files
        .into_iter()
        .map(|mut e| {
            if let Some(okr) = &mut e.okr {
                tighten(okr);
            }
            let (problem, text) = e.broken.unzip();
            SourceFile {
                path: e.path,
                text: text.unwrap_or_default(),
                okr: e.okr,
                problem,
                stamp: None,
            }
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

/// Gives back the room the JSON reader left in the model's lists (it grows
/// them by doubling): a fifth of the model at 10,000 teams.
fn tighten(file: &mut OkrFile) {
    file.objectives.shrink_to_fit();
    for o in &mut file.objectives {
        o.aligns.shrink_to_fit();
        o.key_results.shrink_to_fit();
        o.initiatives.shrink_to_fit();
    }
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
    let config = stamp::of_path(&root.join(CONFIG_FILE))?;
    let mut files = Vec::with_capacity(org.files.len());
    for f in &org.files {
        let s = stamp::of_path(&root.join(&f.path))?;
        files.push(EntryRef {
            path: &f.path,
            stamp: s,
            okr: f.okr.as_ref(),
            broken: f.problem.as_ref().map(|p| (p, f.text.as_str())),
        });
    }
    let cache = CacheRef {
        format: FORMAT,
        config,
        config_value: &org.config,
        files,
        left_out,
    };
    atomic::write_with(&Writable::cache(file)?, |out| {
        Ok(serde_json::to_writer(out, &cache)?)
    })
    .ok()
}

/// [`Cache`] as written: the same fields, borrowed from the organisation, so
/// that writing copies nothing of the model.
#[derive(Serialize)]
struct CacheRef<'a> {
    format: &'a str,
    config: FileStamp,
    config_value: &'a Config,
    files: Vec<EntryRef<'a>>,
    left_out: &'a [LeftOut],
}

#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a str,
    stamp: FileStamp,
    okr: Option<&'a OkrFile>,
    broken: Option<(&'a ParseProblem, &'a str)>,
}
