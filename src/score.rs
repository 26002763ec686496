//! Scores as pure functions: key results, objectives, roll-ups, expected progress, health;
//! and the precision they are shown and written with. Uses only the model; no I/O.

use crate::model::{Cycle, Date, KeyResult, KrKind, Objective, Status};

/// The score of a key result in [0, 1]; a manual `score:` overrides the computed one.
/// `None` when the key result is not measurable (see the `measurable` rule).
pub fn key_result(kr: &KeyResult) -> Option<f64> {
    if let Some(manual) = kr.score {
        return Some(manual.clamp(0.0, 1.0));
    }
    Some(match kr.kind()? {
        KrKind::Numeric {
            start,
            target,
            current,
        } => ((current - start) / (target - start)).clamp(0.0, 1.0) + 0.0, // + 0.0: no -0.0
        KrKind::Milestone { done } => f64::from(u8::from(done)),
        KrKind::KeepAbove { bound, current } => f64::from(u8::from(current >= bound)),
        KrKind::KeepBelow { bound, current } => f64::from(u8::from(current <= bound)),
    })
}

/// Whether a milestone is overdue on `today`: not done, and its `due` day has passed.
pub fn overdue(kr: &KeyResult, today: Date) -> bool {
    kr.done == Some(false) && kr.due.is_some_and(|due| due < today)
}

/// The weighted mean of the key results' scores (weight defaults to 1); key results
/// without a score count as 0. `None` without key results or with zero total weight.
pub fn objective(objective: &Objective) -> Option<f64> {
    weighted_mean(
        objective
            .key_results
            .iter()
            .map(|kr| (weight(kr), key_result(kr).unwrap_or(0.0))),
    )
}

/// A key result's weight in its objective's score: `weight:`, default 1, never negative.
pub fn weight(kr: &KeyResult) -> f64 {
    kr.weight.unwrap_or(1.0).max(0.0)
}

/// The weighted mean of `(weight, score)` pairs; `None` with zero total weight.
pub fn weighted_mean(items: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (total, weights) = items
        .into_iter()
        .fold((0.0, 0.0), |(t, w), (weight, score)| {
            (t + weight * score, w + weight)
        });
    (weights > 0.0).then(|| total / weights)
}

/// The mean of scores (a team's or a cycle's, from its objectives); `None` without any.
pub fn mean(scores: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = scores
        .into_iter()
        .fold((0.0, 0usize), |(sum, n), s| (sum + s, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The mean score of the objectives that are not dropped and have a score.
pub fn roll_up<'a>(objectives: impl IntoIterator<Item = &'a Objective>) -> Option<f64> {
    mean(
        objectives
            .into_iter()
            .filter(|o| o.status != Status::Dropped)
            .filter_map(objective),
    )
}

/// Where a score stands against the time gone by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    OnTrack,
    AtRisk,
    OffTrack,
    Planned,
}

impl Health {
    pub fn as_str(self) -> &'static str {
        match self {
            Health::OnTrack => "on-track",
            Health::AtRisk => "at-risk",
            Health::OffTrack => "off-track",
            Health::Planned => "planned",
        }
    }
}

/// Health of a score on `today` in `cycle`: `on-track` at 0.8 of the expected
/// progress or more, `at-risk` at 0.5 or more. The score and the expected
/// progress are compared as tables show them, at [`SHOWN_DECIMALS`]: a score
/// of 0.7999999999999999 is the 0.80 a table shows, on track against 1.00.
pub fn health(score: f64, cycle: &Cycle, today: Date) -> Health {
    if today < cycle.period.start {
        return Health::Planned;
    }
    // In hundredths, so that the comparison is exact: s >= 0.8 e is 10 s >= 8 e.
    let s = hundredths(score);
    let e = hundredths(cycle.expected(today));
    if 10 * s >= 8 * e {
        Health::OnTrack
    } else if 2 * s >= e {
        Health::AtRisk
    } else {
        Health::OffTrack
    }
}

/// Tables, text and reports show scores and expected progress with this many
/// decimals, and [`health`] judges them as shown.
pub const SHOWN_DECIMALS: usize = 2;

/// JSON writes computed numbers (scores, expected progress, shares) with at
/// most this many decimals: `0.44999999999999996` is written `0.45`.
pub const JSON_DECIMALS: usize = 4;

/// `x` rounded to `decimals` places as `format!` prints it (half to even on
/// the exact binary value), so that a rounded number is the one shown.
pub fn rounded(x: f64, decimals: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // `+ 0.0` turns -0.0 (from rounding a tiny negative number) into 0.0.
    format!("{x:.decimals$}").parse::<f64>().unwrap_or(x) + 0.0
}

