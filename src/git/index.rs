//! git's index as okr reads and stages it: a clear refusal of the index
//! formats the git library cannot read (a split or a sparse index), and the
//! index file kept byte for byte, so that a failed commit leaves it as it was.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use git2::{Index, Repository};

/// Reads git's index; when the git library cannot, says which format of it
/// okr cannot read and the git command that turns that format off.
pub(super) fn read(repo: &Repository) -> Result<Index> {
    repo.index().map_err(|e| {
        let unsupported = fs::read(file(repo))
            .ok()
            .and_then(|bytes| extensions(&bytes))
            .and_then(|found| found.into_iter().find(is_mandatory));
        match unsupported {
            Some(sig) => refusal(repo, sig),
            None => anyhow::Error::new(e).context("cannot read git's index"),
        }
    })
}

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

/// An extension git must understand to read the index: its signature does
/// not start with an upper-case letter. The git library understands none.
fn is_mandatory(signature: &[u8; 4]) -> bool {
    !signature[0].is_ascii_uppercase()
}

fn refusal(repo: &Repository, signature: [u8; 4]) -> anyhow::Error {
    let config_on = |key: &str| repo.config().and_then(|c| c.get_bool(key)).unwrap_or(false);
    match &signature {
        b"link" => {
            let config = if config_on("core.splitIndex") {
                " and `git config core.splitIndex false`"
            } else {
                ""
            };
            anyhow::anyhow!(
                "git's index is a split index (made by `git update-index --split-index` or core.splitIndex), which the git library okr uses cannot read\n  hint: turn it off with `git update-index --no-split-index`{config}, then run the command again"
            )
        }
        b"sdir" => anyhow::anyhow!(
            "git's index is a sparse index (made by `git sparse-checkout --sparse-index` or index.sparse), which the git library okr uses cannot read\n  hint: turn it off with `git sparse-checkout reapply --no-sparse-index`, then run the command again"
        ),
        other => anyhow::anyhow!(
            "git's index uses the extension `{}`, which the git library okr uses cannot read\n  hint: turn off the git feature that wrote it, then run the command again",
            String::from_utf8_lossy(other).escape_debug()
        ),
    }
}

/// The signatures of the extensions of an index file (format versions 2 to
/// 4, SHA-1), in their order; `None` when the bytes are not such a file.
fn extensions(bytes: &[u8]) -> Option<Vec<[u8; 4]>> {
    const HASH: usize = 20;
    // Stat data (40 bytes), the object id, then 16 bits of flags.
    const FLAGS_AT: usize = 40 + HASH;
    const EXTENDED: u16 = 0x4000;
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(
            bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
        ))
    };
    if bytes.get(..4)? != b"DIRC" {
        return None;
    }
    let version = u32_at(4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let mut at = 12usize;
    for _ in 0..u32_at(8)? {
        let flags_at = at.checked_add(FLAGS_AT)?;
        let flags = u16::from_be_bytes(bytes.get(flags_at..flags_at + 2)?.try_into().ok()?);
        let mut name = flags_at + 2;
        if version >= 3 && flags & EXTENDED != 0 {
            name += 2;
        }
        if version == 4 {
            // How much of the previous name to drop, as a varint; then the
            // rest of the name, NUL-terminated, without padding.
            while *bytes.get(name)? & 0x80 != 0 {
                name += 1;
            }
            name += 1;
            at = name + bytes.get(name..)?.iter().position(|&b| b == 0)? + 1;
        } else {
            // The name, then 1 to 8 NULs up to a multiple of 8 bytes.
            let len = name - at + bytes.get(name..)?.iter().position(|&b| b == 0)?;
            at = at.checked_add((len + 8) & !7)?;
        }
    }
    let end = bytes.len().checked_sub(HASH)?;
    let mut found = Vec::new();
    while at.checked_add(8)? <= end {
        found.push(bytes.get(at..at + 4)?.try_into().ok()?);
        let size = usize::try_from(u32_at(at + 4)?).ok()?;
        at = at.checked_add(8)?.checked_add(size)?;
    }
    Some(found)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An index file of `version` with entries named `names` and extensions
    /// `(signature, data)`, laid out as git writes it.
    fn index_file(version: u32, names: &[&str], exts: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut out = b"DIRC".to_vec();
        out.extend(version.to_be_bytes());
        out.extend(u32::try_from(names.len()).unwrap().to_be_bytes());
        for name in names {
            let start = out.len();
            out.extend([0u8; 40]);
            out.extend([0xab; 20]);
            out.extend(u16::try_from(name.len()).unwrap().to_be_bytes());
            if version == 4 {
                out.push(0); // nothing of the previous name dropped
                out.extend(name.as_bytes());
                out.push(0);
            } else {
                out.extend(name.as_bytes());
                let len = out.len() - start;
                out.resize(start + ((len + 8) & !7), 0);
            }
        }
        for (sig, data) in exts {
            out.extend(*sig);
            out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
            out.extend(*data);
        }
        out.extend([0u8; 20]);
        out
    }

    #[test]
    fn finds_the_extensions_after_the_entries_of_every_version() {
        let names = ["okr.yaml", "okrs/2026-Q4/company.yaml", "okrs/a"];
        for version in [2, 3, 4] {
            let bytes = index_file(version, &names, &[(b"TREE", b"0123456"), (b"link", b"")]);
            assert_eq!(
                extensions(&bytes),
                Some(vec![*b"TREE", *b"link"]),
                "version {version}"
            );
        }
    }

    #[test]
    fn a_name_of_a_multiple_of_eight_bytes_gets_eight_nuls() {
        // 62 bytes before the name + 2 = 64: the entry takes 72 bytes.
        let bytes = index_file(2, &["ab"], &[(b"sdir", b"")]);
        assert_eq!(bytes.len(), 12 + 72 + 8 + 20);
        assert_eq!(extensions(&bytes), Some(vec![*b"sdir"]));
    }

    #[test]
    fn only_lower_case_signatures_are_mandatory() {
        assert!(is_mandatory(b"link") && is_mandatory(b"sdir"));
        assert!(!is_mandatory(b"TREE") && !is_mandatory(b"UNTR") && !is_mandatory(b"EOIE"));
    }

    #[test]
    fn what_is_not_an_index_gives_nothing_and_never_panics() {
        assert_eq!(extensions(b""), None);
        assert_eq!(extensions(b"DIRC"), None);
        assert_eq!(extensions(b"DIRC\0\0\0\x05\0\0\0\0"), None);
        let mut cut = index_file(2, &["okr.yaml"], &[(b"link", b"")]);
        cut.truncate(40);
        assert_eq!(extensions(&cut), None);
        let mut huge = index_file(3, &[], &[]);
        huge[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(extensions(&huge), None);
        for len in 0..120 {
            let bytes = index_file(4, &["okr.yaml", "x"], &[(b"link", b"12345678")]);
            let _ = extensions(&bytes[..len.min(bytes.len())]);
        }
    }
}
