//! End-to-end tests of the commands that write: `okr checkin`, `okr add
//! objective`, `okr add kr` and `okr carry`, on real git repositories made with
//! the system `git` (SPEC sections 7 and 9).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use common::{Finding, Okr, Run};
use serde_json::Value;

const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";
const GROWTH: &str = "okrs/2026-Q4/product/growth.yaml";
const ENGINEERING: &str = "okrs/2026-Q4/engineering.yaml";

/// The example organisation in a git repository with one commit and nothing pending.
fn committed_examples() -> Okr {
    Okr::new().examples().committed()
}

/// Asserts that a refused command left the working tree and HEAD as they were.
#[track_caller]
fn unchanged(okr: &Okr, worktree: &BTreeMap<String, Vec<u8>>, head: &str, run: &Run) {
    assert!(
        okr.worktree() == *worktree,
        "the refused command changed files\n{run:?}"
    );
    assert_eq!(okr.head(), head, "the refused command committed\n{run:?}");
}

/// The files the commit HEAD touched.
fn files_of_head(okr: &Okr) -> Vec<String> {
    okr.git(["show", "--name-only", "--format=", "HEAD"])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `git diff --numstat` of the last commit: `added\tdeleted\tpath` lines.
fn numstat_of_head(okr: &Okr) -> String {
    okr.git(["diff", "--numstat", "HEAD~1", "HEAD"])
}

/// `git status --porcelain`: empty when nothing is pending.
fn status(okr: &Okr) -> String {
    okr.git(["status", "--porcelain", "--untracked-files=all"])
}

/// The comments of a YAML text: whole-line comments and the `# ...` tails of
/// lines (the examples hold no `#` inside strings).
fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            if line.trim_start().starts_with('#') {
                Some(line)
            } else {
                line.find(" #").map(|at| &line[at + 1..])
            }
        })
        .collect()
}

/// Whether every line of `old` is in `new`, in the same order.
fn keeps_lines_in_order(old: &str, new: &str) -> bool {
    let mut new_lines = new.lines();
    old.lines().all(|line| new_lines.any(|n| n == line))
}

/// The indices of the lines that differ between two texts of the same line count.
fn differing_lines(old: &str, new: &str) -> Vec<usize> {
    let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    assert_eq!(old.len(), new.len(), "the texts differ in their line count");
    (0..old.len()).filter(|&i| old[i] != new[i]).collect()
}

/// An OKR file parsed into JSON values (dates become strings).
fn yaml(okr: &Okr, rel: &str) -> Value {
    serde_saphyr::from_str(&okr.read(rel)).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
}

fn objectives(file: &Value) -> &Vec<Value> {
    file["objectives"].as_array().expect("an objectives list")
}

#[track_caller]
fn objective<'a>(file: &'a Value, id: &str) -> &'a Value {
    objectives(file)
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no objective {id} in {file}"))
}

#[track_caller]
fn key_result<'a>(file: &'a Value, objective_id: &str, kr_id: &str) -> &'a Value {
    objective(file, objective_id)["key_results"]
        .as_array()
        .expect("a key_results list")
        .iter()
        .find(|k| k["id"] == kr_id)
        .unwrap_or_else(|| panic!("no key result {objective_id}/{kr_id}"))
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"))
}

/// The findings of `okr check --format json`, on whatever exit code.
fn findings(okr: &Okr, today: &str) -> Vec<Finding> {
    let run = okr.run_with(["check", "--format", "json", "--today", today]);
    run.no_crash();
    run.findings()
}

// --- okr checkin ------------------------------------------------------------

#[test]
fn checkin_changes_one_line_and_commits_only_that_file_as_the_pinned_author_with_trailers() {
    let okr = committed_examples();
    let parent = okr.head();
    let before = okr.read(PLATFORM);

    let run = okr.run_with(["checkin", "plat-fast-translate/p95-latency", "480"]);
    run.code(0)
        .stdout_contains("[main ")
        .stdout_contains("checkin: plat-fast-translate/p95-latency 520 -> 480");

    let after = okr.read(PLATFORM);
    let changed = differing_lines(&before, &after);
    assert_eq!(changed.len(), 1, "one line changes\n{after}");
    // The value changes; its indentation and the comment after it stay.
    assert_eq!(
        after.lines().nth(changed[0]),
        Some("        current: 480        # 11/12 上线译文缓存后")
    );
    assert_eq!(comments(&before), comments(&after));
    assert_eq!(comments(&after).len(), 2, "the two comments of {PLATFORM}");

    assert_eq!(okr.git(["rev-parse", "HEAD~1"]).trim(), parent);
    assert_eq!(numstat_of_head(&okr), format!("1\t1\t{PLATFORM}\n"));
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    assert_eq!(okr.git(["show", &format!("HEAD:{PLATFORM}")]), after);
    assert_eq!(status(&okr), "", "the commit leaves nothing pending");

    assert_eq!(
        okr.git([
            "log",
            "-1",
            "--date=format:%Y-%m-%d %H:%M %z",
            "--format=%an%x09%ae%x09%ad%x09%cn%x09%ce%x09%cd",
        ]),
        "Test Author\tauthor@example.com\t2026-11-15 09:00 +0000\t\
         Test Committer\tcommitter@example.com\t2026-11-15 09:00 +0000\n"
    );
    let raw = okr.git(["cat-file", "commit", "HEAD"]);
    assert!(
        raw.contains("\nauthor Test Author <author@example.com> 1794733200 +0000\n"),
        "{raw}"
    );
    assert_eq!(
        okr.git(["log", "-1", "--format=%B"]),
        "checkin: plat-fast-translate/p95-latency 520 -> 480\n\n\
         OKR-Key-Result: plat-fast-translate/p95-latency\n\
         OKR-Value: 480\n\n"
    );
    // git itself reads the last paragraph as trailers.
    assert_eq!(
        okr.git(["log", "-1", "--format=%(trailers:only,unfold)"]),
        "OKR-Key-Result: plat-fast-translate/p95-latency\nOKR-Value: 480\n\n"
    );
}

