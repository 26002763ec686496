//! Finding the repository of an OKR root as git finds it: `GIT_DIR` and
//! `GIT_WORK_TREE` (a bare repository with a separate work tree, as dotfile
//! managers keep one), `core.worktree`, `GIT_CEILING_DIRECTORIES` and
//! `GIT_DISCOVERY_ACROSS_FILESYSTEM`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use git2::{ErrorCode, Repository, RepositoryOpenFlags};

/// What the environment tells git about where its repository is.
struct GitEnv {
    /// `GIT_DIR`: no discovery, this git directory.
    git_dir: Option<OsString>,
    /// `GIT_WORK_TREE`: the top of the work tree.
    work_tree: Option<OsString>,
    /// `GIT_CEILING_DIRECTORIES`: folders discovery does not go up into.
    ceilings: Vec<PathBuf>,
}

impl GitEnv {
    fn read() -> GitEnv {
        // An empty variable is no variable, as for git.
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        GitEnv {
            git_dir: var("GIT_DIR"),
            work_tree: var("GIT_WORK_TREE"),
            ceilings: var("GIT_CEILING_DIRECTORIES")
                .map(|v| std::env::split_paths(&v).collect())
                .unwrap_or_default(),
        }
    }
}

/// The repository of the OKR root `root`, found as git would from there;
/// `None` when there is none. With `GIT_DIR` there is no search: that
/// repository is used, with its work tree from `GIT_WORK_TREE`, else
/// `core.worktree`, else the current folder (as git does).
pub(super) fn open(root: &Path) -> Result<Option<Repository>> {
    let env = GitEnv::read();
    // libgit2 reads GIT_DIR (when given no path), GIT_DISCOVERY_ACROSS_FILESYSTEM,
    // GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES,
    // GIT_NAMESPACE and GIT_COMMON_DIR itself with FROM_ENV.
    let opened = match &env.git_dir {
        Some(_) => Repository::open_from_env(),
        None => Repository::open_ext(root, RepositoryOpenFlags::FROM_ENV, &env.ceilings),
    };
    let repo = match opened {
        Ok(repo) => repo,
        Err(e) if e.code() == ErrorCode::NotFound && env.git_dir.is_none() => return Ok(None),
        Err(e) => {
            let place = match &env.git_dir {
                Some(dir) => format!("GIT_DIR={}", Path::new(dir).display()),
                None => root.display().to_string(),
            };
            return Err(unopened(e, &place));
        }
    };
    set_work_tree(&repo, &env)?;
    Ok(Some(repo))
}

/// Puts the work tree where git would: `GIT_WORK_TREE` (relative to the
/// current folder), else with `GIT_DIR` and no `core.worktree` the current
/// folder, unless the repository is bare.
fn set_work_tree(repo: &Repository, env: &GitEnv) -> Result<()> {
    let cwd = || std::env::current_dir().context("cannot read the current folder");
    let work_tree = match (&env.work_tree, &env.git_dir) {
        (Some(tree), _) => cwd()?.join(tree),
        (None, Some(_)) if !repo.is_bare() && !has_core_worktree(repo) => cwd()?,
        _ => return Ok(()),
    };
    repo.set_workdir(&work_tree, false)
        .with_context(|| format!("cannot use {} as git's work tree", work_tree.display()))
}

fn has_core_worktree(repo: &Repository) -> bool {
    repo.config()
        .and_then(|c| c.get_path("core.worktree"))
        .is_ok()
}

/// Why a repository cannot be opened.
fn unopened(e: git2::Error, place: &str) -> anyhow::Error {
    anyhow::Error::new(e).context(format!("cannot open the git repository at {place}"))
}
