//! `okr nudge` as text and as Markdown (for a CI job to post). Writes the view
//! as given; computes nothing.

use std::io::Write;

use super::markdown::{md_code, md_text};
use super::table::json_value;
use crate::model::text::inert;
use crate::view::nudge::{NudgeView, OwnerNudge};

/// How to check in, changed or not.
const HOW: &str = "Record where they stand with `okr checkin REF VALUE`, or `okr checkin REF --same` when the value still holds.";

fn who(o: &OwnerNudge) -> String {
    match (&o.name, &o.email) {
        (Some(n), Some(e)) => format!("{} ({n} <{e}>)", o.owner),
        (Some(n), None) => format!("{} ({n})", o.owner),
        (None, Some(e)) => format!("{} <{e}>", o.owner),
        (None, None) => o.owner.clone(),
    }
}

pub fn text(out: &mut dyn Write, view: &NudgeView) -> std::io::Result<()> {
    if view.owners.is_empty() {
        return writeln!(
            out,
            "Every key result of the running cycles had a check-in in the last {} days.",
            view.stale_after_days
        );
    }
    for o in &view.owners {
        writeln!(out, "{}", inert(&who(o)))?;
        for k in &o.key_results {
            writeln!(
                out,
                "  {}  {}  (still {} since {})",
                inert(&k.reference),
                inert(&k.title),
                inert(&json_value(&k.value)),
                inert(&k.since)
            )?;
        }
    }
    writeln!(out, "\n{HOW}")
}

pub fn markdown(out: &mut dyn Write, view: &NudgeView) -> std::io::Result<()> {
    writeln!(out, "### Check-in reminder, {}\n", md_text(&view.today))?;
    if view.owners.is_empty() {
        return writeln!(
            out,
            "Every key result of the running cycles had a check-in in the last {} days. 🎉",
            view.stale_after_days
        );
    }
    let count: usize = view.owners.iter().map(|o| o.key_results.len()).sum();
    writeln!(
        out,
        "{count} key result{} had no check-in in the last {} days. {HOW}\n",
        if count == 1 { "" } else { "s" },
        view.stale_after_days
    )?;
    for o in &view.owners {
        writeln!(out, "**{}**\n", md_text(&who(o)))?;
        for k in &o.key_results {
            writeln!(
                out,
                "- {} {} — still {} since {}",
                md_code(&k.reference),
                md_text(&k.title),
                md_text(&json_value(&k.value)),
                md_text(&k.since)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
