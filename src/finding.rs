//! Findings: what `okr check` reports. Findings are values, never errors.

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
    pub fn new(rule: &'static str, file: &str, location: Location, message: String) -> Self {
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

    pub fn at(rule: &'static str, file: &str, route: Route, message: impl Into<String>) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_display() {
        let r = Route::key_result(2, 0).key("target");
        assert_eq!(r.to_string(), "objectives[2].key_results[0].target");
    }
}
