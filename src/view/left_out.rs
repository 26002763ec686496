//! What a view leaves out, in words: one line per file, objective or key
//! result that could not be read in full, with the first reason. Plain data
//! from what loading kept; no I/O.

use crate::finding::LeftOut;
use crate::model::Org;
use crate::score;

/// `okrs/a.yaml:12:9: key result `grow/signups` not scored (counts as 0): unknown key ...`.
pub fn lines(org: &Org, left_out: &[LeftOut]) -> Vec<String> {
    // Group by what is left out, keeping the order of the first problem of each.
    let mut groups: Vec<(&LeftOut, usize)> = Vec::new();
    for l in left_out {
        let same = |g: &&mut (&LeftOut, usize)| {
            let first = g.0;
            first.file == l.file
                && first.parsed == l.parsed
                && first.objective == l.objective
                && first.key_result == l.key_result
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.1 += 1,
            None => groups.push((l, 1)),
        }
    }
    groups
        .into_iter()
        .map(|(l, count)| {
            let more = match count {
                1 => String::new(),
                2 => " (and 1 more problem)".to_owned(),
                n => format!(" (and {} more problems)", n - 1),
            };
            format!(
                "{}:{}:{}: {}: {}{more}",
                l.file,
                l.line,
                l.column,
                what(org, l),
                l.why
            )
        })
        .collect()
}

/// `file left out`, `objective `grow` read in part`, `key result `grow/signups` not scored (counts as 0)`.
fn what(org: &Org, l: &LeftOut) -> String {
    if !l.parsed {
        return "file left out".to_owned();
    }
    let okr = org.file(&l.file).and_then(|f| f.okr.as_ref());
    let Some(i) = l.objective else {
        // A file without a cycle is in no cycle's view.
        let no_cycle = okr.is_some_and(|f| f.cycle.is_none());
        return if no_cycle {
            "file left out"
        } else {
            "file read in part"
        }
        .to_owned();
    };
    let objective = okr.and_then(|f| f.objectives.get(i));
    let objective_id = objective
        .map(|o| o.id.as_str())
        .filter(|id| !id.is_empty())
        .map_or_else(|| format!("#{}", i + 1), str::to_owned);
    let Some(j) = l.key_result else {
        return format!("objective `{objective_id}` read in part");
    };
    let kr = objective.and_then(|o| o.key_results.get(j));
    let kr_id = kr
        .map(|k| k.id.as_str())
        .filter(|id| !id.is_empty())
        .map_or_else(|| format!("#{}", j + 1), str::to_owned);
    let scored = kr.is_some_and(|k| score::key_result(k).is_some());
    let how = if scored {
        "read in part"
    } else {
        "not scored (counts as 0)"
    };
    format!("key result `{objective_id}/{kr_id}` {how}")
}
