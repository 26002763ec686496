//! Check-ins as data: `okr history --format json` and the recent check-ins of
//! `okr show`. Plain data from the check-ins history read; no git.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::Checkin;

/// `okr history --format json`: SPEC section 8.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub checkins: Vec<CheckinView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckinView {
    pub commit: String,
    pub date: String,
    pub author: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    /// `name kind sha256=...` when `okr sync` wrote the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl CheckinView {
    pub fn of(c: &Checkin) -> Self {
        CheckinView {
            commit: c.commit.to_string(),
            date: c.date().to_string(),
            author: c.author.clone(),
            reference: c.reference.clone(),
            old: c.old.map_or(serde_json::Value::Null, |v| v.json()),
            new: c.new.json(),
            score: c.score,
            source: c.source.clone(),
        }
    }
}

/// The day of each key result's last check-in on or before `until` (a
/// check-in dated later is not known on that day).
pub fn last_checkins(
    checkins: &[Checkin],
    until: crate::model::Date,
) -> HashMap<String, crate::model::Date> {
    let mut last: HashMap<String, crate::model::Date> = HashMap::new();
    for c in checkins {
        let day = c.date();
        if day > until {
            continue;
        }
        let entry = last.entry(c.reference.clone()).or_insert(day);
        *entry = (*entry).max(day);
    }
    last
}

/// The source's name of a synced value (the first word of its `OKR-Source`),
/// when it is one: the trailer comes from a commit message, which anyone writes.
pub fn source_name(source: Option<&str>) -> Option<&str> {
    source
        .and_then(|s| s.split_whitespace().next())
        .filter(|n| crate::model::is_source_name(n))
}
