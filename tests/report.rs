//! End-to-end tests of `okr report` (HTML, Markdown, JSON) and `okr review`
//! (SPEC section 7): the report's numbers against the files and the check-ins
//! made in a real repository with pinned dates, the HTML's promise to be one
//! self-contained file, and the review template's promise to add and not touch.

mod common;

use common::{Okr, examples_with_checkins};
use serde_json::Value;

const COMPANY_Q4: &str = "okrs/2026-Q4/company.yaml";

fn objective<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no objective {id} in {report:#}"))
}

/// `[(date, score)]` of a progress list.
fn points(progress: &Value) -> Vec<(String, f64)> {
    progress
        .as_array()
        .expect("a progress list")
        .iter()
        .map(|p| {
            (
                p["date"].as_str().expect("date").to_owned(),
                p["score"].as_f64().expect("score"),
            )
        })
        .collect()
}

#[track_caller]
fn assert_points(got: &[(String, f64)], want: &[(&str, f64)]) {
    assert_eq!(got.len(), want.len(), "points {got:?}, expected {want:?}");
    for ((d, s), (wd, ws)) in got.iter().zip(want) {
        assert_eq!(d, wd, "points {got:?}, expected {want:?}");
        // JSON writes scores with four decimals.
        assert!((s - ws).abs() <= 5e-5, "points {got:?}, expected {want:?}");
    }
}

