//! The history index (`.git/okr/history-index`): whatever happened to the
//! repository since it was written (new commits, another branch, a rebase, a
//! reset, a force-push, a damaged file, two runs at once), every command that
//! reads history prints exactly what it prints with no index at all.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{Okr, at, examples_committed_on};

const INDEX: &str = ".git/okr/history-index";

/// The commands compared, each reading history.
const COMMANDS: &[&[&str]] = &[
    &["history", "--format", "json"],
    &["history"],
    &["show", "q4-enterprise/contracts"],
    &["status", "--by", "team", "--format", "json"],
    &["report", "--format", "json"],
    &["check", "--format", "json"],
];

fn index_path(okr: &Okr) -> PathBuf {
    okr.root().join(INDEX)
}

/// Each command's output with the index as it stands (which the run
/// updates), then with no index; asserts they are the same, keeps the
/// updated index for the next step and returns it.
#[track_caller]
fn same_as_without_index(okr: &Okr, step: &str) -> Vec<u8> {
    let mut kept = None;
    for args in COMMANDS {
        let with = okr.run_with(args.iter().copied());
        let index = fs::read(index_path(okr)).ok();
        kept = kept.or(index.clone());
        let _ = fs::remove_file(index_path(okr));
        let without = okr.run_with(args.iter().copied());
        assert_eq!(
            (with.code, &with.stdout),
            (without.code, &without.stdout),
            "{step}: `okr {}` differs with the index",
            args.join(" ")
        );
        assert!(with.code.is_some(), "{step}: {with:?}");
        if let Some(index) = index {
            fs::write(index_path(okr), index).expect("restore the index");
        }
    }
    let index = fs::read(index_path(okr)).expect("okr wrote a history index");
    assert!(kept.is_some());
    index
}

fn checkin(okr: &Okr, day: &str, reference: &str, value: &str) {
    okr.run_at(&at(day), ["checkin", reference, value]).code(0);
}

fn with_history() -> Okr {
    let okr = examples_committed_on("2026-10-01");
    checkin(&okr, "2026-10-05", "q4-enterprise/contracts", "6");
    checkin(&okr, "2026-10-08", "q4-enterprise/soc2-audit", "done");
    checkin(&okr, "2026-10-12", "fy26-growth/mau", "800000");
    okr
}

#[test]
fn new_commits_on_top_are_added() {
    let okr = with_history();
    let first = same_as_without_index(&okr, "first run");
    checkin(&okr, "2026-10-20", "q4-enterprise/contracts", "9");
    checkin(&okr, "2026-10-21", "q4-enterprise/contracts", "9.5");
    let second = same_as_without_index(&okr, "two commits on top");
    assert!(second.len() > first.len(), "the new commits were added");
    // The commits in the index are not read again: what it holds is shown.
    let mut marked = second.clone();
    let mut found = 0;
    for i in 0..marked.len().saturating_sub(10) {
        if &marked[i..i + 11] == b"Test Author" {
            marked[i + 1] = b'o';
            found += 1;
        }
    }
    assert!(found > 0, "the index holds the author as text");
    fs::write(index_path(&okr), &marked).expect("write");
    let run = okr.run_with(["history", "--format", "json"]);
    assert!(run.stdout.contains("Tost Author"), "{run:?}");
}

#[test]
fn a_branch_switch_and_back() {
    let okr = with_history();
    same_as_without_index(&okr, "main");
    okr.git(["switch", "--quiet", "-c", "side", "HEAD~2"]);
    checkin(&okr, "2026-10-15", "q4-enterprise/contracts", "3");
    same_as_without_index(&okr, "side branch");
    okr.git(["switch", "--quiet", "main"]);
    same_as_without_index(&okr, "back on main");
    okr.git_at(
        &at("2026-10-16"),
        ["merge", "--quiet", "--no-edit", "-X", "ours", "side"],
    );
    same_as_without_index(&okr, "merged");
}

#[test]
fn a_rebase_a_reset_and_a_force_push() {
    let okr = with_history();
    same_as_without_index(&okr, "before");
    // Rebase: the last two commits rewritten (another author date).
    okr.git_with_env(
        &[("GIT_COMMITTER_DATE", &at("2026-10-30"))],
        [
            "rebase",
            "--quiet",
            "--force-rebase",
            "--ignore-date",
            "HEAD~2",
        ],
    );
    same_as_without_index(&okr, "rebased");
    // Reset to an older commit: what only the dropped commits held is gone.
    okr.git(["reset", "--quiet", "--hard", "HEAD~2"]);
    let after_reset = same_as_without_index(&okr, "reset");
    // A force-push that shares no commit: a new root with other values.
    okr.git(["checkout", "--quiet", "--orphan", "fresh"]);
    okr.git_at(
        &at("2026-11-01"),
        ["commit", "--quiet", "-m", "Start again"],
    );
    okr.git(["branch", "--quiet", "-D", "main"]);
    okr.git(["branch", "--quiet", "-m", "main"]);
    okr.git(["reflog", "expire", "--expire=now", "--all"]);
    checkin(&okr, "2026-11-02", "q4-enterprise/contracts", "1");
    let fresh = same_as_without_index(&okr, "history shares no commit");
    assert!(
        fresh.len() < after_reset.len() + 200,
        "the commits no ref reaches left the index ({} then {} bytes)",
        after_reset.len(),
        fresh.len()
    );
}

