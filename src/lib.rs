//! okr: Objectives and Key Results as plain YAML in git.
//!
//! Data flows one way: files → `load` → `model` → `rules`/`score` → `view` →
//! `render`, and git → `git` → `history` → `rules`/`view`. `model` is the hub of
//! plain types every layer shares; `commands` wires the layers together for
//! each subcommand, and `cli` only describes the command line. README's
//! "Architecture" has the table of what each module may use, and
//! `tests/architecture.rs` holds the code to it.

pub mod cli;
pub mod commands;
pub mod edit;
pub mod finding;
pub mod git;
pub mod history;
pub mod import;
pub mod load;
pub mod model;
pub mod render;
pub mod rules;
pub mod score;
pub mod sync;
pub mod view;

use std::process::ExitCode;

use clap::Parser;

/// Runs the command line and returns the process exit code: 0 fine, 1 findings
/// (or a failed check), 2 okr could not run.
pub fn main() -> ExitCode {
    // Parsing recurses once per level of nesting, which the parser caps (see
    // `load::parse`); files are parsed on rayon's threads, whose default 2 MiB
    // stack an unoptimised build can exhaust before the cap is reached. Give
    // them the main thread's room and more. (Fails only if a pool exists.)
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(16 * 1024 * 1024)
        .build_global();
    commands::complete::answer_if_asked();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(&cli.command, &cli.global) {
        Ok(commands::Outcome::Ok) => ExitCode::SUCCESS,
        Ok(commands::Outcome::Failed) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            // Errors name files and quote them: shown as a terminal may show
            // them, on okr's own lines.
            eprintln!("error: {}", model::text::inert_message(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}
