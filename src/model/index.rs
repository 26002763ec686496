//! The organisation indexed for the rules and the views: teams, people and
//! objectives by id, cycles by name, the team tree, and the day they run on.
//! Built from the loaded model; reads nothing, decides nothing.
//!
//! Every lookup a view makes in a loop over objectives or teams is a hash
//! lookup here: the members of each cycle, the objectives aligned to each
//! reference, key results by reference, the teams below each team and those
//! of each person.

use std::collections::{HashMap, HashSet};

use super::{
    Cycle, CycleError, Date, KeyResult, Objective, OkrFile, Org, Period, Person, Status, Team,
};

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
    /// The lookups of the views.
    lookups: Lookups<'a>,
}

/// Hash lookups over the organisation, for views that would otherwise search
/// a list inside a loop.
struct Lookups<'a> {
    /// Positions in `objectives` of each cycle's objectives, in file order.
    by_cycle: HashMap<&'a str, Vec<usize>>,
    /// Positions in `objectives` of the objectives whose `aligns` names each
    /// reference (`objective` or `objective/kr`), in file order, each once.
    aligned_to: HashMap<&'a str, Vec<usize>>,
    /// The teams whose `parent` is each team id, in okr.yaml's order.
    children: HashMap<&'a str, Vec<&'a str>>,
    /// The teams each person leads or is a member of, in okr.yaml's order.
    teams_of: HashMap<&'a str, Vec<&'a str>>,
    /// The first person declared with each id.
    people: HashMap<&'a str, &'a Person>,
}

impl<'a> Lookups<'a> {
    fn new(org: &'a Org, objectives: &[ObjectiveAt<'a>]) -> Self {
        let mut by_cycle: HashMap<&'a str, Vec<usize>> = HashMap::new();
        let mut aligned_to: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, at) in objectives.iter().enumerate() {
            if let Some(c) = at.cycle_id() {
                by_cycle.entry(c).or_default().push(i);
            }
            for r in &at.objective.aligns {
                let list = aligned_to.entry(r.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let config = &org.config;
        let mut children: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
        let mut teams_of: HashMap<&'a str, Vec<&'a str>> = HashMap::new();
        for t in &config.teams {
            if let Some(p) = &t.parent {
                children.entry(p.as_str()).or_default().push(t.id.as_str());
            }
            let mut people: Vec<&'a str> = t.lead.iter().map(String::as_str).collect();
            people.extend(t.members.iter().map(String::as_str));
            let mut seen = HashSet::new();
            for p in people {
                if seen.insert(p) {
                    teams_of.entry(p).or_default().push(t.id.as_str());
                }
            }
        }
        let mut people = HashMap::new();
        for p in &config.people {
            people.entry(p.id.as_str()).or_insert(p);
        }
        Lookups {
            by_cycle,
            aligned_to,
            children,
            teams_of,
            people,
        }
    }
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
            lookups: Lookups::new(org, &objectives),
            objectives,
            by_id,
        }
    }

    fn lookups(&self) -> &Lookups<'a> {
        &self.lookups
    }

    /// The objectives of a cycle, in file order.
    pub fn cycle_members(&self, cycle: &str) -> impl Iterator<Item = &ObjectiveAt<'a>> + '_ {
        let positions = self.lookups().by_cycle.get(cycle);
        positions
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.objectives[i])
    }

    /// The objectives whose `aligns` names `reference` (an objective id or
    /// `objective/kr`) as written, in file order, each once.
    pub fn aligned_to(&self, reference: &str) -> impl Iterator<Item = &ObjectiveAt<'a>> + '_ {
        let positions = self.lookups().aligned_to.get(reference);
        positions
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.objectives[i])
    }

    /// The key result `kr` of the objective `objective` (the first with each id).
    pub fn key_result(&self, objective: &str, kr: &str) -> Option<&'a KeyResult> {
        // An objective has a few key results: looking among them is no search
        // over the organisation, and a map of them all would cost as much
        // memory as the key results themselves.
        let at = self.by_id.get(objective)?;
        at.objective.key_results.iter().find(|k| k.id == kr)
    }

    /// The teams whose `parent` is `team`, in okr.yaml's order.
    pub fn children(&self, team: &str) -> &[&'a str] {
        self.lookups().children.get(team).map_or(&[], Vec::as_slice)
    }

    /// The first person declared with the id.
    pub fn person(&self, id: &str) -> Option<&'a Person> {
        self.lookups().people.get(id).copied()
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

    /// The objectives whose cycle has ended by today, with that cycle, in
    /// file order; dropped objectives are left out (they are not reviewed).
    pub fn ended_objectives(&self) -> impl Iterator<Item = (&ObjectiveAt<'a>, Cycle)> + '_ {
        self.objectives.iter().filter_map(|at| {
            let cycle = self.cycle(at.cycle_id()?).ok()?;
            (self.today > cycle.period.end && at.objective.status != Status::Dropped)
                .then_some((at, cycle))
        })
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
        self.lookups()
            .teams_of
            .get(person)
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the team has a parent team (is below the top).
    pub fn below_top(&self, unit: Unit<'_>) -> bool {
        match unit {
            Unit::Team(t) => self.teams.get(t).is_some_and(|t| t.parent.is_some()),
            Unit::Person(_) => true,
        }
    }
}
