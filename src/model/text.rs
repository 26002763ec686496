//! Text from files, file names, commit messages and servers made inert for a
//! terminal or a CI log: the one terminal sanitiser of okr.
//!
//! A character that a terminal or a log viewer would act on instead of show
//! is written as its escape, the way Rust's `{:?}` and `okr check` show it:
//! `\n`, `\r`, `\t`, and `\u{1b}` for the others. Those characters are the C0
//! controls (U+0000–U+001F), DEL (U+007F), the C1 controls (U+0080–U+009F)
//! and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069) that reorder what is shown. Everything else (CJK, emoji,
//! accents, joiners) is kept as it is, so a sanitised string's display width
//! is what a table measures.
//!
//! A newline also breaks a line: where one would let a file name start a new
//! line of okr's output (a GitHub workflow command such as `::error::` is a
//! line of its own), it is escaped too. [`inert`] is for anything that is
//! shown on one line; [`inert_lines`] keeps `\n` for a block whose lines are
//! its structure.

use std::borrow::Cow;

/// Whether a terminal would act on `c` instead of showing it.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` for one line of a terminal or a log: every unsafe character, `\n`
/// too, written as its escape.
pub fn inert(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// An error or a note that may say more on indented lines (`\n  hint: …`):
/// like [`inert`], with a line feed kept only before an indented line that
/// does not start a GitHub workflow command (`::`), which the runner reads
/// after leading whitespace. Text from a file cannot start a line of its own.
pub fn inert_message(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        let next = &s[i + c.len_utf8()..];
        let continues = c == '\n'
            && next.starts_with("  ")
            && !next
                .trim_start_matches(char::is_whitespace)
                .starts_with("::");
        if is_unsafe(c) && !continues {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` for a block of lines: like [`inert`], with its line feeds kept.
pub fn inert_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let wanted = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !s.chars().any(wanted) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if wanted(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends how `c` is shown: `\n`, `\r`, `\t`, or `\u{1b}`.
pub fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(
            inert("a\u{1b}]0;PWNED\u{7}\u{1b}[2Jb"),
            "a\\u{1b}]0;PWNED\\u{7}\\u{1b}[2Jb"
        );
        assert_eq!(inert("x\n::error::y\r\t"), "x\\n::error::y\\r\\t");
        assert_eq!(inert("\u{9b}31m\u{7f}\0"), "\\u{9b}31m\\u{7f}\\u{0}");
        assert_eq!(
            inert("\u{202a}\u{202e}\u{2066}\u{2069}"),
            "\\u{202a}\\u{202e}\\u{2066}\\u{2069}"
        );
        assert_eq!(inert_lines("a\nb\u{1b}\r\n"), "a\nb\\u{1b}\\r\n");
        assert_eq!(
            inert_message("no x\n::error::y\n  hint: z\n  \u{a0}::error::w"),
            "no x\\n::error::y\n  hint: z\\n  \u{a0}::error::w"
        );
    }

    #[test]
    fn cjk_emoji_and_joiners_are_kept_as_they_are() {
        for s in [
            "注册后 24 小时内读完第一章",
            "🚀 👩‍💻 é",
            "a\u{2060}b \u{200d} \u{a0}",
            "",
        ] {
            assert!(matches!(inert(s), Cow::Borrowed(t) if t == s), "{s:?}");
        }
    }
}
