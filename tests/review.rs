//! End-to-end tests of the commands for reviewing OKRs with git: `okr diff`
//! (SPEC sections 7 and 8, README "Reviewing a pull request: okr diff"),
//! `okr nudge`, the last check-in of `okr status --by team` and the recent
//! check-ins of `okr show` (README "History from git").
//!
//! Every repository is made with the system `git`; where dates matter each
//! commit is dated on its own day (`Okr::git_at`, `Okr::run_with_env`).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{Okr, Run, at, commit_all, examples_committed_on};
use serde_json::{Value, json};

const COMPANY_Q4: &str = "okrs/2026-Q4/company.yaml";
const ENGINEERING: &str = "okrs/2026-Q4/engineering.yaml";
const PRODUCT: &str = "okrs/2026-Q4/product.yaml";
const GROWTH: &str = "okrs/2026-Q4/product/growth.yaml";
const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";

/// The last key result of `eng-soc2`, the last entry of the engineering file.
const AUDITOR_FIELDWORK: &str = "      - id: auditor-fieldwork
        title: 审计师现场工作完成
        owner: chen.jing
        done: false
        due: 2026-12-10
";

/// The whole `eng-soc2` objective of the engineering file.
const ENG_SOC2_START: &str = "\n  - id: eng-soc2\n";

// --- helpers -------------------------------------------------------------------

/// `okr checkin REF VALUE` on `day` by `author` (it commits); returns the commit.
#[track_caller]
fn checkin(okr: &Okr, day: &str, author: &str, reference: &str, value: &str) -> String {
    let before = okr.head();
    let date = at(day);
    okr.run_with_env(
        &[
            ("GIT_AUTHOR_NAME", author),
            ("GIT_AUTHOR_DATE", &date),
            ("GIT_COMMITTER_DATE", &date),
        ],
        ["checkin", reference, value],
    )
    .code(0);
    let after = okr.head();
    assert_ne!(
        before, after,
        "okr checkin {reference} {value} did not commit"
    );
    after
}

/// Runs okr, asserts exit 0 and no panic, returns stdout as JSON.
#[track_caller]
fn json_of(okr: &Okr, args: &[&str]) -> (Value, Run) {
    let run = okr.run_with(args.iter().copied());
    run.code(0);
    assert!(!run.stderr.contains("panicked"), "{run:?}");
    (run.json(), run)
}

/// A list of strings in a JSON object, sorted (SPEC leaves the order open).
#[track_caller]
fn sorted_strings(value: &Value, key: &str) -> Vec<String> {
    let list = value[key]
        .as_array()
        .unwrap_or_else(|| panic!("no list `{key}` in {value:#}"));
    let mut out: Vec<String> = list
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("`{key}` holds {v}, not a reference"))
                .to_owned()
        })
        .collect();
    out.sort();
    out
}

fn strings(items: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
    out.sort();
    out
}

/// Numbers as f64, so that `50` and `50.0` compare equal.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64().expect("a finite number")),
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

/// One entry of `changed`: `(ref, field, old, new, kind)`.
type Change = (String, String, Value, Value, String);

fn change(reference: &str, field: &str, old: Value, new: Value, kind: &str) -> Change {
    (
        reference.to_owned(),
        field.to_owned(),
        normalise(&old),
        normalise(&new),
        kind.to_owned(),
    )
}

