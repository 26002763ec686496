//! The organisation as read from an OKR root: okr.yaml and every OKR file,
//! their texts and decoded models, as plain data. `load` fills it in; nothing
//! here reads a file.

use std::path::{Path, PathBuf};

use super::{Config, OkrFile, ParseProblem};

/// The file that makes a folder an OKR root, and configures it.
pub const CONFIG_FILE: &str = "okr.yaml";

/// Where the OKR files are when okr.yaml names no `paths`: relative to the
/// OKR root.
pub const DEFAULT_PATHS: &[&str] = &["okrs"];

/// The folders (or files) holding OKR files: okr.yaml's `paths`, else
/// [`DEFAULT_PATHS`].
pub fn okr_paths(configured: &[String]) -> Vec<String> {
    if configured.is_empty() {
        DEFAULT_PATHS.iter().map(|p| (*p).to_owned()).collect()
    } else {
        configured.to_vec()
    }
}

/// `path` relative to `root`, with `/` separators.
pub fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Everything read from an OKR root.
#[derive(Debug)]
pub struct Org {
    pub root: PathBuf,
    pub config: Config,
    pub config_text: String,
    pub files: Vec<SourceFile>,
}

/// One OKR file as read from disk.
#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the OKR root, `/` separators.
    pub path: String,
    pub text: String,
    /// The decoded file; `None` when it did not parse.
    pub okr: Option<OkrFile>,
    /// Why it did not parse (or could not be read), when `okr` is `None`.
    pub problem: Option<ParseProblem>,
    /// What the file system said of the file just before it was read.
    pub stamp: Option<FileStamp>,
}

/// A file's size, modification and change times and inode: while they stay
/// the same, so does the file. `load::stamp` takes them, only for files not
/// modified in the two seconds before (a later change could keep the same
/// time stamp), and where the platform tells change times (Unix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub size: u64,
    pub mtime: (i64, u32),
    pub ctime: (i64, u32),
    pub ino: u64,
}

impl Org {
    /// The source text of a file by its relative path (okr.yaml included).
    pub fn text_of(&self, path: &str) -> Option<&str> {
        if path == CONFIG_FILE {
            return Some(&self.config_text);
        }
        self.file(path).map(|f| f.text.as_str())
    }

    /// An OKR file by its relative path.
    pub fn file(&self, path: &str) -> Option<&SourceFile> {
        // Files are kept sorted by path: a binary search, then a scan in case not.
        let found = self
            .files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i]);
        found.or_else(|| self.files.iter().find(|f| f.path == path))
    }

    /// Decoded OKR files with their relative paths.
    pub fn okr_files(&self) -> impl Iterator<Item = (&str, &OkrFile)> {
        self.files
            .iter()
            .filter_map(|f| f.okr.as_ref().map(|o| (f.path.as_str(), o)))
    }
}
