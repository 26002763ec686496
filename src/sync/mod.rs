//! Data-source adapters: ask one source for one number as of a time. They use
//! only `model`; they return plain data (the value, the request with secrets
//! redacted, the time taken) or a typed error, and never write anything.

mod command;
mod file;
mod http;
mod postgres;
mod prometheus;
mod sqlite;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::model::{KrSource, SourceDecl, SourceKind};

/// How long a query may take unless the source says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The most bytes read from an answer, a file or a command's output.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// One question to one source.
pub struct Request<'a> {
    /// The source's name (`from:`, else `command` or `file`).
    pub name: &'a str,
    /// Its declaration in okr.yaml; `None` for a key result's own `run:` or `path:`.
    pub decl: Option<&'a SourceDecl>,
    /// What the key result asks.
    pub source: &'a KrSource,
    /// The time the value is asked for.
    pub as_of: DateTime<Utc>,
    /// The OKR root: `path:`s are relative to it and stay inside it.
    pub root: &'a Path,
    /// Whether okr.yaml allows `command` sources.
    pub allow_command: bool,
    /// Reads an environment variable (the process's, or a test's).
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

/// What a source answered.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub value: f64,
    /// The exact request, secrets replaced by `***`.
    pub request: String,
    pub took: Duration,
}

/// Why a source gave no number. Each kind of failure has its own message.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// An environment variable that okr.yaml names is not set.
    MissingEnv { var: String, field: &'static str },
    /// The declaration or the key result's `source:` does not say enough.
    Config(String),
    /// `command` sources are off.
    CommandNotAllowed,
    /// The source could not be reached.
    Connect(String),
    /// No answer in time.
    Timeout(Duration),
    /// The source answered with an error.
    Server(String),
    /// The answer is not a number.
    NotANumber(String),
    /// More than one row (or series, or column).
    Several { count: usize, what: &'static str },
    /// No row, series or value.
    Empty(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::MissingEnv { var, field } => write!(
                f,
                "the environment variable `{var}` is not set (okr.yaml names it in `{field}`); set it where okr sync runs, e.g. from a CI secret"
            ),
            FetchError::Config(message) => f.write_str(message),
            FetchError::CommandNotAllowed => f.write_str(
                "command sources are off; okr.yaml must say `sync: {allow-command: true}` for okr to run them",
            ),
            FetchError::Connect(message) => write!(f, "cannot connect: {message}"),
            FetchError::Timeout(after) => write!(
                f,
                "no answer within {} s (the source's `timeout`, default 30s)",
                after.as_secs_f64()
            ),
            FetchError::Server(message) => write!(f, "the source answered with an error: {message}"),
            FetchError::NotANumber(found) => write!(
                f,
                "the answer is not a number: {found}; the query must return exactly one number"
            ),
            FetchError::Several { count, what } => write!(
                f,
                "the answer has {count} {what}; the query must return exactly one number (aggregate it, e.g. count(*) or sum(...))"
            ),
            FetchError::Empty(what) => write!(
                f,
                "the answer is empty ({what}); the query must return exactly one number (zero counts: use coalesce(..., 0) or count(*))"
            ),
        }
    }
}

impl std::error::Error for FetchError {}

/// A failed fetch: what was asked (redacted) and why it failed.
#[derive(Debug, Clone)]
pub struct Failure {
    pub request: String,
    pub error: FetchError,
}

/// Asks the source for the key result's value.
pub fn fetch(req: &Request<'_>) -> Result<Fetched, Failure> {
    let started = Instant::now();
    let mut secrets = Vec::new();
    let mut request = describe(req);
    let result = run(req, &mut secrets, &mut request);
    let request = redact(&request, &secrets);
    match result {
        Ok(value) => Ok(Fetched {
            value,
            request,
            took: started.elapsed(),
        }),
        Err(error) => Err(Failure {
            request,
            error: redact_error(error, &secrets),
        }),
    }
}

fn run(
    req: &Request<'_>,
    secrets: &mut Vec<String>,
    request: &mut String,
) -> Result<f64, FetchError> {
    match kind(req)? {
        SourceKind::Sqlite => sqlite::fetch(req, secrets),
        SourceKind::Postgres => postgres::fetch(req, secrets),
        SourceKind::Http => http::fetch(req, secrets, request),
        SourceKind::Prometheus => prometheus::fetch(req, secrets, request),
        SourceKind::File => file::fetch(req),
        SourceKind::Command => command::fetch(req),
    }
}

