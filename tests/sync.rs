//! `okr sync` and `okr source test` end to end, on real components: a SQLite
//! file the test creates, files and commands in the repository, and servers on
//! loopback that refuse or never answer (HTTP sources: tests/sync_http.rs).

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::Okr;

const CONFIG: &str = r"organization: Sync Inc.
teams:
  - id: company
    lead: ana
people:
  - id: ana
sources:
  app: {type: sqlite, path: data/app.db}
";

/// An OKR file with the key results given (each a YAML block at key-result indentation).
fn okr_file(key_results: &str) -> String {
    format!(
        "cycle: 2026-Q4\nteam: company\nobjectives:\n  - id: grow\n    title: Grow\n    owner: ana\n    status: agreed\n    key_results:\n{key_results}"
    )
}

const SIGNUPS: &str = r#"      - id: signups
        title: Sign-ups from 0 to 100
        start: 0
        target: 100
        current: 0
        source:
          from: app
          sql: "select count(*) from signups where created_at < :as_of"
          every: 1d
"#;

/// A SQLite file with sign-ups on the given days (ISO text, as apps store them).
fn database(okr: &Okr, days: &[&str]) {
    let path = okr.root().join("data/app.db");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("create table signups (created_at text); create table t (x int);")
        .unwrap();
    for day in days {
        conn.execute("insert into signups values (?1)", [day])
            .unwrap();
    }
    conn.execute_batch("insert into t values (1), (2);")
        .unwrap();
}

fn repo(config: &str, key_results: &str) -> Okr {
    Okr::new()
        .file("okr.yaml", config)
        .file("okrs/2026-Q4/company.yaml", okr_file(key_results))
}

/// Commits everything but `data/` (the database is not part of the OKRs).
fn commit(okr: Okr) -> Okr {
    let okr = okr.file(".gitignore", "data/app.db\n").git_init();
    okr.git(["add", "--all"]);
    okr.git_at(
        &common::at("2026-10-01"),
        ["commit", "--quiet", "--message", "Q4"],
    );
    okr
}

fn last_message(okr: &Okr) -> String {
    okr.git(["log", "-1", "--format=%B"])
}

#[test]
fn sqlite_syncs_commits_once_with_trailers_and_history_reads_them_back() {
    let okr = commit(repo(CONFIG, SIGNUPS));
    database(
        &okr,
        &[
            "2026-10-02",
            "2026-11-14T23:59:59Z",
            "2026-11-15T08:00:00Z",
            "2026-12-01",
        ],
    );
    let run = okr.run_with(["sync"]);
    run.code(0)
        .stdout_contains("grow/signups: 0 -> 2 (app, as of 2026-11-15T00:00:00Z");
    assert_eq!(okr.commit_count(), 2, "{run:?}");
    assert!(
        okr.read("okrs/2026-Q4/company.yaml")
            .contains("        current: 2\n")
    );
    let message = last_message(&okr);
    assert!(
        message.starts_with("sync: grow/signups 0 -> 2\n\n"),
        "{message}"
    );
    let trailers = message.trim_end().rsplit("\n\n").next().unwrap();
    let lines: Vec<&str> = trailers.lines().collect();
    assert_eq!(lines[0], "OKR-Key-Result: grow/signups");
    assert_eq!(lines[1], "OKR-Value: 2");
    assert!(
        lines[2].starts_with("OKR-Source: app sql sha256="),
        "{message}"
    );
    assert_eq!(lines[3], "OKR-As-Of: 2026-11-15T00:00:00Z");
    // git reads them as trailers.
    let parsed = okr.git(["log", "-1", "--format=%(trailers:key=OKR-As-Of,valueonly)"]);
    assert_eq!(parsed.trim(), "2026-11-15T00:00:00Z");

    let history = okr.run_with(["history", "--format", "json"]);
    let json = history.code(0).json();
    let checkins = json["checkins"].as_array().unwrap();
    let synced = checkins.last().unwrap();
    assert_eq!(synced["new"], 2.0);
    assert!(
        synced["source"]
            .as_str()
            .unwrap()
            .starts_with("app sql sha256="),
        "{history:?}"
    );
    assert!(
        checkins[0].get("source").is_none(),
        "a hand-made value has no source"
    );
    okr.run_with(["history"])
        .code(0)
        .stdout_contains("0 → 2 (sync: app)");
    okr.run_with(["report", "--format", "html"])
        .code(0)
        .stdout_contains("0 → 2 (sync: app)");

    // The same as-of again: nothing changes, no commit.
    let again = okr.run_with(["sync"]);
    again
        .code(0)
        .stdout_contains("grow/signups: 2, unchanged")
        .stdout_contains("nothing changed; no commit");
    assert_eq!(okr.commit_count(), 2);
}