/// `x` as a whole number of hundredths at [`SHOWN_DECIMALS`].
fn hundredths(x: f64) -> i64 {
    (rounded(x, SHOWN_DECIMALS) * 100.0).round() as i64
}

/// A score (or expected progress) as tables show it: `0.80`, or `–` for none.
pub fn shown(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_owned(), |s| format!("{s:.SHOWN_DECIMALS$}"))
}

/// Serialises a computed number at [`JSON_DECIMALS`]; for
/// `#[serde(serialize_with = "crate::score::json")]`.
pub fn json<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(rounded(*x, JSON_DECIMALS))
}

/// [`json`] for an optional number (`null` for none).
pub fn json_opt<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_some(&rounded(*x, JSON_DECIMALS)),
        None => s.serialize_none(),
    }
}

/// [`json`] for an optional pair of optional numbers (a score before and after).
pub fn json_pair<S: serde::Serializer>(
    x: &Option<(Option<f64>, Option<f64>)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let r = |v: Option<f64>| v.map(|v| rounded(v, JSON_DECIMALS));
    serde::Serialize::serialize(&x.map(|(a, b)| (r(a), r(b))), s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric(start: f64, target: f64, current: f64) -> KeyResult {
        KeyResult {
            start: Some(start),
            target: Some(target),
            current: Some(current),
            ..KeyResult::default()
        }
    }

    #[test]
    fn numeric_scores() {
        assert_eq!(key_result(&numeric(18.0, 30.0, 22.0)), Some(4.0 / 12.0));
        // Decreasing: 800 ms -> 300 ms, now 550 ms is half way.
        assert_eq!(key_result(&numeric(800.0, 300.0, 550.0)), Some(0.5));
        // Overshoot and regression clamp.
        assert_eq!(key_result(&numeric(0.0, 10.0, 15.0)), Some(1.0));
        assert_eq!(key_result(&numeric(0.0, 10.0, -5.0)), Some(0.0));
        // target == start is not measurable.
        assert_eq!(key_result(&numeric(5.0, 5.0, 5.0)), None);
        // A decreasing metric at its start scores 0, not -0 (which JSON would show).
        let zero = key_result(&numeric(20.0, 10.0, 20.0)).unwrap();
        assert!(zero == 0.0 && zero.is_sign_positive());
    }

    #[test]
    fn milestones_thresholds_and_manual() {
        let done = KeyResult {
            done: Some(true),
            ..KeyResult::default()
        };
        assert_eq!(key_result(&done), Some(1.0));
        let above = KeyResult {
            keep_above: Some(99.9),
            current: Some(99.95),
            ..KeyResult::default()
        };
        assert_eq!(key_result(&above), Some(1.0));
        let below = KeyResult {
            keep_below: Some(2.0),
            current: Some(2.5),
            ..KeyResult::default()
        };
        assert_eq!(key_result(&below), Some(0.0));
        let manual = KeyResult {
            score: Some(0.7),
            ..numeric(0.0, 10.0, 1.0)
        };
        assert_eq!(key_result(&manual), Some(0.7));
    }

    fn q4() -> Cycle {
        Cycle {
            id: "2026-Q4".into(),
            period: crate::model::Period {
                start: "2026-10-01".parse().unwrap(),
                end: "2026-12-31".parse().unwrap(),
            },
        }
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn decreasing_overshoot_and_target_below_start() {
        // p95 latency 800 -> 300 ms; 250 ms overshoots (clamped to 1), 900 ms regresses (0).
        assert_eq!(key_result(&numeric(800.0, 300.0, 250.0)), Some(1.0));
        assert_eq!(key_result(&numeric(800.0, 300.0, 900.0)), Some(0.0));
        // churn 5 -> 3 %, now 4.5: (4.5 - 5) / (3 - 5) = 0.25.
        assert_eq!(key_result(&numeric(5.0, 3.0, 4.5)), Some(0.25));
        // A milestone not done scores 0; a threshold exactly at its bound scores 1.
        let open = KeyResult {
            done: Some(false),
            ..KeyResult::default()
        };
        assert_eq!(key_result(&open), Some(0.0));
        let at_bound = KeyResult {
            keep_below: Some(2.0),
            current: Some(2.0),
            ..KeyResult::default()
        };
        assert_eq!(key_result(&at_bound), Some(1.0));
    }

    #[test]
    fn weight_zero_and_no_key_results() {
        let mut ignored = numeric(0.0, 10.0, 0.0);
        ignored.weight = Some(0.0);
        let o = Objective {
            key_results: vec![ignored.clone(), numeric(0.0, 10.0, 5.0)],
            ..Objective::default()
        };
        // The weight-0 key result is left out: 0.5 alone.
        assert_eq!(objective(&o), Some(0.5));
        let only_zero = Objective {
            key_results: vec![ignored],
            ..Objective::default()
        };
        assert_eq!(objective(&only_zero), None);
    }

    #[test]
    fn roll_up_leaves_out_dropped() {
        let half = Objective {
            key_results: vec![numeric(0.0, 10.0, 5.0)],
            status: Status::Agreed,
            ..Objective::default()
        };
        let full = Objective {
            key_results: vec![numeric(0.0, 10.0, 10.0)],
            status: Status::Agreed,
            ..Objective::default()
        };
        let dropped = Objective {
            key_results: vec![numeric(0.0, 10.0, 0.0)],
            status: Status::Dropped,
            ..Objective::default()
        };
        assert_eq!(roll_up([&half, &full, &dropped]), Some(0.75));
        assert_eq!(roll_up([&dropped]), None);
    }

    #[test]
    fn health_against_expected_progress() {
        let c = q4();
        // 2026-11-15: 45 of 91 days, expected 0.4945...
        let today = day("2026-11-15");
        assert_eq!(health(0.40, &c, today), Health::OnTrack); // >= 0.3956
        assert_eq!(health(0.39, &c, today), Health::AtRisk); // >= 0.2473
        assert_eq!(health(0.24, &c, today), Health::OffTrack);
        // First day: expected 0, any score is on track.
        assert_eq!(health(0.0, &c, day("2026-10-01")), Health::OnTrack);
        // Last day: expected 1.
        assert_eq!(health(0.79, &c, day("2026-12-31")), Health::AtRisk);
        assert_eq!(health(0.8, &c, day("2026-12-31")), Health::OnTrack);
        // (0.4 + 1 + 1) / 3 is 0.7999999999999999 in floating point: shown
        // as 0.80, and judged as shown.
        let mean = (0.4 + 1.0 + 1.0) / 3.0;
        assert!(mean < 0.8);
        assert_eq!(health(mean, &c, day("2026-12-31")), Health::OnTrack);
        assert_eq!(health(0.794, &c, day("2026-12-31")), Health::AtRisk);
        assert_eq!(health(0.795, &c, day("2026-12-31")), Health::OnTrack);
        assert_eq!(health(0.494, &c, day("2026-12-31")), Health::OffTrack);
        assert_eq!(health(0.4951, &c, day("2026-12-31")), Health::AtRisk);
        // Before the cycle: planned.
        assert_eq!(health(0.0, &c, day("2026-09-30")), Health::Planned);
    }

    #[test]
    fn a_milestone_is_overdue_after_its_due_day_until_done() {
        let mut kr = KeyResult {
            done: Some(false),
            due: Some(day("2026-11-01")),
            ..KeyResult::default()
        };
        assert!(!overdue(&kr, day("2026-11-01")));
        assert!(overdue(&kr, day("2026-11-02")));
        kr.done = Some(true);
        assert!(!overdue(&kr, day("2026-11-02")));
        // A number with a due day is not a milestone.
        let number = KeyResult {
            due: Some(day("2026-11-01")),
            ..numeric(0.0, 10.0, 1.0)
        };
        assert!(!overdue(&number, day("2026-12-01")));
    }

    #[test]
    fn rounding_as_shown() {
        assert_eq!(rounded(0.44999999999999996, JSON_DECIMALS), 0.45);
        assert_eq!(rounded(45.0 / 91.0, JSON_DECIMALS), 0.4945);
        assert_eq!(rounded(2.4 / 3.0, SHOWN_DECIMALS), 0.8);
        let zero = rounded(-0.00001, JSON_DECIMALS);
        assert!(zero == 0.0 && zero.is_sign_positive());
        assert_eq!(shown(Some(2.4 / 3.0)), "0.80");
        assert_eq!(shown(None), "–");
        // What is judged is what is printed, also where `x * 100` would round otherwise.
        for x in [0.285, 0.145, 0.795, 1.005, 0.125, 0.375] {
            let printed: f64 = format!("{x:.2}").parse().unwrap();
            assert_eq!(hundredths(x), (printed * 100.0).round() as i64, "{x}");
        }
    }

    #[test]
    fn weighted_objective() {
        let mut heavy = numeric(0.0, 10.0, 10.0);
        heavy.weight = Some(3.0);
        let o = Objective {
            key_results: vec![heavy, numeric(0.0, 10.0, 0.0)],
            ..Objective::default()
        };
        assert_eq!(objective(&o), Some(0.75));
        assert_eq!(objective(&Objective::default()), None);
    }
}