#[test]
fn checkin_with_a_first_confidence_changes_one_line_and_adds_one() {
    let okr = committed_examples();
    let before = okr.read(PLATFORM);

    okr.run_with([
        "checkin",
        "plat-fast-translate/cache-hit",
        "66",
        "--confidence",
        "0.7",
        "-m",
        "Warm the cache at deploy time",
    ])
    .code(0)
    .stdout_contains("checkin: plat-fast-translate/cache-hit 62 -> 66");

    let after = okr.read(PLATFORM);
    assert_eq!(numstat_of_head(&okr), format!("2\t1\t{PLATFORM}\n"));
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    // Without the one added line, exactly one line differs.
    let added = "        confidence: 0.7";
    let at = after
        .lines()
        .position(|l| l == added)
        .expect("a confidence line");
    let without: Vec<&str> = after
        .lines()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, l)| l)
        .collect();
    let changed = differing_lines(&before, &(without.join("\n") + "\n"));
    assert_eq!(changed.len(), 1);
    assert_eq!(without[changed[0]], "        current: 66");
    // The confidence goes to its key result, after the value and its unit.
    let lines: Vec<&str> = after.lines().collect();
    assert_eq!(
        lines[at - 3..=at],
        [
            "        target: 80",
            "        current: 66",
            "        unit: \"%\"",
            added
        ]
    );
    assert_eq!(comments(&before), comments(&after));

    assert_eq!(
        okr.git(["log", "-1", "--format=%B"]),
        "checkin: plat-fast-translate/cache-hit 62 -> 66\n\n\
         Warm the cache at deploy time\n\n\
         OKR-Key-Result: plat-fast-translate/cache-hit\n\
         OKR-Value: 66\n\
         OKR-Confidence: 0.7\n\n"
    );
    assert_eq!(
        okr.git(["log", "-1", "--format=%(trailers:only,unfold)"]),
        "OKR-Key-Result: plat-fast-translate/cache-hit\nOKR-Value: 66\nOKR-Confidence: 0.7\n\n"
    );

    // A confidence that is there already is replaced in place.
    let before = after;
    okr.run_with([
        "checkin",
        "plat-fast-translate/cache-hit",
        "68",
        "--confidence",
        "0.8",
    ])
    .code(0);
    let after = okr.read(PLATFORM);
    assert_eq!(numstat_of_head(&okr), format!("2\t2\t{PLATFORM}\n"));
    let changed: Vec<&str> = differing_lines(&before, &after)
        .into_iter()
        .map(|i| after.lines().nth(i).expect("a line"))
        .collect();
    assert_eq!(changed, ["        current: 68", "        confidence: 0.8"]);
}

#[test]
fn checkin_marks_a_milestone_done_and_not_done_again() {
    let okr = committed_examples();
    let original = okr.read(PLATFORM);
    let first = okr.commit_count();

    okr.run_with(["checkin", "plat-holiday-ready/autoscaling", "done"])
        .code(0)
        .stdout_contains("checkin: plat-holiday-ready/autoscaling false -> true");
    let done = okr.read(PLATFORM);
    let changed = differing_lines(&original, &done);
    assert_eq!(changed.len(), 1);
    assert_eq!(done.lines().nth(changed[0]), Some("        done: true"));
    assert_eq!(
        okr.git(["log", "-1", "--format=%(trailers:only,unfold)"]),
        "OKR-Key-Result: plat-holiday-ready/autoscaling\nOKR-Value: true\n\n"
    );
    assert_eq!(
        key_result(&yaml(&okr, PLATFORM), "plat-holiday-ready", "autoscaling")["done"],
        true
    );

    okr.run_with(["checkin", "plat-holiday-ready/autoscaling", "not-done"])
        .code(0)
        .stdout_contains("checkin: plat-holiday-ready/autoscaling true -> false");
    assert_eq!(okr.read(PLATFORM), original, "back to the very same bytes");
    assert_eq!(okr.commit_count(), first + 2);
    assert_eq!(files_of_head(&okr), [PLATFORM]);

    // A threshold key result takes its level as `current`.
    okr.run_with(["checkin", "plat-holiday-ready/availability", "99.91"])
        .code(0)
        .stdout_contains("checkin: plat-holiday-ready/availability 99.95 -> 99.91");
    assert_eq!(
        number(&key_result(&yaml(&okr, PLATFORM), "plat-holiday-ready", "availability")["current"]),
        99.91
    );
}

#[test]
fn checkin_refuses_a_word_for_a_number_and_a_confidence_outside_zero_to_one() {
    let okr = committed_examples();
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/p95-latency", "twenty"]);
    run.code(2).stderr_contains("`twenty` is not a number");
    unchanged(&okr, &tree, &head, &run);

    let run = okr.run_with(["checkin", "plat-holiday-ready/autoscaling", "maybe"]);
    run.code(2)
        .stderr_contains("`maybe` is not a milestone value")
        .stderr_contains("`done` or `not-done`");
    unchanged(&okr, &tree, &head, &run);

    for confidence in ["1.5", "-0.1"] {
        let run = okr.run_with([
            "checkin",
            "plat-fast-translate/p95-latency",
            "480",
            "--confidence",
            confidence,
        ]);
        run.code(2).stderr_contains("0.0 to 1.0");
        unchanged(&okr, &tree, &head, &run);
    }

    let run = okr.run_with(["checkin", "plat-fast-translate", "480"]);
    run.code(2)
        .stderr_contains("is not a key result")
        .stderr_contains("objective-id/kr-id");
    unchanged(&okr, &tree, &head, &run);

    // The same value again is a check-in that changes no file: an empty commit.
    let run = okr.run_with(["checkin", "plat-fast-translate/p95-latency", "520"]);
    run.code(0)
        .stdout_contains("checkin: plat-fast-translate/p95-latency 520 (unchanged)");
    assert_eq!(okr.worktree(), tree, "{run:?}");
    assert_ne!(okr.head(), head, "{run:?}");
    assert_eq!(okr.git(["diff", "--stat", &head, "HEAD"]), "");
}

#[test]
fn checkin_refuses_to_sweep_in_another_staged_file_and_changes_nothing() {
    let okr = committed_examples();
    fs::write(
        okr.root().join(GROWTH),
        okr.read(GROWTH) + "# a note staged by hand\n",
    )
    .expect("edit growth.yaml");
    okr.git(["add", GROWTH]);
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/p95-latency", "480"]);
    run.code(2)
        .stderr_contains("staged")
        .stderr_contains(GROWTH);
    unchanged(&okr, &tree, &head, &run);
    assert_eq!(
        okr.git(["diff", "--cached", "--name-only"]),
        format!("{GROWTH}\n"),
        "the user's staged change is still staged, and nothing else"
    );
}

