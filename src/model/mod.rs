//! The hub: the plain types every layer shares. What okr.yaml and the OKR
//! files say, the organisation as loaded and its index, cycles, dates,
//! positions, rule ids, check-ins and commit ids, numbers as written. No I/O
//! but one boundary ([`root`]: where every path okr reads or writes is
//! resolved and kept inside the OKR root), and nothing of the crate but
//! itself: every module may use the model, the model uses none.
//!
//! The file types derive `JsonSchema` so that `okr schema` describes exactly
//! what the loader accepts; `load::decode` fills them from parsed YAML.

mod broken;
mod bytes;
mod checkin;
mod config;
mod cycle;
mod date;
mod index;
mod kr_spec;
mod number;
mod okr_file;
mod org;
mod pos;
mod problem;
pub mod root;
mod rule_id;
mod source;
mod suggest;
pub mod text;

pub use broken::{Broken, broken_files};
pub use bytes::common_ends;
pub use checkin::{
    Checkin, Field, GoalCommit, GoalHistory, History, KeyResultsAt, ObjectId, Retarget, Stale, Val,
    date_of,
};
pub use config::{Config, CycleDecl, Level, MAX_STALE_AFTER_DAYS, Person, RulesConfig, Team};
pub use cycle::{Cycle, CycleError, Period};
pub use date::parse_date;
pub use index::{Context, ObjectiveAt, Unit};
pub use kr_spec::{KrSpec, Measure, check_id};
pub use number::{exact_integer, format_number, json_value};
pub use okr_file::{
    Initiative, InitiativeState, KeyResult, KrKind, Objective, ObjectiveKind, OkrFile, Origin,
    Review, Status,
};
pub use org::{CONFIG_FILE, DEFAULT_PATHS, FileStamp, Org, SourceFile, okr_paths, relative_path};
pub use pos::{Pos, Span};
pub use problem::{FileProblem, ParseProblem};
pub use root::{PathError, Root, Writable, is_file_id, is_path_part, path_stays_inside};
pub use rule_id::{RuleId, UnknownRule};
pub use source::{
    Interval, KrSource, Preset, SourceDecl, SourceKind, SyncConfig, is_source_name, url_password,
};
pub use suggest::{MAX_REF_CHARS, did_you_mean, suggest};

/// A date as written in the files: `YYYY-MM-DD`.
pub type Date = chrono::NaiveDate;
