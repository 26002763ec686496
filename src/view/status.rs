//! The objectives of a cycle with their key results, scores, expected progress
//! and health. Plain data from the index; no I/O.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::align::{self, Problem};

use crate::model::{Context, Cycle, Date, KeyResult, Objective, ObjectiveAt, Status};
use crate::score::{self, Health};

/// Which objectives to show.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub team: Option<String>,
    pub owner: Option<String>,
    pub person: Option<String>,
}

impl Filter {
    fn keeps(&self, at: &ObjectiveAt<'_>) -> bool {
        let o = at.objective;
        self.team
            .as_ref()
            .is_none_or(|t| at.file.team.as_ref() == Some(t))
            && self
                .person
                .as_ref()
                .is_none_or(|p| at.file.person.as_ref() == Some(p))
            && self.owner.as_ref().is_none_or(|p| {
                o.owner.as_ref() == Some(p)
                    || o.key_results.iter().any(|kr| kr.owner.as_ref() == Some(p))
            })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub today: String,
    pub cycle: String,
    pub start: String,
    pub end: String,
    #[serde(serialize_with = "crate::score::json")]
    pub expected: f64,
    pub objectives: Vec<ObjectiveView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    pub id: String,
    pub team: Option<String>,
    pub person: Option<String>,
    pub cycle: String,
    pub title: String,
    pub owner: Option<String>,
    pub status: Status,
    pub kind: crate::model::ObjectiveKind,
    pub aligns: Vec<String>,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    #[serde(serialize_with = "crate::score::json")]
    pub expected: f64,
    pub health: Option<Health>,
    pub key_results: Vec<KeyResultView>,
    #[serde(skip)]
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyResultView {
    pub id: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub owner: Option<String>,
    pub start: Option<f64>,
    pub target: Option<f64>,
    pub current: Option<f64>,
    pub unit: Option<String>,
    pub done: Option<bool>,
    pub due: Option<String>,
    pub keep_above: Option<f64>,
    pub keep_below: Option<f64>,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    pub confidence: Option<f64>,
    pub weight: f64,
    /// A milestone not done whose `due` day has passed.
    pub overdue: bool,
}

impl KeyResultView {
    pub fn new(objective: &Objective, kr: &KeyResult, today: Date) -> Self {
        KeyResultView {
            id: kr.id.clone(),
            reference: format!("{}/{}", objective.id, kr.id),
            title: kr.title.clone(),
            owner: kr.owner.clone().or_else(|| objective.owner.clone()),
            start: kr.start,
            target: kr.target,
            current: kr.current,
            unit: kr.unit.clone(),
            done: kr.done,
            due: kr.due.map(super::date_string),
            keep_above: kr.keep_above,
            keep_below: kr.keep_below,
            score: score::key_result(kr),
            confidence: kr.confidence,
            weight: kr.weight.unwrap_or(1.0),
            overdue: score::overdue(kr, today),
        }
    }
}

impl ObjectiveView {
    pub fn new(at: &ObjectiveAt<'_>, cycle: Option<&Cycle>, today: Date) -> Self {
        let o = at.objective;
        let score = score::objective(o);
        let expected = cycle.map_or(0.0, |c| c.expected(today));
        let health = match (score, cycle) {
            (Some(s), Some(c)) if o.status != Status::Dropped => Some(score::health(s, c, today)),
            (None, Some(c)) if today < c.period.start => Some(Health::Planned),
            _ => None,
        };
        ObjectiveView {
            id: o.id.clone(),
            team: at.file.team.clone(),
            person: at.file.person.clone(),
            cycle: at.file.cycle.clone().unwrap_or_default(),
            title: o.title.clone(),
            owner: o.owner.clone(),
            status: o.status,
            kind: o.kind,
            aligns: o.aligns.clone(),
            score,
            expected,
            health,
            key_results: o
                .key_results
                .iter()
                .map(|kr| KeyResultView::new(o, kr, today))
                .collect(),
            file: at.path.to_owned(),
        }
    }
}

/// The objectives of `cycle` that pass `filter`, in file order.
pub fn status(cx: &Context<'_>, cycle: &Cycle, filter: &Filter) -> StatusView {
    let objectives = cx
        .cycle_members(&cycle.id)
        .filter(|at| filter.keeps(at))
        .map(|at| ObjectiveView::new(at, Some(cycle), cx.today))
        .collect();
    StatusView {
        today: super::date_string(cx.today),
        cycle: cycle.id.clone(),
        start: super::date_string(cycle.period.start),
        end: super::date_string(cycle.period.end),
        expected: cycle.expected(cx.today),
        objectives,
    }
}

/// One row of `okr status --by team` (or `--by owner`).
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// `"team": id` (`@person` for personal OKRs), or `"owner": person`.
    #[serde(flatten)]
    pub key: GroupKey,
    pub objectives: usize,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    pub health: Option<Health>,
    pub last_checkin: Option<String>,
    /// A team whose `parent` is no team, or that sits on a loop of parents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
    /// Depth in the team tree, for indentation.
    #[serde(skip)]
    pub depth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKey {
    Team(String),
    Owner(String),
}

impl GroupKey {
    pub fn name(&self) -> &str {
        match self {
            GroupKey::Team(s) | GroupKey::Owner(s) => s,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub today: String,
    pub cycle: String,
    pub teams: Vec<GroupRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Team,
    Owner,
}

/// Live objectives of the view rolled up per team (in team-tree order) or per owner.
///
/// `last_checkins` maps `objective/kr` to the day of its last check-in (from git).
pub fn by_group(
    cx: &Context<'_>,
    view: &StatusView,
    cycle: &Cycle,
    by: GroupBy,
    last_checkins: &std::collections::HashMap<String, crate::model::Date>,
) -> GroupView {
    let live: Vec<&ObjectiveView> = view
        .objectives
        .iter()
        .filter(|o| o.status != Status::Dropped)
        .collect();
    // The group an objective belongs to: its team (`@person` for personal OKRs) or owner.
    let group_of = |o: &ObjectiveView| -> Option<String> {
        match by {
            GroupBy::Team => o
                .team
                .clone()
                .or_else(|| o.person.as_ref().map(|p| format!("@{p}"))),
            GroupBy::Owner => o.owner.clone(),
        }
    };
    // Each objective's group, once; then the members of each group by index.
    let groups: Vec<Option<String>> = live.iter().map(|o| group_of(o)).collect();
    let mut members_of: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if let Some(g) = g {
            members_of.entry(g.as_str()).or_default().push(i);
        }
    }
    let problems = team_problems(cx);
    let mut keys: Vec<(String, usize)> = Vec::new();
    match by {
        GroupBy::Team => {
            let teams_with_objectives: std::collections::HashSet<&str> =
                live.iter().filter_map(|o| o.team.as_deref()).collect();
            for (team, depth) in team_order(cx) {
                if teams_with_objectives.contains(team) {
                    keys.push((team.to_owned(), depth));
                }
            }
            let mut listed: std::collections::HashSet<String> =
                keys.iter().map(|(k, _)| k.clone()).collect();
            for key in groups.iter().flatten() {
                if listed.insert(key.clone()) {
                    keys.push((key.clone(), 0));
                }
            }
        }
        GroupBy::Owner => {
            let mut owners: Vec<String> = members_of.keys().map(|k| (*k).to_owned()).collect();
            owners.sort();
            keys = owners.into_iter().map(|o| (o, 0)).collect();
        }
    }
    let teams = keys
        .into_iter()
        .map(|(key, depth)| {
            let problem = match by {
                GroupBy::Team => problems.get(key.as_str()).cloned(),
                GroupBy::Owner => None,
            };
            let members: Vec<&ObjectiveView> = members_of
                .get(key.as_str())
                .map(|ix| ix.iter().map(|&i| live[i]).collect())
                .unwrap_or_default();
            let score = score::mean(members.iter().filter_map(|o| o.score));
            GroupRow {
                key: match by {
                    GroupBy::Team => GroupKey::Team(key),
                    GroupBy::Owner => GroupKey::Owner(key),
                },
                objectives: members.len(),
                score,
                health: score.map(|s| score::health(s, cycle, cx.today)),
                last_checkin: members
                    .iter()
                    .flat_map(|o| &o.key_results)
                    .filter_map(|k| last_checkins.get(&k.reference))
                    .max()
                    .map(|d| super::date_string(*d)),
                problem,
                depth,
            }
        })
        .collect();
    GroupView {
        today: view.today.clone(),
        cycle: view.cycle.clone(),
        teams,
    }
}

/// Teams depth-first from the top team(s), in the order okr.yaml declares
/// them. A team whose `parent` is no team is a top team; a loop of teams that
/// are each other's parents starts at its team declared first, so that the
/// teams below it keep their place.
pub fn team_order<'a>(cx: &Context<'a>) -> Vec<(&'a str, usize)> {
    let teams = &cx.org.config.teams;
    let loops = team_loops(cx);
    let mut out = Vec::new();
    let mut listed: HashSet<&'a str> = HashSet::new();
    // Depth first, each team once, without recursion (a chain of teams may be long).
    let mut visit = |id: &'a str, out: &mut Vec<(&'a str, usize)>| {
        let mut stack = vec![(id, 0)];
        while let Some((id, depth)) = stack.pop() {
            if !listed.insert(id) {
                continue;
            }
            out.push((id, depth));
            stack.extend(cx.children(id).iter().rev().map(|&c| (c, depth + 1)));
        }
    };
    for top in teams.iter().filter(|t| {
        t.parent
            .as_ref()
            .is_none_or(|p| !cx.teams.contains_key(p.as_str()))
    }) {
        visit(&top.id, &mut out);
    }
    for t in teams.iter().filter(|t| loops.contains_key(t.id.as_str())) {
        visit(&t.id, &mut out);
    }
    for t in teams {
        if listed.insert(&t.id) {
            out.push((&t.id, 0));
        }
    }
    out
}

/// For every team on a loop of parents, the shortest such loop.
fn team_loops<'a>(cx: &Context<'a>) -> HashMap<&'a str, Vec<&'a str>> {
    let ids: Vec<&'a str> = cx.org.config.teams.iter().map(|t| t.id.as_str()).collect();
    align::loops(&ids, |id| {
        cx.teams
            .get(id)
            .and_then(|t| t.parent.as_deref())
            .and_then(|p| cx.teams.get_key_value(p).map(|(k, _)| *k))
            .into_iter()
            .collect()
    })
}

/// The teams whose `parent` names no team, or that sit on a loop of parents.
pub fn team_problems<'a>(cx: &Context<'a>) -> HashMap<&'a str, Problem> {
    let mut out: HashMap<&'a str, Problem> = team_loops(cx)
        .into_iter()
        .map(|(id, path)| {
            let path = path.into_iter().map(str::to_owned).collect();
            (id, Problem::Loop { path })
        })
        .collect();
    for t in &cx.org.config.teams {
        if let Some(parent) = &t.parent
            && !cx.teams.contains_key(parent.as_str())
        {
            out.entry(t.id.as_str()).or_insert(Problem::NotFound {
                reference: parent.clone(),
            });
        }
    }
    out
}
