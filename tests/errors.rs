//! Errors that point at the truth: positions, causes and names a user can act on.

mod common;

use common::{Okr, keys};

const COMPANY: &str = "okrs/2026-Q4/company.yaml";

/// The example organisation with `from` replaced by `to` in the company file.
fn edited(from: &str, to: &str) -> Okr {
    Okr::new().examples().replace(COMPANY, from, to)
}

fn check_json(okr: &Okr) -> common::Run {
    okr.run_with(["check", "--format", "json"])
}

/// The keys of the findings in one file.
fn keys_in(run: &common::Run, file: &str) -> Vec<String> {
    keys(run.findings().iter().filter(|f| f.file == file))
}

// --- a tab in the indentation is reported where it stands ----------------------------

#[test]
fn a_tab_at_the_start_of_a_line_is_reported_at_that_line_and_column_1() {
    // Line 16 of the company file is `        start: 3.1`.
    let okr = edited("        start: 3.1", "\t       start: 3.1");
    assert_eq!(
        okr.read(COMPANY).lines().nth(15),
        Some("\t       start: 3.1")
    );
    let run = check_json(&okr);
    run.code(1);
    assert_eq!(
        keys_in(&run, COMPANY),
        [format!("yaml error {COMPANY} 16 1")]
    );
    let human = okr.run_with(["check"]);
    human.stdout_contains(&format!("{COMPANY}:16:1"));
}

#[test]
fn a_tab_inside_the_indentation_is_reported_at_its_own_column() {
    let okr = edited("        start: 3.1", "    \t   start: 3.1");
    let run = check_json(&okr);
    run.code(1);
    assert_eq!(
        keys_in(&run, COMPANY),
        [format!("yaml error {COMPANY} 16 5")]
    );
    let finding = run.findings().into_iter().find(|f| f.file == COMPANY);
    assert!(finding.unwrap().message.contains("tab"), "{run:?}");
}

// --- dates: a day that does not exist, and one not written YYYY-MM-DD ------------------

/// The one finding of `check --format json` in `file`, asserting its key.
#[track_caller]
fn only_finding(run: &common::Run, file: &str, key: &str) -> common::Finding {
    assert_eq!(keys_in(run, file), [key.to_owned()], "{run:?}");
    run.findings().into_iter().find(|f| f.file == file).unwrap()
}

#[test]
fn a_due_date_that_does_not_exist_says_so() {
    let okr = edited("due: 2026-12-15", "due: 2026-11-31");
    let run = check_json(&okr);
    run.code(1);
    let line = okr
        .read(COMPANY)
        .lines()
        .position(|l| l.contains("2026-11-31"))
        .unwrap()
        + 1;
    let f = only_finding(&run, COMPANY, &format!("schema error {COMPANY} {line} 14"));
    assert!(
        f.message.contains("2026-11-31") && f.message.contains("does not exist"),
        "{f:?}"
    );
    assert!(f.message.contains("November 2026 has 30 days"), "{f:?}");
    assert!(!f.message.contains("YYYY-MM-DD"), "{f:?}");
}

#[test]
fn a_date_without_leading_zeros_is_rejected_as_the_schema_does() {
    let okr = edited("due: 2026-12-15", "due: 2026-12-5");
    let run = check_json(&okr);
    run.code(1);
    let line = okr
        .read(COMPANY)
        .lines()
        .position(|l| l.contains("2026-12-5"))
        .unwrap()
        + 1;
    let f = only_finding(&run, COMPANY, &format!("schema error {COMPANY} {line} 14"));
    assert!(f.message.contains("YYYY-MM-DD"), "{f:?}");
    assert!(
        f.message.contains("2026-12-05"),
        "suggests the padded form: {f:?}"
    );
    // The JSON Schema says the same.
    let schema = okr.run_with(["schema"]).stdout;
    assert!(schema.contains(r"^\\d{4}-\\d{2}-\\d{2}$"), "{schema}");
}

#[test]
fn dates_in_okr_yaml_are_read_the_same_way() {
    let okr = Okr::new().examples().replace(
        "okr.yaml",
        "teams:\n",
        "cycles:\n  - id: 2026-FY\n    start: 2026-2-1\n    end: 2027-02-29\nteams:\n",
    );
    let run = check_json(&okr);
    run.code(1);
    let found = keys_in(&run, "okr.yaml");
    assert_eq!(found.len(), 2, "{run:?}");
    let messages: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| f.file == "okr.yaml")
        .map(|f| f.message)
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("2026-02-01")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("2027-02-29") && m.contains("does not exist")),
        "{messages:?}"
    );
}

#[test]
fn a_due_date_on_the_command_line_is_read_the_same_way() {
    let okr = Okr::new().examples().git_init();
    for (due, says) in [
        ("2026-11-31", "does not exist"),
        ("2026-12-5", "YYYY-MM-DD"),
    ] {
        let run = okr.run_with([
            "add",
            "kr",
            "q4-enterprise/launch",
            "--title",
            "Launch",
            "--due",
            due,
            "--no-commit",
        ]);
        run.code(2).stderr_contains(says);
    }
}

