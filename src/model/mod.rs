//! Plain types of okr.yaml and the OKR files: what the files say, with no I/O.
//!
//! The types derive `JsonSchema` so that `okr schema` describes exactly what the
//! loader accepts; `load::decode` fills them from parsed YAML.

mod config;
mod cycle;
mod okr_file;
mod source;
pub mod text;

pub use config::{Config, CycleDecl, Level, Person, RulesConfig, Team};
pub use cycle::{Cycle, CycleError, Period};
pub use okr_file::{
    Initiative, InitiativeState, KeyResult, KrKind, Objective, ObjectiveKind, OkrFile, Origin,
    Review, Status,
};
pub use source::{
    Interval, KrSource, Preset, SourceDecl, SourceKind, SyncConfig, is_source_name,
    path_stays_inside, url_password,
};

/// A date as written in the files: `YYYY-MM-DD`.
pub type Date = chrono::NaiveDate;
