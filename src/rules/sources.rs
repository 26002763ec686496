//! The rules on data sources: `source-unknown` and `secret-inline` read the
//! model; `source-stale` is given the last sync of each key result. All three
//! are pure: no files, no git.

use std::collections::HashMap;

use crate::finding::{Finding, Location, Route, Segment};
use crate::model::{CONFIG_FILE, Context, Date, KrSource, Status, did_you_mean};
/// `source-unknown` and `secret-inline`.
pub fn check(cx: &Context<'_>, findings: &mut Vec<Finding>) {
    let sources = &cx.org.config.sources;
    // A declaration that did not decode has its own `schema` finding.
    let broken = |name: &str| {
        findings.iter().any(|f| {
            f.file == CONFIG_FILE
                && matches!(&f.location, Location::Route(r)
                    if matches!(r.segments.first(), Some(Segment::Key(k)) if k == "sources")
                    && matches!(r.segments.get(1), Some(Segment::Key(k)) if k == name))
        })
    };
    let mut found = Vec::new();
    for at in &cx.objectives {
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            let Some(source) = &kr.source else {
                continue;
            };
            let route = || Route::key_result(at.index, j).key("source");
            if let Some(name) = &source.from
                && !sources.contains_key(name)
                && !broken(name)
            {
                let hint = match did_you_mean(name, sources.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if sources.is_empty() => {
                        "okr.yaml declares no sources; add it under `sources:`".to_owned()
                    }
                    None => format!(
                        "declare it under `sources:` in okr.yaml (declared: {})",
                        sources.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                };
                found.push(Finding::at(
                    "source-unknown",
                    at.path,
                    route().key("from"),
                    format!(
                        "key result `{}/{}` takes its value from source `{name}`, which okr.yaml does not declare; {hint}",
                        at.objective.id, kr.id
                    ),
                ));
            }
            for (key, text) in kr_fields(source) {
                if let Some(what) = secret_in(text) {
                    found.push(secret_finding(at.path, route().key(key), what));
                }
            }
        }
    }
    for (name, decl) in sources {
        let route = || Route::root().key("sources").key(name);
        for (key, text) in [("url", &decl.url), ("base", &decl.base)] {
            if let Some(what) = text.as_deref().and_then(secret_in) {
                found.push(secret_finding(CONFIG_FILE, route().key(key), what));
            }
        }
        for (key, text) in [("url-env", &decl.url_env), ("bearer-env", &decl.bearer_env)] {
            let Some(text) = text else { continue };
            if !is_variable_name(text) || secret_in(text).is_some() {
                found.push(Finding::at(
                    "secret-inline",
                    CONFIG_FILE,
                    route().key(key),
                    format!(
                        "`sources.{name}.{key}` should be the name of an environment variable (such as OKR_WAREHOUSE_URL), but is not one; if it is the secret itself, remove it from the file and rotate it"
                    ),
                ));
            }
        }
    }
    findings.extend(found);
}

/// The fields of a key result's `source:` that could carry a secret.
fn kr_fields(s: &KrSource) -> Vec<(&'static str, &str)> {
    [
        ("get", &s.get),
        ("search", &s.search),
        ("issues", &s.issues),
        ("query", &s.query),
        ("sql", &s.sql),
        ("run", &s.run),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    .collect()
}

fn secret_finding(file: &str, route: Route, what: &str) -> Finding {
    Finding::at(
        "secret-inline",
        file,
        route.clone(),
        format!(
            "`{route}` carries {what}; a file in git is read by everyone with the repository, for ever: remove it, rotate the secret, and name an environment variable instead (`url-env:` or `bearer-env:` in okr.yaml)"
        ),
    )
}

/// What kind of secret the text holds, if any (never the secret itself).
pub fn secret_in(text: &str) -> Option<&'static str> {
    if crate::model::url_password(text).is_some() {
        return Some("a password in a URL");
    }
    const PARAMS: [&str; 10] = [
        "access_token",
        "token",
        "private_token",
        "api_key",
        "apikey",
        "password",
        "passwd",
        "secret",
        "client_secret",
        "auth",
    ];
    if let Some((_, query)) = text.split_once('?') {
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = value.trim();
            if PARAMS.contains(&key.trim().to_ascii_lowercase().as_str())
                && !value.is_empty()
                && !value.starts_with('{')
                && !value.starts_with('$')
            {
                return Some("a token or password as a query parameter");
            }
        }
    }
    const PREFIXES: [&str; 10] = [
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
        "github_pat_",
        "glpat-",
        "xoxb-",
        "xoxp-",
        "sk_live_",
    ];
    let token_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    for word in text.split(|c: char| !token_char(c)) {
        if PREFIXES
            .iter()
            .any(|p| word.starts_with(p) && word.len() >= p.len() + 16)
            || (word.starts_with("AKIA")
                && word.len() == 20
                && word[4..]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        {
            return Some("what looks like an access token");
        }
    }
    let lower = text.to_ascii_lowercase();
    if let Some(i) = lower.find("bearer ") {
        let rest = &text[i + 7..];
        let token: String = rest
            .chars()
            .take_while(|c| token_char(*c) || *c == '.')
            .collect();
        if token.len() >= 16 {
            return Some("a bearer token");
        }
    }
    None
}

