//! Findings: what `okr check` reports, and what loading left out because of
//! them. Findings are values, never errors: plain data that uses only the
//! model.

use std::fmt;

use crate::model::{Level, Pos};

/// A path to a node inside one YAML document: `objectives[2].key_results[0].target`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Route {
    pub segments: Vec<Segment>,
    /// Point at the key of the last segment rather than at its value.
    pub at_key: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl Route {
    pub fn root() -> Self {
        Route::default()
    }

    pub fn key(mut self, key: &str) -> Self {
        self.segments.push(Segment::Key(key.to_owned()));
        self
    }

    pub fn index(mut self, i: usize) -> Self {
        self.segments.push(Segment::Index(i));
        self
    }

    /// The same route, pointing at the key of its last segment.
    pub fn the_key(mut self) -> Self {
        self.at_key = true;
        self
    }

    pub fn objective(i: usize) -> Self {
        Route::root().key("objectives").index(i)
    }

    pub fn key_result(i: usize, j: usize) -> Self {
        Route::objective(i).key("key_results").index(j)
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for segment in &self.segments {
            match segment {
                Segment::Key(k) if first => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// Where in a file a finding points.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// A node, resolved to a line and column when the finding is shown.
    Route(Route),
    /// A position the parser reported.
    Pos(Pos),
}

/// One rule violation.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub level: Level,
    /// Path relative to the OKR root, `/` separators.
    pub file: String,
    pub location: Location,
    /// Filled in by `load::locate` before findings are shown.
    pub pos: Pos,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl Finding {
    /// `rule`: a [`crate::model::RuleId`] (or, while code that names rules by
    /// text remains, its id).
    pub fn new(
        rule: impl Into<&'static str>,
        file: &str,
        location: Location,
        message: String,
    ) -> Self {
        let rule = rule.into();
        let pos = match &location {
            Location::Pos(p) => *p,
            Location::Route(_) => Pos::default(),
        };
        Finding {
            rule,
            level: Level::Error,
            file: file.to_owned(),
            location,
            pos,
            message,
        }
    }

    pub fn at(
        rule: impl Into<&'static str>,
        file: &str,
        route: Route,
        message: impl Into<String>,
    ) -> Self {
        Finding::new(rule, file, Location::Route(route), message.into())
    }
}

/// Counts for the summary line and the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub suppressed: usize,
    pub files: usize,
}

/// What loading could not read, for the views to say so: a file that does
/// not parse (all of it is left out), or a field that does not decode (the
/// objective or key result is read without it). Kept with the model cache, so
/// that a view read from the cache says the same.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LeftOut {
    /// Relative to the OKR root, `/` separators.
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// False when the file does not parse, so none of it is read.
    pub parsed: bool,
    /// The objective (its index in the file) the problem is in, if any.
    pub objective: Option<usize>,
    /// The key result (its index in the objective) the problem is in, if any.
    pub key_result: Option<usize>,
    /// The finding's message: what is wrong, and how to fix it.
    pub why: String,
}

impl LeftOut {
    /// From a finding of loading (`yaml`, `schema` or `range`) whose position
    /// is located.
    pub fn of(f: &Finding) -> Self {
        let (objective, key_result) = match &f.location {
            Location::Route(route) => match route.segments.as_slice() {
                [
                    Segment::Key(o),
                    Segment::Index(i),
                    Segment::Key(k),
                    Segment::Index(j),
                    ..,
                ] if o == "objectives" && k == "key_results" => (Some(*i), Some(*j)),
                [Segment::Key(o), Segment::Index(i), ..] if o == "objectives" => (Some(*i), None),
                _ => (None, None),
            },
            Location::Pos(_) => (None, None),
        };
        LeftOut {
            file: f.file.clone(),
            line: f.pos.line,
            column: f.pos.column,
            parsed: f.rule != "yaml",
            objective,
            key_result,
            why: f.message.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_display() {
        let r = Route::key_result(2, 0).key("target");
        assert_eq!(r.to_string(), "objectives[2].key_results[0].target");
    }

    #[test]
    fn the_route_names_the_objective_and_key_result() {
        let f = Finding::at(
            "schema",
            "okrs/a.yaml",
            Route::key_result(2, 1).key("traget").the_key(),
            "unknown key",
        );
        let l = LeftOut::of(&f);
        assert_eq!(
            (l.objective, l.key_result, l.parsed),
            (Some(2), Some(1), true)
        );
        let o = LeftOut::of(&Finding::at(
            "schema",
            "a",
            Route::objective(3).key("status"),
            "x",
        ));
        assert_eq!((o.objective, o.key_result), (Some(3), None));
        let file = LeftOut::of(&Finding::at("schema", "a", Route::root().key("cycle"), "x"));
        assert_eq!((file.objective, file.key_result), (None, None));
    }
}