#[test]
fn as_of_makes_a_rerun_reproducible_and_a_closed_cycle_keeps_its_value() {
    let okr = commit(repo(CONFIG, SIGNUPS));
    database(
        &okr,
        &["2026-10-02", "2026-11-20", "2026-12-31", "2027-01-05"],
    );
    // --as-of a day in the past gives the value of that day.
    okr.run_with(["sync", "--as-of", "2026-11-01", "--dry-run"])
        .code(0)
        .stdout_contains("grow/signups: 0 -> 1 (app, as of 2026-11-01T00:00:00Z")
        .stdout_contains("dry run: nothing written");
    assert_eq!(okr.commit_count(), 1, "a dry run writes nothing");
    // After the quarter, as-of stops at its end: 2027-01-05 is not counted.
    let after = okr.today("2027-02-10");
    after
        .run_at(&common::at("2027-02-10"), ["sync"])
        .code(0)
        .stdout_contains("grow/signups: 0 -> 3 (app, as of 2027-01-01T00:00:00Z");
    // Synced after its end: skipped from now on, unless named.
    after
        .run_with(["sync"])
        .code(0)
        .stdout_contains("grow/signups: skipped, cycle 2026-Q4 ended");
    after
        .run_with(["sync", "grow/signups"])
        .code(0)
        .stdout_contains("grow/signups: 3, unchanged (app, as of 2027-01-01T00:00:00Z");
}

#[test]
fn zero_is_a_value() {
    let okr = commit(repo(
        CONFIG,
        &SIGNUPS.replace("current: 0", "current: 5").replace(
            "select count(*) from signups where created_at < :as_of",
            "select count(*) from signups where created_at < '2000-01-01' and :as_of is not null",
        ),
    ));
    database(&okr, &["2026-10-02"]);
    okr.run_with(["sync"])
        .code(0)
        .stdout_contains("grow/signups: 5 -> 0");
    assert!(
        okr.read("okrs/2026-Q4/company.yaml")
            .contains("        current: 0\n")
    );
}

/// Key results that each fail in their own way, and one that syncs.
const FAILING: &str = r#"      - id: ok
        title: Works
        start: 0
        target: 10
        current: 0
        source: {from: app, sql: "select 7"}
      - id: text
        title: Not a number
        start: 0
        target: 10
        current: 0
        source: {from: app, sql: "select 'lots'"}
      - id: rows
        title: Several rows
        start: 0
        target: 10
        current: 0
        source: {from: app, sql: "select x from t"}
      - id: empty
        title: No rows
        start: 0
        target: 10
        current: 0
        source: {from: app, sql: "select x from t where x > 5"}
      - id: nulls
        title: Null
        start: 0
        target: 10
        current: 0
        source: {from: app, sql: "select sum(x) from t where x > 5"}
      - id: syntax
        title: Bad SQL
        start: 0
        target: 10
        current: 0
        source: {from: app, sql: "selec 1"}
      - id: unset
        title: Missing variable
        start: 0
        target: 10
        current: 0
        source: {from: remote, sql: "select 1"}
      - id: refused
        title: Nobody listens
        start: 0
        target: 10
        current: 0
        source: {from: closed, sql: "select 1"}
      - id: slow
        title: Too slow
        start: 0
        target: 10
        current: 0
        source: {from: slowpoke, get: /slow, pointer: /total_count}
"#;

