//! `okr sync` for people: one line per key result, then the commit. Writes the
//! view as given; fetches nothing.

use std::io::{self, Write};

use super::table::json_value;
use crate::model::text::inert;
use crate::view::sync::SyncView;

pub fn text(out: &mut dyn Write, view: &SyncView) -> io::Result<()> {
    if view.key_results.is_empty() {
        return writeln!(out, "no key result declares a `source:`; nothing to sync");
    }
    for k in &view.key_results {
        if let Some(why) = &k.skipped {
            writeln!(
                out,
                "{}",
                inert(&format!("{}: skipped, {why}", k.reference))
            )?;
            continue;
        }
        if k.error.is_some() {
            writeln!(
                out,
                "{}",
                inert(&format!("{}: failed ({})", k.reference, k.source))
            )?;
            continue;
        }
        let change = if k.changed {
            format!("{} -> {}", json_value(&k.old), json_value(&k.new))
        } else {
            format!("{}, unchanged", json_value(&k.new))
        };
        let mut how = k.source.clone();
        if let Some(as_of) = &k.as_of {
            how.push_str(&format!(", as of {as_of}"));
        }
        if let Some(ms) = k.ms {
            how.push_str(&format!(", {ms} ms"));
        }
        writeln!(
            out,
            "{}",
            inert(&format!("{}: {change} ({how})", k.reference))
        )?;
    }
    writeln!(out, "{}", inert(&view.outcome))
}

pub fn json(out: &mut dyn Write, view: &SyncView) -> io::Result<()> {
    super::json::value(out, view)
}
