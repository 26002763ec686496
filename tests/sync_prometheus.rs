//! `okr sync` against a Prometheus server from Debian's package, with fixed
//! samples loaded by `promtool tsdb create-blocks-from openmetrics`, queried
//! at two instants. `.ci/run` installs Prometheus; run with
//! `cargo test -- --include-ignored`.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Okr;

/// A Prometheus server on 127.0.0.1, killed when dropped.
struct Server {
    _dir: tempfile::TempDir,
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn seconds(day: &str) -> i64 {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp()
}

/// Samples one minute before midnight of 2026-11-01 and of 2026-11-15.
fn samples() -> String {
    let (a, b) = (seconds("2026-11-01") - 60, seconds("2026-11-15") - 60);
    format!(
        "# TYPE okr_active_teams gauge\n\
         okr_active_teams{{plan=\"free\"}} 30 {a}\n\
         okr_active_teams{{plan=\"free\"}} 41 {b}\n\
         okr_active_teams{{plan=\"paid\"}} 7 {a}\n\
         okr_active_teams{{plan=\"paid\"}} 0 {b}\n\
         # EOF\n"
    )
}

fn start() -> Server {
    for tool in ["prometheus", "promtool"] {
        assert!(
            Command::new(tool).arg("--version").output().is_ok(),
            "{tool} is not installed; `apt-get install prometheus` (.ci/run does)"
        );
    }
    let dir = tempfile::Builder::new()
        .prefix("okr-prom-")
        .tempdir()
        .unwrap();
    let input = dir.path().join("samples.om");
    std::fs::write(&input, samples()).unwrap();
    let data = dir.path().join("data");
    let made = Command::new("promtool")
        .args(["tsdb", "create-blocks-from", "openmetrics"])
        .arg(&input)
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "promtool: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let config = dir.path().join("prometheus.yml");
    std::fs::write(&config, "global: {}\n").unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("prometheus")
        .arg(format!("--config.file={}", config.display()))
        .arg(format!("--storage.tsdb.path={}", data.display()))
        .arg("--storage.tsdb.retention.time=100y")
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server {
        _dir: dir,
        child,
        port,
    };
    let started = Instant::now();
    while !ready(port) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "Prometheus did not start"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    server
}

fn ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = format!("GET /-/ready HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200")
}

const OKRS: &str = r#"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Grow
    owner: ana
    status: agreed
    key_results:
      - id: free
        title: Active free teams from 20 to 60
        start: 20
        target: 60
        current: 20
        source: {from: prom, query: 'sum(okr_active_teams{plan="free"})'}
      - id: paid
        title: Paid teams lost, from 10 to 0
        start: 10
        target: 0
        current: 10
        source: {from: prom, query: 'okr_active_teams{plan="paid"}'}
      - id: both
        title: Two series
        start: 0
        target: 1
        current: 0
        source: {from: prom, query: okr_active_teams}
      - id: none
        title: No series
        start: 0
        target: 1
        current: 0
        source: {from: prom, query: okr_missing_metric}
      - id: broken
        title: Bad PromQL
        start: 0
        target: 1
        current: 0
        source: {from: prom, query: 'sum(('}
"#;

#[test]
#[ignore = "needs prometheus"]
fn prometheus_instant_queries_at_the_as_of_time() {
    let server = start();
    let okr = Okr::new()
        .file(
            "okr.yaml",
            format!(
                "organization: Prom\nteams:\n  - id: company\n    lead: ana\npeople:\n  - id: ana\nsources:\n  prom: {{type: prometheus, url: 'http://127.0.0.1:{}'}}\n",
                server.port
            ),
        )
        .file("okrs/2026-Q4/company.yaml", OKRS)
        .committed();
    // The first instant: 2026-11-01.
    let early = okr.run_with(["sync", "--as-of", "2026-11-01", "--dry-run"]);
    early
        .code(1)
        .stdout_contains("grow/free: 20 -> 30 (prom, as of 2026-11-01T00:00:00Z")
        .stdout_contains("grow/paid: 10 -> 7");
    // The second, today: 2026-11-15; zero is a value.
    let run = okr.run_with(["sync"]);
    run.code(1)
        .stdout_contains("grow/free: 20 -> 41 (prom, as of 2026-11-15T00:00:00Z")
        .stdout_contains("grow/paid: 10 -> 0")
        .stderr_contains("error: grow/both: prom (prometheus): GET http://127.0.0.1:")
        .stderr_contains("the answer has 2 series")
        .stderr_contains("error: grow/none: ")
        .stderr_contains("the answer is empty (no series at that time)")
        .stderr_contains("error: grow/broken: ")
        .stderr_contains("HTTP 400 Bad Request: ");
    let message = okr.git(["log", "-1", "--format=%B"]);
    assert!(
        message.contains("OKR-Key-Result: grow/paid\nOKR-Value: 0\nOKR-Source: prom query sha256="),
        "{message}"
    );
    assert!(message.contains("OKR-As-Of: 2026-11-15T00:00:00Z"));
    // The same instant again gives the same values: no commit.
    let count = okr.commit_count();
    okr.run_with(["sync", "grow/free", "grow/paid"])
        .code(0)
        .stdout_contains("nothing changed; no commit");
    assert_eq!(okr.commit_count(), count);
    okr.run_with(["source", "test", "prom"])
        .code(0)
        .stdout_contains("value:   1");
}
