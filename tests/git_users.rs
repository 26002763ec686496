//! Git as users have it: okr on repositories as people set them up (line
//! endings, `GIT_DIR` and its kin, failed commits, index formats the git
//! library cannot read) and on files as their tools leave them. Every
//! repository is set up with the system `git`, as a user would.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{Okr, Run};

const COMPANY: &str = "okrs/2026-Q4/company.yaml";
const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";

/// The example organisation in a git repository with one commit and nothing pending.
fn committed_examples() -> Okr {
    Okr::new().examples().committed()
}

/// `git status --porcelain`, in the OKR root.
fn porcelain(okr: &Okr) -> String {
    okr.git(["status", "--porcelain"])
}

/// The files changed by HEAD.
fn files_of_head(okr: &Okr) -> Vec<String> {
    okr.git(["diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"])
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Whether every line of `bytes` ends with CRLF (and there is at least one).
fn all_crlf(bytes: &[u8]) -> bool {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    lf > 0 && lf == crlf
}

/// A clone of the committed example organisation into a new OKR root, made
/// with `git clone` and these extra arguments (e.g. `--config core.autocrlf=true`).
/// The origin is returned too: it must live as long as the clone.
fn clone_of(origin: Okr, args: &[&str]) -> (Okr, Okr) {
    let okr = Okr::new();
    let mut clone: Vec<String> = vec!["clone".into(), "--quiet".into()];
    clone.extend(args.iter().map(|a| (*a).to_owned()));
    clone.push(origin.root().to_string_lossy().into_owned());
    clone.push(".".into());
    okr.git(&clone);
    (okr, origin)
}

/// A checkin and an appended objective on a working tree whose files git
/// checked out with CRLF line endings: both commit, the files keep CRLF on
/// every line, git sees nothing left to commit, and the blobs follow git's
/// filters (LF in the repository).
fn commits_keep_crlf(okr: &Okr) {
    let before = fs::read(okr.root().join(COMPANY)).unwrap();
    assert!(all_crlf(&before), "the checkout has CRLF line endings");
    assert_eq!(porcelain(okr), "", "a clean checkout");
    let first = okr.commit_count();

    // Today: exit 2, "okrs/2026-Q4/company.yaml has uncommitted changes".
    okr.run_with(["checkin", "q4-enterprise/contracts", "6"])
        .code(0)
        .stdout_contains("checkin: q4-enterprise/contracts 5 -> 6");
    assert_eq!(okr.commit_count(), first + 1);
    assert_eq!(files_of_head(okr), [COMPANY]);
    let after = fs::read(okr.root().join(COMPANY)).unwrap();
    assert!(all_crlf(&after), "the file keeps CRLF");
    assert_eq!(
        String::from_utf8_lossy(&after).replacen("current: 6\r\n", "current: 5\r\n", 1),
        String::from_utf8_lossy(&before),
        "one value changed, nothing else"
    );
    assert_eq!(porcelain(okr), "", "nothing left to commit");
    assert_eq!(
        okr.git(["diff", "HEAD"]),
        "",
        "the commit is what the file holds"
    );
    let blob = okr.git(["cat-file", "blob", &format!("HEAD:{COMPANY}")]);
    assert!(!blob.contains('\r'), "git stores the file with LF: {blob}");
    assert_eq!(
        okr.git(["diff", "--numstat", "HEAD~1", "HEAD"]),
        format!("1\t1\t{COMPANY}\n")
    );

    okr.run_with([
        "add",
        "objective",
        "plat-observability",
        "--title",
        "See every slow request / 看见每一个慢请求",
        "--owner",
        "alex.kim",
    ])
    .code(0);
    assert_eq!(files_of_head(okr), [PLATFORM]);
    let platform = fs::read(okr.root().join(PLATFORM)).unwrap();
    assert!(all_crlf(&platform), "appended lines are CRLF too");
    assert_eq!(porcelain(okr), "");
    assert_eq!(okr.git(["diff", "HEAD"]), "");
}

#[test]
fn with_core_autocrlf_a_clean_checkout_checks_in_and_keeps_crlf() {
    let (okr, _origin) = clone_of(committed_examples(), &["--config", "core.autocrlf=true"]);
    commits_keep_crlf(&okr);
}

#[test]
fn with_eol_crlf_in_gitattributes_a_clean_checkout_checks_in_and_keeps_crlf() {
    let origin = Okr::new()
        .examples()
        .file(".gitattributes", "* text eol=crlf\n")
        .committed();
    let (okr, _origin) = clone_of(origin, &[]);
    commits_keep_crlf(&okr);
}

#[test]
fn with_core_autocrlf_a_real_edit_is_still_uncommitted_changes() {
    let (okr, _origin) = clone_of(committed_examples(), &["--config", "core.autocrlf=true"]);
    let path = okr.root().join(COMPANY);
    let text =
        fs::read_to_string(&path)
            .unwrap()
            .replacen("current: 3.9\r\n", "current: 4.0\r\n", 1);
    fs::write(&path, text).unwrap();
    let tree = okr.worktree();

    okr.run_with(["checkin", "q4-enterprise/contracts", "6"])
        .code(2)
        .stderr_contains(&format!("{COMPANY} has uncommitted changes"));
    assert_eq!(okr.worktree(), tree);
}

#[test]
fn with_core_autocrlf_check_and_status_read_what_a_checkout_with_lf_reads() {
    let origin = common::examples_with_checkins();
    let (okr, origin) = clone_of(origin, &["--config", "core.autocrlf=true"]);
    assert!(all_crlf(&fs::read(okr.root().join(COMPANY)).unwrap()));
    for args in [
        ["check", "--format", "json"],
        ["status", "--format", "json"],
    ] {
        let lf = origin.run_with(args);
        let crlf = okr.run_with(args);
        assert_eq!(crlf.code, lf.code, "{crlf:?}");
        assert_eq!(crlf.stdout, lf.stdout, "{args:?}");
    }
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

// --- a failed commit leaves git's index as it was --------------------------------

/// What a failed write must leave exactly as it was.
struct Before {
    index: Vec<u8>,
    porcelain: String,
    worktree: BTreeMap<String, Vec<u8>>,
    head: String,
}

impl Before {
    fn of(okr: &Okr) -> Before {
        Before {
            index: fs::read(okr.root().join(".git/index")).expect("git's index"),
            porcelain: porcelain(okr),
            worktree: okr.worktree(),
            head: okr.head(),
        }
    }

    /// The index file is compared first: `git status` may rewrite it.
    #[track_caller]
    fn unchanged(&self, okr: &Okr, run: &Run) {
        let index = fs::read(okr.root().join(".git/index")).expect("git's index");
        assert!(
            index == self.index,
            "git's index changed (staged: {})\n{run:?}",
            okr.git(["diff", "--cached", "--name-status"])
        );
        assert_eq!(porcelain(okr), self.porcelain, "{run:?}");
        assert_eq!(okr.worktree(), self.worktree, "{run:?}");
        assert_eq!(okr.head(), self.head, "{run:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_commit_failing_on_a_folder_that_was_a_symlink_leaves_the_index_as_it_was() {
    // `okrs` is committed as a symlink to `data/okrs`; the user has since made
    // it a real folder (not committed yet). Committing a file under it is a
    // "D/F conflict" for git's trees.
    let okr = Okr::new().examples();
    let root = okr.root();
    fs::create_dir(root.join("data")).unwrap();
    fs::rename(root.join("okrs"), root.join("data/okrs")).unwrap();
    std::os::unix::fs::symlink("data/okrs", root.join("okrs")).unwrap();
    let okr = okr.committed();
    fs::remove_file(root.join("okrs")).unwrap();
    common::copy_dir(&root.join("data/okrs"), &root.join("okrs"));
    let before = Before::of(&okr);

    // Today: `D  okrs` and `AD okrs/2026-Q4/company.yaml` stay staged, after
    // "D/F conflict when updating tree; class=Tree (14)".
    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "6", "--allow-dirty"]);
    run.code(2)
        .stderr_contains("in the last commit okrs is a file or a symbolic link, not a folder");
    before.unchanged(&okr, &run);
}

#[test]
fn a_commit_failing_after_staging_leaves_the_index_as_it_was_and_works_once_fixed() {
    // Another program holds the branch's lock: the commit cannot move it.
    let okr = committed_examples();
    let lock = okr.root().join(".git/refs/heads/main.lock");
    fs::write(&lock, "").unwrap();
    let before = Before::of(&okr);

    // Today the edited file stays staged (`M  okrs/2026-Q4/company.yaml`).
    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "6"]);
    run.code(2);
    before.unchanged(&okr, &run);

    fs::remove_file(&lock).unwrap();
    okr.run_with(["checkin", "q4-enterprise/contracts", "6"])
        .code(0);
    assert_eq!(files_of_head(&okr), [COMPANY]);
    assert_eq!(porcelain(&okr), "");
}

