//! The one boundary for paths. Every file okr reads or writes in a repository
//! is named by a path relative to a root (the OKR root; the git folder for
//! caches) and resolved here, and must stay inside that root:
//!
//! - a path written in a file (okr.yaml's `paths`, a source's `path`) is
//!   relative and has no `..` ([`check_relative`]);
//! - an id that becomes part of a file name follows the id grammar ([`is_file_id`]);
//! - reading follows a symbolic link only when it leads to a place inside the
//!   root, and reads only regular files, up to [`MAX_FILE_BYTES`] each and a
//!   [`Budget`] per run;
//! - walking a folder never descends into a linked folder (as git does), so
//!   links cannot make it loop;
//! - writing never goes through a symbolic link and never replaces one
//!   ([`Root::for_write`]; the atomic writer takes only a [`Writable`]).
//!
//! This is the model's only I/O: it looks at the file system and opens files,
//! so that loading, sources and commands all keep the same boundary.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The largest file okr reads: 16 MB (an OKR file needs a few kB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The most bytes one run reads from the files of a root: 256 MB.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// The most files one run lists under a root: 100,000.
pub const MAX_FILES: usize = 100_000;

/// Why a path was refused or a file not read.
#[derive(Debug)]
pub enum PathError {
    /// The path itself leaves the root: absolute, `..`, empty. `why` says how.
    Outside {
        path: String,
        why: &'static str,
    },
    /// `link`, on the way to `path`, is a symbolic link leading outside the root.
    LinkLeaves {
        path: String,
        link: String,
    },
    /// A write would go through or replace the symbolic link `link`.
    Link {
        path: String,
        link: String,
    },
    /// Not a regular file: a folder, device, pipe or socket.
    NotRegular {
        path: String,
    },
    /// Larger than `limit` bytes.
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
    },
    /// The run's budget of files or bytes is spent.
    Budget {
        path: String,
        limit: String,
    },
    Io {
        path: String,
        error: io::Error,
    },
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Outside { path, why } => write!(
                f,
                "`{path}` {why}; okr reads and writes only inside the OKR root, so write a path relative to it, without `..`"
            ),
            PathError::LinkLeaves { link, .. } => write!(
                f,
                "`{link}` is a symbolic link that leads outside the OKR root; okr does not follow it"
            ),
            PathError::Link { link, .. } => write!(
                f,
                "`{link}` is a symbolic link; okr does not write through or over links, so edit the file it points to"
            ),
            PathError::NotRegular { path } => write!(
                f,
                "`{path}` is not a regular file (a folder, device, pipe or socket); okr reads only regular files"
            ),
            PathError::TooLarge { size, limit, .. } => write!(
                f,
                "the file is {} MB; OKR files are limited to {} MB, split it into several files",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            PathError::Budget { limit, .. } => write!(
                f,
                "not read: okr reads at most {limit} in one run; split the repository or narrow `paths` in okr.yaml"
            ),
            PathError::Io { path, error } => write!(f, "cannot read `{path}`: {error}"),
        }
    }
}

impl std::error::Error for PathError {}

/// Whether `path`, written in a file, names a place inside the folder it is
/// relative to: the reason when it does not.
pub fn check_relative(path: &str) -> Result<(), &'static str> {
    let trimmed = path.trim();
    let bytes = trimmed.as_bytes();
    let drive = bytes.len() >= 2 && bytes[1] == b':';
    if trimmed.is_empty() {
        Err("is empty")
    } else if drive || trimmed.starts_with(['/', '\\', '~']) {
        Err("is an absolute path")
    } else if trimmed.contains('\0') {
        Err("holds a NUL character")
    } else if trimmed.split(['/', '\\']).any(|part| part == "..") {
        Err("climbs out of the OKR root with `..`")
    } else {
        Ok(())
    }
}

/// Whether a path written in a file stays inside the folder it is relative to:
/// not empty, not absolute (nor a Windows drive or UNC path), no `..` component.
pub fn path_stays_inside(path: &str) -> bool {
    check_relative(path).is_ok()
}

/// Whether `id` may become part of a file name: lowercase letters, digits,
/// `-`, `_` and `.`, not starting with `.` or `-`, never `..`.
pub fn is_file_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with(['.', '-'])
        && !id.contains("..")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

