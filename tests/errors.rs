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
