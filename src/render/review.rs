//! `okr review` as text: what still needs a review, and how to add one. Writes
//! the view as given; computes nothing.

use std::io::{self, Write};

use crate::model::text::inert;
use crate::view::review::{ReviewRow, ReviewView};

/// The objectives that still need a review, or that none does.
pub fn text(out: &mut dyn Write, view: &ReviewView) -> io::Result<()> {
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
            super::table::score(r.score),
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