/// Whether `name` (a cycle id such as `2026-Q4`) may be one folder or file
/// name: no separator, no `..`, not hidden, no control character.
pub fn is_path_part(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains("..")
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
}

/// What one run may still read: files listed and bytes read, shared by threads.
#[derive(Debug)]
pub struct Budget {
    files: AtomicUsize,
    bytes: AtomicU64,
    max_files: usize,
    max_bytes: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(MAX_FILES, MAX_TOTAL_BYTES)
    }
}

impl Budget {
    pub fn new(max_files: usize, max_bytes: u64) -> Budget {
        Budget {
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            max_files,
            max_bytes,
        }
    }

    /// Counts one more file; `false` when that is one too many.
    fn take_file(&self) -> bool {
        self.files.fetch_add(1, Ordering::Relaxed) < self.max_files
    }

    /// Counts `n` more bytes; `false` (and nothing counted) when they do not fit.
    fn take_bytes(&self, n: u64) -> bool {
        self.bytes
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                used.checked_add(n).filter(|total| *total <= self.max_bytes)
            })
            .is_ok()
    }

    fn files_limit(&self) -> String {
        format!("{} files", self.max_files)
    }

    fn bytes_limit(&self) -> String {
        format!("{} MB", self.max_bytes / (1024 * 1024))
    }
}

/// A place okr may write: resolved by [`Root::for_write`], the only way to get one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writable(PathBuf);

impl Writable {
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A file okr keeps for itself in a folder of its own (a cache under the
    /// git directory): resolved against that folder, so it is not a link.
    pub fn cache(file: &Path) -> Option<Writable> {
        let name = file.file_name()?.to_str()?;
        Root::new(file.parent()?).for_write(name).ok()
    }
}

/// A folder every path is resolved against and kept inside.
#[derive(Debug, Clone)]
pub struct Root {
    /// Canonical.
    dir: PathBuf,
    /// As given, for full paths built from it.
    given: PathBuf,
}

impl Root {
    /// The root at `dir`, with symbolic links in `dir` itself resolved (they are
    /// the user's choice, not the repository's).
    pub fn new(dir: &Path) -> Root {
        Root {
            dir: dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
            given: dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `full` (a path below the root) relative to the root, with `/`; `None`
    /// when it is not below it.
    pub fn relative(&self, full: &Path) -> Option<String> {
        let rel = full
            .strip_prefix(&self.dir)
            .or_else(|_| full.strip_prefix(&self.given))
            .ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// The place `rel` names, for reading: it may be a link (or lie behind
    /// one) only when the link leads to a place inside the root. The place need
    /// not exist.
    pub fn resolve(&self, rel: &str) -> Result<PathBuf, PathError> {
        self.walk_to(rel, false)
    }

    /// The place `rel` names, for writing: no part of it is a symbolic link,
    /// and it is a regular file when it exists.
    pub fn for_write(&self, rel: &str) -> Result<Writable, PathError> {
        let full = self.walk_to(rel, true)?;
        match fs::symlink_metadata(&full) {
            Ok(meta) if !meta.is_file() => Err(PathError::NotRegular {
                path: rel.to_owned(),
            }),
            _ => Ok(Writable(full)),
        }
    }

    /// Like [`Root::for_write`] for a full path below the root.
    pub fn for_write_path(&self, full: &Path) -> Result<Writable, PathError> {
        let rel = self.relative(full).ok_or_else(|| PathError::Outside {
            path: full.display().to_string(),
            why: "is not inside the OKR root",
        })?;
        self.for_write(&rel)
    }

    fn walk_to(&self, rel: &str, writing: bool) -> Result<PathBuf, PathError> {
        check_relative(rel).map_err(|why| PathError::Outside {
            path: rel.to_owned(),
            why,
        })?;
        let mut at = self.dir.clone();
        let mut so_far = String::new();
        for part in rel
            .split(std::path::is_separator)
            .filter(|p| !p.is_empty() && *p != ".")
        {
            at.push(part);
            if !so_far.is_empty() {
                so_far.push('/');
            }
            so_far.push_str(part);
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    if writing {
                        return Err(PathError::Link {
                            path: rel.to_owned(),
                            link: so_far,
                        });
                    }
                    match at.canonicalize() {
                        Ok(real) if real.starts_with(&self.dir) => {}
                        Ok(_) => {
                            return Err(PathError::LinkLeaves {
                                path: rel.to_owned(),
                                link: so_far,
                            });
                        }
                        Err(_) if leaves_as_written(&at, &self.dir) => {
                            return Err(PathError::LinkLeaves {
                                path: rel.to_owned(),
                                link: so_far,
                            });
                        }
                        Err(error) => {
                            return Err(PathError::Io {
                                path: rel.to_owned(),
                                error,
                            });
                        }
                    }
                }
                Ok(_) => {}
                // The rest does not exist (yet): nothing further can be a link.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok(self.dir.join(rel));
                }
                Err(error) => {
                    return Err(PathError::Io {
                        path: rel.to_owned(),
                        error,
                    });
                }
            }
        }
        Ok(at)
    }

