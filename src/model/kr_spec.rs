//! What a new key result measures, as `okr add` takes it: from `add kr`'s
//! options or from the one-line `--kr` of `add objective`, read and checked
//! here (plain text work), written to the file by the command. Also what an
//! id may be. What the file gains is the command's business.

use std::fmt;

use anyhow::{Result, bail};

use super::{Cycle, Date, format_number, parse_date};

/// What a key result measures, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// A number to move from `start` to `target`; `current` starts at `start`
    /// unless given.
    Numeric {
        start: f64,
        target: f64,
        current: Option<f64>,
        unit: Option<String>,
    },
    /// Done by a day.
    Milestone { due: Date },
    /// A level to hold: at or above `bound` (`above`), or at or below it.
    Threshold {
        above: bool,
        bound: f64,
        current: f64,
        unit: Option<String>,
    },
}

impl Measure {
    /// Refuses what `okr check` would refuse: a target equal to the start, a
    /// due date outside the cycle. `dashes` names the parts as options
    /// (`--start`, `--due`) rather than as words of a `--kr`.
    pub fn check(&self, cycle: Option<&Cycle>, dashes: bool) -> Result<()> {
        let d = if dashes { "--" } else { "" };
        match self {
            Measure::Numeric { start, target, .. } if start == target => bail!(
                "{d}start and {d}target are both {}; a key result has to move something",
                format_number(*start)
            ),
            Measure::Milestone { due } => match cycle {
                Some(c) if !c.period.contains(*due) => bail!(
                    "{d}due {due} lies outside cycle {} ({} to {}); a key result is due within its cycle",
                    c.id,
                    c.period.start,
                    c.period.end
                ),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

/// Ids appear in references (`objective/kr`) and on command lines: no `/`, no spaces.
pub fn check_id(id: &str, what: &str) -> Result<()> {
    if id.chars().count() > super::MAX_REF_CHARS {
        bail!(
            "a {what} id has at most {} characters; this one has {}",
            super::MAX_REF_CHARS,
            id.chars().count()
        );
    }
    if id.is_empty()
        || id.contains('/')
        || id.chars().any(char::is_whitespace)
        || id.starts_with('-')
    {
        bail!(
            "`{id}` cannot be a {what} id; use letters, digits, `-`, `_` or `.` (no `/` or spaces), e.g. `visitor-retention`"
        );
    }
    Ok(())
}

/// One `--kr` of `okr add objective`: `ID: TITLE, MEASURE`.
#[derive(Debug, Clone, PartialEq)]
pub struct KrSpec {
    pub id: String,
    pub title: String,
    pub measure: Measure,
}

/// The syntax of `--kr`, for help texts and errors.
pub const SYNTAX: &str = "`ID: TITLE, START -> TARGET [UNIT]`, `ID: TITLE, due YYYY-MM-DD`, or `ID: TITLE, keep above|below X [UNIT] now Y`";

/// Why a `--kr` could not be read.
#[derive(Debug)]
pub struct SpecError(String);

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; write {SYNTAX}", self.0)
    }
}

impl std::error::Error for SpecError {}

fn wrong(message: String) -> SpecError {
    SpecError(message)
}

impl std::str::FromStr for KrSpec {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let Some((id, rest)) = text.split_once(':') else {
            return Err(wrong(
                "no `id:` at the start (the key result's id, then a colon)".to_owned(),
            ));
        };
        let id = id.trim();
        if let Err(e) = check_id(id, "key result") {
            return Err(wrong(e.to_string()));
        }
        let Some((title, measure)) = rest.rsplit_once(',') else {
            return Err(wrong(format!(
                "no `, ` between the title and what `{id}` measures"
            )));
        };
        let title = title.trim();
        if title.is_empty() {
            return Err(wrong(format!("no title before the comma of `{id}`")));
        }
        Ok(KrSpec {
            id: id.to_owned(),
            title: title.to_owned(),
            measure: measure_of(measure.trim())?,
        })
    }
}

/// `10 -> 90 %`, `10% → 90%`, `due 2026-12-15`, `keep above 99.9 % now 99.95`.
fn measure_of(text: &str) -> Result<Measure, SpecError> {
    if let Some(date) = text.strip_prefix("due ") {
        let date = date.trim();
        return parse_date(date)
            .map(|due| Measure::Milestone { due })
            .map_err(|why| wrong(format!("the due date \"{date}\" is {why}")));
    }
    for (prefix, above) in [("keep above ", true), ("keep below ", false)] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return threshold(rest.trim(), above);
        }
    }
    if let Some((start, target)) = text.split_once("->").or_else(|| text.split_once('→')) {
        let (start, start_unit) = number_and_unit(start.trim())?;
        let (target, unit) = number_and_unit(target.trim())?;
        if start_unit.is_some() && start_unit != unit {
            return Err(wrong(format!(
                "the unit of the start (`{}`) and of the target (`{}`) differ",
                start_unit.unwrap_or_default(),
                unit.unwrap_or_default()
            )));
        }
        return Ok(Measure::Numeric {
            start,
            target,
            current: None,
            unit,
        });
    }
    Err(wrong(format!("`{text}` is not a measure")))
}

