//! The rules of `okr check`: each has a stable id, a default level and docs.
//!
//! Rules read the indexed model (`model::Context`) and return findings; this
//! module sets their levels from okr.yaml and applies suppressions. Rules are
//! pure: they use the model, findings and scores, and read no file and no git
//! (`stale` and `target-moved` receive what history found as arguments).

mod alignment;
mod counts;
pub mod eased;
pub mod examples;
pub mod history;
mod key_results;
mod lifecycle;
pub mod moved;
mod refs;
pub mod sources;
mod suppress;

pub use examples::Examples;
pub use suppress::{apply_suppressions, unknown_ignored_rules};

use crate::finding::{Finding, Location};
use crate::model::{Context, Level, RuleId};

/// What a rule is, for `okr explain`, SARIF, the man page and the README.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub default: Level,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The OKR practice behind the rule.
    pub why: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
    /// A repository that fails the rule and one that passes.
    pub examples: &'static Examples,
    /// Needs git history.
    pub needs_history: bool,
}

macro_rules! rule {
    ($id:ident, $level:ident, $examples:ident, $summary:literal, why: $why:literal, fix: $fix:literal $(, $history:ident)?) => {
        Rule {
            id: RuleId::$id.as_str(),
            default: Level::$level,
            summary: $summary,
            why: $why,
            fix: $fix,
            examples: &examples::$examples,
            needs_history: rule!(@history $($history)?),
        }
    };
    (@history) => { false };
    (@history history) => { true };
}

