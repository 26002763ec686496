//! `okr sync` against a PostgreSQL server the test starts itself: `initdb` and
//! `pg_ctl` on a temporary folder and a free loopback port (as `nobody` when
//! the tests run as root, since PostgreSQL refuses to run as root).
//! `.ci/run` installs PostgreSQL; run with `cargo test -- --include-ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Okr;

const PASSWORD: &str = "pg-secret-0123456789";

/// A PostgreSQL server on 127.0.0.1, stopped when dropped.
struct Server {
    _dir: tempfile::TempDir,
    data: PathBuf,
    bin: PathBuf,
    port: u16,
    as_user: Option<String>,
}

impl Server {
    fn start() -> Server {
        let bin = postgres_bin().expect(
            "PostgreSQL's initdb was not found (in /usr/lib/postgresql/*/bin or on PATH); install PostgreSQL (`apt-get install postgresql`; .ci/run does)",
        );
        let dir = tempfile::Builder::new()
            .prefix("okr-pg-")
            .tempdir()
            .unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        // PostgreSQL will not run as root: hand the folder to `nobody`.
        let as_user = running_as_root().then(|| "nobody".to_owned());
        if let Some(user) = &as_user {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
            let uid = output("id", &["-u", user]).trim().parse::<u32>().unwrap();
            let gid = output("id", &["-g", user]).trim().parse::<u32>().unwrap();
            std::os::unix::fs::chown(&data, Some(uid), Some(gid)).unwrap();
        }
        let port = free_port();
        let server = Server {
            _dir: dir,
            data,
            bin,
            port,
            as_user,
        };
        server.run(
            "initdb",
            &[
                "-D",
                &server.data.to_string_lossy(),
                "-U",
                "okr",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            server.data.display()
        );
        server.run(
            "pg_ctl",
            &[
                "-D",
                &server.data.to_string_lossy(),
                "-o",
                &options,
                "-l",
                &server.data.join("log").to_string_lossy(),
                "-w",
                "start",
            ],
        );
        server
    }

    fn run(&self, tool: &str, args: &[&str]) -> String {
        let path = self.bin.join(tool);
        let mut command = match &self.as_user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&path);
                c
            }
            None => Command::new(&path),
        };
        let out = command.args(args).output().expect("run a PostgreSQL tool");
        assert!(
            out.status.success(),
            "{tool} {args:?} failed\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs SQL through the `postgres` crate (the same client okr uses).
    fn sql(&self, sql: &str) {
        let mut client = postgres::Client::connect(
            &format!("host=127.0.0.1 port={} user=okr dbname=postgres", self.port),
            postgres::NoTls,
        )
        .unwrap();
        client.batch_execute(sql).unwrap();
    }

    fn url(&self) -> String {
        format!("postgres://okr:{PASSWORD}@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let path = self.bin.join("pg_ctl");
        let data = self.data.to_string_lossy().into_owned();
        let args = ["-D", data.as_str(), "-m", "immediate", "stop"];
        let _ = match &self.as_user {
            Some(user) => Command::new("runuser")
                .args(["-u", user, "--"])
                .arg(&path)
                .args(args)
                .output(),
            None => Command::new(&path).args(args).output(),
        };
    }
}

fn output(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn running_as_root() -> bool {
    output("id", &["-u"]).trim() == "0"
}

/// The folder of `initdb` and `pg_ctl`: the newest under /usr/lib/postgresql, else PATH.
fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .or_else(|| {
            let path = output("sh", &["-c", "command -v initdb"]);
            Path::new(path.trim()).parent().map(Path::to_path_buf)
        })
        .filter(|bin| bin.join("initdb").is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

const OKRS: &str = r#"cycle: 2026-Q4
team: company
objectives:
  - id: grow
    title: Grow
    owner: ana
    status: agreed
    key_results:
      - id: signups
        title: Sign-ups from 0 to 100
        start: 0
        target: 100
        current: 0
        source: {from: warehouse, sql: "select count(*) from signups where created_at < :as_of", every: 1d}
      - id: revenue
        title: Revenue from 0 to 5000
        start: 0
        target: 5000
        current: 0
        source: {from: warehouse, sql: "select sum(amount) from orders where day < :as_of"}
      - id: churned
        title: Churned teams from 5 to 0
        start: 5
        target: 0
        current: 5
        source: {from: warehouse, sql: "select count(*) from signups where created_at < '2000-01-01'"}
      - id: writes
        title: Tries to write
        start: 0
        target: 1
        current: 0
        source: {from: warehouse, sql: "delete from signups"}
      - id: slow
        title: Too slow
        start: 0
        target: 1
        current: 0
        source: {from: slow, sql: "select 1 from pg_sleep(5)"}
      - id: rows
        title: Several rows
        start: 0
        target: 1
        current: 0
        source: {from: warehouse, sql: "select amount from orders"}
"#;

fn organisation() -> Okr {
    let okr = Okr::new()
        .file(
            "okr.yaml",
            "organization: PG\nteams:\n  - id: company\n    lead: ana\npeople:\n  - id: ana\nsources:\n  warehouse: {type: postgres, url-env: OKR_WAREHOUSE_URL}\n  slow: {type: postgres, url-env: OKR_WAREHOUSE_URL, timeout: 1s}\n",
        )
        .file("okrs/2026-Q4/company.yaml", OKRS)
        .git_init();
    okr.git(["add", "--all"]);
    okr.git_at(
        &common::at("2026-10-01"),
        ["commit", "--quiet", "--message", "Q4"],
    );
    okr
}

#[test]
#[ignore = "needs postgresql"]
fn postgres_syncs_read_only_with_a_statement_timeout() {
    let server = Server::start();
    server.sql(
        "create table signups (created_at timestamptz);
         insert into signups values ('2026-10-02'), ('2026-11-14 23:00+00'), ('2026-11-15 08:00+00'), ('2027-01-03');
         create table orders (day date, amount numeric(12, 2));
         insert into orders values ('2026-10-05', 1200.50), ('2026-11-01', 99.25), ('2026-12-30', 10);",
    );
    let okr = organisation().env("OKR_WAREHOUSE_URL", &server.url());
    let run = okr.run_with(["sync"]);
    run.code(1)
        .stdout_contains("grow/signups: 0 -> 2 (warehouse, as of 2026-11-15T00:00:00Z")
        .stdout_contains("grow/revenue: 0 -> 1299.75")
        .stdout_contains("grow/churned: 5 -> 0")
        .stderr_contains("error: grow/writes: warehouse (postgres): sql `delete from signups`")
        .stderr_contains("cannot execute DELETE in a read-only transaction")
        .stderr_contains("error: grow/slow: slow (postgres): ")
        .stderr_contains("no answer within 1 s")
        .stderr_contains("error: grow/rows: ")
        .stderr_contains("the answer has 3 rows");
    for text in [&run.stdout, &run.stderr, &okr.git(["log", "-p"])] {
        assert!(!text.contains(PASSWORD), "the password leaked: {text}");
    }
    let message = okr.git(["log", "-1", "--format=%B"]);
    assert!(
        message.contains(
            "OKR-Key-Result: grow/revenue\nOKR-Value: 1299.75\nOKR-Source: warehouse sql sha256="
        ),
        "{message}"
    );
    // The read-only transaction kept `writes` from deleting anything: the
    // rows change only when the test itself deletes one.
    server.sql("delete from signups where created_at < '2026-10-03'");
    okr.run_with(["sync", "grow/signups"])
        .code(0)
        .stdout_contains("grow/signups: 2 -> 1");
    let again = okr.run_with(["sync", "grow/signups", "grow/revenue"]);
    again.code(0).stdout_contains("nothing changed; no commit");

    // After the quarter the as-of stops at its end: the row of 2027 is not counted.
    okr.run_with_env(
        &[("OKR_TODAY", "2027-02-01")],
        ["sync", "grow/signups", "--dry-run"],
    )
    .code(0)
    .stdout_contains("grow/signups: 1 -> 2 (warehouse, as of 2027-01-01T00:00:00Z");
}

#[test]
#[ignore = "needs postgresql"]
fn postgres_connection_errors_name_the_source_and_hide_the_password() {
    let server = Server::start();
    let okr = organisation();
    let wrong_db = server.url().replace("/postgres", "/nosuch");
    let run = okr.run_with_env(
        &[("OKR_WAREHOUSE_URL", &wrong_db)],
        ["source", "test", "grow/signups"],
    );
    run.code(1)
        .stderr_contains("error: grow/signups: warehouse (postgres): ")
        .stderr_contains("database \"nosuch\" does not exist");
    assert!(
        !run.stderr.contains(PASSWORD) && !run.stdout.contains(PASSWORD),
        "{run:?}"
    );
    let probe = okr.run_with_env(
        &[("OKR_WAREHOUSE_URL", &server.url())],
        ["source", "test", "warehouse"],
    );
    probe.code(0).stdout_contains("value:   1");
}
