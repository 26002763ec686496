//! End-to-end tests of check-ins that record "looked at it, unchanged"
//! (`okr checkin REF --same`, or the value it already has): an empty commit
//! with the `OKR-Key-Result:` and `OKR-Value:` trailers that `stale`,
//! `nudge`, `status --by team`, `history` and the report count as a check-in;
//! and of `--today` cutting history at its day.

mod common;

use common::{Finding, Okr, Run, at, commit_all, examples_committed_on};
use serde_json::Value;

const COMPANY_Q4: &str = "okrs/2026-Q4/company.yaml";
const CONTRACTS: &str = "q4-enterprise/contracts";
const RETAINED: &str = "q4-retention/visitor-to-retained";

/// `okr check --format json` on the repository's today.
#[track_caller]
fn check(okr: &Okr) -> Vec<Finding> {
    let run = okr.run_with(["check", "--format", "json"]);
    run.no_crash();
    run.findings()
}

/// The stale findings' messages that name `reference`.
fn stale_about<'a>(findings: &'a [Finding], reference: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.rule == "stale" && f.message.contains(&format!("`{reference}`")))
        .collect()
}

/// Runs `okr ARGS` as if on `day` (commits dated then), asserting exit 0.
#[track_caller]
fn run_on(okr: &Okr, day: &str, args: &[&str]) -> Run {
    let run = okr.run_at(&at(day), args.iter().copied());
    run.code(0);
    run
}

/// The check-ins of `okr history REF --format json`: (date, old, new).
fn history(okr: &Okr, args: &[&str]) -> Vec<(String, Value, Value)> {
    let mut all = vec!["history", "--format", "json"];
    all.extend_from_slice(args);
    let run = okr.run_with(all);
    run.code(0);
    run.json()["checkins"]
        .as_array()
        .expect("checkins")
        .iter()
        .map(|c| {
            (
                c["date"].as_str().expect("date").to_owned(),
                c["old"].clone(),
                c["new"].clone(),
            )
        })
        .collect()
}

/// `okr nudge --format json`: (ref, since) of every listed key result.
fn nudged(okr: &Okr) -> Vec<(String, String)> {
    let run = okr.run_with(["nudge", "--format", "json"]);
    run.code(0);
    let mut out = Vec::new();
    for owner in run.json()["owners"].as_array().expect("owners") {
        for kr in owner["key_results"].as_array().expect("key results") {
            out.push((
                kr["ref"].as_str().expect("ref").to_owned(),
                kr["since"].as_str().expect("since").to_owned(),
            ));
        }
    }
    out
}

/// The company team's last check-in in `okr status --by team --format json`.
fn company_last_checkin(okr: &Okr) -> Value {
    let run = okr.run_with(["status", "--by", "team", "--format", "json"]);
    run.code(0);
    run.json()["teams"]
        .as_array()
        .expect("teams")
        .iter()
        .find(|t| t["team"] == "company")
        .expect("the company team")["last_checkin"]
        .clone()
}

#[test]
fn checkin_same_records_an_empty_commit_that_clears_stale() {
    // Committed when 2026-Q4 began; on 2026-11-15 every value is 45 days old.
    let okr = examples_committed_on("2026-10-01");
    let before = check(&okr);
    let hint = &stale_about(&before, CONTRACTS)[0].message;
    assert!(
        hint.contains(&format!("okr checkin {CONTRACTS} --same")),
        "the hint names a command that clears it: {hint}"
    );
    assert_eq!(company_last_checkin(&okr), "2026-10-01");

    let head = okr.head();
    let run = run_on(
        &okr,
        "2026-11-10",
        &[
            "checkin",
            CONTRACTS,
            "--same",
            "-m",
            "no new deals this week",
        ],
    );
    assert!(run.stdout.contains(CONTRACTS), "{run:?}");
    assert_ne!(okr.head(), head, "it commits");
    assert_eq!(
        okr.git(["diff", "--stat", "HEAD~1", "HEAD"]),
        "",
        "an empty commit"
    );
    let message = okr.git(["log", "-1", "--format=%B"]);
    assert!(
        message.contains(&format!("OKR-Key-Result: {CONTRACTS}\n"))
            && message.contains("OKR-Value: 5\n")
            && message.contains("no new deals this week"),
        "{message}"
    );
    assert_eq!(okr.git(["status", "--porcelain"]), "");

    // The run before remembered the trailers it read; this one reads the new commit.
    let after = check(&okr);
    assert!(stale_about(&after, CONTRACTS).is_empty(), "{after:#?}");
    let cache = okr.root().join(".git/okr/values-cache");
    std::fs::remove_file(cache).expect("a values cache");
    assert_eq!(check(&okr), after, "the same without what stale remembers");
    assert!(
        !stale_about(&after, RETAINED).is_empty(),
        "others stay stale"
    );
    assert_eq!(
        history(&okr, &[CONTRACTS]),
        [
            ("2026-10-01".to_owned(), Value::Null, 5.0.into()),
            ("2026-11-10".to_owned(), 5.0.into(), 5.0.into()),
        ]
    );
    assert_eq!(company_last_checkin(&okr), "2026-11-10");
    assert!(!nudged(&okr).iter().any(|(r, _)| r == CONTRACTS));

    let report = okr.run_with(["report", "--format", "json"]);
    report.code(0);
    let report = report.json();
    assert_eq!(report["activity"]["checkins"], 1, "{}", report["activity"]);
    assert!(
        !report["stale"]
            .as_array()
            .expect("stale")
            .iter()
            .any(|s| s["ref"] == CONTRACTS)
    );
}

