//! Values from files and the command line cannot crash okr (README
//! "Security"): every date and length of time is range-checked when it is
//! read, with a finding at its line or a clear error, and the date arithmetic
//! after it is checked; ids and references have a length cap, and "did you
//! mean" does bounded work on any value.

mod common;

use common::{Finding, Okr, commit_everything_on};

/// The examples in a repository committed on 2026-09-01, seen on 2026-12-10.
fn examples_in_git() -> Okr {
    commit_everything_on(Okr::new().examples().git_init(), "2026-09-01").today("2026-12-10")
}

/// The one finding about `okr.yaml` whose message mentions `needle`.
#[track_caller]
fn config_finding(findings: &[Finding], needle: &str) -> Finding {
    let hits: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.file == "okr.yaml" && f.message.contains(needle))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "one okr.yaml finding about {needle:?}: {findings:#?}"
    );
    hits[0].clone()
}

/// The 1-based line of `file` under the OKR root that contains `needle`.
fn line_of(okr: &Okr, file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(okr.root().join(file)).expect("read");
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the line") as u64
        + 1
}

#[test]
fn a_huge_stale_after_days_is_a_finding_not_a_panic() {
    // Any value above ~96 million days once panicked in the `stale` rule's
    // window (a date before the calendar's first day).
    let okr = examples_in_git().file(
        "okr.yaml",
        std::fs::read_to_string(common::crate_root().join("examples/okr.yaml"))
            .expect("examples/okr.yaml")
            .replace("stale-after-days: 14", "stale-after-days: 100000000"),
    );
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let f = config_finding(&run.findings(), "stale-after-days");
    assert_eq!(f.rule, "schema", "{f:?}");
    assert_eq!(
        f.line,
        line_of(&okr, "okr.yaml", "stale-after-days"),
        "{f:?}"
    );
    assert!(f.message.contains("from 1 to 3650"), "{f:?}");
    // The rule still runs, with the default window.
    assert!(run.findings().iter().any(|f| f.rule == "stale"), "{run:?}");
    for args in [
        &["report", "--cycle", "2026-Q4"][..],
        &["nudge"],
        &["status"],
    ] {
        okr.run_with(args).no_crash();
    }
}

#[test]
fn stale_after_days_zero_and_the_largest_allowed() {
    let config = std::fs::read_to_string(common::crate_root().join("examples/okr.yaml"))
        .expect("examples/okr.yaml");
    let zero = examples_in_git().file(
        "okr.yaml",
        config.replace("stale-after-days: 14", "stale-after-days: 0"),
    );
    let run = zero.run_with(["check", "--format", "json"]);
    run.no_crash();
    config_finding(&run.findings(), "stale-after-days");
    let most = examples_in_git().file(
        "okr.yaml",
        config.replace("stale-after-days: 14", "stale-after-days: 3650"),
    );
    let run = most.run_with(["check", "--format", "json"]);
    run.no_crash();
    assert!(
        !run.findings()
            .iter()
            .any(|f| f.message.contains("stale-after-days")),
        "{run:?}"
    );
}

#[test]
fn a_today_outside_the_calendar_is_a_clear_error() {
    let okr = examples_in_git();
    for day in [
        "-262143-01-01",
        "+262142-12-31",
        "262142-12-31",
        "99999-01-01",
        "-0001-01-01",
    ] {
        let run = okr.run_with([format!("--today={day}").as_str(), "check"]);
        run.no_crash().code(2).stderr_contains("--today");
        let run = okr.run_with_env(&[("OKR_TODAY", day)], ["report", "--cycle", "2026-Q4"]);
        run.no_crash().code(2);
    }
    // The calendar's ends that okr reads still work.
    for day in ["0000-01-01", "9999-12-31"] {
        let run = okr.run_with([format!("--today={day}").as_str(), "check"]);
        run.no_crash();
        okr.run_with([
            format!("--today={day}").as_str(),
            "report",
            "--cycle",
            "2026-Q4",
        ])
        .no_crash();
    }
}