// --- revisions: one message for a name git does not know ------------------------------

#[test]
fn an_unknown_revision_is_named_without_libgit2_codes() {
    let okr = Okr::new().examples().committed();
    okr.git(["tag", "v1"]);
    for args in [
        &["diff", "nosuchbranch"][..],
        &["diff", "main", "nosuchbranch"],
        &["check", "--base", "nosuchbranch"],
    ] {
        let run = okr.run_with(args.iter().copied());
        run.code(2)
            .stdout_empty()
            .stderr_contains("no branch, tag or commit named `nosuchbranch`");
        assert!(!run.stderr.contains("class="), "{run:?}");
        assert!(!run.stderr.contains("code="), "{run:?}");
    }
    // A near miss gets a suggestion from the branches and tags.
    let run = okr.run_with(["diff", "mian"]);
    run.code(2).stderr_contains("did you mean `main`?");
    // What git resolves still works.
    okr.run_with(["diff", "v1"]).code(0);
    okr.run_with(["diff", "HEAD"]).code(0);
}

// --- filters name teams, people and cycles that exist ----------------------------------

#[test]
fn a_filter_naming_nothing_is_an_error_with_a_suggestion() {
    let okr = Okr::new().examples();
    let cases: [(&[&str], &str); 8] = [
        (
            &["status", "--team", "grwoth"],
            "no team `grwoth`; did you mean `growth`?",
        ),
        (
            &["status", "--owner", "li.wie"],
            "no person `li.wie`; did you mean `li.wei`?",
        ),
        (&["status", "--owner", "nobody"], "no person `nobody`"),
        (
            &["status", "--person", "zhang.sna"],
            "no person `zhang.sna`; did you mean `zhang.san`?",
        ),
        (
            &["status", "--cycle", "2026-Q7"],
            "no cycle `2026-Q7`; did you mean `2026-Q4`?",
        ),
        (
            &["board", "--team", "platfrom"],
            "no team `platfrom`; did you mean `platform`?",
        ),
        (
            &["tree", "--cycle", "2026-Q44"],
            "no cycle `2026-Q44`; did you mean `2026-Q4`?",
        ),
        (
            &["report", "--cycle", "2026-q4"],
            "no cycle `2026-q4`; did you mean `2026-Q4`?",
        ),
    ];
    for (args, says) in cases {
        let run = okr.run_with(args.iter().copied());
        run.code(2).stdout_empty().stderr_contains(says);
    }
    // Without a close name, the names there are.
    let run = okr.run_with(["status", "--team", "zzz"]);
    run.code(2).stderr_contains(
        "no team `zzz`; the teams are company, engineering, growth, platform, product",
    );
    // A person who exists but owns nothing is an empty table, not an error.
    let okr = okr.replace("okr.yaml", "people:\n", "people:\n  - id: new.hire\n");
    okr.run_with(["status", "--owner", "new.hire"]).code(0);
}

// --- a reference in a file that does not parse -----------------------------------------

/// The example organisation, committed, with the enterprise objective carried
/// into 2027-Q1 (a near name in another cycle), then a merge that left
/// conflict markers in the company file (which holds `q4-enterprise`).
fn conflicted() -> Okr {
    let okr = Okr::new()
        .examples()
        .file(
            "okrs/2027-Q1/company.yaml",
            "cycle: 2027-Q1\nteam: company\nobjectives:\n  - id: q4-enterprise-2027-q1\n    title: Enterprise revenue, continued\n    owner: wang.fang\n    carried_from: q4-enterprise\n    key_results:\n      - id: contracts\n        title: 签约 12 家企业客户\n        start: 0\n        target: 12\n        current: 0\n",
        )
        .committed();
    okr.git(["checkout", "--quiet", "-b", "other"]);
    let ours = okr.read(COMPANY).replace("current: 5", "current: 6");
    std::fs::write(okr.root().join(COMPANY), ours).unwrap();
    okr.git(["commit", "--quiet", "--all", "--message", "six"]);
    okr.git(["checkout", "--quiet", "main"]);
    let theirs = okr.read(COMPANY).replace("current: 5", "current: 7");
    std::fs::write(okr.root().join(COMPANY), theirs).unwrap();
    okr.git(["commit", "--quiet", "--all", "--message", "seven"]);
    let merge = okr.git_output(["merge", "other"]);
    assert!(!merge.status.success(), "the merge conflicts");
    assert!(okr.read(COMPANY).contains("<<<<<<<"));
    okr
}

#[test]
fn a_reference_in_a_conflicted_file_names_the_file_not_another_cycle() {
    let okr = conflicted();
    let marker = okr
        .read(COMPANY)
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .unwrap()
        + 1;
    let says =
        format!("{COMPANY}, which cannot be parsed (line {marker}: unresolved merge conflict");
    for args in [
        &["checkin", "q4-enterprise/contracts", "8"][..],
        &["show", "q4-enterprise/contracts"],
        &["show", "q4-enterprise"],
        &[
            "add",
            "kr",
            "q4-enterprise/deals",
            "--title",
            "Deals",
            "--start",
            "0",
            "--target",
            "3",
        ],
    ] {
        let run = okr.run_with(args.iter().copied());
        run.code(2).stdout_empty().stderr_contains(&says);
        assert!(!run.stderr.contains("did you mean"), "{run:?}");
        assert!(!run.stderr.contains("2027-q1"), "{run:?}");
    }
}