/// Every rule, in the order of SPEC section 6.
pub const RULES: &[Rule] = &[
    rule!(
        Yaml,
        Error,
        YAML,
        "the file parses as YAML",
        why: "A file that does not parse cannot be checked, scored or shown at all; a merge that left conflict markers behind is the usual cause.",
        fix: "Fix the syntax at the position shown. For merge-conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`), keep the side you want, or combine both, and delete the markers."
    ),
    rule!(
        Schema,
        Error,
        SCHEMA,
        "required fields are present, values have the right types, and there are no unknown keys",
        why: "okr reads only the fields it knows: a misspelt key such as `taget:` would silently leave the key result without a target.",
        fix: "Rename an unknown key (the message suggests the closest known one), add a missing field, or write the value with the right type. `okr schema` prints the JSON Schema your editor can check files with as you type."
    ),
    rule!(
        DuplicateId,
        Error,
        DUPLICATE_ID,
        "ids are unique: objectives in the repository, key results in their objective, teams, people and cycles in okr.yaml",
        why: "History, alignment and check-ins follow objectives and key results by id across files and commits, so an id must name one thing.",
        fix: "Rename one of the two. An objective id is unique in the whole repository, a key-result id within its objective."
    ),
    rule!(
        UnknownRef,
        Error,
        UNKNOWN_REF,
        "the cycle, team or person of a file, a team's parent, lead and members, and an initiative's key result exist",
        why: "A reference to something that does not exist is usually a typo, and it cuts the link the reference was meant to make: an initiative that serves no key result, a team outside the tree.",
        fix: "Fix the id (the message suggests the closest existing one), or declare the cycle, team or person in okr.yaml."
    ),
    rule!(
        AlignmentTarget,
        Error,
        ALIGNMENT_TARGET,
        "`aligns` names an existing objective or key result",
        why: "Alignment links a goal to the goal it serves, so that direction flows from the vision down to every team; a link to nothing serves nothing.",
        fix: "Point `aligns` at an existing objective id, or `objective-id/kr-id` for a key result. `okr tree` shows what there is to align to."
    ),
    rule!(
        AlignmentCycle,
        Error,
        ALIGNMENT_CYCLE,
        "an objective aligns to one whose cycle encloses (or equals) its own",
        why: "Direction flows from longer cycles to shorter ones: a quarterly objective serves an annual one, not the other way round.",
        fix: "Align the shorter cycle's objective to the longer one's, or to an objective of the same cycle."
    ),
    rule!(
        AlignmentTeam,
        Warning,
        ALIGNMENT_TEAM,
        "an objective aligns to one of its own team or an ancestor team",
        why: "Direction flows down the team tree: a team serves its own goals and those of the teams above it. Serving a sibling team's goal hides a dependency that the common parent should see.",
        fix: "Align to your team's or an ancestor team's objective (often the one the other team serves too), or ask the other team to take the goal on."
    ),
    rule!(
        AlignmentLoop,
        Error,
        ALIGNMENT_LOOP,
        "no objective aligns to itself through a chain",
        why: "Alignment is a tree from the top objectives down; a loop has no top, so none of its objectives serves anything above it.",
        fix: "Remove the `aligns` of the objective that is really the higher goal, or align it upwards."
    ),
    rule!(
        Orphan,
        Warning,
        ORPHAN,
        "an objective of a team that has a parent team aligns to something",
        why: "Every team objective below the top should serve a goal above it; an objective that serves nothing above may be work the organisation did not ask for.",
        fix: "Add `aligns:` with the objective or key result it serves. If it truly serves nothing above, talk with the parent team about it."
    ),
    rule!(
        Measurable,
        Error,
        MEASURABLE,
        "a key result is numeric (start, target, current; target != start), a milestone (done, due) or a threshold (keep_above or keep_below, current): exactly one kind",
        why: "An objective may be qualitative, but a key result must be measurable, or nobody can tell whether it was reached. \"Improve team morale\" is not a key result.",
        fix: "Say how you would measure it: `start`, `target` and `current` for a number to move, `done` and `due` for a milestone, or `keep_above`/`keep_below` with `current` for a level to hold. Keep the fields of one kind only."
    ),
    rule!(
        ObjectiveCount,
        Warning,
        OBJECTIVE_COUNT,
        "at most `max-objectives` live objectives per team (or person) per cycle",
        why: "Few and focused: with too many objectives none gets the attention it needs.",
        fix: "Merge objectives, move one to a later cycle, or mark one `status: dropped`. The limit is `rules: max-objectives:` in okr.yaml (5 by default)."
    ),
    rule!(
        KrCount,
        Warning,
        KR_COUNT,
        "between `min-key-results` and `max-key-results` key results per objective",
        why: "An objective without key results cannot be measured; one with too many has lost focus.",
        fix: "Add a key result that says how you will know the objective is met, or keep the few that matter most. The limits are `rules: min-key-results:` and `max-key-results:` in okr.yaml (1 and 4 by default)."
    ),
    rule!(
        Deadline,
        Error,
        DEADLINE,
        "the cycle is known and has an end; a `due` lies inside its cycle",
        why: "Everything has a deadline: a key result ends with its cycle or earlier, so that the cycle's score means something.",
        fix: "Move `due` into the cycle, or move the key result to the cycle it belongs to. A custom cycle needs `start` and `end` in okr.yaml."
    ),
    rule!(
        Overdue,
        Warning,
        OVERDUE,
        "in a running cycle, no milestone is past its `due` day without being done",
        why: "A milestone that slips past its date without a word hides a delay the objective's owner and the teams that depend on it should hear about while there is time to act.",
        fix: "Once the milestone is reached, record it with `okr checkin OBJECTIVE/KR done`. If it slipped, agree a new `due` inside the cycle with the objective's owner (and say why in the commit), or silence the finding with a reason."
    ),
    rule!(
        Owner,
        Error,
        OWNER,
        "every objective has an owner, and every owner of an objective, key result or initiative is a known person",
        why: "An objective without an owner is nobody's: someone has to check in progress and review it at the end of the cycle.",
        fix: "Add `owner:` with a person id declared under `people:` in okr.yaml."
    ),
    rule!(
        BottomUpShare,
        Warning,
        BOTTOM_UP_SHARE,
        "at least `bottom-up-share` of a cycle's objectives below the top team are bottom-up",
        why: "OKRs work when teams propose most of their own objectives (60% or more) and agree them with the level above, rather than receiving them as orders.",
        fix: "Let teams write their own objectives and mark them `origin: bottom-up`. The share is `rules: bottom-up-share:` in okr.yaml."
    ),
    rule!(
        Coverage,
        Warning,
        COVERAGE,
        "in a running cycle in which teams below the top team set objectives, every such team has at least one",
        why: "When the teams set OKRs for a cycle, a team without any is not part of the plan, and nobody sees what it works towards.",
        fix: "Add the team's OKR file for the cycle, with objectives that align to the goals above it."
    ),
    rule!(
        Agreed,
        Error,
        AGREED,
        "once a cycle has started, none of its objectives is still `draft`",
        why: "Objectives are negotiated and agreed before the cycle runs, not ordered; a draft in a running cycle was never agreed. An objective without `status` is a draft.",
        fix: "Agree it with the team and set `status: agreed`, or `status: dropped` if it will not be pursued."
    ),
    rule!(
        Range,
        Error,
        RANGE,
        "confidence, weight and scores are in range; `current` is a number",
        why: "Scores and confidence run from 0.0 to 1.0, and a value outside that range (often a percentage such as `70`) would distort every roll-up.",
        fix: "Write confidence and scores as fractions (`0.7`, not `70`), weights as numbers of at least 0, and `current` as a plain number with its unit under `unit:`."
    ),
    rule!(
        Stale,
        Warning,
        STALE,
        "in a running cycle, a key result has a check-in in git within `stale-after-days`: a changed value, or a commit with its `OKR-Key-Result:` trailer",
        why: "Progress is checked in regularly; a value that nobody has touched for weeks is probably out of date, and the scores built on it are too.",
        fix: "Record the current value with `okr checkin OBJECTIVE/KR VALUE` (or edit the file and commit it); when the value has not changed, `okr checkin OBJECTIVE/KR --same` records that it was looked at (a commit that changes nothing, with the check-in's trailers). The window is `rules: stale-after-days:` in okr.yaml (14 by default).",
        history
    ),
    rule!(
        Review,
        Warning,
        REVIEW,
        "once a cycle has ended, each objective has a review with a score",
        why: "At the end of a cycle every owner reviews their objective: what was done, what went wrong and how it was solved, the lessons, the next steps and a self-assigned score. Scores are for learning, not for appraising people.",
        fix: "Write a `review:` under the objective with at least a `score` (0.0-1.0), and `done`, `problems`, `lessons` and `next`."
    ),
    rule!(
        Ambition,
        Warning,
        AMBITION,
        "once its cycle has ended, an aspirational objective's score is neither 1.0 (too easy?) nor below 0.4 (too hard?); a committed one below 1.0 has a review",
        why: "Aspirational objectives should land around 0.6-0.7: 1.0 suggests the target was too easy, below 0.4 that it was too hard or under-resourced. Committed objectives are expected to reach 1.0.",
        fix: "Nothing to change in the past cycle: set more ambitious (or more realistic) targets next cycle and note the lesson in the review. Mark an objective that must be met `kind: committed`; explain a missed committed objective in its review."
    ),
    rule!(
        TargetMoved,
        Warning,
        TARGET_MOVED,
        "with `--base REV`: no goal was eased after its cycle started (a target moved towards the start, a start moved, `keep_above` lowered, `keep_below` raised, a milestone's due date moved later, a key result removed), unless the last commit that moved it carries an `OKR-Reason:` trailer",
        why: "Moving the goal posts mid-cycle hides how a key result is really going; when a change is right, the reason belongs in the history. These are the changes `okr diff` warns about.",
        fix: "Keep the goal, or say why it moved: the last commit that moved it needs an `OKR-Reason:` trailer in its message (`git commit --amend` adds one before the commit is pushed). A change still in the working tree needs the trailer when you commit it.",
        history
    ),
    rule!(
        SourceUnknown,
        Error,
        SOURCE_UNKNOWN,
        "a key result's `source: from:` names a source declared under `sources:` in okr.yaml",
        why: "A key result that takes its value from a source nobody declared never syncs: its value goes stale while it looks automated.",
        fix: "Fix the name (the message suggests the closest declared one), or declare the source under `sources:` in okr.yaml with its `type` and connection."
    ),
    rule!(
        SecretInline,
        Error,
        SECRET_INLINE,
        "no password or token is written in okr.yaml or an OKR file: URLs, queries and commands carry none, and `*-env` fields name environment variables",
        why: "Everything in the repository is read by everyone who can clone it, and stays in its history for ever; credentials belong in the environment okr sync runs in (a CI secret).",
        fix: "Remove the secret from the file and rotate it (it is in the history now), put it in an environment variable, and name the variable: `url-env:` for a URL with a password, `bearer-env:` for a token."
    ),
    rule!(
        SourceStale,
        Warning,
        SOURCE_STALE,
        "in a running cycle, a key result with `source: {every: ...}` was synced (a commit with its `OKR-Source:` trailer) within `every`",
        why: "Connectors break silently; a number that should update itself every day but has not is worse than a manual one, because everyone trusts it.",
        fix: "Run `okr sync REF` (or see why the scheduled job did not), and `okr source test REF` to see what the source answers; or set a longer `every`.",
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
        .any(|f| f.rule == "yaml" && f.file == crate::model::CONFIG_FILE);
    refs::check(cx, &mut findings);
    alignment::check(cx, &mut findings);
    key_results::check(cx, &mut findings);
    counts::check(cx, &mut findings);
    lifecycle::check(cx, &mut findings);
    sources::check(cx, &mut findings);
    drop_derived(&mut findings);
    if config_broken {
        // Without okr.yaml every team and person looks unknown: report the cause only.
        findings.retain(|f| !NEEDS_CONFIG.contains(&f.rule));
    }
    set_levels(cx.org, &mut findings);
    findings
}

/// Sets each finding's level from okr.yaml (else its rule's default) and drops
/// the findings of rules that are `off`.
pub fn set_levels(org: &crate::model::Org, findings: &mut Vec<Finding>) {
    let levels = &org.config.rules.levels;
    findings.retain_mut(|f| {
        let default = find(f.rule).map_or(Level::Error, |r| r.default);
        f.level = levels.get(f.rule).copied().unwrap_or(default);
        f.level != Level::Off
    });
}

/// A key result field that failed to decode (`done: yes`, `current: "lots"`) already
/// has its `schema` or `range` finding; `measurable` need not report the gap it leaves,
/// nor `deadline` the missing end of a cycle whose `end` is not a date.
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
            let Location::Route(r) = &f.location else {
                return false;
            };
            let within = match f.rule {
                // objectives[i].key_results[j]
                "measurable" => &r.segments[..r.segments.len().min(4)],
                // cycles[i] of okr.yaml, whose `start` or `end` did not decode
                "deadline" if f.file == crate::model::CONFIG_FILE => &r.segments[..],
                _ => return false,
            };
            undecoded
                .iter()
                .any(|(file, route)| *file == f.file && route.starts_with(within))
        })
        .collect();
    let mut derived = derived.into_iter();
    findings.retain(|_| !derived.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_has_its_rule_in_order() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let all: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(ids, all);
    }
}
