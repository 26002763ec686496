//! `measurable`, `deadline` and `range`: each key result can be measured, ends in time,
//! and holds values in range. Pure: reads the index, returns findings.

use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, CycleError, KeyResult};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    declared_cycles(cx, out);
    for (path, file) in cx.org.okr_files() {
        let cycle = file.cycle.as_deref().map(|id| (id, cx.cycle(id)));
        if let Some((id, Err(CycleError::NoPeriod))) = &cycle {
            out.push(Finding::at(
                "deadline",
                path,
                Route::root().key("cycle"),
                format!("cycle `{id}` has no usable start and end; give its entry under `cycles:` in okr.yaml `start:` and `end:` dates"),
            ));
        }
        for (i, objective) in file.objectives.iter().enumerate() {
            for (j, kr) in objective.key_results.iter().enumerate() {
                let route = Route::key_result(i, j);
                let name = format!("{}/{}", objective.id, kr.id);
                measurable(path, route.clone(), &name, kr, out);
                if let (Some(due), Some((id, Ok(cycle)))) = (kr.due, &cycle)
                    && !cycle.period.contains(due)
                {
                    out.push(Finding::at(
                        "deadline",
                        path,
                        route.clone().key("due"),
                        format!(
                            "key result `{name}` is due {due}, outside its cycle {id} ({} to {}); move `due` into the cycle, or the key result into the cycle it belongs to",
                            cycle.period.start, cycle.period.end
                        ),
                    ));
                }
                range(path, route, &name, kr, out);
            }
            if let Some(review) = &objective.review
                && let Some(score) = review.score
                && !(0.0..=1.0).contains(&score)
            {
                out.push(Finding::at(
                    "range",
                    path,
                    Route::objective(i).key("review").key("score"),
                    format!(
                        "the review score of `{}` is {score}; scores run from 0.0 to 1.0",
                        objective.id
                    ),
                ));
            }
        }
    }
    let share = cx.org.config.rules.bottom_up_share;
    if !(0.0..=1.0).contains(&share) {
        out.push(Finding::at(
            "range",
            CONFIG_FILE,
            Route::root().key("rules").key("bottom-up-share"),
            format!(
                "`rules.bottom-up-share` is {share}; it is a share from 0.0 to 1.0 (0.6 means 60%)"
            ),
        ));
    }
}

/// Declared cycles that are not standard need a start and an end, in order.
fn declared_cycles(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, decl) in cx.org.config.cycles.iter().enumerate() {
        if decl.id.is_empty() {
            continue;
        }
        let route = Route::root().key("cycles").index(i);
        match cx.cycle(&decl.id) {
            Ok(_) => {}
            Err(_) => {
                let message = match (decl.start, decl.end) {
                    (Some(start), Some(end)) => format!(
                        "cycle `{}` ends ({end}) before it starts ({start}); swap or fix the dates",
                        decl.id
                    ),
                    (_, None) => format!("cycle `{}` has no end; add `end: YYYY-MM-DD`", decl.id),
                    (None, _) => {
                        format!("cycle `{}` has no start; add `start: YYYY-MM-DD`", decl.id)
                    }
                };
                let at = if decl.end.is_some() && decl.start.is_some() {
                    route.key("end")
                } else {
                    route
                };
                out.push(Finding::at("deadline", CONFIG_FILE, at, message));
            }
        }
    }
}

fn measurable(path: &str, route: Route, name: &str, kr: &KeyResult, out: &mut Vec<Finding>) {
    let numeric = kr.start.is_some() || kr.target.is_some();
    let milestone = kr.done.is_some();
    let threshold = kr.keep_above.is_some() || kr.keep_below.is_some();
    let kinds: Vec<&str> = [
        (numeric, "numeric (start/target)"),
        (milestone, "milestone (done)"),
        (threshold, "threshold (keep_above/keep_below)"),
    ]
    .into_iter()
    .filter_map(|(on, n)| on.then_some(n))
    .collect();
    let mut report =
        |route: Route, message: String| out.push(Finding::at("measurable", path, route, message));
    match kinds.len() {
        0 => report(
            route,
            format!(
                "key result `{name}` is not measurable; give it `start`, `target` and `current` (a number to move), `done` and `due` (a milestone), or `keep_above`/`keep_below` with `current` (a level to hold)"
            ),
        ),
        1 if numeric => {
            let missing: Vec<&str> = [
                ("start", kr.start.is_none()),
                ("target", kr.target.is_none()),
                ("current", kr.current.is_none()),
            ]
            .into_iter()
            .filter_map(|(n, m)| m.then_some(n))
            .collect();
            if !missing.is_empty() {
                report(
                    route,
                    format!(
                        "numeric key result `{name}` has no `{}`; a number needs a baseline (`start`), a `target` and the `current` value",
                        missing.join("`, `")
                    ),
                );
            } else if kr.start == kr.target {
                report(
                    route.key("target"),
                    format!(
                        "key result `{name}` has `target` equal to `start`, so there is nothing to move; set the value you aim to reach, or make it a threshold with `keep_above`/`keep_below`"
                    ),
                );
            }
        }
        1 if milestone => {
            if kr.due.is_none() {
                report(
                    route,
                    format!(
                        "milestone `{name}` has no `due` date; add `due: YYYY-MM-DD` inside the cycle"
                    ),
                );
            }
        }
        1 => {
            if kr.keep_above.is_some() && kr.keep_below.is_some() {
                report(
                    route.key("keep_below"),
                    format!(
                        "key result `{name}` has both `keep_above` and `keep_below`; a threshold holds one bound, so split it into two key results"
                    ),
                );
            } else if kr.current.is_none() {
                report(
                    route,
                    format!(
                        "threshold key result `{name}` has no `current`; add the value measured now"
                    ),
                );
            }
        }
        _ => report(
            route,
            format!(
                "key result `{name}` mixes kinds: {}; keep the fields of exactly one kind",
                kinds.join(" and ")
            ),
        ),
    }
}

fn range(path: &str, route: Route, name: &str, kr: &KeyResult, out: &mut Vec<Finding>) {
    let checks = [
        (
            "confidence",
            kr.confidence,
            0.0,
            1.0,
            "confidence runs from 0.0 (no chance) to 1.0 (certain)",
        ),
        (
            "score",
            kr.score,
            0.0,
            1.0,
            "a manual score runs from 0.0 to 1.0",
        ),
        (
            "weight",
            kr.weight,
            0.0,
            f64::INFINITY,
            "a weight cannot be negative (0 leaves the key result out of the score)",
        ),
    ];
    for (key, value, low, high, why) in checks {
        if let Some(v) = value
            && !(low..=high).contains(&v)
        {
            out.push(Finding::at(
                "range",
                path,
                route.clone().key(key),
                format!("`{key}` of `{name}` is {v}; {why}"),
            ));
        }
    }
}