#[test]
fn each_failure_has_its_own_message_and_the_others_still_sync() {
    let port = closed_port();
    let server = silent_server();
    let config = format!(
        "{CONFIG}  remote: {{type: postgres, url-env: OKR_TEST_UNSET_URL}}\n  closed: {{type: postgres, url: 'postgres://okr@127.0.0.1:{port}/x', timeout: 5s}}\n  slowpoke: {{type: http, base: 'http://{server}', timeout: 1s}}\n"
    );
    let okr = commit(repo(&config, FAILING));
    database(&okr, &[]);
    let run = okr.run_with(["sync"]);
    run.code(1);
    run.stdout_contains("grow/ok: 0 -> 7");
    let expect = [
        ("grow/text", "the answer is not a number: \"lots\""),
        ("grow/rows", "the answer has 2 rows"),
        ("grow/empty", "the answer is empty (no rows)"),
        ("grow/nulls", "the answer is not a number: NULL"),
        (
            "grow/syntax",
            "the source answered with an error: near \"selec\"",
        ),
        (
            "grow/unset",
            "the environment variable `OKR_TEST_UNSET_URL` is not set",
        ),
        ("grow/refused", "cannot connect"),
        ("grow/slow", "no answer within 1 s"),
    ];
    for (reference, message) in expect {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("error: {reference}: ")))
            .unwrap_or_else(|| panic!("no error line for {reference}\n{run:?}"));
        assert!(line.contains(message), "{reference}: {line}\n{run:?}");
        run.stdout_contains(&format!("{reference}: failed"));
    }
    // Each names the source and what was asked.
    run.stderr_contains("error: grow/rows: app (sqlite): sql `select x from t` with :as_of = 2026-11-15T00:00:00Z: ");
    run.stderr_contains("error: grow/refused: closed (postgres): sql `select 1`");
    run.stderr_contains(&format!(
        "error: grow/slow: slowpoke (http): GET http://{server}/slow -> /total_count: "
    ));
    run.stderr_contains("error: 8 of 9 key results failed to sync; the others were synced");
    // The one that worked is committed.
    assert_eq!(okr.commit_count(), 2);
    assert!(last_message(&okr).contains("OKR-Key-Result: grow/ok\nOKR-Value: 7\n"));
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A server that accepts connections and never says a word.
fn silent_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(20) {
            held.push(stream);
        }
    });
    address
}

#[test]
fn a_server_that_says_nothing_times_out() {
    let silent = silent_server();
    let config = format!(
        "{CONFIG}  pg: {{type: postgres, url: 'postgres://okr@{silent}/x', timeout: 1s}}\n  web: {{type: http, base: 'http://{silent}', timeout: 1s}}\n  prom: {{type: prometheus, url: 'http://{silent}', timeout: 1s}}\n"
    );
    let key_results = r#"      - id: pg
        title: PostgreSQL
        start: 0
        target: 1
        current: 0
        source: {from: pg, sql: "select 1"}
      - id: web
        title: HTTP
        start: 0
        target: 1
        current: 0
        source: {from: web, get: /x, pointer: /n}
      - id: prom
        title: Prometheus
        start: 0
        target: 1
        current: 0
        source: {from: prom, query: up}
"#;
    let okr = commit(repo(&config, key_results)).timeout(Duration::from_secs(30));
    let run = okr.run_with(["sync"]);
    run.code(1);
    for reference in ["grow/pg", "grow/web", "grow/prom"] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("error: {reference}: ")))
            .unwrap_or_else(|| panic!("no error for {reference}\n{run:?}"));
        assert!(line.contains("no answer within 1 s"), "{line}");
    }
}

#[test]
fn progress_is_plain_lines_when_not_on_a_terminal() {
    let okr = commit(repo(CONFIG, FAILING));
    database(&okr, &[]);
    let run = okr.run_with(["sync", "--dry-run"]);
    for reference in ["grow/ok", "grow/text", "grow/rows", "grow/slow"] {
        run.stderr_contains(&format!("sync: {reference} from "));
    }
    assert!(
        !run.stderr.contains(['\r', '\u{1b}']),
        "no cursor movement or colours in a log: {run:?}"
    );
}

