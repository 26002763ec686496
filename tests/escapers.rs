//! Property tests of the Markdown escaper and the terminal sanitiser (README
//! "Security"): for arbitrary strings (control characters, Markdown and HTML
//! metacharacters, URLs, mentions, CJK, emoji), the escaper's output parses
//! with a CommonMark parser (GitHub's tables and strikethrough on) as text
//! equal to the input, wherever okr puts it, and the sanitiser's output holds
//! no control character and no bidi override.
//!
//! The seed is fixed, so every run (and CI) tries the same cases.

use okr::model::text::{inert, inert_lines, is_unsafe};
use okr::render::markdown::{JOINER, md_code, md_prose, md_text};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use pulldown_cmark::{Event, Options, Parser, Tag};

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

fn gfm(md: &str) -> Vec<Event<'_>> {
    gfm_ranges(md).into_iter().map(|(e, _)| e).collect()
}

/// The tags of a document in order, without its text and code.
fn skeleton(md: &str) -> Vec<String> {
    gfm(md)
        .into_iter()
        .filter_map(|e| match e {
            Event::Text(_) | Event::Code(_) => None,
            other => Some(format!("{other:?}")),
        })
        .collect()
}

/// Text and code, concatenated.
fn plain(md: &str) -> String {
    gfm(md)
        .into_iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            _ => None,
        })
        .collect()
}

/// Fails on anything that is not text: HTML, links, images, and what
/// GitHub's extended autolinks (not in pulldown-cmark) would catch in text
/// outside code: a scheme's colon or `www.` as written, unescaped.
fn inert_markdown(md: &str) -> Result<(), TestCaseError> {
    for (e, range) in gfm_ranges(md) {
        let bad = matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
        );
        prop_assert!(!bad, "{e:?} in {md:?}");
        if let Event::Text(_) = e {
            let source = md[range].to_lowercase();
            for trigger in ["http:", "https:", "ftp:", "mailto:", "xmpp:", "www."] {
                prop_assert!(!source.contains(trigger), "{trigger} in {md:?}");
            }
        }
    }
    Ok(())
}

fn gfm_ranges(md: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_GFM);
    Parser::new_ext(md, options).into_offset_iter().collect()
}

/// Where okr puts a value in its Markdown: a paragraph's start, a heading,
/// a table cell, bold text in a list item, a block quote, mid-line.
const PLACES: &[&str] = &[
    "{}",
    "# {}\n",
    "### {} `id`\n",
    "| A | B |\n|---|---|\n| {} | x |\n",
    "- **{}**\n",
    "- `ref` {} — still 3 since 2026-09-20\n",
    "> **Lessons:** {}  \n> next\n",
    "a {} b\n",
];

/// What a reader sees of `s`, as the escaper documents it, written apart
/// from the escaper: whitespace controls as spaces, other controls and bidi
/// overrides escaped, the ends trimmed, the joiner after `@` and `#`.
fn seen(s: &str) -> String {
    let mut out = String::new();
    let s = s.replace("\r\n", "\n");
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    let out = out.trim_matches(char::is_whitespace);
    out.replace('@', &format!("@{JOINER}"))
        .replace('#', &format!("#{JOINER}"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn markdown_text_is_text_equal_to_its_input(s in hostile()) {
        let md = md_text(&s);
        let expected = seen(&s);
        prop_assert!(!md.contains('\n'), "one line: {md:?}");
        if expected.is_empty() {
            prop_assert_eq!(md, "");
            return Ok(());
        }
        for place in PLACES {
            let doc = place.replace("{}", &md);
            let reference = place.replace("{}", "PLACEHOLDER");
            inert_markdown(&doc)?;
            prop_assert_eq!(skeleton(&doc), skeleton(&reference), "{:?}", doc);
            prop_assert_eq!(
                plain(&doc),
                plain(&reference).replace("PLACEHOLDER", &expected),
                "{:?}",
                doc
            );
        }
    }

    #[test]
    fn markdown_code_is_text_equal_to_its_input(s in hostile()) {
        let md = md_code(&s);
        prop_assert!(!md.contains('\n'), "one line: {md:?}");
        let no_joiner = |t: &str| t.replace(JOINER, "");
        let expected = no_joiner(&seen(&format!("«{s}»")));
        for place in ["a «{}» b\n", "| A | B |\n|---|---|\n| «{}» | x |\n"] {
            let doc = place.replace("{}", &md);
            let reference = place.replace("{}", "PLACEHOLDER");
            inert_markdown(&doc)?;
            prop_assert_eq!(skeleton(&doc).iter().filter(|e| e.contains("TableCell")).count(),
                skeleton(&reference).iter().filter(|e| e.contains("TableCell")).count());
            let text = no_joiner(&plain(&doc));
            prop_assert!(text.contains(&expected), "{:?} lacks {:?} in {:?}", text, expected, doc);
        }
    }

    #[test]
    fn markdown_prose_keeps_only_code_spans(s in hostile()) {
        let md = md_prose(&s);
        prop_assert!(!md.contains('\n'), "one line: {md:?}");
        let doc = format!("- **Target eased** `ref`: {md}\n");
        inert_markdown(&doc)?;
        prop_assert_eq!(skeleton(&doc), skeleton("- **Target eased** `ref`: x\n"), "{:?}", doc);
        let strip = |t: &str| t.replace([JOINER, '`'], "").split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(
            strip(&plain(&doc)),
            strip(&format!("Target eased ref: {}", seen(&s)))
        );
    }

    #[test]
    fn the_terminal_sanitiser_leaves_no_control_character(s in hostile()) {
        let line = inert(&s);
        prop_assert!(!line.chars().any(is_unsafe), "{:?}", line);
        prop_assert!(!line.chars().any(|c| c.is_control()), "{:?}", line);
        let block = inert_lines(&s);
        prop_assert!(!block.chars().any(|c| c != '\n' && (c.is_control() || is_unsafe(c))), "{:?}", block);
        prop_assert_eq!(block.matches('\n').count(), s.matches('\n').count());
    }

    #[test]
    fn the_terminal_sanitiser_changes_nothing_else(s in hostile()) {
        // Without a backslash in the input, the escapes can be read back.
        let s = s.replace('\\', "/");
        prop_assert_eq!(unescape(&inert(&s)), s.clone());
        let kept: String = s.chars().filter(|&c| !is_unsafe(c)).collect();
        let shown: String = inert(&s).chars().filter(|&c| c != '\\').collect();
        prop_assert!(kept.chars().all(|c| shown.contains(c)));
    }
}

/// Reads back `\n`, `\r`, `\t` and `\u{…}`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (c, len) = match after.as_bytes().first() {
            Some(b'n') => ('\n', 1),
            Some(b'r') => ('\r', 1),
            Some(b't') => ('\t', 1),
            Some(b'u') => {
                let end = after.find('}').expect("a closing brace");
                let code = u32::from_str_radix(&after[2..end], 16).expect("hex");
                (char::from_u32(code).expect("a char"), end + 1)
            }
            _ => panic!("unknown escape in {s:?}"),
        };
        out.push(c);
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_joiner_is_word_joiner() {
    assert_eq!(JOINER, '\u{2060}');
    assert_eq!(md_text("@a #1"), "@\u{2060}a #\u{2060}1");
}
