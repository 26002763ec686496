//! Scores as pure functions: key results, objectives, roll-ups, expected progress, health.

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

/// The weighted mean of the key results' scores (weight defaults to 1); key results
/// without a score count as 0. `None` without key results or with zero total weight.
pub fn objective(objective: &Objective) -> Option<f64> {
    let mut total = 0.0;
    let mut weights = 0.0;
    for kr in &objective.key_results {
        let weight = kr.weight.unwrap_or(1.0).max(0.0);
        total += weight * key_result(kr).unwrap_or(0.0);
        weights += weight;
    }
    (weights > 0.0).then(|| total / weights)
}

/// The mean score of the objectives that are not dropped and have a score.
pub fn roll_up<'a>(objectives: impl IntoIterator<Item = &'a Objective>) -> Option<f64> {
    let scores: Vec<f64> = objectives
        .into_iter()
        .filter(|o| o.status != Status::Dropped)
        .filter_map(objective)
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
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

/// Health of a score on `today` in `cycle`.
pub fn health(score: f64, cycle: &Cycle, today: Date) -> Health {
    if today < cycle.period.start {
        return Health::Planned;
    }
    let expected = cycle.expected(today);
    if score >= 0.8 * expected {
        Health::OnTrack
    } else if score >= 0.5 * expected {
        Health::AtRisk
    } else {
        Health::OffTrack
    }
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
        // Before the cycle: planned.
        assert_eq!(health(0.0, &c, day("2026-09-30")), Health::Planned);
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
