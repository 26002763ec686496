//! Tables and text views for people: status, roll-ups, show, tree, board.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use crate::score::Health;
use crate::view::board::BoardView;
use crate::view::show::ShowView;
use crate::view::status::{GroupView, KeyResultView, ObjectiveView, StatusView};
use crate::view::tree::{TreeNode, TreeView};

/// How tables are drawn: colours, and the width to wrap to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    /// Terminal width; `None` for no limit.
    pub width: Option<u16>,
}

impl Style {
    fn table(&self) -> Table {
        let mut table = Table::new();
        table.load_style(UTF8_FULL_CONDENSED);
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        match self.width {
            Some(w) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(w);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table
    }

    fn health(&self, health: Option<Health>) -> Cell {
        let Some(h) = health else {
            return Cell::new("");
        };
        let cell = Cell::new(h.as_str());
        if !self.color {
            return cell;
        }
        cell.fg(match h {
            Health::OnTrack => Color::Green,
            Health::AtRisk => Color::Yellow,
            Health::OffTrack => Color::Red,
            Health::Planned => Color::Blue,
        })
    }

    fn bold(&self, text: String) -> Cell {
        let cell = Cell::new(text);
        if self.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }
}

/// A score with two decimals, or `–` when there is none.
pub fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| format!("{s:.2}"))
}

