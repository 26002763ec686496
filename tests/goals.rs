//! End-to-end tests of eased goals: `okr check --base REV` (`target-moved`)
//! flags every goal `okr diff` warns about — targets and starts, thresholds
//! (`keep_above` lowered, `keep_below` raised), milestone due dates moved
//! later, key results removed from a running cycle — unless the last commit
//! that moved it says why in an `OKR-Reason:` trailer.

mod common;

use std::collections::BTreeSet;

use common::{Finding, Okr, at, commit_all, examples_committed_on};

const COMPANY_Q4: &str = "okrs/2026-Q4/company.yaml";
const ENGINEERING: &str = "okrs/2026-Q4/engineering.yaml";

/// The block of `q4-reliability/sev1` in the company's Q4 file.
const SEV1: &str = "      - id: sev1
        title: 本季度 P1 故障少于 2 次
        owner: chen.jing
        keep_below: 2
        current: 0
        unit: incidents
";

/// The goals a pull request eases, each by one kind of change.
const EASED: [&str; 4] = [
    "q4-reliability/availability",      // keep_above 99.9 -> 95
    "eng-weekly-release/rollback-rate", // keep_below 2 -> 3
    "q4-enterprise/soc2-audit",         // due 2026-12-15 -> 2026-12-31
    "q4-reliability/sev1",              // removed while 2026-Q4 runs
];

/// The examples on `main` (committed before 2026-Q4 started), then on
/// `feature` the working tree with every goal of [`EASED`] eased.
fn eased_in_working_tree() -> Okr {
    let okr = examples_committed_on("2026-09-20").today("2026-11-15");
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    okr.replace(COMPANY_Q4, "keep_above: 99.9\n", "keep_above: 95\n")
        .replace(ENGINEERING, "keep_below: 2\n", "keep_below: 3\n")
        .replace(COMPANY_Q4, "due: 2026-12-15\n", "due: 2026-12-31\n")
        .replace(COMPANY_Q4, SEV1, "")
}

/// The findings of `okr check --format json ARGS...` (exit 0 or 1).
#[track_caller]
fn check(okr: &Okr, args: &[&str]) -> Vec<Finding> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = okr.run_with(all);
    run.no_crash();
    assert!(matches!(run.code, Some(0 | 1)), "{run:?}");
    run.findings()
}

/// The references named by the `target-moved` findings (each a warning).
fn moved(findings: &[Finding]) -> BTreeSet<String> {
    findings
        .iter()
        .filter(|f| f.rule == "target-moved")
        .map(|f| {
            assert_eq!(f.level, "warning", "{f:?}");
            EASED
                .iter()
                .chain(["q4-enterprise/contracts"].iter())
                .find(|r| f.message.contains(&format!("`{r}`")))
                .unwrap_or_else(|| panic!("a finding about another key result: {f:?}"))
                .to_string()
        })
        .collect()
}

/// The references of `okr diff BASE --format json`'s warnings.
fn diff_warnings(okr: &Okr, base: &str) -> BTreeSet<String> {
    let run = okr.run_with(["diff", base, "--format", "json"]);
    run.code(0);
    run.json()["warnings"]
        .as_array()
        .expect("a warnings list")
        .iter()
        .map(|w| w["ref"].as_str().expect("a ref").to_owned())
        .collect()
}

fn set(refs: &[&str]) -> BTreeSet<String> {
    refs.iter().map(|r| (*r).to_owned()).collect()
}

