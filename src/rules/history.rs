//! `stale`: in a running cycle, a key result whose value is the same as
//! `stale-after-days` ago (a key result added since, or a cycle started since,
//! counts as a change). Pure: history finds the key results (see
//! `history::stale_key_results`), the rule words the findings.

use rayon::prelude::*;

use crate::finding::{Finding, Location, Route};
use crate::model::{Context, Stale};

/// The findings of `stale` for the stale key results history found.
pub fn stale(cx: &Context<'_>, stale: &[Stale<'_>]) -> Vec<Finding> {
    let days = cx.org.config.rules.stale_after_days;
    // There can be thousands: their messages are written on all cores.
    stale
        .par_chunks(1024)
        .flat_map_iter(|chunk| chunk.iter().map(|s| stale_finding(s, days)))
        .collect()
}

fn stale_finding(s: &Stale<'_>, days: u32) -> Finding {
    let key = if s.key_result.done.is_some() {
        "done"
    } else {
        "current"
    };
    let value = s.value.map_or_else(String::new, |v| v.to_string());
    let location = Location::Route(Route::key_result(s.at.index, s.index).key(key));
    Finding::new(
        "stale",
        s.at.path,
        location,
        format!(
            "key result `{}` has no check-in in the last {days} days (it was {value} on {} too); check in its value with `okr checkin {} VALUE`, or if it still holds, say so with `okr checkin {} --same`",
            s.reference, s.since, s.reference, s.reference
        ),
    )
}
