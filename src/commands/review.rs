//! `okr review`: which objectives of an ended cycle still lack a review, and
//! with `--template` the review questions written into each of them.

use std::io::Write;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use super::writer::{FileChange, Writer, read};
use super::{Env, Outcome};
use crate::cli::{ReviewArgs, ViewFormat};
use crate::edit;
use crate::load::parse;
use crate::model::text::inert;
use crate::model::{Cycle, Status};
use crate::rules::Context;
use crate::view::{self, date_string};

/// The review questions of the method (SPEC section 1), as the keys of `review:`.
pub const TEMPLATE: &str = "\
goal:       # What was the goal, and why?
done:       # What was done?
problems:   # What went wrong, and how was it solved?
result:     # What was the result?
lessons:    # What did we learn?
next:       # What comes next?
score:      # Your own grade, 0.0 to 1.0
";

#[derive(Debug, Serialize)]
struct ReviewView {
    today: String,
    cycle: String,
    end: String,
    ended: bool,
    objectives: Vec<ReviewRow>,
}

#[derive(Debug, Serialize)]
struct ReviewRow {
    id: String,
    title: String,
    owner: Option<String>,
    file: String,
    #[serde(serialize_with = "crate::score::json_opt")]
    score: Option<f64>,
    /// `reviewed`, `no-score` (a review without its score) or `missing`.
    review: &'static str,
    review_score: Option<f64>,
}

pub fn run(env: &Env, args: &ReviewArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let org = super::views::load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = match &args.cycle {
        Some(_) => view::pick_cycle(&cx, args.cycle.as_deref())?,
        None => match last_ended(&cx) {
            Some(cycle) => cycle,
            None => return nothing_to_review(&cx, args, out),
        },
    };
    let ended = cx.today > cycle.period.end;
    if !ended {
        eprintln!(
            "note: cycle {} runs until {}; reviews are written once it has ended",
            inert(&cycle.id),
            cycle.period.end
        );
    }
    let rows = rows(&cx, &cycle);
    if args.template {
        return template(&root, &cycle, &rows, out);
    }
    let view = ReviewView {
        today: date_string(cx.today),
        cycle: cycle.id.clone(),
        end: date_string(cycle.period.end),
        ended,
        objectives: rows,
    };
    match args.format {
        ViewFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &view)?;
            writeln!(out)?;
        }
        ViewFormat::Text => text(out, &view)?,
    }
    Ok(Outcome::Ok)
}

/// The latest cycle with OKR files that ended before today.
fn last_ended(cx: &Context<'_>) -> Option<Cycle> {
    let mut ids: Vec<&str> = cx
        .objectives
        .iter()
        .filter_map(|at| at.cycle_id())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.iter()
        .filter_map(|id| cx.cycle(id).ok())
        .filter(|c| c.period.end < cx.today)
        .max_by_key(|c| (c.period.end, std::cmp::Reverse(c.period.days())))
}

/// No cycle has ended yet: nothing to review, which is no error.
fn nothing_to_review(cx: &Context<'_>, args: &ReviewArgs, out: &mut dyn Write) -> Result<Outcome> {
    match args.format {
        ViewFormat::Json if !args.template => {
            let view = serde_json::json!({
                "today": date_string(cx.today),
                "cycle": null,
                "end": null,
                "ended": false,
                "objectives": [],
            });
            serde_json::to_writer_pretty(&mut *out, &view)?;
            writeln!(out)?;
        }
        _ => writeln!(
            out,
            "nothing to review: no cycle with OKR files has ended by {}; `--cycle C` shows one that is running",
            date_string(cx.today)
        )?,
    }
    Ok(Outcome::Ok)
}

fn rows(cx: &Context<'_>, cycle: &Cycle) -> Vec<ReviewRow> {
    cx.objectives
        .iter()
        .filter(|at| {
            at.cycle_id() == Some(cycle.id.as_str()) && at.objective.status != Status::Dropped
        })
        .map(|at| {
            let o = at.objective;
            let review_score = o.review.as_ref().and_then(|r| r.score);
            ReviewRow {
                id: o.id.clone(),
                title: o.title.clone(),
                owner: o.owner.clone(),
                file: at.path.to_owned(),
                score: crate::score::objective(o),
                review: match (&o.review, review_score) {
                    (Some(_), Some(_)) => "reviewed",
                    (Some(_), None) => "no-score",
                    (None, _) => "missing",
                },
                review_score,
            }
        })
        .collect()
}

