//! End-to-end tests of what okr reads from git history: `okr history`
//! (SPEC sections 7 and 8), the `stale` and `target-moved` rules of
//! `okr check` (section 6), and odd repositories (section 9): no git, no
//! commits, a shallow clone, a detached HEAD, a linked worktree, merges.
//!
//! Every repository is made with the system `git`, each commit dated on its
//! own day (`Okr::git_at`, `Okr::run_at`), so that dates, windows and cycle
//! starts are exact.

mod common;

use std::fs;

use common::{Finding, Okr, Run, at, commit_all, commit_everything_on, examples_committed_on};
use serde_json::Value;

const COMPANY_Q4: &str = "okrs/2026-Q4/company.yaml";
const ENGINEERING: &str = "okrs/2026-Q4/engineering.yaml";
const PLATFORM: &str = "okrs/2026-Q4/engineering/platform.yaml";
const ZHANG_SAN: &str = "okrs/2026-Q4/people/zhang.san.yaml";
const PRODUCT: &str = "okrs/2026-Q4/product.yaml";
const GROWTH: &str = "okrs/2026-Q4/product/growth.yaml";
const COMPANY_2026: &str = "okrs/2026/company.yaml";

/// `okr checkin REF VALUE` on `day` (it commits); returns the new commit's id.
#[track_caller]
fn checkin(okr: &Okr, day: &str, reference: &str, value: &str) -> String {
    let before = okr.head();
    okr.run_at(&at(day), ["checkin", reference, value]).code(0);
    let after = okr.head();
    assert_ne!(
        before, after,
        "okr checkin {reference} {value} did not commit"
    );
    after
}

/// A value of `okr history --format json`: a number, or a milestone's boolean.
#[derive(Debug, Clone, Copy, PartialEq)]
enum V {
    Num(f64),
    Bool(bool),
}

fn num(x: f64) -> V {
    V::Num(x)
}

/// A JSON value as a history value: `None` for null; panics on anything else,
/// since SPEC section 8 allows numbers and booleans only.
#[track_caller]
fn value_of(value: &Value) -> Option<V> {
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(V::Bool(*b)),
        Value::Number(n) => Some(V::Num(n.as_f64().expect("a finite number"))),
        other => panic!("a history value is a number or a boolean, not {other}"),
    }
}

/// One check-in of `okr history --format json`.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    reference: String,
    old: Option<V>,
    new: V,
    author: String,
    date: String,
    commit: String,
    score: Option<f64>,
}

/// An expected check-in.
fn row(
    reference: &str,
    old: Option<V>,
    new: V,
    author: &str,
    date: &str,
    commit: &str,
    score: Option<f64>,
) -> Row {
    Row {
        reference: reference.to_owned(),
        old,
        new,
        author: author.to_owned(),
        date: date.to_owned(),
        commit: commit.to_owned(),
        score,
    }
}

impl Row {
    #[track_caller]
    fn from_json(value: &Value) -> Row {
        let text = |key: &str| {
            value[key]
                .as_str()
                .unwrap_or_else(|| panic!("check-in without string `{key}`: {value}"))
                .to_owned()
        };
        for key in ["commit", "date", "author", "ref", "old", "new", "score"] {
            assert!(
                value.get(key).is_some(),
                "check-in without `{key}`: {value}"
            );
        }
        let row = Row {
            reference: text("ref"),
            old: value_of(&value["old"]),
            new: value_of(&value["new"]).unwrap_or_else(|| panic!("`new` is null: {value}")),
            author: text("author"),
            date: text("date"),
            commit: text("commit"),
            score: match &value["score"] {
                Value::Null => None,
                s => Some(
                    s.as_f64()
                        .unwrap_or_else(|| panic!("score {s} is no number")),
                ),
            },
        };
        assert!(
            row.commit.len() == 40 && row.commit.bytes().all(|b| b.is_ascii_hexdigit()),
            "`commit` is a full commit id: {value}"
        );
        assert!(chrono_like_date(&row.date), "`date` is YYYY-MM-DD: {value}");
        if let (Some(old), new) = (row.old, row.new) {
            assert_eq!(
                matches!(old, V::Bool(_)),
                matches!(new, V::Bool(_)),
                "old and new are of one kind: {value}"
            );
        }
        row
    }

    /// Equal, with the scores compared at the four decimals JSON writes.
    fn matches(&self, other: &Row) -> bool {
        let score = match (self.score, other.score) {
            (Some(a), Some(b)) => (a - b).abs() <= 5e-5,
            (a, b) => a == b,
        };
        score
            && Row {
                score: None,
                ..self.clone()
            } == Row {
                score: None,
                ..other.clone()
            }
    }
}

fn chrono_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Sorts the check-ins of each commit by reference, keeping the commits in
/// their order: SPEC says oldest first, not in which order one commit's
/// check-ins come.
fn by_commit_then_ref(rows: &[Row]) -> Vec<Row> {
    let mut commits: Vec<&str> = Vec::new();
    for r in rows {
        if !commits.contains(&r.commit.as_str()) {
            commits.push(&r.commit);
        }
    }
    let mut sorted = rows.to_vec();
    sorted.sort_by_key(|r| {
        (
            commits.iter().position(|c| *c == r.commit),
            r.reference.clone(),
        )
    });
    sorted
}

#[track_caller]
fn assert_rows(actual: &[Row], expected: &[Row]) {
    let (a, e) = (by_commit_then_ref(actual), by_commit_then_ref(expected));
    let same = a.len() == e.len() && a.iter().zip(&e).all(|(x, y)| x.matches(y));
    assert!(
        same,
        "check-ins differ\n--- actual ---\n{}\n--- expected ---\n{}",
        show(&a),
        show(&e)
    );
}

