//! The check-ins: which key result changes, to what, when and by whom.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

use super::date;
use super::model::*;
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// One check-in: which key result (file, objective, key result), its new value,
/// who and when, and the commit message.
pub(crate) struct Checkin {
    pub(crate) file: usize,
    pub(crate) objective: usize,
    pub(crate) kr: usize,
    pub(crate) value: Value,
    pub(crate) author: usize,
    pub(crate) time: i64,
    pub(crate) message: String,
}

/// Seconds since the epoch of a wall-clock time in UTC+8.
pub(crate) fn beijing(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp() - 8 * 3600
}

/// The next value of a key result: a step towards the target (now and then
/// back), a milestone done (rarely undone), a level that wavers around its bound.
pub(crate) fn step(rng: &mut Rng, kr: &KeyResult) -> Option<Value> {
    match (&kr.kind, kr.value) {
        (Kind::Milestone { .. }, Value::Done(done)) => {
            if done && !rng.chance(0.05) {
                return None;
            }
            Some(Value::Done(!done))
        }
        (Kind::Numeric { start, target }, Value::Number(current)) => {
            let span = target - start;
            let forward = rng.chance(0.85);
            let size = ((span.abs() as f64) * (0.03 + 0.2 * rng.unit()))
                .round()
                .max(1.0) as i64;
            let mut next = current
                + if forward {
                    size * span.signum()
                } else {
                    -size * span.signum()
                };
            let (lo, hi) = (start.min(target), start.max(target));
            let slack = span.abs() / 8;
            next = next.clamp(
                (lo - slack).max(0),
                (hi + slack).min(unit_cap(kr.unit, kr.decimals)),
            );
            if next == current {
                // At a cap: walk back instead.
                next = (current - size * span.signum()).clamp((lo - slack).max(0), hi + slack);
            }
            (next != current).then_some(Value::Number(next))
        }
        (Kind::Level { bound, .. }, Value::Number(current)) => {
            let wobble = level_margin(*bound, kr.unit, kr.decimals) * rng.between(1, 2);
            let up = rng.chance(0.5);
            let next = (if up {
                current + wobble
            } else {
                current - wobble
            })
            .clamp(0, unit_cap(kr.unit, kr.decimals));
            (next != current).then_some(Value::Number(next))
        }
        _ => None,
    }
}

pub(crate) fn checkins(
    rng: &mut Rng,
    org: &mut Org,
    count: usize,
    last_day: NaiveDate,
) -> Result<Vec<Checkin>> {
    let refs: Vec<(usize, usize, usize)> = org
        .files
        .iter()
        .enumerate()
        .flat_map(|(f, file)| {
            file.objectives
                .iter()
                .enumerate()
                .flat_map(move |(o, obj)| (0..obj.key_results.len()).map(move |k| (f, o, k)))
        })
        .collect();
    // The days from 2026-10-01 to the last day, weekdays five times as likely as weekends.
    let first = date(2026, 10, 1);
    let mut days = Vec::new();
    let mut day = first;
    while day <= last_day {
        let weight = if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            1
        } else {
            5
        };
        days.extend(std::iter::repeat_n(day, weight));
        day = day.succ_opt().expect("a next day");
    }
    let mut times: Vec<i64> = (0..count)
        .map(|_| {
            let day = *rng.pick(&days);
            // 08:30 to 22:00, most around mid-afternoon.
            let seconds =
                8 * 3600 + 1800 + (rng.below(6 * 3600) + rng.below(6 * 3600 + 1800)) as i64;
            beijing(
                day.and_hms_opt(0, 0, 0).expect("midnight") + chrono::Duration::seconds(seconds),
            )
        })
        .collect();
    times.sort_unstable();
    let mut out = Vec::with_capacity(count);
    for time in times {
        let mut found = None;
        for _ in 0..1000 {
            let (f, o, k) = *rng.pick(&refs);
            if let Some(value) = step(rng, &org.files[f].objectives[o].key_results[k]) {
                found = Some((f, o, k, value));
                break;
            }
        }
        let (f, o, k, value) = found.ok_or("no key result could change its value")?;
        let team = &org.teams[org.files[f].team];
        let kr = &org.files[f].objectives[o].key_results[k];
        let author = match kr.owner {
            Some(p) if rng.chance(0.6) => p,
            _ => *rng.pick(&team.members),
        };
        let reference = format!("{}/{}", org.files[f].objectives[o].id, kr.id);
        let old = Org::value_text(kr);
        let kr = &mut org.files[f].objectives[o].key_results[k];
        kr.value = value;
        let new = Org::value_text(kr);
        let message = match rng.below(10) {
            0..=6 => {
                let mut m = format!(
                    "checkin: {reference} {old} -> {new}\n\nOKR-Key-Result: {reference}\nOKR-Value: {new}\n"
                );
                if let Some(c) = kr.confidence {
                    let _ = writeln!(m, "OKR-Confidence: 0.{c}");
                }
                m
            }
            7 => format!("Update {} numbers\n", team.id),
            8 => format!("更新 {} 本周进度\n", team.id),
            _ => format!("{}: {new}\n", kr.id),
        };
        out.push(Checkin {
            file: f,
            objective: o,
            kr: k,
            value,
            author,
            time,
            message,
        });
    }
    Ok(out)
}
