//! okr.yaml as plain types: the organisation, cycles, teams, people, rule
//! settings and sources. Decoded by `load`; no I/O here.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// `okr.yaml`: the organisation, its cycles, teams, people and rule settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "okr.yaml")]
pub struct Config {
    /// The organisation's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// The vision every objective ultimately serves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vision: Option<String>,
    /// Folders (relative to okr.yaml) that hold OKR files; default `[okrs]`.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Custom cycles; standard ids (`2026`, `2026-H1`, `2026-Q4`, `2026-11`) need no declaration.
    #[serde(default)]
    pub cycles: Vec<CycleDecl>,
    /// The team tree.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// People who own objectives, key results and initiatives.
    #[serde(default)]
    pub people: Vec<Person>,
    /// Limits and levels of the rules of `okr check`.
    #[serde(default)]
    pub rules: RulesConfig,
    /// Named data sources that key results take their values from (`okr sync`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, super::SourceDecl>,
    /// Settings of `okr sync`.
    #[serde(default)]
    pub sync: super::SyncConfig,
}

/// A declared cycle with its period.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CycleDecl {
    /// The cycle id files refer to with `cycle:`.
    #[schemars(with = "IdOrNumber")]
    pub id: String,
    /// A readable name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First day (YYYY-MM-DD); needed unless the id is a standard one.
    #[schemars(with = "Option<DateString>")]
    pub start: Option<Date>,
    /// Last day (YYYY-MM-DD); needed unless the id is a standard one.
    #[schemars(with = "Option<DateString>")]
    pub end: Option<Date>,
}

/// A team; teams form a tree through `parent`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The id of the parent team; none for the top team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The person who leads the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Person ids of the team's members.
    #[serde(default)]
    pub members: Vec<String>,
}

/// A person.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Limits and levels of the rules.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    /// At most this many live objectives per team (or person) per cycle.
    #[schemars(range(min = 1))]
    pub max_objectives: u32,
    /// At most this many key results per objective.
    #[schemars(range(min = 1))]
    pub max_key_results: u32,
    /// At least this many key results per objective.
    pub min_key_results: u32,
    /// The share (0.0-1.0) of objectives below the top team that should be bottom-up.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub bottom_up_share: f64,
    /// A key result whose value has not changed for this many days is stale.
    #[schemars(range(min = 1, max = 3650))]
    pub stale_after_days: u32,
    /// Rule id -> level, overriding the rule's default.
    #[serde(default)]
    pub levels: BTreeMap<String, Level>,
    /// Rule id -> files (`okrs/a.yaml`) or places (`okrs/a.yaml:12`) where its findings are silenced.
    #[serde(default)]
    pub ignore: BTreeMap<String, Vec<String>>,
}

/// The most days `rules.stale-after-days` may say (ten years): a window from
/// any day okr reads cannot leave the calendar.
pub const MAX_STALE_AFTER_DAYS: u32 = 3650;

impl Default for RulesConfig {
    fn default() -> Self {
        RulesConfig {
            max_objectives: 5,
            max_key_results: 4,
            min_key_results: 1,
            bottom_up_share: 0.6,
            stale_after_days: 14,
            levels: BTreeMap::new(),
            ignore: BTreeMap::new(),
        }
    }
}

/// How a rule's findings count.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Off,
    /// Reported; fails `okr check` only with `--deny-warnings`.
    Warning,
    /// Reported and fails `okr check`.
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A string id; a YAML number such as `2026` is read as its text.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub(crate) enum IdOrNumber {
    Str(String),
    Int(i64),
}

/// A date written `YYYY-MM-DD`.
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
pub(crate) struct DateString(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] String);
