//! `okr carry FROM TO`: start a cycle from the unfinished aspirational
//! objectives of an earlier one, as drafts, leaving FROM untouched.
//! Orchestration only: the edit engine writes, `support` finds the files.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context as _, Result, bail};

use super::support::new_file::{id_taken, new_file_text, target_file};
use super::support::writer::{FileChange, Writer, read};
use super::{Env, Outcome};
use crate::cli::CarryArgs;
use crate::edit::{self, Item, Scalar};
use crate::finding::Route;
use crate::load;
use crate::model::{
    Context, Cycle, KeyResult, KrKind, Objective, ObjectiveAt, ObjectiveKind, Origin, Status, Unit,
};
use crate::score;

pub fn run(env: &Env, args: &CarryArgs, out: &mut impl std::io::Write) -> Result<Outcome> {
    let root = env.root()?;
    let writer = Writer::open(&root, !args.commit.no_commit, args.commit.allow_dirty)?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);
    let from = crate::view::pick_cycle(&cx, Some(&args.from))?;
    let to = crate::view::pick_cycle(&cx, Some(&args.to))?;
    if from.id == to.id {
        bail!(
            "FROM and TO are both {}; carry copies objectives into another cycle",
            from.id
        );
    }
    forward(&from, &to)?;

    // Objectives already carried into TO, so that running carry twice adds nothing.
    let carried: Vec<(&str, &ObjectiveAt<'_>)> = cx
        .objectives
        .iter()
        .filter(|at| at.cycle_id() == Some(to.id.as_str()))
        .filter_map(|at| at.objective.carried_from.as_deref().map(|old| (old, at)))
        .collect();

    // First pass: which objectives go, and their new ids.
    let mut taken: Vec<String> = Vec::new();
    let mut chosen: Vec<(&ObjectiveAt<'_>, String)> = Vec::new();
    let mut notes = Vec::new();
    let mut already = 0;
    for at in cx
        .objectives
        .iter()
        .filter(|at| at.cycle_id() == Some(from.id.as_str()))
    {
        let o = at.objective;
        if o.kind != ObjectiveKind::Aspirational || o.status == Status::Dropped {
            continue;
        }
        if score::objective(o).is_some_and(|s| s >= 1.0) || at.unit().is_none() {
            continue;
        }
        if carried.iter().any(|(old, _)| *old == o.id) {
            already += 1;
            continue;
        }
        let new_id = fresh_id(&org, &o.id, &from, &to, &taken);
        taken.push(new_id.clone());
        chosen.push((at, new_id));
    }
    if chosen.is_empty() {
        let why = if already > 0 {
            format!(
                "its {already} unfinished aspirational objectives are in {} already",
                to.id
            )
        } else {
            "it has no unfinished aspirational objectives".to_owned()
        };
        writeln!(
            out,
            "{}",
            crate::model::text::inert(&format!("nothing to carry from {}: {why}", from.id))
        )?;
        return Ok(Outcome::Ok);
    }

    // Where each objective of FROM lives on in TO, so that alignments follow it.
    let mut renamed: HashMap<&str, (&str, Vec<&str>)> = HashMap::new();
    for (old, at) in &carried {
        renamed.insert(
            old,
            (
                at.objective.id.as_str(),
                at.objective
                    .key_results
                    .iter()
                    .map(|k| k.id.as_str())
                    .collect(),
            ),
        );
    }
    for (at, new_id) in &chosen {
        let krs = at
            .objective
            .key_results
            .iter()
            .filter(|kr| carries(kr))
            .map(|k| k.id.as_str())
            .collect();
        renamed.insert(at.objective.id.as_str(), (new_id.as_str(), krs));
    }

    let mut by_unit: BTreeMap<(u8, String), Vec<Item>> = BTreeMap::new();
    let mut lines = Vec::new();
    for (at, new_id) in &chosen {
        let aligns = aligns_kept(&cx, at, &to, &renamed, &mut notes);
        let key = match at.unit() {
            Some(Unit::Team(t)) => (0, t.to_owned()),
            Some(Unit::Person(p)) => (1, p.to_owned()),
            None => continue,
        };
        by_unit
            .entry(key)
            .or_default()
            .push(carried_objective(at.objective, new_id, aligns, &to));
        lines.push(format!("{} -> {}", at.objective.id, new_id));
    }
    for note in &notes {
        eprintln!("note: {}", crate::model::text::inert_message(note));
    }

    let mut changes = Vec::new();
    for ((kind, who), items) in &by_unit {
        let unit = if *kind == 0 {
            Unit::Team(who)
        } else {
            Unit::Person(who)
        };
        let target = target_file(&cx, &to, unit)?;
        let path = root.join(&target.rel);
        if target.exists {
            let (bytes, mut text) = read(&root, &path)?;
            for item in items {
                text = edit::append(&text, &Route::root(), "objectives", item)
                    .with_context(|| format!("cannot add to {}", target.rel))?;
            }
            changes.push(FileChange {
                path,
                original: Some(bytes),
                new: text,
            });
        } else {
            let text = new_file_text(&root, &target.rel, &to, unit, items)?;
            changes.push(FileChange {
                path,
                original: None,
                new: text,
            });
        }
    }
    let paths: Vec<_> = changes.iter().map(|c| c.path.clone()).collect();
    writer.check_clean(&paths)?;
    let message = format!(
        "carry: {} -> {} ({} objective{})\n\n{}\n\nOKR-Carried-From: {}\n",
        from.id,
        to.id,
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        lines.join("\n"),
        from.id
    );
    let done = writer.apply(&changes, &message)?;
    for line in &lines {
        writeln!(out, "{}", crate::model::text::inert(line))?;
    }
    writeln!(out, "{}", crate::model::text::inert(&done))?;
    Ok(Outcome::Ok)
}

/// A new id: the old one with FROM's id replaced by TO's, else with TO's appended.
fn fresh_id(
    org: &crate::model::Org,
    old: &str,
    from: &Cycle,
    to: &Cycle,
    taken: &[String],
) -> String {
    // ASCII case folding keeps byte offsets, so `at` indexes `old` too.
    let (from_l, to_l) = (from.id.to_ascii_lowercase(), to.id.to_ascii_lowercase());
    let base = match old.to_ascii_lowercase().find(&from_l) {
        Some(at) => format!("{}{}{}", &old[..at], to_l, &old[at + from_l.len()..]),
        None => format!("{old}-{to_l}"),
    };
    let free = |id: &str| !id_taken(org, id) && !taken.iter().any(|t| t == id);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or(base)
}

/// The alignments of a carried objective: to the carried copy of its parent
/// (and of the key result, when that was carried too), else to the parent itself
/// when the parent's cycle encloses TO; the others are dropped with a note.
fn aligns_kept(
    cx: &Context<'_>,
    at: &ObjectiveAt<'_>,
    to: &Cycle,
    renamed: &HashMap<&str, (&str, Vec<&str>)>,
    notes: &mut Vec<String>,
) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for reference in &at.objective.aligns {
        let (parent, kr) = match reference.split_once('/') {
            Some((o, k)) => (o, Some(k)),
            None => (reference.as_str(), None),
        };
        let new = if let Some((new_parent, krs)) = renamed.get(parent) {
            Some(match kr {
                Some(k) if krs.contains(&k) => format!("{new_parent}/{k}"),
                _ => (*new_parent).to_owned(),
            })
        } else {
            let encloses = cx
                .by_id
                .get(parent)
                .and_then(|p| p.cycle_id())
                .and_then(|c| cx.cycle(c).ok())
                .is_some_and(|c| {
                    c.period.start <= to.period.start && to.period.end <= c.period.end
                });
            encloses.then(|| reference.clone())
        };
        match new {
            Some(n) if !kept.contains(&n) => kept.push(n),
            Some(_) => {}
            None => notes.push(format!(
                "`{}` aligned to `{reference}`, which does not go on into {}; align the carried objective anew",
                at.objective.id, to.id
            )),
        }
    }
    kept
}

