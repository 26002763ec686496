//! `okr nudge`: who should check in, for a scheduled CI job to post.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::history::{read_history, repo_for};
use super::{Env, Outcome};
use crate::cli::{NudgeArgs, NudgeFormat};
use crate::git::history::Walk;
use crate::load;
use crate::model::text::inert;
use crate::render::table::json_value;
use crate::render::{md_code, md_text};
use crate::rules::Context;
use crate::rules::history::stale_key_results;
use crate::view::history::last_checkins;

/// `okr nudge --format json`.
#[derive(Debug, Serialize)]
pub struct NudgeView {
    pub today: String,
    pub stale_after_days: u32,
    pub owners: Vec<OwnerNudge>,
}

#[derive(Debug, Serialize)]
pub struct OwnerNudge {
    pub owner: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub key_results: Vec<StaleView>,
}

#[derive(Debug, Serialize)]
pub struct StaleView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub cycle: Option<String>,
    /// The value it has had since `since` (a number, or a milestone's `done`).
    pub value: serde_json::Value,
    /// The day of its last change or check-in.
    pub since: String,
}

pub fn run(env: &Env, args: &NudgeArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let repo = repo_for(&root, "okr nudge")?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);
    let stale = stale_key_results(&cx, &repo)?;
    // The day of the last change or check-in: from all of history, when any is stale.
    let last = if stale.is_empty() {
        Default::default()
    } else {
        let history = read_history(&root, &repo, Walk::default())?;
        last_checkins(&history.checkins, env.today)
    };
    let mut by_owner: BTreeMap<String, Vec<StaleView>> = BTreeMap::new();
    for s in stale {
        let owner = s
            .key_result
            .owner
            .clone()
            .or_else(|| s.at.objective.owner.clone())
            .unwrap_or_else(|| "(no owner)".to_owned());
        by_owner.entry(owner).or_default().push(StaleView {
            reference: s.reference.clone(),
            title: s.key_result.title.clone(),
            cycle: s.at.cycle_id().map(str::to_owned),
            value: s.value.map_or(serde_json::Value::Null, |v| v.json()),
            since: last.get(&s.reference).unwrap_or(&s.since).to_string(),
        });
    }
    let people = &org.config.people;
    let view = NudgeView {
        today: env.today.to_string(),
        stale_after_days: org.config.rules.stale_after_days,
        owners: by_owner
            .into_iter()
            .map(|(owner, key_results)| {
                let person = people.iter().find(|p| p.id == owner);
                OwnerNudge {
                    name: person.and_then(|p| p.name.clone()),
                    email: person.and_then(|p| p.email.clone()),
                    owner,
                    key_results,
                }
            })
            .collect(),
    };
    match args.format {
        NudgeFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &view)?;
            writeln!(out)?;
        }
        NudgeFormat::Text => text(out, &view)?,
        NudgeFormat::Markdown => markdown(out, &view)?,
    }
    Ok(Outcome::Ok)
}

/// How to check in, changed or not.
const HOW: &str = "Record where they stand with `okr checkin REF VALUE`, or `okr checkin REF --same` when the value still holds.";

fn who(o: &OwnerNudge) -> String {
    match (&o.name, &o.email) {
        (Some(n), Some(e)) => format!("{} ({n} <{e}>)", o.owner),
        (Some(n), None) => format!("{} ({n})", o.owner),
        (None, Some(e)) => format!("{} <{e}>", o.owner),
        (None, None) => o.owner.clone(),
    }
}

fn text(out: &mut dyn Write, view: &NudgeView) -> std::io::Result<()> {
    if view.owners.is_empty() {
        return writeln!(
            out,
            "Every key result of the running cycles had a check-in in the last {} days.",
            view.stale_after_days
        );
    }
    for o in &view.owners {
        writeln!(out, "{}", inert(&who(o)))?;
        for k in &o.key_results {
            writeln!(
                out,
                "  {}  {}  (still {} since {})",
                inert(&k.reference),
                inert(&k.title),
                inert(&json_value(&k.value)),
                inert(&k.since)
            )?;
        }
    }
    writeln!(out, "\n{HOW}")
}

fn markdown(out: &mut dyn Write, view: &NudgeView) -> std::io::Result<()> {
    writeln!(out, "### Check-in reminder, {}\n", md_text(&view.today))?;
    if view.owners.is_empty() {
        return writeln!(
            out,
            "Every key result of the running cycles had a check-in in the last {} days. 🎉",
            view.stale_after_days
        );
    }
    let count: usize = view.owners.iter().map(|o| o.key_results.len()).sum();
    writeln!(
        out,
        "{count} key result{} had no check-in in the last {} days. {HOW}\n",
        if count == 1 { "" } else { "s" },
        view.stale_after_days
    )?;
    for o in &view.owners {
        writeln!(out, "**{}**\n", md_text(&who(o)))?;
        for k in &o.key_results {
            writeln!(
                out,
                "- {} {} — still {} since {}",
                md_code(&k.reference),
                md_text(&k.title),
                md_text(&json_value(&k.value)),
                md_text(&k.since)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