/// A ten-cell progress bar.
pub fn bar(s: Option<f64>) -> String {
    let Some(s) = s else { return String::new() };
    let filled = (s.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// A number as people write it: `22`, `74.1`, `0.68`.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// `22 / 30 %`, `done`, `open (due 2026-11-30)`, `99.95 (≥ 99.9)`.
pub fn value(kr: &KeyResultView) -> String {
    let unit = kr
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    if let (Some(t), Some(c)) = (kr.target, kr.current) {
        return format!("{} / {}{unit}", number(c), number(t));
    }
    if let Some(done) = kr.done {
        let state = if done { "done" } else { "open" };
        return match (&kr.due, done) {
            (Some(due), false) => format!("{state} (due {due})"),
            _ => state.to_owned(),
        };
    }
    match (kr.keep_above, kr.keep_below, kr.current) {
        (Some(b), _, Some(c)) => format!("{}{unit} (≥ {})", number(c), number(b)),
        (_, Some(b), Some(c)) => format!("{}{unit} (≤ {})", number(c), number(b)),
        _ => String::new(),
    }
}

fn objective_label(o: &ObjectiveView) -> String {
    let mut label = format!("{}\n{}", o.title, o.id);
    if o.status != crate::model::Status::Agreed {
        label.push_str(&format!(" ({})", serde_plain(&o.status)));
    }
    label
}

/// A unit enum as its serde name: `agreed`, `aspirational`.
pub fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn status(out: &mut dyn Write, view: &StatusView, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{} ({} to {}), expected progress {:.2} on {}",
        view.cycle, view.start, view.end, view.expected, view.today
    )?;
    if view.objectives.is_empty() {
        return writeln!(out, "no objectives match");
    }
    let mut table = style.table();
    table.set_header([
        "Objective / key result",
        "Owner",
        "Progress",
        "Value / target",
        "Score",
        "Expected",
        "Health",
    ]);
    for o in &view.objectives {
        table.add_row(vec![
            style.bold(objective_label(o)),
            Cell::new(o.owner.as_deref().unwrap_or("")),
            Cell::new(bar(o.score)),
            Cell::new(""),
            Cell::new(score(o.score)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{:.2}", o.expected)).set_alignment(CellAlignment::Right),
            style.health(o.health),
        ]);
        for kr in &o.key_results {
            table.add_row(vec![
                Cell::new(format!("  {}", kr.title)),
                Cell::new(kr.owner.as_deref().unwrap_or("")),
                Cell::new(bar(kr.score)),
                Cell::new(value(kr)),
                Cell::new(score(kr.score)).set_alignment(CellAlignment::Right),
                Cell::new(""),
                Cell::new(""),
            ]);
        }
    }
    writeln!(out, "{table}")
}

pub fn groups(out: &mut dyn Write, view: &GroupView, by: &str, style: Style) -> io::Result<()> {
    writeln!(out, "{} on {}", view.cycle, view.today)?;
    let mut table = style.table();
    table.set_header([
        by,
        "Objectives",
        "Progress",
        "Score",
        "Health",
        "Last check-in",
    ]);
    for row in &view.teams {
        table.add_row(vec![
            Cell::new(format!("{}{}", "  ".repeat(row.depth), row.key.name())),
            Cell::new(row.objectives).set_alignment(CellAlignment::Right),
            Cell::new(bar(row.score)),
            Cell::new(score(row.score)).set_alignment(CellAlignment::Right),
            style.health(row.health),
            Cell::new(row.last_checkin.as_deref().unwrap_or("")),
        ]);
    }
    writeln!(out, "{table}")
}

pub fn show(out: &mut dyn Write, view: &ShowView, style: Style) -> io::Result<()> {
    let o = &view.objective;
    let line = |out: &mut dyn Write, k: &str, v: String| writeln!(out, "{k:<12}{v}");
    if let Some(kr) = &view.key_result {
        writeln!(out, "{}  {}", kr.reference, kr.title)?;
        line(out, "objective", format!("{}  {}", o.id, o.title))?;
        line(out, "owner", kr.owner.clone().unwrap_or_default())?;
        line(out, "value", value(kr))?;
        if let Some(start) = kr.start {
            line(out, "start", number(start))?;
        }
        line(
            out,
            "score",
            format!("{}  {}", score(kr.score), bar(kr.score)),
        )?;
        if let Some(c) = kr.confidence {
            line(out, "confidence", number(c))?;
        }
        if let Some(due) = &kr.due {
            line(out, "due", due.clone())?;
        }
    } else {
        writeln!(out, "{}  {}", o.id, o.title)?;
        let unit = match (&o.team, &o.person) {
            (Some(t), _) => format!("team {t}"),
            (None, Some(p)) => format!("person {p}"),
            _ => String::new(),
        };
        line(out, "cycle", format!("{} ({unit})", o.cycle))?;
        line(out, "owner", o.owner.clone().unwrap_or_default())?;
        line(
            out,
            "status",
            format!("{}, {}", serde_plain(&o.status), serde_plain(&o.kind)),
        )?;
        line(
            out,
            "score",
            format!(
                "{}  {}  expected {:.2}  {}",
                score(o.score),
                bar(o.score),
                o.expected,
                o.health.map_or("", |h| h.as_str())
            ),
        )?;
        if !o.key_results.is_empty() {
            let mut table = style.table();
            table.set_header(["Key result", "Owner", "Progress", "Value / target", "Score"]);
            for kr in &o.key_results {
                table.add_row(vec![
                    Cell::new(format!("{}\n{}", kr.title, kr.id)),
                    Cell::new(kr.owner.as_deref().unwrap_or("")),
                    Cell::new(bar(kr.score)),
                    Cell::new(value(kr)),
                    Cell::new(score(kr.score)).set_alignment(CellAlignment::Right),
                ]);
            }
            writeln!(out, "{table}")?;
        }
    }
    line(out, "file", view.file.clone())?;
    if !view.chain.is_empty() {
        writeln!(out, "\naligns to")?;
        for (depth, l) in view.chain.iter().enumerate() {
            writeln!(out, "{}└ {}", "  ".repeat(depth), link(l))?;
        }
    }
    if !view.aligned.is_empty() {
        writeln!(out, "\naligned to it")?;
        for l in &view.aligned {
            writeln!(out, "  {}", link(l))?;
        }
    }
    if !view.initiatives.is_empty() {
        writeln!(out, "\ninitiatives")?;
        for i in &view.initiatives {
            let kr = i
                .key_result
                .as_deref()
                .map_or(String::new(), |k| format!(" → {k}"));
            let owner = i
                .owner
                .as_deref()
                .map_or(String::new(), |p| format!(" ({p})"));
            writeln!(out, "  [{}] {}{owner}{kr}", serde_plain(&i.state), i.title)?;
        }
    }
    if !view.checkins.is_empty() {
        writeln!(out, "\nrecent check-ins")?;
        for c in &view.checkins {
            let change = match &c.old {
                serde_json::Value::Null => format!("(new) {}", json_value(&c.new)),
                old => format!("{} → {}", json_value(old), json_value(&c.new)),
            };
            writeln!(out, "  {}  {}  {}  {change}", c.date, c.author, c.reference)?;
        }
    }
    Ok(())
}

/// A check-in value as `okr history` shows it: a number, `done` or `not done`.
pub fn json_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Bool(true) => "done".to_owned(),
        serde_json::Value::Bool(false) => "not done".to_owned(),
        serde_json::Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), crate::edit::format_number),
        other => other.to_string(),
    }
}