fn is_variable_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 128
        && !text.starts_with(|c: char| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The key results `source-stale` looks at: in a running cycle, with `every`.
pub fn watched(cx: &Context<'_>) -> Vec<(String, Date)> {
    let mut out = Vec::new();
    for at in &cx.objectives {
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if !cycle.period.contains(cx.today) || at.objective.status == Status::Dropped {
            continue;
        }
        for kr in &at.objective.key_results {
            if kr.source.as_ref().is_some_and(|s| s.every.is_some()) {
                out.push((format!("{}/{}", at.objective.id, kr.id), cycle.period.start));
            }
        }
    }
    out
}

/// `source-stale`: a synced key result of a running cycle whose last sync
/// (commit time, seconds; from `last`) is older than its `every`, counted
/// from the start of today (UTC). One never synced counts from its cycle's start.
pub fn source_stale(cx: &Context<'_>, last: &HashMap<String, i64>) -> Vec<Finding> {
    let midnight = |d: Date| {
        d.and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp())
    };
    let now = midnight(cx.today);
    let mut out = Vec::new();
    for at in &cx.objectives {
        let Some(cycle) = at.cycle_id().and_then(|c| cx.cycle(c).ok()) else {
            continue;
        };
        if !cycle.period.contains(cx.today) || at.objective.status == Status::Dropped {
            continue;
        }
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            let Some(source) = &kr.source else { continue };
            let Some(every) = source.every else { continue };
            let reference = format!("{}/{}", at.objective.id, kr.id);
            let (since, what) = match last.get(&reference) {
                Some(&time) => (time, "was last synced"),
                None => (
                    midnight(cycle.period.start),
                    "has not been synced since its cycle started",
                ),
            };
            let seconds = i64::try_from(every.seconds).unwrap_or(i64::MAX);
            if now.saturating_sub(since) <= seconds {
                continue;
            }
            let day = chrono::DateTime::from_timestamp(since, 0)
                .map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string());
            out.push(Finding::at(
                "source-stale",
                at.path,
                Route::key_result(at.index, j).key("source").key("every"),
                format!(
                    "key result `{reference}` {what} on {day}, longer ago than its `every: {every}`; run `okr sync {reference}`, and if it fails, `okr source test {reference}` shows what the source answers"
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_recognised_but_names_and_placeholders_are_not() {
        for secret in [
            "postgres://okr:hunter2@db/x",
            "/search/issues?q=x&access_token=abc",
            "/x?private_token=glpat-aaaa",
            "curl -H 'Authorization: Bearer abcdefghijklmnop1234' x",
            "ghp_0123456789abcdefABCDEF",
            "AKIAABCDEFGHIJKLMNOP",
        ] {
            assert!(secret_in(secret).is_some(), "{secret}");
        }
        for fine in [
            "https://api.github.com",
            "postgres://okr@db/x",
            "/search/issues?q=repo:acme/app+label:bug",
            "/x?token={as_of}",
            "select count(*) from tokens where token = 'x'",
            "ghp_short",
        ] {
            assert_eq!(secret_in(fine), None, "{fine}");
        }
        assert!(is_variable_name("OKR_WAREHOUSE_URL"));
        assert!(!is_variable_name("ghp_0123 456"));
        assert!(!is_variable_name("postgres://x"));
    }
}
