//! `okr add objective` and `okr add kr`: append to the right file in its own
//! style, or create the file when the team (or person) has none for the cycle.
//! Orchestration only: the edit engine writes, `support` finds the file.

use anyhow::{Context as _, Result, bail};

use super::support::new_file::{new_file_text, target_file};
use super::support::writer::{FileChange, Writer, read};
use super::{Env, Outcome};
use crate::cli::{AddKrArgs, AddObjectiveArgs, KindArg, OriginArg, StatusArg};
use crate::edit::{self, Item, Scalar};
use crate::finding::Route;
use crate::load::{self, parse};
use crate::model::text::inert;
use crate::model::{Context, Measure, Unit, check_id, did_you_mean};

pub fn objective(
    env: &Env,
    args: &AddObjectiveArgs,
    out: &mut impl std::io::Write,
) -> Result<Outcome> {
    let root = env.root()?;
    check_id(&args.id, "objective")?;
    let writer = Writer::open(&root, !args.commit.no_commit, args.commit.allow_dirty)?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);

    if let Some(at) = cx.by_id.get(args.id.as_str()) {
        bail!(
            "an objective `{}` already exists in {}; objective ids are unique in the repository, choose another",
            args.id,
            at.path
        );
    }
    known_person(&cx, &args.owner, "--owner")?;
    let unit = match (&args.team, &args.person) {
        (Some(team), _) => {
            known_team(&cx, team)?;
            Unit::Team(team.as_str())
        }
        (None, Some(person)) => {
            known_person(&cx, person, "--person")?;
            Unit::Person(person.as_str())
        }
        (None, None) => match cx.teams_of(&args.owner).as_slice() {
            [team] => Unit::Team(team),
            [] => bail!(
                "{} is in no team; pass --team TEAM, or --person {} for a personal objective",
                args.owner,
                args.owner
            ),
            many => bail!(
                "{} is in several teams ({}); pass --team to say which",
                args.owner,
                many.join(", ")
            ),
        },
    };
    let cycle = crate::view::pick_cycle(&cx, args.cycle.as_deref())?;
    for reference in &args.aligns {
        known_ref(&cx, reference)?;
    }
    let mut key_results = Vec::with_capacity(args.kr.len());
    for (i, kr) in args.kr.iter().enumerate() {
        if args.kr[..i].iter().any(|k| k.id == kr.id) {
            bail!(
                "--kr: two key results with the id `{}`; key-result ids are unique within their objective",
                kr.id
            );
        }
        kr.measure
            .check(Some(&cycle), false)
            .with_context(|| format!("--kr {}", kr.id))?;
        key_results.push(kr_item(&kr.measure, &kr.id, &kr.title, None));
    }

    let mut item = Item::default()
        .str("id", &args.id)
        .str("title", &args.title)
        .str("owner", &args.owner);
    match args.aligns.as_slice() {
        [] => {}
        [one] => item = item.str("aligns", one),
        many => item = item.list("aligns", many.to_vec()),
    }
    if let Some(origin) = args.origin {
        item = item.str(
            "origin",
            match origin {
                OriginArg::BottomUp => "bottom-up",
                OriginArg::TopDown => "top-down",
            },
        );
    }
    if let Some(status) = args.status {
        item = item.str(
            "status",
            match status {
                StatusArg::Draft => "draft",
                StatusArg::Agreed => "agreed",
                StatusArg::Dropped => "dropped",
            },
        );
    }
    if let Some(kind) = args.kind {
        item = item.str(
            "kind",
            match kind {
                KindArg::Aspirational => "aspirational",
                KindArg::Committed => "committed",
            },
        );
    }
    if !key_results.is_empty() {
        item = item.items("key_results", key_results);
    }

    let target = target_file(&cx, &cycle, unit)?;
    let path = root.join(&target.rel);
    writer.check_clean(std::slice::from_ref(&path))?;
    let change = if target.exists {
        let (bytes, text) = read(&root, &path)?;
        let edited = edit::append(&text, &Route::root(), "objectives", &item)
            .with_context(|| format!("cannot add to {}", target.rel))?;
        FileChange {
            path,
            original: Some(bytes),
            new: edited,
        }
    } else {
        let text = new_file_text(&root, &target.rel, &cycle, unit, &[item])?;
        FileChange {
            path,
            original: None,
            new: text,
        }
    };
    let mut message = format!("add: objective {}", args.id);
    match args.kr.len() {
        0 => {}
        1 => message.push_str(" with 1 key result"),
        n => message.push_str(&format!(" with {n} key results")),
    }
    message.push_str(&format!(
        "\n\n{}\n\nOKR-Objective: {}\n",
        args.title, args.id
    ));
    for kr in &args.kr {
        message.push_str(&format!("OKR-Key-Result: {}/{}\n", args.id, kr.id));
    }
    let done = writer.apply(&[change], &message)?;
    writeln!(out, "{}", crate::model::text::inert(&done))?;
    let status = match args.status {
        None | Some(StatusArg::Draft) => "draft ",
        Some(StatusArg::Agreed) => "agreed ",
        Some(StatusArg::Dropped) => "dropped ",
    };
    if args.kr.is_empty() {
        eprintln!(
            "Added {status}objective `{}` to {}; give it key results with `okr add kr {}/ID --title ...`.",
            inert(&args.id),
            inert(&target.rel),
            inert(&args.id)
        );
    } else {
        eprintln!(
            "Added {status}objective `{}` with {} key result(s) to {}.",
            inert(&args.id),
            args.kr.len(),
            inert(&target.rel)
        );
    }
    Ok(Outcome::Ok)
}

