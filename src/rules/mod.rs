//! The rules of `okr check`: each has a stable id, a default level and docs.
//!
//! Rules read the loaded organisation and return findings; this module sets
//! their levels from okr.yaml and applies suppressions.

mod alignment;
pub mod context;
mod counts;
pub mod history;
mod key_results;
mod lifecycle;
mod refs;
mod suppress;

pub use context::Context;
pub use suppress::apply_suppressions;

use crate::finding::{Finding, Location};
use crate::model::Level;

/// What a rule is, for `okr explain`, SARIF and the README.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub default: Level,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters and how to fix a finding.
    pub help: &'static str,
    /// Needs git history.
    pub needs_history: bool,
}

macro_rules! rule {
    ($id:literal, $level:ident, $summary:literal, $help:literal) => {
        Rule {
            id: $id,
            default: Level::$level,
            summary: $summary,
            help: $help,
            needs_history: false,
        }
    };
    ($id:literal, $level:ident, $summary:literal, $help:literal, history) => {
        Rule {
            id: $id,
            default: Level::$level,
            summary: $summary,
            help: $help,
            needs_history: true,
        }
    };
}

/// Every rule, in the order of SPEC section 6.
pub const RULES: &[Rule] = &[
    rule!(
        "yaml",
        Error,
        "the file parses as YAML",
        "A file that does not parse cannot be checked at all. Fix the syntax at the position shown; for merge-conflict markers, resolve the conflict and delete the markers."
    ),
    rule!(
        "schema",
        Error,
        "required fields are present, values have the right types, and there are no unknown keys",
        "okr reads only the fields it knows; a misspelt key would silently be ignored. Rename unknown keys (the message suggests the closest known one), add missing fields and fix the types."
    ),
    rule!(
        "duplicate-id",
        Error,
        "ids are unique: objectives in the repository, key results in their objective, teams, people and cycles in okr.yaml",
        "History, alignment and check-ins follow objectives and key results by id, so an id must name one thing. Rename one of the two."
    ),
    rule!(
        "unknown-ref",
        Error,
        "the cycle, team or person of a file, a team's parent, lead and members, and an initiative's key result exist",
        "A reference to something that does not exist is usually a typo. Fix the id, or declare the cycle, team or person in okr.yaml."
    ),
    rule!(
        "alignment-target",
        Error,
        "`aligns` names an existing objective or key result",
        "Alignment links a goal to the goal it serves. Point `aligns` at an existing objective id or `objective-id/kr-id`."
    ),
    rule!(
        "alignment-cycle",
        Error,
        "an objective aligns to one whose cycle encloses (or equals) its own",
        "A quarterly objective serves an annual one, not the other way round. Align to an objective of the same or an enclosing cycle."
    ),
    rule!(
        "alignment-team",
        Warning,
        "an objective aligns to one of its own team or an ancestor team",
        "Direction flows down the team tree. Align to your team's or a parent team's objective, or ask that team to take the goal on."
    ),
    rule!(
        "alignment-loop",
        Error,
        "no objective aligns to itself through a chain",
        "Alignment is a tree from the top objectives down; a loop has no top. Break the loop by aligning one of the objectives upwards."
    ),
    rule!(
        "orphan",
        Warning,
        "an objective of a team that has a parent team aligns to something",
        "Every team objective below the top should serve a goal above it. Add `aligns:` with the objective or key result it serves."
    ),
    rule!(
        "measurable",
        Error,
        "a key result is numeric (start, target, current; target != start), a milestone (done, due) or a threshold (keep_above or keep_below, current): exactly one kind",
        "A key result must be measurable: a number with a baseline and a target, a milestone with a due date, or a level to hold. \"Improve team morale\" is not a key result; say how you would measure it."
    ),
    rule!(
        "objective-count",
        Warning,
        "at most `max-objectives` live objectives per team (or person) per cycle",
        "Few and focused: too many objectives means none gets the attention it needs. Drop or merge objectives, or mark one `status: dropped`."
    ),
    rule!(
        "kr-count",
        Warning,
        "between `min-key-results` and `max-key-results` key results per objective",
        "An objective without key results cannot be measured; one with too many has lost focus. Add a key result, or keep the few that matter most."
    ),
    rule!(
        "deadline",
        Error,
        "the cycle is known and has an end; a `due` lies inside its cycle",
        "Everything has a deadline: a key result ends with its cycle or earlier. Give a declared cycle `start` and `end`, and move `due` into the cycle."
    ),
    rule!(
        "owner",
        Error,
        "every objective has an owner, and every owner of an objective, key result or initiative is a known person",
        "An objective without an owner is nobody's. Add `owner:` with a person id declared under `people:` in okr.yaml."
    ),
    rule!(
        "bottom-up-share",
        Warning,
        "at least `bottom-up-share` of a cycle's objectives below the top team are bottom-up",
        "OKRs work when teams propose most of their own objectives. Let teams write their own, and mark them `origin: bottom-up`."
    ),
    rule!(
        "coverage",
        Warning,
        "in a running cycle in which teams below the top team set objectives, every such team has at least one",
        "A team without objectives in a running cycle is not part of the plan. Add its OKR file for the cycle."
    ),
    rule!(
        "agreed",
        Error,
        "once a cycle has started, none of its objectives is still `draft`",
        "Objectives are negotiated and agreed before the cycle runs. Agree it and set `status: agreed`, or `status: dropped` if it will not be pursued."
    ),
    rule!(
        "range",
        Error,
        "confidence, weight and scores are in range; `current` is a number",
        "Confidence and scores run from 0.0 to 1.0 and weights are not negative; `current` must be a plain number (write the unit under `unit:`)."
    ),
    rule!(
        "stale",
        Warning,
        "in a running cycle, a key result's value has changed in git within `stale-after-days`",
        "Progress is checked in regularly. Record the current value in the file (and commit it), even when it has not moved.",
        history
    ),
    rule!(
        "review",
        Warning,
        "once a cycle has ended, each objective has a review with a score",
        "At the end of a cycle every owner reviews their objective: the goal, what was done, problems, the result, lessons, next steps and a self-assigned score. Write them under `review:` in the objective."
    ),
    rule!(
        "ambition",
        Warning,
        "once its cycle has ended, an aspirational objective's score is neither 1.0 (too easy?) nor below 0.4 (too hard?); a committed one below 1.0 has a review",
        "Aspirational objectives should land around 0.6-0.7: 1.0 suggests the target was too easy, below 0.4 that it was too hard or under-resourced. Committed objectives are expected to reach 1.0; explain a miss in the review."
    ),
    rule!(
        "target-moved",
        Warning,
        "with `--base REV`: no target or start changed after its cycle started, unless the commit carries an `OKR-Reason:` trailer",
        "Moving the goal posts mid-cycle hides how a key result is really going. Keep the target, or explain the change with an `OKR-Reason:` trailer in the commit message.",
        history
    ),
];

