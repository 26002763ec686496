//! What the views show, as plain data: the objectives of a cycle with their
//! scores and health, the alignment tree, the board, reports, diffs. Built
//! from the model (and the history facts it holds) with the pure functions of
//! `score` and `rules`; rendered by `render`. Views read no file, no git and
//! edit nothing.

pub mod align;
pub mod board;
pub mod diff;
pub mod export;
pub mod history;
pub mod left_out;
pub mod names;
pub mod nudge;
pub mod report;
pub mod review;
pub mod show;
pub mod status;
pub mod sync;
pub mod tree;

use anyhow::{Result, bail};

use crate::model::{Context, Cycle, Date};

/// The cycle to show: the one asked for, else the one that contains `today`
/// (the shortest when several do), else the latest that has started, else the
/// first to come.
pub fn pick_cycle(cx: &Context<'_>, asked: Option<&str>) -> Result<Cycle> {
    if let Some(id) = asked {
        return match cx.cycle(id) {
            Ok(c) => Ok(c),
            Err(_) => {
                names::must_be(cx, "cycle", "cycles", id, &names::cycles(cx))?;
                bail!("cycle `{id}` has no start and end; declare them under `cycles:` in okr.yaml")
            }
        };
    }
    let mut ids: Vec<&str> = cx
        .org
        .okr_files()
        .filter_map(|(_, f)| f.cycle.as_deref())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let cycles: Vec<Cycle> = ids.iter().filter_map(|id| cx.cycle(id).ok()).collect();
    let today = cx.today;
    let running = cycles
        .iter()
        .filter(|c| c.period.contains(today))
        .min_by_key(|c| (c.period.days(), c.id.clone()));
    let latest = || {
        cycles
            .iter()
            .filter(|c| c.period.start <= today)
            .max_by_key(|c| (c.period.end, std::cmp::Reverse(c.period.days())))
    };
    let next = || {
        cycles
            .iter()
            .min_by_key(|c| (c.period.start, c.period.days()))
    };
    match running.or_else(latest).or_else(next) {
        Some(c) => Ok(c.clone()),
        None => bail!(
            "there are no OKR files with a known cycle; add one with `okr add objective` or run `okr check`"
        ),
    }
}

/// `2026-11-15` as JSON and in tables.
pub fn date_string(d: Date) -> String {
    d.format("%Y-%m-%d").to_string()
}
