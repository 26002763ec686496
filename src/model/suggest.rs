//! "Did you mean": the one place that picks the closest of the names there
//! are to a name that matches none. Plain string work, no I/O.

/// The closest of `candidates` to `word`, for "did you mean".
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the closest of `candidates` to `word`, if one is close.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("titel", ["id", "title", "owner"]),
            Some("title")
        );
        assert_eq!(
            did_you_mean("keyresults", ["key_results", "kind"]),
            Some("key_results")
        );
        assert_eq!(did_you_mean("zzz", ["id", "title"]), None);
    }
}
