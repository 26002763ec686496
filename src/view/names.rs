//! The names a user types on the command line (`--team`, `--owner`, `--person`,
//! `--cycle`, references) checked against what exists, with a suggestion: a
//! name that matches nothing is an error, not an empty view.

use std::collections::BTreeSet;

use anyhow::{Result, bail};

use crate::finding::suggest;
use crate::rules::Context;

/// The teams there are: declared in okr.yaml or named by an OKR file.
pub fn teams<'a>(cx: &Context<'a>) -> BTreeSet<&'a str> {
    let files = cx.org.okr_files().filter_map(|(_, f)| f.team.as_deref());
    cx.teams.keys().copied().chain(files).collect()
}

/// The people there are: declared in okr.yaml, owning something, or with a personal file.
pub fn people<'a>(cx: &Context<'a>) -> BTreeSet<&'a str> {
    let mut people: BTreeSet<&'a str> = cx.people.iter().copied().collect();
    for (_, file) in cx.org.okr_files() {
        people.extend(file.person.as_deref());
        for o in &file.objectives {
            people.extend(o.owner.as_deref());
            people.extend(o.key_results.iter().filter_map(|k| k.owner.as_deref()));
            people.extend(o.initiatives.iter().filter_map(|i| i.owner.as_deref()));
        }
    }
    people
}

/// The cycles OKR files name, and those okr.yaml declares.
pub fn cycles<'a>(cx: &Context<'a>) -> BTreeSet<&'a str> {
    let declared = cx.org.config.cycles.iter().map(|c| c.id.as_str());
    cx.org
        .okr_files()
        .filter_map(|(_, f)| f.cycle.as_deref())
        .chain(declared)
        .collect()
}

/// An error unless `name` is one of `known`: "no team `x`; did you mean `y`?",
/// else the names there are.
pub fn must_be(what: &str, plural: &str, name: &str, known: &BTreeSet<&str>) -> Result<()> {
    if known.contains(name) {
        return Ok(());
    }
    let hint = suggest(name, known.iter().copied()).unwrap_or_else(|| match known.len() {
        0 => format!("there are no {plural} yet"),
        1..=20 => format!(
            "the {plural} are {}",
            known.iter().copied().collect::<Vec<_>>().join(", ")
        ),
        n => format!("there are {n} {plural}"),
    });
    bail!("no {what} `{name}`; {hint}")
}

/// `--team` names a team.
pub fn team(cx: &Context<'_>, name: &str) -> Result<()> {
    must_be("team", "teams", name, &teams(cx))
}

/// `--owner` or `--person` names a person.
pub fn person(cx: &Context<'_>, name: &str) -> Result<()> {
    must_be("person", "people", name, &people(cx))
}
