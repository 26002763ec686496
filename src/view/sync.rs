//! What `okr sync` did, as data: one entry per key result with a source.

use serde::Serialize;
use serde_json::Value;

/// `okr sync --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct SyncView {
    pub dry_run: bool,
    /// The commit made, if any.
    pub commit: Option<String>,
    /// What the commit line says (`[main abc1234] sync: ...`), or why there is none.
    #[serde(skip)]
    pub outcome: String,
    pub key_results: Vec<SyncedView>,
    pub synced: usize,
    pub changed: usize,
    pub failed: usize,
    pub skipped: usize,
}

/// One key result's sync.
#[derive(Debug, Clone, Serialize)]
pub struct SyncedView {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The source's name.
    pub source: String,
    /// `name kind sha256=...`, as the `OKR-Source` trailer records it.
    pub provenance: String,
    /// What was asked, secrets redacted.
    pub request: Option<String>,
    pub as_of: Option<String>,
    pub old: Value,
    pub new: Value,
    pub changed: bool,
    /// How long the source took, in milliseconds.
    pub ms: Option<u64>,
    /// Why the fetch failed.
    pub error: Option<String>,
    /// Why the key result was not synced.
    pub skipped: Option<String>,
}

impl SyncView {
    pub fn count(&mut self) {
        self.synced = self
            .key_results
            .iter()
            .filter(|k| k.error.is_none() && k.skipped.is_none())
            .count();
        self.changed = self.key_results.iter().filter(|k| k.changed).count();
        self.failed = self
            .key_results
            .iter()
            .filter(|k| k.error.is_some())
            .count();
        self.skipped = self
            .key_results
            .iter()
            .filter(|k| k.skipped.is_some())
            .count();
    }
}
