//! `okr explain`, `okr completions`, `--version`, `--help` and argument errors.

mod common;

use common::{Okr, RULE_IDS};

#[test]
fn explain_a_rule() {
    let run = Okr::new().args(["explain", "measurable"]).run();
    run.code(0).stdout_contains("measurable");
    assert!(
        run.stdout.lines().count() >= 3,
        "says what, why and how\n{run:?}"
    );
}

/// The rules that SPEC section 6 makes warnings by default (and `overdue`);
/// the rest are errors.
const WARNINGS: [&str; 12] = [
    "alignment-team",
    "orphan",
    "objective-count",
    "kr-count",
    "overdue",
    "bottom-up-share",
    "coverage",
    "stale",
    "review",
    "ambition",
    "target-moved",
    "source-stale",
];

fn default_level(id: &str) -> &'static str {
    if WARNINGS.contains(&id) {
        "warning"
    } else {
        "error"
    }
}

#[test]
fn explain_every_rule() {
    for id in RULE_IDS {
        let run = Okr::new().args(["explain", id]).run();
        run.code(0);
        let first = run.stdout.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(id) && first.contains(default_level(id)),
            "`okr explain {id}` starts with the rule id and its default level\n{run:?}"
        );
        run.stdout_contains(&format!("ignore[{id}]"));
    }
}

#[test]
fn explain_unknown_rule_exits_2() {
    let run = Okr::new().args(["explain", "nosuch"]).run();
    run.code(2).stdout_empty().stderr_contains("nosuch");
    run.stderr_contains("okr explain");
}

#[test]
fn explain_misspelt_rule_suggests() {
    let run = Okr::new().args(["explain", "measurabel"]).run();
    run.code(2)
        .stdout_empty()
        .stderr_contains("did you mean `measurable`");
    let run = Okr::new().args(["explain", "dupliate-id"]).run();
    run.code(2).stderr_contains("did you mean `duplicate-id`");
}

#[test]
fn explain_lists_every_rule() {
    let run = Okr::new().args(["explain"]).run();
    run.code(0);
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(listed, RULE_IDS, "{run:?}");
}

#[test]
fn explain_levels_match_the_spec() {
    let run = Okr::new().args(["explain"]).run();
    for line in run.stdout.lines() {
        let mut words = line.split_whitespace();
        let id = words.next().unwrap_or_default();
        assert_eq!(words.next(), Some(default_level(id)), "{line:?}");
    }
}

#[test]
fn completions() {
    // Each script registers okr's completer and calls okr back with
    // OKR_COMPLETE=SHELL (tests/completions.rs checks the answers).
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Okr::new().args(["completions", shell]).run();
        run.code(0);
        // fish's is one line naming the binary, as short as the path okr runs from.
        assert!(run.stdout.len() > 100, "{shell}: a script\n{run:?}");
        assert!(run.stdout.contains("okr"), "{shell}\n{run:?}");
        assert!(
            run.stdout.contains("OKR_COMPLETE=")
                || run
                    .stdout
                    .contains(&format!("$env:OKR_COMPLETE = \"{shell}\"")),
            "{shell}: calls okr back\n{run:?}"
        );
    }
}

#[test]
fn completions_unknown_shell_exits_2() {
    let run = Okr::new().args(["completions", "tcsh"]).run();
    run.code(2).stdout_empty().stderr_contains("tcsh");
}

#[test]
fn version() {
    let run = Okr::new().args(["--version"]).run();
    run.code(0);
    assert_eq!(
        run.stdout.trim(),
        format!("okr {}", env!("CARGO_PKG_VERSION")),
        "{run:?}"
    );
}

#[test]
fn help_lists_the_commands() {
    let run = Okr::new().args(["--help"]).run();
    run.code(0);
    for command in ["check", "init", "schema", "explain", "completions", "man"] {
        run.stdout_contains(command);
    }
}

#[test]
fn no_command_exits_2() {
    let run = Okr::new().args(Vec::<&str>::new()).run();
    run.code(2).stdout_empty().stderr_contains("Usage");
}

#[test]
fn unknown_command_exits_2() {
    let run = Okr::new().args(["chekc"]).run();
    run.code(2).stdout_empty().stderr_contains("check");
}

#[test]
fn unknown_color_exits_2() {
    let run = Okr::new().args(["--color", "sometimes", "explain"]).run();
    run.code(2).stdout_empty().stderr_contains("sometimes");
}