fn show(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| {
            format!(
                "{} {} {:<40} {:?} -> {:?} score {:?} {}",
                r.date,
                r.author,
                r.reference,
                r.old,
                r.new,
                r.score,
                &r.commit[..r.commit.len().min(7)]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `okr history --format json ARGS...`: exits 0, prints one JSON object; the
/// check-ins in order, and the run.
#[track_caller]
fn history(okr: &Okr, args: &[&str]) -> (Vec<Row>, Run) {
    let mut all = vec!["history", "--format", "json"];
    all.extend_from_slice(args);
    let run = okr.run_with(all);
    run.code(0);
    let json = run.json();
    let list = json["checkins"]
        .as_array()
        .unwrap_or_else(|| panic!("no `checkins` list\n{run:?}"));
    let rows: Vec<Row> = list.iter().map(Row::from_json).collect();
    // Oldest first.
    for pair in rows.windows(2) {
        assert!(
            pair[0].date <= pair[1].date,
            "check-ins are not oldest first\n{run:?}"
        );
    }
    (rows, run)
}

/// The check-ins of every commit but `initial`.
fn after(rows: &[Row], initial: &str) -> Vec<Row> {
    rows.iter()
        .filter(|r| r.commit != initial)
        .cloned()
        .collect()
}

/// The `objective/kr` references of every key result in the OKR files, read
/// with another YAML parser, with their value (`current`, else `done`).
fn key_results_in_files(okr: &Okr) -> Vec<(String, V)> {
    let mut out = Vec::new();
    let mut stack = vec![okr.root().join("okrs")];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).expect("read okrs/") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for path in files {
        let text = fs::read_to_string(&path).expect("read an OKR file");
        let file: Value = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()));
        for objective in file["objectives"].as_array().expect("objectives") {
            for kr in objective["key_results"].as_array().expect("key_results") {
                let value = if kr["current"].is_null() {
                    V::Bool(kr["done"].as_bool().expect("a done"))
                } else {
                    V::Num(kr["current"].as_f64().expect("a current"))
                };
                out.push((
                    format!(
                        "{}/{}",
                        objective["id"].as_str().expect("an id"),
                        kr["id"].as_str().expect("an id")
                    ),
                    value,
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The value of `current:` or `done:` on a line of YAML (block or flow).
fn value_on_line(line: &str) -> Option<V> {
    let (at, key) = ["current:", "done:"]
        .iter()
        .find_map(|k| line.find(k).map(|at| (at, k.len())))?;
    let rest = &line[at + key..];
    let end = rest.find([',', '}', '#']).unwrap_or(rest.len());
    let text = rest[..end].trim();
    match text {
        "true" => Some(V::Bool(true)),
        "false" => Some(V::Bool(false)),
        _ => text.parse().ok().map(V::Num),
    }
}

/// What `git log -p` says about values: for each commit of `range`, the
/// removed and added `current:`/`done:` lines paired in order, the pairs whose
/// values differ as `commit old new`. Independent of okr's own reading.
fn value_changes_in_git_log(okr: &Okr, range: &str) -> Vec<String> {
    let log = okr.git([
        "log",
        "-p",
        "--reverse",
        "--no-renames",
        "--format=commit %H",
        range,
        "--",
        "okrs",
    ]);
    let mut out = Vec::new();
    let mut commit = String::new();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let mut flush = |commit: &str, removed: &mut Vec<V>, added: &mut Vec<V>| {
        assert_eq!(
            removed.len(),
            added.len(),
            "commit {commit} removes and adds value lines in pairs"
        );
        for (old, new) in removed.iter().zip(added.iter()) {
            if old != new {
                out.push(format!("{commit} {old:?} {new:?}"));
            }
        }
        removed.clear();
        added.clear();
    };
    for line in log.lines() {
        if let Some(id) = line.strip_prefix("commit ") {
            flush(&commit, &mut removed, &mut added);
            commit = id.to_owned();
        } else if line.starts_with("---") || line.starts_with("+++") {
            continue;
        } else if let Some(rest) = line.strip_prefix('-') {
            removed.extend(value_on_line(rest));
        } else if let Some(rest) = line.strip_prefix('+') {
            added.extend(value_on_line(rest));
        }
    }
    flush(&commit, &mut removed, &mut added);
    out.sort();
    out
}

/// The 1-based line and column of the value of `key` in key result
/// `objective/kr` of a file: where `okr check` points at it.
#[track_caller]
fn value_position(okr: &Okr, file: &str, reference: &str, key: &str) -> (u64, u64) {
    let (objective, kr) = reference.split_once('/').expect("objective/kr");
    let text = okr.read(file);
    let lines: Vec<&str> = text.lines().collect();
    let find = |from: usize, what: &dyn Fn(&str) -> bool| {
        from + lines[from..]
            .iter()
            .position(|l| what(l))
            .unwrap_or_else(|| panic!("{file}: nothing for {reference} {key}"))
    };
    let o = find(0, &|l| l.trim() == format!("- id: {objective}"));
    let k = find(o, &|l| l.trim() == format!("- id: {kr}"));
    let prefix = format!("{key}:");
    let v = find(k + 1, &|l| l.trim_start().starts_with(&prefix));
    let line = lines[v];
    let after_key = line.find(&prefix).expect("the key") + prefix.len();
    let gap = line[after_key..].len() - line[after_key..].trim_start().len();
    (v as u64 + 1, (after_key + gap) as u64 + 1)
}

/// The findings of `okr check --format json ARGS...` (exit 0 or 1).
#[track_caller]
fn check(okr: &Okr, args: &[&str]) -> (Vec<Finding>, Run) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = okr.run_with(all);
    run.no_crash();
    assert!(
        matches!(run.code, Some(0 | 1)),
        "okr check could not run\n{run:?}"
    );
    (run.findings(), run)
}

/// `(file, line, column)` of the findings of one rule, sorted; asserts their level.
fn positions(findings: &[Finding], rule: &str) -> Vec<(String, u64, u64)> {
    let mut out: Vec<(String, u64, u64)> = findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            assert_eq!(f.level, "warning", "{rule} is a warning: {f:?}");
            (f.file.clone(), f.line, f.column)
        })
        .collect();
    out.sort();
    out
}

// --- okr history ---------------------------------------------------------------

/// `cache-hit` of the platform file written as a flow mapping on one line.
const CACHE_HIT_BLOCK: &str = "      - id: cache-hit
        title: 译文缓存命中率从 35% 提高到 80%
        owner: liu.yang
        start: 35
        target: 80
        current: 62
        unit: \"%\"
";
const CACHE_HIT_FLOW: &str = "      - {id: cache-hit, title: \"译文缓存命中率从 35% 提高到 80%\", owner: liu.yang, start: 35, target: 80, current: 62, unit: \"%\"}
";

#[test]
fn history_json_lists_every_checkin_and_hand_edit_with_old_new_author_date_and_score() {
    let mut okr = Okr::new()
        .examples()
        .replace(PLATFORM, CACHE_HIT_BLOCK, CACHE_HIT_FLOW)
        .git_init();
    // The flow-style key result is a valid one.
    let (findings, _) = check(&okr, &["--today", "2026-10-15"]);
    assert!(
        !findings
            .iter()
            .any(|f| f.file == PLATFORM && f.level == "error"),
        "{findings:?}"
    );
    okr = commit_everything_on(okr, "2026-10-01");
    let initial = okr.head();
    let mut expected = Vec::new();
    let mut quiet = Vec::new(); // commits that are no check-in

    // okr checkin.
    let c = checkin(&okr, "2026-10-05", "q4-enterprise/contracts", "6");
    expected.push(row(
        "q4-enterprise/contracts",
        Some(num(5.0)),
        num(6.0),
        "Test Author",
        "2026-10-05",
        &c,
        Some(0.5),
    ));

    // A hand edit by someone else, keeping the comment after the value.
    okr = okr.replace(GROWTH, "current: 22         #", "current: 24         #");
    let c = commit_all(&okr, "2026-10-12", "María García", "signup is at 24%");
    expected.push(row(
        "growth-signup/signup",
        Some(num(22.0)),
        num(24.0),
        "María García",
        "2026-10-12",
        &c,
        Some(0.5),
    ));

    // A milestone done by hand.
    okr = okr.replace(PRODUCT, "done: false", "done: true");
    let c = commit_all(&okr, "2026-10-19", "李伟", "企业版入口上线");
    expected.push(row(
        "prod-enterprise-entry/entry",
        Some(V::Bool(false)),
        V::Bool(true),
        "李伟",
        "2026-10-19",
        &c,
        Some(1.0),
    ));

    // Two edits of the flow-style key result; the first changes its length.
    okr = okr.replace(PLATFORM, "current: 62,", "current: 66.5,");
    let c = commit_all(&okr, "2026-10-26", "Alex Kim", "cache warming");
    expected.push(row(
        "plat-fast-translate/cache-hit",
        Some(num(62.0)),
        num(66.5),
        "Alex Kim",
        "2026-10-26",
        &c,
        Some(0.7),
    ));
    okr = okr.replace(PLATFORM, "current: 66.5,", "current: 71,");
    let c = commit_all(&okr, "2026-11-02", "Alex Kim", "segment cache");
    expected.push(row(
        "plat-fast-translate/cache-hit",
        Some(num(66.5)),
        num(71.0),
        "Alex Kim",
        "2026-11-02",
        &c,
        Some(0.8),
    ));

    // Two values in one commit.
    okr = okr
        .replace(ENGINEERING, "current: 3\n", "current: 4\n")
        .replace(ENGINEERING, "current: 5\n", "current: 4\n");
    let c = commit_all(&okr, "2026-11-09", "Zhao Lei", "weekly releases");
    expected.push(row(
        "eng-weekly-release/release-frequency",
        Some(num(3.0)),
        num(4.0),
        "Zhao Lei",
        "2026-11-09",
        &c,
        Some(1.0),
    ));
    expected.push(row(
        "eng-weekly-release/lead-time",
        Some(num(5.0)),
        num(4.0),
        "Zhao Lei",
        "2026-11-09",
        &c,
        Some(5.0 / 6.0),
    ));

    // Only a title: no check-in.
    okr = okr.replace(
        GROWTH,
        "title: 改版注册流程,提高注册转化率到30%",
        "title: 改版注册流程,把注册转化率提高到30%",
    );
    quiet.push(commit_all(&okr, "2026-11-16", "María García", "wording"));
    // Only the comment after a value: no check-in.
    okr = okr.replace(
        PLATFORM,
        "# 11/12 上线译文缓存后",
        "# 11/12 译文缓存上线以后",
    );
    quiet.push(commit_all(&okr, "2026-11-18", "Alex Kim", "comment"));
    // The same number written differently: no check-in.
    okr = okr.replace(PRODUCT, "current: 41\n", "current: 41.0\n");
    quiet.push(commit_all(&okr, "2026-11-20", "李伟", "format"));

    // okr checkin by another author, late in the evening west of UTC: the
    // date is the author's, as `git log` shows it.
    okr.run_with_env(
        &[
            ("GIT_AUTHOR_NAME", "Li Wei"),
            ("GIT_AUTHOR_DATE", "2026-11-30T23:30:00-05:00"),
            ("GIT_COMMITTER_DATE", "2026-11-30T23:30:00-05:00"),
        ],
        [
            "checkin",
            "prod-first-week/d7-retention",
            "27",
            "-m",
            "new onboarding mail",
        ],
    )
    .code(0);
    let c = okr.head();
    assert_eq!(
        okr.git(["log", "-1", "--format=%ad", "--date=short"]),
        "2026-11-30\n"
    );
    expected.push(row(
        "prod-first-week/d7-retention",
        Some(num(25.0)),
        num(27.0),
        "Li Wei",
        "2026-11-30",
        &c,
        Some(0.625),
    ));

    // A milestone undone with okr checkin.
    let c = checkin(
        &okr,
        "2026-12-02",
        "plat-holiday-ready/load-test",
        "not-done",
    );
    expected.push(row(
        "plat-holiday-ready/load-test",
        Some(V::Bool(true)),
        V::Bool(false),
        "Test Author",
        "2026-12-02",
        &c,
        Some(0.0),
    ));

    let (rows, run) = history(&okr, &[]);
    assert_eq!(
        run.stderr, "",
        "a plain history has nothing to note\n{run:?}"
    );

    // The first commit introduces every key result, with old null.
    let first: Vec<&Row> = rows.iter().filter(|r| r.commit == initial).collect();
    assert!(
        rows.iter().take(first.len()).all(|r| r.commit == initial),
        "the first commit's check-ins come first\n{}",
        show(&rows)
    );
    let mut introduced: Vec<(String, V)> = first
        .iter()
        .map(|r| {
            assert_eq!(r.old, None, "{r:?}");
            assert_eq!(
                (r.author.as_str(), r.date.as_str()),
                ("Test Author", "2026-10-01")
            );
            (r.reference.clone(), r.new)
        })
        .collect();
    introduced.sort_by(|a, b| a.0.cmp(&b.0));
    let initial_files = {
        let at_initial = Okr::new()
            .examples()
            .replace(PLATFORM, CACHE_HIT_BLOCK, CACHE_HIT_FLOW);
        key_results_in_files(&at_initial)
    };
    assert_eq!(introduced.len(), 36, "the examples hold 36 key results");
    assert_eq!(introduced, initial_files);
    let contracts = first
        .iter()
        .find(|r| r.reference == "q4-enterprise/contracts")
        .expect("contracts introduced");
    assert!((contracts.score.expect("a score") - 5.0 / 12.0).abs() <= 5e-5);

    // Then exactly what was done, in order.
    let later = after(&rows, &initial);
    assert_rows(&later, &expected);
    for quiet in &quiet {
        assert!(
            !rows.iter().any(|r| &r.commit == quiet),
            "commit {quiet} changed no value\n{}",
            show(&rows)
        );
    }

    // git log -p agrees on every value change.
    let mut from_okr: Vec<String> = later
        .iter()
        .map(|r| {
            format!(
                "{} {:?} {:?}",
                r.commit,
                r.old.expect("an old value"),
                r.new
            )
        })
        .collect();
    from_okr.sort();
    assert_eq!(
        from_okr,
        value_changes_in_git_log(&okr, &format!("{initial}..HEAD"))
    );
    assert_eq!(from_okr.len(), 9);
    assert_eq!(okr.commit_count(), 12);
}

#[test]
fn moving_key_results_between_files_or_renaming_files_is_not_a_checkin() {
    let okr = examples_committed_on("2026-10-01");
    let initial = okr.head();
    let root = okr.root();

    // Move the objective growth-churn (and its key results) to a file of its own.
    let growth = okr.read(GROWTH);
    let split = growth.find("  - id: growth-churn").expect("growth-churn");
    let churn_file = "okrs/2026-Q4/product/churn.yaml";
    fs::write(root.join(GROWTH), &growth[..split]).expect("write");
    fs::write(
        root.join(churn_file),
        format!(
            "cycle: 2026-Q4\nteam: growth\nobjectives:\n{}",
            &growth[split..]
        ),
    )
    .expect("write");
    okr.git(["add", "--all"]);
    assert_eq!(
        okr.git(["diff", "--cached", "--name-status", "--no-renames"]),
        format!("A\t{churn_file}\nM\t{GROWTH}\n")
    );
    okr.git_at(&at("2026-10-05"), ["commit", "--quiet", "-m", "churn file"]);

    // Rename two files, one to another folder and extension.
    okr.git(["mv", PLATFORM, "okrs/2026-Q4/platform.yaml"]);
    okr.git(["mv", ZHANG_SAN, "okrs/2026-Q4/zhang.san.yml"]);
    okr.git_at(&at("2026-10-06"), ["commit", "--quiet", "-m", "renames"]);

    let (rows, _) = history(&okr, &[]);
    assert_rows(&after(&rows, &initial), &[]);
    assert_eq!(rows.len(), 36, "the first commit's key results only");

    // Moving it back with a new value in the same commit: one check-in, from
    // the value it had in the other file.
    let churn = okr
        .read(churn_file)
        .split_once("objectives:\n")
        .expect("objectives")
        .1
        .replace("current: 4.2", "current: 4");
    fs::write(root.join(GROWTH), format!("{}{churn}", &growth[..split])).expect("write");
    fs::remove_file(root.join(churn_file)).expect("remove");
    let c = commit_all(&okr, "2026-10-07", "Maria Garcia", "churn back home");
    let (rows, _) = history(&okr, &[]);
    assert_rows(
        &after(&rows, &initial),
        &[row(
            "growth-churn/churn",
            Some(num(4.2)),
            num(4.0),
            "Maria Garcia",
            "2026-10-07",
            &c,
            Some(0.5),
        )],
    );
}

/// The examples on 2026-10-01, then four check-ins; returns the commits.
fn filter_repo() -> (Okr, [String; 5]) {
    let okr = examples_committed_on("2026-10-01");
    let c0 = okr.head();
    let c1 = checkin(&okr, "2026-10-10", "q4-enterprise/contracts", "6");
    let c2 = checkin(&okr, "2026-10-20", "q4-enterprise/soc2-audit", "done");
    let c3 = checkin(&okr, "2026-10-25", "fy26-growth/mau", "800000");
    okr.run_with_env(
        &[
            ("GIT_AUTHOR_NAME", "Wang Fang"),
            ("GIT_AUTHOR_DATE", &at("2026-11-05")),
            ("GIT_COMMITTER_DATE", &at("2026-11-05")),
        ],
        ["checkin", "q4-enterprise/contracts", "7"],
    )
    .code(0);
    let c4 = okr.head();
    (okr, [c0, c1, c2, c3, c4])
}

fn refs_and_commits(rows: &[Row]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| (r.reference.clone(), r.commit.clone()))
        .collect()
}

#[test]
fn history_filters_by_reference_dates_and_cycle() {
    let (okr, [c0, c1, c2, c3, c4]) = filter_repo();
    let pair = |r: &str, c: &String| (r.to_owned(), c.clone());

    // One key result.
    let (rows, run) = history(&okr, &["q4-enterprise/contracts"]);
    assert_eq!(run.stderr, "");
    assert_eq!(
        refs_and_commits(&rows),
        [
            pair("q4-enterprise/contracts", &c0),
            pair("q4-enterprise/contracts", &c1),
            pair("q4-enterprise/contracts", &c4),
        ]
    );
    let olds: Vec<Option<V>> = rows.iter().map(|r| r.old).collect();
    assert_eq!(olds, [None, Some(num(5.0)), Some(num(6.0))]);
    assert_eq!(rows[2].author, "Wang Fang");

    // One objective: its key results only.
    let (rows, _) = history(&okr, &["q4-enterprise"]);
    assert_eq!(
        refs_and_commits(&by_commit_then_ref(&rows)),
        [
            pair("q4-enterprise/contracts", &c0),
            pair("q4-enterprise/soc2-audit", &c0),
            pair("q4-enterprise/contracts", &c1),
            pair("q4-enterprise/soc2-audit", &c2),
            pair("q4-enterprise/contracts", &c4),
        ]
    );

    // A prefix of an objective id is not that objective.
    let (rows, run) = history(&okr, &["q4"]);
    assert!(rows.is_empty(), "{run:?}");
    run.stderr_contains("note:").stderr_contains("`q4`");
    let (rows, _) = history(&okr, &["q4-enterprise/contract"]);
    assert!(rows.is_empty());

    // Dates, both ends included.
    let (rows, _) = history(&okr, &["--since", "2026-10-20", "--until", "2026-10-25"]);
    assert_eq!(
        refs_and_commits(&rows),
        [
            pair("q4-enterprise/soc2-audit", &c2),
            pair("fy26-growth/mau", &c3)
        ]
    );
    let (rows, _) = history(&okr, &["--since", "2026-10-02"]);
    assert_eq!(
        rows.iter().map(|r| r.commit.clone()).collect::<Vec<_>>(),
        [c1.clone(), c2.clone(), c3.clone(), c4.clone()]
    );
    let (rows, _) = history(&okr, &["--until", "2026-10-01"]);
    assert_eq!(rows.len(), 36);
    assert!(rows.iter().all(|r| r.commit == c0));
    let (rows, _) = history(&okr, &["q4-enterprise/contracts", "--since", "2026-10-06"]);
    assert_eq!(
        refs_and_commits(&rows),
        [
            pair("q4-enterprise/contracts", &c1),
            pair("q4-enterprise/contracts", &c4)
        ]
    );
    let (rows, _) = history(&okr, &["--since", "2026-11-06"]);
    assert!(rows.is_empty());

    // Cycles: `cycle: 2026` is the year, 2026-Q4 the quarter.
    let (rows, _) = history(&okr, &["--cycle", "2026", "--since", "2026-10-02"]);
    assert_eq!(refs_and_commits(&rows), [pair("fy26-growth/mau", &c3)]);
    let (rows, _) = history(&okr, &["--cycle", "2026"]);
    assert_eq!(rows.len(), 10 + 1);
    assert!(rows.iter().all(|r| r.reference.starts_with("fy26-")));
    let (rows, _) = history(&okr, &["--cycle", "2026-Q4", "--since", "2026-10-02"]);
    assert_eq!(
        rows.iter().map(|r| r.commit.clone()).collect::<Vec<_>>(),
        [c1.clone(), c2.clone(), c4.clone()]
    );
    let (rows, _) = history(&okr, &["--cycle", "2026-Q3"]);
    assert!(rows.is_empty());

    // The text table: who, what, old → new, and the short commit id.
    let run = okr.run_with(["history", "q4-enterprise"]);
    run.code(0)
        .stdout_contains("Wang Fang")
        .stdout_contains("Test Author")
        .stdout_contains("q4-enterprise/contracts")
        .stdout_contains("5 → 6")
        .stdout_contains("6 → 7")
        .stdout_contains("→ done")
        .stdout_contains("2026-11-05")
        .stdout_contains(okr.git(["rev-parse", "--short", &c4]).trim());
    assert!(!run.stdout.contains("fy26-growth"), "{run:?}");
    assert!(!run.stdout.contains("800000"), "{run:?}");
    // Author, key result and change are on one row.
    assert!(
        run.stdout.lines().any(|l| l.contains("2026-11-05")
            && l.contains("Wang Fang")
            && l.contains("q4-enterprise/contracts")
            && l.contains("6 → 7")),
        "{run:?}"
    );
    let run = okr.run_with(["history", "q4-enterprise", "--since", "2026-12-01"]);
    run.code(0).stdout_contains("no check-ins");
}

/// The line of `signup` in growth.yaml, and the same value in a merge conflict.
const SIGNUP_LINE: &str = "        current: 22         # 10月新版注册流程上线后更新\n";
const SIGNUP_CONFLICT: &str =
    "<<<<<<< HEAD\n        current: 22\n=======\n        current: 23\n>>>>>>> other\n";

#[test]
fn a_commit_with_a_broken_file_is_skipped_with_a_note_and_history_goes_on() {
    let mut okr = examples_committed_on("2026-10-01");
    let initial = okr.head();
    okr = okr.replace(GROWTH, SIGNUP_LINE, SIGNUP_CONFLICT);
    let broken = commit_all(&okr, "2026-10-05", "Test Author", "oops, conflict markers");
    okr = okr.replace(PRODUCT, "current: 41\n", "current: 43\n");
    let c2 = commit_all(&okr, "2026-10-06", "Li Wei", "activation");
    // A second commit on the still broken file.
    okr = okr.replace(GROWTH, "current: 600\n", "current: 700\n");
    let broken2 = commit_all(&okr, "2026-10-07", "María García", "winback");
    okr = okr.replace(PLATFORM, "current: 520 ", "current: 480 ");
    let c4 = commit_all(&okr, "2026-10-08", "Liu Yang", "p95");

    let (rows, run) = history(&okr, &[]);
    run.stderr_contains("note:")
        .stderr_contains("did not parse");
    assert!(
        !rows
            .iter()
            .any(|r| r.commit == broken || r.commit == broken2),
        "{run:?}"
    );
    assert_eq!(rows.len(), 36 + 2, "{run:?}");
    assert_rows(
        &after(&rows, &initial),
        &[
            row(
                "prod-first-week/activation",
                Some(num(41.0)),
                num(43.0),
                "Li Wei",
                "2026-10-06",
                &c2,
                Some(9.0 / 16.0),
            ),
            row(
                "plat-fast-translate/p95-latency",
                Some(num(520.0)),
                num(480.0),
                "Liu Yang",
                "2026-10-08",
                &c4,
                Some(0.64),
            ),
        ],
    );
    // The text view notes it too, on stderr.
    let run = okr.run_with(["history", "--since", "2026-10-02"]);
    run.code(0)
        .stdout_contains("41 → 43")
        .stdout_contains("520 → 480")
        .stderr_contains("did not parse");
}

#[test]
fn the_commit_that_repairs_a_broken_file_is_compared_with_the_last_good_version() {
    let mut okr = examples_committed_on("2026-10-01");
    let initial = okr.head();
    okr = okr.replace(GROWTH, SIGNUP_LINE, SIGNUP_CONFLICT);
    commit_all(&okr, "2026-10-05", "Test Author", "oops, conflict markers");
    okr = okr.replace(GROWTH, SIGNUP_CONFLICT, &SIGNUP_LINE.replace("22", "25"));
    let fix = commit_all(&okr, "2026-10-07", "Zhang San", "resolve, and check in 25");

    let (rows, run) = history(&okr, &[]);
    run.stderr_contains("did not parse");
    assert_rows(
        &after(&rows, &initial),
        &[row(
            "growth-signup/signup",
            Some(num(22.0)),
            num(25.0),
            "Zhang San",
            "2026-10-07",
            &fix,
            Some(7.0 / 12.0),
        )],
    );
}

#[test]
fn history_in_a_repository_without_commits_is_empty_with_a_note() {
    let okr = Okr::new().examples().git_init();
    let (rows, run) = history(&okr, &[]);
    assert!(rows.is_empty());
    run.stderr_contains("note:").stderr_contains("no commits");
    let run = okr.run_with(["history"]);
    run.code(0).stdout_contains("no check-ins");
    // stale finds nothing to compare with, and says nothing is wrong.
    let (findings, run) = check(&okr, &["--today", "2026-12-10"]);
    assert_eq!(positions(&findings, "stale"), [], "{run:?}");
}

#[test]
fn history_outside_git_is_an_error_that_says_it_needs_git() {
    let okr = Okr::new().examples();
    for format in ["text", "json"] {
        let run = okr.run_with(["history", "--format", format]);
        run.code(2).stdout_empty().stderr_contains("git");
        assert!(!run.stderr.contains("panicked"), "{run:?}");
    }
}

#[test]
fn a_shallow_clone_lists_only_the_commits_it_has_and_says_where_history_stops() {
    let okr = examples_committed_on("2026-10-01");
    checkin(&okr, "2026-10-05", "q4-enterprise/contracts", "6");
    let boundary = checkin(&okr, "2026-10-10", "q4-enterprise/contracts", "7");
    let last = checkin(&okr, "2026-10-15", "fy26-growth/mau", "800000");

    let clone = Okr::new();
    let url = format!("file://{}", okr.root().display());
    let target = clone.root().display().to_string();
    okr.git(["clone", "--quiet", "--depth", "2", &url, &target]);
    assert_eq!(
        clone.git(["rev-parse", "--is-shallow-repository"]),
        "true\n"
    );
    assert_eq!(clone.commit_count(), 2);
    assert!(clone.root().join("okr.yaml").is_file());

    let (rows, run) = history(&clone, &[]);
    assert_rows(
        &rows,
        &[row(
            "fy26-growth/mau",
            Some(num(760000.0)),
            num(800000.0),
            "Test Author",
            "2026-10-15",
            &last,
            Some(380000.0 / 580000.0),
        )],
    );
    run.stderr_contains("note:")
        .stderr_contains("shallow")
        .stderr_contains(&boundary[..7]);
    let run = clone.run_with(["history"]);
    run.code(0)
        .stdout_contains("760000 → 800000")
        .stderr_contains("shallow");

    // Only one commit: nothing to compare it with.
    let single = Okr::new();
    let target = single.root().display().to_string();
    okr.git(["clone", "--quiet", "--depth", "1", &url, &target]);
    let (rows, run) = history(&single, &[]);
    assert_rows(&rows, &[]);
    run.stderr_contains("shallow").stderr_contains(&last[..7]);
}

#[test]
fn history_works_on_a_detached_head_and_in_a_linked_worktree() {
    let okr = examples_committed_on("2026-10-01");
    let initial = okr.head();
    let c1 = checkin(&okr, "2026-10-05", "q4-enterprise/contracts", "6");
    let c2 = checkin(&okr, "2026-10-10", "q4-enterprise/contracts", "7");

    // A linked worktree on a branch of its own, with a check-in of its own.
    let worktree = okr.temp_path().join("wt");
    let worktree_arg = worktree.display().to_string();
    okr.git([
        "worktree",
        "add",
        "--quiet",
        "-b",
        "side",
        &worktree_arg,
        &c1,
    ]);

    // Detached at the first check-in: the second is not in its history.
    okr.git(["checkout", "--quiet", "--detach", &c1]);
    let (rows, _) = history(&okr, &["q4-enterprise/contracts"]);
    assert_eq!(
        rows.iter().map(|r| r.commit.clone()).collect::<Vec<_>>(),
        [initial.clone(), c1.clone()]
    );
    // A check-in on the detached HEAD is history too.
    let c3 = checkin(&okr, "2026-10-12", "q4-enterprise/contracts", "8");
    let (rows, _) = history(&okr, &["q4-enterprise/contracts", "--since", "2026-10-02"]);
    assert_rows(
        &rows,
        &[
            row(
                "q4-enterprise/contracts",
                Some(num(5.0)),
                num(6.0),
                "Test Author",
                "2026-10-05",
                &c1,
                Some(0.5),
            ),
            row(
                "q4-enterprise/contracts",
                Some(num(6.0)),
                num(8.0),
                "Test Author",
                "2026-10-12",
                &c3,
                Some(8.0 / 12.0),
            ),
        ],
    );
    assert_ne!(c2, c3);

    let wt = okr.current_dir("../wt");
    let run = wt.run_at(&at("2026-10-20"), ["checkin", "fy26-growth/mau", "810000"]);
    run.code(0);
    let side = wt.git(["-C", &worktree_arg, "rev-parse", "HEAD"]);
    let side = side.trim();
    let run = wt.run_with(["history", "--format", "json", "--since", "2026-10-02"]);
    run.code(0);
    let rows: Vec<Row> = run.json()["checkins"]
        .as_array()
        .expect("checkins")
        .iter()
        .map(Row::from_json)
        .collect();
    assert_rows(
        &rows,
        &[
            row(
                "q4-enterprise/contracts",
                Some(num(5.0)),
                num(6.0),
                "Test Author",
                "2026-10-05",
                &c1,
                Some(0.5),
            ),
            row(
                "fy26-growth/mau",
                Some(num(760000.0)),
                num(810000.0),
                "Test Author",
                "2026-10-20",
                side,
                Some(390000.0 / 580000.0),
            ),
        ],
    );
}

#[test]
fn a_merged_branch_lists_its_checkins_once_and_the_merge_commit_none() {
    let okr = examples_committed_on("2026-10-01");
    let initial = okr.head();
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    let f1 = checkin(&okr, "2026-10-03", "q4-enterprise/contracts", "6");
    okr.git(["checkout", "--quiet", "main"]);
    let m1 = checkin(&okr, "2026-10-04", "fy26-growth/mau", "800000");
    okr.git_at(
        &at("2026-10-05"),
        [
            "merge",
            "--quiet",
            "--no-ff",
            "-m",
            "Merge feature",
            "feature",
        ],
    );
    let merge = okr.head();
    assert_eq!(okr.git(["rev-list", "--count", "--merges", "HEAD"]), "1\n");

    let (rows, _) = history(&okr, &[]);
    let later = after(&rows, &initial);
    assert_rows(
        &later,
        &[
            row(
                "q4-enterprise/contracts",
                Some(num(5.0)),
                num(6.0),
                "Test Author",
                "2026-10-03",
                &f1,
                Some(0.5),
            ),
            row(
                "fy26-growth/mau",
                Some(num(760000.0)),
                num(800000.0),
                "Test Author",
                "2026-10-04",
                &m1,
                Some(380000.0 / 580000.0),
            ),
        ],
    );
    assert!(!rows.iter().any(|r| r.commit == merge));
}

#[test]
fn a_value_set_in_a_merge_commit_is_a_checkin() {
    let okr = examples_committed_on("2026-10-01");
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    checkin(&okr, "2026-10-03", "q4-enterprise/contracts", "7");
    okr.git(["checkout", "--quiet", "main"]);
    checkin(&okr, "2026-10-04", "q4-enterprise/contracts", "6");
    let merge = okr.git_output(["merge", "--quiet", "feature"]);
    assert!(!merge.status.success(), "the two check-ins conflict");
    // Resolve with a third value.
    let text = okr.read(COMPANY_Q4);
    let start = text.find("<<<<<<<").expect("a conflict");
    let end = text[start..].find(">>>>>>>").expect("its end") + start;
    let end = end + text[end..].find('\n').expect("a line end") + 1;
    fs::write(
        okr.root().join(COMPANY_Q4),
        format!("{}        current: 8\n{}", &text[..start], &text[end..]),
    )
    .expect("write");
    assert!(!okr.read(COMPANY_Q4).contains("<<<<<<<"));
    okr.git(["add", COMPANY_Q4]);
    okr.git_at(&at("2026-10-05"), ["commit", "--quiet", "--no-edit"]);
    let merge = okr.head();

    let (rows, _) = history(&okr, &["q4-enterprise/contracts"]);
    let last = rows.last().expect("check-ins");
    assert_eq!(
        (last.commit.as_str(), last.new),
        (merge.as_str(), num(8.0)),
        "the merge set the value 8\n{}",
        show(&rows)
    );
}

#[test]
fn history_of_an_okr_root_below_the_repository_root() {
    let okr = Okr::new().examples();
    let root = okr.root();
    fs::create_dir(root.join("planning")).expect("mkdir");
    fs::rename(root.join("okr.yaml"), root.join("planning/okr.yaml")).expect("move");
    fs::rename(root.join("okrs"), root.join("planning/okrs")).expect("move");
    fs::write(root.join("README.md"), "not OKRs\n").expect("write");
    let okr = commit_everything_on(okr.git_init(), "2026-09-01");
    let initial = okr.head();
    let c1 = {
        okr.run_at(
            &at("2026-12-01"),
            ["-C", "planning", "checkin", "q4-enterprise/contracts", "6"],
        )
        .code(0);
        okr.head()
    };
    // A commit outside the OKR folders is nobody's check-in.
    fs::write(root.join("README.md"), "still not OKRs\n").expect("write");
    commit_all(&okr, "2026-12-02", "Test Author", "readme");

    let (rows, _) = history(&okr, &["-C", "planning"]);
    assert_eq!(rows.len(), 37);
    assert_rows(
        &after(&rows, &initial),
        &[row(
            "q4-enterprise/contracts",
            Some(num(5.0)),
            num(6.0),
            "Test Author",
            "2026-12-01",
            &c1,
            Some(0.5),
        )],
    );

    // stale there: the 27 unreached key results but the one checked in.
    let (findings, run) = check(&okr, &["-C", "planning", "--today", "2026-12-10"]);
    let stale: Vec<&Finding> = findings.iter().filter(|f| f.rule == "stale").collect();
    assert_eq!(stale.len(), 26, "{run:?}");
    assert!(stale.iter().all(|f| f.file.starts_with("okrs/")), "{run:?}");
    assert!(
        !stale
            .iter()
            .any(|f| f.message.contains("q4-enterprise/contracts")),
        "{run:?}"
    );
}

// --- stale -----------------------------------------------------------------------

/// Every key result of a running cycle (2026-Q4 and 2026 on 2026-12-10) that
/// is not reached in the examples: file, reference, and the key a check-in sets.
const UNREACHED: [(&str, &str, &str); 27] = [
    (COMPANY_Q4, "q4-retention/visitor-to-retained", "current"),
    (COMPANY_Q4, "q4-enterprise/contracts", "current"),
    (COMPANY_Q4, "q4-enterprise/soc2-audit", "done"),
    (
        ENGINEERING,
        "eng-weekly-release/release-frequency",
        "current",
    ),
    (ENGINEERING, "eng-weekly-release/lead-time", "current"),
    (ENGINEERING, "eng-soc2/controls", "current"),
    (ENGINEERING, "eng-soc2/auditor-fieldwork", "done"),
    (PLATFORM, "plat-fast-translate/p95-latency", "current"),
    (PLATFORM, "plat-fast-translate/cache-hit", "current"),
    (PLATFORM, "plat-holiday-ready/autoscaling", "done"),
    (ZHANG_SAN, "zs-experiments/experiments", "current"),
    (ZHANG_SAN, "zs-experiments/sql-course", "done"),
    (PRODUCT, "prod-first-week/activation", "current"),
    (PRODUCT, "prod-first-week/d7-retention", "current"),
    (PRODUCT, "prod-enterprise-entry/entry", "done"),
    (PRODUCT, "prod-enterprise-entry/trials", "current"),
    (GROWTH, "growth-signup/signup", "current"),
    (GROWTH, "growth-signup/social-login", "done"),
    (GROWTH, "growth-churn/churn", "current"),
    (GROWTH, "growth-churn/winback", "current"),
    (COMPANY_2026, "fy26-growth/mau", "current"),
    (COMPANY_2026, "fy26-growth/paid-conversion", "current"),
    (COMPANY_2026, "fy26-growth/languages", "current"),
    (COMPANY_2026, "fy26-enterprise/arr", "current"),
    (COMPANY_2026, "fy26-enterprise/soc2", "done"),
    (COMPANY_2026, "fy26-team/enps", "current"),
    (COMPANY_2026, "fy26-team/regretted-attrition", "current"),
];

/// Where `stale` should point: at the value of each of `refs`.
fn stale_at(okr: &Okr, refs: &[(&str, &str, &str)]) -> Vec<(String, u64, u64)> {
    let mut out: Vec<(String, u64, u64)> = refs
        .iter()
        .map(|&(file, reference, key)| {
            let (line, column) = value_position(okr, file, reference, key);
            (file.to_owned(), line, column)
        })
        .collect();
    out.sort();
    out
}

/// [`UNREACHED`] without these references.
fn unreached_but(except: &[&str]) -> Vec<(&'static str, &'static str, &'static str)> {
    for e in except {
        assert!(
            UNREACHED.iter().any(|u| u.1 == *e),
            "{e} is not in UNREACHED"
        );
    }
    UNREACHED
        .iter()
        .copied()
        .filter(|u| !except.contains(&u.1))
        .collect()
}

/// Key results of cycles that are not running on 2026-12-10: one ended, one planned.
const ENDED: &str = "cycle: 2026-Q3
team: product
objectives:
  - id: q3-search
    title: Readers find the book they look for
    owner: li.wei
    aligns: fy26-growth
    origin: bottom-up
    status: agreed
    key_results:
      - id: zero-results
        title: Searches without a result from 20% to 10%
        owner: li.wei
        start: 20
        target: 10
        current: 15
      - id: search-v2
        title: Search v2 live
        owner: li.wei
        done: false
        due: 2026-09-15
";
const PLANNED: &str = "cycle: 2027-Q1
team: product
objectives:
  - id: q1-reading
    title: Readers read more
    owner: li.wei
    origin: bottom-up
    status: draft
    key_results:
      - id: pages
        title: Pages read per reader per week from 40 to 60
        owner: li.wei
        start: 40
        target: 60
        current: 40
";

/// The examples (and an ended and a planned cycle) committed on 2026-09-01,
/// then, on 2026-11-20, `contracts` checked in and `social-login` done; in
/// the last 14 days before 2026-12-10 (from 2026-11-26) check-ins of
/// `visitor-to-retained`, `release-frequency` with `controls` by hand,
/// `mau` and `winback`, and a key result added.
fn stale_repo() -> Okr {
    let mut okr = Okr::new()
        .examples()
        .file("okrs/2026-Q3/search.yaml", ENDED)
        .file("okrs/2027-Q1/reading.yaml", PLANNED)
        .git_init()
        .today("2026-12-10");
    okr = commit_everything_on(okr, "2026-09-01");
    checkin(&okr, "2026-11-20", "q4-enterprise/contracts", "6");
    checkin(&okr, "2026-11-20", "growth-signup/social-login", "done");
    checkin(
        &okr,
        "2026-12-01",
        "q4-retention/visitor-to-retained",
        "4.2",
    );
    okr = okr
        .replace(ENGINEERING, "current: 3\n", "current: 3.5\n")
        .replace(ENGINEERING, "current: 78\n", "current: 85\n");
    commit_all(&okr, "2026-12-01", "Chen Jing", "release and controls");
    checkin(&okr, "2026-12-02", "fy26-growth/mau", "800000");
    okr.run_at(
        &at("2026-12-03"),
        [
            "add",
            "kr",
            "zs-experiments/blog-posts",
            "--title",
            "Write 4 posts about the experiments",
            "--start",
            "0",
            "--target",
            "4",
        ],
    )
    .code(0);
    assert_eq!(okr.git(["status", "--porcelain"]), "", "okr add kr commits");
    checkin(&okr, "2026-12-08", "growth-churn/winback", "700");
    okr
}

#[test]
fn stale_points_at_the_values_unchanged_in_the_last_14_days() {
    let mut okr = stale_repo();
    let changed = [
        "q4-retention/visitor-to-retained",
        "eng-weekly-release/release-frequency",
        "eng-soc2/controls",
        "fy26-growth/mau",
        "growth-churn/winback",
        "growth-signup/social-login", // reached, before the window
    ];
    let (findings, run) = check(&okr, &[]);
    let expected = stale_at(&okr, &unreached_but(&changed));
    assert_eq!(expected.len(), 21);
    assert_eq!(positions(&findings, "stale"), expected, "{run:?}");
    for f in findings.iter().filter(|f| f.rule == "stale") {
        assert!(f.message.contains("14 days"), "{f:?}");
    }
    // The message names the key result and its value.
    let contracts = findings
        .iter()
        .find(|f| f.rule == "stale" && f.message.contains("`q4-enterprise/contracts`"))
        .expect("contracts is stale: changed on 2026-11-20, not since");
    let (line, column) = value_position(&okr, COMPANY_Q4, "q4-enterprise/contracts", "current");
    assert_eq!((contracts.line, contracts.column), (line, column));
    assert!(contracts.message.contains('6'), "{contracts:?}");
    // Nothing of the ended or the planned cycle, nothing new.
    for f in &findings {
        assert!(
            f.rule != "stale"
                || !(f.file.starts_with("okrs/2026-Q3") || f.file.starts_with("okrs/2027-Q1")),
            "{f:?}"
        );
        assert!(
            f.rule != "stale" || !f.message.contains("blog-posts"),
            "{f:?}"
        );
    }
    // stale is a warning: it does not fail the check.
    assert_eq!(
        run.summary("warnings") as usize,
        findings.iter().filter(|f| f.level == "warning").count()
    );

    // A value changed only in the working tree counts as changed.
    okr = okr.replace(PRODUCT, "current: 64\n", "current: 70\n");
    let (findings, run) = check(&okr, &[]);
    let mut now = changed.to_vec();
    now.push("prod-enterprise-entry/trials");
    assert_eq!(
        positions(&findings, "stale"),
        stale_at(&okr, &unreached_but(&now)),
        "{run:?}"
    );
    // ... and so does one written back to what it was: unchanged.
    okr = okr.replace(PRODUCT, "current: 70\n", "current: 64.0\n");
    let (findings, _) = check(&okr, &[]);
    assert_eq!(positions(&findings, "stale"), expected);
}

#[test]
fn stale_is_silent_when_its_level_is_off() {
    let okr = stale_repo().replace(
        "okr.yaml",
        "    bottom-up-share: warning\n",
        "    bottom-up-share: warning\n    stale: off\n",
    );
    let (findings, run) = check(&okr, &[]);
    assert_eq!(positions(&findings, "stale"), [], "{run:?}");
    assert!(!run.stderr.contains("stale"), "{run:?}");
    // The same repository without the setting has them.
    let okr = okr.replace("okr.yaml", "    stale: off\n", "");
    let (findings, _) = check(&okr, &[]);
    assert_eq!(positions(&findings, "stale").len(), 21);
}

#[test]
fn stale_after_days_sets_the_window() {
    // 5 days: from 2026-12-05, so only winback changed; contracts, the
    // check-ins of 2026-12-01..03 and the key result added on 2026-12-03 are
    // unchanged since.
    let okr = stale_repo().replace("okr.yaml", "stale-after-days: 14", "stale-after-days: 5");
    let (findings, run) = check(&okr, &[]);
    let mut expected = unreached_but(&["growth-churn/winback", "growth-signup/social-login"]);
    expected.push((ZHANG_SAN, "zs-experiments/blog-posts", "current"));
    assert_eq!(
        positions(&findings, "stale"),
        stale_at(&okr, &expected),
        "{run:?}"
    );
    assert!(
        findings
            .iter()
            .filter(|f| f.rule == "stale")
            .all(|f| f.message.contains("5 days")),
        "{run:?}"
    );

    // 90 days: from 2026-09-11; 2026-Q4 started inside that window, so none of
    // its key results is stale yet; of the year's, all but mau.
    let okr = okr.replace("okr.yaml", "stale-after-days: 5", "stale-after-days: 90");
    let (findings, run) = check(&okr, &[]);
    let year: Vec<_> = UNREACHED
        .iter()
        .copied()
        .filter(|u| u.0 == COMPANY_2026 && u.1 != "fy26-growth/mau")
        .collect();
    assert_eq!(year.len(), 6);
    assert_eq!(
        positions(&findings, "stale"),
        stale_at(&okr, &year),
        "{run:?}"
    );
}

#[test]
fn stale_needs_history_from_before_the_window() {
    // Everything was committed within the last 14 days: all of it is new.
    let okr = examples_committed_on("2026-12-01").today("2026-12-10");
    let (findings, run) = check(&okr, &[]);
    assert_eq!(positions(&findings, "stale"), [], "{run:?}");
    // Committed before the window: every unreached key result is stale.
    let okr = examples_committed_on("2026-11-01").today("2026-12-10");
    let (findings, run) = check(&okr, &[]);
    assert_eq!(
        positions(&findings, "stale"),
        stale_at(&okr, &UNREACHED),
        "{run:?}"
    );
    // A day before the window's first day is before it; that day is inside it.
    let okr = examples_committed_on("2026-11-25").today("2026-12-10");
    let (findings, _) = check(&okr, &[]);
    assert_eq!(positions(&findings, "stale").len(), 27);
    let okr = examples_committed_on("2026-11-26").today("2026-12-10");
    let (findings, _) = check(&okr, &[]);
    assert_eq!(positions(&findings, "stale"), []);
}

#[test]
fn a_renamed_file_keeps_its_key_results_stale() {
    let okr = examples_committed_on("2026-09-01").today("2026-12-10");
    okr.git(["mv", PLATFORM, "okrs/2026-Q4/platform.yaml"]);
    okr.git_at(
        &at("2026-12-01"),
        ["commit", "--quiet", "-m", "flatter folders"],
    );
    let (rows, _) = history(&okr, &["--since", "2026-11-01"]);
    assert!(rows.is_empty(), "no check-in since the first commit");
    let (findings, run) = check(&okr, &[]);
    let stale: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "stale" && f.file == "okrs/2026-Q4/platform.yaml")
        .collect();
    assert_eq!(
        stale.len(),
        3,
        "p95-latency, cache-hit and autoscaling did not change in 14 days\n{run:?}"
    );
}

#[test]
fn outside_git_stale_and_target_moved_are_skipped_with_one_note() {
    let okr = Okr::new().examples().today("2026-12-10");
    for args in [&[][..], &["--base", "main"][..]] {
        let (findings, run) = check(&okr, args);
        assert_eq!(positions(&findings, "stale"), [], "{run:?}");
        assert_eq!(positions(&findings, "target-moved"), [], "{run:?}");
        let notes: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("note:"))
            .collect();
        assert_eq!(notes.len(), 1, "{run:?}");
        assert!(
            notes[0].contains("stale") && notes[0].contains("target-moved"),
            "{run:?}"
        );
        assert!(notes[0].contains("git"), "{run:?}");
    }
}

