//! Output that cannot be turned against its reader (README "Security"): text
//! from OKR files, okr.yaml, file names and commit messages reaches Markdown
//! (`nudge`, `diff`, `report`), terminals and CI logs as plain text only.
//!
//! Each test plants a payload in a real repository, runs the real binary and
//! reads its output with a real parser: pulldown-cmark (CommonMark with
//! GitHub's tables and strikethrough) for Markdown, html5ever for HTML.

mod common;

use std::collections::BTreeSet;

use common::{Okr, Run, commit_everything_on};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const PRODUCT: &str = "okrs/2026-Q4/product.yaml";
const ENGINEERING: &str = "okrs/2026-Q4/engineering.yaml";

/// What okr puts after `@` and `#` so that GitHub neither mentions nor links.
const JOINER: char = '\u{2060}';

/// The key result title of the issue `okr-nudge.yml` opens, as an attacker would write it.
const HOSTILE_TITLE: &str =
    r#"<img src="https://evil.example/t.png"> [click](https://evil.example) @octocat #123"#;

/// A cycle id that would render an external image in a pull-request comment.
const HOSTILE_CYCLE: &str = "![c](https://evil.example/c.png)";

/// Terminal escapes: set the window title, clear the screen; and a bidi override.
const HOSTILE_ESCAPES: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp.exe\u{7f}";

fn gfm(md: &str) -> Parser<'_> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_GFM);
    Parser::new_ext(md, options)
}

/// The structure of a Markdown document: its tags in order, without text.
fn skeleton(md: &str) -> Vec<String> {
    gfm(md)
        .filter_map(|e| match e {
            Event::Start(tag) => Some(format!("{tag:?}")),
            Event::End(tag) => Some(format!("/{tag:?}")),
            Event::Text(_) | Event::Code(_) => None,
            other => Some(format!("{other:?}")),
        })
        .collect()
}

/// The plain text of a Markdown document (text and code spans).
fn plain_text(md: &str) -> String {
    gfm(md)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some("\n".to_owned()),
            Event::End(TagEnd::TableCell | TagEnd::Paragraph | TagEnd::Heading(_)) => {
                Some("\n".to_owned())
            }
            _ => None,
        })
        .collect()
}

/// Asserts that `md` has no HTML, link or image at all, that every `@` and
/// `#` in its text carries the joiner, and that nothing GitHub's extended
/// autolinks would catch (`https:`, `www.`) is left unescaped in the source.
#[track_caller]
fn assert_inert_markdown(md: &str) {
    for event in gfm(md) {
        match &event {
            Event::Html(_) | Event::InlineHtml(_) => panic!("raw HTML {event:?}\n{md}"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock) => {
                panic!("a link, image or HTML block {event:?}\n{md}")
            }
            Event::Text(t) => {
                let chars: Vec<char> = t.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    if matches!(c, '@' | '#') {
                        assert_eq!(
                            chars.get(i + 1),
                            Some(&JOINER),
                            "{c} without a joiner in {t:?}\n{md}"
                        );
                    }
                }
            }
            _ => {}
        }
    }
    for scheme in ["http:", "https:", "ftp:", "mailto:", "xmpp:"] {
        assert!(
            !md.to_ascii_lowercase().contains(scheme),
            "{scheme} would be autolinked\n{md}"
        );
    }
    assert!(
        !md.to_ascii_lowercase().contains("www."),
        "www. would be autolinked\n{md}"
    );
}

/// The text a payload shows as: the joiner after `@` and `#`.
fn shown(payload: &str) -> String {
    payload
        .replace('@', &format!("@{JOINER}"))
        .replace('#', &format!("#{JOINER}"))
}

/// The example organisation, committed on 2026-09-20, with `edit` applied
/// before the commit; today 2026-12-10, so that almost every key result is stale.
fn nudge_repository(edit: impl FnOnce(Okr) -> Okr) -> Okr {
    let okr = edit(Okr::new().examples().git_init());
    commit_everything_on(okr, "2026-09-20").today("2026-12-10")
}

