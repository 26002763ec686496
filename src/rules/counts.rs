//! `objective-count`, `kr-count`, `bottom-up-share` and `coverage`: few, focused,
//! bottom-up objectives, and every team in the plan. Pure: reads the index,
//! returns findings.

use std::collections::{BTreeMap, HashSet};

use crate::finding::{Finding, Route};
use crate::model::{CONFIG_FILE, Context, ObjectiveAt, Origin, Status, Unit};

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let rules = &cx.org.config.rules;
    let live = || {
        cx.objectives
            .iter()
            .filter(|o| o.objective.status != Status::Dropped)
    };

    // objective-count, per team (or person) and cycle, in file order.
    let mut groups: BTreeMap<(String, String), Vec<ObjectiveAt<'_>>> = BTreeMap::new();
    for at in live() {
        let (Some(unit), Some(cycle)) = (at.unit(), at.cycle_id()) else {
            continue;
        };
        let unit = match unit {
            Unit::Team(t) => format!("team `{t}`"),
            Unit::Person(p) => format!("`{p}`"),
        };
        groups
            .entry((unit, cycle.to_owned()))
            .or_default()
            .push(*at);
    }
    let max = rules.max_objectives as usize;
    for ((unit, cycle), list) in &groups {
        if let Some(extra) = list.get(max) {
            out.push(Finding::at(
                "objective-count",
                extra.path,
                Route::objective(extra.index),
                format!(
                    "{unit} has {} objectives in {cycle}, more than the {max} allowed (`rules.max-objectives`); focus on the few that matter, or mark one `status: dropped`",
                    list.len()
                ),
            ));
        }
    }

    // kr-count.
    let (min_kr, max_kr) = (
        rules.min_key_results as usize,
        rules.max_key_results as usize,
    );
    for at in live() {
        let n = at.objective.key_results.len();
        if n > max_kr {
            out.push(Finding::at(
                "kr-count",
                at.path,
                Route::key_result(at.index, max_kr),
                format!(
                    "objective `{}` has {n} key results, more than the {max_kr} allowed (`rules.max-key-results`); keep the ones that best show the objective is met",
                    at.objective.id
                ),
            ));
        } else if n < min_kr {
            out.push(Finding::at(
                "kr-count",
                at.path,
                Route::objective(at.index),
                format!(
                    "objective `{}` has {n} key results, fewer than the {min_kr} required (`rules.min-key-results`); add a key result that says how you will measure it",
                    at.objective.id
                ),
            ));
        }
    }

    bottom_up_share(cx, out);
    coverage(cx, out);
}

fn bottom_up_share(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let share = cx.org.config.rules.bottom_up_share;
    let mut by_cycle: BTreeMap<&str, Vec<ObjectiveAt<'_>>> = BTreeMap::new();
    for at in &cx.objectives {
        if at.objective.status == Status::Dropped {
            continue;
        }
        let (Some(unit), Some(cycle)) = (at.unit(), at.cycle_id()) else {
            continue;
        };
        if cx.below_top(unit) {
            by_cycle.entry(cycle).or_default().push(*at);
        }
    }
    for (cycle, list) in by_cycle {
        let up = list
            .iter()
            .filter(|o| o.objective.origin == Some(Origin::BottomUp))
            .count();
        let total = list.len();
        if (up as f64) < share * total as f64 - 1e-9 {
            // Point at the first objective that is not bottom-up: its `origin`, or itself.
            let Some(first) = list
                .iter()
                .find(|o| o.objective.origin != Some(Origin::BottomUp))
            else {
                continue;
            };
            let route = match first.objective.origin {
                Some(_) => Route::objective(first.index).key("origin"),
                None => Route::objective(first.index),
            };
            out.push(Finding::at(
                "bottom-up-share",
                first.path,
                route,
                format!(
                    "in cycle {cycle}, {up} of {total} objectives below the top team ({:.0}%) come from the bottom up, fewer than {:.0}% (`rules.bottom-up-share`); let teams propose their own objectives and mark them `origin: bottom-up`",
                    100.0 * up as f64 / total as f64,
                    100.0 * share
                ),
            ));
        }
    }
}

fn coverage(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut cycles: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for at in &cx.objectives {
        if at.objective.status == Status::Dropped {
            continue;
        }
        let (Some(Unit::Team(team)), Some(cycle)) = (at.unit(), at.cycle_id()) else {
            continue;
        };
        let running = cx.cycle(cycle).is_ok_and(|c| c.period.contains(cx.today));
        if running {
            cycles.entry(cycle).or_default().insert(team);
        }
    }
    for (cycle, teams) in cycles {
        if !teams.iter().any(|t| cx.below_top(Unit::Team(t))) {
            continue;
        }
        for (i, team) in cx.org.config.teams.iter().enumerate() {
            if team.parent.is_some() && !teams.contains(team.id.as_str()) {
                out.push(Finding::at(
                    "coverage",
                    CONFIG_FILE,
                    Route::root().key("teams").index(i).key("id"),
                    format!(
                        "team `{}` has no objectives in the running cycle {cycle}; add an OKR file with `cycle: {cycle}` and `team: {}`",
                        team.id, team.id
                    ),
                ));
            }
        }
    }
}
