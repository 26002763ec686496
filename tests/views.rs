//! End-to-end tests of the views: `status`, `status --by team`, `show`, `tree`, `board`.

mod common;

use common::{Okr, age};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// Runs okr on a copy of the example organisation on `today`; asserts exit 0.
fn okr(today: &str, args: &[&str]) -> String {
    okr_with(today, args, None)
}

fn okr_with(today: &str, args: &[&str], columns: Option<&str>) -> String {
    let mut okr = Okr::new().examples().today(today).args(args);
    if let Some(c) = columns {
        okr = okr.env("COLUMNS", c);
    }
    let run = okr.run();
    run.code(0);
    run.stdout
}

fn json(today: &str, args: &[&str]) -> Value {
    serde_json::from_str(&okr(today, args)).unwrap()
}

fn objective<'a>(status: &'a Value, id: &str) -> &'a Value {
    status["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap()
}

/// Equal at the four decimals JSON writes computed numbers with.
fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() <= 5e-5
}

// plat-fast-translate: p95 800 -> 300 ms at 520: (520 - 800) / (300 - 800) = 0.56;
// cache hit 35 -> 80 % at 62: 27 / 45 = 0.6; objective (0.56 + 0.6) / 2 = 0.58.
// plat-holiday-ready: keep_above met 1 (w 1), milestone done 1 (w 1), milestone open 0
// (w 0.5): (1 + 1 + 0) / 2.5 = 0.8. 2026-Q4 runs 2026-10-01..2026-12-31, 91 days apart.

#[test]
fn status_numbers_during_the_cycle() {
    let s = json("2026-11-15", &["status", "--format", "json"]);
    assert_eq!(s["today"], "2026-11-15");
    assert_eq!(s["cycle"], "2026-Q4");
    let fast = objective(&s, "plat-fast-translate");
    assert!(close(&fast["score"], 0.58));
    assert!(close(&fast["expected"], 45.0 / 91.0));
    assert_eq!(fast["health"], "on-track");
    assert_eq!(fast["team"], "platform");
    assert_eq!(fast["person"], Value::Null);
    let krs = fast["key_results"].as_array().unwrap();
    assert_eq!(krs[0]["ref"], "plat-fast-translate/p95-latency");
    assert!(close(&krs[0]["score"], 0.56));
    assert!(close(&krs[1]["score"], 0.6));
    assert!(close(&krs[0]["confidence"], 0.6));
    assert_eq!(krs[1]["confidence"], Value::Null);
    assert_eq!(krs[1]["unit"], "%");
    let ready = objective(&s, "plat-holiday-ready");
    assert!(close(&ready["score"], 0.8));
    assert_eq!(ready["key_results"][2]["due"], "2026-12-01");
    assert_eq!(ready["key_results"][2]["done"], false);
}

#[test]
fn status_numbers_before_and_after_the_cycle() {
    let before = json(
        "2026-09-15",
        &["status", "--cycle", "2026-Q4", "--format", "json"],
    );
    let fast = objective(&before, "plat-fast-translate");
    assert!(close(&fast["expected"], 0.0));
    assert_eq!(fast["health"], "planned");

    let after = json(
        "2027-01-10",
        &["status", "--cycle", "2026-Q4", "--format", "json"],
    );
    let fast = objective(&after, "plat-fast-translate");
    assert!(close(&fast["expected"], 1.0));
    // 0.58 >= 0.5 x 1 but < 0.8 x 1.
    assert_eq!(fast["health"], "at-risk");
    assert_eq!(
        objective(&after, "plat-holiday-ready")["health"],
        "on-track"
    );
}

#[test]
fn default_cycle_is_the_shortest_running_one() {
    // 2026 and 2026-Q4 both contain 2026-11-15: the quarter is shorter.
    assert_eq!(
        json("2026-11-15", &["status", "--format", "json"])["cycle"],
        "2026-Q4"
    );
    assert_eq!(
        json(
            "2026-11-15",
            &["status", "--cycle", "2026", "--format", "json"]
        )["cycle"],
        "2026"
    );
}

#[test]
fn status_by_team_rolls_up() {
    let s = json(
        "2026-11-15",
        &["status", "--by", "team", "--format", "json"],
    );
    let teams = s["teams"].as_array().unwrap();
    let platform = teams.iter().find(|t| t["team"] == "platform").unwrap();
    assert_eq!(platform["objectives"], 2);
    assert!(close(&platform["score"], (0.58 + 0.8) / 2.0));
    assert_eq!(platform["health"], "on-track");
    assert!(platform.get("last_checkin").is_some());
    assert_eq!(teams[0]["team"], "company");
}