#[test]
fn checkin_of_an_unknown_key_result_suggests_the_nearest_one() {
    let okr = committed_examples();
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/p95-latncy", "480"]);
    run.code(2)
        .stderr_contains("no key result `p95-latncy`")
        .stderr_contains("did you mean `plat-fast-translate/p95-latency`?");
    unchanged(&okr, &tree, &head, &run);

    let run = okr.run_with(["checkin", "plat-fast-translat/p95-latency", "480"]);
    run.code(2)
        .stderr_contains("no objective `plat-fast-translat`")
        .stderr_contains("did you mean `plat-fast-translate/p95-latency`?");
    unchanged(&okr, &tree, &head, &run);
}

#[test]
fn checkin_refuses_a_file_with_uncommitted_edits_unless_allowed_and_then_commits_them_too() {
    let okr = committed_examples().replace(
        PLATFORM,
        "Autoscaling on all translation workers",
        "Autoscaling on every translation worker",
    );
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/p95-latency", "480"]);
    run.code(2)
        .stderr_contains(PLATFORM)
        .stderr_contains("uncommitted changes")
        .stderr_contains("--allow-dirty");
    unchanged(&okr, &tree, &head, &run);

    okr.run_with([
        "checkin",
        "plat-fast-translate/p95-latency",
        "480",
        "--allow-dirty",
    ])
    .code(0);
    assert_eq!(okr.git(["rev-parse", "HEAD~1"]).trim(), head);
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    let committed = okr.git(["show", &format!("HEAD:{PLATFORM}")]);
    assert_eq!(committed, okr.read(PLATFORM));
    assert!(committed.contains("title: Autoscaling on every translation worker"));
    assert!(committed.contains("current: 480"));
    assert_eq!(numstat_of_head(&okr), format!("2\t2\t{PLATFORM}\n"));
    assert_eq!(status(&okr), "");
}

#[test]
fn checkin_with_no_commit_writes_the_file_and_commits_nothing() {
    // From a folder below the OKR root, as a user in okrs/ would run it.
    let okr = committed_examples().current_dir("okrs/2026-Q4");
    let head = okr.head();

    okr.run_with([
        "checkin",
        "plat-fast-translate/cache-hit",
        "70",
        "--no-commit",
    ])
    .code(0)
    .stdout_contains("not committed");
    assert_eq!(okr.head(), head);
    assert_eq!(status(&okr), format!(" M {PLATFORM}\n"));
    assert_eq!(
        number(&key_result(&yaml(&okr, PLATFORM), "plat-fast-translate", "cache-hit")["current"]),
        70.0
    );
}

#[test]
fn checkin_outside_git_writes_the_file_and_says_it_was_not_committed() {
    let okr = Okr::new().examples();
    let mut expected = okr.worktree();

    okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"])
        .code(0)
        .stdout_contains(
            "checkin: plat-fast-translate/cache-hit 62 -> 70 (written, not committed)",
        );
    assert!(!okr.root().join(".git").exists(), "okr made no repository");
    let after = okr.read(PLATFORM);
    let changed = differing_lines(
        &String::from_utf8(expected[PLATFORM].clone()).expect("UTF-8"),
        &after,
    );
    assert_eq!(changed.len(), 1);
    expected.insert(PLATFORM.to_owned(), after.into_bytes());
    assert!(okr.worktree() == expected, "only {PLATFORM} changed");
}

#[test]
fn in_a_repository_without_commits_checkin_makes_the_first_commit_of_only_its_file() {
    let okr = Okr::new().examples().git_init();
    let tree = okr.worktree();

    let run = okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"]);
    run.code(2)
        .stderr_contains("not committed yet")
        .stderr_contains("--allow-dirty");
    assert!(okr.worktree() == tree, "the refusal changed files\n{run:?}");
    assert!(
        !okr.git_output(["rev-parse", "--verify", "HEAD"])
            .status
            .success(),
        "the refusal made a commit"
    );

    okr.run_with([
        "checkin",
        "plat-fast-translate/cache-hit",
        "70",
        "--allow-dirty",
    ])
    .code(0)
    .stdout_contains("[main ");
    assert_eq!(okr.commit_count(), 1);
    assert_eq!(
        okr.git(["rev-list", "--parents", "HEAD"])
            .split_whitespace()
            .count(),
        1,
        "a root commit"
    );
    assert_eq!(
        okr.git(["ls-tree", "-r", "--name-only", "HEAD"]),
        format!("{PLATFORM}\n")
    );
    assert_eq!(
        okr.git(["show", &format!("HEAD:{PLATFORM}")]),
        okr.read(PLATFORM)
    );
    let pending = status(&okr);
    assert!(pending.contains("?? okr.yaml\n"), "{pending}");
    assert!(pending.contains(&format!("?? {GROWTH}\n")), "{pending}");
    assert!(!pending.contains(PLATFORM), "{pending}");
    let fsck = okr.git_output(["fsck", "--strict"]);
    assert!(fsck.status.success(), "{fsck:?}");
}

#[test]
fn without_an_identity_checkin_says_how_to_set_one_and_changes_nothing() {
    let okr = committed_examples()
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL");
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"]);
    run.code(2)
        .stderr_contains("git config --global user.name")
        .stderr_contains("--no-commit");
    unchanged(&okr, &tree, &head, &run);
}

#[test]
fn the_identity_comes_from_the_repository_config_when_the_environment_has_none() {
    let okr = committed_examples()
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL");
    okr.git(["config", "user.name", "Repo Person"]);
    okr.git(["config", "user.email", "repo.person@example.com"]);

    okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"])
        .code(0);
    assert_eq!(
        okr.git(["log", "-1", "--format=%an%x09%ae%x09%cn%x09%ce"]),
        "Repo Person\trepo.person@example.com\tRepo Person\trepo.person@example.com\n"
    );
    assert_eq!(files_of_head(&okr), [PLATFORM]);
}

#[test]
fn a_held_index_lock_is_reported_by_name_and_the_file_is_restored() {
    let okr = committed_examples();
    let lock = okr.root().join(".git/index.lock");
    fs::write(&lock, "").expect("create index.lock");
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"]);
    run.code(2)
        .stderr_contains("index.lock")
        .stderr_contains("another git command");
    assert!(
        !run.stderr.contains("File exists") && !run.stderr.contains("failed to create locked file"),
        "a raw libgit2 message\n{run:?}"
    );
    unchanged(&okr, &tree, &head, &run);
    assert!(lock.exists(), "okr leaves someone else's lock alone");

    fs::remove_file(&lock).expect("remove index.lock");
    okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"])
        .code(0);
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    assert_eq!(status(&okr), "");
}

