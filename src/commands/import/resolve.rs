//! A plan matched with the repository: which objectives and key results are
//! new, which are already there (by `import_id`, id or title), what okr.yaml
//! gains, and the texts every file will hold after the import commit and
//! after each replayed check-in. Nothing is written here.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::items::{first_value, kr_item, objective_item, update_values, value_text};
use crate::commands::support::checkin::{self, CURRENT_AFTER};
use crate::commands::support::new_file::{new_file_text, target_file};
use crate::edit::{self, Item, Scalar, Set};
use crate::finding::Route;
use crate::import::ids;
use crate::import::{CheckinTarget, CheckinValue, Plan};
use crate::load;
use crate::model::{
    CONFIG_FILE, Context, Cycle, Date, KeyResult, Org, Person, Unit, did_you_mean, format_number,
};

/// What the command was asked for, beside the input.
pub struct Options<'a> {
    pub cycle: Option<&'a str>,
    pub team: Option<&'a str>,
    pub no_new_people: bool,
    pub today: Date,
}

/// A file's text before the import and after it.
pub struct Change {
    pub path: PathBuf,
    pub before: Option<String>,
    pub after: String,
}

/// One check-in to commit on its own.
pub struct Replay {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    pub reference: String,
    pub date: Date,
    /// The author's name and email when the check-in names a person in okr.yaml.
    pub author: Option<(String, String)>,
    pub message: String,
}

/// Everything the import will do.
#[derive(Default)]
pub struct Resolved {
    /// okr.yaml and the OKR files, as the import commit leaves them.
    pub changes: Vec<Change>,
    pub replays: Vec<Replay>,
    /// What happens to each objective and key result, one line each.
    pub report: Vec<String>,
    pub new_people: Vec<String>,
    pub new_teams: Vec<String>,
    pub unknown_people: Vec<String>,
    pub unmapped: Vec<String>,
    pub counts: Counts,
}

#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub objectives: usize,
    pub key_results: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Matches `plan` with `org` and computes every text the import writes.
