//! Everything okr asks of git, through libgit2: finding the repository,
//! checking that a commit would not sweep in someone's work, a lock that
//! serialises okr's writers, and commits with the identity git would use. The
//! only code that touches git2; it takes and returns plain data (model types,
//! paths, bytes). It may not parse YAML, score, or use load or edit: what
//! the versions of the files say is for `history`.

mod identity;
mod index;
mod open;
pub mod range;
mod snapshot;
pub mod trailers;
mod trees;
mod walk;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use git2::{ErrorCode, FileMode, Oid, Repository};

pub use identity::{Author, Identity, parse_git_date};
pub use snapshot::{Dated, blob_id};
pub use walk::{CommitList, Content, Delta, Touched, trailer};

use crate::model::ObjectId;

impl From<Oid> for ObjectId {
    fn from(oid: Oid) -> Self {
        let mut bytes = [0; 20];
        let from = oid.as_bytes();
        let n = from.len().min(20);
        bytes[..n].copy_from_slice(&from[..n]);
        ObjectId::from_bytes(bytes)
    }
}

impl From<ObjectId> for Oid {
    fn from(id: ObjectId) -> Self {
        Oid::from_bytes(id.as_bytes()).unwrap_or(Oid::ZERO_SHA1)
    }
}

/// okr.yaml's bytes and each OKR file's (path relative to the OKR root, bytes), at a commit.
pub type Snapshot = (Option<Vec<u8>>, Vec<(String, Vec<u8>)>);

/// A repository with a working tree.
pub struct Repo {
    repo: Repository,
    workdir: PathBuf,
}

/// Held while okr reads, edits and commits; released on drop (also when the
/// process dies, since it is an OS file lock).
pub struct Lock {
    _file: fs::File,
}

/// How long a writer waits for another okr writer before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(20);

impl Repo {
    /// The repository `path` lies in, found as git finds it (`GIT_DIR`,
    /// `GIT_WORK_TREE`, `GIT_CEILING_DIRECTORIES`, ...); `None` outside git.
    pub fn discover(path: &Path) -> Result<Option<Repo>> {
        let Some(repo) = open::open(path)? else {
            return Ok(None);
        };
        let workdir = repo
            .workdir()
            .context("the git repository is bare; okr needs a working tree (for a bare repository with a separate work tree, set GIT_WORK_TREE or core.worktree)")?
            .canonicalize()
            .context("cannot resolve the working tree of the git repository")?;
        Ok(Some(Repo { repo, workdir }))
    }

    /// The git directory (`.git`, or a linked worktree's folder in it).
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// The libgit2 repository, for the history walk.
    pub fn git(&self) -> &Repository {
        &self.repo
    }

    /// The folders holding OKR files, relative to the working tree: the OKR
    /// root's `paths` (else the default ones).
    pub fn okr_paths(&self, root: &Path, paths: &[String]) -> Result<Vec<String>> {
        let prefix = self.relative(root)?;
        Ok(crate::model::okr_paths(paths)
            .iter()
            .filter(|p| crate::model::path_stays_inside(p))
            .map(|p| {
                let p = p.trim_matches('/');
                if prefix.is_empty() {
                    p.to_owned()
                } else {
                    format!("{prefix}/{p}")
                }
            })
            .collect())
    }