#[test]
fn json_progress_follows_the_checkins_from_the_cycle_start_to_today() {
    let okr = examples_with_checkins();
    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    assert_eq!(report["cycle"], "2026-Q4");
    assert_eq!(report["days"], 92);
    assert_eq!(report["elapsed_days"], 46);
    assert_eq!(report["history"], true);

    let s = |v: f64| (v - 3.1) / (5.0 - 3.1);
    let retention = objective(&report, "q4-retention");
    let kr = &retention["key_result_progress"][0];
    assert_eq!(kr["ref"], "q4-retention/visitor-to-retained");
    assert_eq!(kr["last_checkin"], "2026-11-05");
    // The commit of 10-01 introduced it at 3.9; then two check-ins; then today.
    assert_points(
        &points(&kr["progress"]),
        &[
            ("2026-10-01", s(3.9)),
            ("2026-10-20", s(4.1)),
            ("2026-11-05", s(4.4)),
            ("2026-11-15", s(4.4)),
        ],
    );
    // One key result: the objective's progress is the key result's.
    assert_points(
        &points(&retention["progress"]),
        &[
            ("2026-10-01", s(3.9)),
            ("2026-10-20", s(4.1)),
            ("2026-11-05", s(4.4)),
            ("2026-11-15", s(4.4)),
        ],
    );
    // Two key results, the milestone still open: the mean of contracts/12 and 0.
    let enterprise = objective(&report, "q4-enterprise");
    assert_points(
        &points(&enterprise["progress"]),
        &[
            ("2026-10-01", 5.0 / 12.0 / 2.0),
            ("2026-10-15", 6.0 / 12.0 / 2.0),
            ("2026-11-10", 8.0 / 12.0 / 2.0),
            ("2026-11-15", 8.0 / 12.0 / 2.0),
        ],
    );
    assert_eq!(enterprise["score"], 0.3333, "8 / 24 with four decimals");

    // Activity: the four check-ins of October and November, by author; the
    // commit that added the key results on 10-01 is not a check-in.
    assert_eq!(report["activity"]["checkins"], 4);
    let authors = report["activity"]["authors"].as_array().expect("authors");
    let wang = authors
        .iter()
        .find(|a| a["author"] == "王芳")
        .expect("王芳 checked in");
    assert_eq!(wang["checkins"], 2);
    assert_eq!(wang["first"], "2026-10-15");
    assert_eq!(wang["last"], "2026-11-10");
    let weeks = report["activity"]["weeks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 7, "46 days are 7 weeks: {weeks:?}");
    assert_eq!(weeks[2]["start"], "2026-10-15");
    assert_eq!(weeks[2]["checkins"], 2, "10-15 and 10-20");
    assert_eq!(weeks[3]["checkins"], 0);
    assert_eq!(weeks[0]["checkins"], 0);
    let recent = report["activity"]["recent"].as_array().expect("recent");
    assert_eq!(recent.last().unwrap()["ref"], "q4-enterprise/contracts");
    assert_eq!(recent.last().unwrap()["new"].as_f64(), Some(8.0));

    // Teams follow the tree; every live objective is under its team.
    let teams: Vec<&str> = report["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["team"].as_str().unwrap())
        .collect();
    assert_eq!(
        teams,
        [
            "company",
            "product",
            "growth",
            "engineering",
            "platform",
            "@zhang.san"
        ]
    );
    let company = &report["teams"][0];
    assert_eq!(company["depth"], 0);
    assert_eq!(report["teams"][2]["depth"], 2);
    assert!(
        company["objectives"]
            .as_array()
            .unwrap()
            .contains(&Value::from("q4-retention"))
    );
    let live = report["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] != "dropped")
        .count();
    let counts = &report["health_counts"];
    let counted: u64 = ["on_track", "at_risk", "off_track", "planned", "unscored"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, live);
}

#[test]
fn the_html_report_is_one_self_contained_page_with_a_chart_per_objective() {
    let okr = examples_with_checkins();
    let run = okr.run_with(["report", "--format", "html"]);
    run.code(0);
    let html = run.stdout.clone();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(html.trim_end().ends_with("</html>"));
    // Nothing from the network, no scripts.
    for banned in [
        "<script", "<link", "<img", "src=", "@import", "url(", "http://", "https://",
    ] {
        assert!(!html.contains(banned), "the page contains `{banned}`");
    }
    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    let live: Vec<&Value> = report["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["status"] != "dropped")
        .collect();
    for o in &live {
        let title = o["title"].as_str().unwrap();
        assert!(
            html.contains(&title.replace('&', "&amp;").replace('<', "&lt;")),
            "no `{title}` in the page"
        );
    }
    assert_eq!(html.matches("<svg class=\"chart\"").count(), live.len());
    // One sparkline per key result of a live objective.
    let krs: usize = live
        .iter()
        .map(|o| o["key_results"].as_array().unwrap().len())
        .sum();
    assert_eq!(html.matches("<svg class=\"spark\"").count(), krs);
    // Charts are small: the whole page stays under 2 KB per key result.
    assert!(html.len() < 2048 * krs + 16 * 1024, "{} bytes", html.len());
    // CJK text goes through as it is.
    assert!(html.contains("签约 12 家企业客户"));
}

#[test]
fn the_markdown_report_has_tables_with_the_same_numbers() {
    let okr = examples_with_checkins();
    let md = okr.run_with(["report"]).code(0).stdout.clone();
    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    assert!(md.starts_with("# Babel Bird OKRs 2026-Q4\n"), "{md}");
    assert!(
        md.contains(
            "\n## By team\n\n| Team | Objectives | Score | Health | Last check-in |\n|---|"
        )
    );
    let score = format!("| {:.2} |", report["score"].as_f64().unwrap());
    assert!(md.contains(&score), "no overall score {score} in\n{md}");
    let enterprise = objective(&report, "q4-enterprise");
    assert!(md.contains("#### Close the year with enterprise revenue on plan `q4-enterprise`"));
    assert!(md.contains(&format!(
        "**{:.2}** (expected {:.2})",
        enterprise["score"].as_f64().unwrap(),
        enterprise["expected"].as_f64().unwrap()
    )));
    assert!(
        md.contains("| 签约 12 家企业客户 `contracts` | wang.fang | 8 / 12 contracts |"),
        "{md}"
    );
    assert!(md.contains("## Check-in activity"));
    assert!(
        md.contains("| 王芳 | 2 | 2026-10-15 | 2026-11-10 |"),
        "{md}"
    );
    // Every table row has as many cells as its header.
    let mut columns = 0;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = 0;
            continue;
        }
        let cells = line.replace("\\|", "").matches('|').count();
        if columns == 0 {
            columns = cells;
        }
        assert_eq!(cells, columns, "a ragged table row: {line}");
    }
}

#[test]
fn output_file_format_follows_its_extension_and_nothing_goes_to_stdout() {
    let okr = examples_with_checkins();
    let out = okr.temp_path().join("report.html");
    okr.run_with(["report", "-o", out.to_str().unwrap()])
        .code(0)
        .stdout_empty();
    let html = std::fs::read_to_string(&out).expect("the report file");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let json = okr.temp_path().join("report.json");
    okr.run_with(["report", "-o", json.to_str().unwrap()])
        .code(0);
    let value: Value = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    assert_eq!(value["cycle"], "2026-Q4");
}

#[test]
fn outside_git_the_report_shows_todays_scores_and_says_why() {
    let okr = Okr::new().examples().today("2026-11-15");
    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    assert_eq!(report["history"], false);
    let retention = objective(&report, "q4-retention");
    assert_points(
        &points(&retention["progress"]),
        &[("2026-11-15", (3.9 - 3.1) / (5.0 - 3.1))],
    );
    let md = okr.run_with(["report"]).code(0).stdout.clone();
    assert!(md.contains("Not in a git repository"), "{md}");
}

#[test]
fn a_cycle_that_has_not_started_is_planned_and_has_no_progress() {
    let okr = examples_with_checkins().today("2026-09-20");
    let report = okr
        .run_with(["report", "--cycle", "2026-Q4", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(report["elapsed_days"], 0);
    let retention = objective(&report, "q4-retention");
    assert_eq!(retention["health"], "planned");
    assert_eq!(retention["progress"], Value::Array(vec![]));
    okr.run_with(["report", "--cycle", "2026-Q4", "--format", "html"])
        .code(0)
        .stdout_contains("starts on 2026-10-01");
}

#[test]
fn an_unknown_cycle_is_an_error_with_a_hint() {
    examples_with_checkins()
        .run_with(["report", "--cycle", "2026-Q5"])
        .code(2)
        .stderr_contains("did you mean");
}

// ---- okr review ------------------------------------------------------------------

#[test]
fn review_lists_the_objectives_of_the_last_ended_cycle_without_a_review() {
    let okr = examples_with_checkins().today("2027-01-10");
    let run = okr.run_with(["review", "--format", "json"]);
    run.code(0);
    let view = run.json();
    assert_eq!(view["cycle"], "2026-Q4");
    assert_eq!(view["ended"], true);
    let rows = view["objectives"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["review"] == "missing"), "{rows:?}");
    let text = okr.run_with(["review"]).code(0).stdout.clone();
    assert!(text.contains("still need a review"), "{text}");
    assert!(
        text.contains("okr review --cycle 2026-Q4 --template"),
        "{text}"
    );
}

#[test]
fn review_before_any_cycle_ended_says_so() {
    // Nothing to review is not an error.
    examples_with_checkins()
        .run_with(["review"])
        .code(0)
        .stdout_contains("no cycle with OKR files has ended");
}

#[test]
fn review_template_adds_the_questions_and_keeps_every_other_byte() {
    let okr = examples_with_checkins().today("2027-01-10");
    let before = okr.worktree();
    let head = okr.head();
    let run = okr.run_with(["review", "--template"]);
    run.code(0);
    assert!(run.stdout.contains("Added the review questions"), "{run:?}");
    // Written, not committed: the owners fill it in first.
    assert_eq!(okr.head(), head);
    let after = okr.worktree();
    let mut changed = 0;
    for (path, old) in &before {
        let new = &after[path];
        if old == new {
            continue;
        }
        changed += 1;
        assert!(path.starts_with("okrs/2026-Q4/"), "{path} changed");
        // Only insertions: every old line is still there, in order.
        let old = String::from_utf8(old.clone()).unwrap();
        let new = String::from_utf8(new.clone()).unwrap();
        let mut lines = new.lines();
        for line in old.lines() {
            assert!(
                lines.any(|l| l == line),
                "{path}: `{line}` is gone or moved\n{new}"
            );
        }
        assert!(
            new.contains("    review:\n      goal:       # What was the goal, and why?\n"),
            "{new}"
        );
    }
    assert!(changed >= 5, "only {changed} files changed");
    // Each live objective of 2026-Q4 now has a review without a score: the
    // `review` rule asks for the score, and a second run adds nothing.
    let text = okr.read(COMPANY_Q4);
    assert_eq!(text.matches("\n    review:\n").count(), 3, "{text}");
    let findings = okr.run_with(["check", "--format", "json"]).json();
    let reviews: Vec<&Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["rule"] == "review" && f["file"].as_str().unwrap().starts_with("okrs/2026-Q4/")
        })
        .collect();
    assert!(!reviews.is_empty());
    assert!(
        reviews.iter().all(|f| f["message"]
            .as_str()
            .unwrap()
            .contains("a review without a `score`")),
        "{reviews:?}"
    );
    let again = okr.worktree();
    okr.run_with(["review", "--template"])
        .code(0)
        .stdout_contains("already has a review");
    assert_eq!(okr.worktree(), again);
}

#[test]
fn review_template_keeps_crlf_line_ends() {
    let text = "cycle: 2026-Q3\r\nteam: t\r\nobjectives:\r\n  - id: o\r\n    title: 目标\r\n    key_results:\r\n      - id: k\r\n        title: K\r\n        done: true\r\n";
    let okr = Okr::new()
        .file("okr.yaml", "teams:\r\n  - id: t\r\n")
        .file("okrs/t.yaml", text)
        .today("2026-10-05");
    okr.run_with(["review", "--template"]).code(0);
    let new = okr.read("okrs/t.yaml");
    assert!(new.starts_with(text), "{new:?}");
    assert!(
        !new.replace("\r\n", "").contains('\n'),
        "a bare LF in {new:?}"
    );
    assert!(new.contains("    review:\r\n      goal:"), "{new:?}");
}

// ---- history edge cases, in a small organisation ----------------------------------

const SMALL_CONFIG: &str = "teams:\n  - id: t\n";

/// One objective `o` of team `t` in 2026-Q4 with a numeric key result `a`
/// (0 -> `target`, at `current`), committed on `day`.
fn small(target: u32, current: u32, day: &str) -> Okr {
    let okr = Okr::new()
        .file("okr.yaml", SMALL_CONFIG)
        .file("okrs/t.yaml", small_file(target, current))
        .git_init();
    okr.git(["add", "--all"]);
    okr.git_at(&common::at(day), ["commit", "--quiet", "-m", "OKRs"]);
    okr
}

fn small_file(target: u32, current: u32) -> String {
    format!(
        "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: O\n    key_results:\n      - id: a\n        title: A\n        start: 0\n        target: {target}\n        current: {current}\n"
    )
}

/// Rewrites the file and commits it at `date` (any date git reads).
fn commit_at(okr: &Okr, date: &str, target: u32, current: u32) {
    std::fs::write(okr.root().join("okrs/t.yaml"), small_file(target, current)).unwrap();
    okr.git_at(date, ["commit", "--quiet", "--all", "-m", "change"]);
}

fn kr_points(okr: &Okr, today: &str) -> Vec<(String, f64)> {
    let report = okr
        .run_with(["--today", today, "report", "--format", "json"])
        .code(0)
        .json();
    points(&objective(&report, "o")["key_result_progress"][0]["progress"])
}

#[test]
fn progress_is_in_date_order_when_commits_are_not() {
    let okr = small(10, 1, "2026-09-20T09:00:00+00:00");
    // Committed first, but dated 10-11 in Tokyo; then a commit dated 10-10 in California.
    commit_at(&okr, "2026-10-11T00:30:00+09:00", 10, 8);
    commit_at(&okr, "2026-10-10T09:00:00-07:00", 10, 3);
    assert_points(
        &kr_points(&okr, "2026-11-15"),
        &[
            ("2026-10-01", 0.1),
            ("2026-10-10", 0.3),
            ("2026-10-11", 0.8),
            ("2026-11-15", 0.3),
        ],
    );
}

#[test]
fn a_moved_target_moves_the_line_and_the_start_uses_the_old_target() {
    let okr = small(10, 5, "2026-09-15T09:00:00+00:00");
    commit_at(&okr, &common::at("2026-10-05"), 20, 5);
    commit_at(&okr, &common::at("2026-10-25"), 20, 6);
    assert_points(
        &kr_points(&okr, "2026-11-15"),
        &[
            ("2026-10-01", 0.5),
            ("2026-10-05", 0.25),
            ("2026-10-25", 0.3),
            ("2026-11-15", 0.3),
        ],
    );
}

#[test]
fn final_values_recorded_after_the_end_count_on_its_last_day() {
    let okr = small(10, 2, "2026-09-15T09:00:00+00:00");
    commit_at(&okr, &common::at("2026-11-01"), 10, 5);
    commit_at(&okr, &common::at("2027-01-05"), 10, 9);
    let report = okr
        .run_with([
            "--today",
            "2027-01-10",
            "report",
            "--cycle",
            "2026-Q4",
            "--format",
            "json",
        ])
        .code(0)
        .json();
    let kr = &objective(&report, "o")["key_result_progress"][0];
    assert_points(
        &points(&kr["progress"]),
        &[
            ("2026-10-01", 0.2),
            ("2026-11-01", 0.5),
            ("2026-12-31", 0.9),
        ],
    );
    assert_eq!(kr["last_checkin"], "2027-01-05");
    assert_eq!(kr["checkins"], 2);
    assert_eq!(report["activity"]["checkins"], 2);
    let weeks = report["activity"]["weeks"].as_array().unwrap();
    assert_eq!(weeks.last().unwrap()["checkins"], 1, "{weeks:?}");
    // Seen from a day before the late check-in, the line ends at 0.5.
    assert_points(
        &kr_points(&okr, "2026-12-01"),
        &[
            ("2026-10-01", 0.2),
            ("2026-11-01", 0.5),
            ("2026-12-01", 0.5),
        ],
    );
}

#[test]
fn nothing_before_the_cycle_counts_as_its_last_checkin() {
    let okr = small(10, 2, "2026-09-30T12:00:00+00:00");
    let report = okr
        .run_with(["--today", "2026-11-15", "report", "--format", "json"])
        .code(0)
        .json();
    let kr = &objective(&report, "o")["key_result_progress"][0];
    assert_eq!(kr["last_checkin"], Value::Null);
    assert_eq!(kr["checkins"], 0);
    assert_eq!(report["teams"][0]["last_checkin"], Value::Null);
    assert_points(
        &points(&kr["progress"]),
        &[("2026-10-01", 0.2), ("2026-11-15", 0.2)],
    );
}

#[test]
fn markdown_escapes_markup_in_titles_and_html_escapes_it_too() {
    let okr = Okr::new()
        .file("okr.yaml", "teams:\n  - id: t\n    name: \"<b>Team</b> | *one*\"\n")
        .file(
            "okrs/t.yaml",
            "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: \"Migrate to <Stripe> & `pay` | [now]\"\n    key_results:\n      - id: a\n        title: A_b\n        done: false\n",
        )
        .today("2026-11-15");
    let md = okr.run_with(["report"]).code(0).stdout.clone();
    assert!(
        md.contains("#### Migrate to \\<Stripe\\> \\& \\`pay\\` \\| \\[now\\] `o`"),
        "{md}"
    );
    assert!(md.contains("\\<b\\>Team\\</b\\> \\| \\*one\\*"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("<Stripe>"), "{md}");
    let html = okr
        .run_with(["report", "--format", "html"])
        .code(0)
        .stdout
        .clone();
    assert!(html.contains("Migrate to &lt;Stripe&gt; &amp; `pay` | [now]"));
    assert!(!html.contains("<Stripe>") && !html.contains("<b>Team"));
}

#[test]
fn a_dropped_objective_is_not_counted_among_the_reviews() {
    let okr = Okr::new()
        .file("okr.yaml", SMALL_CONFIG)
        .file(
            "okrs/t.yaml",
            "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: O\n    key_results:\n      - id: a\n        title: A\n        done: true\n    review:\n      lessons: L\n  - id: gone\n    title: Gone\n    status: dropped\n    key_results:\n      - id: a\n        title: A\n        done: false\n    review:\n      score: 0.1\n      lessons: dropped lesson\n",
        )
        .today("2027-01-10");
    let html = okr
        .run_with(["report", "--cycle", "2026-Q4", "--format", "html"])
        .code(0)
        .stdout
        .clone();
    assert!(
        html.contains("<p>1 of 1 objectives reviewed.</p>"),
        "{html}"
    );
    assert!(!html.contains("dropped lesson"));
    let md = okr
        .run_with(["report", "--cycle", "2026-Q4"])
        .code(0)
        .stdout
        .clone();
    assert!(!md.contains("dropped lesson"), "{md}");
}

#[test]
fn review_template_fills_an_empty_review_and_goes_on_past_a_file_it_cannot_edit() {
    let okr = Okr::new()
        .file("okr.yaml", "teams:\n  - id: t\n  - id: u\n  - id: v\n")
        .file(
            "okrs/t.yaml",
            "cycle: 2026-Q4\nteam: t\nobjectives:\n  - id: o\n    title: O\n    key_results:\n      - id: a\n        title: A\n        done: true\n    review:\n",
        )
        .file(
            "okrs/u.yaml",
            "cycle: 2026-Q4\nteam: u\nobjectives:\n  - id: p\n    title: P\n    key_results:\n      - id: a\n        title: A\n        done: true\n    review: null # to do\n",
        )
        .file(
            "okrs/v.yaml",
            "%YAML 1.2\n---\ncycle: 2026-Q4\nteam: v\nobjectives:\n  - id: q\n    title: Q\n    key_results:\n      - id: a\n        title: A\n        done: true\n",
        )
        .today("2027-01-10");
    let v_before = okr.read("okrs/v.yaml");
    let run = okr.run_with(["review", "--template"]);
    run.code(1)
        .stderr_contains("cannot add a review to `q` in okrs/v.yaml");
    let t = okr.read("okrs/t.yaml");
    assert!(t.contains("    review:\n      goal:"), "{t}");
    let u = okr.read("okrs/u.yaml");
    assert!(u.contains("goal:"), "{u}");
    assert!(
        !u.contains("null # to do") || !u.contains("review: null"),
        "{u}"
    );
    assert_eq!(okr.read("okrs/v.yaml"), v_before);
    // Both now have a review without a score.
    let view = okr.run_with(["review", "--format", "json"]).code(0).json();
    let states: Vec<(&str, &str)> = view["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["review"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [("o", "no-score"), ("p", "no-score"), ("q", "missing")]
    );
}

/// The texts of the `<text>` elements of an SVG (what shows without hovering).
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].to_owned())
        })
        .collect()
}

#[test]
fn the_weekly_check_in_bars_show_each_week_and_its_count() {
    let okr = examples_with_checkins();
    let report = okr.run_with(["report", "--format", "json"]).code(0).json();
    let html = okr
        .run_with(["report", "--format", "html"])
        .code(0)
        .stdout
        .clone();
    let at = html.find("<svg class=\"bars\"").expect("the weekly bars");
    let svg = &html[at..at + html[at..].find("</svg>").expect("the end of the bars")];
    let texts = svg_texts(svg);
    let weeks = report["activity"]["weeks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 7);
    for w in weeks {
        let start = w["start"].as_str().unwrap();
        // `10-15` for the week from 2026-10-15.
        assert!(
            texts.iter().any(|t| t == &start[5..]),
            "no label {} in {texts:?}",
            &start[5..]
        );
    }
    // The counts show too: two check-ins in the week of 10-15.
    assert!(texts.iter().any(|t| t == "2"), "{texts:?}");
}