/// `last_checkin` gives the day of a key result's last check-in in git.
pub fn resolve(
    org: &Org,
    plan: &Plan,
    options: &Options<'_>,
    last_checkin: &dyn Fn(&str) -> Option<Date>,
) -> Result<Resolved> {
    let mut out = Resolved {
        unmapped: plan.unmapped.clone(),
        ..Resolved::default()
    };
    let root = org.root.clone();
    let mut config_text = org.config_text.clone();

    // People: okr.yaml's by id, email or name; the others added (or listed).
    let mut person_of: HashMap<&str, String> = HashMap::new();
    let mut known: HashMap<String, Person> = org
        .config
        .people
        .iter()
        .map(|p| (p.id.clone(), p.clone()))
        .collect();
    let mut taken_people: HashSet<String> = known.keys().cloned().collect();
    // People the input names as owners may be added; authors of check-ins only matched.
    let mut owners: HashSet<&str> = HashSet::new();
    for planned in &plan.objectives {
        owners.extend(planned.person.as_deref());
        owners.extend(planned.objective.owner.as_deref());
        owners.extend(
            planned
                .objective
                .key_results
                .iter()
                .filter_map(|k| k.owner.as_deref()),
        );
    }
    for p in &plan.people {
        let lower = |s: &Option<String>| s.as_deref().map(str::to_lowercase);
        let found = org.config.people.iter().find(|q| {
            q.id == p.id && p.email.is_none()
                || (p.email.is_some() && lower(&q.email) == lower(&p.email))
                || (p.name.is_some() && (q.name == p.name || p.name.as_deref() == Some(&q.id)))
        });
        let id = match found {
            Some(q) => q.id.clone(),
            None if !owners.contains(p.id.as_str()) => continue,
            None => {
                let id = ids::unique(&p.id, &mut taken_people);
                let name = p.name.clone().filter(|n| *n != id);
                let label = match &name {
                    Some(n) => format!("{id} ({n})"),
                    None => id.clone(),
                };
                if options.no_new_people {
                    out.unknown_people.push(label);
                } else {
                    let mut item = Item::default().str("id", &id);
                    if let Some(n) = &name {
                        item = item.str("name", n);
                    }
                    if let Some(e) = &p.email {
                        item = item.str("email", e);
                    }
                    config_text = edit::append(&config_text, &Route::root(), "people", &item)
                        .context("cannot add people to okr.yaml")?;
                    known.insert(
                        id.clone(),
                        Person {
                            id: id.clone(),
                            name,
                            email: p.email.clone(),
                        },
                    );
                    out.new_people.push(label);
                }
                id
            }
        };
        person_of.insert(p.id.as_str(), id);
    }
    let person = |key: &Option<String>| {
        key.as_ref().map(|k| {
            person_of
                .get(k.as_str())
                .cloned()
                .unwrap_or_else(|| k.clone())
        })
    };

    // Teams: okr.yaml's by id or name; the others added under their parent,
    // else under the top team.
    let top_team = org
        .config
        .teams
        .iter()
        .find(|t| t.parent.is_none())
        .map(|t| t.id.clone());
    let mut team_of: HashMap<&str, String> = HashMap::new();
    let mut taken_teams: HashSet<String> = org.config.teams.iter().map(|t| t.id.clone()).collect();
    for t in &plan.teams {
        let name = t.name.as_deref().unwrap_or(&t.id).to_lowercase();
        // `增长组` is the team named `增长组 Growth`.
        let found = org.config.teams.iter().find(|q| {
            let q_name = q.name.as_deref().unwrap_or_default().to_lowercase();
            q.id == t.id
                || q.id.to_lowercase() == name
                || q_name == name
                || q_name.split([' ', '/']).any(|w| !w.is_empty() && w == name)
        });
        let id = match found {
            Some(q) => q.id.clone(),
            None => {
                let id = ids::unique(&t.id, &mut taken_teams);
                let parent = t
                    .parent
                    .as_ref()
                    .and_then(|p| team_of.get(p.as_str()).cloned())
                    .or_else(|| top_team.clone());
                let mut item = Item::default().str("id", &id);
                if let Some(n) = t.name.as_ref().filter(|n| **n != id) {
                    item = item.str("name", n);
                }
                if let Some(p) = &parent {
                    item = item.str("parent", p);
                }
                config_text = edit::append(&config_text, &Route::root(), "teams", &item)
                    .context("cannot add teams to okr.yaml")?;
                out.new_teams.push(id.clone());
                id
            }
        };
        team_of.insert(t.id.as_str(), id);
    }
    for c in &plan.cycles {
        if org.config.cycles.iter().any(|d| d.id == c.id) {
            continue;
        }
        let mut item = Item::default().str("id", &c.id);
        if let Some(n) = &c.name {
            item = item.str("name", n);
        }
        if let (Some(s), Some(e)) = (c.start, c.end) {
            item = item.str("start", &s.to_string()).str("end", &e.to_string());
        }
        config_text = edit::append(&config_text, &Route::root(), "cycles", &item)
            .context("cannot add cycles to okr.yaml")?;
    }

    // The organisation as it will be with okr.yaml's additions.
    let files: Vec<(String, Vec<u8>)> = org
        .files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone().into_bytes()))
        .collect();
    let org2 = load::from_texts(&root, Some(config_text.clone().into_bytes()), files);
    let cx = Context::new(&org2, options.today);
    if config_text != org.config_text {
        out.changes.push(Change {
            path: root.join(CONFIG_FILE),
            before: Some(org.config_text.clone()),
            after: config_text,
        });
    }

    let default_cycle = match options.cycle {
        Some(c) => Some(crate::view::pick_cycle(&cx, Some(c))?),
        None => None,
    };
    let default_unit = match options.team {
        Some(t) if cx.teams.contains_key(t) => t.to_owned(),
        Some(t) => {
            let hint = did_you_mean(t, cx.teams.keys().copied()).map_or_else(
                || "add it under `teams:` in okr.yaml first".to_owned(),
                |s| format!("did you mean `{s}`?"),
            );
            bail!("--team {t} is not a team in okr.yaml; {hint}");
        }
        None => match &top_team {
            Some(t) => t.clone(),
            None => String::new(),
        },
    };

    // Existing objectives and key results by import id, id and title.
    let mut by_import: HashMap<&str, (String, Option<String>)> = HashMap::new();
    for at in &cx.objectives {
        let o = at.objective;
        if let Some(i) = &o.import_id {
            by_import.insert(i, (o.id.clone(), None));
        }
        for kr in &o.key_results {
            if let Some(i) = &kr.import_id {
                by_import.insert(i, (o.id.clone(), Some(kr.id.clone())));
            }
        }
    }
    let mut taken_objectives: HashSet<String> = cx.by_id.keys().map(|k| (*k).to_owned()).collect();
    // Refs by import id, for alignment; the plan's are added as they get ids.
    let mut refs_by_import: HashMap<String, String> = by_import
        .iter()
        .map(|(k, (o, kr))| {
            let r = kr
                .as_ref()
                .map_or_else(|| o.clone(), |kr| format!("{o}/{kr}"));
            ((*k).to_owned(), r)
        })
        .collect();
    let checkin_krs: HashSet<(usize, usize)> = plan
        .checkins
        .iter()
        .filter_map(|c| match c.target {
            CheckinTarget::Planned {
                objective,
                key_result,
            } => Some((objective, key_result)),
            _ => None,
        })
        .collect();

    // Pass 1: each planned objective's cycle, owner unit, and id (matched or new).
    let mut assigned: Vec<Assigned> = Vec::new();
    for planned in &plan.objectives {
        let cycle = match (&planned.cycle, &default_cycle) {
            (Some(c), _) => cx.cycle(c).map_err(|_| {
                anyhow::anyhow!(
                    "{}: cycle `{c}` is neither a standard id (2026-Q4, 2026-H1, 2026) nor declared under `cycles:` in okr.yaml; declare it, or pass --cycle",
                    planned.at
                )
            })?,
            (None, Some(c)) => c.clone(),
            (None, None) => crate::view::pick_cycle(&cx, None).or_else(|_| standard_quarter(options.today))?,
        };
        let unit = match (&planned.person, &planned.team) {
            (Some(p), _) => Owner::Person(person(&Some(p.clone())).unwrap_or_default()),
            (None, Some(t)) => Owner::Team(
                team_of
                    .get(t.as_str())
                    .cloned()
                    .unwrap_or_else(|| t.clone()),
            ),
            (None, None) if !default_unit.is_empty() => Owner::Team(default_unit.clone()),
            (None, None) => bail!(
                "okr.yaml declares no team, and {} names none; add teams to okr.yaml or pass --team",
                planned.at
            ),
        };
        let o = &planned.objective;
        let existing = o
            .import_id
            .as_deref()
            .and_then(|i| {
                by_import
                    .get(i)
                    .filter(|(_, kr)| kr.is_none())
                    .map(|(id, _)| id.clone())
            })
            .or_else(|| {
                (!o.id.is_empty() && cx.by_id.contains_key(o.id.as_str())).then(|| o.id.clone())
            })
            .or_else(|| {
                cx.objectives
                    .iter()
                    .find(|at| {
                        at.objective.import_id.is_none()
                            && at.cycle_id() == Some(cycle.id.as_str())
                            && at.unit() == Some(unit.as_unit())
                            && at.objective.title == o.title
                    })
                    .map(|at| at.objective.id.clone())
            });
        let (id, existing_krs): (String, Vec<KeyResult>) = match existing {
            Some(id) => {
                let krs = cx.by_id[id.as_str()].objective.key_results.clone();
                (id, krs)
            }
            None => {
                let base = if o.id.is_empty() {
                    ids::from_title(&o.title, "o")
                } else {
                    o.id.clone()
                };
                (ids::unique(&base, &mut taken_objectives), Vec::new())
            }
        };
        let is_new = existing_krs.is_empty() && !cx.by_id.contains_key(id.as_str());
        let mut taken: HashSet<String> = existing_krs.iter().map(|k| k.id.clone()).collect();
        let mut krs = Vec::new();
        for kr in &o.key_results {
            let found = existing_krs.iter().find(|e| {
                (kr.import_id.is_some() && e.import_id == kr.import_id)
                    || (!kr.id.is_empty() && e.id == kr.id)
                    || (kr.import_id.is_none() && kr.id.is_empty() && e.title == kr.title)
            });
            krs.push(match found {
                Some(e) => (e.id.clone(), Some(e.clone())),
                None => {
                    let base = if kr.id.is_empty() {
                        ids::from_title(&kr.title, "kr")
                    } else {
                        kr.id.clone()
                    };
                    (ids::unique(&base, &mut taken), None)
                }
            });
        }
        if let Some(i) = &o.import_id {
            refs_by_import.insert(i.clone(), id.clone());
        }
        for (kr, (kr_id, _)) in o.key_results.iter().zip(&krs) {
            if let Some(i) = &kr.import_id {
                refs_by_import.insert(i.clone(), format!("{id}/{kr_id}"));
            }
        }
        assigned.push(Assigned {
            cycle,
            unit,
            id,
            is_new,
            krs,
        });
    }

    // Pass 2: the edits, file by file, in the plan's order.
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut new_files: BTreeMap<String, (Cycle, Owner, Vec<Item>)> = BTreeMap::new();
    let mut created: HashSet<String> = HashSet::new();
    for (oi, (planned, a)) in plan.objectives.iter().zip(&assigned).enumerate() {
        let o = &planned.objective;
        let mut aligns = o.aligns.clone();
        for source in &planned.aligns_to {
            match refs_by_import.get(source) {
                Some(r) if !aligns.contains(r) => aligns.push(r.clone()),
                Some(_) => {}
                None => out.unmapped.push(format!(
                    "{}: `{}` aligns to {source}, which is neither in the input nor in the repository; left out",
                    planned.at, a.id
                )),
            }
        }
        if a.is_new {
            let mut krs = Vec::new();
            for (ki, (kr, (kr_id, _))) in o.key_results.iter().zip(&a.krs).enumerate() {
                krs.push(kr_item(kr_id, kr, &person, first_value(plan, oi, ki)));
                created.insert(format!("{}/{kr_id}", a.id));
            }
            let item = objective_item(&a.id, o, &aligns, &person, krs);
            let target = target_file(&cx, &a.cycle, a.unit.as_unit())?;
            out.counts.objectives += 1;
            out.counts.key_results += a.krs.len();
            out.report.push(format!(
                "add     {}  {} ({} key results) -> {}",
                a.id,
                o.title,
                a.krs.len(),
                target.rel
            ));
            if target.exists {
                let text = texts.entry(target.rel.clone()).or_insert_with(|| {
                    org2.file(&target.rel)
                        .map(|f| f.text.clone())
                        .unwrap_or_default()
                });
                *text = edit::append(text, &Route::root(), "objectives", &item)
                    .with_context(|| format!("cannot add to {}", target.rel))?;
            } else {
                new_files
                    .entry(target.rel)
                    .or_insert_with(|| (a.cycle.clone(), a.unit.clone(), Vec::new()))
                    .2
                    .push(item);
            }
            continue;
        }
        let at = cx.by_id[a.id.as_str()];
        let text = texts.entry(at.path.to_owned()).or_insert_with(|| {
            org2.file(at.path)
                .map(|f| f.text.clone())
                .unwrap_or_default()
        });
        for (ki, (kr, (kr_id, existing))) in o.key_results.iter().zip(&a.krs).enumerate() {
            let reference = format!("{}/{kr_id}", a.id);
            match existing {
                Some(e) if checkin_krs.contains(&(oi, ki)) => {
                    let _ = e;
                }
                Some(e) => match update_values(text, &a.id, e, kr)? {
                    Some(t) => {
                        *text = t;
                        out.counts.updated += 1;
                        out.report
                            .push(format!("update  {reference}  {}", value_text(kr)));
                    }
                    None => out.counts.unchanged += 1,
                },
                None => {
                    let item = kr_item(kr_id, kr, &person, first_value(plan, oi, ki));
                    let tree = load::parse(text).map_err(|p| p.in_file(at.path))?;
                    let route = edit::find(&tree, &a.id, None).with_context(|| {
                        format!("{} no longer holds objective `{}`", at.path, a.id)
                    })?;
                    *text = edit::append(text, &route, "key_results", &item)
                        .with_context(|| format!("cannot add to {}", at.path))?;
                    out.counts.key_results += 1;
                    out.report
                        .push(format!("add     {reference}  {}", kr.title));
                    created.insert(reference);
                }
            }
        }
    }
    for (rel, (cycle, owner, items)) in new_files {
        let text = new_file_text(&root, &rel, &cycle, owner.as_unit(), &items)?;
        texts.insert(rel, text);
    }

    // Pass 3: check-ins, oldest first, each on the text the one before left.
    let mut state = texts.clone();
    let mut replays = Vec::new();
    let mut checkins: Vec<&crate::import::PlannedCheckin> = plan.checkins.iter().collect();
    checkins.sort_by_key(|c| c.date);
    let mut skipped_initial: HashSet<(usize, usize)> = HashSet::new();
    for c in checkins {
        let reference = match &c.target {
            CheckinTarget::Planned {
                objective,
                key_result,
            } => {
                let a = &assigned[*objective];
                format!("{}/{}", a.id, a.krs[*key_result].0)
            }
            CheckinTarget::Ref(r) => r.clone(),
            CheckinTarget::Titles {
                objective,
                key_result,
            } => {
                let found = cx.objectives.iter().find_map(|at| {
                    (at.objective.title == *objective)
                        .then(|| {
                            at.objective
                                .key_results
                                .iter()
                                .find(|k| k.title == *key_result)
                        })
                        .flatten()
                        .map(|k| format!("{}/{}", at.objective.id, k.id))
                });
                match found {
                    Some(r) => r,
                    None => {
                        out.unmapped.push(format!(
                            "{}: a check-in of `{objective}` / `{key_result}`, which is neither in the input nor in the repository; left out",
                            c.at
                        ));
                        continue;
                    }
                }
            }
        };
        if let CheckinTarget::Planned {
            objective,
            key_result,
        } = c.target
            && first_value(plan, objective, key_result).is_some_and(|f| f.consumes_first)
            && skipped_initial.insert((objective, key_result))
        {
            continue;
        }
        if !created.contains(&reference)
            && let Some(last) = last_checkin(&reference)
            && c.date <= last
        {
            continue;
        }
        let Some((objective_id, kr_id)) = reference.split_once('/') else {
            out.unmapped.push(format!(
                "{}: `{reference}` is not `objective-id/kr-id`; left out",
                c.at
            ));
            continue;
        };
        let Some(rel) = file_of(&cx, &assigned, &new_paths(&state, &cx), objective_id) else {
            out.unmapped.push(format!(
                "{}: a check-in of `{reference}`, which is not in the repository; left out",
                c.at
            ));
            continue;
        };
        let before = state
            .get(&rel)
            .cloned()
            .or_else(|| org2.file(&rel).map(|f| f.text.clone()))
            .unwrap_or_default();
        let tree = load::parse(&before).map_err(|p| p.in_file(&rel))?;
        let Some(route) = edit::find(&tree, objective_id, Some(kr_id)) else {
            out.unmapped.push(format!(
                "{}: a check-in of `{reference}`, which is not in the repository; left out",
                c.at
            ));
            continue;
        };
        let node = tree.at(&route).context("the key result vanished")?;
        let milestone = node.get("done").is_some();
        let (key, value) = match (c.value, milestone) {
            (CheckinValue::Done(d), true) => ("done", Scalar::Bool(d)),
            (CheckinValue::Number(x), false) => ("current", Scalar::Number(x)),
            (CheckinValue::Number(x), true) if x == 0.0 || x == 1.0 || x == 100.0 => {
                ("done", Scalar::Bool(x > 0.0))
            }
            (v, _) => {
                out.unmapped.push(format!(
                    "{}: a check-in of `{reference}` with {}, which does not fit a {} key result; left out",
                    c.at,
                    match v {
                        CheckinValue::Done(d) => format!("done: {d}"),
                        CheckinValue::Number(x) => format!("the number {}", format_number(x)),
                    },
                    if milestone { "milestone" } else { "numeric" }
                ));
                continue;
            }
        };
        let old = node
            .get(key)
            .and_then(|n| n.scalar_text())
            .map_or_else(|| "none".to_owned(), |t| t.into_owned());
        let new = value.yaml_text();
        let after = checkin::set_value(&before, &route, key, value, c.confidence)
            .with_context(|| format!("cannot edit {rel}"))?;
        if after == before {
            continue;
        }
        let mut message = checkin::message(
            &reference,
            Some(&old),
            &new,
            c.confidence,
            c.note.as_deref(),
        );
        message.push_str(&format!("OKR-Imported-From: {}\n", plan.source));
        let author = c
            .author
            .as_ref()
            .and_then(|k| person_of.get(k.as_str()))
            .and_then(|id| known.get(id))
            .map(|p| {
                (
                    p.name.clone().unwrap_or_else(|| p.id.clone()),
                    p.email.clone().unwrap_or_default(),
                )
            });
        state.insert(rel.clone(), after.clone());
        replays.push(Replay {
            path: root.join(&rel),
            before,
            after,
            reference,
            date: c.date,
            author,
            message,
        });
    }
    // A value the input gives beside its check-ins, newer than the last of
    // them: one more check-in, today, by whoever runs the import.
    let mut pairs: Vec<&(usize, usize)> = checkin_krs.iter().collect();
    pairs.sort();
    for &&(oi, ki) in &pairs {
        let kr = &plan.objectives[oi].objective.key_results[ki];
        let a = &assigned[oi];
        let reference = format!("{}/{}", a.id, a.krs[ki].0);
        let Some(rel) = file_of(&cx, &assigned, &new_paths(&state, &cx), &a.id) else {
            continue;
        };
        let Some(before) = state.get(&rel).cloned() else {
            continue;
        };
        let tree = load::parse(&before).map_err(|p| p.in_file(&rel))?;
        let Some(route) = edit::find(&tree, &a.id, Some(&a.krs[ki].0)) else {
            continue;
        };
        let node = tree.at(&route).context("the key result vanished")?;
        let (key, value) = match (kr.current, kr.done, node.get("done").is_some()) {
            (_, Some(d), true) => ("done", Scalar::Bool(d)),
            (Some(c), _, false) => ("current", Scalar::Number(c)),
            _ => continue,
        };
        let old = node
            .get(key)
            .and_then(|n| n.scalar_text())
            .map_or_else(|| "none".to_owned(), |t| t.into_owned());
        let new = value.yaml_text();
        let after = edit::set_scalar(
            &before,
            &Set {
                map: route,
                key,
                value,
                after: CURRENT_AFTER,
            },
        )
        .with_context(|| format!("cannot edit {rel}"))?;
        if after == before {
            continue;
        }
        let mut message = checkin::message(
            &reference,
            Some(&old),
            &new,
            None,
            Some("The value the import gives beside its check-ins."),
        );
        message.push_str(&format!("OKR-Imported-From: {}\n", plan.source));
        state.insert(rel.clone(), after.clone());
        replays.push(Replay {
            path: root.join(&rel),
            before,
            after,
            reference,
            date: options.today,
            author: None,
            message,
        });
    }
    out.replays = replays;

    for (rel, after) in texts {
        let before = org.file(&rel).map(|f| f.text.clone());
        if before.as_deref() == Some(after.as_str()) {
            continue;
        }
        out.changes.push(Change {
            path: root.join(&rel),
            before,
            after,
        });
    }
    Ok(out)
}

