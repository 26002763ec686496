//! Git as users have it: okr on repositories as people set them up (line
//! endings, `GIT_DIR` and its kin, failed commits, index formats the git
//! library cannot read) and on files as their tools leave them. Every
//! repository is set up with the system `git`, as a user would.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Okr, Run};

const COMPANY: &str = "okrs/2026-Q4/company.yaml";
const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";

/// The example organisation in a git repository with one commit and nothing pending.
fn committed_examples() -> Okr {
    Okr::new().examples().committed()
}

// --- GIT_DIR, GIT_WORK_TREE, GIT_CEILING_DIRECTORIES ------------------------------

/// The example organisation as dotfile managers keep files: a bare repository
/// `dotfiles.git` beside the OKR root, which is its work tree, used through
/// `GIT_DIR` and `GIT_WORK_TREE` (in `env`, as the user gives them). Nothing
/// in the OKR root is git's.
fn bare_beside(okr: &Okr, env: &[(&str, &str)]) {
    let git_dir = okr.temp_path().join("dotfiles.git");
    okr.git([
        "init",
        "--quiet",
        "--bare",
        "--initial-branch=main",
        git_dir.to_str().unwrap(),
    ]);
    okr.git_with_env(env, ["add", "--all"]);
    okr.git_with_env(env, ["commit", "--quiet", "--message", "Dotfiles"]);
    assert!(!okr.root().join(".git").exists());
}

/// A checkin commits through the environment's repository, and history reads it.
fn checkin_and_history_through(okr: &Okr, env: &[(&str, &str)]) {
    let count = || okr.git_with_env(env, ["rev-list", "--count", "HEAD"]);
    assert_eq!(count().trim(), "1");

    // Today: "checkin: q4-enterprise/contracts 5 -> 6 (written, not committed)".
    okr.run_with_env(env, ["checkin", "q4-enterprise/contracts", "6"])
        .code(0)
        .stdout_contains("[main ");
    assert_eq!(count().trim(), "2");
    assert_eq!(
        okr.git_with_env(
            env,
            ["diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"]
        ),
        format!("{COMPANY}\n")
    );
    assert_eq!(okr.git_with_env(env, ["status", "--porcelain"]), "");

    // Today: "... is not in a git repository".
    let history = okr.run_with_env(
        env,
        ["history", "q4-enterprise/contracts", "--format", "json"],
    );
    history.code(0);
    let checkins = history.json()["checkins"].as_array().unwrap().clone();
    assert_eq!(checkins.len(), 2, "{history:?}");
    assert_eq!(checkins[1]["old"], 5.0);
    assert_eq!(checkins[1]["new"], 6.0);
}

#[test]
fn a_bare_repository_with_git_dir_and_git_work_tree_is_used_as_git_uses_it() {
    let okr = Okr::new().examples();
    let git_dir = okr.temp_path().join("dotfiles.git");
    let work_tree = okr.root();
    let env = [
        ("GIT_DIR", git_dir.to_str().unwrap()),
        ("GIT_WORK_TREE", work_tree.to_str().unwrap()),
    ];
    bare_beside(&okr, &env);
    checkin_and_history_through(&okr, &env);
}

#[test]
fn relative_git_dir_and_git_work_tree_are_relative_to_the_current_folder() {
    // `git --git-dir=../dotfiles.git --work-tree=.` run in the OKR root.
    let okr = Okr::new().examples();
    let env = [("GIT_DIR", "../dotfiles.git"), ("GIT_WORK_TREE", ".")];
    bare_beside(&okr, &env);
    checkin_and_history_through(&okr, &env);
}

#[test]
fn git_dir_alone_makes_the_current_folder_the_top_of_the_work_tree() {
    // A repository whose git directory was moved out of the OKR root, used
    // with `GIT_DIR` alone: git takes the current folder for the top of its
    // work tree (not the git directory's parent, as the git library would).
    let okr = committed_examples();
    fs::rename(okr.root().join(".git"), okr.temp_path().join("meta.git")).unwrap();
    let env = [("GIT_DIR", "../meta.git")];
    assert_eq!(okr.git_with_env(&env, ["status", "--porcelain"]), "");
    checkin_and_history_through(&okr, &env);
}

#[test]
fn git_ceiling_directories_stop_the_search_for_a_repository_as_in_git() {
    // The OKR root is a folder of a repository; discovery from it may not go up.
    let okr = Okr::new();
    common::copy_dir(
        &common::crate_root().join("examples"),
        &okr.root().join("team"),
    );
    let okr = okr.committed().current_dir("team");
    let ceiling = okr.root();
    let env = [("GIT_CEILING_DIRECTORIES", ceiling.to_str().unwrap())];
    let git = okr.git_output_with_env(&env, ["-C", "team", "rev-parse", "--git-dir"]);
    assert!(!git.status.success(), "git finds no repository either");

    // Today okr finds the repository above the ceiling.
    okr.run_with_env(&env, ["history", "q4-enterprise/contracts"])
        .code(2)
        .stderr_contains("not in a git repository");
    okr.run_with_env(&env, ["checkin", "q4-enterprise/contracts", "6"])
        .code(0)
        .stdout_contains("(written, not committed)");
    assert_eq!(okr.commit_count(), 1);

    // Without the ceiling the repository is found from the folder.
    okr.run_with(["history", "q4-enterprise/contracts"]).code(0);
}

// --- the model cache --------------------------------------------------------------

fn set_mtime(path: &Path, when: std::time::SystemTime) {
    fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

fn platform_score(run: &Run) -> f64 {
    run.code(0).json()["objectives"][0]["score"]
        .as_f64()
        .unwrap_or_else(|| panic!("no score\n{run:?}"))
}

#[test]
fn the_model_cache_sees_an_edit_that_kept_size_modification_time_and_inode() {
    let okr = Okr::new()
        .examples()
        .git_init()
        .args(["status", "--team", "platform", "--format", "json"]);
    let root: PathBuf = okr.root();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    common::age(&root.join("okrs"), std::time::Duration::from_secs(3600));
    set_mtime(&root.join("okr.yaml"), hour_ago);

    // (520 - 800) / (300 - 800) = 0.56; (0.56 + 0.6) / 2 = 0.58.
    assert!((platform_score(&okr.run()) - 0.58).abs() < 0.005);
    assert!(
        root.join(".git/okr/model-cache.json").is_file(),
        "no model cache written"
    );

    // An edit in place (same inode, same size), then the old modification
    // time put back, as `touch -d` or a tool that keeps times does.
    let file = root.join(PLATFORM);
    let meta = fs::metadata(&file).unwrap();
    let text = fs::read_to_string(&file)
        .unwrap()
        .replacen("current: 520", "current: 420", 1);
    fs::write(&file, text).unwrap();
    set_mtime(&file, meta.modified().unwrap());
    let edited = fs::metadata(&file).unwrap();
    assert_eq!(edited.len(), meta.len());
    assert_eq!(edited.modified().unwrap(), meta.modified().unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        assert_eq!(edited.ino(), meta.ino());
    }

    // Today status shows 0.58 from the cache while check reads 420.
    // (420 - 800) / (300 - 800) = 0.76; (0.76 + 0.6) / 2 = 0.68.
    let score = platform_score(&okr.run());
    assert!((score - 0.68).abs() < 0.005, "status shows {score}");
}
