//! `okr report`: one cycle on one page, as data. Scores by team and by
//! objective, progress over time from one walk of git history, check-in
//! activity, stale key results and the reviews. Rendered as HTML, Markdown or
//! JSON by `render::report`. Plain data from the index and the history it is
//! given; no I/O.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::align::{Alignment, Problem};
use super::date_string;
use super::history::CheckinView;
use super::status::{self, Filter, GroupBy, ObjectiveView};
use crate::model::{
    Checkin, Context, Cycle, Date, History, Objective, Origin, Review, Stale, Status,
};
use crate::score::{self, Health};

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub organization: Option<String>,
    pub today: String,
    pub cycle: String,
    pub start: String,
    pub end: String,
    /// Days in the cycle, and days gone by on `today` (clamped to the cycle).
    pub days: i64,
    pub elapsed_days: i64,
    /// Expected progress on `today` (SPEC section 5).
    #[serde(serialize_with = "crate::score::json")]
    pub expected: f64,
    pub ended: bool,
    /// The mean score of the live objectives, and its health.
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    pub health: Option<Health>,
    pub health_counts: HealthCounts,
    pub bottom_up: BottomUp,
    pub teams: Vec<TeamReport>,
    pub objectives: Vec<ObjectiveReport>,
    pub activity: Activity,
    pub stale: Vec<StaleView>,
    /// Live objectives of an ended cycle without a review (or without its score).
    pub missing_reviews: Vec<String>,
    /// Whether progress over time comes from git history (false outside git).
    pub history: bool,
    pub notes: Vec<String>,
}

impl ReportView {
    /// The objectives that count: all but the dropped ones.
    pub fn live(&self) -> impl Iterator<Item = &ObjectiveReport> {
        self.objectives
            .iter()
            .filter(|o| o.objective.status != Status::Dropped)
    }

    /// The live objectives with a review.
    pub fn reviewed(&self) -> impl Iterator<Item = &ObjectiveReport> {
        self.live().filter(|o| o.review.is_some())
    }
}

/// Live objectives by health.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HealthCounts {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub planned: usize,
    /// Objectives without a score (no measurable key result yet).
    pub unscored: usize,
}

