//! Typed model from the YAML tree, with a finding for every field that does not fit.
//!
//! Decoding never stops at the first problem: each field that is missing, of the
//! wrong type or unknown becomes a `schema` finding with its field path, and the
//! rest of the file is still read. Reads rule ids from the model, never from
//! the rules.

use std::collections::BTreeMap;

use super::yaml::{Node, Value};
use crate::finding::{Finding, Route};
use crate::model::{
    Config, CycleDecl, Date, Initiative, InitiativeState, Interval, KeyResult, KrSource, Level,
    MAX_REF_CHARS, MAX_STALE_AFTER_DAYS, Objective, ObjectiveKind, OkrFile, Origin, Person, Preset,
    Review, RuleId, RulesConfig, SourceDecl, SourceKind, Status, SyncConfig, Team, did_you_mean,
    parse_date,
};

mod config;

/// Collects findings while a file is decoded.
pub struct Decoder<'f> {
    file: &'f str,
    pub findings: Vec<Finding>,
}

/// Reads the entries of one mapping and remembers which keys were asked for.
struct MapReader<'n> {
    entries: &'n [(Node, Node)],
    route: Route,
    used: Vec<bool>,
    known: Vec<&'static str>,
}

impl<'n> MapReader<'n> {
    /// The value of `key` (null counts as absent).
    fn get(&mut self, key: &'static str) -> Option<&'n Node> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        let i = self
            .entries
            .iter()
            .position(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))?;
        self.used[i] = true;
        let value = &self.entries[i].1;
        if value.value == Value::Null {
            return None;
        }
        Some(value)
    }

    /// The route of `key` in this mapping, built only when a finding needs it.
    fn at(&self, key: &str) -> Route {
        self.route.clone().key(key)
    }
}

impl<'f> Decoder<'f> {
    pub fn new(file: &'f str) -> Self {
        Decoder {
            file,
            findings: Vec::new(),
        }
    }

    fn report(&mut self, rule: &'static str, route: Route, message: String) {
        self.findings
            .push(Finding::at(rule, self.file, route, message));
    }

    fn wrong_type(&mut self, node: &Node, route: Route, expected: &str) {
        let found = match &node.value {
            Value::Str(s) => format!("the string \"{}\"", shorten(s)),
            other => other.kind().to_owned(),
        };
        self.report(
            "schema",
            route.clone(),
            format!("`{route}` should be {expected}, but is {found}"),
        );
    }