/// `99.9 % now 99.95` after `keep above`.
fn threshold(text: &str, above: bool) -> Result<Measure, SpecError> {
    let words = if above { "keep above" } else { "keep below" };
    let Some((bound, now)) = text
        .split_once(" now ")
        .or_else(|| text.strip_suffix(" now").map(|b| (b, "")))
    else {
        return Err(wrong(format!(
            "`{words} {text}` says no level it is at now; add `now Y` after it"
        )));
    };
    let (bound, unit) = number_and_unit(bound.trim())?;
    let now = now.trim();
    let current = match number_and_unit(now)? {
        (current, None) => current,
        (current, Some(u)) if Some(&u) == unit.as_ref() => current,
        _ => return Err(wrong(format!("`{now}` after `now` is not a number"))),
    };
    Ok(Measure::Threshold {
        above,
        bound,
        current,
        unit,
    })
}

/// `90 %`, `90%`, `800 ms`, `-1.5`: a number and an optional unit after it.
fn number_and_unit(text: &str) -> Result<(f64, Option<String>), SpecError> {
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit() || c == '.' || c == '_' || (i == 0 && "+-".contains(c)))
        })
        .map_or(text.len(), |(i, _)| i);
    let (number, unit) = text.split_at(end);
    let value = number.replace('_', "").parse::<f64>().ok();
    match value {
        Some(x) if x.is_finite() && x.abs() < 1e15 => {
            let unit = unit.trim();
            Ok((x, (!unit.is_empty()).then(|| unit.to_owned())))
        }
        _ => match text.split_whitespace().next() {
            Some(word) => Err(wrong(format!("`{word}` is not a number"))),
            None => Err(wrong("a number is missing".to_owned())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> KrSpec {
        s.parse().unwrap()
    }

    #[test]
    fn reads_the_three_kinds() {
        let k = spec("traced: Share traced, from logs, 10 -> 90 %");
        assert_eq!(
            (k.id.as_str(), k.title.as_str()),
            ("traced", "Share traced, from logs")
        );
        assert_eq!(
            k.measure,
            Measure::Numeric {
                start: 10.0,
                target: 90.0,
                current: None,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            spec("a: b, 3.1% → 5%").measure,
            Measure::Numeric {
                start: 3.1,
                target: 5.0,
                current: None,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            spec("m: 上线, due 2026-12-15").measure,
            Measure::Milestone {
                due: Date::from_ymd_opt(2026, 12, 15).unwrap()
            }
        );
        assert_eq!(
            spec("u: Uptime, keep above 99.9 % now 99.95%").measure,
            Measure::Threshold {
                above: true,
                bound: 99.9,
                current: 99.95,
                unit: Some("%".into())
            }
        );
    }

    #[test]
    fn names_what_is_wrong() {
        let err = |s: &str| s.parse::<KrSpec>().unwrap_err().to_string();
        assert!(err("a: b, 9 -> ").contains("a number is missing"));
        assert!(err("a: b, keep above 3").contains("add `now Y`"));
        assert!(err("a: b, keep above 3 now x").contains("`x` is not a number"));
        assert!(err("a: b, keep above 3 % now 2 ms").contains("after `now` is not a number"));
        assert!(err("a: b, due tomorrow").contains("\"tomorrow\""));
        assert!(err("a b").contains(SYNTAX));
    }
}