#[test]
fn nudge_markdown_shows_a_hostile_title_as_text() {
    let benign = nudge_repository(|okr| {
        okr.replace(
            PRODUCT,
            "title: Day-7 retention from 22% to 30%",
            "title: PAYLOAD",
        )
    });
    let hostile = nudge_repository(|okr| {
        okr.replace(
            PRODUCT,
            "title: Day-7 retention from 22% to 30%",
            &format!("title: '{HOSTILE_TITLE}'"),
        )
    });
    let benign = benign.run_with(["nudge", "--format", "markdown"]);
    let run = hostile.run_with(["nudge", "--format", "markdown"]);
    run.code(0);
    let md = &run.stdout;
    assert_inert_markdown(md);
    assert_eq!(
        skeleton(md),
        skeleton(&benign.stdout),
        "the title changed the structure\n{md}"
    );
    assert!(plain_text(md).contains(&shown(HOSTILE_TITLE)), "{md}");
}

#[test]
fn nudge_markdown_shows_hostile_owner_names_as_text() {
    let name = "**Li** <b>Wei</b> [x](javascript:alert(1)) @team";
    let email = "li@example.com> <script>alert(1)</script>";
    let okr = nudge_repository(|okr| {
        okr.replace("okr.yaml", "name: 李伟", &format!("name: '{name}'"))
            .replace(
                "okr.yaml",
                "email: li.wei@example.com",
                &format!("email: '{email}'"),
            )
    });
    let run = okr.run_with(["nudge", "--format", "markdown"]);
    run.code(0);
    assert_inert_markdown(&run.stdout);
    let text = plain_text(&run.stdout);
    assert!(text.contains(&shown(name)), "{}", run.stdout);
    assert!(text.contains(&shown(email)), "{}", run.stdout);
}

/// A repository whose engineering objectives are in a declared cycle named
/// `cycle`, running today, committed on `main`; a branch `feature` removes
/// the first objective: `okr diff` warns that it was removed mid-cycle.
fn removed_in_cycle(cycle: &str) -> Okr {
    let okr = Okr::new()
        .examples()
        .replace(ENGINEERING, "cycle: 2026-Q4", &format!("cycle: '{cycle}'"))
        .replace(
            "okr.yaml",
            "rules:",
            &format!(
                "cycles:\n  - id: '{cycle}'\n    start: 2026-10-01\n    end: 2026-12-31\n\nrules:"
            ),
        )
        .committed();
    okr.git(["checkout", "--quiet", "-b", "feature"]);
    let text = okr.read(ENGINEERING);
    let start = text
        .find("\n  - id: eng-weekly-release")
        .expect("first objective");
    let end = text[start + 1..]
        .find("\n  - id: ")
        .map_or(text.len(), |i| start + 1 + i);
    let okr = okr.file(ENGINEERING, format!("{}{}", &text[..start], &text[end..]));
    okr.git([
        "commit",
        "--quiet",
        "--all",
        "--message",
        "Drop eng-weekly-release",
    ]);
    okr
}

#[test]
fn diff_markdown_shows_a_hostile_cycle_as_text() {
    let benign = removed_in_cycle("payload");
    let hostile = removed_in_cycle(HOSTILE_CYCLE);
    let benign = benign.run_with(["diff", "main", "feature", "--format", "markdown"]);
    let run = hostile.run_with(["diff", "main", "feature", "--format", "markdown"]);
    run.code(0);
    let md = &run.stdout;
    assert!(md.contains("Removed mid-cycle"), "{md}");
    assert_inert_markdown(md);
    assert_eq!(skeleton(md), skeleton(&benign.stdout), "{md}");
    assert!(plain_text(md).contains(HOSTILE_CYCLE), "{md}");
}

// --- terminals -------------------------------------------------------------------

/// A control character or bidi override that a terminal would act on.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[track_caller]
fn assert_no_escapes(run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text.chars().find(|&c| unsafe_char(c)) {
            panic!("{stream} has {c:?}\n{run:?}");
        }
    }
}

/// `s` for the inside of a YAML double-quoted scalar.
fn yaml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            c if c.is_ascii_graphic() || c == ' ' => c.to_string(),
            c => format!("\\u{:04x}", c as u32),
        })
        .collect()
}

