//! The names a user types on the command line (`--team`, `--owner`, `--person`,
//! `--cycle`, references) checked against what exists, with a suggestion: a
//! name that matches nothing is an error, not an empty view. Resolved from the
//! model only: files that did not parse are named from what loading kept.

use std::collections::BTreeSet;

use anyhow::{Result, bail};

use crate::model::{Context, KeyResult, ObjectiveAt, suggest};

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
/// else the names there are. While files do not parse, the name may be in
/// one of them: they are named too.
pub fn must_be(
    cx: &Context<'_>,
    what: &str,
    plural: &str,
    name: &str,
    known: &BTreeSet<&str>,
) -> Result<()> {
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
    let broken: Vec<&str> = cx
        .org
        .files
        .iter()
        .filter(|f| f.okr.is_none())
        .map(|f| f.path.as_str())
        .collect();
    if broken.is_empty() {
        bail!("no {what} `{name}`; {hint}")
    }
    bail!(
        "no {what} `{name}` in the files that parse; {hint} ({} cannot be parsed and may name it: `okr check` says why)",
        broken.join(", ")
    )
}

/// `--team` names a team.
pub fn team(cx: &Context<'_>, name: &str) -> Result<()> {
    must_be(cx, "team", "teams", name, &teams(cx))
}

/// `--owner` or `--person` names a person.
pub fn person(cx: &Context<'_>, name: &str) -> Result<()> {
    must_be(cx, "person", "people", name, &people(cx))
}

/// The objective `objective_id`, or an error that says where it may be: in a
/// file that does not parse (named, with the line and why), else the closest
/// objective id of the files that do.
pub fn objective<'a>(cx: &Context<'a>, objective_id: &str) -> Result<ObjectiveAt<'a>> {
    if let Some(at) = cx.by_id.get(objective_id) {
        return Ok(*at);
    }
    let ids = cx.by_id.keys().copied();
    Err(missing(cx, objective_id, objective_id, ids))
}

/// The key result `objective_id/kr_id` with its objective, or an error as for
/// [`objective`], suggesting references to key results.
pub fn key_result<'a>(
    cx: &Context<'a>,
    objective_id: &str,
    kr_id: &str,
) -> Result<(ObjectiveAt<'a>, &'a KeyResult)> {
    let Some(at) = cx.by_id.get(objective_id) else {
        let refs: Vec<String> = cx
            .objectives
            .iter()
            .flat_map(|at| {
                let o = at.objective;
                o.key_results.iter().map(|k| format!("{}/{}", o.id, k.id))
            })
            .collect();
        let wanted = format!("{objective_id}/{kr_id}");
        return Err(missing(
            cx,
            objective_id,
            &wanted,
            refs.iter().map(String::as_str),
        ));
    };
    if let Some(kr) = at.objective.key_results.iter().find(|k| k.id == kr_id) {
        return Ok((*at, kr));
    }
    let ids: Vec<&str> = at
        .objective
        .key_results
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    let hint = match crate::model::did_you_mean(kr_id, ids.iter().copied()) {
        Some(s) => format!("did you mean `{objective_id}/{s}`?"),
        None if ids.is_empty() => "it has no key results yet".to_owned(),
        None => format!("its key results are {}", ids.join(", ")),
    };
    bail!("objective `{objective_id}` has no key result `{kr_id}`; {hint}")
}

/// The objective, or the key result, that `objective-id[/kr-id]` names.
pub fn reference<'a>(
    cx: &Context<'a>,
    reference: &str,
) -> Result<(ObjectiveAt<'a>, Option<&'a KeyResult>)> {
    match reference.split_once('/') {
        Some((o, k)) => key_result(cx, o, k).map(|(at, kr)| (at, Some(kr))),
        None => objective(cx, reference).map(|at| (at, None)),
    }
}

/// Why `objective_id` is not there. While a file does not parse, the objective
/// may be in it: name that file (or all of them) and suggest nothing, since a
/// near name elsewhere (another cycle's copy) is not what was meant.
fn missing<'c>(
    cx: &Context<'_>,
    objective_id: &str,
    wanted: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> anyhow::Error {
    let broken = crate::model::broken_files(cx.org);
    let fix = "fix it (`okr check` shows what is wrong) and try again";
    if let Some(b) = broken.iter().find(|b| b.mentions_id(objective_id)) {
        return anyhow::anyhow!(
            "objective `{objective_id}` is in {}, which cannot be parsed ({}); {fix}",
            b.path,
            b.why()
        );
    }
    if !broken.is_empty() {
        let list: Vec<String> = broken
            .iter()
            .map(|b| format!("{} ({})", b.path, b.why()))
            .collect();
        let them = if broken.len() == 1 { "it" } else { "them" };
        return anyhow::anyhow!(
            "no objective `{objective_id}` in the files that parse; {} cannot be parsed and may hold it; fix {them} (`okr check` shows what is wrong) and try again",
            list.join(", ")
        );
    }
    let hint = suggest(wanted, candidates)
        .unwrap_or_else(|| "`okr status` lists the objectives and key results".to_owned());
    anyhow::anyhow!("no objective `{objective_id}`; {hint}")
}
