//! The organisation: people, the team tree, objectives and key results, made
//! from a seeded random number generator.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::date;
use super::words::*;

/// SplitMix64: small, fast and the same on every platform.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A whole number in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
    /// A whole number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    /// A number in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
    /// `k` distinct indexes of `0..n`, in random order.
    pub(crate) fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        self.shuffle(&mut all);
        all.truncate(k.min(n));
        all
    }
}

pub(crate) struct Person {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) email: String,
}

pub(crate) struct Team {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) parent: Option<usize>,
    /// The file path below `okrs/2026-Q4/`, without `.yaml`.
    pub(crate) path: String,
    pub(crate) depth: usize,
    pub(crate) members: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Value {
    /// A number in units of 10^-decimals.
    Number(i64),
    Done(bool),
}

pub(crate) enum Kind {
    Numeric { start: i64, target: i64 },
    Milestone { due: NaiveDate },
    Level { above: bool, bound: i64 },
}

pub(crate) struct KeyResult {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) owner: Option<usize>,
    pub(crate) kind: Kind,
    pub(crate) unit: &'static str,
    pub(crate) decimals: u32,
    pub(crate) value: Value,
    pub(crate) confidence: Option<u32>,
    pub(crate) weight: Option<u32>,
    pub(crate) flow: bool,
    pub(crate) comment: Option<&'static str>,
    /// Indentation of the `- ` that opens the key result, and the line of its value.
    pub(crate) dash: usize,
    pub(crate) line: usize,
}

pub(crate) struct Initiative {
    pub(crate) title: &'static str,
    pub(crate) key_result: Option<String>,
    pub(crate) owner: Option<usize>,
    pub(crate) state: &'static str,
    pub(crate) flow: bool,
}

pub(crate) struct Review {
    pub(crate) score: u32,
    pub(crate) done: &'static str,
    pub(crate) lessons: &'static str,
}

pub(crate) struct Objective {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) owner: usize,
    pub(crate) aligns: Option<String>,
    pub(crate) bottom_up: bool,
    pub(crate) committed: bool,
    pub(crate) comment: Option<&'static str>,
    pub(crate) key_results: Vec<KeyResult>,
    pub(crate) initiatives: Vec<Initiative>,
    pub(crate) review: Option<Review>,
}

pub(crate) struct File {
    pub(crate) path: String,
    pub(crate) cycle: &'static str,
    pub(crate) team: usize,
    pub(crate) header: Vec<String>,
    pub(crate) indentless: bool,
    pub(crate) blank_lines: bool,
    pub(crate) objectives: Vec<Objective>,
}

pub(crate) struct Org {
    pub(crate) seed: u64,
    pub(crate) people: Vec<Person>,
    pub(crate) teams: Vec<Team>,
    pub(crate) files: Vec<File>,
}

pub(crate) fn person(
    rng: &mut Rng,
    people: &mut Vec<Person>,
    taken: &mut HashSet<String>,
) -> usize {
    let (base, name) = if rng.chance(0.65) {
        let (sp, sz) = *rng.pick(&SURNAMES);
        let (gp, gz) = *rng.pick(&GIVEN);
        (format!("{sp}.{gp}"), format!("{sz}{gz}"))
    } else {
        let (f, l) = (*rng.pick(&FIRST), *rng.pick(&LAST));
        (
            format!("{f}.{l}"),
            format!("{} {}", capitalised(f), capitalised(l)),
        )
    };
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}{n}");
        n += 1;
    }
    people.push(Person {
        email: format!("{id}@babelbird.example"),
        id,
        name,
    });
    people.len() - 1
}

