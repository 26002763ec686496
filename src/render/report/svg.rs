//! Small charts as inline SVG, written by hand: a score-over-time chart with
//! the expected-progress diagonal, a sparkline, and weekly bars. Each is a few
//! hundred bytes; colours come from the page's stylesheet classes (with plain
//! fallbacks in attributes, so a chart copied out of the page still reads).

use std::fmt::Write;

use crate::model::Date;
use crate::view::report::Point;

use super::escape;

/// A coordinate with at most one decimal.
fn c(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The points of a step line: a score holds until the next change.
fn steps(points: &[Point], x: impl Fn(Date) -> f64, y: impl Fn(f64) -> f64) -> String {
    let mut out = String::new();
    let mut last_y = None;
    for p in points {
        let (px, py) = (x(p.date), y(p.score));
        if let Some(ly) = last_y {
            let _ = write!(out, " {},{}", c(px), c(ly));
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", c(px), c(py));
        last_y = Some(py);
    }
    out
}

/// An objective's score by day across the cycle, against the diagonal of
/// expected progress, with today marked.
pub fn progress_chart(
    points: &[Point],
    start: Date,
    end: Date,
    today: Date,
    label: &str,
    class: &str,
) -> String {
    const W: f64 = 320.0;
    const H: f64 = 130.0;
    let (left, right, top, bottom) = (26.0, W - 8.0, 8.0, H - 20.0);
    let span = (end - start).num_days().max(1) as f64;
    let x =
        |d: Date| left + (right - left) * ((d - start).num_days() as f64 / span).clamp(0.0, 1.0);
    let y = |s: f64| bottom - (bottom - top) * s.clamp(0.0, 1.0);
    let mut svg = String::with_capacity(700);
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(label),
        escape(label)
    );
    let _ = write!(
        svg,
        r##"<path class="grid" d="M{l} {t}H{r}M{l} {m}H{r}M{l} {b}H{r}" stroke="#ddd"/>"##,
        l = c(left),
        r = c(right),
        t = c(top),
        m = c(y(0.5)),
        b = c(bottom)
    );
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" class="ax">1.0</text><text x="{}" y="{}" class="ax">0.5</text><text x="{}" y="{}" class="ax">0</text>"##,
        c(left - 4.0),
        c(top + 3.0),
        c(left - 4.0),
        c(y(0.5) + 3.0),
        c(left - 4.0),
        c(bottom + 3.0)
    );
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" class="ax s">{}</text><text x="{}" y="{}" class="ax e">{}</text>"##,
        c(left),
        c(H - 5.0),
        start.format("%m-%d"),
        c(right),
        c(H - 5.0),
        end.format("%m-%d")
    );
    let _ = write!(
        svg,
        r##"<path class="exp" d="M{} {}L{} {}" stroke="#999" stroke-dasharray="4 3"/>"##,
        c(x(start)),
        c(y(0.0)),
        c(x(end)),
        c(y(1.0))
    );
    if (start..=end).contains(&today) {
        let _ = write!(
            svg,
            r##"<path class="today" d="M{tx} {t}V{b}" stroke="#bbb" stroke-dasharray="1 2"/>"##,
            tx = c(x(today)),
            t = c(top),
            b = c(bottom)
        );
    }
    if !points.is_empty() {
        let _ = write!(
            svg,
            r##"<polyline class="line {class}" points="{}" fill="none" stroke="#2563eb" stroke-width="2"/>"##,
            steps(points, x, y)
        );
        if let Some(p) = points.last() {
            let _ = write!(
                svg,
                r##"<circle class="dot {class}" cx="{}" cy="{}" r="3" fill="#2563eb"/>"##,
                c(x(p.date)),
                c(y(p.score))
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A key result's score across the cycle in a line's height.
pub fn sparkline(points: &[Point], start: Date, end: Date, label: &str) -> String {
    const W: f64 = 90.0;
    const H: f64 = 18.0;
    let span = (end - start).num_days().max(1) as f64;
    let x = |d: Date| 1.0 + (W - 2.0) * ((d - start).num_days() as f64 / span).clamp(0.0, 1.0);
    let y = |s: f64| H - 2.0 - (H - 4.0) * s.clamp(0.0, 1.0);
    let mut svg = format!(
        r#"<svg class="spark" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{}">"#,
        escape(label)
    );
    let _ = write!(
        svg,
        r##"<path d="M1 {b}H{r}" stroke="#e5e5e5"/>"##,
        b = c(H - 2.0),
        r = c(W - 1.0)
    );
    if !points.is_empty() {
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#2563eb" stroke-width="1.5"/>"##,
            steps(points, x, y)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Check-ins per week as bars.
pub fn weekly_bars(counts: &[(String, usize)], label: &str) -> String {
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let bar = 14.0;
    let gap = 4.0;
    let h = 60.0;
    let w = (counts.len() as f64 * (bar + gap)).max(bar);
    let mut svg = format!(
        r#"<svg class="bars" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>"#,
        c(w),
        c(h + 2.0),
        escape(label),
        escape(label)
    );
    for (i, (week, n)) in counts.iter().enumerate() {
        let bh = if *n == 0 {
            1.0
        } else {
            (h - 2.0) * (*n as f64 / max) + 2.0
        };
        let _ = write!(
            svg,
            r##"<rect x="{}" y="{}" width="{bar}" height="{}" fill="#2563eb"><title>{}: {n}</title></rect>"##,
            c(i as f64 * (bar + gap)),
            c(h - bh),
            c(bh),
            escape(week)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_progress_chart_is_small_and_steps_between_check_ins() {
        let points = [
            Point {
                date: d("2026-10-01"),
                score: 0.0,
            },
            Point {
                date: d("2026-11-01"),
                score: 0.5,
            },
        ];
        let svg = progress_chart(
            &points,
            d("2026-10-01"),
            d("2026-12-31"),
            d("2026-11-15"),
            "score <of> 提高",
            "on-track",
        );
        assert!(svg.len() < 1200, "{} bytes: {svg}", svg.len());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("score &lt;of&gt; 提高"), "{svg}");
        // From (x0, bottom) along to November at the old score, then up.
        assert!(
            svg.contains(r#"points="26,110 123.4,110 123.4,59""#),
            "{svg}"
        );
    }

    #[test]
    fn a_sparkline_without_points_has_only_its_baseline() {
        let svg = sparkline(&[], d("2026-10-01"), d("2026-12-31"), "k");
        assert!(!svg.contains("polyline"), "{svg}");
    }
}
