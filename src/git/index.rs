//! git's index file kept byte for byte, so that a failed commit leaves it as
//! it was.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use git2::Repository;

/// Where git's index is: `GIT_INDEX_FILE` (relative to the current folder),
/// else `index` in the git directory.
pub(super) fn file(repo: &Repository) -> PathBuf {
    match std::env::var_os("GIT_INDEX_FILE").filter(|v| !v.is_empty()) {
        Some(path) => std::env::current_dir()
            .map(|cwd| cwd.join(&path))
            .unwrap_or_else(|_| PathBuf::from(path)),
        None => repo.path().join("index"),
    }
}

/// git's index file as it was before okr staged anything.
pub(super) struct Saved {
    path: PathBuf,
    /// `None`: there was no index file (a repository without commits).
    bytes: Option<Vec<u8>>,
}

impl Saved {
    /// Keeps the bytes of the index file at `path`.
    pub(super) fn take(path: &Path) -> Result<Saved> {
        let bytes = match fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        Ok(Saved {
            path: path.to_path_buf(),
            bytes,
        })
    }

    /// Puts the index file back as it was, byte for byte, when it changed:
    /// through git's lock file (`index.lock`), as git writes it.
    pub(super) fn restore(&self) -> Result<()> {
        let now = fs::read(&self.path).ok();
        if now == self.bytes {
            return Ok(());
        }
        let mut lock_path = OsString::from(self.path.as_os_str());
        lock_path.push(".lock");
        let lock_path = PathBuf::from(lock_path);
        let mut lock = create_lock(&lock_path)?;
        let put_back = match &self.bytes {
            Some(bytes) => lock
                .write_all(bytes)
                .and_then(|()| lock.sync_all())
                .and_then(|()| fs::rename(&lock_path, &self.path)),
            None => fs::remove_file(&self.path),
        };
        if put_back.is_err() || self.bytes.is_none() {
            let _ = fs::remove_file(&lock_path);
        }
        put_back.with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// Creates git's lock file, waiting a little while another git command holds it.
fn create_lock(path: &Path) -> Result<fs::File> {
    let started = Instant::now();
    loop {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(file) => return Ok(file),
            Err(e)
                if e.kind() == std::io::ErrorKind::AlreadyExists
                    && started.elapsed() < Duration::from_secs(3) =>
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!("{} is held by another git command", path.display())
            }
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
        }
    }
}