fn text(out: &mut dyn Write, view: &ReviewView) -> Result<()> {
    let missing: Vec<&ReviewRow> = view
        .objectives
        .iter()
        .filter(|r| r.review != "reviewed")
        .collect();
    if view.objectives.is_empty() {
        writeln!(out, "Cycle {} has no live objectives.", inert(&view.cycle))?;
        return Ok(());
    }
    if missing.is_empty() {
        writeln!(
            out,
            "All {} objectives of {} have a review with a score.",
            view.objectives.len(),
            inert(&view.cycle)
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} of {} objectives of {} ({} {}) still need a review:",
        missing.len(),
        view.objectives.len(),
        inert(&view.cycle),
        if view.ended { "ended" } else { "ends" },
        view.end
    )?;
    for r in &missing {
        let what = if r.review == "missing" {
            "no review"
        } else {
            "a review without its score"
        };
        writeln!(
            out,
            "  {:<24} {:<14} score {}  {what}  ({})",
            inert(&r.id),
            inert(r.owner.as_deref().unwrap_or("–")),
            crate::render::table::score(r.score),
            inert(&r.file)
        )?;
    }
    if missing.iter().any(|r| r.review == "missing") {
        writeln!(
            out,
            "\nRun `okr review --cycle {} --template` to add the review questions to them.",
            inert(&view.cycle)
        )?;
    }
    Ok(())
}

/// Adds the template to every live objective of the cycle without `review:`,
/// file by file; writes without committing, since the owners fill it in first.
fn template(
    root: &std::path::Path,
    cycle: &Cycle,
    rows: &[ReviewRow],
    out: &mut dyn Write,
) -> Result<Outcome> {
    let mut files: Vec<&str> = rows
        .iter()
        .filter(|r| r.review == "missing")
        .map(|r| r.file.as_str())
        .collect();
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(*f));
    if files.is_empty() {
        writeln!(
            out,
            "Every live objective of {} already has a review; nothing to add.",
            cycle.id
        )?;
        return Ok(Outcome::Ok);
    }
    let writer = Writer::open(root, false, true)?;
    let mut changes = Vec::new();
    let mut failed = Vec::new();
    let mut count = 0;
    for file in files {
        let path = root.join(file);
        let (bytes, mut text) = read(&path)?;
        let ids: Vec<&str> = rows
            .iter()
            .filter(|r| r.review == "missing" && r.file == file)
            .map(|r| r.id.as_str())
            .collect();
        let original = text.clone();
        for id in ids {
            let edited = parse(&text)
                .map_err(|p| anyhow::anyhow!("line {}: {}", p.pos.line, p.message))
                .and_then(|tree| {
                    let route = edit::find(&tree, id, None)
                        .with_context(|| format!("the file no longer holds objective `{id}`"))?;
                    edit::insert_mapping(&text, &route, "review", TEMPLATE)
                });
            match edited {
                Ok(edited) => {
                    text = edited;
                    count += 1;
                }
                // One objective okr cannot edit does not hold up the others.
                Err(e) => failed.push(format!(
                    "cannot add a review to `{id}` in {file}: {e:#}; add it by hand"
                )),
            }
        }
        if text != original {
            changes.push(FileChange {
                path,
                original: Some(bytes),
                new: text,
            });
        }
    }
    for f in &failed {
        eprintln!("error: {}", crate::model::text::inert_message(f));
    }
    if changes.is_empty() {
        bail!("no review was added");
    }
    writer.apply(&changes, "review: add the review questions")?;
    writeln!(
        out,
        "Added the review questions to {count} objective(s) in {} file(s) of {}. Fill them in, give each a score, and commit.",
        changes.len(),
        inert(&cycle.id)
    )?;
    Ok(if failed.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}
