//! Property tests of the Markdown escaper and the terminal sanitiser (README
//! "Security"): for arbitrary strings (control characters, Markdown and HTML
//! metacharacters, URLs, mentions, CJK, emoji), the escaper's output parses
//! with a CommonMark parser (GitHub's tables and strikethrough on) as text
//! equal to the input, wherever okr puts it, and the sanitiser's output holds
//! no control character and no bidi override.
//!
//! The seed is fixed, so every run (and CI) tries the same cases.

#[path = "props/escape.rs"]
mod escape;

use okr::render::markdown::{JOINER, md_text};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

fn config() -> Config {
    Config {
        cases: 2000,
        rng_seed: RngSeed::Fixed(0x6f6b_7231_3400),
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces that mean something to Markdown, HTML, GitHub or a terminal.
const TOKENS: &[&str] = &[
    "<img src=\"https://evil.example/t.png\">",
    "<script>",
    "<script",
    "<div ",
    "<?php",
    "<!DOCTYPE",
    "</div>",
    "<!--",
    "[click](https://evil.example)",
    "![c](https://evil.example/c.png)",
    "[x]: https://evil.example",
    "[^1]",
    "<https://evil.example>",
    "https://evil.example",
    "www.evil.example",
    "mailto:a@b.example",
    "a@b.example",
    "@octocat",
    "#123",
    "GH-1",
    "`code`",
    "``",
    "```",
    "~~~",
    "**bold**",
    "_em_",
    "~~del~~",
    "$x$",
    "- ",
    "+ ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "# ",
    "###### ",
    "===",
    "---",
    "    ",
    "| a | b |",
    "|---|",
    "&amp;",
    "&#60;",
    "&lt;b&gt;",
    "\\",
    "\\\n",
    "  \n",
    "\r\n",
    "\n\n",
    "\u{1b}]0;PWNED\u{7}",
    "\u{1b}[2J",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "\u{2060}",
    "\u{200d}",
    "👩‍💻",
    "🚀",
    "注册后 24 小时内",
    "目标：提高",
    "\u{3000}",
    "\u{a0}",
];

/// One piece of a hostile string.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_owned),
        3 => "[a-z0-9 ]{1,5}",
        3 => proptest::char::range('!', '~').prop_map(String::from),
        2 => proptest::char::range('\0', '\u{a0}').prop_map(String::from),
        2 => proptest::char::range('\u{4e00}', '\u{9fff}').prop_map(String::from),
        1 => proptest::char::range('\u{2000}', '\u{206f}').prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..16).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn markdown_text_is_text_equal_to_its_input(s in hostile()) {
        escape::markdown_text(&s);
    }

    #[test]
    fn markdown_code_is_text_equal_to_its_input(s in hostile()) {
        escape::markdown_code(&s);
    }

    #[test]
    fn markdown_prose_keeps_only_code_spans(s in hostile()) {
        escape::markdown_prose(&s);
    }

    #[test]
    fn the_terminal_sanitiser_leaves_no_control_character(s in hostile()) {
        escape::terminal_inert(&s);
    }

    #[test]
    fn the_terminal_sanitiser_changes_nothing_else(s in hostile()) {
        escape::terminal_faithful(&s);
    }
}

#[test]
fn the_joiner_is_word_joiner() {
    assert_eq!(JOINER, '\u{2060}');
    assert_eq!(md_text("@a #1"), "@\u{2060}a #\u{2060}1");
}