/// okr.yaml of the examples with `cycles:` declaring `far` from `start` to `end`.
fn with_cycle(okr: Okr, start: &str, end: &str) -> Okr {
    let config = std::fs::read_to_string(common::crate_root().join("examples/okr.yaml"))
        .expect("examples/okr.yaml");
    okr.file(
        "okr.yaml",
        format!("{config}\ncycles:\n  - id: far\n    start: {start}\n    end: {end}\n"),
    )
    .file(
        "okrs/far/team.yaml",
        "cycle: far\nteam: company\nobjectives:\n  - id: far-away\n    title: Reach the far cycle\n    owner: wang.fang\n    key_results:\n      - id: steps\n        title: Take 10 steps\n        start: 0\n        target: 10\n        current: 1\n        due: 2026-12-01\n",
    )
}

#[test]
fn a_cycle_starting_outside_the_calendar_is_a_finding() {
    // `okr report --cycle` once panicked on the day before such a start.
    let okr = with_cycle(examples_in_git(), "-262143-01-01", "2026-12-31");
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let f = config_finding(&run.findings(), "-262143-01-01");
    assert_eq!(f.rule, "schema", "{f:?}");
    assert_eq!(f.line, line_of(&okr, "okr.yaml", "-262143-01-01"), "{f:?}");
    let run = okr.run_with(["report", "--cycle", "far"]);
    run.no_crash();
    for format in ["markdown", "json", "html"] {
        okr.run_with(["report", "--cycle", "far", "--format", format])
            .no_crash();
    }
}

#[test]
fn cycles_at_the_calendars_ends_report() {
    for (start, end) in [
        ("0000-01-01", "0000-12-31"),
        ("9999-01-01", "9999-12-31"),
        ("0000-01-01", "9999-12-31"),
    ] {
        let okr = with_cycle(examples_in_git(), start, end);
        let run = okr.run_with(["check", "--format", "json"]);
        run.no_crash();
        for format in ["markdown", "json"] {
            okr.run_with(["report", "--cycle", "far", "--format", format])
                .no_crash();
        }
        okr.run_with(["--today", end, "report", "--cycle", "far"])
            .no_crash();
    }
}

#[test]
fn key_result_dates_outside_the_calendar_are_findings() {
    let okr = examples_in_git().file(
        "okrs/2026-Q4/far.yaml",
        "cycle: 2026-Q4\nteam: company\nobjectives:\n  - id: far-dates\n    title: Dates from far away\n    owner: wang.fang\n    key_results:\n      - id: steps\n        title: Take 10 steps\n        start: 0\n        target: 10\n        current: 1\n        due: -262143-01-01\n      - id: more\n        title: Reach the milestones\n        milestones:\n          - title: One\n            due: +262142-12-31\n            done: false\n",
    );
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let findings: Vec<Finding> = run
        .findings()
        .into_iter()
        .filter(|f| f.file == "okrs/2026-Q4/far.yaml" && f.rule == "schema")
        .collect();
    assert!(
        findings
            .iter()
            .any(|f| f.line == line_of(&okr, "okrs/2026-Q4/far.yaml", "-262143")),
        "{run:?}"
    );
    for args in [
        &["status"][..],
        &["report", "--cycle", "2026-Q4"],
        &["tree"],
        &["nudge"],
    ] {
        okr.run_with(args).no_crash();
    }
}

