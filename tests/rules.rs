//! Every rule on its fixtures: `pass/` checks clean, `fail/` yields exactly the
//! findings its `expect.txt` lists.

mod common;

use std::fs;

use common::{Finding, Okr, fixture_path, keys};

/// Runs `okr check --format json` on `tests/fixtures/rules/<rule>/<case>`.
fn check(rule: &str, case: &str) -> (common::Run, Vec<Finding>) {
    let run = Okr::new()
        .fixture(&format!("rules/{rule}/{case}"))
        .args(["check", "--format", "json"])
        .run();
    run.no_crash();
    let findings = run.findings();
    (run, findings)
}

fn passes(rule: &str) {
    let (run, findings) = check(rule, "pass");
    assert_eq!(
        keys(&findings),
        Vec::<String>::new(),
        "rules/{rule}/pass should check clean\n{run:?}"
    );
    run.code(0);
    for counter in ["errors", "warnings", "suppressed"] {
        assert_eq!(run.summary(counter), 0, "summary.{counter}\n{run:?}");
    }
}

/// `rule level file line column` lines of `fail/expect.txt`, sorted.
fn expected(rule: &str) -> Vec<String> {
    let path = fixture_path(&format!("rules/{rule}/fail/expect.txt"));
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for line in &lines {
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields.len(), 5, "{}: bad line {line:?}", path.display());
        assert_eq!(fields[0], rule, "{}: line for another rule", path.display());
        assert!(
            fields[3].parse::<u64>().is_ok() && fields[4].parse::<u64>().is_ok(),
            "{}: bad line {line:?}",
            path.display()
        );
    }
    assert!(!lines.is_empty(), "{} lists no finding", path.display());
    lines.sort();
    lines
}

/// `allowed`: findings of other rules this fixture may also produce, as its
/// expect.txt comments explain; any other finding of another rule fails.
fn fails(rule: &str, allowed: &[&str]) {
    let expected = expected(rule);
    let (run, findings) = check(rule, "fail");
    let (own, others): (Vec<Finding>, Vec<Finding>) =
        findings.iter().cloned().partition(|f| f.rule == rule);
    assert_eq!(
        keys(&own),
        expected,
        "findings of `{rule}` on rules/{rule}/fail differ from expect.txt\n{run:?}"
    );
    let unexpected: Vec<String> = keys(&others)
        .into_iter()
        .filter(|k| !allowed.contains(&k.as_str()))
        .collect();
    assert_eq!(
        unexpected,
        Vec::<String>::new(),
        "findings of other rules on rules/{rule}/fail\n{run:?}"
    );
    for f in &findings {
        assert!(
            f.message.len() > 20,
            "finding without a helpful message: {f:?}"
        );
    }
    let errors = findings.iter().filter(|f| f.level == "error").count();
    let warnings = findings.iter().filter(|f| f.level == "warning").count();
    assert_eq!(run.summary("errors"), errors as u64, "summary.errors");
    assert_eq!(run.summary("warnings"), warnings as u64, "summary.warnings");
    run.code(if errors > 0 { 1 } else { 0 });
}

macro_rules! rules {
    ($($name:ident: $rule:literal $([$($allowed:literal),* $(,)?])?;)*) => {
        $(
            mod $name {
                #[test]
                fn pass() {
                    super::passes($rule);
                }

                #[test]
                fn fail() {
                    super::fails($rule, &[$($($allowed),*)?]);
                }
            }
        )*

        /// A new fixture folder needs a line in `rules!`.
        #[test]
        fn every_fixture_folder_is_tested() {
            let mut tested = vec![$($rule),*];
            tested.sort_unstable();
            let mut folders: Vec<String> = fs::read_dir(fixture_path("rules"))
                .expect("tests/fixtures/rules")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            folders.sort();
            assert_eq!(folders, tested);
        }
    };
}

rules! {
    yaml: "yaml";
    schema: "schema";
    duplicate_id: "duplicate-id";
    unknown_ref: "unknown-ref";
    alignment_target: "alignment-target";
    alignment_cycle: "alignment-cycle";
    alignment_team: "alignment-team";
    alignment_loop: "alignment-loop";
    orphan: "orphan";
    measurable: "measurable";
    objective_count: "objective-count";
    kr_count: "kr-count";
    deadline: "deadline";
    overdue: "overdue";
    owner: "owner";
    bottom_up_share: "bottom-up-share";
    coverage: "coverage";
    agreed: "agreed";
    // `current: "lots"` leaves the key result without a usable current, which
    // `measurable` may report too.
    range: "range" ["measurable error okrs/2026-Q4/company.yaml 10 9"];
    review: "review";
    // q3-podcast and q3-soc2 also lack a review.
    ambition: "ambition" [
        "review warning okrs/2026-Q3/company.yaml 29 5",
        "review warning okrs/2026-Q3/company.yaml 39 5",
    ];
    source_unknown: "source-unknown";
    secret_inline: "secret-inline";
}