// --- target-moved --------------------------------------------------------------

/// `main`: the examples on 2026-09-20, then a target moved after 2026-Q4
/// started. `feature`: targets and starts moved, with and without reasons.
/// Returns the repository (on `feature`) and the commit that lowered
/// contracts' target.
fn target_repo() -> (Okr, String) {
    let mut okr = examples_committed_on("2026-09-20").today("2026-11-15");
    // On main, so before any --base main: not this branch's doing.
    okr = okr.replace(COMPANY_Q4, "target: 5\n", "target: 4.5\n");
    commit_all(
        &okr,
        "2026-10-03",
        "Li Wei",
        "visitor-to-retained: 4.5 is enough",
    );
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    // Before 2026-Q4 started: planning, not moving.
    okr = okr.replace(PRODUCT, "target: 200\n", "target: 180\n");
    commit_all(&okr, "2026-09-28", "Li Wei", "trials: 180");
    // Lowered after the start, without a reason.
    okr = okr.replace(COMPANY_Q4, "target: 12\n", "target: 10\n");
    let lowered = commit_all(&okr, "2026-10-15", "Wang Fang", "contracts: 10");
    // Raised with a reason.
    okr = okr.replace(PLATFORM, "target: 300\n", "target: 350\n");
    okr.git_with_env(
        &[
            ("GIT_AUTHOR_DATE", &at("2026-10-20")),
            ("GIT_COMMITTER_DATE", &at("2026-10-20")),
        ],
        [
            "commit",
            "--quiet",
            "--all",
            "-m",
            "p95 latency: 350 ms",
            "-m",
            "The model servers stay where they are this quarter.\n\nOKR-Reason: scope cut",
        ],
    );
    // A start moved in the year's cycle, which started in January.
    okr = okr.replace(
        COMPANY_2026,
        "start: 12\n        target: 30\n",
        "start: 10\n        target: 30\n",
    );
    commit_all(&okr, "2026-10-22", "Wang Fang", "eNPS baseline corrected");
    // A check-in is no move.
    checkin(&okr, "2026-10-25", "q4-enterprise/contracts", "6");
    (okr, lowered)
}

