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

/// Check-ins per week as bars, each week labelled below its bar (`10-15`)
/// and its count above it, readable without hovering. `weeks` holds each
/// week's first day (YYYY-MM-DD) and count. The chart has one width: a long
/// cycle's bars get narrower, and every second (third, ...) week is
/// labelled, so that labels never overlap.
pub fn weekly_bars(weeks: &[(String, usize)], label: &str) -> String {
    const WIDTH: f64 = 442.0;
    const TOP: f64 = 12.0;
    const H: f64 = 56.0;
    let n = weeks.len().max(1);
    let pitch = (WIDTH / n as f64).clamp(6.0, 34.0);
    let bar = pitch * 0.7;
    // A label (`10-15`) takes about 28 units of the 9-unit font.
    let every = (30.0 / pitch).ceil().max(1.0) as usize;
    let counts_fit = pitch >= 14.0;
    let max = weeks.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    // Always as wide, so that the labels have one size: the weeks of a
    // running cycle so far fill the chart from the left.
    let w = WIDTH;
    let mut svg = format!(
        r#"<svg class="bars" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>"#,
        c(w),
        c(TOP + H + 14.0),
        escape(label),
        escape(label)
    );
    let _ = write!(
        svg,
        r##"<path d="M0 {b}H{r}" stroke="#ddd"/>"##,
        b = c(TOP + H),
        r = c(w)
    );
    for (i, (week, count)) in weeks.iter().enumerate() {
        let bh = if *count == 0 {
            1.0
        } else {
            (H - 2.0) * (*count as f64 / max) + 2.0
        };
        let mid = i as f64 * pitch + pitch / 2.0;
        let _ = write!(
            svg,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#2563eb"><title>week of {}: {count}</title></rect>"##,
            c(mid - bar / 2.0),
            c(TOP + H - bh),
            c(bar),
            c(bh),
            escape(week)
        );
        if counts_fit && *count > 0 {
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}" class="n" text-anchor="middle" font-size="9">{count}</text>"##,
                c(mid),
                c(TOP + H - bh - 3.0)
            );
        }
        if i % every == 0 {
            // `2026-10-15` -> `10-15`.
            let day = week.get(5..).unwrap_or(week);
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}" class="wk" text-anchor="middle" font-size="9">{}</text>"##,
                c(mid),
                c(TOP + H + 11.0),
                escape(day)
            );
        }
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
    fn weekly_bars_label_every_week_of_a_quarter_and_thin_out_a_year() {
        let quarter: Vec<(String, usize)> = (0..13)
            .map(|i| {
                let day = d("2026-10-01") + chrono::Duration::days(7 * i);
                (day.format("%Y-%m-%d").to_string(), i as usize % 3)
            })
            .collect();
        let svg = weekly_bars(&quarter, "check-ins per week");
        assert_eq!(svg.matches(r#"class="wk""#).count(), 13, "{svg}");
        assert!(
            svg.contains(">10-01</text>") && svg.contains(">12-24</text>"),
            "{svg}"
        );
        // A count above each bar that has one.
        assert_eq!(svg.matches(r#"class="n""#).count(), 8, "{svg}");
        let year: Vec<(String, usize)> = (0..53)
            .map(|i| {
                let day = d("2026-01-01") + chrono::Duration::days(7 * i);
                (day.format("%Y-%m-%d").to_string(), 1)
            })
            .collect();
        let svg = weekly_bars(&year, "check-ins per week");
        let labels = svg.matches(r#"class="wk""#).count();
        assert!((11..=14).contains(&labels), "{labels} labels: {svg}");
        assert!(svg.contains(r#"viewBox="0 0 442 82""#), "{svg}");
    }

    #[test]
    fn a_sparkline_without_points_has_only_its_baseline() {
        let svg = sparkline(&[], d("2026-10-01"), d("2026-12-31"), "k");
        assert!(!svg.contains("polyline"), "{svg}");
    }
}
