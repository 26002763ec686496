//! Every rule on its fixtures: `pass/` checks clean, `fail/` yields exactly the
//! findings its `expect.txt` lists. Two sets of folders, both `<rule>/{pass,fail}/`:
//! `tests/fixtures/rules/` holds each rule's examples, the ones `okr explain`
//! and SARIF's help show (a rule that reads history has its commits there, as
//! `commits/NN/` folders and `commits.txt`, replayed here into a git
//! repository); `tests/fixtures/rule-cases/` holds the harder cases: several
//! findings, each at its exact position.

mod common;

use std::fs;
use std::path::Path;

use common::{Finding, Okr, at, fixture_path, keys};

/// Runs `okr check --format json` on `tests/fixtures/<set>/<rule>/<case>`: a
/// plain folder, or with `commits.txt` a git repository built from its commits.
fn check(set: &str, rule: &str, case: &str) -> (common::Run, Vec<Finding>) {
    let rel = format!("{set}/{rule}/{case}");
    let okr = if fixture_path(&rel).join("commits.txt").is_file() {
        replay(&rel)
    } else {
        Okr::new().fixture(&rel)
    };
    let mut args = vec!["check".to_owned(), "--format".to_owned(), "json".to_owned()];
    if let Some(rule) = okr::rules::find(rule)
        && set == "rules"
    {
        let example = if case == "pass" {
            &rule.examples.pass
        } else {
            &rule.examples.fail
        };
        args.extend(example.args.iter().map(|a| (*a).to_owned()));
    }
    let run = okr.run_with(args);
    run.no_crash();
    let findings = run.findings();
    (run, findings)
}

/// A git repository made of the commits of `tests/fixtures/<rel>/`:
/// `commits.txt` has a line `NN YYYY-MM-DD subject` per commit, the lines
/// indented below it are the body of its message; `commits/NN/` holds the
/// files the commit writes.
fn replay(rel: &str) -> Okr {
    let dir = fixture_path(rel);
    let manifest = fs::read_to_string(dir.join("commits.txt")).expect("commits.txt");
    let mut commits: Vec<(String, String, String)> = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(body) = line.strip_prefix("   ") {
            let last = commits.last_mut().expect("a commit line first");
            last.2.push_str(if last.2.contains("\n\n") {
                "\n"
            } else {
                "\n\n"
            });
            last.2.push_str(body);
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        let (folder, date, subject) = (
            parts.next().expect("NN"),
            parts.next().expect("a date"),
            parts.next().expect("a subject"),
        );
        commits.push((folder.to_owned(), date.to_owned(), subject.to_owned()));
    }
    assert!(!commits.is_empty(), "{rel}: commits.txt lists no commit");
    let mut okr = Okr::new().git_init();
    for (folder, date, message) in &commits {
        okr = copy_into(okr, &dir.join("commits").join(folder), Path::new(""));
        okr.git(["add", "--all"]);
        okr.git_at(&at(date), ["commit", "--quiet", "--message", message]);
    }
    okr
}

/// Writes the files under `from` into the OKR root, at `rel` below it.
fn copy_into(mut okr: Okr, from: &Path, rel: &Path) -> Okr {
    let mut entries: Vec<_> = fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
        .map(|e| e.expect("an entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let rel = rel.join(entry.file_name());
        if entry.path().is_dir() {
            okr = copy_into(okr, &entry.path(), &rel);
        } else {
            let text = fs::read(entry.path()).expect("read a fixture");
            okr = okr.file(&rel.to_string_lossy(), text);
        }
    }
    okr
}

fn passes(set: &str, rule: &str) {
    let (run, findings) = check(set, rule, "pass");
    assert_eq!(
        keys(&findings),
        Vec::<String>::new(),
        "{set}/{rule}/pass should check clean\n{run:?}"
    );
    run.code(0);
    for counter in ["errors", "warnings", "suppressed"] {
        assert_eq!(run.summary(counter), 0, "summary.{counter}\n{run:?}");
    }
}

/// `rule level file line column` lines of `fail/expect.txt`, sorted.
fn expected(set: &str, rule: &str) -> Vec<String> {
    let path = fixture_path(&format!("{set}/{rule}/fail/expect.txt"));
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
/// A `fail/` folder without `expect.txt` (an example) need only report its rule.
fn fails(set: &str, rule: &str, allowed: &[&str]) {
    let listed = fixture_path(&format!("{set}/{rule}/fail/expect.txt")).is_file();
    let (run, findings) = check(set, rule, "fail");
    let (own, others): (Vec<Finding>, Vec<Finding>) =
        findings.iter().cloned().partition(|f| f.rule == rule);
    if listed {
        assert_eq!(
            keys(&own),
            expected(set, rule),
            "findings of `{rule}` on {set}/{rule}/fail differ from expect.txt\n{run:?}"
        );
    } else {
        assert!(!own.is_empty(), "{set}/{rule}/fail does not fail\n{run:?}");
    }
    let unexpected: Vec<String> = keys(&others)
        .into_iter()
        .filter(|k| !allowed.contains(&k.as_str()))
        .collect();
    assert_eq!(
        unexpected,
        Vec::<String>::new(),
        "findings of other rules on {set}/{rule}/fail\n{run:?}"
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
    ($set_mod:ident: $set:literal { $($name:ident: $rule:literal $([$($allowed:literal),* $(,)?])?;)* }) => {
        mod $set_mod {
            use super::{fixture_path, fs};

            $(
                mod $name {
                    #[test]
                    fn pass() {
                        super::super::passes($set, $rule);
                    }

                    #[test]
                    fn fail() {
                        super::super::fails($set, $rule, &[$($($allowed),*)?]);
                    }
                }
            )*

            /// A new fixture folder needs a line in `rules!`.
            #[test]
            fn every_fixture_folder_is_tested() {
                let mut tested = vec![$($rule),*];
                tested.sort_unstable();
                let mut folders: Vec<String> = fs::read_dir(fixture_path($set))
                    .expect($set)
                    .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .collect();
                folders.sort();
                assert_eq!(folders, tested);
            }
        }
    };
}

// Each rule's examples: `okr explain` shows them.
rules!(examples: "rules" {
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
    range: "range";
    stale: "stale";
    review: "review";
    ambition: "ambition";
    target_moved: "target-moved";
    source_unknown: "source-unknown";
    secret_inline: "secret-inline";
    source_stale: "source-stale";
});

// The harder cases, with several findings each.
rules!(cases: "rule-cases" {
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
});