#[test]
fn a_reference_nowhere_while_a_file_is_broken_names_the_broken_file() {
    let okr = conflicted();
    let run = okr.run_with(["checkin", "no-such-objective/kr", "8"]);
    run.code(2)
        .stderr_contains("no objective `no-such-objective` in the files that parse")
        .stderr_contains(&format!("{COMPANY} (line"));
    assert!(!run.stderr.contains("did you mean"), "{run:?}");
}

#[test]
fn a_reference_nowhere_gets_a_suggestion_when_every_file_parses() {
    let okr = Okr::new().examples().committed();
    let run = okr.run_with(["checkin", "q4-enterprse/contracts", "8"]);
    run.code(2)
        .stderr_contains("no objective `q4-enterprse`")
        .stderr_contains("did you mean `q4-enterprise/contracts`?");
    let run = okr.run_with(["show", "q4-enterprise/contrats"]);
    run.code(2)
        .stderr_contains("objective `q4-enterprise` has no key result `contrats`")
        .stderr_contains("did you mean `q4-enterprise/contracts`?");
}

// --- `# okr: ignore[...]` above a key result silences its findings ----------------------

const PRODUCT: &str = "okrs/2026-Q4/product.yaml";

/// The stale findings of `check --format json` in the product file, by line.
fn stale_lines(run: &common::Run) -> Vec<u64> {
    run.findings()
        .iter()
        .filter(|f| f.file == PRODUCT && f.rule == "stale")
        .map(|f| f.line)
        .collect()
}

#[test]
fn an_ignore_comment_above_a_key_result_silences_its_findings() {
    // Committed at the start of the quarter: on 11-15 every value is stale.
    let okr = common::examples_committed_on("2026-10-01");
    let before = check_json(&okr);
    let stale = stale_lines(&before);
    assert!(
        stale.contains(&25),
        "d7-retention's `current` is stale: {before:?}"
    );
    let suppressed = before.summary("suppressed");

    // Above `- id: d7-retention` (line 20), which is five lines above the finding.
    let okr = okr.insert_line(PRODUCT, 20, "      # okr: ignore[stale] measured monthly");
    let after = check_json(&okr);
    assert_eq!(stale_lines(&after).len(), stale.len() - 1, "{after:?}");
    assert!(!stale_lines(&after).contains(&26), "{after:?}");
    assert_eq!(after.summary("suppressed"), suppressed + 1);
    // The key results before and after it keep theirs.
    assert!(stale_lines(&after).contains(&17), "activation: {after:?}");
}

#[test]
fn an_ignore_comment_on_the_id_line_silences_the_key_result() {
    let okr = common::examples_committed_on("2026-10-01").replace(
        PRODUCT,
        "      - id: d7-retention\n",
        "      - id: d7-retention # okr: ignore[stale] measured monthly\n",
    );
    let run = check_json(&okr);
    assert!(!stale_lines(&run).contains(&25), "{run:?}");
    assert!(stale_lines(&run).contains(&17), "{run:?}");
    // When `id` is not the first key, its line counts too.
    let okr = common::examples_committed_on("2026-10-01").replace(
        PRODUCT,
        "      - id: d7-retention\n        title: Day-7 retention from 22% to 30%\n",
        "      - title: Day-7 retention from 22% to 30%\n        # okr: ignore[stale] measured monthly\n        id: d7-retention\n",
    );
    let run = check_json(&okr);
    assert!(!stale_lines(&run).contains(&26), "{run:?}");
}

#[test]
fn an_ignore_comment_with_an_unknown_rule_is_a_warning_with_a_suggestion() {
    let okr = Okr::new().examples().insert_line(
        PRODUCT,
        20,
        "      # okr: ignore[stael, range] measured monthly",
    );
    let run = check_json(&okr);
    run.code(0);
    assert_eq!(
        keys_in(&run, PRODUCT),
        [format!("schema warning {PRODUCT} 20 21")],
        "{run:?}"
    );
    let f = run
        .findings()
        .into_iter()
        .find(|f| f.file == PRODUCT)
        .unwrap();
    assert!(
        f.message.contains("`stael`") && f.message.contains("did you mean `stale`?"),
        "{f:?}"
    );
    assert_eq!(run.summary("warnings"), 1);
}

#[test]
fn a_filter_naming_nothing_while_a_file_is_broken_names_the_file() {
    let okr = conflicted();
    let run = okr.run_with(["status", "--owner", "wang.fnag"]);
    run.code(2)
        .stderr_contains("no person `wang.fnag` in the files that parse")
        .stderr_contains(&format!("{COMPANY} cannot be parsed and may name it"));
}
