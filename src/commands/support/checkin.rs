//! What a check-in writes, for `checkin`, `sync` and `import`: where a value
//! missing from a key result goes, and the commit message with its trailers.
//! Shared by commands; calls no command.

use anyhow::Result;

use crate::edit::{self, Scalar, Set};
use crate::finding::Route;
use crate::model::format_number;

/// Where a new `confidence:` goes: after the value, as in the file format's example.
pub const CONFIDENCE_AFTER: &[&str] = &[
    "unit",
    "current",
    "done",
    "target",
    "keep_above",
    "keep_below",
];
/// Where a missing `current:` goes.
pub const CURRENT_AFTER: &[&str] = &["target", "keep_above", "keep_below", "start", "title", "id"];

/// A check-in written into a file's text: `key` (`current`, or `done` of a
/// milestone) of the key result at `route` set to `value`, and its
/// `confidence` when given; verified by the edit engine.
pub fn set_value(
    text: &str,
    route: &Route,
    key: &str,
    value: Scalar,
    confidence: Option<f64>,
) -> Result<String> {
    let mut edited = edit::set_scalar(
        text,
        &Set {
            map: route.clone(),
            key,
            value,
            after: CURRENT_AFTER,
        },
    )?;
    if let Some(c) = confidence {
        edited = edit::set_scalar(
            &edited,
            &Set {
                map: route.clone(),
                key: "confidence",
                value: Scalar::Number(c),
                after: CONFIDENCE_AFTER,
            },
        )?;
    }
    Ok(edited)
}

/// The commit message: subject, optional note, trailers. `old` is `None`
/// when the value stays as it was.
pub fn message(
    reference: &str,
    old: Option<&str>,
    new: &str,
    confidence: Option<f64>,
    note: Option<&str>,
) -> String {
    let mut m = match old {
        Some(old) => format!("checkin: {reference} {old} -> {new}\n\n"),
        None => format!("checkin: {reference} {new} (unchanged)\n\n"),
    };
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        m.push_str(note);
        m.push_str("\n\n");
    }
    m.push_str(&format!("OKR-Key-Result: {reference}\nOKR-Value: {new}\n"));
    if let Some(c) = confidence {
        m.push_str(&format!("OKR-Confidence: {}\n", format_number(c)));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_subject_note_and_trailers() {
        assert_eq!(
            message("a/b", Some("22"), "26", Some(0.7), Some("new funnel live")),
            "checkin: a/b 22 -> 26\n\nnew funnel live\n\nOKR-Key-Result: a/b\nOKR-Value: 26\nOKR-Confidence: 0.7\n"
        );
        assert_eq!(
            message("a/m", Some("false"), "true", None, None),
            "checkin: a/m false -> true\n\nOKR-Key-Result: a/m\nOKR-Value: true\n"
        );
        assert_eq!(
            message("a/b", None, "26", None, None),
            "checkin: a/b 26 (unchanged)\n\nOKR-Key-Result: a/b\nOKR-Value: 26\n"
        );
    }
}
