//! The one Markdown escaper: text from files as GitHub-flavoured Markdown
//! that renders as exactly that text, whatever it holds.
//!
//! Every Markdown output (`okr nudge`, `okr diff`, `okr report`) writes each
//! title, id, owner, name, email, cycle, note, value and message through
//! [`md_text`], [`md_code`] or [`md_prose`]. What they promise, for any input:
//!
//! - no raw HTML, link, image, autolink (`<…>`, `https:`, `www.`, `a@b.c`),
//!   heading, list, block quote, table cell break, emphasis, strikethrough,
//!   math or code span of the input's making;
//! - no GitHub mention or issue reference: `@` and `#` are followed by
//!   U+2060 WORD JOINER ([`JOINER`]), which shows as nothing, so `@octocat`
//!   and `#123` read as they are but neither notify nor link;
//! - one line: line breaks and other whitespace controls become spaces, and
//!   whitespace at either end is dropped; every other control character and
//!   bidirectional override is shown escaped (`\u{1b}`), as on a terminal
//!   (see [`crate::model::text`]).
//!
//! The text a reader sees is the input with those changes and nothing else:
//! the tests parse the output with a CommonMark parser (GitHub's table and
//! strikethrough extensions on) and compare. Markup characters are escaped
//! with a backslash, which CommonMark allows before any ASCII punctuation.

use crate::model::text::{is_unsafe, push_escape};

/// What follows `@` and `#` so that GitHub neither mentions nor links.
pub const JOINER: char = '\u{2060}';

/// Plain text on one line: a table cell, a heading, a list item.
pub fn md_text(s: &str) -> String {
    escape(one_line(s).trim_matches(char::is_whitespace))
}

/// An id as inline code: fenced with more backticks than it holds, on one
/// line as [`md_text`] puts it. An id with `|` (which splits a table cell even
/// inside code) or nothing to show is escaped text instead.
pub fn md_code(s: &str) -> String {
    code_after("", s)
}

