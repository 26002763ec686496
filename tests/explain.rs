//! The examples of `okr explain`: for every rule, the example that fails makes
//! `okr check` report that rule and nothing else, and the example that passes
//! checks clean; and `okr explain` shows both as they are checked here.

mod common;

use common::{Okr, RULE_IDS, at};
use okr::rules::example::{Example, TODAY};
use okr::rules::{RULES, Rule};

/// Builds the example's repository (a plain folder, or git with its commits
/// on their dates) and runs `okr check --format json` on it.
fn check(example: &Example) -> common::Run {
    let mut okr = Okr::new().today(TODAY).file("okr.yaml", example.config());
    let commits = example.commits();
    if !commits.is_empty() {
        okr = okr.git_init();
        for commit in &commits {
            for file in commit.files {
                okr = okr.file(file.path, file.text);
            }
            okr.git(["add", "--all"]);
            okr.git_at(
                &at(commit.date),
                ["commit", "--quiet", "--message", &commit.message],
            );
        }
    }
    for file in example.files {
        okr = okr.file(file.path, file.text);
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend(example.args);
    let run = okr.run_with(args);
    run.no_crash();
    run
}

fn rules_reported(run: &common::Run) -> Vec<String> {
    let mut rules: Vec<String> = run.findings().into_iter().map(|f| f.rule).collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn every_rule_of_the_spec_has_examples() {
    let ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, RULE_IDS);
}

#[test]
fn failing_examples_report_their_rule_and_nothing_else() {
    for rule in RULES {
        let run = check(&rule.examples.fail);
        assert_eq!(
            rules_reported(&run),
            [rule.id.as_str()],
            "the failing example of `{}` should report `{}` alone\n{run:?}",
            rule.id,
            rule.id
        );
        run.code(if rule.default == okr::model::Level::Error {
            1
        } else {
            0
        });
    }
}

#[test]
fn passing_examples_check_clean() {
    for rule in RULES {
        let run = check(&rule.examples.pass);
        assert_eq!(
            run.findings(),
            [],
            "the passing example of `{}` should check clean\n{run:?}",
            rule.id
        );
        run.code(0);
    }
}

/// The history rules' examples need their commits: outside git the failing
/// example would not fail.
#[test]
fn history_examples_are_repositories() {
    for rule in RULES.iter().filter(|r| r.needs_history) {
        for example in [&rule.examples.fail, &rule.examples.pass] {
            assert!(!example.commits().is_empty(), "{}", rule.id);
        }
    }
    for rule in RULES.iter().filter(|r| !r.needs_history) {
        for example in [&rule.examples.fail, &rule.examples.pass] {
            assert!(example.commits().is_empty(), "{}", rule.id);
        }
    }
}

/// `okr explain RULE` with its examples' files indented as it shows them.
fn explain(rule: &Rule) -> String {
    let run = Okr::new().args(["explain", rule.id.as_str()]).run();
    run.code(0);
    run.stdout.clone()
}

fn indented(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn explain_shows_what_why_fix_and_both_examples() {
    for rule in RULES {
        let out = explain(rule);
        for part in [rule.summary, rule.why, rule.fix] {
            assert!(out.contains(part), "{}: {part:?} missing\n{out}", rule.id);
        }
        for example in [&rule.examples.fail, &rule.examples.pass] {
            let commits = example.commits();
            let written = commits
                .iter()
                .flat_map(|c| c.files)
                .chain(example.files)
                .filter(|f| f.path != "okr.yaml");
            for file in written {
                let shown = format!("    # {}\n{}", file.path, indented(file.text));
                assert!(
                    out.contains(&shown),
                    "{}: `okr explain` does not show {} as checked\n{out}",
                    rule.id,
                    file.path
                );
            }
            assert!(
                out.contains(&indented(example.config())),
                "{}: okr.yaml missing\n{out}",
                rule.id
            );
            for commit in &commits {
                assert!(
                    out.contains(&format!("# on {}", commit.date)),
                    "{}: the commit of {} missing\n{out}",
                    rule.id,
                    commit.date
                );
            }
        }
        assert!(
            out.contains(&format!("reports `{}`", rule.id)) && out.contains("reports nothing"),
            "{out}"
        );
    }
}

#[test]
fn explain_says_which_rules_need_git() {
    assert!(explain(okr::rules::find("stale").unwrap()).contains("git history"));
    assert!(!explain(okr::rules::find("orphan").unwrap()).contains("git history"));
    let target_moved = explain(okr::rules::find("target-moved").unwrap());
    assert!(target_moved.contains("--base HEAD~1"), "{target_moved}");
    assert!(
        target_moved.contains("-m 'OKR-Reason: "),
        "the trailer of the passing example\n{target_moved}"
    );
}

/// Code scanning shows a rule's `help` beside each alert: the same explanation.
#[test]
fn sarif_rules_carry_the_explanation() {
    let run = check_sarif(&okr::rules::find("orphan").unwrap().examples.fail);
    let sarif = run.json();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), RULES.len());
    for (json, rule) in rules.iter().zip(RULES) {
        assert_eq!(json["id"], rule.id.as_str());
        let text = json["help"]["text"].as_str().expect("help.text");
        let markdown = json["help"]["markdown"].as_str().expect("help.markdown");
        for part in [rule.summary, rule.why, rule.fix] {
            assert!(text.contains(part), "{}: help.text lacks {part:?}", rule.id);
            assert!(markdown.contains(part), "{}: help.markdown", rule.id);
        }
        let commits = rule.examples.fail.commits();
        let failing = rule
            .examples
            .fail
            .okr_files()
            .chain(commits.iter().flat_map(|c| c.files))
            .filter(|f| f.path != "okr.yaml");
        for file in failing {
            assert!(
                markdown.contains(&format!("# {}\n{}", file.path, file.text)),
                "{}: help.markdown lacks {}\n{markdown}",
                rule.id,
                file.path
            );
        }
    }
}

fn check_sarif(example: &Example) -> common::Run {
    let okr = Okr::new().today(TODAY).file("okr.yaml", example.config());
    let okr = example
        .files
        .iter()
        .fold(okr, |okr, file| okr.file(file.path, file.text));
    let run = okr.run_with(["check", "--format", "sarif"]);
    run.code(0);
    run
}