#[test]
fn a_failed_commit_keeps_what_the_user_had_staged_of_the_same_file() {
    // With --allow-dirty the user's staged version of the file is part of the
    // state to put back: not HEAD's version.
    let okr = committed_examples();
    let path = okr.root().join(COMPANY);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("current: 3.9", "current: 4.0", 1);
    fs::write(&path, text).unwrap();
    okr.git(["add", COMPANY]);
    fs::write(okr.root().join(".git/refs/heads/main.lock"), "").unwrap();
    let before = Before::of(&okr);
    assert_eq!(before.porcelain, format!("M  {COMPANY}\n"));

    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "6", "--allow-dirty"]);
    run.code(2);
    before.unchanged(&okr, &run);
}

#[test]
fn a_failed_signed_commit_leaves_the_index_as_it_was() {
    let okr = committed_examples();
    okr.git(["config", "commit.gpgsign", "true"]);
    // A gpg that signs nothing: `git commit` fails after okr staged its file.
    okr.git(["config", "gpg.program", "false"]);
    let path = okr.root().join(COMPANY);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen("current: 3.9", "current: 4.0", 1);
    fs::write(&path, text).unwrap();
    okr.git(["add", COMPANY]);
    let before = Before::of(&okr);

    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "6", "--allow-dirty"]);
    run.code(2).stderr_contains("gpgsign");
    before.unchanged(&okr, &run);
}

