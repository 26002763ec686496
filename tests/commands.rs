//! Commands that do what a user expects: `add objective` with its key results in
//! one commit, `review` with nothing to review, `carry` into the past, `init`
//! inside a root, `checkin` with a percent sign.

mod common;

use common::Okr;
use serde_json::Value;

const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";

fn committed_examples() -> Okr {
    Okr::new().examples().committed()
}

/// The objective `id` of `okr status --format json`.
fn status_of(okr: &Okr, id: &str) -> Value {
    let run = okr.run_with(["status", "--format", "json"]);
    run.code(0);
    let json = run.json();
    json["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no objective {id}\n{run:?}"))
        .clone()
}

// --- add objective: status, kind, origin and key results in one commit ---------------

#[test]
fn add_objective_with_three_key_results_is_one_commit() {
    let okr = committed_examples();
    let before = okr.read(PLATFORM);
    let first = okr.commit_count();
    let run = okr.run_with([
        "add",
        "objective",
        "plat-observability",
        "--title",
        "See every slow request / 看见每一个慢请求",
        "--owner",
        "alex.kim",
        "--aligns",
        "eng-weekly-release",
        "--origin",
        "bottom-up",
        "--status",
        "agreed",
        "--kind",
        "committed",
        "--kr",
        "traced: Share of requests traced, 10 -> 90 %",
        "--kr",
        "dashboards: 每个服务都有仪表盘, due 2026-12-15",
        "--kr",
        "p99: p99 latency stays low, keep below 800 ms now 640",
    ]);
    run.code(0)
        .stdout_contains("add: objective plat-observability");
    assert_eq!(okr.commit_count(), first + 1, "one commit");

    let added = okr.read(PLATFORM);
    let added = added.strip_prefix(&before).expect("appended");
    assert_eq!(
        added,
        "  - id: plat-observability
    title: See every slow request / 看见每一个慢请求
    owner: alex.kim
    aligns: eng-weekly-release
    origin: bottom-up
    status: agreed
    kind: committed
    key_results:
      - id: traced
        title: Share of requests traced
        start: 10
        target: 90
        current: 10
        unit: \"%\"
      - id: dashboards
        title: 每个服务都有仪表盘
        done: false
        due: 2026-12-15
      - id: p99
        title: p99 latency stays low
        keep_below: 800
        current: 640
        unit: ms
"
    );
    // It checks clean: agreed, measurable, aligned.
    let check = okr.run_with(["check", "--format", "json"]);
    check.code(0);
    assert_eq!(check.findings(), Vec::new(), "{check:?}");

    let o = status_of(&okr, "plat-observability");
    assert_eq!(o["status"], "agreed");
    assert_eq!(o["kind"], "committed");
    let krs: Vec<&str> = o["key_results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["ref"].as_str().unwrap())
        .collect();
    assert_eq!(
        krs,
        [
            "plat-observability/traced",
            "plat-observability/dashboards",
            "plat-observability/p99"
        ]
    );
}

#[test]
fn add_objective_reads_an_arrow_and_units_written_on_the_numbers() {
    let okr = committed_examples();
    okr.run_with([
        "add",
        "objective",
        "plat-cache",
        "--title",
        "Faster pages",
        "--owner",
        "alex.kim",
        "--kr",
        "hit-rate: Cache hit rate, 35% → 80%",
        "--kr",
        "errors: Errors, keep above -1.5 now 0",
        "--no-commit",
    ])
    .code(0);
    let text = okr.read(PLATFORM);
    assert!(
        text.contains(
            "      - id: hit-rate\n        title: Cache hit rate\n        start: 35\n        target: 80\n        current: 35\n        unit: \"%\"\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("        keep_above: -1.5\n        current: 0\n"),
        "{text}"
    );
    // Without --status the objective is a draft, as before.
    assert!(!text.contains("plat-cache\n    title: Faster pages\n    owner: alex.kim\n    status"));
}

#[test]
fn a_bad_kr_is_an_error_naming_the_part_that_is_wrong() {
    let okr = committed_examples();
    let (tree, head) = (okr.worktree(), okr.head());
    let cases: [(&str, &str); 11] = [
        ("Share of requests traced 10 -> 90", "no `id:`"),
        (
            "traced: Share of requests traced 10 -> 90",
            "no `, ` between the title",
        ),
        ("traced: , 10 -> 90", "no title"),
        (
            "tr/aced: Traced, 10 -> 90",
            "`tr/aced` cannot be a key result id",
        ),
        ("traced: Traced, ten -> 90", "`ten` is not a number"),
        ("traced: Traced, 10 -> 10", "start and target are both 10"),
        (
            "traced: Traced, 10% -> 90 ms",
            "the unit of the start (`%`) and of the target (`ms`) differ",
        ),
        (
            "dash: Dashboards, due 2026-11-31",
            "a day that does not exist",
        ),
        ("p99: Latency, keep below 800 ms", "now"),
        (
            "p99: Latency, stays below 800",
            "`stays below 800` is not a measure",
        ),
        ("p99: Latency, keep below 800 now 640 or so", "`640 or so`"),
    ];
    for (kr, says) in cases {
        let run = okr.run_with([
            "add",
            "objective",
            "plat-x",
            "--title",
            "X",
            "--owner",
            "alex.kim",
            "--kr",
            kr,
        ]);
        run.code(2)
            .stdout_empty()
            .stderr_contains("--kr")
            .stderr_contains(says);
    }
    // Checked against the cycle, and against each other.
    let refusals: [(&[&str], &str); 2] = [
        (
            &["--kr", "dash: Dashboards, due 2027-01-15"],
            "due 2027-01-15 lies outside cycle 2026-Q4",
        ),
        (
            &["--kr", "a: A, 1 -> 2", "--kr", "a: Again, 1 -> 3"],
            "two key results with the id `a`",
        ),
    ];
    for (krs, says) in refusals {
        let mut args = vec![
            "add",
            "objective",
            "plat-x",
            "--title",
            "X",
            "--owner",
            "alex.kim",
        ];
        args.extend_from_slice(krs);
        okr.run_with(args).code(2).stderr_contains(says);
    }
    assert_eq!(okr.worktree(), tree, "nothing written");
    assert_eq!(okr.head(), head, "nothing committed");
}

#[test]
fn the_kr_syntax_is_documented_in_help() {
    let run = Okr::new().args(["add", "objective", "--help"]).run();
    run.code(0);
    for part in [
        "--kr",
        "START -> TARGET",
        "due YYYY-MM-DD",
        "keep above",
        "now",
        "--status",
        "--kind",
    ] {
        run.stdout_contains(part);
    }
}

// --- review with nothing to review ------------------------------------------------------

#[test]
fn review_with_no_ended_cycle_says_so_and_exits_0() {
    // On 2026-11-15 neither 2026 nor 2026-Q4 has ended.
    let okr = committed_examples();
    let (tree, head) = (okr.worktree(), okr.head());
    let run = okr.run_with(["review"]);
    run.code(0)
        .stdout_contains("nothing to review: no cycle with OKR files has ended by 2026-11-15");
    let run = okr.run_with(["review", "--format", "json"]);
    run.code(0);
    let json = run.json();
    assert_eq!(json["cycle"], Value::Null, "{run:?}");
    assert_eq!(json["objectives"], serde_json::json!([]), "{run:?}");
    okr.run_with(["review", "--template"]).code(0);
    assert_eq!(okr.worktree(), tree);
    assert_eq!(okr.head(), head);
}

// --- carry goes forward only --------------------------------------------------------------

#[test]
fn carry_into_the_past_or_the_same_cycle_is_refused_with_a_reason() {
    let okr = committed_examples();
    let (tree, head) = (okr.worktree(), okr.head());
    let cases: [(&[&str], &str); 4] = [
        (
            &["2026-Q4", "2026-Q3"],
            "2026-Q3 starts on 2026-07-01, before 2026-Q4 (2026-10-01)",
        ),
        (&["2026-Q4", "2026-Q4"], "FROM and TO are both 2026-Q4"),
        (&["2026", "2026-Q4"], "2026-Q4 lies within 2026"),
        (
            &["2026-Q4", "2026-H2"],
            "2026-H2 starts on 2026-07-01, before 2026-Q4 (2026-10-01)",
        ),
    ];
    for (cycles, says) in cases {
        let mut args = vec!["carry"];
        args.extend_from_slice(cycles);
        okr.run_with(args)
            .code(2)
            .stdout_empty()
            .stderr_contains(says);
    }
    assert_eq!(okr.worktree(), tree, "nothing written");
    assert_eq!(okr.head(), head, "nothing committed");
    // Forward still works.
    okr.run_with(["carry", "2026-Q4", "2027-Q1"]).code(0);
}

// --- init inside an OKR root --------------------------------------------------------------

#[test]
fn init_inside_an_okr_root_warns_and_stops_unless_forced() {
    let okr = committed_examples();
    let tree = okr.worktree();
    let run = okr.run_with(["-C", "okrs/2026-Q4", "init"]);
    run.code(2)
        .stdout_empty()
        .stderr_contains("already inside the OKR root")
        .stderr_contains("okr.yaml")
        .stderr_contains("--force");
    assert_eq!(okr.worktree(), tree, "nothing written");

    // With --force, a new root inside the old one.
    let run = okr.run_with(["-C", "okrs/2026-Q4", "init", "--force"]);
    run.code(0);
    assert!(okr.root().join("okrs/2026-Q4/okr.yaml").is_file());
    // Still never over an existing okr.yaml.
    let run = okr.run_with(["init", "--force"]);
    run.code(2).stderr_contains("okr.yaml already exists");
}

// --- checkin with a percent sign ----------------------------------------------------------

#[test]
fn checkin_of_a_percentage_on_a_key_result_without_the_percent_unit_is_refused() {
    let okr = Okr::new()
        .examples()
        .replace("okrs/2026-Q4/company.yaml", "        unit: contracts\n", "")
        .committed();
    let (tree, head) = (okr.worktree(), okr.head());
    // No unit: 50% is not 50 of anything.
    let run = okr.run_with(["checkin", "q4-enterprise/contracts", "50%"]);
    run.code(2)
        .stdout_empty()
        .stderr_contains("`q4-enterprise/contracts` has no unit")
        .stderr_contains("okr checkin q4-enterprise/contracts 50");
    assert_eq!((okr.worktree(), okr.head()), (tree.clone(), head.clone()));

    // Another unit: named in the hint.
    let run = okr.run_with(["checkin", "eng-weekly-release/lead-time", "40%"]);
    run.code(2)
        .stderr_contains("counts days, not %")
        .stderr_contains("okr checkin eng-weekly-release/lead-time 40");
    assert_eq!((okr.worktree(), okr.head()), (tree, head));

    // Unit `%`: 4.2% is 4.2.
    okr.run_with(["checkin", "q4-retention/visitor-to-retained", "4.2%"])
        .code(0);
    assert!(
        okr.read("okrs/2026-Q4/company.yaml")
            .contains("        current: 4.2\n")
    );
}
