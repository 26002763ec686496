//! `okr diff` for people: text for a terminal, Markdown for a pull-request
//! comment. Writes the view as given; computes nothing.

use std::io::{self, Write};

use serde_json::Value;

use super::{md_code, md_prose, md_text};
use crate::model::text::inert;
use crate::view::diff::{Change, DiffView};

/// A value as people write it: `26`, `done`, `a, b`, `–` for nothing.
fn show(v: &Value) -> String {
    match v {
        Value::Null => "–".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), crate::model::format_number),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "–".to_owned(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        Value::Object(_) => v.to_string(),
    }
}

fn with_score(v: &Value, score: Option<f64>) -> String {
    match score {
        Some(s) => format!("{} ({})", show(v), crate::score::shown(Some(s))),
        None => show(v),
    }
}

fn before_after(c: &Change) -> (String, String) {
    match c.scores {
        Some((a, b)) => (with_score(&c.old, a), with_score(&c.new, b)),
        None => (show(&c.old), show(&c.new)),
    }
}

/// `3 progressed · 1 added · 2 removed · 1 retargeted · 4 changed`.
fn summary(view: &DiffView) -> String {
    let count = |kind: &str| view.changed.iter().filter(|c| c.kind == kind).count();
    let parts = [
        (count("progressed"), "progressed"),
        (view.added.len(), "added"),
        (view.removed.len(), "removed"),
        (count("retargeted"), "retargeted"),
        (count("changed"), "changed"),
    ];
    let text: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if text.is_empty() {
        "no changes to objectives or key results".to_owned()
    } else {
        text.join(" · ")
    }
}

pub fn text(out: &mut dyn Write, view: &DiffView) -> io::Result<()> {
    writeln!(
        out,
        "{} → {}: {}",
        inert(&view.labels.0),
        inert(&view.labels.1),
        summary(view)
    )?;
    for w in &view.warnings {
        writeln!(
            out,
            "warning: {}: {}",
            inert(&w.reference),
            inert(&w.message)
        )?;
    }
    let title = |r: &str| inert(view.titles.get(r).map_or("", String::as_str)).into_owned();
    for r in &view.added {
        writeln!(out, "+ {}  {}", inert(r), title(r))?;
    }
    for r in &view.removed {
        writeln!(out, "- {}  {}", inert(r), title(r))?;
    }
    for c in &view.changed {
        let (a, b) = before_after(c);
        writeln!(
            out,
            "~ {} {}: {} → {}",
            inert(&c.reference),
            c.field,
            inert(&a),
            inert(&b)
        )?;
    }
    Ok(())
}

pub fn markdown(out: &mut dyn Write, view: &DiffView) -> io::Result<()> {
    writeln!(
        out,
        "### OKR changes: {} → {}\n",
        md_text(&view.labels.0),
        md_text(&view.labels.1)
    )?;
    let warnings = match view.warnings.len() {
        0 => String::new(),
        1 => " · ⚠️ 1 warning".to_owned(),
        n => format!(" · ⚠️ {n} warnings"),
    };
    writeln!(out, "**{}**{warnings}\n", summary(view))?;
    if !view.warnings.is_empty() {
        writeln!(out, "#### ⚠️ Review first\n")?;
        for w in &view.warnings {
            let what = match w.kind {
                "target-eased" => "Target eased",
                "baseline-moved" => "Baseline moved",
                "due-postponed" => "Due date postponed",
                "synced-edited-by-hand" => "Synced value edited by hand",
                _ => "Removed mid-cycle",
            };
            writeln!(
                out,
                "- **{what}** {}: {}",
                md_code(&w.reference),
                md_prose(&w.message)
            )?;
        }
        writeln!(out)?;
    }
    if view.is_empty() {
        return Ok(());
    }
    let title = |r: &str| md_text(view.titles.get(r).map_or("", String::as_str));
    writeln!(out, "| | Objective / key result | Field | Before | After |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for r in &view.added {
        writeln!(out, "| ➕ added | {} {} | | | |", md_code(r), title(r))?;
    }
    for r in &view.removed {
        writeln!(out, "| ➖ removed | {} {} | | | |", md_code(r), title(r))?;
    }
    for c in &view.changed {
        let (a, b) = before_after(c);
        let icon = match c.kind {
            "progressed" => "📈 progressed",
            "retargeted" => "🎯 retargeted",
            _ => "✏️ changed",
        };
        writeln!(
            out,
            "| {icon} | {} {} | {} | {} | {} |",
            md_code(&c.reference),
            title(&c.reference),
            c.field,
            md_text(&a),
            md_text(&b)
        )?;
    }
    Ok(())
}