/// The `changed` list of `okr diff --format json`, sorted by ref and field.
#[track_caller]
fn changes(diff: &Value) -> Vec<Change> {
    let list = diff["changed"]
        .as_array()
        .unwrap_or_else(|| panic!("no list `changed` in {diff:#}"));
    let mut out: Vec<Change> = list
        .iter()
        .map(|c| {
            for key in ["ref", "field", "old", "new", "kind"] {
                assert!(c.get(key).is_some(), "a change without `{key}`: {c}");
            }
            change(
                c["ref"].as_str().expect("ref is a string"),
                c["field"].as_str().expect("field is a string"),
                c["old"].clone(),
                c["new"].clone(),
                c["kind"].as_str().expect("kind is a string"),
            )
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

#[track_caller]
fn assert_changes(diff: &Value, mut expected: Vec<Change>) {
    expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let actual = changes(diff);
    assert_eq!(
        actual, expected,
        "`changed` differs (left: actual)\n{diff:#}"
    );
}

/// The `warnings` of `okr diff --format json` as sorted `(ref, kind)` pairs;
/// asserts each has a message.
#[track_caller]
fn warnings(diff: &Value) -> Vec<(String, String)> {
    let list = diff["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("no list `warnings` in {diff:#}"));
    let mut out: Vec<(String, String)> = list
        .iter()
        .map(|w| {
            let message = w["message"].as_str().unwrap_or("");
            assert!(!message.is_empty(), "a warning without message: {w}");
            (
                w["ref"].as_str().expect("ref").to_owned(),
                w["kind"].as_str().expect("kind").to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    out.sort();
    out
}

/// The `scores` of the change of `field` of `reference`.
#[track_caller]
fn scores_of(diff: &Value, reference: &str, field: &str) -> Value {
    diff["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .find(|c| c["ref"] == reference && c["field"] == field)
        .unwrap_or_else(|| panic!("no change of {reference} {field} in {diff:#}"))
        .get("scores")
        .cloned()
        .unwrap_or(Value::Null)
}

#[track_caller]
fn assert_close(value: &Value, expected: f64) {
    let x = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is no number"));
    // JSON writes scores with four decimals.
    assert!((x - expected).abs() <= 5e-5, "{x} is not {expected}");
}

/// The examples committed on `main`, then on branch `feature`.
fn feature_branch() -> Okr {
    let okr = Okr::new().examples().committed();
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    okr
}

// --- okr diff: JSON --------------------------------------------------------------

/// The committed part of the pull request of `diff_json_*`: a lowered target
/// of an increasing key result, a moved start, a changed objective title.
fn commit_feature_changes(okr: Okr) -> Okr {
    let okr = okr
        .replace(PRODUCT, "        target: 50\n", "        target: 45\n")
        .replace(PRODUCT, "        start: 22\n", "        start: 20\n")
        .replace(
            COMPANY_Q4,
            "title: Close the year with enterprise revenue on plan",
            "title: Close the year with enterprise ARR on plan",
        );
    okr.git(["commit", "--quiet", "--all", "--message", "Retarget"]);
    okr
}

/// The uncommitted part: a new objective with a key result (by `okr add`), a
/// removed key result, a progressed value (`okr checkin --no-commit`) and a
/// re-owned objective.
fn edit_working_tree(okr: Okr) -> Okr {
    okr.run_with([
        "add",
        "objective",
        "prod-referrals",
        "--title",
        "Readers bring readers",
        "--owner",
        "li.wei",
        "--team",
        "product",
        "--aligns",
        "q4-retention",
        "--no-commit",
    ])
    .code(0);
    okr.run_with([
        "add",
        "kr",
        "prod-referrals/invites",
        "--title",
        "Invites sent from 0 to 5000",
        "--start",
        "0",
        "--target",
        "5000",
        "--no-commit",
    ])
    .code(0);
    okr.run_with(["checkin", "growth-signup/signup", "24", "--no-commit"])
        .code(0);
    okr.replace(ENGINEERING, AUDITOR_FIELDWORK, "").replace(
        GROWTH,
        "    owner: maria.garcia\n    aligns: [q4-retention",
        "    owner: zhang.san\n    aligns: [q4-retention",
    )
}

/// Everything the feature branch changed, committed and not.
fn all_feature_changes() -> Vec<Change> {
    vec![
        change(
            "prod-first-week/activation",
            "target",
            json!(50),
            json!(45),
            "retargeted",
        ),
        change(
            "prod-first-week/d7-retention",
            "start",
            json!(22),
            json!(20),
            "retargeted",
        ),
        change(
            "q4-enterprise",
            "title",
            json!("Close the year with enterprise revenue on plan"),
            json!("Close the year with enterprise ARR on plan"),
            "changed",
        ),
        change(
            "growth-signup/signup",
            "current",
            json!(22),
            json!(24),
            "progressed",
        ),
        change(
            "growth-churn",
            "owner",
            json!("maria.garcia"),
            json!("zhang.san"),
            "changed",
        ),
    ]
}

#[test]
fn diff_json_of_a_feature_branch_and_its_working_tree() {
    let okr = edit_working_tree(commit_feature_changes(feature_branch()));
    // main moves on after the branch point: the default base is the
    // merge-base, so this change is no part of the pull request.
    let branch_point = okr.git(["rev-parse", "main"]).trim().to_owned();
    let other = okr.temp_path().join("main-worktree");
    let other_str = other.to_str().expect("a UTF-8 path");
    okr.git(["worktree", "add", "--quiet", other_str, "main"]);
    let company = other.join(COMPANY_Q4);
    let text = fs::read_to_string(&company).expect("read company file");
    fs::write(&company, text.replacen("current: 5\n", "current: 6\n", 1)).expect("write");
    okr.git([
        "-C",
        other_str,
        "commit",
        "--quiet",
        "--all",
        "--message",
        "contracts 6",
    ]);
    let main_tip = okr.git(["rev-parse", "main"]).trim().to_owned();
    assert_ne!(main_tip, branch_point);
    let merge_base = okr.git(["merge-base", "main", "HEAD"]).trim().to_owned();
    assert_eq!(merge_base, branch_point);

    let (diff, _) = json_of(&okr, &["diff", "--format", "json"]);
    assert_eq!(diff["base"], json!(merge_base), "{diff:#}");
    assert!(diff["head"].is_null(), "head is null for the working tree");
    assert_eq!(
        sorted_strings(&diff, "added"),
        strings(&["prod-referrals", "prod-referrals/invites"])
    );
    assert_eq!(
        sorted_strings(&diff, "removed"),
        strings(&["eng-soc2/auditor-fieldwork"])
    );
    // No `q4-enterprise/contracts`: main's later commit is not compared with.
    assert_changes(&diff, all_feature_changes());
    assert_eq!(
        warnings(&diff),
        pairs(&[
            ("prod-first-week/activation", "target-eased"),
            ("prod-first-week/d7-retention", "baseline-moved"),
            ("eng-soc2/auditor-fieldwork", "removed-mid-cycle"),
        ])
    );
    // Progress carries the key result's score before and after; nothing else does.
    let scores = scores_of(&diff, "growth-signup/signup", "current");
    assert_close(&scores[0], (22.0 - 18.0) / 12.0);
    assert_close(&scores[1], (24.0 - 18.0) / 12.0);
    for c in diff["changed"].as_array().expect("changed") {
        if c["kind"] != "progressed" {
            assert!(
                c.get("scores").is_none_or(Value::is_null),
                "scores on a change that is no progress: {c}"
            );
        }
    }
    // The warnings name the values and the running cycle.
    let eased = diff["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .find(|w| w["kind"] == "target-eased")
        .expect("a target-eased warning");
    let message = eased["message"].as_str().expect("message");
    assert!(
        message.contains("50") && message.contains("45") && message.contains("2026-Q4"),
        "{message}"
    );
}

#[test]
fn diff_between_two_commits_leaves_the_working_tree_out() {
    let okr = commit_feature_changes(feature_branch());
    let head = okr.head();
    let main = okr.git(["rev-parse", "main"]).trim().to_owned();
    let okr = edit_working_tree(okr);

    let (diff, _) = json_of(&okr, &["diff", "main", "HEAD", "--format", "json"]);
    assert_eq!(diff["base"], json!(main));
    assert_eq!(diff["head"], json!(head));
    assert_eq!(sorted_strings(&diff, "added"), Vec::<String>::new());
    assert_eq!(sorted_strings(&diff, "removed"), Vec::<String>::new());
    assert_changes(
        &diff,
        all_feature_changes()
            .into_iter()
            .filter(|c| c.0 != "growth-signup/signup" && c.0 != "growth-churn")
            .collect(),
    );
    assert_eq!(
        warnings(&diff),
        pairs(&[
            ("prod-first-week/activation", "target-eased"),
            ("prod-first-week/d7-retention", "baseline-moved"),
        ])
    );

    // The same two commits the other way round: the target was raised back.
    let (back, _) = json_of(&okr, &["diff", "HEAD", "main", "--format", "json"]);
    assert_eq!(back["base"], json!(head));
    assert_eq!(back["head"], json!(main));
    assert_changes(
        &back,
        vec![
            change(
                "prod-first-week/activation",
                "target",
                json!(45),
                json!(50),
                "retargeted",
            ),
            change(
                "prod-first-week/d7-retention",
                "start",
                json!(20),
                json!(22),
                "retargeted",
            ),
            change(
                "q4-enterprise",
                "title",
                json!("Close the year with enterprise ARR on plan"),
                json!("Close the year with enterprise revenue on plan"),
                "changed",
            ),
        ],
    );
    // Moving the start back is still a moved baseline; raising a target is not easing it.
    assert_eq!(
        warnings(&back),
        pairs(&[("prod-first-week/d7-retention", "baseline-moved")])
    );
}

#[test]
fn diff_warns_about_eased_targets_in_either_direction_and_not_about_harder_ones() {
    let okr = feature_branch()
        // Decreasing (5% -> 3%): a target raised to 4% is easier.
        .replace(GROWTH, "        target: 3\n", "        target: 4\n")
        // Decreasing (800 ms -> 300 ms): a target lowered to 250 ms is harder.
        .replace(PLATFORM, "        target: 300\n", "        target: 250\n")
        // Increasing (0 -> 12 contracts): a target raised to 15 is harder.
        .replace(COMPANY_Q4, "        target: 12\n", "        target: 15\n")
        // Decreasing (9 days -> 3): a target of 10 days lies beyond the start.
        .replace(ENGINEERING, "        target: 3\n", "        target: 10\n")
        // A threshold lowered is eased too.
        .replace(PLATFORM, "keep_above: 99.9\n", "keep_above: 99.5\n");
    let (diff, _) = json_of(&okr, &["diff", "--format", "json"]);
    assert_changes(
        &diff,
        vec![
            change(
                "growth-churn/churn",
                "target",
                json!(3),
                json!(4),
                "retargeted",
            ),
            change(
                "plat-fast-translate/p95-latency",
                "target",
                json!(300),
                json!(250),
                "retargeted",
            ),
            change(
                "q4-enterprise/contracts",
                "target",
                json!(12),
                json!(15),
                "retargeted",
            ),
            change(
                "eng-weekly-release/lead-time",
                "target",
                json!(3),
                json!(10),
                "retargeted",
            ),
            change(
                "plat-holiday-ready/availability",
                "keep_above",
                json!(99.9),
                json!(99.5),
                "retargeted",
            ),
        ],
    );
    assert_eq!(
        warnings(&diff),
        pairs(&[
            ("growth-churn/churn", "target-eased"),
            ("eng-weekly-release/lead-time", "target-eased"),
            ("plat-holiday-ready/availability", "target-eased"),
        ])
    );
}

#[test]
fn diff_of_a_removed_objective_lists_it_and_its_key_results() {
    let okr = feature_branch();
    let text = okr.read(ENGINEERING);
    let cut = text.find(ENG_SOC2_START).expect("eng-soc2 in the file");
    fs::write(okr.root().join(ENGINEERING), &text[..=cut]).expect("write");
    let (diff, _) = json_of(&okr, &["diff", "--format", "json"]);
    assert_eq!(
        sorted_strings(&diff, "removed"),
        strings(&[
            "eng-soc2",
            "eng-soc2/controls",
            "eng-soc2/auditor-fieldwork"
        ])
    );
    assert_eq!(sorted_strings(&diff, "added"), Vec::<String>::new());
    assert_changes(&diff, Vec::new());
    // One warning for the objective, with the way to keep the record.
    assert_eq!(warnings(&diff), pairs(&[("eng-soc2", "removed-mid-cycle")]));
    assert!(
        diff["warnings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("dropped")),
        "{diff:#}"
    );
}

#[test]
fn diff_of_a_removed_objective_in_a_cycle_not_running_warns_nothing() {
    // On 2027-02-01 cycle 2026-Q4 has ended: removing its objective is tidying up.
    let okr = feature_branch().today("2027-02-01");
    let text = okr.read(ENGINEERING);
    let cut = text.find(ENG_SOC2_START).expect("eng-soc2 in the file");
    fs::write(okr.root().join(ENGINEERING), &text[..=cut]).expect("write");
    let okr = okr.replace(ENGINEERING, "        target: 3\n", "        target: 10\n");
    let (diff, _) = json_of(&okr, &["diff", "--format", "json"]);
    assert!(
        sorted_strings(&diff, "removed").contains(&"eng-soc2".to_owned()),
        "{diff:#}"
    );
    // An eased target is still worth a look, but nothing was removed mid-cycle.
    assert_eq!(
        warnings(&diff),
        pairs(&[("eng-weekly-release/lead-time", "target-eased")])
    );
}

#[test]
fn diff_text_names_removed_key_results_of_a_removed_objective() {
    let okr = feature_branch();
    let text = okr.read(ENGINEERING);
    let cut = text.find(ENG_SOC2_START).expect("eng-soc2 in the file");
    fs::write(okr.root().join(ENGINEERING), &text[..=cut]).expect("write");
    let run = okr.run_with(["diff"]);
    run.code(0)
        .stdout_contains("- eng-soc2  通过 SOC 2 Type I 审计")
        // A key result removed with its objective is named like one removed alone.
        .stdout_contains(
            "- eng-soc2/controls  Controls implemented and evidenced, from 40% to 100%",
        )
        .stdout_contains("- eng-soc2/auditor-fieldwork  审计师现场工作完成");
    let md = okr.run_with(["diff", "--format", "markdown"]);
    md.code(0).stdout_contains(
        "| ➖ removed | `eng-soc2/controls` Controls implemented and evidenced, from 40% to 100% |",
    );
}

#[test]
fn diff_does_not_report_the_objectives_of_an_unreadable_file_as_removed() {
    let okr = feature_branch();
    // A merge conflict left in the file.
    let okr = okr.replace(
        ENGINEERING,
        "        current: 3\n",
        "<<<<<<< HEAD\n        current: 3\n=======\n        current: 4\n>>>>>>> other\n",
    );
    let run = okr.run_with(["diff", "--format", "json"]);
    run.no_crash();
    // Whether okr stops (exit 2) or leaves the file out, it says which file it
    // could not read ...
    run.stderr_contains(ENGINEERING);
    // ... and does not tell the reviewer that its objectives were deleted.
    if run.code == Some(0) {
        let diff = run.json();
        assert!(
            !sorted_strings(&diff, "removed").contains(&"eng-weekly-release".to_owned()),
            "{run:?}"
        );
        assert!(
            !warnings(&diff)
                .iter()
                .any(|(_, kind)| kind == "removed-mid-cycle"),
            "{run:?}"
        );
    } else {
        run.code(2);
    }
}

// --- okr diff: Markdown and text ---------------------------------------------------

#[test]
fn diff_markdown_is_a_pull_request_comment() {
    let okr = feature_branch();
    okr.run_with([
        "add",
        "objective",
        "prod-pipes",
        "--title",
        "Readers | <writers> & *editors*",
        "--owner",
        "li.wei",
        "--team",
        "product",
        "--aligns",
        "q4-retention",
        "--no-commit",
    ])
    .code(0);
    let okr = okr
        .replace(PRODUCT, "        target: 50\n", "        target: 45\n")
        .replace(PRODUCT, "        current: 25\n", "        current: 27\n");
    let merge_base = okr.git(["merge-base", "main", "HEAD"]);
    let run = okr.run_with(["diff", "--format", "markdown"]);
    run.code(0);
    let md = &run.stdout;
    let lines: Vec<&str> = md.lines().collect();

    assert!(lines[0].starts_with("### OKR changes"), "{md}");
    assert!(
        lines[0].contains("main") && lines[0].contains(&merge_base.trim()[..7]),
        "the heading names the base branch and the merge-base: {md}"
    );
    assert!(lines[0].contains("working tree"), "{md}");
    assert!(
        lines.contains(&"**1 progressed · 1 added · 1 retargeted** · ⚠️ 1 warning"),
        "summary line in bold\n{md}"
    );

    let position = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}\n{md}"))
    };
    let review = position("Review first");
    assert!(lines[review].starts_with('#'), "a heading: {md}");
    let warning = position("prod-first-week/activation`: target eased from 50 to 45");
    let header = lines
        .iter()
        .position(|l| *l == "| | Objective / key result | Field | Before | After |")
        .unwrap_or_else(|| panic!("no table header\n{md}"));
    assert!(
        review < warning && warning < header,
        "warnings come before the table\n{md}"
    );
    assert!(lines[warning].starts_with("- "), "a list item: {md}");
    assert_eq!(lines[header + 1], "|---|---|---|---|---|");

    // A `|` in a title does not break the table.
    let added = position("`prod-pipes`");
    // GitHub would split the cell at `|`, drop `<writers>` as HTML and
    // set `*editors*` in italics.
    assert!(
        lines[added].contains("Readers \\| \\<writers\\> \\& \\*editors\\*"),
        "{md}"
    );
    assert!(!md.contains("<writers>"), "{md}");
    // Progress shows the scores before and after.
    let progress = position("`prod-first-week/d7-retention`");
    assert!(
        lines[progress].ends_with("| current | 25 (0.38) | 27 (0.62) |"),
        "{}",
        lines[progress]
    );
    let retarget = header
        + lines[header..]
            .iter()
            .position(|l| l.contains("`prod-first-week/activation`"))
            .unwrap_or_else(|| panic!("no row for the retarget\n{md}"));
    assert!(lines[retarget].starts_with("| 🎯 retargeted |"), "{md}");
    assert!(
        lines[retarget].ends_with("| target | 50 | 45 |"),
        "{}",
        lines[retarget]
    );
    // Every row of the table has the five columns of the header.
    for line in &lines[header..] {
        if line.starts_with('|') {
            let unescaped = line.replace("\\|", "");
            assert_eq!(unescaped.matches('|').count(), 6, "{line}");
        }
    }
}

#[test]
fn diff_without_changes_says_so() {
    // A comment is no change to objectives or key results.
    let okr = feature_branch().replace(
        PRODUCT,
        "# 产品部 2026 Q4 OKR",
        "# 产品部 2026 Q4 OKR (reviewed)",
    );
    let run = okr.run_with(["diff"]);
    run.code(0).stdout_contains("no changes");
    let (diff, _) = json_of(&okr, &["diff", "--format", "json"]);
    assert_eq!(sorted_strings(&diff, "added"), Vec::<String>::new());
    assert_eq!(sorted_strings(&diff, "removed"), Vec::<String>::new());
    assert_changes(&diff, Vec::new());
    assert_eq!(warnings(&diff), Vec::new());
    let md = okr.run_with(["diff", "--format", "markdown"]);
    md.code(0).stdout_contains("no changes");
    assert!(
        !md.stdout.contains("| | Objective"),
        "no empty table\n{md:?}"
    );
}

#[test]
fn diff_text_lists_warnings_first() {
    let okr = feature_branch()
        .replace(PRODUCT, "        target: 50\n", "        target: 45\n")
        .replace(PRODUCT, "        current: 25\n", "        current: 27\n");
    let run = okr.run_with(["diff"]);
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].contains("main (merge-base"), "{run:?}");
    assert!(lines[0].contains("working tree"), "{run:?}");
    assert!(lines[0].contains("1 progressed"), "{run:?}");
    assert!(
        lines[1].starts_with("warning: prod-first-week/activation"),
        "{run:?}"
    );
    assert!(
        lines[2..]
            .iter()
            .any(|l| l.contains("prod-first-week/d7-retention current: 25 (0.38) → 27 (0.62)")),
        "{run:?}"
    );
}

// --- okr diff: the default base -------------------------------------------------------

#[test]
fn diff_default_base_prefers_origin_head() {
    let okr = feature_branch();
    let first = okr.head();
    // A commit on the branch, then a remote whose default branch is at it.
    let okr = okr.replace(PRODUCT, "        current: 41\n", "        current: 44\n");
    okr.git(["commit", "--quiet", "--all", "--message", "activation 44"]);
    let develop = okr.head();
    let okr = okr.replace(PRODUCT, "        current: 25\n", "        current: 27\n");
    assert_ne!(first, develop);
    okr.git(["update-ref", "refs/remotes/origin/develop", &develop]);
    okr.git([
        "symbolic-ref",
        "refs/remotes/origin/HEAD",
        "refs/remotes/origin/develop",
    ]);
    let (diff, run) = json_of(&okr, &["diff", "--format", "json"]);
    assert_eq!(diff["base"], json!(develop), "{run:?}");
    // Only the uncommitted change: activation is already on origin/develop.
    assert_changes(
        &diff,
        vec![change(
            "prod-first-week/d7-retention",
            "current",
            json!(25),
            json!(27),
            "progressed",
        )],
    );
    okr.run_with(["diff"])
        .code(0)
        .stdout_contains("origin/develop (merge-base");
}

#[test]
fn diff_default_base_needs_a_default_branch() {
    let okr = Okr::new().examples().committed();
    okr.git(["branch", "--move", "main", "trunk"]);
    let okr = okr.replace(PRODUCT, "        current: 25\n", "        current: 27\n");
    let run = okr.run_with(["diff"]);
    run.code(2).stdout_empty().stderr_contains("name the base");
    assert!(!run.stderr.contains("panicked"), "{run:?}");

    // Named, it works.
    let (diff, _) = json_of(&okr, &["diff", "trunk", "--format", "json"]);
    assert_eq!(diff["base"], json!(okr.head()));
    assert!(diff["head"].is_null());
    assert_changes(
        &diff,
        vec![change(
            "prod-first-week/d7-retention",
            "current",
            json!(25),
            json!(27),
            "progressed",
        )],
    );
    // `master` is a default branch too.
    okr.git(["branch", "master"]);
    let (diff, _) = json_of(&okr, &["diff", "--format", "json"]);
    assert_eq!(diff["base"], json!(okr.head()));
}

#[test]
fn diff_of_a_revision_that_does_not_exist_exits_2() {
    let okr = feature_branch();
    okr.run_with(["diff", "no-such-branch"])
        .code(2)
        .stdout_empty()
        .stderr_contains("no-such-branch");
}

#[test]
fn diff_without_commits_exits_2() {
    let okr = Okr::new().examples().git_init();
    let run = okr.run_with(["diff"]);
    run.code(2).stdout_empty().stderr_contains("no commits");
}

#[test]
fn diff_outside_git_exits_2() {
    let okr = Okr::new().examples();
    for format in ["text", "json", "markdown"] {
        let run = okr.run_with(["diff", "--format", format]);
        run.code(2).stdout_empty().stderr_contains("git");
        assert!(!run.stderr.contains("panicked"), "{run:?}");
    }
}

// --- okr nudge ---------------------------------------------------------------------

/// What `okr nudge` should list on 2026-12-10 for the examples committed on
/// 2026-09-20 with `prod-first-week/activation` checked in on 2026-12-05: every
/// key result of the running cycles (2026-Q4 and 2026) that has not reached
/// its target, by owner. Reached ones (done milestones, thresholds that hold)
/// are absent, and so is `alex.kim`, who owns only reached ones.
fn expected_nudges() -> BTreeMap<String, BTreeSet<String>> {
    let list: [(&str, &[&str]); 7] = [
        (
            "li.wei",
            &[
                "q4-retention/visitor-to-retained",
                "prod-enterprise-entry/entry",
                "prod-enterprise-entry/trials",
                "fy26-growth/mau",
                "fy26-growth/languages",
            ],
        ),
        (
            "wang.fang",
            &[
                "q4-enterprise/contracts",
                "fy26-enterprise/arr",
                "fy26-team/enps",
                "fy26-team/regretted-attrition",
            ],
        ),
        (
            "chen.jing",
            &[
                "q4-enterprise/soc2-audit",
                "eng-soc2/controls",
                "eng-soc2/auditor-fieldwork",
                "fy26-enterprise/soc2",
            ],
        ),
        (
            "zhao.lei",
            &[
                "eng-weekly-release/release-frequency",
                "eng-weekly-release/lead-time",
            ],
        ),
        (
            "liu.yang",
            &[
                "plat-fast-translate/p95-latency",
                "plat-fast-translate/cache-hit",
                "plat-holiday-ready/autoscaling",
            ],
        ),
        (
            "zhang.san",
            &[
                "zs-experiments/experiments",
                "zs-experiments/sql-course",
                "growth-signup/signup",
                "growth-signup/social-login",
            ],
        ),
        (
            "maria.garcia",
            &[
                "prod-first-week/d7-retention",
                "growth-churn/churn",
                "growth-churn/winback",
                "fy26-growth/paid-conversion",
            ],
        ),
    ];
    list.iter()
        .map(|(owner, refs)| {
            (
                (*owner).to_owned(),
                refs.iter().map(|r| (*r).to_owned()).collect(),
            )
        })
        .collect()
}

/// The examples committed on 2026-09-20, `prod-first-week/activation` checked
/// in on 2026-12-05; today 2026-12-10.
fn nudge_repository() -> Okr {
    let okr = examples_committed_on("2026-09-20").today("2026-12-10");
    checkin(
        &okr,
        "2026-12-05",
        "李伟",
        "prod-first-week/activation",
        "44",
    );
    okr
}

#[test]
fn nudge_json_groups_stale_key_results_by_owner() {
    let okr = nudge_repository();
    let (nudge, run) = json_of(&okr, &["nudge", "--format", "json"]);
    let owners = nudge["owners"]
        .as_array()
        .unwrap_or_else(|| panic!("no `owners` list\n{run:?}"));
    let mut actual: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for o in owners {
        let owner = o["owner"].as_str().expect("owner").to_owned();
        let refs: BTreeSet<String> = o["key_results"]
            .as_array()
            .expect("key_results")
            .iter()
            .map(|k| k["ref"].as_str().expect("ref").to_owned())
            .collect();
        assert!(
            actual.insert(owner.clone(), refs).is_none(),
            "{owner} is listed twice\n{run:?}"
        );
    }
    assert_eq!(actual, expected_nudges(), "{run:?}");
    // Each owner with name and email from okr.yaml.
    let person = |id: &str| {
        owners
            .iter()
            .find(|o| o["owner"] == id)
            .unwrap_or_else(|| panic!("no {id}\n{run:?}"))
    };
    assert_eq!(person("li.wei")["name"], "李伟");
    assert_eq!(person("li.wei")["email"], "li.wei@example.com");
    assert_eq!(person("maria.garcia")["name"], "María García");
    assert_eq!(person("maria.garcia")["email"], "maria.garcia@example.com");
    assert_eq!(person("zhao.lei")["name"], "赵磊");
    // A key result with its value, since its last change: the commit that added it.
    let contracts = person("wang.fang")["key_results"]
        .as_array()
        .expect("key_results")
        .iter()
        .find(|k| k["ref"] == "q4-enterprise/contracts")
        .expect("contracts")
        .clone();
    assert_close(&contracts["value"], 5.0);
    assert_eq!(contracts["since"], "2026-09-20");
    assert_eq!(contracts["cycle"], "2026-Q4");
    let social = person("zhang.san")["key_results"]
        .as_array()
        .expect("key_results")
        .iter()
        .find(|k| k["ref"] == "growth-signup/social-login")
        .expect("social-login")
        .clone();
    assert_eq!(social["value"], json!(false));
    assert_eq!(nudge["today"], "2026-12-10");
}

#[test]
fn nudge_counts_only_changes_inside_the_window() {
    let okr = examples_committed_on("2026-09-20").today("2026-12-10");
    // Reached by a check-in: nothing left to check in.
    checkin(
        &okr,
        "2026-11-01",
        "李伟",
        "prod-enterprise-entry/entry",
        "done",
    );
    // Checked in, but before the window (2026-11-26 .. 2026-12-10): still stale.
    checkin(&okr, "2026-11-20", "王芳", "q4-enterprise/contracts", "6");
    // On the window's first day: fresh.
    checkin(
        &okr,
        "2026-11-26",
        "Alex Kim",
        "plat-fast-translate/cache-hit",
        "70",
    );
    let (nudge, run) = json_of(&okr, &["nudge", "--format", "json"]);
    let refs_of = |owner: &str| -> Vec<(String, Value)> {
        nudge["owners"]
            .as_array()
            .expect("owners")
            .iter()
            .find(|o| o["owner"] == owner)
            .map(|o| {
                o["key_results"]
                    .as_array()
                    .expect("key_results")
                    .iter()
                    .map(|k| {
                        (
                            k["ref"].as_str().expect("ref").to_owned(),
                            k["value"].clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let wang = refs_of("wang.fang");
    let contracts = wang
        .iter()
        .find(|(r, _)| r == "q4-enterprise/contracts")
        .unwrap_or_else(|| panic!("contracts is stale\n{run:?}"));
    assert_close(&contracts.1, 6.0);
    assert!(
        !refs_of("liu.yang")
            .iter()
            .any(|(r, _)| r == "plat-fast-translate/cache-hit"),
        "{run:?}"
    );
    let li = refs_of("li.wei");
    assert!(
        !li.iter().any(|(r, _)| r == "prod-enterprise-entry/entry"),
        "{run:?}"
    );
    // activation was not checked in here: stale.
    assert!(
        li.iter().any(|(r, _)| r == "prod-first-week/activation"),
        "{run:?}"
    );
}

#[test]
fn nudge_markdown_and_text_name_owners_and_how_to_check_in() {
    let okr = nudge_repository();
    let md = okr.run_with(["nudge", "--format", "markdown"]);
    md.code(0)
        .stdout_contains("okr checkin")
        // `@` is followed by a word joiner: GitHub neither mentions nor links.
        .stdout_contains("li.wei@\u{2060}example.com")
        .stdout_contains("`q4-enterprise/contracts`")
        .stdout_contains("26 key results");
    assert!(md.stdout.starts_with('#'), "a heading first\n{md:?}");
    assert!(
        !md.stdout.contains("prod-first-week/activation"),
        "checked in: not listed\n{md:?}"
    );
    assert!(!md.stdout.contains("alex.kim"), "{md:?}");
    // The email is no raw HTML tag (nor autolink) in the comment.
    assert!(!md.stdout.contains(" <li.wei@"), "{md:?}");
    assert!(md.stdout.contains(" \\<li.wei@"), "{md:?}");

    let text = okr.run_with(["nudge"]);
    text.code(0)
        .stdout_contains("li.wei")
        .stdout_contains("李伟")
        .stdout_contains("q4-enterprise/contracts");
    assert!(
        !text.stdout.contains("prod-first-week/activation"),
        "{text:?}"
    );
}

/// Changes every `current:` number by +1 and every `done: false` to true.
fn bump_every_value(dir: &Path) {
    for entry in fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            bump_every_value(&path);
            continue;
        }
        let text = fs::read_to_string(&path).expect("read OKR file");
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            if let Some(at) = line.find("current: ") {
                let value_at = at + "current: ".len();
                let rest = &line[value_at..];
                let end = rest.find([' ', '\n']).unwrap_or(rest.len());
                let number: f64 = rest[..end].parse().expect("a number");
                out.push_str(&line[..value_at]);
                out.push_str(&(number + 1.0).to_string());
                out.push_str(&rest[end..]);
            } else {
                out.push_str(&line.replace("done: false", "done: true"));
            }
        }
        assert_ne!(out, text, "{} has no value", path.display());
        fs::write(&path, out).expect("write OKR file");
    }
}

#[test]
fn nudge_says_when_every_key_result_is_fresh() {
    let okr = examples_committed_on("2026-09-20").today("2026-12-10");
    bump_every_value(&okr.root().join("okrs"));
    commit_all(&okr, "2026-12-05", "王芳", "Everyone checked in");
    let (nudge, run) = json_of(&okr, &["nudge", "--format", "json"]);
    assert_eq!(nudge["owners"], json!([]), "{run:?}");
    let text = okr.run_with(["nudge"]);
    text.code(0).stdout_contains("Every key result");
    assert!(text.stdout.contains("14 days"), "{text:?}");
    let md = okr.run_with(["nudge", "--format", "markdown"]);
    md.code(0).stdout_contains("Every key result");
    assert!(!md.stdout.contains("okr checkin"), "{md:?}");
}

#[test]
fn nudge_outside_git_exits_2() {
    let okr = Okr::new().examples().today("2026-12-10");
    for format in ["text", "json", "markdown"] {
        let run = okr.run_with(["nudge", "--format", format]);
        run.code(2).stdout_empty().stderr_contains("git");
    }
}

// --- okr status --by team and okr show ----------------------------------------------

/// `team -> last_checkin` of `okr status --by team --format json ARGS...`.
#[track_caller]
fn last_checkins(okr: &Okr, args: &[&str]) -> BTreeMap<String, Value> {
    let mut all = vec!["status", "--by", "team", "--format", "json"];
    all.extend_from_slice(args);
    let (status, run) = json_of(okr, &all);
    let teams = status["teams"]
        .as_array()
        .unwrap_or_else(|| panic!("no `teams` list\n{run:?}"));
    teams
        .iter()
        .map(|t| {
            for key in ["team", "objectives", "score", "health", "last_checkin"] {
                assert!(t.get(key).is_some(), "a team without `{key}`: {t}");
            }
            (
                t["team"].as_str().expect("team").to_owned(),
                t["last_checkin"].clone(),
            )
        })
        .collect()
}

fn day_map(items: &[(&str, Value)]) -> BTreeMap<String, Value> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

#[test]
fn status_by_team_shows_each_teams_last_checkin() {
    let okr = examples_committed_on("2026-10-01");
    checkin(&okr, "2026-10-20", "张三", "growth-signup/signup", "24");
    checkin(
        &okr,
        "2026-11-03",
        "赵磊",
        "eng-weekly-release/lead-time",
        "4",
    );
    // By hand, in a commit of its own.
    let okr = okr.replace(PLATFORM, "        current: 62\n", "        current: 66\n");
    commit_all(&okr, "2026-11-10", "Alex Kim", "cache hit 66%");
    checkin(
        &okr,
        "2026-11-12",
        "张三",
        "zs-experiments/experiments",
        "3",
    );
    // A key result of the year, of team company: not the quarter's.
    checkin(&okr, "2026-11-13", "李伟", "fy26-growth/mau", "800000");
    // A moved target is no check-in.
    let okr = okr.replace(PRODUCT, "        target: 50\n", "        target: 55\n");
    commit_all(&okr, "2026-11-14", "李伟", "activation target 55");

    let today = "2026-11-15";
    let okr = okr.today(today);
    let (status, _) = json_of(&okr, &["status", "--by", "team", "--format", "json"]);
    assert_eq!(status["today"], today);
    assert_eq!(status["cycle"], "2026-Q4");
    assert_eq!(
        last_checkins(&okr, &[]),
        day_map(&[
            ("company", json!("2026-10-01")),
            ("product", json!("2026-10-01")),
            ("growth", json!("2026-10-20")),
            ("engineering", json!("2026-11-03")),
            ("platform", json!("2026-11-10")),
            ("@zhang.san", json!("2026-11-12")),
        ])
    );
    // In the year's view, company's check-in of mau counts.
    let year = last_checkins(&okr, &["--cycle", "2026"]);
    assert_eq!(year.get("company"), Some(&json!("2026-11-13")), "{year:?}");
    // The table shows the day too.
    let table = okr.run_with(["status", "--by", "team"]);
    table.code(0).stdout_contains("Last check-in");
    let growth = table
        .stdout
        .lines()
        .find(|l| l.contains(" growth "))
        .unwrap_or_else(|| panic!("no growth row\n{table:?}"));
    assert!(growth.contains("2026-10-20"), "{growth}");
}

#[test]
fn status_by_team_counts_only_checkins_in_the_cycle() {
    // Committed before the cycle: that first commit is no check-in of 2026-Q4.
    let okr = examples_committed_on("2026-09-20");
    checkin(&okr, "2026-10-05", "张三", "growth-signup/signup", "24");
    assert_eq!(
        last_checkins(&okr, &[]),
        day_map(&[
            ("company", Value::Null),
            ("product", Value::Null),
            ("growth", json!("2026-10-05")),
            ("engineering", Value::Null),
            ("platform", Value::Null),
            ("@zhang.san", Value::Null),
        ])
    );
}

#[test]
fn status_by_team_outside_git_has_no_last_checkin() {
    let okr = Okr::new().examples();
    let days = last_checkins(&okr, &[]);
    assert_eq!(days.len(), 6, "{days:?}");
    for (team, day) in &days {
        assert!(day.is_null(), "{team}: {day}");
    }
}

/// `growth-signup/signup` checked in six times after the initial commit, by
/// different people, with a check-in of `social-login` in between.
fn signup_history() -> Okr {
    let okr = examples_committed_on("2026-10-01");
    checkin(&okr, "2026-10-10", "张三", "growth-signup/signup", "23");
    checkin(
        &okr,
        "2026-10-20",
        "María García",
        "growth-signup/signup",
        "24",
    );
    checkin(&okr, "2026-10-30", "张三", "growth-signup/signup", "25");
    checkin(&okr, "2026-11-05", "张三", "growth-signup/signup", "26");
    checkin(
        &okr,
        "2026-11-07",
        "张三",
        "growth-signup/social-login",
        "done",
    );
    checkin(
        &okr,
        "2026-11-10",
        "María García",
        "growth-signup/signup",
        "27",
    );
    checkin(&okr, "2026-11-12", "张三", "growth-signup/signup", "28");
    okr
}

#[test]
fn show_key_result_lists_its_last_five_checkins_oldest_first() {
    let okr = signup_history();
    let run = okr.run_with(["show", "growth-signup/signup"]);
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "recent check-ins")
        .unwrap_or_else(|| panic!("no recent check-ins\n{run:?}"));
    let section: Vec<&str> = lines[at + 1..]
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .copied()
        .collect();
    let expected = [
        ("2026-10-20", "María García", "23 → 24"),
        ("2026-10-30", "张三", "24 → 25"),
        ("2026-11-05", "张三", "25 → 26"),
        ("2026-11-10", "María García", "26 → 27"),
        ("2026-11-12", "张三", "27 → 28"),
    ];
    assert_eq!(section.len(), expected.len(), "{run:?}");
    for (line, (day, who, change)) in section.iter().zip(expected) {
        assert!(
            line.contains(day)
                && line.contains(who)
                && line.contains("growth-signup/signup")
                && line.contains(change),
            "{line:?} is not {day} {who} {change}\n{run:?}"
        );
    }
    assert!(!run.stdout.contains("social-login  "), "{run:?}");

    let (show, _) = json_of(&okr, &["show", "growth-signup/signup", "--format", "json"]);
    let checkins = show["checkins"].as_array().expect("checkins");
    let got: Vec<(String, f64, f64, String, String)> = checkins
        .iter()
        .map(|c| {
            assert_eq!(c["ref"], "growth-signup/signup", "{c}");
            (
                c["date"].as_str().expect("date").to_owned(),
                c["old"].as_f64().expect("old"),
                c["new"].as_f64().expect("new"),
                c["author"].as_str().expect("author").to_owned(),
                c["ref"].as_str().expect("ref").to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, f64, f64, String, String)> = [
        ("2026-10-20", 23.0, 24.0, "María García"),
        ("2026-10-30", 24.0, 25.0, "张三"),
        ("2026-11-05", 25.0, 26.0, "张三"),
        ("2026-11-10", 26.0, 27.0, "María García"),
        ("2026-11-12", 27.0, 28.0, "张三"),
    ]
    .iter()
    .map(|(d, o, n, a)| {
        (
            (*d).to_owned(),
            *o,
            *n,
            (*a).to_owned(),
            "growth-signup/signup".to_owned(),
        )
    })
    .collect();
    assert_eq!(got, want);
}

#[test]
fn show_objective_lists_the_checkins_of_its_key_results() {
    let okr = signup_history();
    let (show, _) = json_of(&okr, &["show", "growth-signup", "--format", "json"]);
    let checkins = show["checkins"].as_array().expect("checkins");
    let got: Vec<(&str, &str)> = checkins
        .iter()
        .map(|c| {
            (
                c["date"].as_str().expect("date"),
                c["ref"].as_str().expect("ref"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-10-30", "growth-signup/signup"),
            ("2026-11-05", "growth-signup/signup"),
            ("2026-11-07", "growth-signup/social-login"),
            ("2026-11-10", "growth-signup/signup"),
            ("2026-11-12", "growth-signup/signup"),
        ]
    );
    let done = &checkins[2];
    assert_eq!(done["old"], json!(false));
    assert_eq!(done["new"], json!(true));
    // A key result with only the initial commit: one check-in, `old` null.
    let (other, _) = json_of(&okr, &["show", "growth-churn/churn", "--format", "json"]);
    let list = other["checkins"].as_array().expect("checkins");
    assert_eq!(list.len(), 1, "{other:#}");
    assert!(list[0]["old"].is_null());
    assert_close(&list[0]["new"], 4.2);
    assert_eq!(list[0]["date"], "2026-10-01");
    assert_eq!(list[0]["author"], "Test Author");
}

#[test]
fn show_outside_git_has_no_checkins() {
    let okr = Okr::new().examples();
    let run = okr.run_with(["show", "growth-signup/signup"]);
    run.code(0);
    assert!(!run.stdout.contains("recent check-ins"), "{run:?}");
    let (show, _) = json_of(&okr, &["show", "growth-signup/signup", "--format", "json"]);
    assert_eq!(show["checkins"], json!([]));
}