// --- index formats the git library cannot read -----------------------------------

/// A write refused with a message naming the index format and the command
/// that turns it off; nothing changed; after that command the write works.
fn refused_until_turned_off(okr: &Okr, what: &str, off: &[&str]) {
    let before = Before::of(okr);
    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "6"]);
    run.code(2)
        .stderr_contains(what)
        .stderr_contains(&format!("git {}", off.join(" ")));
    assert!(
        !run.stderr.contains("class=") && !run.stderr.contains("mandatory extension"),
        "a raw libgit2 message\n{run:?}"
    );
    before.unchanged(okr, &run);

    okr.git(off);
    okr.run_with(["checkin", "q4-enterprise/contracts", "6"])
        .code(0);
    assert_eq!(files_of_head(okr), [COMPANY]);
    assert_eq!(porcelain(okr), "");
}

#[test]
fn a_split_index_is_named_with_the_command_that_turns_it_off() {
    let okr = committed_examples();
    okr.git(["update-index", "--split-index"]);
    // Today: "cannot read git's index: unsupported mandatory extension: 'link'; class=Index (10)".
    refused_until_turned_off(&okr, "split index", &["update-index", "--no-split-index"]);
}

#[test]
fn a_sparse_index_is_named_with_the_command_that_turns_it_off() {
    let okr = Okr::new()
        .examples()
        .file("docs/guide/README.md", "How we write OKRs.\n")
        .committed();
    okr.git(["sparse-checkout", "set", "--cone", "--sparse-index", "okrs"]);
    assert!(
        !okr.root().join("docs").exists(),
        "docs/ is outside the cone"
    );
    // Today: "cannot read git's index: unsupported mandatory extension: 'sdir'; class=Index (10)".
    refused_until_turned_off(
        &okr,
        "sparse index",
        &["sparse-checkout", "reapply", "--no-sparse-index"],
    );
}

#[test]
fn a_sparse_index_in_format_4_with_an_intent_to_add_entry_is_named_too() {
    // Index format 4 compresses names; `git add -N` gives an entry extended flags.
    let okr = Okr::new()
        .examples()
        .file("docs/guide/README.md", "How we write OKRs.\n")
        .committed();
    okr.git(["sparse-checkout", "set", "--cone", "--sparse-index", "okrs"]);
    fs::write(okr.root().join("okrs/notes.txt"), "to sort out\n").unwrap();
    okr.git(["add", "--intent-to-add", "okrs/notes.txt"]);
    okr.git(["update-index", "--index-version", "4"]);
    let index = fs::read(okr.root().join(".git/index")).unwrap();
    assert_eq!(&index[..8], b"DIRC\0\0\0\x04");
    let before = Before::of(&okr);

    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "6"]);
    run.code(2)
        .stderr_contains("sparse index")
        .stderr_contains("git sparse-checkout reapply --no-sparse-index");
    before.unchanged(&okr, &run);
}

#[test]
fn history_views_check_and_no_commit_need_no_index_and_work_with_a_split_index() {
    let okr = committed_examples();
    okr.git(["update-index", "--split-index"]);
    okr.run_with(["history", "q4-enterprise/contracts"]).code(0);
    okr.run_with(["status"]).code(0);
    okr.run_with(["check"]).code(0);
    okr.run_with(["checkin", "q4-enterprise/contracts", "6", "--no-commit"])
        .code(0)
        .stdout_contains("(written, not committed)");
}

#[test]
fn index_format_4_skip_hash_and_the_untracked_cache_are_read_and_written() {
    // `feature.manyFiles` turns on index format 4, index.skipHash and the
    // untracked cache, as git suggests for large repositories.
    let okr = committed_examples();
    okr.git(["config", "feature.manyFiles", "true"]);
    okr.git(["update-index", "--index-version", "4", "--untracked-cache"]);
    okr.git(["status", "--porcelain"]);
    let index = fs::read(okr.root().join(".git/index")).unwrap();
    assert_eq!(&index[..8], b"DIRC\0\0\0\x04");
    assert!(index.windows(4).any(|w| w == b"UNTR"), "an untracked cache");
    assert!(
        index.ends_with(&[0; 20]),
        "no hash at the end (index.skipHash)"
    );

    okr.run_with(["checkin", "q4-enterprise/contracts", "6"])
        .code(0);
    assert_eq!(files_of_head(&okr), [COMPANY]);
    assert_eq!(porcelain(&okr), "");
    okr.git(["fsck", "--no-progress"]);
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
