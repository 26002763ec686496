//! `okr export csv|xlsx`: a cycle's key results as a spreadsheet.

use std::io::Write;

use anyhow::Result;

use super::{Env, Outcome};
use crate::cli::ExportArgs;

pub fn run(_env: &Env, _args: &ExportArgs, _out: &mut dyn Write) -> Result<Outcome> {
    anyhow::bail!("okr export is not built yet")
}
