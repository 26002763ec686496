//! `okr man`: a roff page that lists the commands, the rules with their
//! levels and the exit codes, and that `man` (or groff) renders cleanly.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Okr, RULE_IDS, require_program};
use okr::rules::RULES;

fn page() -> String {
    let run = Okr::new().args(["man"]).run();
    run.code(0);
    assert!(run.stderr.is_empty(), "{run:?}");
    run.stdout.clone()
}

/// Text without the overstrikes (`b\x08b`) and colour codes a formatter may use.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{8}' => {
                out.pop();
            }
            '\u{1b}' => {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn write_page(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("okr.1");
    std::fs::write(&path, page()).expect("write the page");
    path
}

#[test]
fn man_page_is_roff_with_the_sections() {
    let page = page();
    assert!(page.contains("\n.TH okr 1 "), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "RULES",
        "\"EXIT STATUS\"",
        "ENVIRONMENT",
        "FILES",
    ] {
        assert!(
            page.contains(&format!("\n.SH {section}\n")),
            "no section {section}\n{page}"
        );
    }
}

#[test]
fn man_page_lists_every_rule_with_its_level() {
    let page = page();
    let rules = &page[page.find(".SH RULES").expect("a RULES section")..];
    for rule in RULES {
        let entry = format!(
            ".TP\n\\fB{}\\fR ({})\n",
            rule.id.as_str().replace('-', "\\-"),
            rule.default.as_str()
        );
        assert!(rules.contains(&entry), "no {entry:?}\n{rules}");
    }
    assert_eq!(RULES.len(), RULE_IDS.len());
}

#[test]
fn man_page_lists_the_exit_codes() {
    let page = page();
    let exit = &page[page.find(".SH \"EXIT STATUS\"").expect("EXIT STATUS")..];
    for code in ["0", "1", "2"] {
        assert!(
            exit.contains(&format!(".TP\n\\fB{code}\\fR\n")),
            "no exit code {code}\n{exit}"
        );
    }
}

#[test]
fn man_page_lists_every_command() {
    let page = page();
    for command in [
        "check",
        "status",
        "show",
        "tree",
        "board",
        "history",
        "diff",
        "nudge",
        "checkin",
        "add objective",
        "add kr",
        "carry",
        "init",
        "schema",
        "explain",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".TP\n\\fBokr {command}\\fR")),
            "no command {command}\n{page}"
        );
    }
    assert!(
        !page.contains("okr help"),
        "clap's help command is left out"
    );
}

#[test]
#[ignore = "needs man"]
fn man_renders_the_page() {
    require_program("man", "--version", "install man-db");
    let temp = tempfile::tempdir().expect("a temporary folder");
    let path = write_page(temp.path());
    let output = Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env_remove("MANROFFOPT")
        .output()
        .expect("run man");
    let text = plain(&String::from_utf8_lossy(&output.stdout));
    assert!(
        output.status.success(),
        "man -l failed: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    for heading in ["NAME", "SYNOPSIS", "COMMANDS", "RULES", "EXIT STATUS"] {
        assert!(
            text.lines().any(|l| l == heading),
            "no heading {heading}\n{text}"
        );
    }
    for rule in RULES {
        let entry = format!("{} ({})", rule.id, rule.default.as_str());
        assert!(
            text.lines().any(|l| l.trim() == entry),
            "no line {entry:?}\n{text}"
        );
    }
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "MANWIDTH=80 is kept\n{text}"
    );
}

/// groff's warnings (`-ww`) catch roff mistakes that `man` renders silently.
#[test]
#[ignore = "needs groff"]
fn groff_has_no_warnings() {
    require_program("groff", "--version", "install groff (Debian: groff-base)");
    let temp = tempfile::tempdir().expect("a temporary folder");
    let path = write_page(temp.path());
    let output = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output()
        .expect("run groff");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "",
        "groff warns about the page"
    );
}
