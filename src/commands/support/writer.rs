//! The one way commands change files: under okr's lock, after checking that a
//! commit would take nothing but okr's change, written atomically, committed,
//! and put back as it was when the commit fails. Shared by commands; calls no
//! command.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::edit::write::write_atomic;
use crate::git::{Author, Identity, Lock, Repo};
use crate::model::root::Budget;
use crate::model::{Root, Writable};

/// A change to one file: what it held when read (`None`: new) and what it will hold.
pub struct FileChange {
    pub path: PathBuf,
    pub original: Option<Vec<u8>>,
    pub new: String,
}

/// What one write command holds while it works.
pub struct Writer {
    pub root: PathBuf,
    repo: Option<Repo>,
    identity: Option<Identity>,
    allow_dirty: bool,
    _lock: Option<Lock>,
}

impl Writer {
    /// Opens the repository of `root`, checks the identity when committing,
    /// and takes the lock. Outside git nothing is committed (and `commit` says so).
    pub fn open(root: &Path, commit: bool, allow_dirty: bool) -> Result<Writer> {
        let repo = Repo::discover(root)?;
        let identity = match (&repo, commit) {
            (Some(r), true) if !r.wants_signing() => Some(r.identity()?),
            _ => None,
        };
        let lock = repo.as_ref().map(Repo::lock).transpose()?;
        Ok(Writer {
            root: root.to_path_buf(),
            repo: if commit { repo } else { None },
            identity,
            allow_dirty,
            _lock: lock,
        })
    }

    /// Whether the change will be committed.
    pub fn commits(&self) -> bool {
        self.repo.is_some()
    }

    /// The author of the commits okr makes, on another day; `None` when not committing.
    pub fn author_at(&self, time: i64, offset: i32) -> Result<Option<Author>> {
        let Some(repo) = &self.repo else {
            return Ok(None);
        };
        let identity = match &self.identity {
            Some(i) => i.author_at(time, offset),
            None => repo.identity()?.author_at(time, offset),
        };
        Ok(Some(identity))
    }

    /// Refuses, before anything is written, when committing `paths` would
    /// sweep in other work.
    pub fn check_clean(&self, paths: &[PathBuf]) -> Result<()> {
        let Some(repo) = &self.repo else {
            return Ok(());
        };
        let files = paths
            .iter()
            .map(|p| repo.relative(p))
            .collect::<Result<Vec<_>>>()?;
        repo.check_clean(&files, self.allow_dirty)
    }

    /// Writes every change and commits them with `message`. Returns a line for
    /// the user: the commit, or what was written.
    pub fn apply(&self, changes: &[FileChange], message: &str) -> Result<String> {
        self.apply_as(changes, message, None)
    }

    /// Writes and commits like [`Writer::apply`], by `author` when given: the
    /// person and day of a check-in recorded elsewhere (`okr import`).
    pub fn apply_as(
        &self,
        changes: &[FileChange],
        message: &str,
        author: Option<&Author>,
    ) -> Result<String> {
        // Every place is resolved before anything is written: a path that
        // leaves the root or goes through a link refuses the whole change.
        let boundary = Root::new(&self.root);
        let targets = changes
            .iter()
            .map(|c| boundary.for_write_path(&c.path))
            .collect::<Result<Vec<Writable>, _>>()?;
        let mut written: Vec<(&FileChange, &Writable)> = Vec::new();
        let mut created_dirs: Vec<PathBuf> = Vec::new();
        for (change, target) in changes.iter().zip(&targets) {
            let mut dir = change.path.parent();
            let mut missing = Vec::new();
            while let Some(d) = dir.filter(|d| d.starts_with(&self.root) && !d.exists()) {
                missing.push(d.to_path_buf());
                dir = d.parent();
            }
            created_dirs.extend(missing);
            if change.original.as_deref() == Some(change.new.as_bytes()) {
                continue; // nothing to write: the commit records a check-in of no change
            }
            if let Err(e) = write_atomic(target, change.original.as_deref(), &change.new) {
                self.restore(&written, &created_dirs);
                return Err(e);
            }
            written.push((change, target));
        }
        let subject = message.lines().next().unwrap_or_default();
        let Some(repo) = &self.repo else {
            return Ok(format!("{subject} (written, not committed)"));
        };
        let commit = || -> Result<String> {
            let files = changes
                .iter()
                .map(|c| repo.relative(&c.path))
                .collect::<Result<Vec<_>>>()?;
            let oid = match &self.identity {
                Some(identity) => repo.commit_as(&files, message, identity, author)?,
                None => repo.commit_as(&files, message, &repo.identity()?, author)?,
            };
            let branch = repo.branch().unwrap_or_else(|| "detached HEAD".to_owned());
            Ok(format!("[{branch} {}] {subject}", repo.short_id(oid)))
        };
        commit().inspect_err(|_| self.restore(&written, &created_dirs))
    }

    /// Writes and commits one edited file.
    pub fn apply_edit(
        &self,
        path: PathBuf,
        original: Vec<u8>,
        new: String,
        message: &str,
    ) -> Result<String> {
        self.apply(
            &[FileChange {
                path,
                original: Some(original),
                new,
            }],
            message,
        )
    }

    /// Puts files back as they were, where they still hold okr's text, and
    /// removes the folders okr created for new files (when empty again).
    fn restore(&self, written: &[(&FileChange, &Writable)], created_dirs: &[PathBuf]) {
        for (change, target) in written {
            let now = std::fs::read(&change.path).ok();
            if now.as_deref() != Some(change.new.as_bytes()) {
                continue;
            }
            match &change.original {
                Some(bytes) => {
                    let text = String::from_utf8_lossy(bytes);
                    let _ = write_atomic(target, Some(change.new.as_bytes()), &text);
                }
                None => {
                    let _ = std::fs::remove_file(&change.path);
                }
            }
        }
        // Deepest first; a folder that is not empty stays.
        let mut dirs = created_dirs.to_vec();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for dir in dirs {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Reads a file below `root` for editing: its bytes and its text. Through the
/// path boundary: a file okr will write is a regular file, not a link.
pub fn read(root: &Path, path: &Path) -> Result<(Vec<u8>, String)> {
    let boundary = Root::new(root);
    let rel = boundary.relative(path).unwrap_or_default();
    boundary.for_write(&rel)?;
    let (bytes, _) = boundary
        .read(&rel, &Budget::default())
        .with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes.clone()).with_context(|| {
        format!(
            "{} is not valid UTF-8; okr will not edit it",
            path.display()
        )
    })?;
    Ok((bytes, text))
}
