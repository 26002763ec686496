//! Tables and text views for people: status, roll-ups, show, tree, board.
//! Writes views as given; reads no file and no git.

pub use crate::model::json_value;
use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width,
};

use super::fit;
use crate::model::text::inert;
use crate::score::Health;
use crate::view::align::Problem;
use crate::view::board::BoardView;
use crate::view::show::ShowView;
use crate::view::status::{GroupView, KeyResultView, StatusView};
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
    crate::score::shown(s)
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

/// `22 / 30 %`, `done`, `open (due 2026-11-30)`, `overdue (due 2026-11-01)`, `99.95 (≥ 99.9)`.
pub fn value(kr: &KeyResultView) -> String {
    let unit = kr
        .unit
        .as_deref()
        .map_or(String::new(), |u| format!(" {u}"));
    if let (Some(t), Some(c)) = (kr.target, kr.current) {
        return format!("{} / {}{unit}", number(c), number(t));
    }
    if let Some(done) = kr.done {
        let state = match (done, kr.overdue) {
            (true, _) => "done",
            (false, true) => "overdue",
            (false, false) => "open",
        };
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

/// A unit enum as its serde name: `agreed`, `aspirational`.
pub fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The rows of the status table drawn per table of this many: the table is
/// printed as it is made, in one piece to the reader, so that memory does not
/// grow with the organisation.
const STATUS_CHUNK: usize = 512;

/// One row of the status table: an objective, or one of its key results.
struct StatusRow {
    /// On one line: a title written over several lines is joined.
    title: String,
    /// `None` for a key result (indented).
    id: Option<String>,
    cells: [String; 6],
    health: Option<Health>,
}

/// The rows of an objective: itself, then its key results. The title apart
/// from the lines that must stay whole (the objective's id, its status).
fn status_rows(o: &crate::view::status::ObjectiveView) -> Vec<StatusRow> {
    let mut id = inert(&o.id).into_owned();
    if o.status != crate::model::Status::Agreed {
        id.push_str(&format!(" ({})", serde_plain(&o.status)));
    }
    let owner = inert(o.owner.as_deref().unwrap_or_default()).into_owned();
    let mut rows = Vec::with_capacity(1 + o.key_results.len());
    rows.push(StatusRow {
        title: one_line(&o.title),
        id: Some(id),
        cells: [
            owner,
            bar(o.score),
            String::new(),
            score(o.score),
            score(Some(o.expected)),
            String::new(),
        ],
        health: o.health,
    });
    for kr in &o.key_results {
        rows.push(StatusRow {
            title: one_line(&kr.title),
            id: None,
            cells: [
                inert(kr.owner.as_deref().unwrap_or_default()).into_owned(),
                bar(kr.score),
                inert(&value(kr)).into_owned(),
                score(kr.score),
                String::new(),
                String::new(),
            ],
            health: None,
        });
    }
    rows
}

/// How wide a cell's text is drawn: its widest line, at least 1.
fn drawn_width(text: &str) -> usize {
    text.split('\n')
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .max(1)
}

pub fn status(out: &mut dyn Write, view: &StatusView, style: Style) -> io::Result<()> {
    status_in_tables(out, view, style, STATUS_CHUNK)
}

/// The status table, drawn `chunk` rows at a time (the output is the same
/// for any `chunk`).
fn status_in_tables(
    out: &mut dyn Write,
    view: &StatusView,
    style: Style,
    chunk_rows: usize,
) -> io::Result<()> {
    writeln!(
        out,
        "{} ({} to {}), expected progress {} on {}",
        inert(&view.cycle),
        view.start,
        view.end,
        score(Some(view.expected)),
        view.today
    )?;
    if view.objectives.is_empty() {
        return writeln!(out, "no objectives match");
    }
    const HEADERS: [&str; 7] = [
        "Objective / key result",
        "Owner",
        "Progress",
        "Value / target",
        "Score",
        "Expected",
        "Health",
    ];
    // The rows are made again for each pass rather than kept: a large
    // organisation's table would hold several copies of every title.
    let rows = || view.objectives.iter().flat_map(status_rows);

    // The widths the columns would like, and what they can do with less: the
    // title is shortened (never below the widest id); then Expected (said
    // above the table) goes, values wrap, the bar goes, values wrap further,
    // the owner goes, and values wrap at slashes too.
    let mut natural: Vec<usize> = HEADERS.iter().map(|h| h.len()).collect();
    let mut ids = 0;
    let narrowing: [fn(&str) -> usize; 3] =
        [fit::widest_group, fit::widest_word, fit::widest_piece];
    let mut narrowest = narrowing.map(|f| f(HEADERS[3]));
    for r in rows() {
        let title_width = fit::width(&r.title) + if r.id.is_none() { 2 } else { 0 };
        natural[0] = natural[0].max(title_width);
        if let Some(id) = &r.id {
            ids = ids.max(fit::widest_group(id));
        }
        for (c, natural) in natural.iter_mut().enumerate().skip(1) {
            let width = match c {
                6 => r.health.map_or(0, |h| h.as_str().len()),
                _ => fit::width(&r.cells[c - 1]),
            };
            *natural = (*natural).max(width);
        }
        for (n, f) in narrowest.iter_mut().zip(narrowing) {
            *n = (*n).max(f(&r.cells[2]));
        }
    }
    natural[0] = natural[0].max(ids);
    // The value column, wrapped with its `(due ...)` and `(≥ ...)` whole, or
    // at any space, or also after a slash (`releases/month`).
    let steps = [
        (5, fit::Give::Drop),
        (3, fit::Give::Wrap(narrowest[0])),
        (2, fit::Give::Drop),
        (3, fit::Give::Wrap(narrowest[1])),
        (1, fit::Give::Drop),
        (3, fit::Give::Wrap(narrowest[2])),
    ];
    let widths = fit::widths(&natural, ids.max(12), style.width.map(usize::from), &steps);
    let wrapped = |text: &str, c: usize| match widths[c] {
        Some(w) if w < natural[c] => fit::wrap(text, w),
        _ => text.to_owned(),
    };
    let kept: Vec<usize> = (0..HEADERS.len())
        .filter(|c| widths[*c].is_some())
        .collect();
    let title_max = widths[0].unwrap_or(natural[0]);
    // The text of each kept cell of a row.
    let texts = |r: &StatusRow| -> Vec<String> {
        kept.iter()
            .map(|&c| match c {
                0 => match &r.id {
                    Some(id) => format!(
                        "{}\n{}",
                        fit::truncate(&r.title, title_max),
                        fit::wrap(id, title_max)
                    ),
                    None => format!("  {}", fit::truncate(&r.title, title_max.saturating_sub(2))),
                },
                6 => r.health.map_or("", |h| h.as_str()).to_owned(),
                4 | 5 => r.cells[c - 1].clone(),
                _ => wrapped(&r.cells[c - 1], c),
            })
            .collect()
    };
    let header: Vec<String> = kept.iter().map(|&c| wrapped(HEADERS[c], c)).collect();

    // The width each column is drawn at, as one table of every row would
    // draw it: its widest line.
    let mut drawn: Vec<usize> = header.iter().map(|h| drawn_width(h)).collect();
    for r in rows() {
        for (d, text) in drawn.iter_mut().zip(texts(&r)) {
            *d = (*d).max(drawn_width(&text));
        }
    }

    // Then the rows, a table of them at a time at those widths: the first
    // with the header, the last with the bottom border.
    let cells = |r: &StatusRow| -> Vec<Cell> {
        kept.iter()
            .zip(texts(r))
            .map(|(&c, text)| match c {
                0 if r.id.is_some() => style.bold(text),
                6 => style.health(r.health),
                4 | 5 => Cell::new(text).set_alignment(CellAlignment::Right),
                _ => Cell::new(text),
            })
            .collect()
    };
    let mut first = true;
    let mut draw = |chunk: &mut Vec<Vec<Cell>>, last: bool| -> io::Result<()> {
        let mut table = style.table();
        table.set_content_arrangement(ContentArrangement::Disabled);
        if first {
            table.set_header(header.clone());
        }
        for row in chunk.drain(..) {
            table.add_row(row);
        }
        for (column, width) in table.column_iter_mut().zip(&drawn) {
            // (A column too wide for a fixed width is drawn in one table, below.)
            if let Ok(width) = u16::try_from(width + 2) {
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
        }
        let lines: Vec<String> = table.lines().collect();
        let n = lines.len();
        for (k, line) in lines.iter().enumerate() {
            // A table's top border and bottom border stand only at the ends.
            if (k == 0 && !first) || (k + 1 == n && !last) {
                continue;
            }
            writeln!(out, "{line}")?;
        }
        first = false;
        Ok(())
    };
    let too_wide = drawn.iter().any(|w| u16::try_from(w + 2).is_err());
    let chunk_rows = if too_wide {
        usize::MAX
    } else {
        chunk_rows.max(1)
    };
    let mut chunk: Vec<Vec<Cell>> = Vec::with_capacity(chunk_rows.min(STATUS_CHUNK));
    for r in rows() {
        if chunk.len() == chunk_rows {
            draw(&mut chunk, false)?;
        }
        chunk.push(cells(&r));
    }
    draw(&mut chunk, true)
}

/// A title on one line: its lines joined with spaces, as a terminal may show it.
fn one_line(title: &str) -> String {
    inert(&title.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

pub fn groups(out: &mut dyn Write, view: &GroupView, by: &str, style: Style) -> io::Result<()> {
    writeln!(out, "{} on {}", inert(&view.cycle), view.today)?;
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
            Cell::new(format!(
                "{}{}{}",
                "  ".repeat(row.depth),
                inert(row.key.name()),
                row.problem
                    .as_ref()
                    .map_or(String::new(), |p| format!("  {}", inert(&p.marker())))
            )),
            Cell::new(row.objectives).set_alignment(CellAlignment::Right),
            Cell::new(bar(row.score)),
            Cell::new(score(row.score)).set_alignment(CellAlignment::Right),
            style.health(row.health),
            Cell::new(inert(row.last_checkin.as_deref().unwrap_or(""))),
        ]);
    }
    writeln!(out, "{table}")
}

pub fn show(out: &mut dyn Write, view: &ShowView, style: Style) -> io::Result<()> {
    let o = &view.objective;
    let line = |out: &mut dyn Write, k: &str, v: String| writeln!(out, "{k:<12}{}", inert(&v));
    if let Some(kr) = &view.key_result {
        writeln!(out, "{}  {}", inert(&kr.reference), inert(&kr.title))?;
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
            let overdue = if kr.overdue { " (overdue)" } else { "" };
            line(out, "due", format!("{due}{overdue}"))?;
        }
    } else {
        writeln!(out, "{}  {}", inert(&o.id), inert(&o.title))?;
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
                "{}  {}  expected {}  {}",
                score(o.score),
                bar(o.score),
                score(Some(o.expected)),
                o.health.map_or("", |h| h.as_str())
            ),
        )?;
        if !o.key_results.is_empty() {
            let mut table = style.table();
            table.set_header(["Key result", "Owner", "Progress", "Value / target", "Score"]);
            for kr in &o.key_results {
                table.add_row(vec![
                    Cell::new(format!("{}\n{}", inert(&kr.title), inert(&kr.id))),
                    Cell::new(inert(kr.owner.as_deref().unwrap_or(""))),
                    Cell::new(bar(kr.score)),
                    Cell::new(inert(&value(kr))),
                    Cell::new(score(kr.score)).set_alignment(CellAlignment::Right),
                ]);
            }
            writeln!(out, "{table}")?;
        }
    }
    line(out, "file", view.file.clone())?;
    if !view.chain.is_empty() || view.problem.is_some() {
        writeln!(out, "\naligns to")?;
        for (depth, l) in view.chain.iter().enumerate() {
            writeln!(out, "{}└ {}", "  ".repeat(depth), link(l))?;
        }
        if let Some(p) = &view.problem {
            writeln!(
                out,
                "{}└ {}",
                "  ".repeat(view.chain.len()),
                inert(&p.marker())
            )?;
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
            writeln!(
                out,
                "{}",
                inert(&format!(
                    "  [{}] {}{owner}{kr}",
                    serde_plain(&i.state),
                    i.title
                ))
            )?;
        }
    }
    if !view.checkins.is_empty() {
        writeln!(out, "\nrecent check-ins")?;
        for c in &view.checkins {
            let change = match &c.old {
                serde_json::Value::Null => format!("(new) {}", json_value(&c.new)),
                old => format!("{} → {}", json_value(old), json_value(&c.new)),
            };
            writeln!(
                out,
                "{}",
                inert(&format!(
                    "  {}  {}  {}  {change}",
                    c.date, c.author, c.reference
                ))
            )?;
        }
    }
    Ok(())
}

