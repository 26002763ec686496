//! `okr report` as a page: one self-contained HTML file, GitHub-flavoured
//! Markdown, or JSON (the view itself).

pub mod html;
pub mod markdown;
pub mod svg;

use std::collections::HashMap;

use crate::model::Review;
use crate::score::Health;
use crate::view::report::{ObjectiveReport, ReportView};

/// Text for HTML and SVG: `&`, `<`, `>` and quotes escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match crate::render::html_entity(ch) {
            Some(entity) => out.push_str(entity),
            None => out.push(ch),
        }
    }
    out
}

fn health_name(h: Option<Health>) -> &'static str {
    h.map_or("–", Health::as_str)
}

/// `1 person`, `3 people`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `7 on track, 1 at risk, 4 off track` (planned and unscored when there are
/// any), joined with `sep`.
fn by_health(c: &crate::view::report::HealthCounts, sep: &str) -> String {
    let mut parts = vec![
        format!("{} on track", c.on_track),
        format!("{} at risk", c.at_risk),
        format!("{} off track", c.off_track),
    ];
    for (n, what) in [(c.planned, "planned"), (c.unscored, "unscored")] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    parts.join(sep)
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// The title of the page: `Babel Bird OKRs 2026-Q4`.
fn title(view: &ReportView) -> String {
    match &view.organization {
        Some(org) => format!("{org} OKRs {}", view.cycle),
        None => format!("OKRs {}", view.cycle),
    }
}

/// `day 46 of 92` (or `ended` / `starts in 3 days`).
fn when(view: &ReportView) -> String {
    if view.ended {
        format!("ended on {}", view.end)
    } else if view.elapsed_days <= 0 {
        format!("starts on {}", view.start)
    } else {
        format!(
            "day {} of {} ({} of the time)",
            view.elapsed_days,
            view.days,
            percent(view.expected)
        )
    }
}

/// The objectives grouped under their teams, in team-tree order; those of no
/// team listed last. Dropped objectives are not in any group.
fn grouped(
    view: &ReportView,
) -> Vec<(
    Option<&crate::view::report::TeamReport>,
    Vec<&ObjectiveReport>,
)> {
    let by_id: HashMap<&str, &ObjectiveReport> = view
        .objectives
        .iter()
        .map(|o| (o.objective.id.as_str(), o))
        .collect();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut out = Vec::new();
    for team in &view.teams {
        let objectives: Vec<&ObjectiveReport> = team
            .objectives
            .iter()
            .filter_map(|id| by_id.get(id.as_str()).copied())
            .filter(|o| seen.insert(o.objective.id.as_str()))
            .collect();
        if !objectives.is_empty() {
            out.push((Some(team), objectives));
        }
    }
    let rest: Vec<&ObjectiveReport> = view
        .live()
        .filter(|o| seen.insert(o.objective.id.as_str()))
        .collect();
    if !rest.is_empty() {
        out.push((None, rest));
    }
    out
}

/// When a stale key result last changed: a day, or `before` the cycle.
fn last_change(s: &crate::view::report::StaleView, view: &ReportView) -> String {
    s.last_change
        .clone()
        .unwrap_or_else(|| format!("before {}", view.start))
}

/// The questions of a review, in the order the method asks them.
fn review_fields(r: &Review) -> Vec<(&'static str, &str)> {
    [
        ("Goal and why", &r.goal),
        ("What was done", &r.done),
        ("Problems and how they were solved", &r.problems),
        ("Result", &r.result),
        ("Lessons", &r.lessons),
        ("Next steps", &r.next),
    ]
    .into_iter()
    .filter_map(|(k, v)| {
        v.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|v| (k, v))
    })
    .collect()
}
