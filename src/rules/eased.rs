//! What counts as easing a key result's goal: one definition for the warnings
//! of `okr diff` and the `target-moved` rule of `okr check --base`. Pure:
//! compares two key results.

use crate::model::{Date, KeyResult, format_number};

/// One value of a key result's goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    Number(f64),
    Day(Date),
}

/// The fields of a key result's goal, what its check-ins are measured
/// against, with their values.
pub fn goal(kr: &KeyResult) -> [(&'static str, Option<Goal>); 5] {
    let number = |x: Option<f64>| x.map(Goal::Number);
    [
        ("start", number(kr.start)),
        ("target", number(kr.target)),
        ("keep_above", number(kr.keep_above)),
        ("keep_below", number(kr.keep_below)),
        ("due", kr.due.map(Goal::Day)),
    ]
}

/// The goal fields whose values differ between two versions of a key result.
pub fn goal_changes(old: &KeyResult, new: &KeyResult) -> Vec<&'static str> {
    goal(old)
        .into_iter()
        .zip(goal(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, _), _)| field)
        .collect()
}

/// One way a change eased a key result's goal.
#[derive(Debug, Clone, PartialEq)]
pub enum Eased {
    /// The target moved towards the start (less distance to cover).
    Target { from: f64, to: f64 },
    /// The start moved, either way: progress is measured from it.
    Start { from: f64, to: f64 },
    /// `keep_above` lowered or `keep_below` raised.
    Threshold {
        field: &'static str,
        from: f64,
        to: f64,
    },
    /// A milestone's due date moved later.
    Due { from: Date, to: Date },
    /// The key result is gone.
    Removed,
}

impl Eased {
    /// The goal field it moved; `None` for a removed key result.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Eased::Target { .. } => Some("target"),
            Eased::Start { .. } => Some("start"),
            Eased::Threshold { field, .. } => Some(field),
            Eased::Due { .. } => Some("due"),
            Eased::Removed => None,
        }
    }

    /// The kind of `okr diff`'s warning.
    pub fn kind(&self) -> &'static str {
        match self {
            Eased::Target { .. } | Eased::Threshold { .. } => "target-eased",
            Eased::Start { .. } => "baseline-moved",
            Eased::Due { .. } => "due-postponed",
            Eased::Removed => "removed-mid-cycle",
        }
    }

    /// What moved, e.g. `target eased from 12 to 10`.
    pub fn describe(&self) -> String {
        match self {
            Eased::Target { from, to } => format!(
                "target eased from {} to {}",
                format_number(*from),
                format_number(*to)
            ),
            Eased::Start { from, to } => format!(
                "baseline (start) moved from {} to {}",
                format_number(*from),
                format_number(*to)
            ),
            Eased::Threshold { from, to, .. } => format!(
                "threshold eased from {} to {}",
                format_number(*from),
                format_number(*to)
            ),
            Eased::Due { from, to } => format!("due date moved from {from} to {to}"),
            Eased::Removed => "key result removed".to_owned(),
        }
    }
}

/// How `new` eases the goal of `old` (`None`: the key result was removed).
pub fn eased(old: &KeyResult, new: Option<&KeyResult>) -> Vec<Eased> {
    let Some(new) = new else {
        return vec![Eased::Removed];
    };
    let mut out = Vec::new();
    if let (Some(s0), Some(t0), Some(s1), Some(t1)) = (old.start, old.target, new.start, new.target)
    {
        // Easier: less distance to cover in the direction the key result moves.
        let shorter = (t1 - s1).abs() < (t0 - s0).abs() || (t0 - s0).signum() != (t1 - s1).signum();
        if t0 != t1 && (t1 - t0) * (t0 - s0).signum() < 0.0 && shorter {
            out.push(Eased::Target { from: t0, to: t1 });
        }
        if s0 != s1 {
            out.push(Eased::Start { from: s0, to: s1 });
        }
    }
    match (old.keep_above, new.keep_above) {
        (Some(a), Some(b)) if b < a => out.push(Eased::Threshold {
            field: "keep_above",
            from: a,
            to: b,
        }),
        _ => {}
    }
    match (old.keep_below, new.keep_below) {
        (Some(a), Some(b)) if b > a => out.push(Eased::Threshold {
            field: "keep_below",
            from: a,
            to: b,
        }),
        _ => {}
    }
    if let (Some(a), Some(b)) = (old.due, new.due)
        && b > a
    {
        out.push(Eased::Due { from: a, to: b });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(yaml: &str) -> KeyResult {
        serde_json::from_value(serde_json::json!({"id": "k", "title": "t"}))
            .map(|k: KeyResult| {
                let mut k = k;
                for pair in yaml.split(',') {
                    let (key, value) = pair.split_once('=').unwrap();
                    let x = || value.parse::<f64>().unwrap();
                    match key.trim() {
                        "start" => k.start = Some(x()),
                        "target" => k.target = Some(x()),
                        "above" => k.keep_above = Some(x()),
                        "below" => k.keep_below = Some(x()),
                        "due" => k.due = Some(value.parse().unwrap()),
                        other => panic!("{other}"),
                    }
                }
                k
            })
            .unwrap()
    }

    fn kinds(old: &str, new: &str) -> Vec<&'static str> {
        eased(&kr(old), Some(&kr(new)))
            .iter()
            .map(Eased::kind)
            .collect()
    }

    #[test]
    fn easier_goals_are_eased_and_harder_ones_are_not() {
        assert_eq!(
            kinds("start=0,target=12", "start=0,target=10"),
            ["target-eased"]
        );
        assert_eq!(kinds("start=0,target=12", "start=0,target=14"), [""; 0]);
        assert_eq!(
            kinds("start=800,target=300", "start=800,target=350"),
            ["target-eased"]
        );
        assert_eq!(
            kinds("start=10,target=30", "start=12,target=30"),
            ["baseline-moved"]
        );
        assert_eq!(kinds("above=99.9", "above=95"), ["target-eased"]);
        assert_eq!(kinds("above=95", "above=99.9"), [""; 0]);
        assert_eq!(kinds("below=2", "below=3"), ["target-eased"]);
        assert_eq!(kinds("below=3", "below=2"), [""; 0]);
        assert_eq!(kinds("due=2026-12-15", "due=2027-01-15"), ["due-postponed"]);
        assert_eq!(kinds("due=2026-12-15", "due=2026-12-01"), [""; 0]);
        assert_eq!(eased(&kr("below=2"), None), [Eased::Removed]);
    }

    #[test]
    fn goal_changes_name_every_goal_field_that_moved() {
        assert_eq!(
            goal_changes(&kr("start=0,target=12"), &kr("start=1,target=14")),
            ["start", "target"]
        );
        assert_eq!(
            goal_changes(&kr("due=2026-12-15"), &kr("due=2026-12-01")),
            ["due"]
        );
    }
}