/// `ref  title  (cycle, team)  score`.
fn link(l: &crate::view::show::ChainLink) -> String {
    inert(&format!(
        "{}  {}  ({}, {})  {}",
        l.reference,
        l.title,
        l.cycle,
        l.team.as_deref().unwrap_or(""),
        score(l.score)
    ))
    .into_owned()
}

pub fn tree(out: &mut dyn Write, view: &TreeView) -> io::Result<()> {
    writeln!(out, "{}", inert(&view.cycle))?;
    let count = view.roots.len();
    for (i, root) in view.roots.iter().enumerate() {
        node(out, root, "", i + 1 == count)?;
    }
    Ok(())
}

fn node(out: &mut dyn Write, n: &TreeNode, prefix: &str, last: bool) -> io::Result<()> {
    let branch = if last { "└── " } else { "├── " };
    let name = n.reference.as_deref().unwrap_or(&n.id);
    writeln!(
        out,
        "{prefix}{branch}{} {}  {}{}{}",
        inert(name),
        inert(&n.title),
        score(n.score),
        inert(&alignment_marks(&n.context, n.problem.as_ref())),
        if n.repeated {
            "  (shown in full above)"
        } else {
            ""
        }
    )?;
    let child_prefix = format!("{prefix}{}", if last { "    " } else { "│   " });
    let count = n.children.len();
    for (i, c) in n.children.iter().enumerate() {
        node(out, c, &child_prefix, i + 1 == count)?;
    }
    Ok(())
}