#[test]

fn a_failed_commit_of_a_new_file_leaves_no_folder_behind() {
    let okr = committed_examples();
    fs::write(okr.root().join(".git/index.lock"), "").expect("create index.lock");
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with([
        "add",
        "objective",
        "plat-q1-speed",
        "--title",
        "Translation at the speed of reading",
        "--owner",
        "alex.kim",
        "--cycle",
        "2027-Q1",
    ]);
    run.code(2).stderr_contains("index.lock");
    assert!(
        !okr.root()
            .join("okrs/2027-Q1/engineering/platform.yaml")
            .exists(),
        "the new file is removed"
    );
    // Today the worktree gains the empty folders okrs/2027-Q1/ and okrs/2027-Q1/engineering/.
    unchanged(&okr, &tree, &head, &run);
}

#[test]
fn checkin_works_in_a_linked_worktree_and_on_a_detached_head() {
    let okr = committed_examples();
    let linked = okr.temp_path().join("linked");
    okr.git([
        "worktree".as_ref(),
        "add".as_ref(),
        "--quiet".as_ref(),
        "-b".as_ref(),
        "side".as_ref(),
        linked.as_os_str(),
    ]);

    let run = okr.run_with([
        "-C".as_ref(),
        linked.as_os_str(),
        "checkin".as_ref(),
        "plat-fast-translate/cache-hit".as_ref(),
        "70".as_ref(),
    ]);
    run.code(0).stdout_contains("[side ");
    let on_side = okr.git(["show", &format!("side:{PLATFORM}")]);
    assert!(on_side.contains("current: 70"), "{on_side}");
    assert_eq!(
        okr.git(["diff", "--name-only", "main", "side"]),
        format!("{PLATFORM}\n")
    );
    assert_eq!(
        okr.read(PLATFORM),
        okr.git(["show", &format!("main:{PLATFORM}")])
    );
    assert_eq!(status(&okr), "", "the main worktree is untouched");

    okr.git(["checkout", "--quiet", "--detach"]);
    let detached = okr.head();
    okr.run_with(["checkin", "plat-fast-translate/cache-hit", "71"])
        .code(0)
        .stdout_contains("[detached HEAD ");
    assert_eq!(okr.git(["rev-parse", "HEAD~1"]).trim(), detached);
    assert_eq!(
        okr.git(["rev-parse", "main"]).trim(),
        detached,
        "main stays"
    );
    assert_eq!(files_of_head(&okr), [PLATFORM]);
}

/// A stand-in for gpg as git calls it (`gpg --status-fd=2 -bsau KEY`): it
/// records its arguments and the payload, tells git on the status descriptor
/// that it signed, and prints an armored "signature".
#[cfg(unix)]
const FAKE_GPG: &str = r#"#!/bin/sh
dir=$(dirname "$0")
printf '%s\n' "$*" >> "$dir/gpg-args.log"
fd=""
for arg in "$@"; do
  case "$arg" in
    --status-fd=*) fd="${arg#--status-fd=}" ;;
  esac
done
cat > "$dir/gpg-payload.txt"
if [ -n "$fd" ]; then
  eval "printf '\n[GNUPG:] SIG_CREATED D 1 8 00 1794733200 0000FAKE\n' >&$fd"
fi
printf -- '-----BEGIN PGP SIGNATURE-----\n\nZmFrZSBzaWduYXR1cmU=\n-----END PGP SIGNATURE-----\n'
"#;

/// Sets `commit.gpgsign` in the repository, with the fake gpg as `gpg.program`.
#[cfg(unix)]
fn sign_with_fake_gpg(okr: &Okr) {
    use std::os::unix::fs::PermissionsExt;

    let gpg = okr.temp_path().join("fake-gpg");
    fs::write(&gpg, FAKE_GPG).expect("write the fake gpg");
    fs::set_permissions(&gpg, fs::Permissions::from_mode(0o755)).expect("chmod");
    okr.git(["config", "commit.gpgsign", "true"]);
    okr.git(["config", "gpg.program", gpg.to_str().expect("a UTF-8 path")]);
    okr.git(["config", "user.signingkey", "TESTKEY"]);
}

#[cfg(unix)]
#[test]
fn with_commit_gpgsign_the_commit_is_signed() {
    let okr = committed_examples();
    sign_with_fake_gpg(&okr);
    let head = okr.head();

    okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"])
        .code(0)
        .stdout_contains("checkin: plat-fast-translate/cache-hit 62 -> 70");
    let raw = okr.git(["cat-file", "commit", "HEAD"]);
    assert!(
        raw.contains("\ngpgsig -----BEGIN PGP SIGNATURE-----\n")
            && raw.contains(" -----END PGP SIGNATURE-----\n"),
        "no signature header\n{raw}"
    );
    assert!(
        raw.contains("\nauthor Test Author <author@example.com> 1794733200 +0000\n"),
        "{raw}"
    );
    let args = fs::read_to_string(okr.temp_path().join("gpg-args.log")).expect("gpg was run");
    assert_eq!(args, "--status-fd=2 -bsau TESTKEY\n");
    let payload =
        fs::read_to_string(okr.temp_path().join("gpg-payload.txt")).expect("the signed payload");
    assert!(payload.starts_with("tree "), "{payload}");
    assert!(
        payload.contains("\ncheckin: plat-fast-translate/cache-hit 62 -> 70\n"),
        "{payload}"
    );
    assert_eq!(okr.git(["rev-parse", "HEAD~1"]).trim(), head);
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    assert_eq!(
        okr.git(["log", "-1", "--format=%(trailers:only,unfold)"]),
        "OKR-Key-Result: plat-fast-translate/cache-hit\nOKR-Value: 70\n\n"
    );
    assert_eq!(status(&okr), "");
}

#[cfg(unix)]
#[test]