/// Whether a key result is carried: it is measurable and not yet reached.
fn carries(kr: &KeyResult) -> bool {
    match kr.kind() {
        Some(KrKind::Numeric {
            target, current, ..
        }) if current == target => false,
        Some(_) => score::key_result(kr).is_none_or(|s| s < 1.0),
        None => false,
    }
}

/// The draft copy of an objective: its unfinished key results restart from where they stand.
fn carried_objective(o: &Objective, new_id: &str, aligns: Vec<String>, to: &Cycle) -> Item {
    let mut item = Item::default().str("id", new_id).str("title", &o.title);
    if let Some(owner) = &o.owner {
        item = item.str("owner", owner);
    }
    match aligns.as_slice() {
        [] => {}
        [one] => item = item.str("aligns", one),
        _ => item = item.list("aligns", aligns),
    }
    if let Some(origin) = o.origin {
        item = item.str(
            "origin",
            match origin {
                Origin::BottomUp => "bottom-up",
                Origin::TopDown => "top-down",
            },
        );
    }
    item = item.str("carried_from", &o.id);
    let krs: Vec<Item> = o
        .key_results
        .iter()
        .filter(|kr| carries(kr))
        .filter_map(|kr| carried_key_result(kr, to))
        .collect();
    item.items("key_results", krs)
}