/// Rules whose findings mean nothing when okr.yaml itself does not parse.
const NEEDS_CONFIG: &[&str] = &[
    "unknown-ref",
    "owner",
    "alignment-team",
    "orphan",
    "bottom-up-share",
    "coverage",
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Runs every static rule, sets each finding's level from okr.yaml, and drops
/// the findings of rules that are `off`.
pub fn check(cx: &Context<'_>, mut findings: Vec<Finding>) -> Vec<Finding> {
    let config_broken = findings
        .iter()
        .any(|f| f.rule == "yaml" && f.file == crate::load::CONFIG_FILE);
    refs::check(cx, &mut findings);
    alignment::check(cx, &mut findings);
    key_results::check(cx, &mut findings);
    counts::check(cx, &mut findings);
    lifecycle::check(cx, &mut findings);
    drop_derived(&mut findings);
    if config_broken {
        // Without okr.yaml every team and person looks unknown: report the cause only.
        findings.retain(|f| !NEEDS_CONFIG.contains(&f.rule));
    }
    let levels = &cx.org.config.rules.levels;
    findings.retain_mut(|f| {
        let default = find(f.rule).map_or(Level::Error, |r| r.default);
        f.level = levels.get(f.rule).copied().unwrap_or(default);
        f.level != Level::Off
    });
    findings
}

/// A key result field that failed to decode (`done: yes`, `current: "lots"`) already
/// has its `schema` or `range` finding; `measurable` need not report the gap it leaves.
fn drop_derived(findings: &mut Vec<Finding>) {
    let undecoded: Vec<(&str, &[crate::finding::Segment])> = findings
        .iter()
        .filter(|f| matches!(f.rule, "schema" | "range"))
        .filter_map(|f| match &f.location {
            Location::Route(r) => Some((f.file.as_str(), r.segments.as_slice())),
            Location::Pos(_) => None,
        })
        .collect();
    if undecoded.is_empty() {
        return;
    }
    let derived: Vec<bool> = findings
        .iter()
        .map(|f| {
            let (true, Location::Route(r)) = (f.rule == "measurable", &f.location) else {
                return false;
            };
            // objectives[i].key_results[j]
            let key_result = &r.segments[..r.segments.len().min(4)];
            undecoded
                .iter()
                .any(|(file, route)| *file == f.file && route.starts_with(key_result))
        })
        .collect();
    let mut derived = derived.into_iter();
    findings.retain(|_| !derived.next().unwrap_or(false));
}
