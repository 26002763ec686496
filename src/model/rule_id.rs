//! Rule ids: the one list of the names of okr's rules, as findings, okr.yaml
//! (`levels:`, `ignore:`), `# okr: ignore[...]` comments and `okr explain`
//! write them. Only the names: what each rule checks lives with the rules.

use std::fmt;
use std::str::FromStr;

/// A rule of `okr check`, by its stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    Yaml,
    Schema,
    DuplicateId,
    UnknownRef,
    AlignmentTarget,
    AlignmentCycle,
    AlignmentTeam,
    AlignmentLoop,
    Orphan,
    Measurable,
    ObjectiveCount,
    KrCount,
    Deadline,
    Overdue,
    Owner,
    BottomUpShare,
    Coverage,
    Agreed,
    Range,
    Stale,
    Review,
    Ambition,
    TargetMoved,
    SourceUnknown,
    SecretInline,
    SourceStale,
}

impl RuleId {
    /// Every rule, in the order `okr explain` lists them.
    pub const ALL: [RuleId; 26] = [
        RuleId::Yaml,
        RuleId::Schema,
        RuleId::DuplicateId,
        RuleId::UnknownRef,
        RuleId::AlignmentTarget,
        RuleId::AlignmentCycle,
        RuleId::AlignmentTeam,
        RuleId::AlignmentLoop,
        RuleId::Orphan,
        RuleId::Measurable,
        RuleId::ObjectiveCount,
        RuleId::KrCount,
        RuleId::Deadline,
        RuleId::Overdue,
        RuleId::Owner,
        RuleId::BottomUpShare,
        RuleId::Coverage,
        RuleId::Agreed,
        RuleId::Range,
        RuleId::Stale,
        RuleId::Review,
        RuleId::Ambition,
        RuleId::TargetMoved,
        RuleId::SourceUnknown,
        RuleId::SecretInline,
        RuleId::SourceStale,
    ];

    /// The id as users write it: `duplicate-id`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleId::Yaml => "yaml",
            RuleId::Schema => "schema",
            RuleId::DuplicateId => "duplicate-id",
            RuleId::UnknownRef => "unknown-ref",
            RuleId::AlignmentTarget => "alignment-target",
            RuleId::AlignmentCycle => "alignment-cycle",
            RuleId::AlignmentTeam => "alignment-team",
            RuleId::AlignmentLoop => "alignment-loop",
            RuleId::Orphan => "orphan",
            RuleId::Measurable => "measurable",
            RuleId::ObjectiveCount => "objective-count",
            RuleId::KrCount => "kr-count",
            RuleId::Deadline => "deadline",
            RuleId::Overdue => "overdue",
            RuleId::Owner => "owner",
            RuleId::BottomUpShare => "bottom-up-share",
            RuleId::Coverage => "coverage",
            RuleId::Agreed => "agreed",
            RuleId::Range => "range",
            RuleId::Stale => "stale",
            RuleId::Review => "review",
            RuleId::Ambition => "ambition",
            RuleId::TargetMoved => "target-moved",
            RuleId::SourceUnknown => "source-unknown",
            RuleId::SecretInline => "secret-inline",
            RuleId::SourceStale => "source-stale",
        }
    }

    /// The rule an id names, if any.
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }
}

impl fmt::Display for RuleId {
    /// The id, padded as the format asks (`{:<18}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl From<RuleId> for &'static str {
    fn from(id: RuleId) -> Self {
        id.as_str()
    }
}

/// Why a text names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no rule is named `{}`", self.0)
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::parse(s).ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back() {
        for id in RuleId::ALL {
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
        }
        assert_eq!(RuleId::parse("duplicate-id"), Some(RuleId::DuplicateId));
        assert!("duplicate_id".parse::<RuleId>().is_err());
    }
}