pub(crate) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The team tree, breadth first: the company, its departments, their teams.
pub(crate) fn build_teams(rng: &mut Rng, n: usize) -> (Vec<Team>, Vec<Person>) {
    let mut people = Vec::new();
    let mut taken = HashSet::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut teams = Vec::new();
    let members = |rng: &mut Rng, people: &mut Vec<Person>, taken: &mut HashSet<String>, k| {
        (0..k)
            .map(|_| person(rng, people, taken))
            .collect::<Vec<_>>()
    };
    let company = members(rng, &mut people, &mut taken, 5);
    ids.insert("company".to_owned());
    teams.push(Team {
        id: "company".to_owned(),
        name: "巴别鸟 Babel Bird".to_owned(),
        parent: None,
        path: "company".to_owned(),
        depth: 0,
        members: company,
    });
    let branching = ((n as f64).powf(0.25).ceil() as usize).max(2);
    let mut level = vec![0usize];
    while teams.len() < n && !level.is_empty() {
        let mut next = Vec::new();
        let mut order = level.clone();
        rng.shuffle(&mut order);
        for parent in order {
            if teams.len() >= n {
                break;
            }
            let k = rng
                .between(branching as i64 - 1, branching as i64 + 1)
                .max(1) as usize;
            let pool: &[(&str, &str, &str)] = if parent == 0 { &DEPARTMENTS } else { &SEGMENTS };
            for pick in rng.sample(pool.len(), k) {
                if teams.len() >= n {
                    break;
                }
                let (seg, en, zh) = pool[pick];
                let parent_team = &teams[parent];
                let mut id = seg.to_owned();
                if ids.contains(&id) {
                    let parent_seg = parent_team.path.rsplit('/').next().unwrap_or("");
                    id = format!("{parent_seg}-{seg}");
                }
                let mut m = 2;
                while ids.contains(&id) {
                    id = format!("{seg}-{m}");
                    m += 1;
                }
                ids.insert(id.clone());
                let (path, name) = if parent == 0 {
                    (seg.to_owned(), format!("{zh} {en}"))
                } else {
                    (
                        format!("{}/{seg}", parent_team.path),
                        format!("{zh}组 {en}"),
                    )
                };
                let depth = parent_team.depth + 1;
                let size = rng.between(4, 6) as usize;
                let team_members = members(rng, &mut people, &mut taken, size);
                teams.push(Team {
                    id,
                    name,
                    parent: Some(parent),
                    path,
                    depth,
                    members: team_members,
                });
                next.push(teams.len() - 1);
            }
        }
        level = next;
    }
    (teams, people)
}

pub(crate) fn title(rng: &mut Rng, en: &str, zh: &str) -> String {
    let x = rng.unit();
    if x < 0.45 {
        zh.to_owned()
    } else if x < 0.75 {
        en.to_owned()
    } else if x < 0.9 {
        format!("{zh} / {en}")
    } else {
        format!("Q4 重点: {zh}")
    }
}

pub(crate) fn key_result(
    rng: &mut Rng,
    team: &Team,
    cycle: &str,
    used: &mut HashSet<&'static str>,
) -> KeyResult {
    let (lo, hi) = if cycle == "2026" {
        (date(2026, 3, 31), date(2026, 12, 31))
    } else {
        (date(2026, 10, 20), date(2026, 12, 31))
    };
    let x = rng.unit();
    let mut kr = if x < 0.2 {
        let free: Vec<_> = MILESTONES.iter().filter(|m| !used.contains(m.0)).collect();
        let &(id, en, zh) = *rng.pick(&free);
        used.insert(id);
        let due = lo + chrono::Days::new(rng.below((hi - lo).num_days() as usize + 1) as u64);
        KeyResult::new(
            id,
            title(rng, en, zh),
            Kind::Milestone { due },
            "",
            0,
            Value::Done(false),
        )
    } else if x < 0.35 {
        let free: Vec<_> = LEVELS.iter().filter(|m| !used.contains(m.0)).collect();
        let &(id, en, zh, unit, above, low, high, decimals) = *rng.pick(&free);
        used.insert(id);
        let bound = rng.between(low, high);
        // Most levels hold at the start of the cycle, a few do not.
        let margin = level_margin(bound, unit, decimals) * rng.between(1, 2);
        let holds = rng.chance(0.85);
        let current = if above == holds {
            bound + margin
        } else {
            bound - margin
        }
        .clamp(0, unit_cap(unit, decimals));
        let b = format_units(bound, decimals);
        let u = unit_suffix(unit);
        let title = match (rng.chance(0.5), above) {
            (true, true) => format!("{zh}保持在 {b}{u} 以上"),
            (true, false) => format!("{zh}保持在 {b}{u} 以下"),
            (false, true) => format!("Keep {en} above {b}{u}"),
            (false, false) => format!("Keep {en} below {b}{u}"),
        };
        KeyResult::new(
            id,
            title,
            Kind::Level { above, bound },
            unit,
            decimals,
            Value::Number(current),
        )
    } else {
        let free: Vec<_> = METRICS.iter().filter(|m| !used.contains(m.0)).collect();
        let &(id, en, zh, unit, dir, lo, hi, decimals) = *rng.pick(&free);
        used.insert(id);
        let (start, target) = if hi == 0 {
            (0, rng.between(2, 12))
        } else {
            let start = rng.between(lo, hi);
            let mut span = (start as f64 * (0.15 + 0.45 * rng.unit())) as i64;
            if unit == "%" && dir > 0 {
                span = span.min(unit_cap(unit, decimals) - start);
            }
            if dir < 0 {
                span = span.min(start * 4 / 5);
            }
            (start, start + dir * span.max(3))
        };
        let (s, t, u) = (
            format_units(start, decimals),
            format_units(target, decimals),
            unit_suffix(unit),
        );
        let title = match rng.below(3) {
            0 => format!(
                "{zh}从 {s}{u} {}到 {t}{u}",
                if dir > 0 { "提高" } else { "降" }
            ),
            1 => format!(
                "{} {en} from {s}{u} to {t}{u}",
                if dir > 0 { "Raise" } else { "Cut" }
            ),
            _ => format!("把{zh}{}到 {t}{u}", if dir > 0 { "提升" } else { "降低" }),
        };
        KeyResult::new(
            id,
            title,
            Kind::Numeric { start, target },
            unit,
            decimals,
            Value::Number(start),
        )
    };
    kr.flow = rng.chance(0.08);
    kr.owner = rng.chance(0.5).then(|| *rng.pick(&team.members));
    kr.confidence = rng.chance(0.4).then(|| rng.between(2, 9) as u32);
    kr.weight = rng.chance(0.06).then_some(2);
    kr.comment = (!kr.flow && rng.chance(0.06)).then(|| *rng.pick(&INLINE_COMMENTS));
    kr
}

