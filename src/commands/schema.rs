//! `okr schema [config]`: JSON Schema (draft 2020-12) from the model types.
//! Orchestration only: `render::json::schema` serialises.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use super::support::schema_json;
use crate::cli::SchemaArgs;

pub fn run(args: &SchemaArgs, out: &mut dyn Write) -> Result<Outcome> {
    writeln!(out, "{}", schema_json(args.kind))?;
    Ok(Outcome::Ok)
}
