//! A Viva Goals export: a ZIP of JSON files (time periods, teams, users,
//! objectives, check-ins). Objectives and key results are told apart by
//! structure, not by their `Type` label (organisations renamed their terms):
//! a record with a measurable outcome whose parent is another record is a
//! key result; every other record is an objective.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::json::{get, id, list, number, records, text};
use super::numbers::{parse_date, parse_fraction, short};
use super::{
    CheckinTarget, CheckinValue, Errors, MAX_NOTE_CHARS, MAX_ROWS, MAX_TITLE_CHARS, Plan,
    PlannedCheckin, PlannedObjective,
};
use crate::model::{Cycle, CycleDecl, KeyResult, Objective, Status};

const SOURCE: &str = "viva-goals";

/// Which JSON file of the export holds what, by its name.
fn kind_of(path: &str) -> Option<&'static str> {
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .to_lowercase()
        .replace([' ', '_', '-'], "");
    let stem = stem.strip_suffix(".json")?;
    [
        ("timeperiod", "periods"),
        ("checkin", "checkins"),
        ("team", "teams"),
        ("user", "users"),
        ("people", "users"),
        ("objective", "okrs"),
        ("okr", "okrs"),
    ]
    .into_iter()
    .find(|(word, _)| stem.contains(word))
    .map(|(_, kind)| kind)
}