#[test]
fn target_moved_reports_targets_and_starts_moved_on_the_branch_without_a_reason() {
    let (okr, lowered) = target_repo();
    let (findings, run) = check(&okr, &["--base", "main"]);
    let mut expected = vec![
        {
            let (l, c) = value_position(&okr, COMPANY_Q4, "q4-enterprise/contracts", "target");
            (COMPANY_Q4.to_owned(), l, c)
        },
        {
            let (l, c) = value_position(&okr, COMPANY_2026, "fy26-team/enps", "start");
            (COMPANY_2026.to_owned(), l, c)
        },
    ];
    expected.sort();
    assert_eq!(positions(&findings, "target-moved"), expected, "{run:?}");
    let contracts = findings
        .iter()
        .find(|f| f.rule == "target-moved" && f.file == COMPANY_Q4)
        .expect("contracts");
    assert!(
        contracts.message.contains("q4-enterprise/contracts")
            && contracts.message.contains("from 12 to 10")
            && contracts.message.contains("OKR-Reason"),
        "{contracts:?}"
    );
    let short = okr.git(["rev-parse", "--short", &lowered]);
    assert!(contracts.message.contains(short.trim()), "{contracts:?}");
    // Nothing for the moves with a reason, before the cycle, or on main.
    for f in findings.iter().filter(|f| f.rule == "target-moved") {
        for other in [
            "plat-fast-translate/p95-latency",
            "prod-enterprise-entry/trials",
            "q4-retention/visitor-to-retained",
        ] {
            assert!(!f.message.contains(other), "{f:?}");
        }
    }

    // Without --base, no target-moved at all.
    let (findings, run) = check(&okr, &[]);
    assert_eq!(positions(&findings, "target-moved"), [], "{run:?}");
    // From a base that holds every commit, nothing moved.
    let (findings, _) = check(&okr, &["--base", "HEAD"]);
    assert_eq!(positions(&findings, "target-moved"), []);
    // From the first commit, main's move counts too.
    let first = okr.git(["rev-list", "--max-parents=0", "HEAD"]);
    let (findings, _) = check(&okr, &["--base", first.trim()]);
    assert_eq!(positions(&findings, "target-moved").len(), 3);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "target-moved" && f.message.contains("visitor-to-retained"))
    );
}

