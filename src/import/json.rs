//! Helpers for exports in JSON: records whose keys vary in case and spacing
//! between tools and versions (`CheckIn Date`, `checkInDate`, `Check In Date`).

use serde_json::Value;

use super::numbers::{clean_text, parse_quantity};

/// A key without case, spaces, `_` or `-`.
fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The value of the first of `keys` the record has (compared loosely).
pub fn get<'a>(record: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    let map = record.as_object()?;
    keys.iter().find_map(|k| {
        let k = norm(k);
        map.iter()
            .find(|(key, v)| norm(key) == k && !v.is_null())
            .map(|(_, v)| v)
    })
}

/// Text: a string, or a number as written.
pub fn text(record: &Value, keys: &[&str], max: usize) -> Option<String> {
    let t = match get(record, keys)? {
        Value::String(s) => clean_text(s, max),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!t.is_empty()).then_some(t)
}

/// A number: a JSON number, or a string like `"3,637,839"`, `"12%"`.
pub fn number(record: &Value, keys: &[&str]) -> Option<Result<(f64, Option<String>), String>> {
    match get(record, keys)? {
        Value::Number(n) => n.as_f64().map(|x| Ok((x, None))),
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(parse_quantity(s).map(|q| (q.value, q.unit))),
        _ => None,
    }
}

/// The records of a document: a list, or the list under `value`, `data`,
/// `items`, `records` or `nodes`.
pub fn records(doc: &Value) -> Vec<&Value> {
    match doc {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => get(doc, &["value", "data", "items", "records", "nodes"])
            .map(records)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A list of values (one value counts as a list of one).
pub fn list<'a>(record: &'a Value, keys: &[&str]) -> Vec<&'a Value> {
    match get(record, keys) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    }
}

/// An id: a string or a number, as text.
pub fn id(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean_text(s, 200)).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(_) => get(value, &["ID", "id"]).and_then(id),
        _ => None,
    }
}
