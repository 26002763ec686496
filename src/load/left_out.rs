//! What loading could not read, for the views to say so: a file that does
//! not parse (all of it is left out), or a field that does not decode (the
//! objective or key result is read without it). Kept with the model cache, so
//! that a view read from the cache says the same.

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Location, Segment};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    use crate::finding::Route;

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