/// The examples with the payload in titles, an owner's name, an initiative,
/// a unit and a team name, committed on 2026-10-01 with a check-in by an
/// author whose name carries it too.
fn escapes_everywhere() -> Okr {
    let p = yaml_escaped(HOSTILE_ESCAPES);
    let okr = Okr::new()
        .examples()
        .replace(
            PRODUCT,
            "title: Day-7 retention from 22% to 30%",
            &format!("title: \"Day-7 {p}\""),
        )
        .replace(
            PRODUCT,
            "title: 新用户首周体验改版 / Rebuild the first week of a new reader",
            &format!("title: \"首周 {p}\""),
        )
        .replace(
            PRODUCT,
            "title: 首周阅读计划推送",
            &format!("title: \"推送 {p}\""),
        )
        .replace(PRODUCT, "unit: \"%\"", &format!("unit: \"% {p}\""))
        .replace(
            "okr.yaml",
            "name: 产品部 Product",
            &format!("name: \"产品部 {p}\""),
        )
        .git_init();
    let okr = commit_everything_on(okr, "2026-10-01");
    okr.run_with_env(
        &[
            ("GIT_AUTHOR_NAME", "Mallory \u{1b}[2J"),
            ("GIT_AUTHOR_DATE", "2026-10-05T12:00:00+00:00"),
            ("GIT_COMMITTER_DATE", "2026-10-05T12:00:00+00:00"),
        ],
        ["checkin", "prod-first-week/d7-retention", "26"],
    )
    .code(0);
    okr
}

#[test]
fn human_outputs_show_control_characters_escaped() {
    let okr = escapes_everywhere();
    // Each command, and whether its output shows the payload.
    for (args, shows) in [
        (&["status"][..], true),
        (&["status", "--by", "team"], false),
        (&["status", "--by", "owner"], false),
        (&["show", "prod-first-week"], true),
        (&["show", "prod-first-week/d7-retention"], true),
        (&["tree"], true),
        (&["board"], true),
        (&["history"], true),
        (&["nudge", "--today", "2026-12-10"], true),
        (&["diff", "HEAD~1", "HEAD"], false),
        (&["review", "--today", "2027-01-10"], false),
        (&["check"], false),
    ] {
        let run = okr.run_with(args);
        run.no_crash();
        assert_no_escapes(&run);
        if shows {
            assert!(
                run.stdout.contains("\\u{1b}"),
                "the payload is shown, escaped\n{run:?}"
            );
        }
    }
}

#[test]
fn a_file_named_with_escapes_is_shown_escaped() {
    let okr = Okr::new()
        .examples()
        .file(
            &format!("okrs/2026-Q4/x{HOSTILE_ESCAPES}.yaml"),
            "cycle: [\n",
        )
        .committed();
    for args in [
        &["check"][..],
        &["status"],
        &["tree"],
        &["diff", "HEAD", "HEAD"],
    ] {
        let run = okr.run_with(args);
        run.no_crash();
        assert_no_escapes(&run);
    }
}

// --- GitHub workflow commands ------------------------------------------------------

/// A file name that starts a workflow command on a line of its own.
const INJECTING_NAME: &str = "x\n::error title=INJECTED::forged\n.yaml";

#[track_caller]
fn assert_no_workflow_command(run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "{stream} starts a line with a workflow command: {line:?}\n{run:?}"
            );
        }
    }
}

fn injecting_repository() -> Okr {
    Okr::new()
        .examples()
        .file(&format!("okrs/2026-Q4/{INJECTING_NAME}"), "cycle: [\n")
        .committed()
}

#[test]
fn a_file_name_cannot_start_a_workflow_command() {
    let okr = injecting_repository();
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["status"],
        &["status", "--by", "team"],
        &["show", "prod-first-week"],
        &["tree"],
        &["board"],
        &["report", "--format", "markdown"],
        &["diff", "HEAD", "HEAD"],
        &["review"],
        &["export", "csv", "-o", "out.csv"],
    ] {
        let run = okr.run_with(args);
        run.no_crash();
        assert_no_workflow_command(&run);
    }
}

#[test]
fn github_annotations_escape_the_file_name() {
    let okr = injecting_repository();
    let run = okr.run_with(["check", "--format", "github"]);
    run.code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(!lines.is_empty(), "{run:?}");
    for line in &lines {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "every line is one annotation: {line:?}\n{run:?}"
        );
        assert!(!line.contains("INJECTED::"), "{line:?}");
    }
    assert!(
        run.stdout
            .contains("file=okrs/2026-Q4/x%0A%3A%3Aerror title=INJECTED%3A%3Aforged%0A.yaml,"),
        "{run:?}"
    );
}

// --- HTML --------------------------------------------------------------------------