pub fn key_result(env: &Env, args: &AddKrArgs, out: &mut impl std::io::Write) -> Result<Outcome> {
    let root = env.root()?;
    let Some((objective_id, kr_id)) = args.reference.split_once('/') else {
        bail!(
            "`{}` names no key result; write `objective-id/kr-id`, the objective and the new key result's id",
            args.reference
        );
    };
    check_id(kr_id, "key result")?;
    let writer = Writer::open(&root, !args.commit.no_commit, args.commit.allow_dirty)?;
    let (org, _) = load::load(&root)?;
    let cx = Context::new(&org, env.today);

    let at = crate::view::names::objective(&cx, objective_id)?;
    if at.objective.key_results.iter().any(|k| k.id == kr_id) {
        bail!("objective `{objective_id}` already has a key result `{kr_id}`; choose another id");
    }
    if let Some(owner) = &args.owner {
        known_person(&cx, owner, "--owner")?;
    }

    let measure = if let (Some(start), Some(target)) = (args.start, args.target) {
        Measure::Numeric {
            start,
            target,
            current: args.current,
            unit: args.unit.clone(),
        }
    } else if let Some(due) = args.due {
        Measure::Milestone { due }
    } else {
        let (above, bound) = match (args.keep_above, args.keep_below) {
            (Some(x), _) => (true, x),
            (_, Some(x)) => (false, x),
            _ => bail!(
                "say what kind of key result: --start/--target, --due, --keep-above or --keep-below"
            ),
        };
        let Some(current) = args.current else {
            bail!("a threshold key result needs the level it is at now; pass --current VALUE");
        };
        Measure::Threshold {
            above,
            bound,
            current,
            unit: args.unit.clone(),
        }
    };
    let cycle = at.cycle_id().and_then(|c| cx.cycle(c).ok());
    measure.check(cycle.as_ref(), true)?;
    let item = kr_item(&measure, kr_id, &args.title, args.owner.as_deref());

    let path = root.join(at.path);
    writer.check_clean(std::slice::from_ref(&path))?;
    let (bytes, text) = read(&root, &path)?;
    let tree = parse(&text).map_err(|p| p.in_file(at.path))?;
    let route = edit::find(&tree, objective_id, None)
        .with_context(|| format!("{} no longer holds objective `{objective_id}`", at.path))?;
    let edited = edit::append(&text, &route, "key_results", &item)
        .with_context(|| format!("cannot add to {}", at.path))?;
    let message = format!(
        "add: key result {}\n\n{}\n\nOKR-Key-Result: {}\n",
        args.reference, args.title, args.reference
    );
    let done = writer.apply_edit(path, bytes, edited, &message)?;
    writeln!(out, "{}", crate::model::text::inert(&done))?;
    Ok(Outcome::Ok)
}

/// The item of a key result that measures `measure`, in the order of the file format.
fn kr_item(measure: &Measure, id: &str, title: &str, owner: Option<&str>) -> Item {
    let mut item = Item::default().str("id", id).str("title", title);
    if let Some(owner) = owner {
        item = item.str("owner", owner);
    }
    let unit = match measure {
        Measure::Numeric {
            start,
            target,
            current,
            unit,
        } => {
            item = item
                .num("start", *start)
                .num("target", *target)
                .num("current", current.unwrap_or(*start));
            unit
        }
        Measure::Milestone { due } => {
            return item
                .with("done", Scalar::Bool(false))
                .str("due", &due.format("%Y-%m-%d").to_string());
        }
        Measure::Threshold {
            above,
            bound,
            current,
            unit,
        } => {
            let key = if *above { "keep_above" } else { "keep_below" };
            item = item.num(key, *bound).num("current", *current);
            unit
        }
    };
    match unit {
        Some(unit) => item.str("unit", unit),
        None => item,
    }
}

fn known_person(cx: &Context<'_>, person: &str, flag: &str) -> Result<()> {
    if cx.people.is_empty() || cx.people.contains(person) {
        return Ok(());
    }
    let hint = did_you_mean(person, cx.people.iter().copied()).map_or_else(
        || "add them under `people:` in okr.yaml first".to_owned(),
        |s| format!("did you mean `{s}`?"),
    );
    bail!("{flag} {person} is not a person in okr.yaml; {hint}")
}

fn known_team(cx: &Context<'_>, team: &str) -> Result<()> {
    if cx.teams.contains_key(team) {
        return Ok(());
    }
    let hint = did_you_mean(team, cx.teams.keys().copied()).map_or_else(
        || "add it under `teams:` in okr.yaml first".to_owned(),
        |s| format!("did you mean `{s}`?"),
    );
    bail!("--team {team} is not a team in okr.yaml; {hint}")
}

fn known_ref(cx: &Context<'_>, reference: &str) -> Result<()> {
    crate::view::names::reference(cx, reference)
        .map(|_| ())
        .with_context(|| format!("--aligns {reference}"))
}
