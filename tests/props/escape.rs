//! The escapers' properties, shared by `tests/escapers.rs` (proptest, in
//! `cargo test`) and the `escapers` target of `fuzz/`: for any string, the
//! Markdown escaper's output parses with a CommonMark parser (GitHub's tables
//! and strikethrough on) as text equal to the input, wherever okr puts it, and
//! the terminal sanitiser's output holds no control character and no bidi
//! override and reads back as the input. Each check panics on a violation.

use okr::model::text::{inert, inert_lines, is_unsafe};
use okr::render::markdown::{JOINER, md_code, md_prose, md_text};
use pulldown_cmark::{Event, Options, Parser, Tag};

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
fn inert_markdown(md: &str) {
    for (e, range) in gfm_ranges(md) {
        let bad = matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
        );
        assert!(!bad, "{e:?} in {md:?}");
        if let Event::Text(_) = e {
            let source = md[range].to_lowercase();
            for trigger in ["http:", "https:", "ftp:", "mailto:", "xmpp:", "www."] {
                assert!(!source.contains(trigger), "{trigger} in {md:?}");
            }
        }
    }
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

/// `md_text`: one line, inert, the same skeleton as a plain word in every place, and
/// the text a reader sees.
pub fn markdown_text(s: &str) {
    let md = md_text(s);
    let expected = seen(s);
    assert!(!md.contains('\n'), "one line: {md:?}");
    if expected.is_empty() {
        assert_eq!(md, "");
        return;
    }
    for place in PLACES {
        let doc = place.replace("{}", &md);
        let reference = place.replace("{}", "PLACEHOLDER");
        inert_markdown(&doc);
        assert_eq!(skeleton(&doc), skeleton(&reference), "{doc:?}");
        assert_eq!(
            plain(&doc),
            plain(&reference).replace("PLACEHOLDER", &expected),
            "{doc:?}"
        );
    }
}

/// `md_code`: one line, inert, no table cell broken, the input in its text.
pub fn markdown_code(s: &str) {
    let md = md_code(s);
    assert!(!md.contains('\n'), "one line: {md:?}");
    let no_joiner = |t: &str| t.replace(JOINER, "");
    let expected = no_joiner(&seen(&format!("«{s}»")));
    for place in ["a «{}» b\n", "| A | B |\n|---|---|\n| «{}» | x |\n"] {
        let doc = place.replace("{}", &md);
        let reference = place.replace("{}", "PLACEHOLDER");
        inert_markdown(&doc);
        let cells = |d: &str| {
            skeleton(d)
                .iter()
                .filter(|e| e.contains("TableCell"))
                .count()
        };
        assert_eq!(cells(&doc), cells(&reference), "{doc:?}");
        let text = no_joiner(&plain(&doc));
        assert!(
            text.contains(&expected),
            "{text:?} lacks {expected:?} in {doc:?}"
        );
    }
}

/// `md_prose`: one line, inert, only code spans kept.
pub fn markdown_prose(s: &str) {
    let md = md_prose(s);
    assert!(!md.contains('\n'), "one line: {md:?}");
    let doc = format!("- **Target eased** `ref`: {md}\n");
    inert_markdown(&doc);
    assert_eq!(
        skeleton(&doc),
        skeleton("- **Target eased** `ref`: x\n"),
        "{doc:?}"
    );
    let strip = |t: &str| {
        t.replace([JOINER, '`'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        strip(&plain(&doc)),
        strip(&format!("Target eased ref: {}", seen(s)))
    );
}

/// The terminal sanitiser: no control character, no bidi override; lines kept.
pub fn terminal_inert(s: &str) {
    let line = inert(s);
    assert!(!line.chars().any(is_unsafe), "{line:?}");
    assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
    let block = inert_lines(s);
    assert!(
        !block
            .chars()
            .any(|c| c != '\n' && (c.is_control() || is_unsafe(c))),
        "{block:?}"
    );
    assert_eq!(block.matches('\n').count(), s.matches('\n').count());
}

/// The terminal sanitiser changes nothing else: without a backslash in the
/// input, the escapes read back as the input.
pub fn terminal_faithful(s: &str) {
    let s = s.replace('\\', "/");
    assert_eq!(unescape(&inert(&s)), s);
    let kept: String = s.chars().filter(|&c| !is_unsafe(c)).collect();
    let shown: String = inert(&s).chars().filter(|&c| c != '\\').collect();
    assert!(kept.chars().all(|c| shown.contains(c)));
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
