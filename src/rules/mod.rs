//! The rules of `okr check`, one file each (`src/rules/<rule_id>.rs`): its id,
//! default level, what it checks, why, how to fix a finding, its examples and
//! its `check`. This module lists them, runs the checks, sets findings' levels
//! from okr.yaml and applies suppressions.
//!
//! Rules are pure: they read the model (`model::Context`), findings and
//! scores, and read no file and no git (`stale` and `target-moved` receive
//! what history found as arguments).

mod agreed;
mod alignment_cycle;
mod alignment_loop;
mod alignment_target;
mod alignment_team;
mod ambition;
mod bottom_up_share;
mod coverage;
mod deadline;
mod duplicate_id;
pub mod eased;
pub mod example;
pub mod history;
mod kr_count;
mod measurable;
pub mod moved;
mod objective_count;
mod orphan;
mod overdue;
mod owner;
mod range;
mod review;
mod schema;
mod secret_inline;
pub mod source_stale;
mod source_unknown;
mod stale;
mod suppress;
mod target_moved;
mod unknown_ref;
mod yaml;

pub use example::Examples;
pub use suppress::{apply_suppressions, unknown_ignored_rules};

use crate::finding::{Finding, Location};
use crate::model::{Context, Level, RuleId, did_you_mean};

/// A rule's check: it reads the model and adds its findings to those found so far.
pub type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// What a rule is, for `okr explain`, SARIF, the man page and the README, and
/// its check.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: RuleId,
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

/// Every rule, in the order of [`RuleId::ALL`].
pub const RULES: &[Rule] = &[
    yaml::RULE,
    schema::RULE,
    duplicate_id::RULE,
    unknown_ref::RULE,
    alignment_target::RULE,
    alignment_cycle::RULE,
    alignment_team::RULE,
    alignment_loop::RULE,
    orphan::RULE,
    measurable::RULE,
    objective_count::RULE,
    kr_count::RULE,
    deadline::RULE,
    overdue::RULE,
    owner::RULE,
    bottom_up_share::RULE,
    coverage::RULE,
    agreed::RULE,
    range::RULE,
    stale::RULE,
    review::RULE,
    ambition::RULE,
    target_moved::RULE,
    source_unknown::RULE,
    secret_inline::RULE,
    source_stale::RULE,
];

/// The checks that read the model alone. `yaml` and `schema` are found while
/// loading; `stale`, `target-moved` and `source-stale` need history, and run
/// from [`history`].
const CHECKS: &[Check] = &[
    duplicate_id::check,
    unknown_ref::check,
    owner::check,
    alignment_target::check,
    alignment_cycle::check,
    alignment_team::check,
    orphan::check,
    alignment_loop::check,
    measurable::check,
    deadline::check,
    range::check,
    objective_count::check,
    kr_count::check,
    bottom_up_share::check,
    coverage::check,
    agreed::check,
    overdue::check,
    review::check,
    ambition::check,
    source_unknown::check,
    secret_inline::check,
];

/// Rules whose findings mean nothing when okr.yaml itself does not parse.
const NEEDS_CONFIG: &[RuleId] = &[
    RuleId::UnknownRef,
    RuleId::Owner,
    RuleId::AlignmentTeam,
    RuleId::Orphan,
    RuleId::BottomUpShare,
    RuleId::Coverage,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.as_str() == id)
}

/// Runs every static rule, sets each finding's level from okr.yaml, and drops
/// the findings of rules that are `off`.
pub fn check(cx: &Context<'_>, mut findings: Vec<Finding>) -> Vec<Finding> {
    let config_broken = findings
        .iter()
        .any(|f| f.rule == RuleId::Yaml.as_str() && f.file == crate::model::CONFIG_FILE);
    for check in CHECKS {
        check(cx, &mut findings);
    }
    drop_derived(&mut findings);
    if config_broken {
        // Without okr.yaml every team and person looks unknown: report the cause only.
        findings.retain(|f| !NEEDS_CONFIG.iter().any(|r| r.as_str() == f.rule));
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
        .filter(|f| matches!(RuleId::parse(f.rule), Some(RuleId::Schema | RuleId::Range)))
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
            let within = match RuleId::parse(f.rule) {
                // objectives[i].key_results[j]
                Some(RuleId::Measurable) => &r.segments[..r.segments.len().min(4)],
                // cycles[i] of okr.yaml, whose `start` or `end` did not decode
                Some(RuleId::Deadline) if f.file == crate::model::CONFIG_FILE => &r.segments[..],
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

/// "did you mean `x`? ", or nothing.
fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates).map_or(String::new(), |s| format!("did you mean `{s}`? "))
}

/// "did you mean" for a person: the id whose name is exactly `word` (people often
/// write the name, 李伟, for the id, li.wei), else the closest id.
fn suggest_person(cx: &Context<'_>, word: &str) -> String {
    let by_name = cx
        .org
        .config
        .people
        .iter()
        .find(|p| p.name.as_deref() == Some(word));
    match by_name {
        Some(p) => format!("did you mean `{}` ({word})? ", p.id),
        None => suggest(word, cx.people.iter().copied()),
    }
}

/// What each rule file's unit test asks of its examples.
#[cfg(test)]
pub(crate) mod testing {
    use super::example::{Example, TODAY};
    use super::{Rule, RuleId};

    /// The rules `okr check` reports on an example that is a plain folder,
    /// loaded from a temporary copy as `okr check` loads it.
    fn reported(example: &Example) -> Vec<&'static str> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for file in example.files {
            let path = dir.path().join(file.path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            std::fs::write(&path, file.text).expect("write");
        }
        let (org, findings) = crate::load::load(dir.path()).expect("load");
        let today = TODAY.parse().expect("a date");
        let cx = crate::model::Context::new(&org, today);
        let mut rules: Vec<&str> = super::check(&cx, findings)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }

    /// The failing example reports the rule alone; the passing one nothing.
    pub fn examples_hold(rule: &Rule) {
        assert_eq!(RuleId::parse(rule.id.as_str()), Some(rule.id));
        assert!(!rule.needs_history);
        let (fail, pass) = (&rule.examples.fail, &rule.examples.pass);
        assert!(fail.manifest.is_empty() && pass.manifest.is_empty());
        assert_eq!(reported(fail), [rule.id.as_str()], "{}", rule.id);
        assert_eq!(reported(pass), Vec::<&str>::new(), "{}", rule.id);
    }

    /// A rule that reads history: both examples are git histories with their
    /// okr.yaml in the first commit, and a commit more makes the failing one pass.
    /// (`tests/rules.rs` replays them and runs `okr check`.)
    pub fn history_examples_hold(rule: &Rule) {
        assert!(rule.needs_history, "{}", rule.id);
        for example in [&rule.examples.fail, &rule.examples.pass] {
            let commits = example.commits();
            assert!(!commits.is_empty(), "{}", rule.id);
            assert_eq!(commits.len(), example.commit_files.len(), "{}", rule.id);
            assert!(!example.config().is_empty(), "{}", rule.id);
            for commit in &commits {
                assert!(commit.date.parse::<crate::model::Date>().is_ok());
                assert!(!commit.message.is_empty());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_has_its_rule_in_order() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
        let all: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(ids, all);
    }
}