/// Live objectives below the top team, and how many of them come from the bottom up.
#[derive(Debug, Clone, Serialize)]
pub struct BottomUp {
    pub objectives: usize,
    pub bottom_up: usize,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub share: Option<f64>,
    /// The share `okr.yaml` asks for (`rules.bottom-up-share`).
    pub wanted: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamReport {
    /// The team's id, or `@person` for personal OKRs.
    pub team: String,
    pub name: Option<String>,
    /// Depth in the team tree.
    pub depth: usize,
    #[serde(serialize_with = "crate::score::json_opt")]
    pub score: Option<f64>,
    pub health: Option<Health>,
    pub last_checkin: Option<String>,
    /// The ids of its live objectives, in file order.
    pub objectives: Vec<String>,
    /// A team whose `parent` is no team, or that sits on a loop of parents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

/// A score on a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
    #[serde(serialize_with = "crate::score::json")]
    pub score: f64,
}

fn serialize_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date_string(*d))
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveReport {
    /// The fields of `okr status --format json`.
    #[serde(flatten)]
    pub objective: ObjectiveView,
    /// Its score over the cycle, one point per day it changed.
    pub progress: Vec<Point>,
    /// Each key result's score over the cycle, in the order of `key_results`.
    pub key_result_progress: Vec<KrProgress>,
    pub last_checkin: Option<String>,
    pub review: Option<Review>,
    /// An objective on an alignment loop, or whose `aligns` names nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KrProgress {
    #[serde(rename = "ref")]
    pub reference: String,
    pub progress: Vec<Point>,
    pub checkins: usize,
    pub last_checkin: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Activity {
    /// Check-ins of the cycle's key results on days of the cycle (changes of
    /// a value; the commit that adds a key result is not counted here).
    pub checkins: usize,
    pub authors: Vec<AuthorActivity>,
    /// Check-ins per week, from the cycle's first day.
    pub weeks: Vec<WeekActivity>,
    /// The last ten, newest last.
    pub recent: Vec<CheckinView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorActivity {
    pub author: String,
    pub checkins: usize,
    pub first: String,
    pub last: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekActivity {
    pub start: String,
    pub checkins: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaleView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub owner: Option<String>,
    pub value: Option<serde_json::Value>,
    /// It had the same value on this day (`stale-after-days` before today).
    pub since: String,
    /// The day of its last change since the cycle began (`None`: before it).
    pub last_change: Option<String>,
}

/// What the report is made of besides the files: the history since the
/// cycle began (`None` outside git) and the stale key results.
pub struct Inputs<'h> {
    pub history: Option<&'h History>,
    /// The stale key results of running cycles (this one's are shown).
    pub stale: Vec<Stale<'h>>,
    pub notes: Vec<String>,
}

pub fn report(cx: &Context<'_>, cycle: &Cycle, inputs: Inputs<'_>) -> ReportView {
    let today = cx.today;
    let period = cycle.period;
    let started = today >= period.start;
    // The last day progress is drawn to: today, or the cycle's end once it is over.
    let last_day = today.min(period.end);
    let view = status::status(cx, cycle, &Filter::default());

    // Changes of this cycle's key results since it began, per key result, by day.
    let in_cycle: HashSet<&str> = view
        .objectives
        .iter()
        .flat_map(|o| o.key_results.iter().map(|k| k.reference.as_str()))
        .collect();
    let mut by_ref: HashMap<&str, Vec<&Checkin>> = HashMap::new();
    let mut events: HashMap<&str, Vec<Event>> = HashMap::new();
    if let Some(history) = inputs.history {
        for c in &history.checkins {
            if let Some(&key) = in_cycle.get(c.reference.as_str()) {
                by_ref.entry(key).or_default().push(c);
                events.entry(key).or_default().push(Event {
                    date: c.date(),
                    time: c.time,
                    introduced: c.old.is_none(),
                    checkin: true,
                    before: c.score_before,
                    after: c.score,
                });
            }
        }
        for r in &history.retargets {
            if let Some(&key) = in_cycle.get(r.reference.as_str()) {
                events.entry(key).or_default().push(Event {
                    date: r.date(),
                    time: r.time,
                    introduced: false,
                    checkin: false,
                    before: r.score_before,
                    after: r.score,
                });
            }
        }
    }
    // The score when the cycle began is the one before the first change in
    // history's order (oldest commit first): check-ins and moved targets are
    // listed apart, so of the first of each, the earlier one.
    let mut initial: HashMap<&str, (Option<f64>, bool)> = HashMap::new();
    for (reference, list) in &events {
        let first_checkin = list.iter().find(|e| e.checkin);
        let first_retarget = list.iter().find(|e| !e.checkin);
        let first = match (first_checkin, first_retarget) {
            (Some(c), Some(r)) if r.time < c.time => r,
            (Some(c), _) => c,
            (None, Some(r)) => r,
            (None, None) => continue,
        };
        initial.insert(reference, (first.before, first.introduced));
    }
    for list in events.values_mut() {
        // Commit order is not date order (rebases, time zones): sort by day.
        list.sort_by_key(|e| (e.date, e.time));
    }
    // A check-in counts for the cycle from its first day on.
    let counted = |c: &&&Checkin| c.date() >= period.start && c.date() <= today;
    let last_of = |reference: &str| -> Option<Date> {
        by_ref
            .get(reference)
            .and_then(|cs| cs.iter().filter(counted).map(|c| c.date()).max())
    };

    let models: HashMap<&str, &Objective> = cx
        .cycle_members(&cycle.id)
        .map(|at| (at.objective.id.as_str(), at.objective))
        .collect();

    let alignment = Alignment::new(cx);
    let mut objectives = Vec::new();
    for o in &view.objectives {
        let Some(model) = models.get(o.id.as_str()) else {
            continue;
        };
        let key_result_progress: Vec<KrProgress> = model
            .key_results
            .iter()
            .map(|kr| {
                let reference = format!("{}/{}", model.id, kr.id);
                let checkins = by_ref.get(reference.as_str()).map_or(&[][..], |v| &v[..]);
                let progress = match (started, inputs.history) {
                    (false, _) => Vec::new(),
                    (true, None) => score::key_result(kr)
                        .map(|s| Point {
                            date: last_day,
                            score: s,
                        })
                        .into_iter()
                        .collect(),
                    (true, Some(_)) => kr_progress(
                        score::key_result(kr),
                        initial.get(reference.as_str()).copied(),
                        events.get(reference.as_str()).map_or(&[][..], |v| &v[..]),
                        period.start,
                        period.end,
                        today,
                    ),
                };
                KrProgress {
                    checkins: checkins
                        .iter()
                        .filter(counted)
                        .filter(|c| c.old.is_some())
                        .count(),
                    last_checkin: last_of(&reference).map(date_string),
                    reference,
                    progress,
                }
            })
            .collect();
        let weights: Vec<f64> = model.key_results.iter().map(score::weight).collect();
        let progress = objective_progress(&key_result_progress, &weights);
        let last_checkin = key_result_progress
            .iter()
            .filter_map(|k| k.last_checkin.clone())
            .max();
        objectives.push(ObjectiveReport {
            objective: o.clone(),
            progress,
            key_result_progress,
            last_checkin,
            review: model.review.clone(),
            problem: alignment.problem(cx, model),
        });
    }

    let live: Vec<&ObjectiveReport> = objectives
        .iter()
        .filter(|o| o.objective.status != Status::Dropped)
        .collect();
    let mut health_counts = HealthCounts::default();
    for o in &live {
        match o.objective.health {
            Some(Health::OnTrack) => health_counts.on_track += 1,
            Some(Health::AtRisk) => health_counts.at_risk += 1,
            Some(Health::OffTrack) => health_counts.off_track += 1,
            Some(Health::Planned) => health_counts.planned += 1,
            None => health_counts.unscored += 1,
        }
    }
    let score = score::mean(live.iter().filter_map(|o| o.objective.score));

    let last_checkins: HashMap<String, Date> = by_ref
        .keys()
        .filter_map(|r| last_of(r).map(|d| ((*r).to_owned(), d)))
        .collect();
    let groups = status::by_group(cx, &view, cycle, GroupBy::Team, &last_checkins);
    // The live objectives of each team (`@person` for personal OKRs), in file order.
    let mut ids_of: HashMap<String, Vec<String>> = HashMap::new();
    for o in &live {
        let key = match (&o.objective.team, &o.objective.person) {
            (Some(t), _) => t.clone(),
            (None, Some(p)) => format!("@{p}"),
            (None, None) => continue,
        };
        ids_of.entry(key).or_default().push(o.objective.id.clone());
    }
    let teams = groups
        .teams
        .into_iter()
        .map(|row| {
            let key = row.key.name().to_owned();
            let name = cx
                .teams
                .get(key.as_str())
                .and_then(|t| t.name.clone())
                .or_else(|| {
                    let person = key.strip_prefix('@')?;
                    let p = cx.person(person)?;
                    p.name.clone()
                });
            let objectives = ids_of.remove(key.as_str()).unwrap_or_default();
            TeamReport {
                team: key,
                name,
                depth: row.depth,
                score: row.score,
                health: row.health,
                last_checkin: row.last_checkin,
                objectives,
                problem: row.problem,
            }
        })
        .collect();

    let missing_reviews = if today > period.end {
        live.iter()
            .filter(|o| o.review.as_ref().and_then(|r| r.score).is_none())
            .map(|o| o.objective.id.clone())
            .collect()
    } else {
        Vec::new()
    };

    ReportView {
        organization: cx.org.config.organization.clone(),
        today: date_string(today),
        cycle: cycle.id.clone(),
        start: date_string(period.start),
        end: date_string(period.end),
        days: (period.end - period.start).num_days() + 1,
        elapsed_days: ((last_day - period.start).num_days() + 1).max(0),
        expected: cycle.expected(today),
        ended: today > period.end,
        score,
        health: score.map(|s| score::health(s, cycle, today)),
        health_counts,
        bottom_up: bottom_up(cx, cycle),
        teams,
        activity: activity(&by_ref, period.start, last_day, today),
        objectives,
        stale: inputs
            .stale
            .into_iter()
            .filter(|s| s.at.cycle_id() == Some(cycle.id.as_str()))
            .map(|s| StaleView {
                title: s.key_result.title.clone(),
                owner: s
                    .key_result
                    .owner
                    .clone()
                    .or_else(|| s.at.objective.owner.clone()),
                value: s.value.map(|v| v.json()),
                since: date_string(s.since),
                last_change: last_of(&s.reference).map(date_string),
                reference: s.reference,
            })
            .collect(),
        missing_reviews,
        history: inputs.history.is_some(),
        notes: inputs.notes,
    }
}

/// A change of a key result's score: a check-in or a moved target.
#[derive(Debug, Clone, Copy)]
struct Event {
    date: Date,
    time: i64,
    /// The commit that added the key result.
    introduced: bool,
    /// A check-in, else a moved target.
    checkin: bool,
    before: Option<f64>,
    after: Option<f64>,
}

/// A key result's score from the cycle's first day to today (or its last
/// day, once over): its score when the cycle began (the score before its
/// first change since), the score after each change, and its score now.
/// Changes after the cycle's end (final values recorded late) count on its
/// last day; changes after `today` are not drawn.
fn kr_progress(
    now: Option<f64>,
    first: Option<(Option<f64>, bool)>,
    events: &[Event],
    start: Date,
    end: Date,
    today: Date,
) -> Vec<Point> {
    let last_day = today.min(end);
    let mut points: Vec<Point> = Vec::new();
    let mut push = |date: Date, score: f64| match points.last_mut() {
        Some(last) if last.date == date => last.score = score,
        _ => points.push(Point { date, score }),
    };
    // Added since the cycle began: no score before; else the score before the
    // first change (in history's order), else (nothing changed) today's.
    let initial = match first {
        Some((_, true)) => None,
        Some((before, false)) => before,
        None => now,
    };
    if let Some(s) = initial {
        push(start, s);
    }
    let mut later = false;
    let mut last = initial;
    for e in events {
        if e.date > today {
            later = true;
            continue;
        }
        if let Some(s) = e.after {
            push(e.date.clamp(start, end), s);
            last = Some(s);
        }
    }
    // Today's score, unless the files hold changes from after `today`.
    let fin = if later { last } else { now.or(last) };
    if let Some(s) = fin {
        push(last_day, s);
    }
    points
}

/// An objective's score on each day one of its key results changed: the
/// weighted mean of the key results that existed on that day.
fn objective_progress(krs: &[KrProgress], weights: &[f64]) -> Vec<Point> {
    let mut days: Vec<Date> = krs
        .iter()
        .flat_map(|k| k.progress.iter().map(|p| p.date))
        .collect();
    days.sort_unstable();
    days.dedup();
    let mut out = Vec::with_capacity(days.len());
    let mut cursor = vec![0usize; krs.len()];
    for day in days {
        let mut existing = Vec::with_capacity(krs.len());
        for (i, k) in krs.iter().enumerate() {
            while cursor[i] < k.progress.len() && k.progress[cursor[i]].date <= day {
                cursor[i] += 1;
            }
            if cursor[i] > 0 {
                existing.push((weights[i], k.progress[cursor[i] - 1].score));
            }
        }
        if let Some(score) = score::weighted_mean(existing) {
            out.push(Point { date: day, score });
        }
    }
    out
}

fn bottom_up(cx: &Context<'_>, cycle: &Cycle) -> BottomUp {
    let mut objectives = 0;
    let mut up = 0;
    for at in cx.cycle_members(&cycle.id) {
        if at.objective.status == Status::Dropped {
            continue;
        }
        if at.unit().is_some_and(|u| cx.below_top(u)) {
            objectives += 1;
            up += usize::from(at.objective.origin == Some(Origin::BottomUp));
        }
    }
    BottomUp {
        objectives,
        bottom_up: up,
        share: (objectives > 0).then(|| up as f64 / objectives as f64),
        wanted: cx.org.config.rules.bottom_up_share,
    }
}

fn activity(
    by_ref: &HashMap<&str, Vec<&Checkin>>,
    start: Date,
    last_day: Date,
    today: Date,
) -> Activity {
    let mut all: Vec<&Checkin> = by_ref
        .values()
        .flatten()
        .copied()
        .filter(|c| c.old.is_some() && (start..=today).contains(&c.date()))
        .collect();
    all.sort_by(|a, b| {
        (a.time, a.commit.as_bytes(), &a.reference).cmp(&(
            b.time,
            b.commit.as_bytes(),
            &b.reference,
        ))
    });
    let mut authors: BTreeMap<&str, (usize, Date, Date)> = BTreeMap::new();
    for c in &all {
        let d = c.date();
        let e = authors.entry(c.author.as_str()).or_insert((0, d, d));
        e.0 += 1;
        e.1 = e.1.min(d);
        e.2 = e.2.max(d);
    }
    let mut authors: Vec<AuthorActivity> = authors
        .into_iter()
        .map(|(author, (n, first, last))| AuthorActivity {
            author: author.to_owned(),
            checkins: n,
            first: date_string(first),
            last: date_string(last),
        })
        .collect();
    authors.sort_by(|a, b| b.checkins.cmp(&a.checkins).then(a.author.cmp(&b.author)));
    let weeks = if last_day >= start {
        let count = u64::try_from((last_day - start).num_days() / 7 + 1).unwrap_or(0);
        let mut weeks: Vec<WeekActivity> = (0..count)
            .map(|i| WeekActivity {
                start: date_string(
                    start
                        .checked_add_days(chrono::Days::new(7 * i))
                        .unwrap_or(last_day),
                ),
                checkins: 0,
            })
            .collect();
        for c in &all {
            // Late check-ins (after the end) count in the last week.
            let i = ((c.date().min(last_day) - start).num_days() / 7) as usize;
            if let Some(w) = weeks.get_mut(i) {
                w.checkins += 1;
            }
        }
        weeks
    } else {
        Vec::new()
    };
    Activity {
        checkins: all.len(),
        authors,
        weeks,
        recent: all[all.len().saturating_sub(10)..]
            .iter()
            .map(|c| CheckinView::of(c))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn kr(points: &[(&str, f64)]) -> KrProgress {
        KrProgress {
            reference: "o/k".into(),
            progress: points
                .iter()
                .map(|(day, score)| Point {
                    date: d(day),
                    score: *score,
                })
                .collect(),
            checkins: 0,
            last_checkin: None,
        }
    }

    #[test]
    fn objective_progress_is_the_weighted_mean_of_the_key_results_that_existed() {
        let a = kr(&[
            ("2026-10-01", 0.0),
            ("2026-10-10", 0.5),
            ("2026-11-01", 1.0),
        ]);
        let b = kr(&[("2026-10-10", 0.2), ("2026-11-01", 0.2)]);
        let got = objective_progress(&[a, b], &[1.0, 3.0]);
        let want = [
            ("2026-10-01", 0.0),
            ("2026-10-10", (0.5 + 3.0 * 0.2) / 4.0),
            ("2026-11-01", (1.0 + 3.0 * 0.2) / 4.0),
        ];
        assert_eq!(got.len(), want.len());
        for (p, (day, score)) in got.iter().zip(want) {
            assert_eq!(p.date, d(day));
            assert!((p.score - score).abs() < 1e-12, "{p:?}");
        }
    }
}