    /// Reads the regular file `rel`, within `budget` and [`MAX_FILE_BYTES`]:
    /// its bytes and its metadata as of opening it.
    pub fn read(&self, rel: &str, budget: &Budget) -> Result<(Vec<u8>, fs::Metadata), PathError> {
        self.read_limited(rel, budget, MAX_FILE_BYTES)
    }

    /// Like [`Root::read`], with another limit for the one file.
    pub fn read_limited(
        &self,
        rel: &str,
        budget: &Budget,
        limit: u64,
    ) -> Result<(Vec<u8>, fs::Metadata), PathError> {
        let full = self.resolve(rel)?;
        let io = |error| PathError::Io {
            path: rel.to_owned(),
            error,
        };
        // Asked before opening: opening a pipe would wait for a writer.
        let before = fs::metadata(&full).map_err(io)?;
        if !before.is_file() {
            return Err(PathError::NotRegular {
                path: rel.to_owned(),
            });
        }
        let file = fs::File::open(&full).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            return Err(PathError::NotRegular {
                path: rel.to_owned(),
            });
        }
        let too_large = |size| PathError::TooLarge {
            path: rel.to_owned(),
            size,
            limit,
        };
        if meta.len() > limit {
            return Err(too_large(meta.len()));
        }
        if !budget.take_bytes(meta.len()) {
            return Err(PathError::Budget {
                path: rel.to_owned(),
                limit: budget.bytes_limit(),
            });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        // A file that grows while read stops at the limit.
        file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(too_large(bytes.len() as u64));
        }
        Ok((bytes, meta))
    }