/// The kind of source a request goes to.
pub fn kind(req: &Request<'_>) -> Result<SourceKind, FetchError> {
    match (req.decl, &req.source.run, &req.source.path) {
        (Some(decl), ..) => Ok(decl.kind),
        (None, Some(_), _) => Ok(SourceKind::Command),
        (None, None, Some(_)) => Ok(SourceKind::File),
        (None, None, None) => Err(FetchError::Config(format!(
            "no source `{}` in okr.yaml's `sources:`",
            req.name
        ))),
    }
}

/// The key result's question as one line, for messages and `okr source test`
/// (before secrets are known: it holds only what the files say).
fn describe(req: &Request<'_>) -> String {
    let s = req.source;
    let what = match (
        &s.sql, &s.get, &s.query, &s.search, &s.issues, &s.run, &s.path,
    ) {
        (Some(sql), ..) => format!("sql `{}` with :as_of = {}", one_line(sql), iso(req.as_of)),
        (_, Some(get), ..) => format!("GET {get}"),
        (_, _, Some(query), ..) => format!("query `{}` at {}", one_line(query), iso(req.as_of)),
        (_, _, _, Some(search), ..) => format!("search `{}`", one_line(search)),
        (_, _, _, _, Some(issues), ..) => format!("issues `{}`", one_line(issues)),
        (_, _, _, _, _, Some(run), _) => format!("run `{}`", one_line(run)),
        (_, _, _, _, _, _, Some(path)) => format!("file {path}"),
        _ => "nothing".to_owned(),
    };
    let kind = kind(req).map_or("unknown", |k| k.as_str());
    format!("{} ({kind}): {what}", req.name)
}

/// `name kind sha256=...`: what the `OKR-Source` trailer records of a query.
pub fn provenance(name: &str, source: &KrSource) -> String {
    let (what, text): (&str, String) = match source {
        KrSource { sql: Some(t), .. } => ("sql", t.clone()),
        KrSource { get: Some(t), .. } => ("get", format!("{t} {}", opt(&source.pointer))),
        KrSource { query: Some(t), .. } => ("query", t.clone()),
        KrSource {
            search: Some(t), ..
        } => ("search", t.clone()),
        KrSource {
            issues: Some(t), ..
        } => (
            "issues",
            format!("{t} {} {}", opt(&source.project), opt(&source.state)),
        ),
        KrSource { run: Some(t), .. } => ("run", t.clone()),
        KrSource { path: Some(t), .. } => (
            "file",
            format!("{t} {} {}", opt(&source.cell), opt(&source.pointer)),
        ),
        _ => ("none", String::new()),
    };
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{name} {what} sha256={hex}")
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// The as-of time as SQL and trailers get it: `2026-12-01T00:00:00Z`.
pub fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The source's timeout.
fn timeout(req: &Request<'_>) -> Duration {
    req.decl
        .and_then(|d| d.timeout)
        .map_or(DEFAULT_TIMEOUT, |t| t.duration())
}

/// An environment variable named in okr.yaml's `field`, remembered as a secret.
fn env_secret(
    req: &Request<'_>,
    var: &str,
    field: &'static str,
    secrets: &mut Vec<String>,
) -> Result<String, FetchError> {
    match (req.env)(var) {
        Some(value) if !value.trim().is_empty() => {
            remember(secrets, &value);
            Ok(value)
        }
        _ => Err(FetchError::MissingEnv {
            var: var.to_owned(),
            field,
        }),
    }
}

/// Remembers a secret and, for a URL, the password in it.
fn remember(secrets: &mut Vec<String>, value: &str) {
    if value.len() >= 4 {
        secrets.push(value.to_owned());
    }
    if let Some(password) = url_password(value) {
        secrets.push(password.to_owned());
    }
}

pub use crate::model::url_password;

/// `text` with every secret replaced by `***` (longest first, so that a URL
/// goes before the password in it).
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut sorted: Vec<&String> = secrets.iter().filter(|s| !s.is_empty()).collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_owned();
    for secret in sorted {
        out = out.replace(secret.as_str(), "***");
    }
    out
}

fn redact_error(error: FetchError, secrets: &[String]) -> FetchError {
    let r = |s: String| redact(&s, secrets);
    match error {
        FetchError::Config(m) => FetchError::Config(r(m)),
        FetchError::Connect(m) => FetchError::Connect(r(m)),
        FetchError::Server(m) => FetchError::Server(r(m)),
        FetchError::NotANumber(m) => FetchError::NotANumber(r(m)),
        FetchError::Empty(m) => FetchError::Empty(r(m)),
        other => other,
    }
}

