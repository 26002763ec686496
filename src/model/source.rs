//! Data sources: the named connections of okr.yaml (`sources:`, `sync:`) and a
//! key result's `source:`, as plain types. Credentials appear only as the names
//! of environment variables.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A named connection under `sources:` in okr.yaml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceDecl {
    /// What kind of source: `sqlite`, `postgres`, `http`, `prometheus`, `file` or `command`.
    #[serde(rename = "type")]
    pub kind: SourceKind,
    /// sqlite: the database file; file: the folder the key results' files are in.
    /// Relative to okr.yaml, inside the repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// postgres, prometheus: the server's URL (no password in it; use `url-env`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// postgres, sqlite, prometheus, http: the name of the environment variable that holds the URL (or path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_env: Option<String>,
    /// http: the URL that key results' `get:` paths start from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// http, prometheus: the name of the environment variable that holds a bearer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearer_env: Option<String>,
    /// http: `github` (search counts) or `gitlab` (issue statistics): the API's base and headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<Preset>,
    /// How long a query may take (default 30s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IntervalString>")]
    pub timeout: Option<Interval>,
    /// How long the data takes to arrive: values are asked for as of this long ago.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IntervalString>")]
    pub settle: Option<Interval>,
}

/// The kind of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A SQLite database file: `sql:` with `:as_of`.
    Sqlite,
    /// A PostgreSQL server: `sql:` with `:as_of`, read-only, with a statement timeout.
    Postgres,
    /// A JSON API: `get:` and `pointer:` (a JSON Pointer).
    Http,
    /// A Prometheus server: `query:`, evaluated at the as-of time.
    Prometheus,
    /// A CSV cell (`cell: B7`) or a JSON pointer in a file of the repository.
    File,
    /// A program whose output is one number; runs only with `sync: allow-command: true`.
    Command,
}

impl SourceKind {
    pub const ALL: [(&'static str, SourceKind); 6] = [
        ("sqlite", SourceKind::Sqlite),
        ("postgres", SourceKind::Postgres),
        ("http", SourceKind::Http),
        ("prometheus", SourceKind::Prometheus),
        ("file", SourceKind::File),
        ("command", SourceKind::Command),
    ];

    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(n, _)| n)
    }
}

/// Shortcuts for well-known JSON APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// GitHub's REST API: `search:` counts issues and pull requests.
    Github,
    /// GitLab's REST API: `issues:` reads issue statistics.
    Gitlab,
}

/// `sync:` in okr.yaml.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SyncConfig {
    /// Whether `command` sources (and key results with `run:`) may run; default false.
    pub allow_command: bool,
}

/// A key result's `source:`: where its value comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KrSource {
    /// The name of a source declared under `sources:` in okr.yaml; may be left out with `run:` or `path:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// sqlite, postgres: a query returning one number; `:as_of` is the as-of time as ISO-8601 text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql: Option<String>,
    /// http: the path (and query string) to ask for, after the source's `base`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub get: Option<String>,
    /// http, file: a JSON Pointer to the number in the answer (`/total_count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// prometheus: a PromQL query whose result is one sample.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// github preset: a search query (`repo:acme/app is:issue is:open label:bug`); its `total_count` is the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// gitlab preset: the issue filters (`labels=bug&milestone=Q4`); the count of `state` is the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues: Option<String>,
    /// gitlab preset: the project (`group/app`); without it, every project the token sees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// gitlab preset: which count, `opened` (default), `closed` or `all`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// file: the file, relative to okr.yaml (or the source's `path`), inside the repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// file: a CSV cell such as `B7` (column letters, row number from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// command: the command line (run without a shell); its output is one number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<String>,
    /// How fresh the value must be (`1d`, `12h`); older is `source-stale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<IntervalString>")]
    pub every: Option<Interval>,
}

impl KrSource {
    /// The name the key result's value comes from, for messages and trailers:
    /// its `from`, else `command` or `file`.
    pub fn name(&self) -> &str {
        match (&self.from, &self.run) {
            (Some(from), _) => from,
            (None, Some(_)) => "command",
            (None, None) => "file",
        }
    }
}

/// The password of `scheme://user:password@host...`, if any.
pub fn url_password(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let userinfo = authority.rsplit_once('@')?.0;
    let password = userinfo.split_once(':')?.1;
    (!password.is_empty()).then_some(password)
}

/// A source name: letters, digits, `-`, `_`, `.`, starting with a letter or
/// digit, at most 64 characters (it is written into commit trailers).
pub fn is_source_name(name: &str) -> bool {
    name.len() <= 64
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A length of time written `30s`, `5m`, `12h`, `1d` or `2w`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub seconds: u64,
}

impl Interval {
    const UNITS: [(char, u64); 5] = [
        ('s', 1),
        ('m', 60),
        ('h', 3600),
        ('d', 86_400),
        ('w', 604_800),
    ];

    /// The longest interval okr.yaml may write (366 days): date arithmetic
    /// with it cannot leave the calendar.
    pub const MAX_SECONDS: u64 = 366 * 86_400;

    /// `30s`, `5m`, `12h`, `1d`, `2w`; `None` for anything else (or zero).
    pub fn parse(text: &str) -> Option<Interval> {
        let text = text.trim();
        let unit = text.chars().last()?;
        let (_, factor) = Self::UNITS.iter().find(|(u, _)| *u == unit)?;
        let digits = &text[..text.len() - 1];
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = digits.parse().ok()?;
        (n > 0).then_some(Interval {
            seconds: n * factor,
        })
    }

    pub fn duration(self) -> std::time::Duration {
        std::time::Duration::from_secs(self.seconds)
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (unit, factor) = Self::UNITS
            .iter()
            .rev()
            .find(|(_, factor)| self.seconds.is_multiple_of(*factor))
            .copied()
            .unwrap_or(('s', 1));
        write!(f, "{}{unit}", self.seconds / factor)
    }
}

impl Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Interval {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Interval::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a length of time")))
    }
}

/// A length of time written with a unit.
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
pub(crate) struct IntervalString(#[schemars(regex(pattern = r"^[0-9]{1,9}[smhdw]$"))] String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_and_print() {
        assert_eq!(Interval::parse("30s").unwrap().seconds, 30);
        assert_eq!(Interval::parse("1d").unwrap().seconds, 86_400);
        assert_eq!(Interval::parse("2w").unwrap().to_string(), "2w");
        assert_eq!(Interval::parse("90m").unwrap().to_string(), "90m");
        assert_eq!(Interval::parse("120m").unwrap().to_string(), "2h");
        for bad in [
            "",
            "d",
            "1",
            "0d",
            "-1d",
            "1.5d",
            "1 d",
            "1y",
            "9999999999s",
        ] {
            assert_eq!(Interval::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn paths_stay_inside() {
        for ok in ["data/app.db", "app.db", "./data/x.csv", "a/b..c/d"] {
            assert!(crate::model::path_stays_inside(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x.db",
            "data/../../x",
            "C:\\x",
            "~/x",
            "a\\..\\b",
            "\\\\host\\x",
        ] {
            assert!(!crate::model::path_stays_inside(bad), "{bad}");
        }
        assert!(is_source_name("warehouse"));
        assert!(is_source_name("prom-2.eu_west"));
        assert!(!is_source_name("a b"));
        assert!(!is_source_name("-x"));
        assert!(!is_source_name("仓库"));
    }
}
