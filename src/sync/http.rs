//! `http` sources: a JSON API asked with GET, the number found by a JSON
//! Pointer; presets for GitHub's search counts and GitLab's issue statistics.
//! The client (shared with `prometheus`) never follows a key result to another
//! host: `get:` is a path below the source's `base`.

use std::time::Duration;

use super::{FetchError, MAX_BYTES, Request, env_secret, inert, number, timeout, with_as_of};
use crate::model::Preset;

const GITHUB_API: &str = "https://api.github.com";
const GITLAB_API: &str = "https://gitlab.com/api/v4";

pub fn fetch(
    req: &Request<'_>,
    secrets: &mut Vec<String>,
    request: &mut String,
) -> Result<f64, FetchError> {
    let decl = req
        .decl
        .ok_or_else(|| FetchError::Config("an http source is declared in okr.yaml".into()))?;
    let base = match (&decl.url_env, &decl.base, &decl.url, decl.preset) {
        (Some(var), ..) => env_secret(req, var, "url-env", secrets)?,
        (None, Some(base), ..) | (None, None, Some(base), _) => base.clone(),
        (None, None, None, Some(Preset::Github)) => GITHUB_API.to_owned(),
        (None, None, None, Some(Preset::Gitlab)) => GITLAB_API.to_owned(),
        (None, None, None, None) => {
            return Err(FetchError::Config(format!(
                "source `{}` (http) needs `base:`, the URL its key results' `get:` paths start from",
                req.name
            )));
        }
    };
    let s = req.source;
    let (path, pointer) = match (decl.preset, &s.get, &s.search, &s.issues) {
        (_, Some(get), ..) => {
            let pointer = s.pointer.clone().ok_or_else(|| {
                FetchError::Config(
                    "an http key result needs `pointer:`, the JSON Pointer of the number in the answer (e.g. `/total_count`)".into(),
                )
            })?;
            (with_as_of(get, req.as_of), pointer)
        }
        (Some(Preset::Github), None, Some(search), _) => (
            format!(
                "/search/issues?q={}&per_page=1",
                encode(&with_as_of(search, req.as_of))
            ),
            "/total_count".to_owned(),
        ),
        (Some(Preset::Gitlab), None, _, Some(issues)) => {
            let state = s.state.as_deref().unwrap_or("opened");
            if !matches!(state, "opened" | "closed" | "all") {
                return Err(FetchError::Config(format!(
                    "`state: {}` is not a count of GitLab's issue statistics; use opened, closed or all",
                    inert(state)
                )));
            }
            let filters = with_as_of(issues, req.as_of);
            let filters = filters.trim_start_matches(['?', '&']);
            let scope = if filters.split('&').any(|f| f.starts_with("scope=")) {
                String::new()
            } else {
                "scope=all&".to_owned()
            };
            let prefix = match &s.project {
                Some(project) => format!("/projects/{}", encode(project)),
                None => String::new(),
            };
            (
                format!("{prefix}/issues_statistics?{scope}{filters}"),
                format!("/statistics/counts/{state}"),
            )
        }
        _ => {
            let hint = match decl.preset {
                Some(Preset::Github) => {
                    "`search:` (a GitHub search query), or `get:` and `pointer:`"
                }
                Some(Preset::Gitlab) => {
                    "`issues:` (issue filters such as `labels=bug`), or `get:` and `pointer:`"
                }
                None => "`get:` (a path below the source's `base`) and `pointer:`",
            };
            return Err(FetchError::Config(format!(
                "source `{}` is an http source; the key result's `source:` needs {hint}",
                req.name
            )));
        }
    };
    if !path.starts_with('/') || path.starts_with("//") || path.contains(['\r', '\n']) {
        return Err(FetchError::Config(format!(
            "`get: {}` must be a path that starts with `/`, below the source's `base` (okr does not send a source's credentials to another address)",
            inert(&path)
        )));
    }
    let url = format!("{}{path}", base.trim_end_matches('/'));
    *request = format!("{} (http): GET {} -> {pointer}", req.name, url);
    let mut headers = Vec::new();
    if let Some(var) = &decl.bearer_env {
        let token = env_secret(req, var, "bearer-env", secrets)?;
        headers.push(("Authorization", format!("Bearer {}", token.trim())));
    }
    if decl.preset == Some(Preset::Github) {
        headers.push(("Accept", "application/vnd.github+json".to_owned()));
        headers.push(("X-GitHub-Api-Version", "2022-11-28".to_owned()));
    }
    let json = get_json(&url, &headers, timeout(req))?;
    at_pointer(&json, &pointer)
}