#[test]
fn filters() {
    let s = json(
        "2026-11-15",
        &["status", "--team", "platform", "--format", "json"],
    );
    let ids: Vec<&str> = s["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["plat-fast-translate", "plat-holiday-ready"]);
    let s = json(
        "2026-11-15",
        &["status", "--person", "zhang.san", "--format", "json"],
    );
    assert_eq!(s["objectives"][0]["person"], "zhang.san");
    assert_eq!(s["objectives"].as_array().unwrap().len(), 1);
}

#[test]
fn tables_align_with_cjk_titles() {
    for columns in ["200", "80"] {
        let text = okr_with("2026-11-15", &["status"], Some(columns));
        let table: Vec<&str> = text.lines().skip(1).collect();
        assert!(table.iter().any(|l| l.contains("使巴别鸟")), "{text}");
        let width = table[0].width();
        for line in &table {
            assert_eq!(
                line.width(),
                width,
                "misaligned line at COLUMNS={columns}: {line}"
            );
        }
        assert!(
            width <= columns.parse().unwrap(),
            "table wider than {columns}: {width}"
        );
    }
}

#[test]
fn text_views_snapshots() {
    insta::assert_snapshot!(
        "status",
        okr("2026-11-15", &["status", "--team", "platform"])
    );
    insta::assert_snapshot!(
        "status_by_team",
        okr("2026-11-15", &["status", "--by", "team"])
    );
    insta::assert_snapshot!("tree", okr("2026-11-15", &["tree"]));
    insta::assert_snapshot!("show", okr("2026-11-15", &["show", "plat-fast-translate"]));
    insta::assert_snapshot!("board", okr("2026-11-15", &["board", "--team", "platform"]));
}

#[test]
fn tree_json_has_roots_children_and_key_result_refs() {
    let t = json("2026-11-15", &["tree", "--format", "json"]);
    assert_eq!(t["cycle"], "2026-Q4");
    let roots = t["roots"].as_array().unwrap();
    let reliability = roots.iter().find(|r| r["id"] == "q4-reliability").unwrap();
    let availability = reliability["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ref"] == "q4-reliability/availability")
        .unwrap();
    assert_eq!(availability["children"][0]["id"], "plat-holiday-ready");
    assert!(close(&availability["children"][0]["score"], 0.8));
}

#[test]
fn show_key_result_and_unknown_ref() {
    let s = json(
        "2026-11-15",
        &["show", "plat-fast-translate/cache-hit", "--format", "json"],
    );
    assert_eq!(s["key_result"]["ref"], "plat-fast-translate/cache-hit");
    assert!(close(&s["key_result"]["score"], 0.6));
    assert_eq!(s["chain"][0]["ref"], "eng-weekly-release");
    assert_eq!(s["initiatives"][0]["title"], "译文分段缓存");

    Okr::new()
        .examples()
        .today("2026-11-15")
        .args(["show", "plat-fast-translat"])
        .run()
        .code(2)
        .stderr_contains("did you mean `plat-fast-translate`");
}