    /// The files below the folder (or the one file) `rel` whose names `keep`
    /// accepts, as paths relative to the root, in no particular order. Names
    /// starting with `.` are skipped, and linked folders are not entered.
    /// `Ok(None)` when `rel` names nothing.
    pub fn list(
        &self,
        rel: &str,
        budget: &Budget,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Option<Vec<String>>, PathError> {
        let full = self.resolve(rel)?;
        let rel = rel.trim_end_matches('/');
        let Ok(meta) = fs::metadata(&full) else {
            return Ok(None);
        };
        if meta.is_file() {
            return Ok(keep(rel).then(|| vec![rel.to_owned()]));
        }
        if !meta.is_dir() {
            return Ok(None);
        }
        let mut out = Vec::new();
        let mut todo = vec![(full, rel.to_owned())];
        while let Some((dir, dir_rel)) = todo.pop() {
            let io = |error| PathError::Io {
                path: dir_rel.clone(),
                error,
            };
            for entry in fs::read_dir(&dir).map_err(io)? {
                let entry = entry.map_err(io)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let child = format!("{dir_rel}/{name}");
                let kind = entry.file_type().map_err(io)?;
                if kind.is_dir() {
                    todo.push((entry.path(), child));
                } else if keep(&child) {
                    // Files and links to files; a link to a folder is a file
                    // here and refused when read.
                    if !budget.take_file() {
                        return Err(PathError::Budget {
                            path: child,
                            limit: budget.files_limit(),
                        });
                    }
                    out.push(child);
                }
            }
        }
        Ok(Some(out))
    }
}

/// Whether the symbolic link `link` leads outside `root` as its target is
/// written (for a link that cannot be followed to its end: dangling, or
/// through `/proc`): an absolute target elsewhere, or `..` past the root.
fn leaves_as_written(link: &Path, root: &Path) -> bool {
    let Ok(target) = fs::read_link(link) else {
        return false;
    };
    let joined = match link.parent() {
        Some(dir) => dir.join(target), // an absolute target replaces `dir`
        None => target,
    };
    let mut normal = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    !normal.starts_with(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside() {
        for ok in ["okrs", "okrs/2026", "data/app.db", "a/./b", "x..y"] {
            assert!(check_relative(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", " ", "/etc", "\\x", "~/x", "C:/x", "..", "a/../b", "a\\..\\b", "a\0",
        ] {
            assert!(check_relative(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_in_file_names() {
        for ok in ["platform", "wang.fang", "team-2", "a_b"] {
            assert!(is_file_id(ok), "{ok}");
        }
        for bad in [
            "", "..", "a..b", ".hidden", "-x", "a/b", "A", "a b", "a\\b", "ü",
        ] {
            assert!(!is_file_id(bad), "{bad:?}");
        }
        assert!(is_path_part("2026-Q4") && is_path_part("FY2026"));
        for bad in ["", "..", ".x", "a/b", "a\\b", "C:", "a\nb"] {
            assert!(!is_path_part(bad), "{bad:?}");
        }
    }

    #[test]
    fn budgets_stop_at_their_limit() {
        let budget = Budget::new(2, 10);
        assert!(budget.take_file() && budget.take_file());
        assert!(!budget.take_file());
        assert!(budget.take_bytes(6));
        assert!(!budget.take_bytes(5));
        assert!(budget.take_bytes(4));
    }

    #[test]
    fn reads_and_lists_within_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("okrs/a")).unwrap();
        for name in ["okrs/x.yaml", "okrs/a/y.yaml", "okrs/a/z.yaml"] {
            fs::write(dir.path().join(name), "12345").unwrap();
        }
        let root = Root::new(dir.path());
        let budget = Budget::new(2, 8);
        let listed = root.list("okrs", &budget, |_| true);
        assert!(
            matches!(listed, Err(PathError::Budget { .. })),
            "{listed:?}"
        );
        let budget = Budget::new(10, 8);
        let mut listed = root.list("okrs", &budget, |_| true).unwrap().unwrap();
        listed.sort();
        assert_eq!(listed, ["okrs/a/y.yaml", "okrs/a/z.yaml", "okrs/x.yaml"]);
        assert!(root.read("okrs/x.yaml", &budget).is_ok());
        let second = root.read("okrs/a/y.yaml", &budget);
        assert!(
            matches!(second, Err(PathError::Budget { .. })),
            "{second:?}"
        );
        let small = root.read_limited("okrs/x.yaml", &Budget::default(), 4);
        assert!(
            matches!(small, Err(PathError::TooLarge { size: 5, .. })),
            "{small:?}"
        );
        assert!(root.list("nothing", &budget, |_| true).unwrap().is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_stay_inside_and_are_never_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("root");
        fs::create_dir_all(base.join("real")).unwrap();
        fs::create_dir_all(dir.path().join("out")).unwrap();
        fs::write(base.join("real/a.yaml"), "a").unwrap();
        symlink("real", base.join("inside")).unwrap();
        symlink("../out", base.join("away")).unwrap();
        symlink(".", base.join("real/loop")).unwrap();
        let root = Root::new(&base);
        assert!(root.resolve("inside/a.yaml").is_ok());
        assert!(matches!(
            root.resolve("away/x.yaml"),
            Err(PathError::LinkLeaves { link, .. }) if link == "away"
        ));
        assert!(matches!(
            root.for_write("inside/a.yaml"),
            Err(PathError::Link { link, .. }) if link == "inside"
        ));
        assert!(root.for_write("real/a.yaml").is_ok());
        assert!(root.for_write("real/new/b.yaml").is_ok());
        // A linked folder is not entered: no loop.
        let listed = root.list("real", &Budget::default(), |_| true).unwrap();
        assert_eq!(listed.unwrap(), ["real/a.yaml", "real/loop"]);
    }
}