#[test]
fn checkin_with_the_value_it_already_has_records_a_checkin_too() {
    let okr = examples_committed_on("2026-10-01");
    let head = okr.head();
    let run = run_on(&okr, "2026-11-12", &["checkin", RETAINED, "3.9"]);
    assert!(!run.stdout.contains("nothing to change"), "{run:?}");
    assert_ne!(okr.head(), head, "it commits");
    assert_eq!(okr.git(["diff", "--stat", "HEAD~1", "HEAD"]), "");
    let message = okr.git(["log", "-1", "--format=%B"]);
    assert!(message.contains("OKR-Value: 3.9\n"), "{message}");
    assert!(stale_about(&check(&okr), RETAINED).is_empty());
    assert_eq!(
        history(&okr, &[RETAINED]).last().cloned(),
        Some(("2026-11-12".to_owned(), 3.9.into(), 3.9.into()))
    );

    // --same takes no value; a key result without one cannot be confirmed.
    okr.run_with(["checkin", RETAINED, "4", "--same"]).code(2);
    // --no-commit has nothing to write when nothing changes.
    let head = okr.head();
    let run = okr.run_with(["checkin", RETAINED, "--same", "--no-commit"]);
    run.code(0);
    assert_eq!(okr.head(), head);
    assert!(run.stdout.contains("not recorded"), "{run:?}");
}

#[test]
fn a_hand_edited_commit_that_changes_no_value_is_still_no_checkin() {
    let okr = examples_committed_on("2026-10-01");
    let okr = okr.replace(
        COMPANY_Q4,
        "        current: 5\n",
        "        current: 5   # no news\n",
    );
    commit_all(&okr, "2026-11-10", "Wang Fang", "a comment");
    assert_eq!(history(&okr, &[CONTRACTS]).len(), 1);
    assert!(!stale_about(&check(&okr), CONTRACTS).is_empty());
}

#[test]
fn nudge_gives_the_day_of_the_last_change_or_checkin() {
    let okr = examples_committed_on("2026-09-20");
    // A value changed by hand before the window (2026-11-01 on 2026-11-15).
    let okr = okr.replace(COMPANY_Q4, "        current: 5\n", "        current: 6\n");
    commit_all(&okr, "2026-10-10", "Wang Fang", "contracts: 6");
    // Confirmed unchanged before the window too.
    run_on(&okr, "2026-10-20", &["checkin", RETAINED, "--same"]);
    let nudged = nudged(&okr);
    let since = |r: &str| {
        nudged
            .iter()
            .find(|(x, _)| x == r)
            .unwrap_or_else(|| panic!("{r} is stale: {nudged:?}"))
            .1
            .clone()
    };
    assert_eq!(since(CONTRACTS), "2026-10-10");
    assert_eq!(since(RETAINED), "2026-10-20");
    // Unchanged since the first commit.
    assert_eq!(since("q4-enterprise/soc2-audit"), "2026-09-20");
    let text = okr.run_with(["nudge"]);
    text.code(0)
        .stdout_contains("since 2026-10-10")
        .stdout_contains("okr checkin");
}

#[test]
fn a_checkin_of_no_change_counts_where_history_is_read_from_the_cycle_start() {
    // Committed before 2026-Q4 began: the walks of `status --by team` and the
    // report, which start at the cycle, read no version of the file.
    let okr = examples_committed_on("2026-09-20");
    run_on(&okr, "2026-11-10", &["checkin", CONTRACTS, "--same"]);
    assert_eq!(company_last_checkin(&okr), "2026-11-10");
    let report = okr.run_with(["report", "--format", "json"]);
    report.code(0);
    let report = report.json();
    assert_eq!(report["activity"]["checkins"], 1, "{}", report["activity"]);
    let contracts = report["objectives"]
        .as_array()
        .expect("objectives")
        .iter()
        .flat_map(|o| o["key_result_progress"].as_array().expect("progress"))
        .find(|k| k["ref"] == CONTRACTS)
        .expect("contracts")
        .clone();
    assert_eq!(contracts["last_checkin"], "2026-11-10", "{contracts}");
}

// --- --today cuts history at its day ---------------------------------------------

/// The examples committed when 2026-Q4 began, contracts checked in (5 -> 6) on
/// 2026-11-10 and visitor-to-retained confirmed on 2026-11-12.
fn checked_in_on_the_10th() -> Okr {
    let okr = examples_committed_on("2026-10-01");
    run_on(&okr, "2026-11-10", &["checkin", CONTRACTS, "6"]);
    run_on(&okr, "2026-11-12", &["checkin", RETAINED, "--same"]);
    okr
}

