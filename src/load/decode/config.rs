//! Decoding of okr.yaml: cycles, teams, people, paths, rules, sources and sync,
//! with the same finding-per-field discipline as the OKR files. Reads nothing.

use super::*;

impl Decoder<'_> {
    // ---- okr.yaml ----

    pub fn config(&mut self, root: &Node) -> Config {
        let Some(mut m) = self.map(root, Route::root()) else {
            return Config::default();
        };
        let config = Config {
            organization: self.string(&mut m, "organization"),
            vision: self.string(&mut m, "vision"),
            paths: self.strings(&mut m, "paths"),
            cycles: self
                .list(&mut m, "cycles")
                .into_iter()
                .filter_map(|(n, r)| self.cycle_decl(n, r))
                .collect(),
            teams: self
                .list(&mut m, "teams")
                .into_iter()
                .filter_map(|(n, r)| self.team(n, r))
                .collect(),
            people: self
                .list(&mut m, "people")
                .into_iter()
                .filter_map(|(n, r)| self.person(n, r))
                .collect(),
            rules: match m.get("rules") {
                Some(n) => {
                    let route = m.at("rules");
                    self.rules(n, route)
                }
                None => RulesConfig::default(),
            },
            sources: match m.get("sources") {
                Some(n) => {
                    let route = m.at("sources");
                    self.sources(n, route)
                }
                None => BTreeMap::new(),
            },
            sync: match m.get("sync") {
                Some(n) => {
                    let route = m.at("sync");
                    self.sync(n, route)
                }
                None => SyncConfig::default(),
            },
        };
        self.finish(m);
        config
    }

    /// A length of time such as `30s` or `1d`.
    pub(super) fn interval(
        &mut self,
        map: &mut MapReader<'_>,
        key: &'static str,
    ) -> Option<Interval> {
        let node = map.get(key)?;
        if let Value::Str(s) = &node.value
            && let Some(interval) = Interval::parse(s)
        {
            if interval.seconds <= Interval::MAX_SECONDS {
                return Some(interval);
            }
            let route = map.at(key);
            self.report(
                "schema",
                route.clone(),
                format!(
                    "`{route}` is \"{}\", longer than a year; write at most `366d` (or `52w`)",
                    shorten(s)
                ),
            );
            return None;
        }
        let route = map.at(key);
        let found = match &node.value {
            Value::Str(s) => format!("\"{}\"", shorten(s)),
            other => other.kind().to_owned(),
        };
        self.report(
            "schema",
            route.clone(),
            format!(
                "`{route}` is {found}, not a length of time; write a whole number and a unit: `30s`, `5m`, `12h`, `1d` or `2w`"
            ),
        );
        None
    }

    /// A path inside the repository: relative, without `..`.
    pub(super) fn inner_path(
        &mut self,
        map: &mut MapReader<'_>,
        key: &'static str,
    ) -> Option<String> {
        let path = self.string(map, key)?;
        if crate::model::path_stays_inside(&path) {
            return Some(path);
        }
        let route = map.at(key);
        self.report(
            "schema",
            route.clone(),
            format!(
                "`{route}` is \"{}\", which leaves the repository; write a path relative to okr.yaml, without `..` (a file elsewhere can be named in an environment variable with `url-env`)",
                shorten(&path)
            ),
        );
        None
    }

    /// `sources:`: name -> connection.
    fn sources(&mut self, node: &Node, route: Route) -> BTreeMap<String, SourceDecl> {
        let mut out = BTreeMap::new();
        let Some(mut m) = self.map(node, route) else {
            return out;
        };
        for (k, v) in m.entries {
            let Some(name) = k.scalar_text() else {
                continue;
            };
            let name = name.into_owned();
            let at = m.route.clone().key(&name);
            if !crate::model::is_source_name(&name) {
                self.report(
                    "schema",
                    at.clone().the_key(),
                    format!(
                        "source name `{}` may hold only letters, digits, `-`, `_` and `.`, and starts with a letter or digit",
                        shorten(&name)
                    ),
                );
                continue;
            }
            if let Some(decl) = self.source_decl(v, at) {
                out.insert(name, decl);
            }
        }
        m.used.iter_mut().for_each(|u| *u = true);
        self.finish(m);
        out
    }

    fn source_decl(&mut self, node: &Node, route: Route) -> Option<SourceDecl> {
        let mut m = self.map(node, route)?;
        let present = m.get("type").is_some();
        let kind = self.choice(&mut m, "type", &SourceKind::ALL);
        if !present {
            self.missing(&m, "type");
        }
        let decl = SourceDecl {
            kind: kind.unwrap_or(SourceKind::Http),
            path: self.inner_path(&mut m, "path"),
            url: self.string(&mut m, "url"),
            url_env: self.string(&mut m, "url-env"),
            base: self.string(&mut m, "base"),
            bearer_env: self.string(&mut m, "bearer-env"),
            preset: self.choice(
                &mut m,
                "preset",
                &[("github", Preset::Github), ("gitlab", Preset::Gitlab)],
            ),
            timeout: self.interval(&mut m, "timeout"),
            settle: self.interval(&mut m, "settle"),
        };
        self.finish(m);
        kind.map(|_| decl)
    }

    fn sync(&mut self, node: &Node, route: Route) -> SyncConfig {
        let Some(mut m) = self.map(node, route) else {
            return SyncConfig::default();
        };
        let sync = SyncConfig {
            allow_command: self.bool(&mut m, "allow-command").unwrap_or(false),
        };
        self.finish(m);
        sync
    }

    fn cycle_decl(&mut self, node: &Node, route: Route) -> Option<CycleDecl> {
        let mut m = self.map(node, route)?;
        let id = self.id(&mut m, "id");
        if id.is_none() {
            self.missing(&m, "id");
        }
        let decl = CycleDecl {
            id: id.unwrap_or_default(),
            name: self.string(&mut m, "name"),
            start: self.date(&mut m, "start"),
            end: self.date(&mut m, "end"),
        };
        self.finish(m);
        Some(decl)
    }

    fn team(&mut self, node: &Node, route: Route) -> Option<Team> {
        let mut m = self.map(node, route)?;
        let team = Team {
            id: self.file_id(&mut m),
            name: self.string(&mut m, "name"),
            parent: self.reference(&mut m, "parent"),
            lead: self.reference(&mut m, "lead"),
            members: self.references(&mut m, "members"),
        };
        self.finish(m);
        Some(team)
    }

    fn person(&mut self, node: &Node, route: Route) -> Option<Person> {
        let mut m = self.map(node, route)?;
        let person = Person {
            id: self.file_id(&mut m),
            name: self.string(&mut m, "name"),
            email: self.string(&mut m, "email"),
        };
        self.finish(m);
        Some(person)
    }

    /// The `id` of a team or person: it names files, so it follows the id grammar.
    fn file_id(&mut self, map: &mut MapReader<'_>) -> String {
        let id = self.required_ref(map, "id");
        if !id.is_empty() && !crate::model::is_file_id(&id) {
            let route = map.at("id");
            self.report(
                "schema",
                route.clone(),
                format!(
                    "`{route}` is \"{}\", which cannot name a file; ids use lowercase letters, digits, `-`, `_` and `.` (no `/` or `..`), so rename it",
                    shorten(&id)
                ),
            );
        }
        id
    }

    fn rules(&mut self, node: &Node, route: Route) -> RulesConfig {
        let Some(mut m) = self.map(node, route) else {
            return RulesConfig::default();
        };
        let defaults = RulesConfig::default();
        let count = |d: &mut Self, m: &mut MapReader<'_>, key: &'static str, default: u32| {
            let Some(n) = m.get(key) else {
                return default;
            };
            match n.value {
                Value::Int(i) if (0..=i64::from(u32::MAX)).contains(&i) => i as u32,
                _ => {
                    d.wrong_type(n, m.at(key), "a whole number");
                    default
                }
            }
        };
        let max_objectives = count(self, &mut m, "max-objectives", defaults.max_objectives);
        let max_key_results = count(self, &mut m, "max-key-results", defaults.max_key_results);
        let min_key_results = count(self, &mut m, "min-key-results", defaults.min_key_results);
        let mut stale_after_days =
            count(self, &mut m, "stale-after-days", defaults.stale_after_days);
        if !(1..=MAX_STALE_AFTER_DAYS).contains(&stale_after_days) {
            let route = m.at("stale-after-days");
            self.report(
                "schema",
                route.clone(),
                format!(
                    "`{route}` is {stale_after_days}; write a number of days from 1 to {MAX_STALE_AFTER_DAYS} (ten years)"
                ),
            );
            stale_after_days = defaults.stale_after_days;
        }
        let bottom_up_share = self
            .number(&mut m, "bottom-up-share")
            .unwrap_or(defaults.bottom_up_share);
        let mut levels = BTreeMap::new();
        if let Some(n) = m.get("levels")
            && let Some(mut lm) = self.map(n, m.at("levels"))
        {
            for (k, _) in lm.entries {
                let Some(name) = k.scalar_text() else {
                    continue;
                };
                let name = name.into_owned();
                let key: &'static str = RuleId::parse(&name).map_or("", RuleId::as_str);
                if key.is_empty() {
                    continue;
                }
                let level = self.choice(
                    &mut lm,
                    key,
                    &[
                        ("error", Level::Error),
                        ("warning", Level::Warning),
                        ("off", Level::Off),
                    ],
                );
                if let Some(level) = level {
                    levels.insert(name, level);
                }
            }
            self.finish_rule_ids(lm);
        }
        let mut ignore = BTreeMap::new();
        if let Some(n) = m.get("ignore")
            && let Some(mut im) = self.map(n, m.at("ignore"))
        {
            for (k, _) in im.entries {
                let Some(name) = k.scalar_text() else {
                    continue;
                };
                let name = name.into_owned();
                let Some(rule) = RuleId::parse(&name) else {
                    continue;
                };
                let places = self.strings(&mut im, rule.as_str());
                ignore.insert(name, places);
            }
            self.finish_rule_ids(im);
        }
        self.finish(m);
        RulesConfig {
            max_objectives,
            max_key_results,
            min_key_results,
            bottom_up_share,
            stale_after_days,
            levels,
            ignore,
        }
    }

    /// Unknown keys of a mapping keyed by rule id, suggesting rule ids.
    fn finish_rule_ids(&mut self, mut map: MapReader<'_>) {
        map.known = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        self.finish(map);
    }
}