/// On a terminal (a pseudo-terminal made by util-linux's `script`) the plain
/// lines give way to indicatif's progress bar.
#[cfg(target_os = "linux")]
#[test]
fn progress_on_a_terminal_is_a_bar_not_lines() {
    let okr = commit(repo(CONFIG, FAILING));
    database(&okr, &[]);
    let okr_bin = env!("CARGO_BIN_EXE_okr");
    let output = std::process::Command::new("script")
        .args(["--quiet", "--return", "--command"])
        .arg(format!("'{okr_bin}' sync --dry-run"))
        .arg("/dev/null")
        .current_dir(okr.root())
        .env("OKR_TODAY", common::TODAY)
        .env("GIT_CEILING_DIRECTORIES", okr.temp_path())
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run script (util-linux)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("grow/ok: 0 -> 7"), "{text}");
    assert!(
        !text.contains("sync: grow/ok from app"),
        "no plain lines on a terminal: {text}"
    );
}

#[test]
fn json_output() {
    let okr = commit(repo(CONFIG, SIGNUPS));
    database(&okr, &["2026-10-02"]);
    let run = okr.run_with(["sync", "--format", "json"]);
    let json = run.code(0).json();
    assert_eq!(json["changed"], 1);
    assert_eq!(json["failed"], 0);
    let kr = &json["key_results"][0];
    assert_eq!(kr["ref"], "grow/signups");
    assert_eq!(kr["old"], 0.0);
    assert_eq!(kr["new"], 1.0);
    assert_eq!(kr["as_of"], "2026-11-15T00:00:00Z");
    assert_eq!(json["commit"].as_str().unwrap(), okr.head());
}

// --- Files and commands in the repository ----------------------------------------------

#[test]
fn file_cells_and_pointers_inside_the_repository() {
    let key_results = r#"      - id: nps
        title: NPS from 20 to 40
        start: 20
        target: 40
        current: 20
        source: {path: data/survey.csv, cell: B3}
      - id: uptime
        title: Keep uptime above 99.9
        keep_above: 99.9
        current: 99.95
        source: {from: reports, path: uptime.json, pointer: /months/1/uptime}
      - id: outside
        title: Escapes
        start: 0
        target: 1
        current: 0
        source: {path: data/link.csv, cell: A1}
"#;
    let config = format!("{CONFIG}  reports: {{type: file, path: data/reports}}\n");
    let okr = commit(
        repo(&config, key_results)
            .file(
                "data/survey.csv",
                "month,nps\n2026-10,24\n2026-11,\"31.5\"\n",
            )
            .file(
                "data/reports/uptime.json",
                r#"{"months": [{"uptime": 99.97}, {"uptime": 99.91}]}"#,
            ),
    );
    let secret = okr.temp_path().join("outside.csv");
    std::fs::write(&secret, "1\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, okr.root().join("data/link.csv")).unwrap();
    let run = okr.run_with(["sync"]);
    run.stdout_contains("grow/nps: 20 -> 31.5")
        .stdout_contains("grow/uptime: 99.95 -> 99.91");
    #[cfg(unix)]
    run.code(1)
        .stderr_contains("data/link.csv leads outside the repository");
}

#[test]
fn paths_that_leave_the_repository_are_schema_errors() {
    let config = format!(
        "{CONFIG}  other: {{type: sqlite, path: ../elsewhere.db}}\n  abs: {{type: sqlite, path: /etc/app.db}}\n"
    );
    let key_results = r#"      - id: nps
        title: NPS from 20 to 40
        start: 20
        target: 40
        current: 20
        source: {path: ../../secret.csv, cell: A1, evry: 1d}
"#;
    let okr = repo(&config, key_results);
    let run = okr.run_with(["check", "--format", "json"]);
    let messages: Vec<String> = run
        .findings()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}:{} {}",
                f.rule, f.file, f.line, f.column, f.message
            )
        })
        .collect();
    let all = messages.join("\n");
    assert!(all.contains("schema okr.yaml:9:"), "{all}");
    assert!(all.contains("leaves the repository"), "{all}");
    assert!(all.contains("schema okr.yaml:10:"), "{all}");
    assert!(
        all.contains("schema okrs/2026-Q4/company.yaml:14:"),
        "{all}"
    );
    assert!(all.contains("unknown key `evry`"), "{all}");
    assert!(all.contains("did you mean `every`?"), "{all}");
    run.code(1);
}