#[test]
fn a_damaged_or_foreign_index_is_read_again_with_a_note() {
    let okr = with_history();
    let good = same_as_without_index(&okr, "first");
    let reference = okr.run_with(["history", "--format", "json"]);
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", good[..good.len() / 2].to_vec()),
        ("garbage", b"\xff\xfe not an index \x00\x01".repeat(50)),
        ("empty", Vec::new()),
        ("other format", {
            let mut bytes = good.clone();
            // The header starts with the magic's length and the magic; the
            // format follows.
            let at = 1 + "okr-history-index".len();
            bytes[at] = bytes[at].wrapping_add(1);
            bytes
        }),
    ];
    for (what, bytes) in damaged {
        fs::write(index_path(&okr), &bytes).expect("write");
        let run = okr.run_with(["history", "--format", "json"]);
        assert_eq!(run.stdout, reference.stdout, "{what}");
        run.code(0);
        if !bytes.is_empty() {
            run.stderr_contains("history index");
        }
        assert_ne!(
            fs::read(index_path(&okr)).expect("rewritten"),
            bytes,
            "{what}"
        );
    }
}

#[test]
fn two_runs_at_once_each_leave_a_whole_index() {
    let okr = with_history();
    let reference = okr.run_with(["history", "--format", "json"]);
    for round in 0..3 {
        let _ = fs::remove_file(index_path(&okr));
        checkin(
            &okr,
            &format!("2026-10-2{round}"),
            "q4-enterprise/contracts",
            &format!("{}", 10 + round),
        );
        let runs: Vec<_> = std::thread::scope(|s| {
            let a = s.spawn(|| okr.run_with(["history", "--format", "json"]));
            let b = s.spawn(|| okr.run_with(["history", "--format", "json"]));
            vec![a.join().expect("a"), b.join().expect("b")]
        });
        assert_eq!(runs[0].stdout, runs[1].stdout);
        assert_ne!(runs[0].stdout, reference.stdout);
        let after = okr.run_with(["history", "--format", "json"]);
        assert_eq!(after.stdout, runs[0].stdout, "round {round}");
        assert!(!after.stderr.contains("history index"), "{after:?}");
    }
}

#[test]
fn a_commit_that_does_not_parse_and_its_fix() {
    let okr = with_history();
    same_as_without_index(&okr, "before");
    let file = "okrs/2026-Q4/company.yaml";
    let good = okr.read(file);
    fs::write(okr.root().join(file), format!("{good}\n  broken: [\n")).expect("write");
    okr.git_at(&at("2026-10-13"), ["commit", "--quiet", "-am", "Broken"]);
    same_as_without_index(&okr, "broken");
    fs::write(
        okr.root().join(file),
        good.replacen("current: 6", "current: 7", 1),
    )
    .expect("write");
    okr.git_at(&at("2026-10-14"), ["commit", "--quiet", "-am", "Fixed"]);
    same_as_without_index(&okr, "fixed");
    checkin(&okr, "2026-10-15", "q4-enterprise/contracts", "8");
    same_as_without_index(&okr, "after the fix");
}

#[test]
fn a_shallow_clone_deepened() {
    let okr = with_history();
    checkin(&okr, "2026-10-20", "q4-enterprise/contracts", "9");
    let clone = Okr::new();
    let url = format!("file://{}", okr.root().display());
    let target = clone.root().display().to_string();
    okr.git(["clone", "--quiet", "--depth", "2", &url, &target]);
    same_as_without_index(&clone, "shallow");
    clone.git(["fetch", "--quiet", "--deepen", "2"]);
    same_as_without_index(&clone, "deepened");
    clone.git(["fetch", "--quiet", "--unshallow"]);
    same_as_without_index(&clone, "unshallowed");
}

#[test]
fn a_file_that_breaks_lines_with_lone_crs() {
    let okr = with_history();
    let file = "okrs/2026-Q4/company.yaml";
    let edit = |from: &str, to: &str, day: &str, message: &str| {
        let text = okr.read(file);
        assert!(text.contains(from), "{from:?}");
        fs::write(okr.root().join(file), text.replacen(from, to, 1)).expect("write");
        okr.git_at(&at(day), ["commit", "--quiet", "-am", message]);
    };
    // A value alone on its YAML line, a lone CR after it, then a line that
    // would continue a plain scalar.
    edit(
        "current: 6\n        unit: contracts\n      - id: soc2-audit",
        "unit: contracts\n        current: 6\r      - plain\n      - id: soc2-audit",
        "2026-10-13",
        "A lone CR",
    );
    same_as_without_index(&okr, "a lone CR");
    edit(
        "current: 6\r",
        "current: 7\r",
        "2026-10-14",
        "7 before a lone CR",
    );
    same_as_without_index(&okr, "a value changed before a lone CR");
    edit("current: 7\r", "current: 7\n", "2026-10-15", "LF again");
    same_as_without_index(&okr, "LF again");
    let history = okr.run_with(["history", "q4-enterprise/contracts", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&history.stdout).expect("JSON");
    let rows = rows["checkins"].as_array().expect("a list");
    let last = rows.last().expect("check-ins");
    assert_eq!(last["new"].as_f64(), Some(7.0), "{history:?}");
    assert_eq!(last["old"].as_f64(), Some(6.0), "{history:?}");
}
