//! The report as GitHub-flavoured Markdown: the numbers of the HTML page in
//! tables, with text sparklines for progress, for a wiki page or a PR comment.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    by_health, count, grouped, health_name, last_change, percent, review_fields, title, when,
};
use crate::model::Date;
use crate::render::table::{json_value, number, score, serde_plain, value};
use crate::render::{md_code as code, md_text as cell};
use crate::view::report::{ObjectiveReport, Point, ReportView};

/// A score's course as block characters, one per week from `start` to
/// `last`: each the score at the end of that week (blank before the first point).
pub fn sparkline(points: &[Point], start: Date, last: Date) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    if points.is_empty() || last < start {
        return String::new();
    }
    let weeks = u64::try_from((last - start).num_days() / 7 + 1).unwrap_or(0);
    let mut out = String::new();
    for w in 0..weeks {
        let day = start
            .checked_add_days(chrono::Days::new(7 * w + 6))
            .map_or(last, |d| d.min(last));
        let at = points.iter().take_while(|p| p.date <= day).last();
        out.push(match at {
            Some(p) => BLOCKS[(p.score.clamp(0.0, 1.0) * 7.0).round() as usize],
            None => ' ',
        });
    }
    out.trim_start().to_owned()
}

pub fn write(out: &mut dyn Write, view: &ReportView) -> io::Result<()> {
    out.write_all(render(view).as_bytes())
}

pub fn render(view: &ReportView) -> String {
    let start: Date = view.start.parse().unwrap_or_default();
    let end: Date = view.end.parse().unwrap_or_default();
    let today: Date = view.today.parse().unwrap_or_default();
    let last = today.min(end);
    let mut m = String::new();
    let _ = writeln!(m, "# {}\n", cell(&title(view)));
    let _ = writeln!(
        m,
        "{} to {} · {} · as of {}\n",
        view.start,
        view.end,
        when(view),
        view.today
    );
    let c = &view.health_counts;
    let live = c.on_track + c.at_risk + c.off_track + c.planned + c.unscored;
    let b = &view.bottom_up;
    m.push_str("| Score | Expected | Health | Objectives | Bottom-up | Check-ins | Stale |\n");
    m.push_str("|---:|---:|---|---|---|---|---:|\n");
    let _ = writeln!(
        m,
        "| {} | {} | {} | {live}: {} | {} ({} of {}, wanted {}) | {} by {} | {} |\n",
        score(view.score),
        score(Some(view.expected)),
        health_name(view.health),
        by_health(c, ", "),
        b.share.map_or_else(|| "–".to_owned(), percent),
        b.bottom_up,
        b.objectives,
        percent(b.wanted),
        view.activity.checkins,
        count(view.activity.authors.len(), "person", "people"),
        view.stale.len()
    );

    if !view.teams.is_empty() {
        m.push_str("## By team\n\n| Team | Objectives | Score | Health | Last check-in |\n|---|---:|---:|---|---|\n");
        for t in &view.teams {
            let indent = "\u{a0}\u{a0}".repeat(t.depth);
            let name = match &t.name {
                Some(n) => format!("{indent}{} {}", cell(n), code(&t.team)),
                None => format!("{indent}{}", code(&t.team)),
            };
            let name = match &t.problem {
                Some(p) => format!("{name} {}", cell(&p.marker())),
                None => name,
            };
            let _ = writeln!(
                m,
                "| {name} | {} | {} | {} | {} |",
                t.objectives.len(),
                score(t.score),
                health_name(t.health),
                t.last_checkin.as_deref().unwrap_or("–")
            );
        }
        m.push('\n');
    }

    m.push_str("## Objectives\n\n");
    for (team, objectives) in grouped(view) {
        let heading = team.map_or_else(
            || "Other objectives".to_owned(),
            |t| cell(t.name.as_deref().unwrap_or(&t.team)),
        );
        let _ = writeln!(m, "### {heading}\n");
        for o in objectives {
            objective(&mut m, o, start, last);
        }
    }

    activity(&mut m, view);
    if !view.stale.is_empty() {
        m.push_str("## Stale key results\n\n| Key result | Owner | Value | Last changed |\n|---|---|---:|---|\n");
        for s in &view.stale {
            let _ = writeln!(
                m,
                "| {} {} | {} | {} | {} |",
                cell(&s.title),
                code(&s.reference),
                cell(s.owner.as_deref().unwrap_or("–")),
                cell(&s.value.as_ref().map_or_else(|| "–".to_owned(), json_value)),
                last_change(s, view)
            );
        }
        m.push('\n');
    }
    reviews(&mut m, view);
    if !view.history {
        m.push_str("_Not in a git repository: progress shows today's scores only._\n");
    }
    for n in &view.notes {
        let _ = writeln!(m, "> {}\n", cell(n));
    }
    m
}