#[test]
fn commands_run_only_when_okr_yaml_allows_them() {
    let key_results = r#"      - id: deploys
        title: Deploys from 0 to 50
        start: 0
        target: 50
        current: 0
        source: {run: "echo 17"}
      - id: as-of
        title: Sees the as-of time
        start: 0
        target: 50
        current: 0
        source: {run: "test \"$OKR_AS_OF\" = 2026-11-15T00:00:00Z && echo 3"}
"#;
    let okr = commit(repo(CONFIG, key_results));
    okr.run_with(["sync", "--dry-run"]).code(1).stderr_contains(
        "command sources are off; okr.yaml must say `sync: {allow-command: true}`",
    );
    let okr = okr.file(
        "okr.yaml",
        format!("{CONFIG}sync:\n  allow-command: true\n"),
    );
    okr.git(["commit", "--quiet", "--all", "--message", "allow commands"]);
    okr.run_with(["sync"])
        .code(0)
        .stdout_contains("grow/deploys: 0 -> 17")
        .stdout_contains("grow/as-of: 0 -> 3");
}

#[test]
fn refuses_to_sweep_in_staged_work() {
    let okr = commit(repo(CONFIG, SIGNUPS)).file("notes.txt", "mine\n");
    database(&okr, &["2026-10-02"]);
    okr.git(["add", "notes.txt"]);
    okr.run_with(["sync"])
        .code(2)
        .stderr_contains("other changes are staged (notes.txt)");
    assert_eq!(okr.commit_count(), 1);
    assert!(
        okr.read("okrs/2026-Q4/company.yaml")
            .contains("current: 0\n")
    );
}

#[test]
fn a_hand_edit_of_a_synced_value_is_noted_by_diff() {
    let okr = commit(repo(CONFIG, SIGNUPS));
    database(&okr, &["2026-10-02"]);
    okr.git(["branch", "base"]);
    okr.run_with(["sync"]).code(0);
    okr.run_with(["diff", "base"])
        .code(0)
        .stdout_contains("~ grow/signups current: 0 (0.00) → 1 (0.01)");
    assert!(!okr.run_with(["diff", "base"]).stdout.contains("by hand"));
    let okr = okr.replace("okrs/2026-Q4/company.yaml", "current: 1", "current: 9");
    okr.run_with(["diff", "base"])
        .code(0)
        .stdout_contains("warning: grow/signups: value changed by hand from 0 to 9 in the working tree, but it is synced from source `app`");
}

#[test]
fn source_stale_reads_the_last_sync_from_history() {
    let okr = commit(repo(CONFIG, SIGNUPS));
    database(&okr, &["2026-10-02"]);
    okr.run_with(["check", "--format", "json"])
        .stdout_contains("has not been synced since its cycle started on 2026-10-01");
    okr.run_at(&common::at("2026-11-14"), ["sync"]).code(0);
    let fresh = okr.run_with(["check", "--format", "json"]);
    assert!(
        fresh.findings().iter().all(|f| f.rule != "source-stale"),
        "{fresh:?}"
    );
    let later = okr.run_with_env(
        &[("OKR_TODAY", "2026-11-20")],
        ["check", "--format", "json"],
    );
    later.stdout_contains("was last synced on 2026-11-14, longer ago than its `every: 1d`");
}

#[test]
fn misspelt_source_keys_get_did_you_mean() {
    let config = format!(
        "{CONFIG}  gh: {{type: http, bearer_env: GH_TOKEN, base: 'http://127.0.0.1:9'}}\n  pg: {{type: postgress}}\nsync:\n  allow_command: true\n"
    );
    let run = repo(&config, SIGNUPS).run_with(["check", "--format", "json"]);
    let messages: Vec<String> = run.findings().iter().map(|f| f.message.clone()).collect();
    let all = messages.join("\n");
    assert!(
        all.contains("unknown key `bearer_env` in `sources.gh`; did you mean `bearer-env`?"),
        "{all}"
    );
    assert!(all.contains("did you mean `postgres`?"), "{all}");
    assert!(
        all.contains("unknown key `allow_command` in `sync`; did you mean `allow-command`?"),
        "{all}"
    );
    run.code(1);
}
