//! `okr sync` and `okr source test` on HTTP sources, end to end: a server on
//! loopback that answers as GitHub's search API (and GitLab's issue
//! statistics) do, with their JSON shapes and rate-limit headers, a 401, a 500
//! and a rate limit.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use common::Okr;

/// A token the tests hand okr; it must never appear in what okr prints or commits.
const TOKEN: &str = "ghp_testtoken0123456789abcdefSECRET";

const CONFIG: &str = "organization: Sync Inc.\nteams:\n  - id: company\n    lead: ana\npeople:\n  - id: ana\nsources:\n";

fn repo(config: &str, key_results: &str) -> Okr {
    let okr = Okr::new()
        .file("okr.yaml", config)
        .file(
            "okrs/2026-Q4/company.yaml",
            format!(
                "cycle: 2026-Q4\nteam: company\nobjectives:\n  - id: grow\n    title: Grow\n    owner: ana\n    status: agreed\n    key_results:\n{key_results}"
            ),
        )
        .git_init();
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

/// Starts a server on loopback that answers like `api.github.com/search/issues`
/// (the shapes and headers GitHub sends), and returns `127.0.0.1:PORT`.
fn github_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(200) {
            let Ok(stream) = stream else { continue };
            std::thread::spawn(move || answer(stream));
        }
    });
    address
}

fn answer(mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut authorized = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if line.to_ascii_lowercase().starts_with("authorization:") {
            authorized = line.trim_end().ends_with(&format!("Bearer {TOKEN}"));
        }
    }
    let path = request_line.split(' ').nth(1).unwrap_or("/").to_owned();
    let rate = "x-ratelimit-limit: 30\r\nx-ratelimit-remaining: 29\r\nx-ratelimit-reset: 1795000000\r\nx-ratelimit-resource: search\r\n";
    let (status, headers, body) = if path.starts_with("/slow") {
        std::thread::sleep(Duration::from_secs(4));
        (
            "200 OK",
            rate.to_owned(),
            r#"{"total_count": 1}"#.to_owned(),
        )
    } else if path.starts_with("/boom") {
        (
            "500 Internal Server Error",
            String::new(),
            r#"{"message": "Server Error"}"#.to_owned(),
        )
    } else if path.starts_with("/limited") {
        (
            "403 Forbidden",
            "x-ratelimit-limit: 30\r\nx-ratelimit-remaining: 0\r\nx-ratelimit-reset: 1795000000\r\n".to_owned(),
            r#"{"message": "API rate limit exceeded for user ID 1.", "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#.to_owned(),
        )
    } else if path.starts_with("/gitlab/api/v4/projects/acme%2Fapp/issues_statistics?") {
        // GitLab's issue statistics, for the filters asked.
        let body = if path.contains("scope=all") && path.contains("labels=bug") {
            r#"{"statistics": {"counts": {"all": 53, "closed": 10, "opened": 43}}}"#
        } else {
            r#"{"statistics": {"counts": {"all": 0, "closed": 0, "opened": 0}}}"#
        };
        ("200 OK", String::new(), body.to_owned())
    } else if path.starts_with("/words") {
        (
            "200 OK",
            rate.to_owned(),
            r#"{"total_count": "many"}"#.to_owned(),
        )
    } else if !authorized {
        (
            "401 Unauthorized",
            String::new(),
            r#"{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}"#.to_owned(),
        )
    } else if path.starts_with("/search/issues?") {
        let count = if path.contains("label%3Azero") { 0 } else { 42 };
        (
            "200 OK",
            rate.to_owned(),
            format!(
                r#"{{"total_count": {count}, "incomplete_results": false, "items": [{{"url": "https://api.github.com/repos/acme/app/issues/1", "number": 1, "title": "Crash on start", "state": "open", "labels": [{{"name": "bug"}}]}}]}}"#
            ),
        )
    } else {
        (
            "404 Not Found",
            String::new(),
            r#"{"message": "Not Found"}"#.to_owned(),
        )
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json; charset=utf-8\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
}

const GITHUB: &str = r#"      - id: bugs
        title: Open bugs from 40 to 10
        start: 40
        target: 10
        current: 40
        source: {from: github, search: "repo:acme/app is:issue is:open label:bug"}
      - id: zero
        title: Crashes from 5 to 0
        start: 5
        target: 0
        current: 5
        source: {from: github, search: "repo:acme/app is:issue is:open label:zero"}
      - id: plain
        title: The same through get and pointer
        start: 40
        target: 10
        current: 40
        source: {from: github, get: "/search/issues?q=repo:acme/app&per_page=1", pointer: /total_count}
"#;

fn github_config(server: &str) -> String {
    format!(
        "{CONFIG}  github: {{type: http, preset: github, base: 'http://{server}', bearer-env: GH_TOKEN}}\n"
    )
}