#[test]
fn model_cache_follows_edits() {
    let okr = Okr::new()
        .examples()
        .today("2026-11-15")
        .args(["status", "--team", "platform", "--format", "json"]);
    let root = okr.root();
    git2::Repository::init(&root).unwrap();
    age(&root.join("okrs"), std::time::Duration::from_secs(3600));
    std::fs::File::options()
        .append(true)
        .open(root.join("okr.yaml"))
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();

    let first = okr.run();
    first.code(0);
    assert!(close(&first.json()["objectives"][0]["score"], 0.58));
    let cache = root.join(".git/okr/model-cache.json");
    assert!(cache.is_file(), "no model cache written");

    // Unchanged files are read from the cache: a value planted there shows.
    let planted = std::fs::read_to_string(&cache)
        .unwrap()
        .replace("\"current\":520.0", "\"current\":300.0");
    assert!(
        planted.contains("\"current\":300.0"),
        "cache format changed"
    );
    std::fs::write(&cache, planted).unwrap();
    let cached = okr.run();
    // (300 - 800) / (300 - 800) = 1; (1 + 0.6) / 2 = 0.8.
    assert!(
        close(&cached.json()["objectives"][0]["score"], 0.8),
        "{cached:?}"
    );

    // Same size, older time stamp than now but different from the cached one.
    let file = root.join("okrs/2026-Q4/engineering/platform.yaml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("current: 520", "current: 420");
    std::fs::write(&file, text).unwrap();
    age(
        &root.join("okrs/2026-Q4/engineering"),
        std::time::Duration::from_secs(1800),
    );

    let second = okr.run();
    second.code(0);
    // (420 - 800) / (300 - 800) = 0.76; (0.76 + 0.6) / 2 = 0.68.
    assert!(
        close(&second.json()["objectives"][0]["score"], 0.68),
        "{second:?}"
    );

    // A new file is seen too.
    std::fs::copy(
        &file,
        root.join("okrs/2026-Q4/engineering/platform-copy.yaml"),
    )
    .unwrap();
    let third = okr.run();
    assert_eq!(third.json()["objectives"].as_array().unwrap().len(), 4);
}

#[test]
fn model_cache_notices_a_rewrite_that_keeps_size_and_time_stamp() {
    let okr = Okr::new()
        .examples()
        .today("2026-11-15")
        .args(["status", "--team", "platform", "--format", "json"]);
    let root = okr.root();
    git2::Repository::init(&root).unwrap();
    age(&root, std::time::Duration::from_secs(3600));
    let first = okr.run();
    first.code(0);
    assert!(close(&first.json()["objectives"][0]["score"], 0.58));
    assert!(root.join(".git/okr/model-cache.json").is_file());

    // The same size and modification time (as a tool that restores time
    // stamps leaves it): only the change time tells.
    let file = root.join("okrs/2026-Q4/engineering/platform.yaml");
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("current: 520", "current: 420");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, text).unwrap();
    std::fs::File::options()
        .append(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let second = okr.run();
    second.code(0);
    // (420 - 800) / (300 - 800) = 0.76; (0.76 + 0.6) / 2 = 0.68.
    assert!(
        close(&second.json()["objectives"][0]["score"], 0.68),
        "{second:?}"
    );
}

#[test]
fn a_file_that_does_not_parse_is_named_from_the_model_cache_too() {
    let okr = Okr::new()
        .examples()
        .today("2026-11-15")
        .file(
            "okrs/2026-Q4/lost.yaml",
            "cycle: 2026-Q4\nteam: platform\nobjectives:\n  - id: lost\n    title: [unclosed\n",
        )
        .args(["show", "lost"]);
    let root = okr.root();
    git2::Repository::init(&root).unwrap();
    age(&root, std::time::Duration::from_secs(3600));
    let from_files = okr.run();
    from_files.code(2).stderr_contains(
        "objective `lost` is in okrs/2026-Q4/lost.yaml, which cannot be parsed (line ",
    );
    assert!(root.join(".git/okr/model-cache.json").is_file());
    let from_cache = okr.run();
    assert_eq!(from_cache.stderr, from_files.stderr);
}

// --- numbers at their boundaries -------------------------------------------------------

/// `tests/fixtures/views/boundary`: one company objective whose key results
/// score 0.4 (`grow/signups`, 4 of 0 -> 10, `target` on line 12), 1 (the
/// milestone `grow/launch`, due 2026-11-01) and 1 (`grow/errors`, below 1).
fn boundary_org() -> Okr {
    Okr::new().fixture("views/boundary")
}

#[test]
fn health_on_the_last_day_judges_the_score_the_table_shows() {
    // On the last day expected progress is 1; 0.80 is 0.8 x 1: on track.
    let okr = boundary_org().today("2026-12-31");
    let status = okr.run_with(["status", "--format", "json"]);
    let json = status.code(0).json();
    let grow = objective(&json, "grow");
    assert_eq!(grow["score"], 0.8, "{grow:#}");
    assert_eq!(grow["health"], "on-track", "{grow:#}");
    let text = okr.run_with(["status"]);
    let row = text
        .code(0)
        .stdout
        .lines()
        .find(|l| l.contains("Grow"))
        .unwrap_or_default()
        .to_owned();
    assert!(
        row.contains("0.80") && row.contains("on-track"),
        "{row}\n{text:?}"
    );
    let by_team = okr.run_with(["status", "--by", "team", "--format", "json"]);
    assert_eq!(by_team.code(0).json()["teams"][0]["health"], "on-track");
    let show = okr.run_with(["show", "grow", "--format", "json"]);
    assert_eq!(show.code(0).json()["objective"]["health"], "on-track");
}

/// Every number in a JSON document, as JSON writes it.
fn numbers(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| numbers(v, out)),
        Value::Object(map) => map.values().for_each(|v| numbers(v, out)),
        _ => {}
    }
}