fn carried_key_result(kr: &KeyResult, to: &Cycle) -> Option<Item> {
    let mut item = Item::default().str("id", &kr.id).str("title", &kr.title);
    if let Some(owner) = &kr.owner {
        item = item.str("owner", owner);
    }
    match kr.kind()? {
        KrKind::Numeric {
            target, current, ..
        } => {
            item = item
                .num("start", current)
                .num("target", target)
                .num("current", current);
            if let Some(unit) = &kr.unit {
                item = item.str("unit", unit);
            }
        }
        KrKind::Milestone { .. } => {
            // The old due date lies in FROM: the carried milestone is due by TO's end.
            item = item
                .with("done", Scalar::Bool(false))
                .str("due", &to.period.end.to_string());
        }
        KrKind::KeepAbove { bound, current } => {
            item = item.num("keep_above", bound).num("current", current)
        }
        KrKind::KeepBelow { bound, current } => {
            item = item.num("keep_below", bound).num("current", current)
        }
    }
    if let Some(weight) = kr.weight {
        item = item.num("weight", weight);
    }
    Some(item)
}

/// Carry moves unfinished objectives on to a later cycle: TO starts after FROM
/// starts and ends after FROM ends.
fn forward(from: &Cycle, to: &Cycle) -> Result<()> {
    let (f, t) = (&from.period, &to.period);
    let why = if t.start < f.start {
        format!(
            "{} starts on {}, before {} ({})",
            to.id, t.start, from.id, f.start
        )
    } else if t.end <= f.end {
        format!("{} lies within {}", to.id, from.id)
    } else if t.start == f.start {
        format!("{} starts on the same day as {}", to.id, from.id)
    } else {
        return Ok(());
    };
    bail!(
        "{why}; carry moves unfinished objectives on to a later cycle (e.g. `okr carry {} NEXT`)",
        from.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_replace_the_cycle_or_append_it() {
        let org = crate::model::Org {
            root: std::path::PathBuf::new(),
            config: Default::default(),
            config_text: String::new(),
            files: Vec::new(),
        };
        let cycle = |id: &str| Cycle {
            id: id.to_owned(),
            period: crate::model::Cycle::standard(id).unwrap(),
        };
        let (from, to) = (cycle("2026-Q4"), cycle("2027-Q1"));
        assert_eq!(
            fresh_id(&org, "growth-2026-q4", &from, &to, &[]),
            "growth-2027-q1"
        );
        assert_eq!(fresh_id(&org, "增长", &from, &to, &[]), "增长-2027-q1");
        assert_eq!(fresh_id(&org, "İx-2026-Q4", &from, &to, &[]), "İx-2027-q1");
        let taken = ["growth-2027-q1".to_owned()];
        assert_eq!(
            fresh_id(&org, "growth", &from, &to, &taken),
            "growth-2027-q1-2"
        );
    }
}