/// Text from a source made inert for a terminal or a log (control characters
/// and bidi overrides shown escaped, as everywhere in okr), on one line, at
/// most 300 characters of it.
pub fn inert(text: &str) -> String {
    let text = text.trim();
    let kept: String = text.chars().take(300).collect();
    let mut out = crate::model::text::inert(&kept).into_owned();
    if kept.len() < text.len() {
        out.push('…');
    }
    out
}

/// A query on one line, for messages.
fn one_line(text: &str) -> String {
    inert(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A number written as text (`42`, `-3.5`, `1e3`); anything else is not one.
pub fn number(text: &str) -> Result<f64, FetchError> {
    let trimmed = text.trim();
    match trimmed.parse::<f64>() {
        Ok(x)
            if x.is_finite() && !trimmed.is_empty() && !trimmed.contains(['n', 'N', 'i', 'I']) =>
        {
            Ok(x + 0.0)
        }
        _ => Err(FetchError::NotANumber(format!("\"{}\"", inert(trimmed)))),
    }
}

/// A path of the request, relative to the OKR root (or the source's folder),
/// resolved through the path boundary: it stays inside the root, symbolic
/// links included, and names a regular file.
fn inside_root(req: &Request<'_>, path: &str) -> Result<std::path::PathBuf, FetchError> {
    let folder = req.decl.and_then(|d| d.path.as_deref());
    for p in folder.into_iter().chain([path]) {
        if !crate::model::path_stays_inside(p) {
            return Err(FetchError::Config(format!(
                "the path `{}` leaves the repository; write a path relative to okr.yaml without `..`",
                inert(p)
            )));
        }
    }
    let rel = match folder {
        Some(folder) if req.decl.is_some_and(|d| d.kind == SourceKind::File) => {
            format!("{}/{path}", folder.trim_end_matches('/'))
        }
        _ => path.to_owned(),
    };
    let full = crate::model::Root::new(req.root)
        .resolve(&rel)
        .map_err(|e| match e {
            crate::model::PathError::LinkLeaves { .. } => FetchError::Config(format!(
                "{} leads outside the repository (through a symbolic link); okr reads only files inside it",
                inert(path)
            )),
            e => FetchError::Config(inert(&e.to_string())),
        })?;
    match std::fs::metadata(&full) {
        Ok(meta) if meta.is_file() => Ok(full),
        Ok(_) => Err(FetchError::Config(format!(
            "{} is not a regular file (a folder, device, pipe or socket); okr reads only regular files",
            inert(path)
        ))),
        Err(e) => Err(FetchError::Config(format!(
            "cannot open {}: {e}",
            inert(&full.display().to_string())
        ))),
    }
}

/// Replaces `{as_of}` and `{as_of_date}` in a path or query of an HTTP source.
fn with_as_of(text: &str, as_of: DateTime<Utc>) -> String {
    text.replace("{as_of}", &iso(as_of))
        .replace("{as_of_date}", &as_of.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(" 42\n").unwrap(), 42.0);
        assert_eq!(number("-3.5").unwrap(), -3.5);
        assert_eq!(number("0").unwrap(), 0.0);
        assert_eq!(number("-0").unwrap().to_string(), "0");
        for bad in ["", "abc", "NaN", "inf", "+Inf", "1,5", "12 users"] {
            assert!(
                matches!(number(bad), Err(FetchError::NotANumber(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let mut secrets = Vec::new();
        remember(&mut secrets, "postgres://okr:s3cret-pw@db:5432/x");
        remember(&mut secrets, "ghp_token123");
        assert_eq!(
            redact(
                "error at postgres://okr:s3cret-pw@db:5432/x (password s3cret-pw) with ghp_token123",
                &secrets
            ),
            "error at *** (password ***) with ***"
        );
        assert_eq!(url_password("https://u:p@h/x?a=b"), Some("p"));
        assert_eq!(url_password("https://h/x?u=a:b@c"), None);
        assert_eq!(url_password("https://u@h/"), None);
    }

    #[test]
    fn provenance_names_the_source_and_hashes_the_query() {
        let source = KrSource {
            from: Some("warehouse".into()),
            sql: Some("select 1".into()),
            ..KrSource::default()
        };
        let p = provenance("warehouse", &source);
        assert!(p.starts_with("warehouse sql sha256="), "{p}");
        assert_eq!(p.len(), "warehouse sql sha256=".len() + 16);
        let other = KrSource {
            sql: Some("select 2".into()),
            ..source.clone()
        };
        assert_ne!(provenance("warehouse", &other), p);
    }

    #[test]
    fn inert_text_has_no_controls() {
        assert_eq!(inert("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(inert(&"x".repeat(400)).chars().count(), 301);
    }
}