    /// okr.yaml and the OKR files under `paths` (relative to the working tree)
    /// as they are in `commit`: (okr.yaml's bytes, [(path relative to the OKR root, bytes)]).
    pub fn files_at(&self, commit: ObjectId, root: &Path, paths: &[String]) -> Result<Snapshot> {
        let tree = self.repo.find_commit(commit.into())?.tree()?;
        let prefix = self.relative(root)?;
        let blob_at = |path: &str| -> Result<Option<Vec<u8>>> {
            match tree.get_path(Path::new(path)) {
                Ok(entry) => Ok(Some(self.repo.find_blob(entry.id())?.content().to_vec())),
                Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
                Err(e) => Err(e.into()),
            }
        };
        let config_path = if prefix.is_empty() {
            crate::model::CONFIG_FILE.to_owned()
        } else {
            format!("{prefix}/{}", crate::model::CONFIG_FILE)
        };
        let config = blob_at(&config_path)?;
        let mut files = Vec::new();
        for path in paths {
            let Ok(entry) = tree.get_path(Path::new(path)) else {
                continue;
            };
            let strip = |full: &str| -> String {
                if prefix.is_empty() {
                    full.to_owned()
                } else {
                    full.strip_prefix(&format!("{prefix}/"))
                        .unwrap_or(full)
                        .to_owned()
                }
            };
            match entry.kind() {
                Some(git2::ObjectType::Blob) => {
                    files.push((
                        strip(path),
                        self.repo.find_blob(entry.id())?.content().to_vec(),
                    ));
                }
                Some(git2::ObjectType::Tree) => {
                    let sub = self.repo.find_tree(entry.id())?;
                    let mut found = Vec::new();
                    sub.walk(git2::TreeWalkMode::PreOrder, |dir, e| {
                        let name = e.name().unwrap_or("");
                        if e.kind() == Some(git2::ObjectType::Blob)
                            && (name.ends_with(".yaml") || name.ends_with(".yml"))
                        {
                            found.push((format!("{path}/{dir}{name}"), e.id()));
                        }
                        git2::TreeWalkResult::Ok
                    })?;
                    for (full, id) in found {
                        files.push((strip(&full), self.repo.find_blob(id)?.content().to_vec()));
                    }
                }
                _ => {}
            }
        }
        Ok((config, files))
    }

    /// The merge-base of HEAD with the default branch (`origin/HEAD`, else
    /// `main`, else `master`), and the branch's name.
    pub fn default_base(&self) -> Result<(ObjectId, String)> {
        let head = self
            .repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .context("the repository has no commits yet, so there is nothing to compare with")?
            .id();
        let mut candidates = Vec::new();
        if let Ok(r) = self.repo.find_reference("refs/remotes/origin/HEAD")
            && let Ok(Some(target)) = r.symbolic_target()
        {
            candidates.push(
                target
                    .strip_prefix("refs/remotes/")
                    .unwrap_or(target)
                    .to_owned(),
            );
        }
        candidates.extend(["origin/main", "origin/master", "main", "master"].map(str::to_owned));
        for name in candidates {
            let Ok(branch) = self
                .repo
                .revparse_single(&name)
                .and_then(|o| o.peel_to_commit())
            else {
                continue;
            };
            let base = self
                .repo
                .merge_base(head, branch.id())
                .with_context(|| format!("HEAD and {name} have no common history"))?;
            return Ok((base.into(), name));
        }
        bail!(
            "cannot tell the default branch (no origin/HEAD, main or master); name the base, e.g. `okr diff origin/develop`"
        )
    }

    /// The commit a revision (`main`, `origin/main`, `HEAD~3`, an id) names:
    /// every revision a user gives okr is resolved here.
    pub fn resolve(&self, rev: &str) -> Result<ObjectId> {
        let object = match self.repo.revparse_single(rev) {
            Ok(object) => object,
            Err(e) => bail!("{}", self.unresolved(rev, &e)),
        };
        match object.peel_to_commit() {
            Ok(commit) => Ok(commit.id().into()),
            Err(_) => bail!(
                "`{rev}` names a {} of this repository, not a commit",
                object.kind().map_or("object", |k| k.str())
            ),
        }
    }

    /// Why a revision names nothing, in words rather than libgit2's codes.
    fn unresolved(&self, rev: &str, e: &git2::Error) -> String {
        match e.code() {
            ErrorCode::Ambiguous => format!(
                "`{rev}` is ambiguous: several objects of this repository start with it; give more digits of the commit id"
            ),
            ErrorCode::UnbornBranch => {
                format!("`{rev}` names no commit: the repository has no commits yet")
            }
            ErrorCode::NotFound | ErrorCode::InvalidSpec => {
                let names = self.ref_names();
                let hint = crate::model::did_you_mean(rev, names.iter().map(String::as_str))
                    .map_or_else(
                        || "see `git branch --all` and `git tag`".to_owned(),
                        |s| format!("did you mean `{s}`?"),
                    );
                format!("no branch, tag or commit named `{rev}` in this repository; {hint}")
            }
            _ => format!("cannot resolve `{rev}`: {}", e.message()),
        }
    }

