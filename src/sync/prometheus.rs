//! `prometheus` sources: an instant query of the HTTP API at the as-of time;
//! the sample's value comes back as a string.

use super::http::{encode, get_json};
use super::{FetchError, Request, env_secret, inert, iso, number, timeout};

pub fn fetch(
    req: &Request<'_>,
    secrets: &mut Vec<String>,
    request: &mut String,
) -> Result<f64, FetchError> {
    let decl = req
        .decl
        .ok_or_else(|| FetchError::Config("a prometheus source is declared in okr.yaml".into()))?;
    let query = req.source.query.as_deref().ok_or_else(|| {
        FetchError::Config(format!(
            "source `{}` is a Prometheus server; the key result's `source:` needs `query:` (PromQL)",
            req.name
        ))
    })?;
    let base = match (&decl.url_env, &decl.url) {
        (Some(var), _) => env_secret(req, var, "url-env", secrets)?,
        (None, Some(url)) => url.clone(),
        (None, None) => {
            return Err(FetchError::Config(format!(
                "source `{}` (prometheus) needs `url:`, e.g. http://localhost:9090",
                req.name
            )));
        }
    };
    let url = format!(
        "{}/api/v1/query?query={}&time={}",
        base.trim_end_matches('/'),
        encode(query),
        encode(&iso(req.as_of))
    );
    *request = format!("{} (prometheus): GET {url}", req.name);
    let mut headers = Vec::new();
    if let Some(var) = &decl.bearer_env {
        let token = env_secret(req, var, "bearer-env", secrets)?;
        headers.push(("Authorization", format!("Bearer {}", token.trim())));
    }
    let answer = get_json(&url, &headers, timeout(req))?;
    value(&answer)
}

/// The one value of an instant query's answer.
fn value(answer: &serde_json::Value) -> Result<f64, FetchError> {
    if answer.get("status").and_then(|s| s.as_str()) != Some("success") {
        let error = answer
            .get("error")
            .and_then(|e| e.as_str())
            .unwrap_or("the answer's status is not success");
        return Err(FetchError::Server(inert(error)));
    }
    let data = &answer["data"];
    let sample = |pair: &serde_json::Value| -> Result<f64, FetchError> {
        match pair.get(1).and_then(|v| v.as_str()) {
            Some(text) => number(text),
            None => Err(FetchError::NotANumber(inert(&pair.to_string()))),
        }
    };
    match data.get("resultType").and_then(|t| t.as_str()) {
        Some("scalar") => sample(&data["result"]),
        Some("vector") => {
            let series = data["result"].as_array().map_or(&[][..], Vec::as_slice);
            match series {
                [] => Err(FetchError::Empty("no series at that time".into())),
                [one] => sample(&one["value"]),
                many => Err(FetchError::Several {
                    count: many.len(),
                    what: "series",
                }),
            }
        }
        Some(other) => Err(FetchError::NotANumber(format!(
            "a {} result (an instant query for one number returns a vector or a scalar)",
            inert(other)
        ))),
        None => Err(FetchError::NotANumber("an answer without data".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers() {
        let one = json!({"status": "success", "data": {"resultType": "vector", "result": [{"metric": {}, "value": [1, "42"]}]}});
        assert_eq!(value(&one).unwrap(), 42.0);
        let scalar =
            json!({"status": "success", "data": {"resultType": "scalar", "result": [1, "0"]}});
        assert_eq!(value(&scalar).unwrap(), 0.0);
        let none = json!({"status": "success", "data": {"resultType": "vector", "result": []}});
        assert!(matches!(value(&none), Err(FetchError::Empty(_))));
        let two = json!({"status": "success", "data": {"resultType": "vector", "result": [{"value": [1, "1"]}, {"value": [1, "2"]}]}});
        assert!(matches!(
            value(&two),
            Err(FetchError::Several { count: 2, .. })
        ));
        let nan =
            json!({"status": "success", "data": {"resultType": "scalar", "result": [1, "NaN"]}});
        assert!(matches!(value(&nan), Err(FetchError::NotANumber(_))));
        let error = json!({"status": "error", "errorType": "bad_data", "error": "parse error"});
        assert_eq!(value(&error), Err(FetchError::Server("parse error".into())));
    }
}