#[test]
fn a_source_every_longer_than_a_year_is_a_finding() {
    let config = std::fs::read_to_string(common::crate_root().join("examples/okr.yaml"))
        .expect("examples/okr.yaml");
    let okr = examples_in_git()
        .file(
            "okr.yaml",
            format!(
                "{config}\nsources:\n  metrics:\n    type: file\n    settle: 999999999w\n"
            ),
        )
        .file(
            "okrs/2026-Q4/synced.yaml",
            "cycle: 2026-Q4\nteam: company\nobjectives:\n  - id: synced\n    title: Synced numbers\n    owner: wang.fang\n    key_results:\n      - id: visits\n        title: Visits from 0 to 10\n        start: 0\n        target: 10\n        source:\n          from: metrics\n          path: metrics.json\n          pointer: /visits\n          every: 999999999w\n",
        )
        .file("metrics.json", "{\"visits\": 4}");
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let findings = run.findings();
    let every: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.message.contains("longer than a year"))
        .collect();
    assert_eq!(every.len(), 2, "settle and every: {findings:#?}");
    assert!(every.iter().all(|f| f.rule == "schema"), "{every:?}");
    okr.run_with(["sync", "--dry-run"]).no_crash();
}

/// An organisation of `teams` teams, each with one file of one objective,
/// and `extra` (an objective) in the first team's file.
fn many_teams(teams: usize, extra: &str) -> Okr {
    let mut config = String::from("organization: Many\npaths: [okrs]\nteams:\n");
    for t in 0..teams {
        config.push_str(&format!("  - id: team-{t}\n    lead: person-{t}\n"));
    }
    config.push_str("people:\n");
    for t in 0..teams {
        config.push_str(&format!("  - id: person-{t}\n"));
    }
    let mut okr = Okr::new().file("okr.yaml", config);
    for t in 0..teams {
        let mut file = format!(
            "cycle: 2026-Q4\nteam: team-{t}\nobjectives:\n  - id: objective-{t}\n    title: Objective {t}\n    status: agreed\n    owner: person-{t}\n    key_results:\n      - id: kr-{t}\n        title: Reach 10\n        start: 0\n        target: 10\n        current: 4\n"
        );
        if t == 0 {
            file.push_str(extra);
        }
        okr = okr.file(&format!("okrs/2026-Q4/team-{t}.yaml"), file);
    }
    okr
}

#[test]
fn a_megabyte_reference_is_one_finding_and_no_search() {
    // A 1 MB `aligns:` once took minutes of "did you mean" on 400 teams.
    let huge = "objective-1".repeat(100_000);
    let extra = format!(
        "  - id: long-aligns\n    title: Aligned far\n    owner: {huge}\n    aligns: [{huge}, objective-x/{huge}]\n    key_results:\n      - id: {huge}\n        title: Reach 10\n        start: 0\n        target: 10\n        current: 4\n"
    );
    let okr = many_teams(400, &extra).timeout(std::time::Duration::from_secs(60));
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    let findings: Vec<Finding> = run
        .findings()
        .into_iter()
        .filter(|f| f.file == "okrs/2026-Q4/team-0.yaml")
        .collect();
    let long: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.message.contains("at most 200"))
        .collect();
    assert_eq!(long.len(), 4, "owner, two aligns, the id: {findings:#?}");
    assert!(long.iter().all(|f| f.rule == "schema"), "{long:?}");
    // The value is left out: no rule quotes it, and the output stays small.
    assert!(
        run.stdout.len() < 100_000,
        "{} bytes of output",
        run.stdout.len()
    );
    for args in [&["status"][..], &["tree"], &["check"]] {
        let run = okr.run_with(args);
        run.no_crash();
        assert!(
            run.stdout.len() < 200_000,
            "{args:?}: {} bytes",
            run.stdout.len()
        );
    }
}

#[test]
fn an_unknown_reference_of_ordinary_length_still_gets_a_suggestion() {
    let extra = "  - id: typo\n    title: A typo\n    owner: person-1\n    aligns: objectiv-1\n    key_results:\n      - id: kr\n        title: Reach 10\n        start: 0\n        target: 10\n        current: 4\n";
    let run = many_teams(3, extra).run_with(["check", "--format", "json"]);
    run.no_crash();
    assert!(
        run.findings()
            .iter()
            .any(|f| f.message.contains("did you mean `objective-1`")),
        "{run:?}"
    );
}