fn with_commit_gpgsign_a_new_file_is_committed_and_signed() {
    let okr = committed_examples();
    sign_with_fake_gpg(&okr);
    let new_file = "okrs/2027-Q1/engineering/platform.yaml";

    let run = okr.run_with([
        "add",
        "objective",
        "plat-q1-speed",
        "--title",
        "Translation at the speed of reading",
        "--owner",
        "alex.kim",
        "--cycle",
        "2027-Q1",
    ]);
    // Today: exit 2, "error: pathspec 'okrs/2027-Q1/engineering/platform.yaml'
    // did not match any file(s) known to git", and no file written.
    run.code(0);
    assert_eq!(files_of_head(&okr), [new_file]);
    let raw = okr.git(["cat-file", "commit", "HEAD"]);
    assert!(
        raw.contains("\ngpgsig -----BEGIN PGP SIGNATURE-----\n"),
        "{raw}"
    );
    assert_eq!(status(&okr), "");
}

#[test]
fn when_signing_fails_the_file_is_restored_and_the_error_names_gpgsign() {
    let okr = committed_examples();
    okr.git(["config", "commit.gpgsign", "true"]);
    // A gpg that signs nothing: git's commit fails.
    okr.git(["config", "gpg.program", "false"]);
    let (tree, head) = (okr.worktree(), okr.head());

    let run = okr.run_with(["checkin", "plat-fast-translate/cache-hit", "70"]);
    run.code(2).stderr_contains("gpgsign");
    unchanged(&okr, &tree, &head, &run);
    assert_eq!(status(&okr), "", "the index is as it was");
}