pub fn plan(name: &str, bytes: &[u8]) -> Result<Plan, String> {
    let files = super::zip_limits::files(name, bytes)?;
    let mut docs: HashMap<&str, Vec<Value>> = HashMap::new();
    let mut errors = Errors::default();
    for (path, data) in &files {
        let Some(kind) = kind_of(path) else { continue };
        let data = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
        match serde_json::from_slice::<Value>(data) {
            Ok(doc) => docs.entry(kind).or_default().push(doc),
            Err(e) => errors.push(format!(
                "{name}: {}: not JSON okr can read ({e})",
                short(path)
            )),
        }
    }
    let all = |kind: &str| -> Vec<&Value> {
        docs.get(kind)
            .map(|d| d.iter().flat_map(records).collect())
            .unwrap_or_default()
    };
    let okrs = all("okrs");
    if okrs.is_empty() && errors.0.is_empty() {
        let names: Vec<String> = files.iter().map(|(p, _)| short(p)).collect();
        errors.push(format!(
            "{name}: no objectives file (objectives.json) in the archive; it holds {}",
            if names.is_empty() {
                "nothing".to_owned()
            } else {
                names.join(", ")
            }
        ));
    }
    if okrs.len() > MAX_ROWS {
        errors.push(format!(
            "{name}: {} objectives and key results; okr imports at most {MAX_ROWS}",
            okrs.len()
        ));
    }
    if !errors.0.is_empty() {
        return errors.finish(Plan::new(SOURCE));
    }
    let mut plan = Plan::new(SOURCE);
    plan.mapping.push(format!(
        "{name}: {} records of objectives and key results",
        okrs.len()
    ));

    // People by their Viva id, teams by theirs.
    let users: HashMap<String, &Value> = all("users")
        .into_iter()
        .filter_map(|u| Some((get(u, &["ID", "Id"]).and_then(id)?, u)))
        .collect();
    let person = |plan: &mut Plan, v: &Value| -> Option<String> {
        let user = id(v).and_then(|i| users.get(&i).copied());
        let record = user.unwrap_or(v);
        let name = text(record, &["Name", "Display Name", "DisplayName"], 200).or_else(|| {
            if let Value::String(s) = v {
                Some(s.clone())
            } else {
                None
            }
        });
        let email = text(
            record,
            &["Email", "Mail", "UPN", "User Principal Name"],
            200,
        );
        if name.is_none() && email.is_none() {
            return None;
        }
        let email = email
            .filter(|e| e.contains('@'))
            .or_else(|| name.clone().filter(|n| n.contains('@')));
        Some(plan.person(name.as_deref(), email.as_deref()))
    };
    let team_records = all("teams");
    let team_name: HashMap<String, String> = team_records
        .iter()
        .filter_map(|t| {
            Some((
                get(t, &["ID", "Id"]).and_then(id)?,
                text(t, &["Name", "Title"], 200)?,
            ))
        })
        .collect();
    let mut team_key: HashMap<String, String> = HashMap::new();
    for t in &team_records {
        let (Some(tid), Some(n)) = (
            get(t, &["ID", "Id"]).and_then(id),
            text(t, &["Name", "Title"], 200),
        ) else {
            continue;
        };
        let parent = get(t, &["Parent ID", "ParentId", "Parent Team"])
            .and_then(id)
            .and_then(|p| team_key.get(&p).cloned());
        let key = plan.team(&n, parent);
        team_key.insert(tid, key);
    }
    // Time periods to cycles: a standard id when the dates are a standard period.
    let mut cycle_of: HashMap<String, String> = HashMap::new();
    for p in all("periods") {
        let (Some(pid), Some(n)) = (
            get(p, &["ID", "Id"]).and_then(id),
            text(p, &["Name", "Title"], 200),
        ) else {
            continue;
        };
        let start =
            text(p, &["Start Date", "StartDate", "Start"], 60).and_then(|d| parse_date(&d).ok());
        let end = text(p, &["End Date", "EndDate", "End"], 60).and_then(|d| parse_date(&d).ok());
        let id = match (start, end) {
            (Some(s), Some(e)) => standard_id(s, e).unwrap_or_else(|| {
                let id = super::ids::from_title(&n, "period");
                plan.cycles.push(CycleDecl {
                    id: id.clone(),
                    name: Some(n.clone()),
                    start: Some(s),
                    end: Some(e),
                });
                id
            }),
            _ => match super::numbers::parse_cycle(&n) {
                Some(id) => id,
                None => {
                    plan.unmapped.push(format!("time period `{n}` has no start and end dates and is no quarter okr knows; its objectives take --cycle"));
                    continue;
                }
            },
        };
        cycle_of.insert(pid, id.clone());
        cycle_of.insert(n, id);
    }

    // Structure: which records have a parent, and which carry an outcome.
    let rid = |r: &Value| get(r, &["ID", "Id", "OKR ID"]).and_then(id);
    let ids: HashSet<String> = okrs.iter().filter_map(|r| rid(r)).collect();
    let parents_of = |r: &Value| -> Vec<String> {
        let mut p: Vec<String> = list(r, &["Parent IDs", "ParentIds", "Parent ID", "Parent"])
            .into_iter()
            .filter_map(id)
            .collect();
        for a in list(r, &["Alignment", "Alignments"]) {
            if let Some(i) = get(a, &["ID", "Id"]).and_then(id).or_else(|| id(a))
                && !p.contains(&i)
            {
                p.push(i);
            }
        }
        p.retain(|i| ids.contains(i));
        p
    };
    let measurable = |r: &Value| {
        get(r, &["Outcome", "Metric"])
            .is_some_and(|o| get(o, &["Target", "Target Value", "Target Type", "Type"]).is_some())
    };
    let is_kr: HashMap<String, bool> = okrs
        .iter()
        .filter_map(|r| Some((rid(r)?, measurable(r) && !parents_of(r).is_empty())))
        .collect();

    // Objectives first, then their key results.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (n, r) in okrs.iter().enumerate() {
        let Some(rid) = rid(r) else {
            plan.unmapped
                .push(format!("{name}: record {} has no ID; left out", n + 1));
            continue;
        };
        if is_kr[&rid] {
            continue;
        }
        let title = text(r, &["Title", "Name", "Objective"], MAX_TITLE_CHARS)
            .unwrap_or_else(|| rid.clone());
        let owners = list(r, &["Owner", "Owners"]);
        let owner = owners.first().and_then(|o| person(&mut plan, o));
        if owners.len() > 1 {
            plan.unmapped.push(format!(
                "`{}`: {} owners; okr keeps the first, the others are dropped",
                short(&title),
                owners.len()
            ));
        }
        let teams = list(r, &["Teams", "Team"]);
        let team = teams.first().and_then(|t| {
            let tid = id(t)?;
            team_key.get(&tid).cloned().or_else(|| {
                let n = team_name
                    .get(&tid)
                    .cloned()
                    .or_else(|| text(t, &["Name"], 200))
                    .unwrap_or(tid);
                Some(plan.team(&n, None))
            })
        });
        if teams.len() > 1 {
            plan.unmapped.push(format!(
                "`{}`: shared by {} teams; okr files it under the first",
                short(&title),
                teams.len()
            ));
        }
        let period = get(r, &["Time Period", "TimePeriod", "Period"]);
        let cycle = period
            .and_then(|p| id(p).or_else(|| text(p, &["Name"], 200)))
            .and_then(|p| {
                cycle_of
                    .get(&p)
                    .cloned()
                    .or_else(|| super::numbers::parse_cycle(&p))
            });
        let parents = parents_of(r);
        let weights: Vec<String> = list(r, &["Alignment", "Alignments"])
            .into_iter()
            .filter_map(|a| {
                Some(format!(
                    "{} ({})",
                    get(a, &["ID", "Id"]).and_then(id)?,
                    text(a, &["Weight"], 20)?
                ))
            })
            .collect();
        if parents.len() > 1 && !weights.is_empty() {
            plan.unmapped.push(format!(
                "`{}` aligns to several with weights {}; okr's `aligns` lists them without weights",
                short(&title),
                weights.join(", ")
            ));
        }
        let status = match text(r, &["Status", "State"], 40).map(|s| s.to_lowercase()) {
            Some(s) if s.contains("drop") || s.contains("cancel") || s.contains("discard") => {
                Status::Dropped
            }
            Some(s) if s.contains("draft") => Status::Draft,
            _ => Status::Agreed,
        };
        let mut objective = Objective {
            import_id: Some(format!("{SOURCE}:{rid}")),
            title,
            description: text(r, &["Description"], MAX_NOTE_CHARS),
            owner,
            status,
            ..Objective::default()
        };
        // An objective that carries its own outcome keeps it as a key result.
        if measurable(r) {
            let mut kr = key_result(r, &mut plan, &mut errors, name);
            kr.import_id = Some(format!("{SOURCE}:{rid}/outcome"));
            objective.key_results.push(kr);
        }
        plan.objectives.push(PlannedObjective {
            cycle,
            team,
            person: None,
            objective,
            aligns_to: parents.iter().map(|p| format!("{SOURCE}:{p}")).collect(),
            at: format!("{name}: objective {rid}"),
        });
        index.insert(rid, plan.objectives.len() - 1);
    }
    let mut kr_at: HashMap<String, (usize, usize)> = HashMap::new();
    for r in &okrs {
        let Some(rid) = rid(r) else { continue };
        if !is_kr[&rid] {
            continue;
        }
        let parents = parents_of(r);
        let Some(&o) = parents.iter().find_map(|p| index.get(p)) else {
            plan.unmapped.push(format!(
                "key result {rid} has no objective as its parent; left out"
            ));
            continue;
        };
        let mut kr = key_result(r, &mut plan, &mut errors, name);
        kr.import_id = Some(format!("{SOURCE}:{rid}"));
        kr.owner = list(r, &["Owner", "Owners"])
            .first()
            .and_then(|v| person(&mut plan, v));
        let krs = &mut plan.objectives[o].objective.key_results;
        krs.push(kr);
        kr_at.insert(rid, (o, krs.len() - 1));
    }

    // Check-ins of key results, replayed in date order.
    for (n, c) in all("checkins").into_iter().enumerate() {
        let at = format!("{name}: check-in {}", n + 1);
        let Some(okr_id) =
            get(c, &["OKR ID", "OkrId", "Objective ID", "Key Result ID"]).and_then(id)
        else {
            errors.push(format!("{at} names no OKR ID"));
            continue;
        };
        let Some(&(objective, key_result)) = kr_at.get(&okr_id) else {
            plan.unmapped.push(format!(
                "{at} is of {okr_id}, which is no key result of the export; left out"
            ));
            continue;
        };
        let date = match text(
            c,
            &["CheckIn Date", "Check In Date", "CheckInDate", "Date"],
            60,
        )
        .map(|d| parse_date(&d))
        {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                errors.push(format!("{at}: {e}"));
                continue;
            }
            None => {
                errors.push(format!("{at} has no CheckIn Date"));
                continue;
            }
        };
        let milestone = plan.objectives[objective].objective.key_results[key_result]
            .done
            .is_some();
        let value = match number(c, &["Current Value", "CurrentValue", "Value"]) {
            Some(Ok((x, unit))) if milestone => {
                CheckinValue::Done(if unit.as_deref() == Some("%") {
                    x >= 100.0
                } else {
                    x >= 1.0
                })
            }
            Some(Ok((x, _))) => CheckinValue::Number(x),
            Some(Err(e)) => {
                errors.push(format!("{at}: Current Value {e}"));
                continue;
            }
            None => {
                plan.unmapped
                    .push(format!("{at} has no Current Value; left out"));
                continue;
            }
        };
        let author = get(
            c,
            &["Check In Owner", "CheckIn Owner", "CheckInOwner", "Owner"],
        )
        .and_then(|v| person(&mut plan, v));
        let confidence = text(c, &["Confidence"], 20).and_then(|t| parse_fraction(&t).ok());
        plan.checkins.push(PlannedCheckin {
            target: CheckinTarget::Planned {
                objective,
                key_result,
            },
            date,
            author,
            value,
            confidence,
            note: text(
                c,
                &["Check In Note", "CheckIn Note", "Note", "Comment"],
                MAX_NOTE_CHARS,
            ),
            at,
        });
    }
    // A key result stands where its last check-in left it.
    let mut last: HashMap<(usize, usize), (crate::model::Date, CheckinValue)> = HashMap::new();
    for c in &plan.checkins {
        if let CheckinTarget::Planned {
            objective,
            key_result,
        } = c.target
            && last
                .get(&(objective, key_result))
                .is_none_or(|(d, _)| c.date >= *d)
        {
            last.insert((objective, key_result), (c.date, c.value));
        }
    }
    for ((o, k), (_, value)) in last {
        let kr = &mut plan.objectives[o].objective.key_results[k];
        match value {
            CheckinValue::Number(x) if kr.done.is_none() => kr.current = Some(x),
            CheckinValue::Done(d) if kr.done.is_some() => kr.done = Some(d),
            _ => {}
        }
    }
    errors.finish(plan)
}