/// Who a planned objective belongs to, owned.
#[derive(Debug, Clone)]
enum Owner {
    Team(String),
    Person(String),
}

impl Owner {
    fn as_unit(&self) -> Unit<'_> {
        match self {
            Owner::Team(t) => Unit::Team(t),
            Owner::Person(p) => Unit::Person(p),
        }
    }
}

/// A planned objective's place and ids: `krs` pairs each planned key result's
/// id with the key result it matched, if any.
struct Assigned {
    cycle: Cycle,
    unit: Owner,
    id: String,
    is_new: bool,
    krs: Vec<(String, Option<KeyResult>)>,
}

/// The files the import creates, by objective id.
fn new_paths(state: &BTreeMap<String, String>, cx: &Context<'_>) -> Vec<String> {
    state
        .keys()
        .filter(|k| cx.org.file(k).is_none())
        .cloned()
        .collect()
}

/// The file that holds an objective after the import commit.
fn file_of(
    cx: &Context<'_>,
    assigned: &[Assigned],
    new_files: &[String],
    objective: &str,
) -> Option<String> {
    if let Some(at) = cx.by_id.get(objective) {
        return Some(at.path.to_owned());
    }
    let a = assigned.iter().find(|a| a.id == objective)?;
    let target = target_file(cx, &a.cycle, a.unit.as_unit()).ok()?;
    (target.exists || new_files.contains(&target.rel)).then_some(target.rel)
}

/// A quarter of the standard calendar: the one `today` falls in.
fn standard_quarter(today: Date) -> Result<Cycle> {
    use chrono::Datelike;
    let id = format!("{}-Q{}", today.year(), today.month0() / 3 + 1);
    let period = Cycle::standard(&id).context("no quarter for today")?;
    Ok(Cycle { id, period })
}