#[test]
fn json_outputs_write_computed_numbers_with_at_most_four_decimals() {
    // Scores of 1/3 and 0.7999999999999999, expected progress 45/91, a team
    // mean, history and diff scores: none may show float noise.
    let okr = boundary_org()
        .replace(
            "okrs/2026-Q4/company.yaml",
            "        current: 4\n",
            "        current: 4\n      - id: thirds\n        title: Thirds\n        start: 0\n        target: 3\n        current: 1\n",
        )
        .git_init();
    okr.git(["add", "--all"]);
    okr.git_at(
        &common::at("2026-10-01"),
        ["commit", "--quiet", "-m", "start"],
    );
    okr.run_at(&common::at("2026-10-20"), ["checkin", "grow/thirds", "2"])
        .code(0);
    okr.run_with(["checkin", "grow/signups", "7", "--no-commit"])
        .code(0);
    for args in [
        &["status", "--format", "json"][..],
        &["status", "--by", "team", "--format", "json"],
        &["show", "grow", "--format", "json"],
        &["show", "grow/thirds", "--format", "json"],
        &["tree", "--format", "json"],
        &["history", "--format", "json"],
        &["diff", "HEAD", "--format", "json"],
        &["report", "--format", "json"],
        &["review", "--cycle", "2026-Q4", "--format", "json"],
    ] {
        let run = okr.run_with(args);
        let mut found = Vec::new();
        numbers(&run.code(0).json(), &mut found);
        assert!(!found.is_empty(), "{run:?}");
        for n in found {
            let decimals = n.split_once('.').map_or(0, |(_, f)| f.len());
            assert!(
                decimals <= 4 && !n.contains('e'),
                "okr {args:?} writes {n}\n{run:?}"
            );
        }
    }
}

// --- overdue milestones -----------------------------------------------------------------

#[test]
fn an_open_milestone_past_its_due_date_is_overdue_in_status_and_show() {
    // grow/launch: due 2026-11-01, not done; today is 2026-11-15.
    let okr = boundary_org().replace(
        "okrs/2026-Q4/company.yaml",
        "        done: true\n",
        "        done: false\n",
    );
    let status = okr.run_with(["status", "--format", "json"]).code(0).json();
    let krs = &objective(&status, "grow")["key_results"];
    assert_eq!(krs[1]["ref"], "grow/launch");
    assert_eq!(krs[1]["overdue"], true, "{krs:#}");
    assert_eq!(krs[0]["overdue"], false, "a number is never overdue");
    let text = okr.run_with(["status"]).code(0).stdout.clone();
    let launch = text.lines().find(|l| l.contains("Launch")).unwrap();
    assert!(launch.contains("overdue (due 2026-11-01)"), "{text}");

    let show = okr.run_with(["show", "grow/launch", "--format", "json"]);
    assert_eq!(show.code(0).json()["key_result"]["overdue"], true);
    let text = okr.run_with(["show", "grow/launch"]).code(0).stdout.clone();
    assert!(text.contains("overdue (due 2026-11-01)"), "{text}");
    let text = okr.run_with(["show", "grow"]).code(0).stdout.clone();
    assert!(text.contains("overdue (due 2026-11-01)"), "{text}");

    // On its due day it is not overdue yet; once done it never is.
    let on_the_day = okr.run_with_env(
        &[("OKR_TODAY", "2026-11-01")],
        ["status", "--format", "json"],
    );
    assert_eq!(
        objective(&on_the_day.code(0).json(), "grow")["key_results"][1]["overdue"],
        false
    );
    let done = boundary_org().run_with(["status", "--format", "json"]);
    assert_eq!(
        objective(&done.code(0).json(), "grow")["key_results"][1]["overdue"],
        false
    );
}

// --- narrow terminals -------------------------------------------------------------------

#[test]
fn narrow_status_tables_shorten_titles_and_keep_ids_dates_and_indentation() {
    let ids: Vec<String> = json("2026-11-15", &["status", "--format", "json"])["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    for columns in [80, 60] {
        let text = okr_with("2026-11-15", &["status"], Some(&columns.to_string()));
        let table: Vec<&str> = text.lines().skip(1).collect();
        let width = table[0].width();
        assert!(width <= columns, "wider than {columns}:\n{text}");
        for line in &table {
            assert_eq!(
                line.width(),
                width,
                "misaligned at {columns}: {line}\n{text}"
            );
        }
        for id in &ids {
            assert!(
                text.contains(id.as_str()),
                "{id} split at {columns}:\n{text}"
            );
        }
        for date in ["2026-11-30", "2026-12-15"] {
            assert!(text.contains(date), "{date} split at {columns}:\n{text}");
        }
        // Objectives start at the cell's edge, key results two spaces in; long
        // titles end in `…` rather than wrap.
        for start in [
            "│ 使巴别鸟",
            "│   Visitor-to-",
            "│   签约 12",
            "│ Close the",
        ] {
            assert!(text.contains(start), "no {start:?} at {columns}:\n{text}");
        }
        assert!(
            text.contains('…'),
            "no title shortened at {columns}:\n{text}"
        );
    }
}