#[test]
fn github_search_counts_with_the_token_never_shown() {
    let server = github_server();
    let okr = repo(&github_config(&server), GITHUB).env("GH_TOKEN", TOKEN);
    let run = okr.run_with(["sync"]);
    run.code(0)
        .stdout_contains("grow/bugs: 40 -> 42")
        .stdout_contains("grow/zero: 5 -> 0")
        .stdout_contains("grow/plain: 40 -> 42");
    let message = last_message(&okr);
    assert!(message.starts_with("sync: 3 key results\n"), "{message}");
    assert!(message.contains("OKR-Source: github search sha256="));
    assert!(message.contains("OKR-Source: github get sha256="));
    let test = okr.run_with(["source", "test", "grow/bugs"]);
    test.code(0)
        .stdout_contains("value:   42")
        .stdout_contains(&format!(
            "request: github (http): GET http://{server}/search/issues?q=repo%3Aacme%2Fapp%20is%3Aissue%20is%3Aopen%20label%3Abug&per_page=1 -> /total_count"
        ));
    for text in [
        &run.stdout,
        &run.stderr,
        &test.stdout,
        &test.stderr,
        &message,
    ] {
        assert!(!text.contains(TOKEN), "the token leaked: {text}");
    }
    let log = okr.git(["log", "--all", "-p"]);
    assert!(!log.contains(TOKEN));
}

#[test]
fn http_errors_say_what_the_server_said() {
    let server = github_server();
    let key_results = r#"      - id: denied
        title: Wrong token
        start: 40
        target: 10
        current: 40
        source: {from: github, search: "repo:acme/app label:bug"}
      - id: boom
        title: Server error
        start: 40
        target: 10
        current: 40
        source: {from: github, get: /boom, pointer: /total_count}
      - id: limited
        title: Rate limited
        start: 40
        target: 10
        current: 40
        source: {from: github, get: /limited, pointer: /total_count}
      - id: words
        title: Not a number
        start: 40
        target: 10
        current: 40
        source: {from: github, get: /words, pointer: /total_count}
      - id: elsewhere
        title: Another host
        start: 40
        target: 10
        current: 40
        source: {from: github, get: "//evil.example/x", pointer: /total_count}
"#;
    let wrong = "ghp_wrongtoken0123456789abcdefXYZ";
    let okr = repo(&github_config(&server), key_results).env("GH_TOKEN", wrong);
    let run = okr.run_with(["sync"]);
    run.code(1)
        .stderr_contains("error: grow/denied: github (http): GET ")
        .stderr_contains("the source answered with an error: HTTP 401 Unauthorized: Bad credentials")
        .stderr_contains("HTTP 500 Internal Server Error: Server Error")
        .stderr_contains("HTTP 403 Forbidden: API rate limit exceeded for user ID 1. (rate limit exhausted; it resets at 2026-11-18T")
        .stderr_contains("grow/words: ")
        .stderr_contains("the answer is not a number: \"many\"")
        .stderr_contains("must be a path that starts with `/`");
    assert!(!run.stdout.contains(wrong) && !run.stderr.contains(wrong));
    assert_eq!(okr.commit_count(), 1, "nothing synced, nothing committed");
    // No token at all.
    let unset = okr.run_with_env(&[("GH_TOKEN", "")], ["source", "test", "grow/denied"]);
    unset.code(1).stderr_contains(
        "the environment variable `GH_TOKEN` is not set (okr.yaml names it in `bearer-env`)",
    );
}

#[test]
fn gitlab_issue_statistics() {
    let server = github_server();
    let config = format!(
        "{CONFIG}  gitlab: {{type: http, preset: gitlab, base: 'http://{server}/gitlab/api/v4'}}\n"
    );
    let key_results = r#"      - id: open-bugs
        title: Open bugs from 60 to 20
        start: 60
        target: 20
        current: 60
        source: {from: gitlab, project: acme/app, issues: "labels=bug"}
      - id: closed-bugs
        title: Closed bugs from 0 to 40
        start: 0
        target: 40
        current: 0
        source: {from: gitlab, project: acme/app, issues: "labels=bug", state: closed}
      - id: bad-state
        title: A count GitLab has not
        start: 0
        target: 40
        current: 0
        source: {from: gitlab, project: acme/app, issues: "labels=bug", state: reopened}
"#;
    let okr = repo(&config, key_results);
    okr.run_with(["sync"])
        .code(1)
        .stdout_contains("grow/open-bugs: 60 -> 43")
        .stdout_contains("grow/closed-bugs: 0 -> 10")
        .stderr_contains(
            "error: grow/bad-state: gitlab (http): issues `labels=bug`: `state: reopened` is not a count",
        );
    okr.run_with(["source", "test", "grow/open-bugs"])
        .code(0)
        .stdout_contains(&format!(
            "request: gitlab (http): GET http://{server}/gitlab/api/v4/projects/acme%2Fapp/issues_statistics?scope=all&labels=bug -> /statistics/counts/opened"
        ));
}
