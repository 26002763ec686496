//! `secret-inline`: no password or token is written in okr.yaml or an OKR
//! file, and `*-env` fields name environment variables. Pure: reads the
//! index, returns findings; never repeats a secret.

use super::example::{examples, fixture};
use super::{Level, Rule, RuleId};
use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, KrSource};

pub const RULE: Rule = Rule {
    id: RuleId::SecretInline,
    default: Level::Error,
    summary: "no password or token is written in okr.yaml or an OKR file: URLs, queries and commands carry none, and `*-env` fields name environment variables",
    why: "Everything in the repository is read by everyone who can clone it, and stays in its history for ever; credentials belong in the environment okr sync runs in (a CI secret).",
    fix: "Remove the secret from the file and rotate it (it is in the history now), put it in an environment variable, and name the variable: `url-env:` for a URL with a password, `bearer-env:` for a token.",
    examples: &examples!(
        "secret-inline",
        fail: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
        pass: [
        "okr.yaml",
        "okrs/2026-Q4/company.yaml"
        ],
    ),
    needs_history: false,
};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let sources = &cx.org.config.sources;
    for at in &cx.objectives {
        for (j, kr) in at.objective.key_results.iter().enumerate() {
            let Some(source) = &kr.source else {
                continue;
            };
            for (key, text) in kr_fields(source) {
                if let Some(what) = secret_in(text) {
                    let route = Route::key_result(at.index, j).key("source").key(key);
                    out.push(secret_finding(at.path, route, what));
                }
            }
        }
    }
    for (name, decl) in sources {
        let route = || Route::root().key("sources").key(name);
        for (key, text) in [("url", &decl.url), ("base", &decl.base)] {
            if let Some(what) = text.as_deref().and_then(secret_in) {
                out.push(secret_finding(CONFIG_FILE, route().key(key), what));
            }
        }
        for (key, text) in [("url-env", &decl.url_env), ("bearer-env", &decl.bearer_env)] {
            let Some(text) = text else { continue };
            if !is_variable_name(text) || secret_in(text).is_some() {
                out.push(Finding::at(
                    RuleId::SecretInline,
                    CONFIG_FILE,
                    route().key(key),
                    format!(
                        "`sources.{name}.{key}` should be the name of an environment variable (such as OKR_WAREHOUSE_URL), but is not one; if it is the secret itself, remove it from the file and rotate it"
                    ),
                ));
            }
        }
    }
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
        RuleId::SecretInline,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn its_examples_fail_and_pass() {
        super::super::testing::examples_hold(&RULE);
    }

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
