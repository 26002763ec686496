//! `okr review`: which objectives of an ended cycle still lack a review, and
//! with `--template` the review questions written into each of them.
//! Orchestration only: `view::review` and `render::review` show, the edit
//! engine writes the template.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use super::support::writer::{FileChange, Writer, read};
use super::{Env, Outcome};
use crate::cli::{ReviewArgs, ViewFormat};
use crate::edit;
use crate::load::parse;
use crate::model::text::inert;
use crate::model::{Context, Cycle};
use crate::render;
use crate::view::review::{self, ReviewRow, ReviewView};
use crate::view::{self, date_string};

/// The review questions of the method, as the keys of `review:`.
pub const TEMPLATE: &str = "\
goal:       # What was the goal, and why?
done:       # What was done?
problems:   # What went wrong, and how was it solved?
result:     # What was the result?
lessons:    # What did we learn?
next:       # What comes next?
score:      # Your own grade, 0.0 to 1.0
";

pub fn run(env: &Env, args: &ReviewArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let org = super::support::load(env)?;
    let cx = Context::new(&org, env.today);
    let cycle = match &args.cycle {
        Some(_) => view::pick_cycle(&cx, args.cycle.as_deref())?,
        None => match review::last_ended(&cx) {
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
    let rows = review::rows(&cx, &cycle);
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
        ViewFormat::Json => render::json::value(out, &view)?,
        ViewFormat::Text => render::review::text(out, &view)?,
    }
    Ok(Outcome::Ok)
}

/// No cycle has ended yet: nothing to review, which is no error.
fn nothing_to_review(cx: &Context<'_>, args: &ReviewArgs, out: &mut dyn Write) -> Result<Outcome> {
    match args.format {
        ViewFormat::Json if !args.template => {
            render::json::value(out, &review::nothing(cx.today))?;
        }
        _ => writeln!(
            out,
            "nothing to review: no cycle with OKR files has ended by {}; `--cycle C` shows one that is running",
            date_string(cx.today)
        )?,
    }
    Ok(Outcome::Ok)
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
        let (bytes, mut text) = read(root, &path)?;
        let ids: Vec<&str> = rows
            .iter()
            .filter(|r| r.review == "missing" && r.file == file)
            .map(|r| r.id.as_str())
            .collect();
        let original = text.clone();
        for id in ids {
            let edited = parse(&text).map_err(anyhow::Error::from).and_then(|tree| {
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