/// [`md_code`] written after `before` on the same line (see [`escape_after`]).
fn code_after(before: &str, s: &str) -> String {
    let s = one_line(s);
    if s.trim().is_empty() || s.contains('|') {
        return escape_after(before, &s);
    }
    let mut run = 0;
    let mut longest = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // CommonMark drops one space at both ends when both are there: a padded
    // span keeps a backtick at an end apart from the fence, and its spaces.
    let pad = s.starts_with('`') || s.ends_with('`') || (s.starts_with(' ') && s.ends_with(' '));
    if pad {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// okr's own prose with values from files in it (a warning of `okr diff`):
/// its `code` spans kept as code, everything else as [`md_text`]. Backticks
/// from a file can only move where code starts and ends, never add markup.
pub fn md_prose(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::new();
    // Two code spans with nothing between would share one run of backticks
    // (`` `a``b` ``): they are one span, as a reader sees them.
    let mut code: Option<String> = None;
    for (i, part) in s.trim_matches(char::is_whitespace).split('`').enumerate() {
        if i % 2 == 1 {
            code.get_or_insert_with(String::new).push_str(part);
        } else if !part.is_empty() || i == 0 {
            if let Some(code) = code.take() {
                let written = code_after(&out, &code);
                out.push_str(&written);
            }
            let written = escape_after(&out, part);
            out.push_str(&written);
        }
    }
    if let Some(code) = code {
        let written = code_after(&out, &code);
        out.push_str(&written);
    }
    out
}

/// `s` on one line: whitespace controls (`\t`, `\n`, `\r`, form and line
/// tabulation; `\r\n` as one) become a space, any other unsafe character its
/// escape.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' => out.push(' '),
            c if is_unsafe(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Backslash before every character that could start markup, the joiner
/// after `@` and `#`. `-`, `+` and `=` at the start, and `.` or `)` after
/// digits there and before a space (`12. `), are markup only at the start of
/// a line (a list, a setext heading): escaped there; `.` after `www` and
/// `:` after a letter or digit (`https:`, `mailto:`) would start an autolink.
fn escape(s: &str) -> String {
    escape_after("", s)
}

/// [`escape`] of `s` written right after `before` (Markdown already
/// written on the same line): an autolink can start in one and end in the
/// other (`https` then `:`, `www` then `.`).
fn escape_after(before: &str, s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    // The last three characters before each one, across `before` and `s`.
    let tail = |i: usize| -> String {
        let mut last: Vec<char> = s[..i].chars().rev().take(3).collect();
        last.extend(before.chars().rev().take(3 - last.len()));
        last.into_iter().rev().collect()
    };
    // Whether the line so far is only digits (`12` of `12. `), across `before`.
    let mut digits_only = before.chars().all(|c| c.is_ascii_digit());
    for (i, c) in s.char_indices() {
        let at_start = i == 0 && before.is_empty();
        let after_digits = digits_only && (i > 0 || !before.is_empty());
        match c {
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '&' | '|' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')'
                if after_digits && s[i + 1..].chars().next().is_none_or(char::is_whitespace) =>
            {
                out.push('\\');
                out.push(c);
            }
            '.' if tail(i).eq_ignore_ascii_case("www") => out.push_str("\\."),
            ':' if tail(i).ends_with(|p: char| p.is_ascii_alphanumeric()) => out.push_str("\\:"),
            '@' | '#' => {
                out.push(c);
                out.push(JOINER);
            }
            c => out.push(c),
        }
        digits_only = digits_only && c.is_ascii_digit();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_carry_no_markup_and_ids_no_breaking_backticks() {
        assert_eq!(
            md_text("a <b>|*x*</b> & `c`\nd"),
            "a \\<b\\>\\|\\*x\\*\\</b\\> \\& \\`c\\` d"
        );
        assert_eq!(md_code("kr-1"), "`kr-1`");
        assert_eq!(md_code("a`b"), "``a`b``");
        assert_eq!(md_code("`a"), "`` `a ``");
        assert_eq!(md_code("a|b "), "a\\|b ");
        assert_eq!(md_code(""), "");
    }

    #[test]
    fn mentions_references_and_autolinks_are_broken() {
        assert_eq!(md_text("@octocat #123"), "@\u{2060}octocat #\u{2060}123");
        assert_eq!(md_text("重点: x"), "重点: x");
        assert_eq!(
            md_text("see https://evil.example or WWW.evil.example"),
            "see https\\://evil.example or WWW\\.evil.example"
        );
    }

    #[test]
    fn line_starts_are_no_lists_or_headings() {
        assert_eq!(md_text("- a"), "\\- a");
        assert_eq!(md_text("12. a"), "12\\. a");
        assert_eq!(md_text("12.5 a"), "12.5 a");
        assert_eq!(md_text("7)"), "7\\)");
        assert_eq!(md_text("1) a - b 2. c"), "1\\) a - b 2. c");
        assert_eq!(md_text("=== "), "\\===");
        assert_eq!(md_text("  # h"), "#\u{2060} h");
    }

    #[test]
    fn controls_are_shown_escaped_and_whitespace_joined() {
        assert_eq!(md_text(" a\r\nb\tc\u{1b}[2J "), "a b c\\\\u{1b}\\[2J");
        assert_eq!(md_code("a\u{202e}b"), "`a\\u{202e}b`");
    }

    #[test]
    fn prose_keeps_its_code_spans_and_loses_html() {
        assert_eq!(
            md_prose("target of `a/b` <lowered> | 10\n-> 8"),
            "target of `a/b` \\<lowered\\> \\| 10 -\\> 8"
        );
        assert_eq!(
            md_prose("cycle ![c](https://e.example) is running (set `status: dropped`)"),
            "cycle \\!\\[c\\](https\\://e.example) is running (set `status: dropped`)"
        );
        // A list marker across parts.
        assert_eq!(md_prose("12``. x"), "12\\. x");
        assert_eq!(md_prose("1`) |`"), "1\\) \\|");
        // An autolink across a text and a code that falls back to text.
        assert_eq!(md_prose("see https`:x|y`"), "see https\\:x\\|y");
        assert_eq!(md_prose("`a|www`.example"), "a\\|www\\.example");
        // Adjacent spans would share one run of backticks: they are one span.
        assert_eq!(md_prose("x ` e``f ` y"), "x `  ef  ` y");
        assert_eq!(md_prose("a`b``c"), "a`bc`");
    }
}
