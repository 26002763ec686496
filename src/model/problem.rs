//! Why a text could not be parsed as an OKR file, and where: plain data that
//! `load`'s parser fills in and the model keeps with a file that did not parse.

use super::Pos;

/// Why a file could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ParseProblem {
    pub pos: Pos,
    pub message: String,
}

impl ParseProblem {
    /// The problem placed in its file, as `okr check` places findings.
    pub fn in_file(self, file: &str) -> FileProblem {
        FileProblem {
            file: file.to_owned(),
            problem: self,
        }
    }
}

/// `line 3: duplicate key ...`.
impl std::fmt::Display for ParseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.pos.line, self.message)
    }
}

impl std::error::Error for ParseProblem {}

/// A [`ParseProblem`] in a named file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    /// Relative to the OKR root, `/` separators.
    pub file: String,
    pub problem: ParseProblem,
}

/// `okrs/a.yaml:3:5: duplicate key ...`.
impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = &self.problem;
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, p.pos.line, p.pos.column, p.message
        )
    }
}

impl std::error::Error for FileProblem {}