/// `  ↑ q4-growth, grow/zz (not found)  ⟲ loop: a → b → a`: what a tree node
/// aligns to outside the tree, and its problem.
fn alignment_marks(context: &[String], problem: Option<&Problem>) -> String {
    let missing = match problem {
        Some(Problem::NotFound { reference }) => Some(reference.as_str()),
        _ => None,
    };
    let mut out = String::new();
    if !context.is_empty() {
        let refs: Vec<String> = context
            .iter()
            .map(|r| match missing {
                Some(m) if m == r => format!("{r} (not found)"),
                _ => r.clone(),
            })
            .collect();
        out.push_str(&format!("  ↑ {}", refs.join(", ")));
    }
    match problem {
        Some(p @ Problem::NotFound { reference }) if !context.contains(reference) => {
            out.push_str(&format!("  {}", p.marker()));
        }
        Some(p @ Problem::Loop { .. }) => out.push_str(&format!("  {}", p.marker())),
        _ => {}
    }
    out
}

pub fn board(out: &mut dyn Write, view: &BoardView, style: Style) -> io::Result<()> {
    writeln!(out, "{}", inert(&view.cycle))?;
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
                    .map_or(String::new(), |p| format!(" ({})", inert(p)));
                let kr = c
                    .key_result
                    .as_deref()
                    .map_or(String::new(), |k| format!("\n  → {}", inert(k)));
                format!("• {}{owner}{kr}", inert(&c.title))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for o in &view.objectives {
        table.add_row(vec![
            style.bold(format!("{}\n{}", inert(&o.title), inert(&o.id))),
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
    checkins: &[&crate::model::Checkin],
    short: impl Fn(crate::model::ObjectId) -> String,
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
            Cell::new(inert(&c.author)),
            Cell::new(inert(&c.reference)),
            Cell::new(inert(&change)),
            Cell::new(score(c.score)).set_alignment(CellAlignment::Right),
            Cell::new(short(c.commit)),
        ]);
    }
    writeln!(out, "{table}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ObjectiveKind, Status};
    use crate::view::status::ObjectiveView;

    /// A view of `n` objectives of varied widths, statuses, health and
    /// values, some titles and ids long enough to be cut or wrapped.
    fn view(n: usize) -> StatusView {
        let objectives = (0..n)
            .map(|i| {
                let key_results = (0..i % 4)
                    .map(|k| KeyResultView {
                        id: format!("kr{k}"),
                        reference: format!("o{i}/kr{k}"),
                        title: format!("提高 key result {k} {}", "x".repeat((i * 7 + k) % 40)),
                        owner: (k % 2 == 0).then(|| format!("person-{}", i % 13)),
                        start: Some(0.0),
                        target: (k != 1).then_some(100.0 + i as f64),
                        current: Some((i * k) as f64 / 3.0),
                        unit: (k == 2).then(|| "releases/month".to_owned()),
                        done: (k == 1).then_some(i % 2 == 0),
                        due: (k == 1).then(|| "2026-12-01".to_owned()),
                        keep_above: None,
                        keep_below: None,
                        score: (k != 3).then_some((i % 10) as f64 / 9.0),
                        confidence: None,
                        weight: 1.0,
                        overdue: k == 1 && i % 2 == 1,
                    })
                    .collect();
                ObjectiveView {
                    id: format!("objective-{}-{}", i, "long".repeat(i % 9)),
                    team: Some(format!("team-{}", i % 5)),
                    person: None,
                    cycle: "2026-Q4".to_owned(),
                    title: format!("Objective {i}\nover two lines {}", "y".repeat(i % 50)),
                    owner: (i % 3 != 0).then(|| format!("owner-{}", "o".repeat(i % 17))),
                    status: [Status::Agreed, Status::Draft, Status::Dropped][i % 3],
                    kind: ObjectiveKind::Aspirational,
                    aligns: Vec::new(),
                    score: (i % 5 != 0).then_some((i % 7) as f64 / 6.0),
                    expected: 0.5,
                    health: [
                        None,
                        Some(Health::OnTrack),
                        Some(Health::AtRisk),
                        Some(Health::OffTrack),
                        Some(Health::Planned),
                    ][i % 5],
                    key_results,
                    file: String::new(),
                }
            })
            .collect();
        StatusView {
            today: "2026-12-15".to_owned(),
            cycle: "2026-Q4".to_owned(),
            start: "2026-10-01".to_owned(),
            end: "2026-12-31".to_owned(),
            expected: 0.82,
            objectives,
        }
    }

    fn drawn(view: &StatusView, style: Style, chunk: usize) -> String {
        let mut out = Vec::new();
        status_in_tables(&mut out, view, style, chunk).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_status_table_is_the_same_drawn_in_pieces() {
        let view = view(150);
        for color in [false, true] {
            for width in [None, Some(200), Some(80), Some(40)] {
                let style = Style { color, width };
                let whole = drawn(&view, style, usize::MAX);
                assert!(whole.lines().count() > 300, "{whole}");
                for chunk in [1, 2, 7, 512] {
                    assert_eq!(
                        drawn(&view, style, chunk),
                        whole,
                        "color {color}, width {width:?}, {chunk} rows a table"
                    );
                }
            }
        }
    }

    #[test]
    fn the_status_table_has_one_header_and_one_border_at_each_end() {
        let text = drawn(&view(40), Style::default(), 3);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].starts_with('┌'), "{text}");
        assert!(lines.last().unwrap().starts_with('└'), "{text}");
        let count = |c: char| lines.iter().filter(|l| l.starts_with(c)).count();
        assert_eq!((count('┌'), count('╞'), count('└')), (1, 1, 1), "{text}");
    }
}
