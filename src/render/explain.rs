//! A rule explained: what it checks, why, how to fix it, and its two examples,
//! as text for `okr explain` and as Markdown for SARIF's `help`. Reads the
//! rules' descriptions; runs no rule.

use std::io::{self, Write};

use crate::rules::Rule;
use crate::rules::example::{Example, File, TODAY};

/// A paragraph, or a block of code or YAML.
enum Block {
    Text(String),
    Code(&'static str, String),
}

/// `okr explain` without a rule: one line per rule, its id, default level and
/// what it checks.
pub fn list(out: &mut dyn Write, rules: &[Rule]) -> io::Result<()> {
    for rule in rules {
        writeln!(
            out,
            "{:<18} {:<8} {}",
            rule.id,
            rule.default.as_str(),
            rule.summary
        )?;
    }
    Ok(())
}

/// The explanation for `okr explain RULE`: code blocks indented by four spaces.
pub fn text(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{} ({} by default)", rule.id, rule.default.as_str())?;
    for block in blocks(rule) {
        writeln!(out)?;
        match block {
            Block::Text(text) => writeln!(out, "{text}")?,
            Block::Code(_, code) => {
                for line in code.lines() {
                    if line.is_empty() {
                        writeln!(out)?;
                    } else {
                        writeln!(out, "    {line}")?;
                    }
                }
            }
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Set its level in okr.yaml under `rules: levels: {}: error|warning|off`, or silence one finding with `# okr: ignore[{}] reason` on its line or the line above, or above the key result or objective it is in.",
        rule.id, rule.id
    )
}

/// The explanation as GitHub-flavoured Markdown, with fenced examples.
pub fn markdown(rule: &Rule) -> String {
    let mut md = String::new();
    for block in blocks(rule) {
        match block {
            Block::Text(text) => md.push_str(&text),
            Block::Code(lang, code) => {
                md.push_str(&format!("```{lang}\n{code}"));
                if !code.ends_with('\n') {
                    md.push('\n');
                }
                md.push_str("```");
            }
        }
        md.push_str("\n\n");
    }
    md.push_str(&format!(
        "Silence one finding with `# okr: ignore[{}] reason` on its line or the line above, or above the key result or objective it is in.\n",
        rule.id
    ));
    md
}

/// What the rule checks, why and how to fix it, without the examples: SARIF's `help.text`.
pub fn summary(rule: &Rule) -> String {
    format!(
        "Checks: {}.\n\nWhy: {}\n\nFix: {}\n\nRun `okr explain {}` for an example that fails and one that passes.",
        rule.summary, rule.why, rule.fix, rule.id
    )
}

fn blocks(rule: &Rule) -> Vec<Block> {
    let mut blocks = vec![
        Block::Text(format!("Checks: {}.", rule.summary)),
        Block::Text(format!("Why: {}", rule.why)),
        Block::Text(format!("Fix: {}", rule.fix)),
    ];
    if rule.needs_history {
        blocks.push(Block::Text(
            "This rule reads git history; outside a git repository it is skipped.".to_owned(),
        ));
    }
    let (fail, pass) = (&rule.examples.fail, &rule.examples.pass);
    let shared = fail.config() == pass.config();
    if shared {
        blocks.push(Block::Text(
            "Both examples below use this okr.yaml:".to_owned(),
        ));
        blocks.push(Block::Code("yaml", files_text(&[config_file(fail)])));
    }
    blocks.push(Block::Text(format!(
        "An example that fails: `{}` reports `{}`.",
        command(fail),
        rule.id
    )));
    example(&mut blocks, fail, !shared);
    blocks.push(Block::Text(format!(
        "The same put right: `{}` reports nothing.",
        command(pass)
    )));
    example(&mut blocks, pass, !shared);
    blocks
}

fn command(example: &Example) -> String {
    let mut command = format!("okr check --today {TODAY}");
    for arg in example.args {
        command.push(' ');
        command.push_str(arg);
    }
    command
}

fn config_file(example: &Example) -> File {
    File {
        path: crate::model::CONFIG_FILE,
        text: example.config(),
    }
}

/// The example's files in the order they are written, with the commits between.
fn example(blocks: &mut Vec<Block>, example: &Example, with_config: bool) {
    let is_config = |f: &&File| f.path == crate::model::CONFIG_FILE;
    let config = with_config.then(|| config_file(example));
    let commits = example.commits();
    if commits.is_empty() {
        let files: Vec<File> = config
            .into_iter()
            .chain(example.files.iter().filter(|f| !is_config(f)).copied())
            .collect();
        blocks.push(Block::Code("yaml", files_text(&files)));
        return;
    }
    blocks.push(Block::Text("In a new git repository:".to_owned()));
    for (i, commit) in commits.iter().enumerate() {
        let mut files: Vec<File> = Vec::new();
        if i == 0 {
            files.extend(config);
        }
        files.extend(commit.files.iter().filter(|f| !is_config(f)).copied());
        blocks.push(Block::Code("yaml", files_text(&files)));
        let messages: Vec<String> = commit
            .message
            .split("\n\n")
            .map(|m| format!("-m '{m}'"))
            .collect();
        blocks.push(Block::Code(
            "sh",
            format!(
                "git add --all\ngit commit {}    # on {}\n",
                messages.join(" "),
                commit.date
            ),
        ));
    }
    let rest: Vec<File> = example.okr_files().copied().collect();
    if !rest.is_empty() {
        blocks.push(Block::Text("Then, without committing:".to_owned()));
        blocks.push(Block::Code("yaml", files_text(&rest)));
    }
}

/// Files one after the other, each under a comment with its path.
fn files_text(files: &[File]) -> String {
    files
        .iter()
        .map(|f| format!("# {}\n{}", f.path, f.text))
        .collect::<Vec<_>>()
        .join("\n")
}