/// `ref  title  (cycle, team)  score`.
fn link(l: &crate::view::show::ChainLink) -> String {
    format!(
        "{}  {}  ({}, {})  {}",
        l.reference,
        l.title,
        l.cycle,
        l.team.as_deref().unwrap_or(""),
        score(l.score)
    )
}

pub fn tree(out: &mut dyn Write, view: &TreeView) -> io::Result<()> {
    writeln!(out, "{}", view.cycle)?;
    let count = view.roots.len();
    for (i, root) in view.roots.iter().enumerate() {
        node(out, root, "", i + 1 == count)?;
    }
    Ok(())
}

fn node(out: &mut dyn Write, n: &TreeNode, prefix: &str, last: bool) -> io::Result<()> {
    let branch = if last { "└── " } else { "├── " };
    let name = n.reference.as_deref().unwrap_or(&n.id);
    let context = if n.context.is_empty() {
        String::new()
    } else {
        format!("  ↑ {}", n.context.join(", "))
    };
    writeln!(
        out,
        "{prefix}{branch}{} {}  {}{context}",
        name,
        n.title,
        score(n.score)
    )?;
    let child_prefix = format!("{prefix}{}", if last { "    " } else { "│   " });
    let count = n.children.len();
    for (i, c) in n.children.iter().enumerate() {
        node(out, c, &child_prefix, i + 1 == count)?;
    }
    Ok(())
}

pub fn board(out: &mut dyn Write, view: &BoardView, style: Style) -> io::Result<()> {
    writeln!(out, "{}", view.cycle)?;
    if view.objectives.is_empty() {
        return writeln!(out, "no initiatives");
    }
    let mut table = style.table();
    table.set_header(["Objective", "todo", "doing", "done"]);
    let cards = |cards: &[crate::view::board::Card]| {
        cards
            .iter()
            .map(|c| {
                let owner = c
                    .owner
                    .as_deref()
                    .map_or(String::new(), |p| format!(" ({p})"));
                let kr = c
                    .key_result
                    .as_deref()
                    .map_or(String::new(), |k| format!("\n  → {k}"));
                format!("• {}{owner}{kr}", c.title)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for o in &view.objectives {
        table.add_row(vec![
            style.bold(format!("{}\n{}", o.title, o.id)),
            Cell::new(cards(&o.todo)),
            Cell::new(cards(&o.doing)),
            Cell::new(cards(&o.done)),
        ]);
    }
    writeln!(out, "{table}")
}

/// `okr history`: one row per check-in, oldest first.
pub fn history(
    out: &mut dyn Write,
    checkins: &[&crate::git::history::Checkin],
    short: impl Fn(git2::Oid) -> String,
    style: Style,
) -> io::Result<()> {
    if checkins.is_empty() {
        return writeln!(out, "no check-ins");
    }
    let mut table = style.table();
    table.set_header(["Date", "Author", "Key result", "Change", "Score", "Commit"]);
    for c in checkins {
        let mut change = match c.old {
            Some(old) => format!("{old} → {}", c.new),
            None => format!("(new) {}", c.new),
        };
        if let Some(name) = crate::view::history::source_name(c.source.as_deref()) {
            // Synced values say where they came from.
            change.push_str(&format!(" (sync: {name})"));
        }
        table.add_row(vec![
            Cell::new(c.date()),
            Cell::new(&c.author),
            Cell::new(&c.reference),
            Cell::new(change),
            Cell::new(score(c.score)).set_alignment(CellAlignment::Right),
            Cell::new(short(c.commit)),
        ]);
    }
    writeln!(out, "{table}")
}