#[test]
fn target_moved_with_an_unknown_base_cannot_run() {
    let (okr, _) = target_repo();
    let run = okr.run_with(["check", "--format", "json", "--base", "no-such-branch"]);
    run.code(2).stderr_contains("no-such-branch");
}

#[test]
fn target_moved_is_silent_when_its_level_is_off() {
    let (okr, _) = target_repo();
    let okr = okr.replace(
        "okr.yaml",
        "    bottom-up-share: warning\n",
        "    bottom-up-share: warning\n    target-moved: off\n",
    );
    let (findings, run) = check(&okr, &["--base", "main"]);
    assert_eq!(positions(&findings, "target-moved"), [], "{run:?}");
}

#[test]
fn target_moved_sees_a_target_moved_in_the_working_tree() {
    let okr = examples_committed_on("2026-09-20").today("2026-11-15");
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    let okr = okr.replace(GROWTH, "target: 1500\n", "target: 1200\n");
    let (findings, run) = check(&okr, &["--base", "main"]);
    let (line, column) = value_position(&okr, GROWTH, "growth-churn/winback", "target");
    assert_eq!(
        positions(&findings, "target-moved"),
        [(GROWTH.to_owned(), line, column)],
        "{run:?}"
    );
}

/// okr.yaml's `paths` are remembered under `.git/okr` (okr.yaml can be
/// large, history needs only them) while okr.yaml keeps its size, time stamp
/// and inode; an okr.yaml changed in the last seconds is read every time.
#[test]
fn history_reads_the_folders_okr_yaml_names_now() {
    let okr = examples_committed_on("2026-10-01");
    checkin(&okr, "2026-10-05", "q4-enterprise/contracts", "6");
    let config = okr.root().join("okr.yaml");
    let age = |seconds: u64| {
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
        fs::File::options()
            .append(true)
            .open(&config)
            .unwrap()
            .set_modified(when)
            .unwrap();
    };
    age(3600);
    let cache = okr.root().join(".git/okr/paths-cache.json");
    let (first, run) = history(&okr, &[]);
    assert!(first.len() > 1, "{run:?}");
    assert!(cache.is_file(), "{run:?}");
    assert_eq!(history(&okr, &[]).0.len(), first.len());

    // Another folder, same size: the older time stamp differs from the one remembered.
    let okr = okr.replace("okr.yaml", "paths: [okrs]", "paths: [none]");
    age(1800);
    let (rows, run) = history(&okr, &[]);
    assert_eq!(rows.len(), 0, "{run:?}");
    // Back, just now: read again, not remembered.
    let okr = okr.replace("okr.yaml", "paths: [none]", "paths: [okrs]");
    let before = fs::read(&cache).unwrap();
    let (rows, run) = history(&okr, &[]);
    assert_eq!(rows.len(), first.len(), "{run:?}");
    assert_eq!(fs::read(&cache).unwrap(), before);
}

