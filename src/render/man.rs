//! The man page (roff): clap_mangen's title, synopsis and options, then the
//! commands with their arguments, the rules, the exit status and the files.

use std::io::{self, Write};

use clap::Arg;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use crate::rules::RULES;

/// The exit codes of every command, as README.md and SPEC section 6 state them.
pub const EXIT_CODES: [(&str, &str); 3] = [
    (
        "0",
        "Success. For okr check: no errors were found (warnings are allowed).",
    ),
    (
        "1",
        "okr check found at least one error, or a warning with --deny-warnings.",
    ),
    (
        "2",
        "okr could not run: no okr.yaml above the current directory, an unreadable file or repository, a refused write, or bad arguments.",
    ),
];

const ENVIRONMENT: [(&str, &str); 4] = [
    (
        "OKR_TODAY",
        "The day to compute with (YYYY-MM-DD) instead of the local date, like --today.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, --color auto does not colour the output.",
    ),
    (
        "GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_AUTHOR_DATE",
        "The author of the commits okr makes, as git reads them; likewise their GIT_COMMITTER_* twins.",
    ),
    (
        "COLUMNS",
        "The width tables wrap to when the output is not a terminal.",
    ),
];

const FILES: [(&str, &str); 3] = [
    (
        "okr.yaml",
        "The organisation, its teams, people, custom cycles and rule settings. Its folder is the OKR root, found from the current directory (or -C DIR) upwards.",
    ),
    (
        "okrs/**/*.yaml",
        "OKR files: one team's (or person's) objectives and key results in one cycle. Other folders can be listed under paths: in okr.yaml.",
    ),
    (
        ".git/okr/",
        "Caches of the decoded files and of values read from history, and the lock that makes writers queue. The caches are rebuilt when deleted.",
    ),
];

/// Renders the whole page of `cmd` (the `okr` command, built).
pub fn write(out: &mut dyn Write, cmd: &clap::Command) -> io::Result<()> {
    let mut page = Vec::new();
    sections(&mut page, cmd)?;
    out.write_all(without_repeated_preamble(&String::from_utf8_lossy(&page)).as_bytes())
}

fn sections(out: &mut dyn Write, cmd: &clap::Command) -> io::Result<()> {
    // The footer shows source, date and title; okr has a version, not a release date.
    let man = clap_mangen::Man::new(cmd.clone())
        .source("okr")
        .date(env!("CARGO_PKG_VERSION"))
        .manual("okr manual");
    man.render_title(out)?;
    man.render_name_section(out)?;
    let mut roff = Roff::default();
    synopsis(&mut roff, cmd);
    roff.control("SH", ["DESCRIPTION"]);
    for paragraph in DESCRIPTION {
        roff.text(code_in_bold(paragraph));
        roff.control("PP", []);
    }
    roff.to_writer(out)?;
    man.render_options_section(out)?;
    let mut roff = Roff::default();
    commands(&mut roff, cmd);
    rules(&mut roff);
    definitions(&mut roff, "EXIT STATUS", &EXIT_CODES);
    definitions(&mut roff, "ENVIRONMENT", &ENVIRONMENT);
    definitions(&mut roff, "FILES", &FILES);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        roman("git(1). "),
        bold("okr explain"),
        roman(" explains a rule with examples; "),
        bold("okr schema"),
        roman(" prints the JSON Schema of the files."),
    ]);
    roff.to_writer(out)?;
    man.render_version_section(out)
}

const DESCRIPTION: [&str; 3] = [
    "okr keeps a team's Objectives and Key Results as plain YAML files in a git repository. People edit the files by hand or with okr's commands, and git holds the history. `okr check` validates the files against the rules below and reports every finding with its file, line and column and how to fix it; the other commands show scores, status tables, the alignment tree and check-ins from the same files and their history.",
    "okr works from the OKR root: the first folder holding okr.yaml, from the current directory (or `-C DIR`) upwards. Data goes to stdout, diagnostics to stderr.",
    "The global options below are accepted before or after the command.",
];

/// `okr [-C DIR] [--today DATE] [--color WHEN] COMMAND [ARGS]`
fn synopsis(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["SYNOPSIS"]);
    let mut line = vec![bold(cmd.get_name())];
    for arg in cmd.get_arguments().filter(|a| a.is_global_set()) {
        line.push(roman(" "));
        line.extend(synopsis_arg(arg));
    }
    line.extend([
        roman(" "),
        italic("COMMAND"),
        roman(" ["),
        italic("ARGS"),
        roman("]"),
    ]);
    roff.text(line);
}

/// Each part rendered on its own starts with the same two lines that define
/// the apostrophe string; the page needs them once.
fn without_repeated_preamble(page: &str) -> String {
    let preamble: String = page.split_inclusive('\n').take(2).collect();
    if preamble.is_empty() {
        return page.to_owned();
    }
    let rest = &page[preamble.len()..];
    preamble.clone() + &rest.replace(&preamble, "")
}