#[test]
fn check_base_flags_every_goal_that_diff_warns_eased() {
    let okr = eased_in_working_tree();
    commit_all(
        &okr,
        "2026-10-15",
        "Wang Fang",
        "Easier goals for the quarter",
    );
    let eased = set(&EASED);
    assert_eq!(diff_warnings(&okr, "main"), eased);
    let findings = check(&okr, &["--base", "main"]);
    assert_eq!(moved(&findings), eased, "{findings:#?}");
    let short = okr.git(["rev-parse", "--short", "HEAD"]);
    for f in findings.iter().filter(|f| f.rule == "target-moved") {
        assert!(
            f.message.contains(short.trim()) && f.message.contains("OKR-Reason"),
            "names the commit and the trailer: {f:?}"
        );
    }
    let threshold = findings
        .iter()
        .find(|f| f.rule == "target-moved" && f.message.contains("availability"))
        .expect("the threshold");
    assert!(
        threshold.message.contains("99.9") && threshold.message.contains("95"),
        "{threshold:?}"
    );
    assert_eq!(threshold.file, COMPANY_Q4);
    let removed = findings
        .iter()
        .find(|f| f.rule == "target-moved" && f.message.contains("sev1"))
        .expect("the removed key result");
    assert!(removed.message.contains("removed"), "{removed:?}");
    assert_eq!(removed.file, COMPANY_Q4);

    // The same trailer explains every kind of move.
    let date = at("2026-10-15");
    okr.git_with_env(
        &[("GIT_AUTHOR_DATE", &date), ("GIT_COMMITTER_DATE", &date)],
        [
            "commit",
            "--quiet",
            "--amend",
            "-m",
            "Easier goals for the quarter\n\nOKR-Reason: the holiday freeze halves the team",
        ],
    );
    assert_eq!(moved(&check(&okr, &["--base", "main"])), set(&[]));
    assert_eq!(diff_warnings(&okr, "main"), eased, "diff still shows them");
}

#[test]
fn check_base_flags_eased_goals_still_in_the_working_tree() {
    let okr = eased_in_working_tree();
    let findings = check(&okr, &["--base", "main"]);
    assert_eq!(moved(&findings), set(&EASED), "{findings:#?}");
    for f in findings.iter().filter(|f| f.rule == "target-moved") {
        assert!(f.message.contains("working tree"), "{f:?}");
    }
}

#[test]
fn the_last_commit_that_moved_a_goal_decides_and_a_goal_put_back_is_no_move() {
    let mut okr = examples_committed_on("2026-09-20").today("2026-11-15");
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    // Before the cycle started: planning, not moving.
    okr = okr.replace(COMPANY_Q4, "keep_above: 99.9\n", "keep_above: 99.5\n");
    commit_all(&okr, "2026-09-28", "Li Wei", "availability: 99.5");
    // Eased after the start, then put back: nothing moved in the end.
    okr = okr.replace(ENGINEERING, "keep_below: 2\n", "keep_below: 4\n");
    commit_all(&okr, "2026-10-10", "Li Wei", "rollback rate: 4%");
    okr = okr.replace(ENGINEERING, "keep_below: 4\n", "keep_below: 2\n");
    commit_all(&okr, "2026-10-12", "Li Wei", "rollback rate: back to 2%");
    // Eased without a reason, then eased further with one: explained.
    okr = okr.replace(COMPANY_Q4, "target: 12\n", "target: 10\n");
    commit_all(&okr, "2026-10-14", "Wang Fang", "contracts: 10");
    okr = okr.replace(COMPANY_Q4, "target: 10\n", "target: 9\n");
    let date = at("2026-10-16");
    okr.git_with_env(
        &[("GIT_AUTHOR_DATE", &date), ("GIT_COMMITTER_DATE", &date)],
        [
            "commit",
            "--quiet",
            "--all",
            "-m",
            "contracts: 9\n\nOKR-Reason: two deals moved to January",
        ],
    );
    // A due date moved later without a reason: flagged.
    okr = okr.replace(COMPANY_Q4, "due: 2026-12-15\n", "due: 2027-01-15\n");
    commit_all(&okr, "2026-10-20", "Chen Jing", "SOC 2: January");
    let findings = check(&okr, &["--base", "main"]);
    assert_eq!(
        moved(&findings),
        set(&["q4-enterprise/soc2-audit"]),
        "{findings:#?}"
    );
    let due = findings
        .iter()
        .find(|f| f.rule == "target-moved")
        .expect("the due date");
    assert!(
        due.message.contains("2026-12-15") && due.message.contains("2027-01-15"),
        "{due:?}"
    );
}