impl KeyResult {
    pub(crate) fn new(
        id: &str,
        title: String,
        kind: Kind,
        unit: &'static str,
        decimals: u32,
        value: Value,
    ) -> Self {
        KeyResult {
            id: id.to_owned(),
            title,
            owner: None,
            kind,
            unit,
            decimals,
            value,
            confidence: None,
            weight: None,
            flow: false,
            comment: None,
            dash: 0,
            line: 0,
        }
    }
}

/// How far a level's value strays from its bound in one step: 2% of the
/// bound, less when the unit leaves less room (99.9% has 0.1 to go).
pub(crate) fn level_margin(bound: i64, unit: &str, decimals: u32) -> i64 {
    (bound / 50)
        .min((unit_cap(unit, decimals) - bound) / 2)
        .max(1)
}

/// The largest value of a unit (100% for percentages), in units of 10^-decimals.
pub(crate) fn unit_cap(unit: &str, decimals: u32) -> i64 {
    if unit == "%" {
        100 * 10i64.pow(decimals)
    } else {
        i64::MAX / 4
    }
}

pub(crate) fn unit_suffix(unit: &str) -> String {
    if unit == "%" || unit == "万元" {
        unit.to_owned()
    } else {
        format!(" {unit}")
    }
}

/// A number of units of 10^-decimals as YAML writes it: `12.5`, `3`, `0.75`.
pub(crate) fn format_units(v: i64, decimals: u32) -> String {
    if decimals == 0 {
        return v.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if v < 0 { "-" } else { "" };
    let (whole, frac) = (v.abs() / scale, v.abs() % scale);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let frac = format!("{frac:0width$}", width = decimals as usize);
    format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
}

pub(crate) fn objective(
    rng: &mut Rng,
    ids: &mut HashSet<String>,
    team: &Team,
    cycle: &str,
    theme: (&str, &str, &str),
    bottom_up: bool,
    aligns: Option<String>,
) -> Objective {
    let (slug, en, zh) = theme;
    let base = match (cycle, team.id.as_str()) {
        ("2026", _) => format!("fy-{slug}"),
        (_, "company") => format!("q4-{slug}"),
        (_, id) => format!("{id}-{slug}"),
    };
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let count = if cycle == "2026" {
        rng.between(3, 4)
    } else {
        rng.between(2, 4)
    };
    let mut used = HashSet::new();
    let key_results: Vec<KeyResult> = (0..count)
        .map(|_| key_result(rng, team, cycle, &mut used))
        .collect();
    let mut initiatives = Vec::new();
    if rng.chance(0.5) {
        let k = rng.between(1, 3) as usize;
        for i in rng.sample(INITIATIVES.len(), k) {
            initiatives.push(Initiative {
                title: INITIATIVES[i],
                key_result: rng.chance(0.8).then(|| rng.pick(&key_results).id.clone()),
                owner: rng.chance(0.7).then(|| *rng.pick(&team.members)),
                state: ["todo", "doing", "doing", "done"][rng.below(4)],
                flow: rng.chance(0.3),
            });
        }
    }
    Objective {
        id,
        title: title(rng, en, zh),
        owner: team.members[rng.below(team.members.len().min(3))],
        aligns,
        bottom_up,
        committed: rng.chance(0.15),
        comment: rng.chance(0.05).then(|| {
            *rng.pick(&[
                "carried over from Q3",
                "依赖平台组的接口改造",
                "stretch goal, agreed with the department",
            ])
        }),
        key_results,
        initiatives,
        review: None,
    }
}

/// `objective-id` or, about half the time, `objective-id/kr-id` of one of `candidates`.
pub(crate) fn align_to(rng: &mut Rng, candidates: &[Objective]) -> String {
    let o = rng.pick(candidates);
    if rng.chance(0.45) {
        format!("{}/{}", o.id, rng.pick(&o.key_results).id)
    } else {
        o.id.clone()
    }
}

pub(crate) fn build_files(rng: &mut Rng, teams: &[Team]) -> Vec<File> {
    let mut ids = HashSet::new();
    let mut files = Vec::new();
    let style = |rng: &mut Rng| {
        let header = if rng.chance(0.5) {
            vec![HEADERS[rng.below(HEADERS.len())].to_owned()]
        } else {
            Vec::new()
        };
        (header, rng.chance(0.15), rng.chance(0.5))
    };
    // The company's annual objectives: four, three of them proposed bottom-up.
    let themes = rng.sample(THEMES.len(), 4);
    let annual: Vec<Objective> = themes
        .iter()
        .enumerate()
        .map(|(i, &t)| objective(rng, &mut ids, &teams[0], "2026", THEMES[t], i < 3, None))
        .collect();
    let (mut header, indentless, blank_lines) = style(rng);
    header.insert(0, "2026 annual OKRs — 巴别鸟 Babel Bird".to_owned());
    files.push(File {
        path: "okrs/2026/company.yaml".to_owned(),
        cycle: "2026",
        team: 0,
        header,
        indentless,
        blank_lines,
        objectives: annual,
    });
    // One file per team for the quarter, parents before children.
    let mut quarter_of: Vec<usize> = vec![usize::MAX; teams.len()];
    for (t, team) in teams.iter().enumerate() {
        let n = rng.between(3, 5) as usize;
        let up = (n * 3).div_ceil(5);
        let mut origins: Vec<bool> = (0..n).map(|i| i < up).collect();
        rng.shuffle(&mut origins);
        let mut objectives = Vec::new();
        for (theme, bottom_up) in rng.sample(THEMES.len(), n).into_iter().zip(origins) {
            let aligns = match team.parent {
                Some(p) if !rng.chance(0.1) => align_to(rng, &files[quarter_of[p]].objectives),
                _ => align_to(rng, &files[0].objectives),
            };
            objectives.push(objective(
                rng,
                &mut ids,
                team,
                "2026-Q4",
                THEMES[theme],
                bottom_up,
                Some(aligns),
            ));
        }
        let (mut header, indentless, blank_lines) = style(rng);
        if !header.is_empty() {
            header.insert(0, format!("2026-Q4 OKRs — {}", team.name));
        }
        quarter_of[t] = files.len();
        let path = format!("okrs/2026-Q4/{}.yaml", team.path);
        files.push(File {
            path,
            cycle: "2026-Q4",
            team: t,
            header,
            indentless,
            blank_lines,
            objectives,
        });
    }
    files
}

impl Org {
    /// Every key result's value, file by file and objective by objective.
    pub(crate) fn values(&self) -> Vec<Vec<Vec<Value>>> {
        self.files
            .iter()
            .map(|f| {
                f.objectives
                    .iter()
                    .map(|o| o.key_results.iter().map(|k| k.value).collect())
                    .collect()
            })
            .collect()
    }

    /// Sets every key result's value, as [`Org::values`] returned them.
    pub(crate) fn set_values(&mut self, values: &[Vec<Vec<Value>>]) {
        for (file, values) in self.files.iter_mut().zip(values) {
            for (o, values) in file.objectives.iter_mut().zip(values) {
                for (kr, value) in o.key_results.iter_mut().zip(values) {
                    kr.value = *value;
                }
            }
        }
    }
}
