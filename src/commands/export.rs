//! `okr export csv|xlsx`: a cycle's key results as a spreadsheet, in the
//! columns `okr import` reads. Orchestration only: `view::export` builds the
//! rows, `render::spreadsheet` writes them.

use std::io::{IsTerminal, Write};

use anyhow::{Context as _, Result, bail};

use super::{Env, Outcome};
use crate::cli::{ExportArgs, ExportFormat};
use crate::model::Context;
use crate::model::text::inert;
use crate::render::spreadsheet;
use crate::view::{self, status};

pub fn run(env: &Env, args: &ExportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let org = super::support::load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = view::pick_cycle(&cx, args.cycle.as_deref())?;
    let status = status::status(&cx, &cycle, &status::Filter::default());
    let last = super::support::last_checkins(env, &cycle)?;
    let rows = view::export::export(&cx, &status, &last);
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Csv => spreadsheet::csv(&mut bytes, &rows)?,
        ExportFormat::Xlsx => spreadsheet::xlsx(&mut bytes, &rows)?,
    }
    match &args.output {
        Some(path) => {
            let path = env.dir.join(path);
            std::fs::write(&path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "Wrote {} key results of {} to {}.",
                rows.rows.len(),
                inert(&cycle.id),
                inert(&path.display().to_string())
            );
        }
        None => {
            if args.format == ExportFormat::Xlsx && std::io::stdout().is_terminal() {
                bail!("an XLSX workbook is binary; write it to a file with -o FILE.xlsx");
            }
            out.write_all(&bytes)?;
        }
    }
    Ok(Outcome::Ok)
}