mod html {
    use super::*;
    use html5ever::parse_document;
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};

    /// Every element (with its attribute names) in document order, the
    /// values of the attributes that hold a URL or a style (and comments),
    /// and the text.
    #[derive(Default)]
    struct Dom {
        elements: Vec<String>,
        urls: Vec<String>,
        text: String,
    }

    /// Attributes whose value a browser may load or run.
    const URL_ATTRIBUTES: [&str; 9] = [
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "data",
        "poster",
        "style",
        "background",
    ];

    fn parse(html: &str) -> Dom {
        let dom = parse_document(RcDom::default(), Default::default()).one(html);
        let mut out = Dom::default();
        walk(&dom.document, &mut out);
        out
    }

    fn walk(node: &Handle, out: &mut Dom) {
        match &node.data {
            NodeData::Element { name, attrs, .. } => {
                let attrs = attrs.borrow();
                let names: BTreeSet<String> =
                    attrs.iter().map(|a| a.name.local.to_string()).collect();
                out.elements.push(format!("{} {names:?}", name.local));
                out.urls.extend(
                    attrs
                        .iter()
                        .filter(|a| URL_ATTRIBUTES.contains(&&*a.name.local))
                        .map(|a| a.value.to_string()),
                );
            }
            NodeData::Text { contents } => out.text.push_str(&contents.borrow()),
            NodeData::Comment { contents } => out.urls.push(contents.to_string()),
            _ => {}
        }
        for child in node.children.borrow().iter() {
            walk(child, out);
        }
    }

    /// The HTML report of the examples with `payload` as an objective's title,
    /// a key result's title, a team's name, the organisation's name and an
    /// objective's review lessons.
    fn report_with(payload: &str) -> String {
        let quoted = format!("'{}'", payload.replace('\'', "''"));
        let okr = Okr::new()
            .examples()
            .replace(
                PRODUCT,
                "title: 新用户首周体验改版 / Rebuild the first week of a new reader",
                &format!("title: {quoted}"),
            )
            .replace(
                PRODUCT,
                "title: Day-7 retention from 22% to 30%",
                &format!("title: {quoted}"),
            )
            .replace(
                "okr.yaml",
                "name: 产品部 Product",
                &format!("name: {quoted}"),
            )
            .replace(
                "okr.yaml",
                "organization: Babel Bird",
                &format!("organization: {quoted}"),
            )
            .replace(
                PRODUCT,
                "    status: agreed\n",
                &format!(
                    "    status: agreed\n    review:\n      lessons: {quoted}\n      score: 0.5\n"
                ),
            );
        let run = okr.run_with(["report", "--format", "html"]);
        run.code(0);
        run.stdout
    }

    #[track_caller]
    fn assert_text_only(payload: &str, text: &str) {
        let benign = parse(&report_with("PAYLOAD"));
        let hostile = parse(&report_with(payload));
        assert_eq!(
            hostile.elements, benign.elements,
            "the payload added or changed elements or attributes: {payload}"
        );
        for value in &hostile.urls {
            for bad in ["evil.example", "javascript:", "alert("] {
                assert!(
                    !value.to_ascii_lowercase().contains(bad),
                    "{bad} reached a URL, a style or a comment: {value:?}"
                );
            }
        }
        assert!(
            hostile.text.contains(text),
            "the payload is shown as text: {text:?}"
        );
    }

    #[test]
    fn a_script_tag_is_text() {
        let p = "<script>alert(1)</script>";
        assert_text_only(p, p);
    }

    #[test]
    fn an_attribute_breakout_is_text() {
        let p = r#"x" onmouseover="alert(1)" y='z' <a href="javascript:alert(1)">"#;
        assert_text_only(p, p);
    }

    #[test]
    fn a_javascript_url_is_text() {
        let p = "javascript:alert(1) [a](javascript:alert(1)) <https://evil.example>";
        assert_text_only(p, p);
    }

    #[test]
    fn svg_and_foreign_object_are_text() {
        let p = r#"</text></svg><svg onload="alert(1)"><foreignObject><img src="https://evil.example/x.png"></foreignObject></svg>"#;
        assert_text_only(p, p);
    }

    #[test]
    fn entity_tricks_are_text() {
        let p = "&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62; &amp;amp; <!-- c --> ]]> <![CDATA[x]]>";
        assert_text_only(p, p);
    }

    #[test]
    fn cjk_and_emoji_are_kept() {
        let p = "新用户首周体验 🚀👩‍💻 <中文> & 表情";
        assert_text_only(p, p);
    }
}
