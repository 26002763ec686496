//! The OKR files that did not parse, and why: for a command that looks a name
//! up and finds nothing, to say where it may be instead of guessing. Read
//! from what loading kept of each such file; nothing is read again.

use super::{Org, ParseProblem, Pos};

/// An OKR file that did not parse.
#[derive(Debug)]
pub struct Broken {
    /// Relative to the OKR root, `/` separators.
    pub path: String,
    pub text: String,
    pub problem: ParseProblem,
}

impl Broken {
    /// `line 12: unresolved merge conflict`: where, and the first words of why.
    pub fn why(&self) -> String {
        let cause = self
            .problem
            .message
            .split([':', ';'])
            .next()
            .unwrap_or_default()
            .trim();
        format!("line {}: {cause}", self.problem.pos.line)
    }

    /// Whether a line of the file reads `id: ID` (or `- id: ID`), as the
    /// objective or key result `ID` would.
    pub fn mentions_id(&self, id: &str) -> bool {
        self.text.lines().any(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
            line.strip_prefix("id:").is_some_and(|rest| {
                let value = rest.split(" #").next().unwrap_or_default().trim();
                value.trim_matches(['"', '\'']) == id
            })
        })
    }
}

/// The files of the organisation that did not parse, with their problem.
pub fn broken_files(org: &Org) -> Vec<Broken> {
    org.files
        .iter()
        .filter(|f| f.okr.is_none())
        .map(|f| Broken {
            path: f.path.clone(),
            text: f.text.clone(),
            problem: f.problem.clone().unwrap_or_else(|| ParseProblem {
                pos: Pos { line: 1, column: 1 },
                message: "it could not be read".to_owned(),
            }),
        })
        .collect()
}