/// The key result of a record's outcome: its kind from the target type.
fn key_result(r: &Value, plan: &mut Plan, errors: &mut Errors, name: &str) -> KeyResult {
    let title = text(r, &["Title", "Name"], MAX_TITLE_CHARS).unwrap_or_default();
    let outcome = get(r, &["Outcome", "Metric"])
        .cloned()
        .unwrap_or(Value::Null);
    let mut num = |keys: &[&str], what: &str| match number(&outcome, keys) {
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            errors.push(format!("{name}: `{}` {what}: {e}", short(&title)));
            None
        }
        None => None,
    };
    let start = num(&["Start", "Start Value", "Baseline"], "Start");
    let target = num(&["Target", "Target Value"], "Target");
    let current = match number(r, &["Current Value", "CurrentValue", "Current"])
        .or_else(|| number(&outcome, &["Current", "Current Value"]))
    {
        Some(Ok(v)) => Some(v),
        Some(Err(e)) => {
            errors.push(format!("{name}: `{}` Current Value: {e}", short(&title)));
            None
        }
        None => None,
    };
    let unit = text(&outcome, &["Metric Unit", "Unit"], 40).or_else(|| {
        [&start, &target, &current]
            .iter()
            .find_map(|v| v.as_ref().and_then(|(_, u)| u.clone()))
    });
    let score = text(r, &["Score", "Progress"], 20).and_then(|s| parse_fraction(&s).ok());
    let kind = text(&outcome, &["Target Type", "Type", "Kind"], 40)
        .unwrap_or_default()
        .to_lowercase();
    let value = |v: &Option<(f64, Option<String>)>| v.as_ref().map(|(x, _)| *x);
    let mut kr = KeyResult {
        title: title.clone(),
        unit,
        ..KeyResult::default()
    };
    if kind.contains("milestone") || kind.contains("baseline") || kind.contains("complete") {
        kr.unit = None;
        kr.done = Some(
            score.is_some_and(|s| s >= 1.0)
                || matches!((value(&current), value(&target)), (Some(c), Some(t)) if c >= t),
        );
    } else if kind.contains("above")
        || kind.contains("at least")
        || kind.contains("maintain") && !kind.contains("below")
    {
        kr.keep_above = value(&target);
        kr.current = value(&current).or(value(&start));
    } else if kind.contains("below") || kind.contains("at most") {
        kr.keep_below = value(&target);
        kr.current = value(&current).or(value(&start));
    } else {
        if !kind.is_empty() && !kind.contains("increase") && !kind.contains("decrease") {
            plan.unmapped.push(format!(
                "`{}`: target type `{kind}` read as a number to move",
                short(&title)
            ));
        }
        kr.start = value(&start).or(Some(0.0));
        kr.target = value(&target);
        kr.current = value(&current).or(kr.start);
    }
    kr
}

/// The standard cycle id whose period is exactly `start`..`end`.
fn standard_id(start: crate::model::Date, end: crate::model::Date) -> Option<String> {
    use chrono::Datelike;
    let y = start.year();
    let candidates = [
        format!("{y}-Q{}", start.month0() / 3 + 1),
        format!("{y}-H{}", start.month0() / 6 + 1),
        format!("{y}"),
        format!("{y}-{:02}", start.month()),
    ];
    candidates
        .into_iter()
        .find(|id| Cycle::standard(id).is_some_and(|p| p.start == start && p.end == end))
}