fn objective(m: &mut String, o: &ObjectiveReport, start: Date, last: Date) {
    let v = &o.objective;
    let _ = writeln!(m, "#### {} {}\n", cell(&v.title), code(&v.id));
    let _ = writeln!(
        m,
        "**{}** (expected {}) · {} · owner {} · {} · {}{}{} · progress `{}`\n",
        score(v.score),
        score(Some(v.expected)),
        health_name(v.health),
        cell(v.owner.as_deref().unwrap_or("–")),
        serde_plain(&v.kind),
        serde_plain(&v.status),
        o.last_checkin
            .as_deref()
            .map_or(String::new(), |d| format!(" · last check-in {d}")),
        o.problem
            .as_ref()
            .map_or(String::new(), |p| format!(" · {}", cell(&p.marker()))),
        sparkline(&o.progress, start, last)
    );
    m.push_str("| Key result | Owner | Value | Progress | Score | Confidence |\n|---|---|---:|---|---:|---:|\n");
    for (kr, p) in v.key_results.iter().zip(&o.key_result_progress) {
        let spark = sparkline(&p.progress, start, last);
        let _ = writeln!(
            m,
            "| {} {} | {} | {} | {} | {} | {} |",
            cell(&kr.title),
            code(&kr.id),
            cell(kr.owner.as_deref().unwrap_or("–")),
            cell(&value(kr)),
            if spark.is_empty() {
                String::new()
            } else {
                format!("`{spark}`")
            },
            score(kr.score),
            kr.confidence.map_or_else(|| "–".to_owned(), number),
        );
    }
    m.push('\n');
    if let Some(r) = &o.review {
        let _ = writeln!(m, "> **Review** (self-assessed {})  ", score(r.score));
        for (k, text) in review_fields(r) {
            let _ = writeln!(m, "> **{k}:** {}  ", cell(text));
        }
        m.push('\n');
    }
}

fn activity(m: &mut String, view: &ReportView) {
    let a = &view.activity;
    if !view.history {
        return;
    }
    let _ = writeln!(
        m,
        "## Check-in activity\n\n{} by {} in this cycle.\n",
        count(a.checkins, "check-in", "check-ins"),
        count(a.authors.len(), "person", "people")
    );
    if !a.weeks.is_empty() {
        let max = a.weeks.iter().map(|w| w.checkins).max().unwrap_or(0).max(1);
        m.push_str("| Week of | Check-ins | |\n|---|---:|---|\n");
        for w in &a.weeks {
            let width = (w.checkins * 20).div_ceil(max);
            let _ = writeln!(
                m,
                "| {} | {} | {} |",
                w.start,
                w.checkins,
                "█".repeat(width)
            );
        }
        m.push('\n');
    }
    if !a.authors.is_empty() {
        m.push_str("| Who | Check-ins | First | Last |\n|---|---:|---|---|\n");
        for p in &a.authors {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} |",
                cell(&p.author),
                p.checkins,
                p.first,
                p.last
            );
        }
        m.push('\n');
    }
}

fn reviews(m: &mut String, view: &ReportView) {
    let reviewed: Vec<&ObjectiveReport> = view.reviewed().collect();
    if reviewed.is_empty() && view.missing_reviews.is_empty() {
        return;
    }
    m.push_str("## Reviews\n\n");
    if !view.missing_reviews.is_empty() {
        let _ = writeln!(
            m,
            "Still to review (or to give a score): {}. `okr review --template` adds the questions to those without a review.\n",
            view.missing_reviews
                .iter()
                .map(|id| code(id))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !reviewed.is_empty() {
        m.push_str("| Objective | Computed | Self-assessed | Lessons |\n|---|---:|---:|---|\n");
        for o in reviewed {
            let r = o.review.as_ref().expect("filtered");
            let _ = writeln!(
                m,
                "| {} {} | {} | {} | {} |",
                cell(&o.objective.title),
                code(&o.objective.id),
                score(o.objective.score),
                score(r.score),
                cell(r.lessons.as_deref().unwrap_or("–"))
            );
        }
        m.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_sparkline_has_one_block_per_week_at_the_score_of_its_end() {
        let points = [
            Point {
                date: d("2026-10-01"),
                score: 0.0,
            },
            Point {
                date: d("2026-10-09"),
                score: 0.5,
            },
            Point {
                date: d("2026-10-20"),
                score: 1.0,
            },
        ];
        assert_eq!(sparkline(&points, d("2026-10-01"), d("2026-10-22")), "▁▅██");
    }
}