#[test]
fn a_checkin_after_today_is_not_the_last_checkin() {
    let okr = checked_in_on_the_10th();
    // After both check-ins, they count.
    assert_eq!(company_last_checkin(&okr), "2026-11-12");
    let okr = okr.today("2026-11-08");
    assert_eq!(company_last_checkin(&okr), "2026-10-01");

    let show = okr.run_with(["show", CONTRACTS, "--format", "json"]);
    show.code(0);
    let dates: Vec<String> = show.json()["checkins"]
        .as_array()
        .expect("checkins")
        .iter()
        .map(|c| c["date"].as_str().expect("date").to_owned())
        .collect();
    assert_eq!(dates, ["2026-10-01"], "{show:?}");

    let report = okr.run_with(["report", "--format", "json"]);
    report.code(0);
    let report = report.json();
    assert_eq!(report["activity"]["checkins"], 0, "{}", report["activity"]);
}

#[test]
fn stale_and_nudge_see_the_values_as_they_were_on_today() {
    let okr = checked_in_on_the_10th();
    // On 2026-11-20 (window from 2026-11-06) both were checked in.
    let okr = okr.today("2026-11-20");
    let findings = check(&okr);
    assert!(
        stale_about(&findings, CONTRACTS).is_empty(),
        "{findings:#?}"
    );
    assert!(stale_about(&findings, RETAINED).is_empty(), "{findings:#?}");

    // On 2026-11-08 (window from 2026-10-25) neither check-in had happened.
    let okr = okr.today("2026-11-08");
    let findings = check(&okr);
    let contracts = stale_about(&findings, CONTRACTS);
    assert_eq!(contracts.len(), 1, "{findings:#?}");
    assert!(
        contracts[0].message.contains("it was 5 on"),
        "the value on that day: {:?}",
        contracts[0]
    );
    assert_eq!(stale_about(&findings, RETAINED).len(), 1, "{findings:#?}");
    let run = okr.run_with(["nudge", "--format", "json"]);
    run.code(0);
    let json = run.json();
    let listed: Vec<&Value> = json["owners"]
        .as_array()
        .expect("owners")
        .iter()
        .flat_map(|o| o["key_results"].as_array().expect("key results"))
        .filter(|k| k["ref"] == CONTRACTS)
        .collect();
    assert_eq!(listed.len(), 1, "{json}");
    assert_eq!(listed[0]["value"], 5.0);
    assert_eq!(listed[0]["since"], "2026-10-01");
}

// --- --since and --until take git's forms ---------------------------------------

/// The check-ins of contracts: introduced on 2026-10-01, then 6 on 2026-11-01,
/// 7 on 2026-11-10 and 8 on 2026-11-14, each at 09:00 UTC.
fn contracts_checked_in() -> Okr {
    let okr = examples_committed_on("2026-10-01");
    for (day, value) in [
        ("2026-11-01", "6"),
        ("2026-11-10", "7"),
        ("2026-11-14", "8"),
    ] {
        run_on(&okr, day, &["checkin", CONTRACTS, value]);
    }
    okr
}

/// The days of contracts' check-ins that `okr history` lists with `args`.
fn days(okr: &Okr, args: &[&str]) -> Vec<String> {
    let mut all = vec![CONTRACTS];
    all.extend_from_slice(args);
    history(okr, &all).into_iter().map(|(d, ..)| d).collect()
}

#[test]
fn since_and_until_take_the_forms_git_log_takes() {
    let okr = contracts_checked_in();
    let all = ["2026-10-01", "2026-11-01", "2026-11-10", "2026-11-14"];
    assert_eq!(days(&okr, &[]), all);
    for (args, want) in [
        (&["--since", "2 weeks ago"][..], &all[1..]),
        (&["--since", "yesterday"][..], &all[3..]),
        (&["--since", "2026-11-10"][..], &all[2..]),
        (&["--until", "2026-11-10"][..], &all[..3]),
        (&["--since", "2026-11-10 12:00"][..], &all[3..]),
        (&["--until", "2026-11-10 08:00"][..], &all[..2]),
        (
            &["--since", "5 days ago", "--until", "today"][..],
            &all[2..],
        ),
    ] {
        assert_eq!(days(&okr, args), want, "{args:?}");
    }
    // Counted from --today; `okr history` lists what git holds, later or not.
    let earlier = okr.today("2026-11-11");
    assert_eq!(days(&earlier, &["--since", "yesterday"]), &all[2..]);
    assert_eq!(days(&earlier, &["--until", "today"]), &all[..3]);
    assert_eq!(days(&earlier, &[]), all);

    let run = earlier.run_with(["history", "--since", "the day before the launch"]);
    run.code(2)
        .stderr_contains("--since `the day before the launch`")
        .stderr_contains("2 weeks ago");
}