    fn map<'n>(&mut self, node: &'n Node, route: Route) -> Option<MapReader<'n>> {
        match &node.value {
            Value::Map(entries) => Some(MapReader {
                entries,
                used: vec![false; entries.len()],
                route,
                known: Vec::new(),
            }),
            _ => {
                let what = if route.segments.is_empty() {
                    "the file".to_owned()
                } else {
                    format!("`{route}`")
                };
                let found = node.value.kind();
                self.report(
                    "schema",
                    route,
                    format!("{what} should be a mapping of `key: value` lines, but is {found}"),
                );
                None
            }
        }
    }

    /// Reports every key of the mapping that was not asked for, with a suggestion.
    fn finish(&mut self, map: MapReader<'_>) {
        for (i, (key, _)) in map.entries.iter().enumerate() {
            if map.used[i] {
                continue;
            }
            let name = key.scalar_text().unwrap_or_default().into_owned();
            let route = map.route.clone().key(&name).the_key();
            let place = if map.route.segments.is_empty() {
                String::new()
            } else {
                format!(" in `{}`", map.route)
            };
            let hint = match did_you_mean(&name, map.known.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("known keys: {}", map.known.join(", ")),
            };
            self.report(
                "schema",
                route,
                format!("unknown key `{name}`{place}; {hint}"),
            );
        }
    }

    fn missing(&mut self, map: &MapReader<'_>, key: &str) {
        let place = if map.route.segments.is_empty() {
            "the file".to_owned()
        } else {
            format!("`{}`", map.route)
        };
        self.report(
            "schema",
            map.route.clone(),
            format!("{place} has no `{key}`; add `{key}:`"),
        );
    }

    fn string(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Option<String> {
        let node = map.get(key)?;
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_type(node, map.at(key), "a string");
                None
            }
        }
    }

    fn required_string(&mut self, map: &mut MapReader<'_>, key: &'static str) -> String {
        self.required(map, key, Self::string)
    }

    /// A required id (see [`Self::reference`]).
    fn required_ref(&mut self, map: &mut MapReader<'_>, key: &'static str) -> String {
        self.required(map, key, Self::reference)
    }

    fn required(
        &mut self,
        map: &mut MapReader<'_>,
        key: &'static str,
        read: fn(&mut Self, &mut MapReader<'_>, &'static str) -> Option<String>,
    ) -> String {
        let present = map
            .entries
            .iter()
            .any(|(k, v)| matches!(&k.value, Value::Str(s) if s == key) && v.value != Value::Null);
        let value = read(self, map, key);
        if !present {
            self.missing(map, key);
        }
        value.unwrap_or_default()
    }

    /// A string that names something: an id, an owner, a team, a reference.
    /// Longer than [`MAX_REF_CHARS`] it is a finding and left out, so that no
    /// rule compares or prints it.
    fn reference(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Option<String> {
        let s = self.string(map, key)?;
        self.capped(s, || map.at(key))
    }

    /// `s` when it is short enough for an id or reference, else a finding at `route`.
    fn capped(&mut self, s: String, route: impl FnOnce() -> Route) -> Option<String> {
        if s.len() <= MAX_REF_CHARS || s.chars().count() <= MAX_REF_CHARS {
            return Some(s);
        }
        let route = route();
        self.report(
            "schema",
            route.clone(),
            format!(
                "`{route}` is {} characters long (\"{}\"); ids and references are at most {MAX_REF_CHARS}",
                s.chars().count(),
                shorten(&s)
            ),
        );
        None
    }

    /// An id that may be written as a number (`cycle: 2026`).
    fn id(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Option<String> {
        let node = map.get(key)?;
        match &node.value {
            Value::Str(s) => {
                let s = s.clone();
                self.capped(s, || map.at(key))
            }
            Value::Int(i) => Some(i.to_string()),
            _ => {
                self.wrong_type(node, map.at(key), "an id");
                None
            }
        }
    }

    fn number(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Option<f64> {
        self.number_as(map, key, "schema")
    }

    /// A number; a value of another type is a finding of `rule`.
    fn number_as(
        &mut self,
        map: &mut MapReader<'_>,
        key: &'static str,
        rule: &'static str,
    ) -> Option<f64> {
        let node = map.get(key)?;
        match node.value {
            Value::Int(i) => return Some(i as f64),
            Value::Float(f) if f.is_finite() => return Some(f),
            _ => {}
        }
        let route = map.at(key);
        match node.value {
            Value::Float(_) => {
                self.report(
                    rule,
                    route.clone(),
                    format!("`{route}` is not a finite number; write a number such as 42 or 0.5"),
                );
                None
            }
            _ if rule == "schema" => {
                self.wrong_type(node, route, "a number");
                None
            }
            _ => {
                let found = match &node.value {
                    Value::Str(s) => format!("\"{}\"", shorten(s)),
                    other => other.kind().to_owned(),
                };
                self.report(
                    rule,
                    route.clone(),
                    format!(
                        "`{route}` is {found}, not a number; write the value as a number (no unit)"
                    ),
                );
                None
            }
        }
    }

    fn bool(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Option<bool> {
        let node = map.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, map.at(key), "true or false");
                None
            }
        }
    }

    fn date(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Option<Date> {
        let node = map.get(key)?;
        let route = || map.at(key);
        match &node.value {
            Value::Str(s) => match parse_date(s) {
                Ok(d) => Some(d),
                Err(why) => {
                    let route = route();
                    self.report(
                        "schema",
                        route.clone(),
                        format!("`{route}` is \"{}\", {why}", shorten(s)),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(node, route(), "a date written YYYY-MM-DD");
                None
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        map: &mut MapReader<'_>,
        key: &'static str,
        choices: &[(&'static str, T)],
    ) -> Option<T> {
        let node = map.get(key)?;
        if let Value::Str(s) = &node.value
            && let Some((_, v)) = choices.iter().find(|(n, _)| n == s)
        {
            return Some(*v);
        }
        let route = map.at(key);
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        if let Value::Str(s) = &node.value {
            let hint = match did_you_mean(s, names.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("use one of: {}", names.join(", ")),
            };
            self.report(
                "schema",
                route.clone(),
                format!(
                    "`{route}` is \"{}\", which is not allowed; {hint}",
                    shorten(s)
                ),
            );
            return None;
        }
        self.wrong_type(node, route, &format!("one of {}", names.join(", ")));
        None
    }

    /// The items of a list; a missing list is empty.
    fn list<'n>(&mut self, map: &mut MapReader<'n>, key: &'static str) -> Vec<(&'n Node, Route)> {
        let Some(node) = map.get(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => {
                let route = map.at(key);
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n, route.clone().index(i)))
                    .collect()
            }
            _ => {
                self.wrong_type(node, map.at(key), "a list");
                Vec::new()
            }
        }
    }

    fn strings(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Vec<String> {
        let items = self.list(map, key);
        let mut out = Vec::with_capacity(items.len());
        for (node, route) in items {
            match &node.value {
                Value::Str(s) => out.push(s.clone()),
                _ => self.wrong_type(node, route, "a string"),
            }
        }
        out
    }

    /// References, each at most [`MAX_REF_CHARS`] long.
    fn references(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Vec<String> {
        let items = self.list(map, key);
        let mut out = Vec::with_capacity(items.len());
        for (node, route) in items {
            match &node.value {
                Value::Str(s) => out.extend(self.capped(s.clone(), || route)),
                _ => self.wrong_type(node, route, "a string"),
            }
        }
        out
    }

    /// One reference or a list of references.
    fn one_or_many(&mut self, map: &mut MapReader<'_>, key: &'static str) -> Vec<String> {
        match map
            .entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
        {
            Some((
                _,
                Node {
                    value: Value::Seq(_),
                    ..
                },
            )) => self.references(map, key),
            _ => self.reference(map, key).into_iter().collect(),
        }
    }

    // ---- OKR files ----

    pub fn okr_file(&mut self, root: &Node) -> OkrFile {
        self.okr_file_taking(root, None)
    }

    /// [`Decoder::okr_file`] of a root whose `objectives` were taken out
    /// (see [`take_objectives`]): each is decoded and then dropped, so that
    /// a large file's tree and its model are not both held whole.
    pub fn okr_file_taking(&mut self, root: &Node, taken: Option<Vec<Node>>) -> OkrFile {
        let Some(mut m) = self.map(root, Route::root()) else {
            return OkrFile::default();
        };
        let cycle = self.id(&mut m, "cycle");
        let team = self.reference(&mut m, "team");
        let person = self.reference(&mut m, "person");
        if cycle.is_none() && m.get("cycle").is_none() {
            self.missing(&m, "cycle");
        }
        match (&team, &person) {
            (None, None) => self.report(
                "schema",
                Route::root(),
                "the file names neither a `team:` nor a `person:`; add the one whose objectives these are".into(),
            ),
            (Some(_), Some(_)) => self.report(
                "schema",
                Route::root().key("person").the_key(),
                "the file names both a `team:` and a `person:`; a file holds the OKRs of one team or one person".into(),
            ),
            _ => {}
        }
        let has_objectives = m.get("objectives").is_some();
        let objectives = match taken {
            None => self
                .list(&mut m, "objectives")
                .into_iter()
                .map(|(n, r)| self.objective(n, r))
                .collect(),
            Some(items) => {
                self.list(&mut m, "objectives"); // the empty list left in their place
                let route = Route::root().key("objectives");
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, n)| self.objective(&n, route.clone().index(i)))
                    .collect()
            }
        };
        if !has_objectives {
            self.missing(&m, "objectives");
        }
        self.finish(m);
        OkrFile {
            cycle,
            team,
            person,
            objectives,
        }
    }

    fn objective(&mut self, node: &Node, route: Route) -> Objective {
        let Some(mut m) = self.map(node, route) else {
            return Objective::default();
        };
        let objective = Objective {
            id: self.required_ref(&mut m, "id"),
            import_id: self.string(&mut m, "import_id"),
            title: self.required_string(&mut m, "title"),
            description: self.string(&mut m, "description"),
            owner: self.reference(&mut m, "owner"),
            aligns: self.one_or_many(&mut m, "aligns"),
            origin: self.choice(
                &mut m,
                "origin",
                &[
                    ("bottom-up", Origin::BottomUp),
                    ("top-down", Origin::TopDown),
                ],
            ),
            status: self
                .choice(
                    &mut m,
                    "status",
                    &[
                        ("draft", Status::Draft),
                        ("agreed", Status::Agreed),
                        ("dropped", Status::Dropped),
                    ],
                )
                .unwrap_or_default(),
            kind: self
                .choice(
                    &mut m,
                    "kind",
                    &[
                        ("aspirational", ObjectiveKind::Aspirational),
                        ("committed", ObjectiveKind::Committed),
                    ],
                )
                .unwrap_or_default(),
            carried_from: self.string(&mut m, "carried_from"),
            key_results: self
                .list(&mut m, "key_results")
                .into_iter()
                .map(|(n, r)| self.key_result(n, r))
                .collect(),
            initiatives: self
                .list(&mut m, "initiatives")
                .into_iter()
                .map(|(n, r)| self.initiative(n, r))
                .collect(),
            review: m.get("review").map(|n| {
                let route = m.at("review");
                self.review(n, route)
            }),
        };
        self.finish(m);
        objective
    }

    fn key_result(&mut self, node: &Node, route: Route) -> KeyResult {
        let Some(mut m) = self.map(node, route) else {
            return KeyResult::default();
        };
        let kr = KeyResult {
            id: self.required_ref(&mut m, "id"),
            import_id: self.string(&mut m, "import_id"),
            title: self.required_string(&mut m, "title"),
            owner: self.reference(&mut m, "owner"),
            start: self.number(&mut m, "start"),
            target: self.number(&mut m, "target"),
            current: self.number_as(&mut m, "current", "range"),
            unit: self.string(&mut m, "unit"),
            done: self.bool(&mut m, "done"),
            due: self.date(&mut m, "due"),
            keep_above: self.number(&mut m, "keep_above"),
            keep_below: self.number(&mut m, "keep_below"),
            confidence: self.number(&mut m, "confidence"),
            weight: self.number(&mut m, "weight"),
            score: self.number(&mut m, "score"),
            source: m.get("source").and_then(|n| {
                let route = m.at("source");
                self.kr_source(n, route)
            }),
        };
        self.finish(m);
        kr
    }

    fn initiative(&mut self, node: &Node, route: Route) -> Initiative {
        let Some(mut m) = self.map(node, route) else {
            return Initiative::default();
        };
        let initiative = Initiative {
            title: self.required_string(&mut m, "title"),
            key_result: self.string(&mut m, "key_result"),
            owner: self.reference(&mut m, "owner"),
            state: self
                .choice(
                    &mut m,
                    "state",
                    &[
                        ("todo", InitiativeState::Todo),
                        ("doing", InitiativeState::Doing),
                        ("done", InitiativeState::Done),
                    ],
                )
                .unwrap_or_default(),
        };
        self.finish(m);
        initiative
    }

    fn review(&mut self, node: &Node, route: Route) -> Review {
        let Some(mut m) = self.map(node, route) else {
            return Review::default();
        };
        let review = Review {
            score: self.number(&mut m, "score"),
            goal: self.string(&mut m, "goal"),
            done: self.string(&mut m, "done"),
            problems: self.string(&mut m, "problems"),
            result: self.string(&mut m, "result"),
            lessons: self.string(&mut m, "lessons"),
            next: self.string(&mut m, "next"),
        };
        self.finish(m);
        review
    }

    fn kr_source(&mut self, node: &Node, route: Route) -> Option<KrSource> {
        let mut m = self.map(node, route)?;
        let source = KrSource {
            from: self.string(&mut m, "from"),
            sql: self.string(&mut m, "sql"),
            get: self.string(&mut m, "get"),
            pointer: self.string(&mut m, "pointer"),
            query: self.string(&mut m, "query"),
            search: self.string(&mut m, "search"),
            issues: self.string(&mut m, "issues"),
            project: self.string(&mut m, "project"),
            state: self.string(&mut m, "state"),
            path: self.inner_path(&mut m, "path"),
            cell: self.string(&mut m, "cell"),
            run: self.string(&mut m, "run"),
            every: self.interval(&mut m, "every"),
        };
        if source.from.is_none() && source.run.is_none() && source.path.is_none() {
            self.report(
                "schema",
                m.route.clone(),
                format!(
                    "`{}` names no source; add `from:` with a source of okr.yaml's `sources:` (or `run:` for a command, `path:` for a file)",
                    m.route
                ),
            );
        }
        self.finish(m);
        Some(source)
    }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Takes the list of objectives out of an OKR file's root (leaving an empty
/// list), for [`Decoder::okr_file_taking`]; `None` when there is no such list.
pub fn take_objectives(root: &mut Node) -> Option<Vec<Node>> {
    let Value::Map(entries) = &mut root.value else {
        return None;
    };
    entries
        .iter_mut()
        .find_map(|(k, v)| match (&k.value, &mut v.value) {
            (Value::Str(name), Value::Seq(items)) if name == "objectives" => {
                Some(std::mem::take(items))
            }
            _ => None,
        })
}
