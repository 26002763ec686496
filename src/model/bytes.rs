//! Comparing two versions of a text byte by byte: what an edit kept at each
//! end. Used by the edit engine (to verify an edit) and by history (to read a
//! new version of a file as an edit of the one before).

/// The lengths of the common prefix and (non-overlapping) common suffix.
pub fn common_ends(a: &[u8], b: &[u8]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}