    /// The short names of the branches (local and remote) and tags.
    fn ref_names(&self) -> Vec<String> {
        let Ok(refs) = self.repo.references() else {
            return Vec::new();
        };
        refs.flatten()
            .filter(|r| r.is_branch() || r.is_remote() || r.is_tag())
            .filter_map(|r| r.shorthand().ok().map(str::to_owned))
            .collect()
    }

    /// The commits of `hide..HEAD` that changed OKR files under `paths`, oldest first.
    pub fn range(&self, hide: ObjectId, paths: &[String]) -> Result<Vec<range::RangeCommit>> {
        range::range(&self.repo, hide.into(), paths)
    }

    /// `path` relative to the working tree, with `/` separators.
    pub fn relative(&self, path: &Path) -> Result<String> {
        path.strip_prefix(&self.workdir).with_context(|| {
            format!(
                "{} is outside the git working tree {}",
                path.display(),
                self.workdir.display()
            )
        })?;
        Ok(crate::model::relative_path(&self.workdir, path))
    }

    /// Takes okr's write lock (`.git/okr/lock`), waiting for another writer to finish.
    pub fn lock(&self) -> Result<Lock> {
        let dir = self.repo.commondir().join("okr");
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join("lock");
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(fs::TryLockError::WouldBlock) => bail!(
                    "another okr command has been writing in this repository for {} s (it holds {}); wait for it to finish, then run the command again",
                    LOCK_WAIT.as_secs(),
                    path.display()
                ),
                Err(fs::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path.display()));
                }
            }
        }
    }

    /// The author and committer git would record, or an error saying how to set them.
    pub fn identity(&self) -> Result<Identity> {
        let config = self
            .repo
            .config()
            .context("cannot read the git configuration")?;
        Identity::resolve(&config)
    }

    /// Refuses when a commit of `files` would also take other staged changes, or
    /// (unless `allow_dirty`) when one of `files` holds uncommitted changes.
    pub fn check_clean(&self, files: &[String], allow_dirty: bool) -> Result<()> {
        let index = self.index()?;
        if index.has_conflicts() {
            bail!(
                "the repository is in the middle of a merge with conflicts; resolve it and commit first"
            );
        }
        let head = self.head_tree()?;
        let diff = self
            .repo
            .diff_tree_to_index(head.as_ref(), Some(&index), None)
            .context("cannot compare git's index with HEAD")?;
        let staged: Vec<String> = diff
            .deltas()
            .filter_map(|d| {
                d.new_file()
                    .path()
                    .or(d.old_file().path())
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        let others: Vec<&String> = staged.iter().filter(|p| !files.contains(p)).collect();
        if !others.is_empty() {
            let shown: Vec<&str> = others.iter().take(5).map(|s| s.as_str()).collect();
            let more = if others.len() > 5 {
                format!(" and {} more", others.len() - 5)
            } else {
                String::new()
            };
            bail!(
                "other changes are staged ({}{more}); okr commits only the files it edits and will not sweep them in\n  hint: commit them first, or unstage them with `git restore --staged <path>`, then run the command again",
                shown.join(", ")
            );
        }
        if allow_dirty {
            return Ok(());
        }
        for file in files {
            match fs::symlink_metadata(self.workdir.join(file)) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e).with_context(|| format!("cannot read {file}")),
            }
            let committed = match &head {
                Some(tree) => match tree.get_path(Path::new(file)) {
                    Ok(_) => true,
                    Err(e) if e.code() == ErrorCode::NotFound => false,
                    Err(e) => return Err(e.into()),
                },
                None => false,
            };
            if !committed {
                bail!(
                    "{file} is not committed yet; commit it first (`git add {file} && git commit`), or pass --allow-dirty to commit it with this change"
                );
            }
            if !self.unchanged(file)? {
                bail!(
                    "{file} has uncommitted changes; commit or discard them first, or pass --allow-dirty to commit them with this change"
                );
            }
        }
        Ok(())
    }

    /// Whether git sees no change of `file` (relative to the working tree),
    /// staged or not: compared as `git status` compares, through git's
    /// filters (`core.autocrlf`, `eol` and `text` in `.gitattributes`), so
    /// that a checkout with CRLF line endings is clean.
    fn unchanged(&self, file: &str) -> Result<bool> {
        let status = self
            .repo
            .status_file(Path::new(file))
            .with_context(|| format!("cannot ask git whether {file} changed"))?;
        Ok(status.is_empty())
    }

    /// git's index, or why okr cannot read it.
    fn index(&self) -> Result<git2::Index> {
        index::read(&self.repo)
    }

    fn head_tree(&self) -> Result<Option<git2::Tree<'_>>> {
        match self.repo.head() {
            Ok(head) => Ok(Some(
                head.peel_to_tree()
                    .context("cannot read the tree of HEAD")?,
            )),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => Ok(None),
            Err(e) => Err(e).context("cannot read HEAD"),
        }
    }

    fn head_commit(&self) -> Result<Option<git2::Commit<'_>>> {
        match self.repo.head() {
            Ok(head) => Ok(Some(
                head.peel_to_commit()
                    .context("cannot read the commit of HEAD")?,
            )),
            Err(e) if matches!(e.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => Ok(None),
            Err(e) => Err(e).context("cannot read HEAD"),
        }
    }

    /// Whether the repository asks for signed commits.
    pub fn wants_signing(&self) -> bool {
        self.repo
            .config()
            .and_then(|c| c.get_bool("commit.gpgsign"))
            .unwrap_or(false)
    }

    /// Commits exactly `files` (relative to the working tree) on HEAD with
    /// `message`. With `commit.gpgsign` set, the commit is left to `git commit`,
    /// which signs it (and runs the repository's hooks).
    pub fn commit(&self, files: &[String], message: &str, identity: &Identity) -> Result<ObjectId> {
        self.commit_as(files, message, identity, None)
    }

    /// Commits like [`Repo::commit`], by `author` when given (a replayed
    /// check-in: its author and day), with the committer of `identity`.
    pub fn commit_as(
        &self,
        files: &[String],
        message: &str,
        identity: &Identity,
        author: Option<&Author>,
    ) -> Result<ObjectId> {
        if self.wants_signing() {
            return self.commit_with_git(files, message, author);
        }
        let replayed;
        let identity = match author {
            Some(a) => {
                replayed = identity.with_author(a)?;
                &replayed
            }
            None => identity,
        };
        let parent = self.head_commit()?;
        let base = match &parent {
            Some(c) => c.tree()?,
            None => {
                let empty = self.repo.treebuilder(None)?.write()?;
                self.repo.find_tree(empty)?
            }
        };
        for file in files {
            self.refuse_folder_conflict(&base, file)?;
        }
        let mut index = self.index()?;
        let saved = index::Saved::take(
            &index
                .path()
                .map_or_else(|| index::file(&self.repo), Path::to_path_buf),
        )?;
        let tree = self.stage(&mut index, files, &base);
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let committed = tree.and_then(|tree| {
            self.repo
                .commit(
                    Some("HEAD"),
                    &identity.author,
                    &identity.committer,
                    message,
                    &tree,
                    &parents,
                )
                .map(ObjectId::from)
                .context(
                    "cannot commit (did another program move HEAD meanwhile? run the command again)",
                )
        });
        committed.map_err(|e| {
            let e = put_back(&saved, e);
            let _ = index.read(true);
            e
        })
    }

    /// Stages `files` in git's index (written to disk, as `git add` does) and
    /// returns HEAD's tree `base` with those files as staged.
    fn stage(
        &self,
        index: &mut git2::Index,
        files: &[String],
        base: &git2::Tree<'_>,
    ) -> Result<git2::Tree<'_>> {
        for file in files {
            if self.workdir.join(file).exists() {
                // Through git's filters: a CRLF file is stored as git stores it.
                index
                    .add_path(Path::new(file))
                    .with_context(|| format!("cannot stage {file}"))?;
            } else {
                index
                    .remove_path(Path::new(file))
                    .with_context(|| format!("cannot unstage {file}"))?;
            }
        }
        retry_locked(|| index.write()).map_err(|e| index_error(e, self.repo.path()))?;
        let mut update = git2::build::TreeUpdateBuilder::new();
        for file in files {
            match index.get_path(Path::new(file), 0) {
                Some(entry) => {
                    let mode = if entry.mode == u32::from(FileMode::BlobExecutable) {
                        FileMode::BlobExecutable
                    } else {
                        FileMode::Blob
                    };
                    update.upsert(file.as_str(), entry.id, mode);
                }
                None => {
                    update.remove(file.as_str());
                }
            }
        }
        let tree_id = update
            .create_updated(&self.repo, base)
            .context("cannot write the commit's tree")?;
        Ok(self.repo.find_tree(tree_id)?)
    }

    /// Refuses a file whose folder is a file or a symlink in HEAD (git calls
    /// it a "D/F conflict"): that change of the folder must be committed first.
    fn refuse_folder_conflict(&self, base: &git2::Tree<'_>, file: &str) -> Result<()> {
        for (end, _) in file.match_indices('/') {
            let folder = &file[..end];
            match base.get_path(Path::new(folder)) {
                Ok(entry) if entry.kind() != Some(git2::ObjectType::Tree) => bail!(
                    "cannot commit {file}: in the last commit {folder} is a file or a symbolic link, not a folder (git calls this a D/F conflict)\n  hint: commit what {folder} is now first, or run the command with --no-commit"
                ),
                Ok(_) => {}
                Err(e) if e.code() == ErrorCode::NotFound => return Ok(()),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    fn commit_with_git(
        &self,
        files: &[String],
        message: &str,
        author: Option<&Author>,
    ) -> Result<ObjectId> {
        let saved = index::Saved::take(&index::file(&self.repo))?;
        // `git commit -- FILE` takes only files git knows: stage them first.
        let staged = self
            .git_command()
            .args(["add", "--"])
            .args(files)
            .output()
            .context(
                "this repository signs its commits (commit.gpgsign) and okr signs through `git commit`, but git was not found; install git, or run with --no-commit and commit with `git commit -S`",
            )?;
        let committed = if staged.status.success() {
            self.run_git_commit(files, message, author)
        } else {
            Err(anyhow::anyhow!(
                "`git add` failed:\n{}",
                String::from_utf8_lossy(&staged.stderr).trim_end()
            ))
        };
        committed.map_err(|e| put_back(&saved, e))
    }

    /// The system's git, run on this repository: its git directory, work
    /// tree and index given, so that it works on what okr opened whatever
    /// `GIT_DIR`, `GIT_WORK_TREE` or `GIT_INDEX_FILE` said relative to the
    /// folder okr was started in.
    fn git_command(&self) -> Command {
        let mut command = Command::new("git");
        command
            .current_dir(&self.workdir)
            .env("GIT_DIR", self.repo.path())
            .env("GIT_WORK_TREE", &self.workdir)
            .env("GIT_INDEX_FILE", index::file(&self.repo));
        command
    }

    fn run_git_commit(
        &self,
        files: &[String],
        message: &str,
        author: Option<&Author>,
    ) -> Result<ObjectId> {
        let mut command = self.git_command();
        if let Some(a) = author {
            let sign = if a.offset < 0 { '-' } else { '+' };
            let offset = a.offset.unsigned_abs();
            command
                .env("GIT_AUTHOR_NAME", &a.name)
                .env("GIT_AUTHOR_EMAIL", &a.email)
                .env(
                    "GIT_AUTHOR_DATE",
                    format!("@{} {sign}{:02}{:02}", a.time, offset / 60, offset % 60),
                );
        }
        let mut child = command
            .args(["commit", "--quiet", "--allow-empty", "--file=-", "--"])
            .args(files)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context(
                "this repository signs its commits (commit.gpgsign) and okr signs through `git commit`, but git was not found; install git, or run with --no-commit and commit with `git commit -S`",
            )?;
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().context("no stdin for git")?;
            stdin.write_all(message.as_bytes())?;
        }
        let output = child.wait_with_output()?;
        if !output.status.success() {
            bail!(
                "`git commit` (used because commit.gpgsign is set) failed:\n{}",
                String::from_utf8_lossy(&output.stderr).trim_end()
            );
        }
        let head = self.head_commit()?.context("git commit left no HEAD")?;
        Ok(head.id().into())
    }

    /// A short form of a commit id, as `git log --oneline` shows it.
    pub fn short_id(&self, id: ObjectId) -> String {
        let oid = Oid::from(id);
        self.repo
            .find_object(oid, None)
            .and_then(|o| o.short_id())
            .ok()
            .and_then(|b| b.as_str().ok().map(str::to_owned))
            .unwrap_or_else(|| oid.to_string()[..7].to_owned())
    }

    /// The branch HEAD is on, for messages; `None` when detached.
    pub fn branch(&self) -> Option<String> {
        let head = self.repo.find_reference("HEAD").ok()?;
        let target = head.symbolic_target().ok()??;
        Some(
            target
                .strip_prefix("refs/heads/")
                .unwrap_or(target)
                .to_owned(),
        )
    }
}

/// After a failed commit: git's index put back as it was before okr staged
/// anything, or the error says that it could not be.
fn put_back(saved: &index::Saved, e: anyhow::Error) -> anyhow::Error {
    match saved.restore() {
        Ok(()) => e,
        Err(r) => anyhow::anyhow!(
            "{e:#}\n  note: git's index could not be put back as it was ({r:#}); see `git status`"
        ),
    }
}

/// Where okr keeps the cache NAME of the OKR root `root`: `.git/okr/NAME.json`
/// for a root at the top of the working tree, else `NAME-FOLDER.json` (`/`
/// written `%`); `None` outside git.
pub fn cache_file(root: &Path, name: &str) -> Option<PathBuf> {
    let repo = Repo::discover(root).ok()??;
    let rel = crate::model::relative_path(repo.workdir(), root);
    let name = if rel.is_empty() {
        format!("{name}.json")
    } else {
        format!("{name}-{}.json", rel.replace('/', "%"))
    };
    Some(repo.git_dir().join("okr").join(name))
}

/// Runs `git init` at `path` unless it lies in a git repository already;
/// whether it did.
pub fn init_unless_inside(path: &Path) -> Result<bool> {
    // Only where git finds no repository (`GIT_DIR` too): never a repository
    // inside another, nor beside an unreadable one.
    if !matches!(Repo::discover(path), Ok(None)) {
        return Ok(false);
    }
    Repository::init(path)?;
    Ok(true)
}

/// Retries an operation while git's index lock is held by someone else.
fn retry_locked<T>(mut op: impl FnMut() -> Result<T, git2::Error>) -> Result<T, git2::Error> {
    let started = Instant::now();
    loop {
        match op() {
            Err(e)
                if e.code() == ErrorCode::Locked && started.elapsed() < Duration::from_secs(3) =>
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

fn index_error(e: git2::Error, git_dir: &Path) -> anyhow::Error {
    if e.code() == ErrorCode::Locked {
        anyhow::anyhow!(
            "git's index is locked ({}): another git command is running; wait for it to finish, or remove that file if no git command is running, then run the command again",
            git_dir.join("index.lock").display()
        )
    } else {
        anyhow::Error::new(e).context("cannot write git's index")
    }
}
