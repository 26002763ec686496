//! What a reader found in its input, in the model's terms: the command
//! matches it against the repository and writes it.

use crate::model::{CycleDecl, Date, Objective, Person, Team};

/// One input turned into okr's terms.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `csv`, `xlsx`, `viva-goals` or `gitlab`: the `OKR-Imported-From:` trailer.
    pub source: String,
    /// How the input was read, for `--dry-run`: `objective ← 目标 (column A)`.
    pub mapping: Vec<String>,
    /// Teams the input names. `id` is the reader's key for the team (a slug of
    /// its name); the command matches it with okr.yaml's teams by id or name.
    pub teams: Vec<Team>,
    /// People the input names, keyed like teams; owners and authors below
    /// hold these keys.
    pub people: Vec<Person>,
    /// Cycles that are not standard ids and must be declared in okr.yaml.
    pub cycles: Vec<CycleDecl>,
    pub objectives: Vec<PlannedObjective>,
    pub checkins: Vec<PlannedCheckin>,
    /// What the input holds that okr could not map, one line each.
    pub unmapped: Vec<String>,
}

/// An objective with its key results as the input has them.
#[derive(Debug, Clone, Default)]
pub struct PlannedObjective {
    /// The cycle id; `None`: the one given with `--cycle` (or running today).
    pub cycle: Option<String>,
    /// The team's key; `None` (and no person): `--team`, else the top team.
    pub team: Option<String>,
    /// The person's key, for a personal objective.
    pub person: Option<String>,
    /// `id` may be empty (made from the title); owners are people keys;
    /// `aligns` holds okr references the input wrote as they are.
    pub objective: Objective,
    /// `import_id`s of the objectives or key results this one aligns to,
    /// resolved by the command once every id is known.
    pub aligns_to: Vec<String>,
    /// Where in the input it was found, for messages: `row 4`, `objectives.json #3`.
    pub at: String,
}

/// One value recorded on a day, to replay as a dated commit.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCheckin {
    pub target: CheckinTarget,
    pub date: Date,
    /// The author's people key; `None`: the person running the import.
    pub author: Option<String>,
    pub value: CheckinValue,
    pub confidence: Option<f64>,
    pub note: Option<String>,
    pub at: String,
}

/// Which key result a check-in is of.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckinTarget {
    /// A key result of the plan: indexes into `objectives` and its `key_results`.
    Planned { objective: usize, key_result: usize },
    /// A key result named by `objective-id/kr-id`.
    Ref(String),
    /// A key result named by its objective's title and its own.
    Titles {
        objective: String,
        key_result: String,
    },
}

/// The value a check-in sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CheckinValue {
    Number(f64),
    Done(bool),
}

impl Plan {
    pub fn new(source: &str) -> Plan {
        Plan {
            source: source.to_owned(),
            ..Plan::default()
        }
    }

    /// The key of a person, adding them when new: matched by email, then by name.
    pub fn person(&mut self, name: Option<&str>, email: Option<&str>) -> String {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let email = email.map(str::trim).filter(|e| !e.is_empty());
        if let Some(p) = self.people.iter().find(|p| {
            (email.is_some()
                && p.email.as_deref().map(str::to_lowercase) == email.map(str::to_lowercase))
                || (name.is_some() && p.name.as_deref() == name)
                || (email.is_none() && name.is_some() && name == Some(p.id.as_str()))
        }) {
            return p.id.clone();
        }
        let base = super::ids::person(name, email);
        let mut taken = self.people.iter().map(|p| p.id.clone()).collect();
        let id = super::ids::unique(&base, &mut taken);
        self.people.push(Person {
            id: id.clone(),
            name: name.map(str::to_owned),
            email: email.map(str::to_owned),
        });
        id
    }

    /// The key of a person the input names by a handle (a GitLab username):
    /// the handle is their id unless okr.yaml knows them by name or email.
    pub fn person_keyed(&mut self, key: &str, name: Option<&str>, email: Option<&str>) -> String {
        if let Some(p) = self.people.iter().find(|p| p.id == key) {
            return p.id.clone();
        }
        let id = super::ids::person(Some(key), None);
        self.people.push(Person {
            id: id.clone(),
            name: name.map(str::to_owned).filter(|n| !n.is_empty()),
            email: email.map(str::to_owned),
        });
        id
    }

    /// The key of a team, adding it when new.
    pub fn team(&mut self, name: &str, parent: Option<String>) -> String {
        let name = name.trim();
        if let Some(t) = self
            .teams
            .iter()
            .find(|t| t.id == name || t.name.as_deref() == Some(name))
        {
            return t.id.clone();
        }
        let mut taken = self.teams.iter().map(|t| t.id.clone()).collect();
        let base = super::ids::from_title(name, "t");
        let id = super::ids::unique(&base, &mut taken);
        self.teams.push(Team {
            id: id.clone(),
            name: (name != id).then(|| name.to_owned()),
            parent,
            lead: None,
            members: Vec::new(),
        });
        id
    }
}
