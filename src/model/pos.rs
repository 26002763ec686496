//! Where things stand in a file: plain positions, with no parsing here (the
//! parser in `load` fills them in).

/// A position in a file: 1-based line and column (in characters).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// The bytes of a node in its file: `start..end` (when parsed with positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}
