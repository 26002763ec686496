//! `okr report`: one cycle on one page, from the files and one walk of their
//! git history. Orchestration only: `view::report` builds the page,
//! `render::report` writes it.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::{Env, Outcome};
use crate::cli::{ReportArgs, ReportFormat};
use crate::git::Repo;
use crate::history::Walk;
use crate::model::{Context, Cycle, Level};
use crate::view::{self, report};

pub fn run(env: &Env, args: &ReportArgs, out: &mut dyn Write) -> Result<Outcome> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(format_of))
        .unwrap_or(ReportFormat::Markdown);
    let org = super::support::load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = view::pick_cycle(&cx, args.cycle.as_deref())?;
    let view = build(&cx, &cycle)?;
    let mut text = Vec::new();
    match format {
        ReportFormat::Html => crate::render::report::html::write(&mut text, &view)?,
        ReportFormat::Markdown => crate::render::report::markdown::write(&mut text, &view)?,
        ReportFormat::Json => crate::render::json::value(&mut text, &view)?,
    }
    match &args.output {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("could not write the report to {}", path.display()))?;
            eprintln!(
                "wrote {} ({} bytes)",
                crate::model::text::inert(&path.display().to_string()),
                text.len()
            );
        }
        None => out.write_all(&text)?,
    }
    Ok(Outcome::Ok)
}

/// `report.html` -> HTML, `report.md` -> Markdown, `report.json` -> JSON.
fn format_of(path: &Path) -> Option<ReportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => Some(ReportFormat::Html),
        "md" | "markdown" => Some(ReportFormat::Markdown),
        "json" => Some(ReportFormat::Json),
        _ => None,
    }
}

/// The report of `cycle`: one walk of history back to the cycle's start (a day
/// early, for time zones), and the stale key results as `okr check` finds them.
pub fn build(cx: &Context<'_>, cycle: &Cycle) -> Result<report::ReportView> {
    let mut notes = Vec::new();
    let Some(repo) = Repo::discover(&cx.org.root)? else {
        return Ok(report::report(
            cx,
            cycle,
            report::Inputs {
                history: None,
                stale: Vec::new(),
                notes,
            },
        ));
    };
    let history = if cx.today >= cycle.period.start {
        let from = cycle.period.start.pred_opt().unwrap_or(cycle.period.start);
        let walk = Walk {
            paths: repo.okr_paths(&cx.org.root, &cx.org.config.paths)?,
            stop_before: from.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()),
            ..Default::default()
        };
        let history = crate::history::walk(&repo, &walk)?;
        notes.extend(history.notes.iter().cloned());
        history
    } else {
        crate::model::History::default()
    };
    let stale = if cx.org.config.rules.levels.get("stale") == Some(&Level::Off) {
        Vec::new()
    } else {
        crate::history::stale_key_results(cx, &repo)?
    };
    Ok(report::report(
        cx,
        cycle,
        report::Inputs {
            history: Some(&history),
            stale,
            notes,
        },
    ))
}
