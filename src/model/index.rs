//! The organisation indexed for the rules and the views: teams, people and
//! objectives by id, cycles by name, the team tree, and the day they run on.
//! Built from the loaded model; reads nothing, decides nothing.

use std::collections::{HashMap, HashSet};

use super::{Cycle, CycleError, Date, Objective, OkrFile, Org, Period, Team};

/// Who an OKR file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit<'a> {
    Team(&'a str),
    Person(&'a str),
}

/// An objective with the file it stands in.
#[derive(Debug, Clone, Copy)]
pub struct ObjectiveAt<'a> {
    pub path: &'a str,
    pub file: &'a OkrFile,
    pub index: usize,
    pub objective: &'a Objective,
}

impl<'a> ObjectiveAt<'a> {
    pub fn unit(&self) -> Option<Unit<'a>> {
        match (&self.file.team, &self.file.person) {
            (Some(t), _) => Some(Unit::Team(t)),
            (None, Some(p)) => Some(Unit::Person(p)),
            _ => None,
        }
    }

    pub fn cycle_id(&self) -> Option<&'a str> {
        self.file.cycle.as_deref()
    }
}

/// The organisation indexed for the rules and the views, and the day they run on.
pub struct Context<'a> {
    pub org: &'a Org,
    pub today: Date,
    pub teams: HashMap<&'a str, &'a Team>,
    pub people: HashSet<&'a str>,
    /// Every objective, in file order.
    pub objectives: Vec<ObjectiveAt<'a>>,
    /// The first objective with each id.
    pub by_id: HashMap<&'a str, ObjectiveAt<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(org: &'a Org, today: Date) -> Self {
        let config = &org.config;
        let mut teams = HashMap::new();
        for t in &config.teams {
            teams.entry(t.id.as_str()).or_insert(t);
        }
        let people = config.people.iter().map(|p| p.id.as_str()).collect();
        let mut objectives = Vec::new();
        let mut by_id = HashMap::new();
        for (path, file) in org.okr_files() {
            for (index, objective) in file.objectives.iter().enumerate() {
                let at = ObjectiveAt {
                    path,
                    file,
                    index,
                    objective,
                };
                objectives.push(at);
                if !objective.id.is_empty() {
                    by_id.entry(objective.id.as_str()).or_insert(at);
                }
            }
        }
        Context {
            org,
            today,
            teams,
            people,
            objectives,
            by_id,
        }
    }

    /// The cycle an id names: declared in okr.yaml (first), else standard.
    pub fn cycle(&self, id: &str) -> Result<Cycle, CycleError> {
        if let Some(decl) = self.org.config.cycles.iter().find(|c| c.id == id) {
            let standard = Cycle::standard(id);
            let start = decl.start.or(standard.map(|p| p.start));
            let end = decl.end.or(standard.map(|p| p.end));
            return match (start, end) {
                (Some(start), Some(end)) if start <= end => Ok(Cycle {
                    id: id.to_owned(),
                    period: Period { start, end },
                }),
                _ => Err(CycleError::NoPeriod),
            };
        }
        Cycle::standard(id)
            .map(|period| Cycle {
                id: id.to_owned(),
                period,
            })
            .ok_or(CycleError::Unknown)
    }

    /// The team and its ancestors, nearest first (stops at loops and unknown parents).
    pub fn ancestors(&self, team: &'a str) -> Vec<&'a str> {
        let mut chain = Vec::new();
        let mut current = Some(team);
        while let Some(id) = current {
            if chain.contains(&id) {
                break;
            }
            let Some(t) = self.teams.get(id) else { break };
            chain.push(t.id.as_str());
            current = t.parent.as_deref();
        }
        chain
    }

    /// The teams a person belongs to (as lead or member).
    pub fn teams_of(&self, person: &str) -> Vec<&'a str> {
        self.org
            .config
            .teams
            .iter()
            .filter(|t| t.lead.as_deref() == Some(person) || t.members.iter().any(|m| m == person))
            .map(|t| t.id.as_str())
            .collect()
    }

    /// Whether the team has a parent team (is below the top).
    pub fn below_top(&self, unit: Unit<'_>) -> bool {
        match unit {
            Unit::Team(t) => self.teams.get(t).is_some_and(|t| t.parent.is_some()),
            Unit::Person(_) => true,
        }
    }
}
