//! Readers of OKRs kept elsewhere: spreadsheets (CSV, XLSX), a Viva Goals
//! export, GitLab work items. Each turns its input (bytes) into one [`Plan`]
//! in the model's terms. Readers use only `model`: they write no file and do
//! not touch git; `okr import` matches the plan with the repository, writes it
//! through the edit engine and commits it.
//!
//! Inputs are untrusted. The limits below bound what a reader takes in; past
//! them the import stops with one error and writes nothing.

pub mod columns;
pub mod csv;
pub mod gitlab;
pub mod ids;
mod json;
pub mod numbers;
pub mod plan;
mod row;
pub mod sheet;
pub mod viva_goals;
pub mod xlsx;
mod zip_limits;

pub use plan::{CheckinTarget, CheckinValue, Plan, PlannedCheckin, PlannedObjective};

/// The largest input file: a CSV, XLSX, JSON or ZIP file.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most rows a sheet (or records a JSON file) may have.
pub const MAX_ROWS: usize = 10_000;
/// The most columns a sheet may have.
pub const MAX_COLUMNS: usize = 200;
/// The most files a ZIP archive (an XLSX file, a Viva Goals export) may hold.
pub const MAX_ZIP_ENTRIES: usize = 1_000;
/// The most bytes all files of a ZIP archive may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// The longest title kept, in characters; longer ones are cut.
pub const MAX_TITLE_CHARS: usize = 500;
/// The longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The most errors listed before the rest are counted.
pub const MAX_ERRORS: usize = 20;

/// Errors of one input, listed together (at most [`MAX_ERRORS`]).
#[derive(Debug, Default)]
pub struct Errors(pub Vec<String>);

impl Errors {
    pub fn push(&mut self, e: String) {
        self.0.push(e);
    }

    /// `Err` with every error when there is any.
    pub fn finish<T>(self, value: T) -> Result<T, String> {
        if self.0.is_empty() {
            return Ok(value);
        }
        let shown: Vec<&str> = self.0.iter().take(MAX_ERRORS).map(String::as_str).collect();
        let mut text = shown.join("\n");
        if self.0.len() > MAX_ERRORS {
            text.push_str(&format!("\n... and {} more", self.0.len() - MAX_ERRORS));
        }
        Err(text)
    }
}