/// `stale` also remembers the first-parent commits it walked and the files of
/// the commit at the window's start: whatever moves (new commits, another day,
/// another window, a branch), it finds what a run without the cache finds.
#[test]
fn stale_finds_the_same_with_and_without_what_it_remembers() {
    let mut okr = stale_repo();
    let cache = okr.root().join(".git/okr/values-cache");
    let same = |okr: &Okr, step: &str| {
        let (cached, run) = check(okr, &[]);
        assert!(cache.is_file(), "{step}: no cache\n{run:?}");
        std::fs::remove_file(&cache).unwrap();
        let (fresh, _) = check(okr, &[]);
        assert_eq!(
            positions(&cached, "stale"),
            positions(&fresh, "stale"),
            "{step}"
        );
        positions(&fresh, "stale").len()
    };
    let first = same(&okr, "first run");
    check(&okr, &[]);
    // A commit on top: the walk meets the commits it knows.
    checkin(&okr, "2026-12-09", "q4-enterprise/contracts", "7");
    assert_eq!(same(&okr, "a new commit"), first - 1);
    check(&okr, &[]);
    // Later days move the window's start nearer to HEAD ...
    okr = okr.today("2026-12-16");
    let later = same(&okr, "a later day");
    check(&okr, &[]);
    // ... and a longer window moves it further back than the last run went.
    okr = okr.replace("okr.yaml", "stale-after-days: 14", "stale-after-days: 30");
    assert_ne!(same(&okr, "a longer window"), later);
    check(&okr, &[]);
    // Another branch, from before the window's start.
    okr.git(["checkout", "--quiet", "-b", "old", "HEAD~6"]);
    same(&okr, "a branch from an older commit");
    check(&okr, &[]);
    okr.git(["checkout", "--quiet", "-"]);
    same(&okr, "back on the branch");
}

