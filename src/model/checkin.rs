//! What history hands to the rules and the views, as plain data: check-ins
//! (a key result's value changed, or confirmed, in a commit), moved targets,
//! and the ids of commits. `git` reads them from the repository; nothing here
//! touches git.

use std::fmt;

/// A commit's id: 20 bytes, shown as 40 hex digits as git shows them. `git`
/// converts it from and to libgit2's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ObjectId([u8; 20]);

impl ObjectId {
    pub const fn from_bytes(bytes: [u8; 20]) -> Self {
        ObjectId(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// `4b825dc642cb6eb9a060e54bf8d69288fbee4904`.
impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// A value history follows: a number (`current`) or a milestone's `done`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Val {
    Num(f64),
    Bool(bool),
}

impl Val {
    pub fn json(&self) -> serde_json::Value {
        match *self {
            Val::Num(x) => serde_json::json!(x),
            Val::Bool(b) => serde_json::Value::Bool(b),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match *self {
            Val::Num(x) => Some(x),
            Val::Bool(_) => None,
        }
    }
}

impl std::fmt::Display for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Val::Num(x) => f.write_str(&super::format_number(x)),
            Val::Bool(true) => f.write_str("done"),
            Val::Bool(false) => f.write_str("not done"),
        }
    }
}

/// The fields of a key result that history follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Current,
    Done,
    Start,
    Target,
    KeepAbove,
    KeepBelow,
    Score,
}

impl Field {
    pub const ALL: [(&'static str, Field); 7] = [
        ("current", Field::Current),
        ("done", Field::Done),
        ("start", Field::Start),
        ("target", Field::Target),
        ("keep_above", Field::KeepAbove),
        ("keep_below", Field::KeepBelow),
        ("score", Field::Score),
    ];

    /// The field a key of a key result names.
    pub fn from_key(key: &str) -> Option<Field> {
        Self::ALL.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
    }

    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(k, _)| k)
    }
}

/// One change of a key result's value.
#[derive(Debug, Clone)]
pub struct Checkin {
    pub commit: ObjectId,
    /// Seconds since the epoch, and the author's offset in minutes.
    pub time: i64,
    pub offset: i32,
    pub author: String,
    pub reference: String,
    pub cycle: Option<String>,
    /// `None` for the commit that introduced the key result.
    pub old: Option<Val>,
    pub new: Val,
    /// The key result's score after the change, and before it (`None` where
    /// it first appears or had no score).
    pub score: Option<f64>,
    pub score_before: Option<f64>,
    /// The `OKR-Source` of the commit's trailers for this key result, when
    /// `okr sync` wrote the value.
    pub source: Option<String>,
}

impl Checkin {
    /// The day of the check-in in the author's time zone.
    pub fn date(&self) -> chrono::NaiveDate {
        date_of(self.time, self.offset)
    }
}

/// A change of a key result's `start` or `target`.
#[derive(Debug, Clone)]
pub struct Retarget {
    pub commit: ObjectId,
    pub time: i64,
    pub offset: i32,
    pub reference: String,
    pub cycle: Option<String>,
    pub field: Field,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// The commit message's `OKR-Reason:` trailer, if any.
    pub reason: Option<String>,
    /// The key result's score after the change, and before it.
    pub score: Option<f64>,
    pub score_before: Option<f64>,
}

impl Retarget {
    /// The day of the change in the author's time zone.
    pub fn date(&self) -> chrono::NaiveDate {
        date_of(self.time, self.offset)
    }
}

pub fn date_of(time: i64, offset: i32) -> chrono::NaiveDate {
    let offset = offset
        .checked_mul(60)
        .and_then(chrono::FixedOffset::east_opt)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("UTC"));
    chrono::DateTime::from_timestamp(time, 0)
        .map(|t| t.with_timezone(&offset).date_naive())
        .unwrap_or_default()
}

/// The history of the OKR files, oldest first.
#[derive(Debug, Default)]
pub struct History {
    pub checkins: Vec<Checkin>,
    pub retargets: Vec<Retarget>,
    /// Things the reader should know: where a shallow history stops, commits skipped.
    pub notes: Vec<String>,
    /// Whether the walk stopped early (at `stop_before`) with commits left.
    pub truncated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_ids_show_as_git_shows_them() {
        let mut bytes = [0u8; 20];
        bytes[0] = 0x4b;
        bytes[19] = 0x04;
        let id = ObjectId::from_bytes(bytes);
        assert_eq!(id.to_string(), format!("4b{}04", "0".repeat(36)));
        assert_eq!(id.as_bytes(), bytes);
    }

    #[test]
    fn values_show_as_people_write_them() {
        assert_eq!(Val::Num(26.0).to_string(), "26");
        assert_eq!(Val::Bool(true).to_string(), "done");
        assert_eq!(Field::from_key("keep_above"), Some(Field::KeepAbove));
        assert_eq!(Field::KeepAbove.key(), "keep_above");
    }
}

/// A key result whose value has not changed for `stale-after-days`: what
/// history finds, what the `stale` rule reports and `nudge` and `report` show.
#[derive(Debug, Clone)]
pub struct Stale<'a> {
    pub at: super::ObjectiveAt<'a>,
    /// The key result's index in its objective.
    pub index: usize,
    pub key_result: &'a super::KeyResult,
    /// `objective/kr`.
    pub reference: String,
    pub value: Option<Val>,
    /// It had the same value on this day.
    pub since: chrono::NaiveDate,
}

/// Key results by `objective/kr` in some versions of the OKR files.
pub type KeyResultsAt = std::collections::HashMap<String, super::KeyResult>;

/// A commit of `BASE..HEAD` that changed OKR files, for `target-moved`.
#[derive(Debug, Clone)]
pub struct GoalCommit {
    /// Its id as short as is unambiguous.
    pub short_id: String,
    /// The author's time (seconds since the epoch) and offset (minutes).
    pub time: i64,
    pub offset: i32,
    /// The message's `OKR-Reason:` trailer.
    pub reason: Option<String>,
    /// The key results of the files it changed, in each parent (the first
    /// parent first) and in the commit; `None` when a version does not parse.
    pub before: Option<Vec<KeyResultsAt>>,
    pub after: Option<KeyResultsAt>,
}

/// What `target-moved` reads of history: the organisation at BASE, the
/// commits since, and the key results at HEAD of the files the working tree
/// changes.
#[derive(Debug)]
pub struct GoalHistory {
    pub base: super::Org,
    /// Oldest first.
    pub commits: Vec<GoalCommit>,
    /// `None` when one of those files does not parse at HEAD.
    pub head: Option<KeyResultsAt>,
    /// Whether a key result missing from the working tree counts as removed
    /// (not when a working file that changed does not parse).
    pub removals: bool,
}