/// The number at `pointer` in `json`; a string that holds a number counts.
pub fn at_pointer(json: &serde_json::Value, pointer: &str) -> Result<f64, FetchError> {
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err(FetchError::Config(format!(
            "`pointer: {}` is not a JSON Pointer; it starts with `/`, e.g. `/total_count`",
            inert(pointer)
        )));
    }
    match json.pointer(pointer) {
        None => Err(FetchError::Empty(format!(
            "nothing at {} in the answer",
            inert(pointer)
        ))),
        Some(serde_json::Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .map(|x| x + 0.0)
            .ok_or_else(|| FetchError::NotANumber(n.to_string())),
        Some(serde_json::Value::String(s)) => number(s),
        Some(serde_json::Value::Null) => Err(FetchError::NotANumber("null".into())),
        Some(serde_json::Value::Array(items)) => Err(FetchError::Several {
            count: items.len(),
            what: "items (a list)",
        }),
        Some(other) => Err(FetchError::NotANumber(inert(&shorten(&other.to_string())))),
    }
}

/// GETs `url` and reads the answer as JSON. A status other than 2xx is an
/// error with the server's own message, and for a rate limit, when it resets.
pub fn get_json(
    url: &str,
    headers: &[(&str, String)],
    limit: Duration,
) -> Result<serde_json::Value, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limit))
        .http_status_as_error(false)
        .max_redirects(3)
        .user_agent(concat!("okr/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut call = agent.get(url);
    for (name, value) in headers {
        call = call.header(*name, value.as_str());
    }
    let mut response = call.call().map_err(|e| transport(e, limit))?;
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let remaining = header("x-ratelimit-remaining");
    let reset = header("x-ratelimit-reset");
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_string()
        .map_err(|e| transport(e, limit))?;
    if !status.is_success() {
        let mut message = format!(
            "HTTP {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_owned();
        if let Some(said) = server_message(&body) {
            message.push_str(&format!(": {said}"));
        }
        if remaining.as_deref() == Some("0") {
            let when = reset
                .and_then(|r| r.parse::<i64>().ok())
                .and_then(|r| chrono::DateTime::from_timestamp(r, 0))
                .map_or_else(String::new, |t| {
                    format!("; it resets at {}", t.format("%Y-%m-%dT%H:%M:%SZ"))
                });
            message.push_str(&format!(" (rate limit exhausted{when})"));
        }
        return Err(FetchError::Server(message));
    }
    serde_json::from_str(&body).map_err(|e| {
        FetchError::NotANumber(format!(
            "an answer that is not JSON ({e}): \"{}\"",
            inert(&shorten(&body))
        ))
    })
}

/// What a server said in an error body: JSON's `message` or `error`, else the text.
fn server_message(body: &str) -> Option<String> {
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(body) {
        for key in ["message", "error", "error_description", "detail"] {
            if let Some(text) = json.get(key).and_then(|v| v.as_str()) {
                return Some(inert(&shorten(text)));
            }
        }
    }
    let text = inert(&shorten(body));
    (!text.is_empty()).then_some(text)
}

fn transport(e: ureq::Error, limit: Duration) -> FetchError {
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout(limit),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout(limit)
        }
        ureq::Error::HostNotFound => FetchError::Connect("host not found".into()),
        ureq::Error::BodyExceedsLimit(n) => {
            FetchError::Server(format!("the answer is larger than {n} bytes"))
        }
        other => FetchError::Connect(inert(&other.to_string())),
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(200).collect()
}

/// Percent-encoding for a query value or a path segment.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers() {
        let answer = json!({"total_count": 0, "n": "12.5", "items": [1, 2], "x": null, "o": {}});
        assert_eq!(at_pointer(&answer, "/total_count").unwrap(), 0.0);
        assert_eq!(at_pointer(&answer, "/n").unwrap(), 12.5);
        assert!(matches!(
            at_pointer(&answer, "/items"),
            Err(FetchError::Several { count: 2, .. })
        ));
        assert!(matches!(
            at_pointer(&answer, "/missing"),
            Err(FetchError::Empty(_))
        ));
        assert!(matches!(
            at_pointer(&answer, "/x"),
            Err(FetchError::NotANumber(_))
        ));
        assert!(matches!(
            at_pointer(&answer, "total_count"),
            Err(FetchError::Config(_))
        ));
    }

    #[test]
    fn encoding() {
        assert_eq!(
            encode("repo:acme/app is:open"),
            "repo%3Aacme%2Fapp%20is%3Aopen"
        );
        assert_eq!(encode("数"), "%E6%95%B0");
    }
}