/// `stale` takes a file's blob id from the last run while the file keeps its
/// size, modification and change times and inode; a file rewritten with the
/// same size and modification time has another change time and is hashed again.
#[test]
fn stale_hashes_a_file_again_when_its_change_time_moves() {
    let okr = stale_repo();
    let root = okr.root();
    let past = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_790_000_000);
    let set_time = |rel: &str| {
        fs::File::options()
            .append(true)
            .open(root.join(rel))
            .unwrap()
            .set_modified(past)
            .unwrap();
    };
    for file in [COMPANY_Q4, ENGINEERING, PRODUCT, GROWTH] {
        set_time(file);
    }
    let (first, run) = check(&okr, &[]);
    let (second, _) = check(&okr, &[]);
    assert_eq!(
        positions(&second, "stale"),
        positions(&first, "stale"),
        "{run:?}"
    );

    // Same size, same modification time: only the change time tells. The
    // file is as it was at the window's start, so a blob id taken from the
    // last run would make every value in it stale.
    let okr = okr.replace(PRODUCT, "current: 64\n", "current: 70\n");
    set_time(PRODUCT);
    let (third, run) = check(&okr, &[]);
    assert_eq!(
        positions(&third, "stale").len(),
        positions(&first, "stale").len() - 1,
        "{run:?}"
    );
    // Written back: stale again.
    let okr = okr.replace(PRODUCT, "current: 70\n", "current: 64\n");
    set_time(PRODUCT);
    let (fourth, _) = check(&okr, &[]);
    assert_eq!(positions(&fourth, "stale"), positions(&first, "stale"));
    // Modified just now (its time stamp could still be shared by a later
    // change): hashed, and not remembered.
    let okr = okr.replace(PRODUCT, "current: 64\n", "current: 71\n");
    let (fifth, _) = check(&okr, &[]);
    assert_eq!(positions(&fifth, "stale"), positions(&third, "stale"));
    let okr = okr.replace(PRODUCT, "current: 71\n", "current: 64\n");
    let (sixth, _) = check(&okr, &[]);
    assert_eq!(positions(&sixth, "stale"), positions(&first, "stale"));
}

/// `stale` keeps what it read under `.git/okr` by blob id: a second run finds
/// the same, a file changed since is read again, and a damaged cache is ignored.
#[test]
fn stale_remembers_file_versions_between_runs() {
    let okr = stale_repo();
    let (first, run) = check(&okr, &[]);
    let cache = okr.root().join(".git/okr/values-cache");
    assert!(cache.is_file(), "no cache after a check\n{run:?}");
    let (second, _) = check(&okr, &[]);
    assert_eq!(positions(&second, "stale"), positions(&first, "stale"));

    // A value changed in the working tree is read from the new text.
    let before = positions(&first, "stale");
    let okr = okr.replace(COMPANY_Q4, "current: 6\n", "current: 7\n");
    let (third, _) = check(&okr, &[]);
    assert_eq!(positions(&third, "stale").len(), before.len() - 1);

    std::fs::write(&cache, "{ not a cache").unwrap();
    let (fourth, run) = check(&okr, &[]);
    assert_eq!(
        positions(&fourth, "stale"),
        positions(&third, "stale"),
        "{run:?}"
    );
}
