//! "Did you mean": the one place that picks the closest of the names there
//! are to a name that matches none. Plain string work, no I/O.

use std::sync::atomic::{AtomicU64, Ordering};

/// The most characters an id or a reference may have (`okr.yaml`'s teams and
/// people, objective and key result ids, `aligns`, owners, cycles): longer
/// ones are findings when they are read.
pub const MAX_REF_CHARS: usize = 200;

/// The work "did you mean" may do in one run of okr, in characters compared
/// (the product of two names' lengths per comparison): about a second. A
/// file of many thousand unknown references, each compared with many
/// thousand ids, would otherwise take hours; past the budget the findings
/// are still made, without suggestions.
const WORK_BUDGET: u64 = 400_000_000;

static WORK_DONE: AtomicU64 = AtomicU64::new(0);

/// The closest of `candidates` to `word`, for "did you mean".
///
/// Each comparison costs the product of the two lengths, so the work is
/// bounded: words and candidates longer than [`MAX_REF_CHARS`] are not
/// compared, nor a candidate more than twice as long as the word or less than
/// half as long (no such pair is a likely typo), and all comparisons of a run
/// stop at [`WORK_BUDGET`].
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().take(MAX_REF_CHARS + 1).count();
    if len > MAX_REF_CHARS {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        // Byte lengths bound character counts from above: most candidates
        // are judged without counting.
        if c.len() > 4 * MAX_REF_CHARS || c.len() < len / 2 {
            continue;
        }
        let n = c.chars().take(2 * len + 3).count();
        if n > 2 * len + 2 || 2 * n + 2 < len {
            continue;
        }
        let work = (len.max(1) * n.max(1)) as u64;
        if WORK_DONE.fetch_add(work, Ordering::Relaxed) > WORK_BUDGET {
            return None;
        }
        let score = strsim::jaro_winkler(word, c);
        // The last of equally close ones, as `Iterator::max_by` picks.
        if score > 0.8 && best.is_none_or(|(b, _)| score >= b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
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
        assert_eq!(did_you_mean("ab", ["abc"]), Some("abc"));
        assert_eq!(did_you_mean("a", ["ab"]), Some("ab"));
    }

    #[test]
    fn long_words_and_far_lengths_are_not_compared() {
        let long = format!("q4-retention{}", "x".repeat(MAX_REF_CHARS));
        assert_eq!(did_you_mean(&long, ["q4-retention"]), None);
        assert_eq!(did_you_mean("q4-retention", [long.as_str()]), None);
        let padded = format!("q4-retention{}", "x".repeat(20));
        assert_eq!(did_you_mean(&padded, ["q4-retention"]), None);
        // A megabyte against many candidates is quick: none is compared.
        let huge = "q".repeat(1 << 20);
        let ids: Vec<String> = (0..10_000).map(|i| format!("q4-objective-{i}")).collect();
        assert_eq!(did_you_mean(&huge, ids.iter().map(String::as_str)), None);
    }
}