/// Every command, with its synopsis, what it does and its own arguments.
fn commands(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in subcommands(cmd) {
        command(roff, sub, &[cmd.get_name()]);
    }
}

fn command(roff: &mut Roff, cmd: &clap::Command, parents: &[&str]) {
    let mut path: Vec<&str> = parents.to_vec();
    path.push(cmd.get_name());
    if cmd.has_subcommands() {
        for sub in subcommands(cmd) {
            command(roff, sub, &path);
        }
        return;
    }
    roff.control("TP", []);
    let mut synopsis = vec![bold(path.join(" "))];
    for arg in own_args(cmd) {
        synopsis.push(roman(" "));
        synopsis.extend(synopsis_arg(arg));
    }
    roff.text(synopsis);
    if let Some(about) = cmd.get_long_about().or_else(|| cmd.get_about()) {
        roff.text(code_in_bold(&sentence(about.to_string())));
    }
    let args: Vec<&Arg> = own_args(cmd).collect();
    if args.is_empty() {
        return;
    }
    roff.control("RS", []);
    for arg in args {
        roff.control("TP", []);
        roff.text(arg_name(arg));
        let mut help = sentence(arg.get_help().map(ToString::to_string).unwrap_or_default());
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_owned())
            .collect();
        if !values.is_empty() && arg.get_action().takes_values() {
            help.push_str(&format!(" One of: {}.", values.join(", ")));
        }
        if let Some(default) = arg
            .get_default_values()
            .first()
            .filter(|_| arg.get_action().takes_values())
        {
            help.push_str(&format!(" Default: {}.", default.to_string_lossy()));
        }
        roff.text(code_in_bold(help.trim()));
    }
    roff.control("RE", []);
}

/// The subcommands, without the `help` that clap adds.
fn subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| s.get_name() != "help")
}

/// The arguments a command declares itself: not the global ones, not --help.
fn own_args(cmd: &clap::Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments().filter(|a| {
        !a.is_hide_set()
            && !a.is_global_set()
            && !matches!(
                a.get_action(),
                clap::ArgAction::Help | clap::ArgAction::HelpLong | clap::ArgAction::Version
            )
    })
}

fn value_name(arg: &Arg) -> String {
    arg.get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string)
}

/// `--format FORMAT` or `PATHS...`, for a command's synopsis.
fn synopsis_arg(arg: &Arg) -> Vec<Inline> {
    let many = matches!(arg.get_action(), clap::ArgAction::Append);
    let mut inline = arg_name(arg);
    if many {
        inline.push(roman("..."));
    }
    if arg.is_required_set() {
        inline
    } else {
        let mut optional = vec![roman("[")];
        optional.extend(inline);
        optional.push(roman("]"));
        optional
    }
}

/// `-m, --message NOTE`, or `REFERENCE` for a positional argument.
fn arg_name(arg: &Arg) -> Vec<Inline> {
    if arg.is_positional() {
        return vec![italic(value_name(arg))];
    }
    let mut flags = Vec::new();
    if let Some(short) = arg.get_short() {
        flags.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        flags.push(format!("--{long}"));
    }
    let mut inline = vec![bold(flags.join(", "))];
    if arg.get_action().takes_values() {
        inline.push(roman(" "));
        inline.push(italic(value_name(arg)));
    }
    inline
}

/// The rules of `okr check`: id, default level and what each checks.
fn rules(roff: &mut Roff) {
    roff.control("SH", ["RULES"]);
    roff.text([
        roman("okr check applies these rules. Each has a default level, which "),
        bold("rules: levels:"),
        roman(" in okr.yaml can change to error, warning or off; "),
        bold("okr explain RULE"),
        roman(" says why the rule exists and how to fix a finding, with an example."),
    ]);
    for rule in RULES {
        roff.control("TP", []);
        roff.text([
            bold(rule.id.as_str()),
            roman(format!(" ({})", rule.default.as_str())),
        ]);
        roff.text(code_in_bold(&sentence(capitalised(rule.summary))));
    }
}

fn definitions(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (term, text) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*text)]);
    }
}

/// `code` in bold, the rest in roman.
fn code_in_bold(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| if i % 2 == 1 { bold(part) } else { roman(part) })
        .collect()
}

/// clap drops the final full stop of a doc comment; a man page keeps it.
fn sentence(text: String) -> String {
    let text = text.trim_end().to_owned();
    if text.is_empty() || text.ends_with(['.', '!', '?', ')']) {
        text
    } else {
        text + "."
    }
}

/// The first letter in upper case, unless the text starts with `code`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
