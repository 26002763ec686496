//! `okr schema [config]`: JSON Schema (draft 2020-12) from the model types.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::cli::{SchemaArgs, SchemaKind};
use crate::model::{Config, OkrFile};

/// The schema of OKR files or of okr.yaml, as pretty JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::File => schemars::schema_for!(OkrFile),
        SchemaKind::Config => schemars::schema_for!(Config),
    };
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

pub fn run(args: &SchemaArgs, out: &mut dyn Write) -> Result<Outcome> {
    writeln!(out, "{}", schema_json(args.kind))?;
    Ok(Outcome::Ok)
}