#[test]
fn concurrent_checkins_all_end_well_and_leave_a_sound_repository() {
    let okr = committed_examples();
    let first = okr.commit_count();
    // Two key results of one file, then two key results of two other files.
    let pairs = [
        [
            ("plat-fast-translate", "p95-latency", PLATFORM),
            ("plat-fast-translate", "cache-hit", PLATFORM),
        ],
        [
            ("growth-signup", "signup", GROWTH),
            ("eng-weekly-release", "lead-time", ENGINEERING),
        ],
    ];
    let mut last: BTreeMap<(&str, &str, &str), f64> = BTreeMap::new();
    // Every (key result, value) checked in: the lock queues the writers, so
    // each of the 30 check-ins must land, none lost and none refused.
    let mut sent: BTreeSet<(String, String)> = BTreeSet::new();
    for round in 0..15u32 {
        let pair = pairs[round as usize % 2];
        // No value equals a value the key result holds already.
        let values = [f64::from(400 + round), f64::from(40 + round)];
        let runs: Vec<Run> = std::thread::scope(|scope| {
            let okr = &okr;
            let handles: Vec<_> = pair
                .iter()
                .zip(values)
                .map(|(&(o, k, _), value)| {
                    scope.spawn(move || {
                        okr.run_with(["checkin".to_owned(), format!("{o}/{k}"), value.to_string()])
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a thread"))
                .collect()
        });
        for ((kr, value), run) in pair.iter().zip(values).zip(&runs) {
            run.no_crash().code(0);
            assert!(run.stdout.contains("checkin: "), "{run:?}");
            last.insert(*kr, value);
            sent.insert((format!("{}/{}", kr.0, kr.1), value.to_string()));
        }
    }
    assert_eq!(sent.len(), 30, "30 distinct check-ins were sent");
    let successes = sent.len();

    for ((o, k, file), value) in &last {
        let current = number(&key_result(&yaml(&okr, file), o, k)["current"]);
        assert_eq!(current, *value, "{o}/{k} holds the last value checked in");
    }
    assert_eq!(okr.commit_count() - first, successes);
    let subjects = okr.git(["log", "--format=%s", &format!("HEAD~{successes}..HEAD")]);
    assert_eq!(subjects.lines().count(), successes);
    assert!(
        subjects.lines().all(|s| s.starts_with("checkin: ")),
        "{subjects}"
    );
    let touched = okr.git([
        "log",
        "--format=@%H",
        "--name-only",
        &format!("HEAD~{successes}..HEAD"),
    ]);
    for commit in touched.split('@').skip(1) {
        let files: Vec<&str> = commit.lines().skip(1).filter(|l| !l.is_empty()).collect();
        assert_eq!(files.len(), 1, "every check-in commits one file: {files:?}");
    }
    // Every value landed in a commit of its own: okr history reads the values
    // from the files at each commit, so a check-in whose write was overwritten
    // by a concurrent one would be missing here.
    let new_commits: BTreeSet<String> = okr
        .git(["rev-list", &format!("HEAD~{successes}..HEAD")])
        .lines()
        .map(str::to_owned)
        .collect();
    let history = okr.run_with(["history", "--format", "json"]);
    history.code(0);
    let landed: Vec<(String, String)> = history.json()["checkins"]
        .as_array()
        .expect("a list of check-ins")
        .iter()
        .filter(|c| new_commits.contains(c["commit"].as_str().expect("a commit id")))
        .map(|c| {
            let new = number(&c["new"]);
            (
                c["ref"].as_str().expect("a ref").to_owned(),
                new.to_string(),
            )
        })
        .collect();
    assert_eq!(
        landed.len(),
        successes,
        "one check-in per commit: {landed:?}"
    );
    let landed: BTreeSet<(String, String)> = landed.into_iter().collect();
    assert_eq!(landed, sent, "every value checked in is in the history");
    assert_eq!(status(&okr), "", "nothing left pending");
    let fsck = okr.git_output(["fsck", "--strict", "--no-dangling"]);
    assert!(fsck.status.success(), "{fsck:?}");
    assert_eq!(
        String::from_utf8_lossy(&fsck.stdout),
        "",
        "git fsck --strict finds nothing"
    );
    assert_eq!(String::from_utf8_lossy(&fsck.stderr), "");
}

// --- okr add ----------------------------------------------------------------

#[test]
fn add_objective_appends_to_the_team_file_keeping_every_old_line() {
    let okr = committed_examples();
    let before = okr.read(PLATFORM);
    let first = okr.commit_count();

    let run = okr.run_with([
        "add",
        "objective",
        "plat-observability",
        "--title",
        "See every slow request / 看见每一个慢请求",
        "--owner",
        "alex.kim",
        "--aligns",
        "eng-weekly-release",
        "--origin",
        "bottom-up",
    ]);
    run.code(0)
        .stdout_contains("add: objective plat-observability")
        .stderr_contains(PLATFORM);

    let after = okr.read(PLATFORM);
    assert!(keeps_lines_in_order(&before, &after), "{after}");
    let added = after
        .strip_prefix(&before)
        .expect("the objective is appended after the old text");
    assert_eq!(
        added,
        "  - id: plat-observability\n    title: See every slow request / 看见每一个慢请求\n    owner: alex.kim\n    aligns: eng-weekly-release\n    origin: bottom-up\n"
    );
    assert_eq!(okr.commit_count(), first + 1);
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    assert_eq!(
        okr.git(["log", "-1", "--format=%s%n%(trailers:only,unfold)"]),
        "add: objective plat-observability\nOKR-Objective: plat-observability\n\n"
    );
    assert_eq!(status(&okr), "");

    // The examples check clean; the new objective is a draft (okr adds drafts,
    // and cycle 2026-Q4 has started: `agreed`) with no key results yet
    // (`kr-count`). It aligns, so it is no `orphan`.
    let line = before.lines().count() + 1;
    let keys: Vec<String> = findings(&okr, "2026-11-15")
        .iter()
        .map(Finding::key)
        .collect();
    assert_eq!(
        keys,
        [
            format!("agreed error {PLATFORM} {line} 5"),
            format!("kr-count warning {PLATFORM} {line} 5"),
        ]
    );

    // A key result settles the count; the draft is the user's to agree.
    okr.run_with([
        "add",
        "kr",
        "plat-observability/traced",
        "--title",
        "Share of requests traced from 10% to 90%",
        "--start",
        "10",
        "--target",
        "90",
        "--unit",
        "%",
        "--owner",
        "liu.yang",
    ])
    .code(0)
    .stdout_contains("add: key result plat-observability/traced");
    assert_eq!(files_of_head(&okr), [PLATFORM]);
    assert!(keeps_lines_in_order(&after, &okr.read(PLATFORM)));
    let keys: Vec<String> = findings(&okr, "2026-11-15")
        .iter()
        .map(Finding::key)
        .collect();
    assert_eq!(keys, [format!("agreed error {PLATFORM} {line} 5")]);
}

#[test]
fn add_objective_in_a_new_cycle_creates_the_team_file_and_add_kr_fills_it() {
    let okr = committed_examples();
    let new_file = "okrs/2027-Q1/engineering/platform.yaml";
    let first = okr.commit_count();

    // alex.kim is in one team, platform, so --team is not needed.
    okr.run_with([
        "add",
        "objective",
        "plat-q1-speed",
        "--title",
        "Translation at the speed of reading",
        "--owner",
        "alex.kim",
        "--cycle",
        "2027-Q1",
        "--origin",
        "bottom-up",
    ])
    .code(0)
    .stderr_contains(new_file);
    assert_eq!(files_of_head(&okr), [new_file]);
    assert_eq!(
        okr.read(new_file),
        "cycle: 2027-Q1\nteam: platform\nobjectives:\n  - id: plat-q1-speed\n    title: Translation at the speed of reading\n    owner: alex.kim\n    origin: bottom-up\n"
    );

    let krs: [&[&str]; 4] = [
        &[
            "plat-q1-speed/p99",
            "--title",
            "p99 latency from 2000 ms to 900 ms",
            "--start",
            "2000",
            "--target",
            "900",
            "--unit",
            "ms",
        ],
        &[
            "plat-q1-speed/edge",
            "--title",
            "Edge cache live in three regions",
            "--due",
            "2027-02-15",
            "--owner",
            "liu.yang",
        ],
        &[
            "plat-q1-speed/uptime",
            "--title",
            "Availability at or above 99.9%",
            "--keep-above",
            "99.9",
            "--current",
            "99.95",
        ],
        &[
            "plat-q1-speed/errors",
            "--title",
            "Error rate at or below 1%",
            "--keep-below",
            "1",
            "--current",
            "0.4",
        ],
    ];
    for kr in krs {
        let before = okr.read(new_file);
        let run = okr.run_with(["add", "kr"].iter().chain(kr).copied());
        run.code(0);
        assert_eq!(files_of_head(&okr), [new_file], "{run:?}");
        assert!(
            okr.read(new_file).starts_with(&before),
            "appended at the end\n{run:?}"
        );
    }
    assert_eq!(okr.commit_count(), first + 5);
    assert_eq!(
        okr.read(new_file),
        "cycle: 2027-Q1
team: platform
objectives:
  - id: plat-q1-speed
    title: Translation at the speed of reading
    owner: alex.kim
    origin: bottom-up
    key_results:
      - id: p99
        title: p99 latency from 2000 ms to 900 ms
        start: 2000
        target: 900
        current: 2000
        unit: ms
      - id: edge
        title: Edge cache live in three regions
        owner: liu.yang
        done: false
        due: 2027-02-15
      - id: uptime
        title: 'Availability at or above 99.9%'
        keep_above: 99.9
        current: 99.95
      - id: errors
        title: 'Error rate at or below 1%'
        keep_below: 1
        current: 0.4
"
    );

    // What is left open in 2027-Q1: the objective is a draft (`agreed`) that
    // aligns to nothing (`orphan`: platform has a parent team), and the other
    // teams below the top have no objectives yet (`coverage`). 2026 and 2026-Q4
    // have ended, so their objectives want reviews (`review`, `ambition`).
    // The commits are dated 2026-11-15, so by 2027-02-01 the new key results
    // are `stale` too; that is history's business, not this test's.
    let all = findings(&okr, "2027-02-01");
    let in_new: Vec<String> = all
        .iter()
        .filter(|f| f.file == new_file && f.rule != "stale")
        .map(Finding::key)
        .collect();
    assert_eq!(
        in_new,
        [
            format!("agreed error {new_file} 4 5"),
            format!("orphan warning {new_file} 4 5"),
        ]
    );
    let uncovered: BTreeSet<&str> = all
        .iter()
        .filter(|f| f.rule == "coverage")
        .map(|f| {
            assert_eq!(f.file, "okr.yaml");
            f.message
                .split('`')
                .nth(1)
                .expect("a team in the coverage message")
        })
        .collect();
    assert_eq!(
        uncovered,
        BTreeSet::from(["engineering", "growth", "product"])
    );
    for f in all
        .iter()
        .filter(|f| f.file != new_file && f.rule != "coverage")
    {
        assert!(
            ["review", "ambition"].contains(&f.rule.as_str())
                && f.level == "warning"
                && (f.file.starts_with("okrs/2026-Q4/") || f.file.starts_with("okrs/2026/")),
            "unexpected finding {f:?}"
        );
    }

    // The four kinds score as their kinds do.
    let status = okr.run_with([
        "status",
        "--cycle",
        "2027-Q1",
        "--format",
        "json",
        "--today",
        "2027-02-01",
    ]);
    status.code(0);
    let json = status.json();
    let scores: Vec<(String, f64)> = json["objectives"][0]["key_results"]
        .as_array()
        .expect("key results")
        .iter()
        .map(|k| {
            (
                k["id"].as_str().expect("an id").to_owned(),
                number(&k["score"]),
            )
        })
        .collect();
    assert_eq!(
        scores,
        [
            ("p99".to_owned(), 0.0),
            ("edge".to_owned(), 0.0),
            ("uptime".to_owned(), 1.0),
            ("errors".to_owned(), 1.0),
        ]
    );
}

#[test]
fn add_objective_for_a_person_goes_to_their_personal_file() {
    let okr = committed_examples();
    let personal = "okrs/2026-Q4/people/zhang.san.yaml";
    let before = okr.read(personal);

    okr.run_with([
        "add",
        "objective",
        "zs-sql",
        "--title",
        "Write my own SQL",
        "--owner",
        "zhang.san",
        "--person",
        "zhang.san",
        "--aligns",
        "growth-signup",
        "--aligns",
        "prod-first-week/activation",
    ])
    .code(0);
    assert_eq!(files_of_head(&okr), [personal]);
    let added = okr
        .read(personal)
        .strip_prefix(&before)
        .expect("appended after the old text")
        .to_owned();
    assert_eq!(
        added,
        "  - id: zs-sql\n    title: Write my own SQL\n    owner: zhang.san\n    aligns:\n      - growth-signup\n      - prod-first-week/activation\n"
    );

    // In a cycle without a personal file, one is made under people/.
    okr.run_with([
        "add",
        "objective",
        "zs-2027",
        "--title",
        "Run experiments alone",
        "--owner",
        "zhang.san",
        "--person",
        "zhang.san",
        "--cycle",
        "2027-Q1",
    ])
    .code(0);
    assert_eq!(files_of_head(&okr), ["okrs/2027-Q1/people/zhang.san.yaml"]);
    let file = yaml(&okr, "okrs/2027-Q1/people/zhang.san.yaml");
    assert_eq!(file["person"], "zhang.san");
    assert!(file["team"].is_null());
    assert_eq!(file["cycle"], "2027-Q1");
    assert_eq!(objective(&file, "zs-2027")["owner"], "zhang.san");
}

#[test]
fn add_refuses_a_duplicate_id_an_unknown_person_and_an_unknown_alignment() {
    let okr = committed_examples();
    let (tree, head) = (okr.worktree(), okr.head());
    let refusals: [(&[&str], &[&str]); 8] = [
        (
            &[
                "objective",
                "growth-churn",
                "--title",
                "T",
                "--owner",
                "maria.garcia",
            ],
            &["`growth-churn` already exists in okrs/2026-Q4/product/growth.yaml"],
        ),
        (
            &[
                "objective",
                "plat-new",
                "--title",
                "T",
                "--owner",
                "alex.kin",
            ],
            &[
                "--owner alex.kin is not a person",
                "did you mean `alex.kim`?",
            ],
        ),
        (
            &[
                "objective",
                "plat-new",
                "--title",
                "T",
                "--owner",
                "alex.kim",
                "--aligns",
                "eng-weekly-releas",
            ],
            &[
                "--aligns eng-weekly-releas",
                "did you mean `eng-weekly-release`?",
            ],
        ),
        (
            &[
                "objective",
                "plat-new",
                "--title",
                "T",
                "--owner",
                "alex.kim",
                "--aligns",
                "eng-weekly-release/nope",
            ],
            &["objective `eng-weekly-release` has no key result `nope`"],
        ),
        (
            &[
                "objective",
                "plat-new",
                "--title",
                "T",
                "--owner",
                "alex.kim",
                "--team",
                "platfrom",
            ],
            &["--team platfrom is not a team", "did you mean `platform`?"],
        ),
        (
            &[
                "kr",
                "plat-fast-translate/cache-hit",
                "--title",
                "T",
                "--start",
                "1",
                "--target",
                "2",
            ],
            &["already has a key result `cache-hit`"],
        ),
        (
            &[
                "kr",
                "plat-fast-translat/new",
                "--title",
                "T",
                "--start",
                "1",
                "--target",
                "2",
            ],
            &[
                "no objective `plat-fast-translat`",
                "did you mean `plat-fast-translate`?",
            ],
        ),
        (
            &[
                "kr",
                "plat-fast-translate/new",
                "--title",
                "T",
                "--due",
                "2027-01-15",
            ],
            &["--due 2027-01-15 lies outside cycle 2026-Q4"],
        ),
    ];
    for (args, needles) in refusals {
        let run = okr.run_with(["add"].iter().chain(args).copied());
        run.code(2);
        for needle in needles {
            run.stderr_contains(needle);
        }
        unchanged(&okr, &tree, &head, &run);
    }
    let run = okr.run_with([
        "add",
        "kr",
        "plat-fast-translate/new",
        "--title",
        "T",
        "--start",
        "3",
        "--target",
        "3",
    ]);
    run.code(2)
        .stderr_contains("--start and --target are both 3");
    unchanged(&okr, &tree, &head, &run);
}

// --- okr carry --------------------------------------------------------------

#[test]

fn carry_into_an_existing_file_writes_key_results_in_the_files_block_style() {
    let okr = committed_examples();
    let file = "okrs/2027-Q1/engineering/platform.yaml";
    okr.run_with([
        "add",
        "objective",
        "plat-q1-speed",
        "--title",
        "Translation at the speed of reading",
        "--owner",
        "alex.kim",
        "--cycle",
        "2027-Q1",
    ])
    .code(0);
    okr.run_with(["carry", "2026-Q4", "2027-Q1"]).code(0);

    let text = okr.read(file);
    assert_eq!(
        yaml(&okr, file)["objectives"][1]["carried_from"],
        "plat-fast-translate"
    );
    // Today: "      -\n        id: p95-latency\n".
    assert!(
        text.contains("\n      - id: p95-latency\n        title: "),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.trim() == "-"), "{text}");
}

#[test]
fn carry_copies_unfinished_aspirational_objectives_as_drafts_and_only_once() {
    // growth-churn is dropped; q4-reliability is committed; neither goes on.
    let okr = Okr::new()
        .examples()
        .replace(
            GROWTH,
            "    aligns: [q4-retention, fy26-growth/paid-conversion]\n    origin: bottom-up\n    status: agreed",
            "    aligns: [q4-retention, fy26-growth/paid-conversion]\n    origin: bottom-up\n    status: dropped",
        )
        .committed();
    let before = okr.worktree();
    let first = okr.commit_count();

    let run = okr.run_with(["carry", "2026-Q4", "2027-Q1"]);
    run.code(0)
        .stdout_contains("carry: 2026-Q4 -> 2027-Q1")
        .stdout_contains("plat-fast-translate -> ");
    assert_eq!(okr.commit_count(), first + 1);

    // Everything that was there is byte for byte as it was; only 2027-Q1 files are new.
    let after = okr.worktree();
    for (path, bytes) in &before {
        assert!(after.get(path) == Some(bytes), "{path} changed or vanished");
    }
    let new_files: Vec<&String> = after
        .keys()
        .filter(|p| !before.contains_key(*p) && !p.ends_with('/'))
        .collect();
    assert!(
        new_files.iter().all(|p| p.starts_with("okrs/2027-Q1/")),
        "{new_files:?}"
    );
    let touched = files_of_head(&okr);
    assert_eq!(
        touched.iter().collect::<Vec<_>>(),
        new_files,
        "the commit holds exactly the new files"
    );
    assert_eq!(status(&okr), "");

    // Which objectives went on, and what they look like.
    let old: BTreeMap<String, Value> = before
        .keys()
        .filter(|p| p.starts_with("okrs/2026-Q4/") && p.ends_with(".yaml"))
        .flat_map(|p| {
            objectives(&yaml(&okr, p))
                .iter()
                .map(|o| (o["id"].as_str().expect("an id").to_owned(), o.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut carried_from = BTreeSet::new();
    let mut numeric = 0;
    let mut milestones = 0;
    for file in &new_files {
        let text = yaml(&okr, file);
        assert_eq!(text["cycle"], "2027-Q1", "{file}");
        for carried in objectives(&text) {
            let id = carried["id"].as_str().expect("an id");
            let from = carried["carried_from"]
                .as_str()
                .unwrap_or_else(|| panic!("{id} has no carried_from"));
            assert!(carried_from.insert(from.to_owned()), "{from} carried twice");
            assert_ne!(id, from, "a carried objective gets a new id");
            assert!(
                carried["status"].is_null() || carried["status"] == "draft",
                "{id} is carried as a draft"
            );
            let source = &old[from];
            assert_eq!(carried["title"], source["title"]);
            assert_eq!(carried["owner"], source["owner"]);
            for kr in carried["key_results"].as_array().expect("key results") {
                let was = source["key_results"]
                    .as_array()
                    .expect("key results")
                    .iter()
                    .find(|k| k["id"] == kr["id"])
                    .expect("a carried key result was one before");
                if !kr["start"].is_null() {
                    numeric += 1;
                    assert_eq!(
                        number(&kr["start"]),
                        number(&was["current"]),
                        "{id}/{}",
                        kr["id"]
                    );
                    assert_eq!(number(&kr["current"]), number(&was["current"]));
                    assert_eq!(number(&kr["target"]), number(&was["target"]));
                } else if !kr["due"].is_null() {
                    milestones += 1;
                    assert_eq!(kr["done"], false);
                    let due = kr["due"].as_str().expect("a date");
                    assert!(
                        ("2027-01-01"..="2027-03-31").contains(&due),
                        "{id}: due {due}"
                    );
                }
            }
        }
    }
    assert_eq!(
        carried_from,
        BTreeSet::from(
            [
                "eng-soc2",
                "eng-weekly-release",
                "growth-signup",
                "plat-fast-translate",
                "plat-holiday-ready",
                "prod-enterprise-entry",
                "prod-first-week",
                "q4-enterprise",
                "q4-retention",
                "zs-experiments",
            ]
            .map(str::to_owned)
        )
    );
    assert!(
        !carried_from.contains("q4-reliability"),
        "committed stays behind"
    );
    assert!(
        !carried_from.contains("growth-churn"),
        "dropped stays behind"
    );
    assert!(
        numeric >= 10 && milestones >= 5,
        "{numeric} numeric, {milestones} milestones"
    );

    // A second carry finds everything carried already.
    let (tree, head) = (okr.worktree(), okr.head());
    let run = okr.run_with(["carry", "2026-Q4", "2027-Q1"]);
    run.code(0).stdout_contains("nothing to carry");
    unchanged(&okr, &tree, &head, &run);

    // In 2027-Q1 the carried files are sound: no structural finding anywhere.
    let all = findings(&okr, "2027-01-10");
    for f in &all {
        assert!(
            !matches!(
                f.rule.as_str(),
                "yaml"
                    | "schema"
                    | "measurable"
                    | "duplicate-id"
                    | "unknown-ref"
                    | "alignment-target"
                    | "alignment-cycle"
                    | "alignment-team"
                    | "alignment-loop"
                    | "deadline"
                    | "owner"
                    | "range"
            ),
            "{f:?}"
        );
    }
    // What carry leaves to the teams: agreeing the drafts, and aligning the
    // ones whose parents did not go on.
    let agreed = all
        .iter()
        .filter(|f| f.file.starts_with("okrs/2027-Q1/"))
        .inspect(|f| assert!(["agreed", "orphan"].contains(&f.rule.as_str()), "{f:?}"))
        .filter(|f| f.rule == "agreed")
        .count();
    assert_eq!(agreed, carried_from.len());
}

#[cfg(unix)]
#[test]
fn with_commit_gpgsign_a_checkin_of_no_change_is_a_signed_empty_commit() {
    let okr = committed_examples();
    sign_with_fake_gpg(&okr);
    let (tree, head) = (okr.worktree(), okr.head());
    okr.run_with(["checkin", "plat-fast-translate/cache-hit", "--same"])
        .code(0)
        .stdout_contains("checkin: plat-fast-translate/cache-hit 62 (unchanged)");
    let raw = okr.git(["cat-file", "commit", "HEAD"]);
    assert!(
        raw.contains("\ngpgsig -----BEGIN PGP SIGNATURE-----\n"),
        "{raw}"
    );
    assert_eq!(okr.git(["rev-parse", "HEAD~1"]).trim(), head);
    assert_eq!(okr.git(["diff", "--stat", &head, "HEAD"]), "");
    assert_eq!(okr.worktree(), tree);
    assert_eq!(status(&okr), "");
}
