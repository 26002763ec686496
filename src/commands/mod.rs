//! One module per subcommand, each orchestration: parse the arguments, load,
//! call git/rules/view, and hand the result to a renderer for the format (JSON
//! always through `render::json::value`), or write files through
//! `support::writer`. Commands print notes on stderr and the line that says
//! what they wrote; a few small reports are still written where they are made
//! (`import --dry-run`, `source test`). No command calls another: what they
//! share is in `support`, and `run_command` composes them (an import is
//! followed by `okr check` of the files it wrote).

pub mod add;
pub mod carry;
pub mod check;
pub mod checkin;
pub mod complete;
pub mod diff;
pub mod explain;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod man;
pub mod nudge;
pub mod report;
pub mod review;
pub mod schema;
pub mod support;
pub mod sync;
pub mod views;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::{ColorChoice, Command, Global};
use crate::model::Date;

/// How a command ended, as an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: errors were found (or warnings with `--deny-warnings`).
    Failed,
}

/// What every command needs from the global options.
pub struct Env {
    pub dir: PathBuf,
    pub today: Date,
    /// Whether `--today`/`OKR_TODAY` set the day (else it is the clock's).
    pub today_pinned: bool,
    pub color: bool,
}

impl Env {
    pub fn new(global: &Global) -> Result<Self> {
        let dir = match &global.dir {
            Some(d) => d.clone(),
            None => std::env::current_dir()?,
        };
        let today = global
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        Ok(Env {
            dir,
            today,
            today_pinned: global.today.is_some(),
            color: use_color(global.color, std::io::stdout().is_terminal()),
        })
    }

    pub fn root(&self) -> Result<PathBuf> {
        crate::load::find_root(Path::new(&self.dir))
    }

    /// The width tables wrap to: the terminal's, else `COLUMNS`, else none.
    pub fn width(&self) -> Option<u16> {
        if std::io::stdout().is_terminal()
            && let Some((w, _)) = terminal_width()
        {
            return Some(w);
        }
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .filter(|w| *w > 20)
    }
}

fn terminal_width() -> Option<(u16, u16)> {
    let mut table = comfy_table::Table::new();
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    table.width().map(|w| (w, 0))
}

/// Colours on a terminal unless `NO_COLOR` is set; `--color` decides otherwise.
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub fn run(command: &Command, global: &Global) -> Result<Outcome> {
    let env = Env::new(global)?;
    // Buffered: a large JSON document would otherwise cost a write per line.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let outcome = run_command(command, &env, &mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(outcome)
}

fn run_command(command: &Command, env: &Env, out: &mut impl std::io::Write) -> Result<Outcome> {
    match command {
        Command::Check(args) => check::run(env, args, out),
        Command::Status(args) => views::status(env, args, out),
        Command::Show(args) => views::show(env, args, out),
        Command::Tree(args) => views::tree(env, args, out),
        Command::Board(args) => views::board(env, args, out),
        Command::History(args) => history::run(env, args, out),
        Command::Diff(args) => diff::run(env, args, out),
        Command::Nudge(args) => nudge::run(env, args, out),
        Command::Report(args) => report::run(env, args, out),
        Command::Review(args) => review::run(env, args, out),
        Command::Checkin(args) => checkin::run(env, args, out),
        Command::Add(crate::cli::AddCommand::Objective(args)) => add::objective(env, args, out),
        Command::Add(crate::cli::AddCommand::Kr(args)) => add::key_result(env, args, out),
        Command::Carry(args) => carry::run(env, args, out),
        Command::Import(args) => {
            // What still needs a human, in the files the import wrote.
            if let Some(paths) = import::run(env, args, out)? {
                let check = crate::cli::CheckArgs {
                    paths,
                    format: crate::cli::CheckFormat::Human,
                    deny_warnings: false,
                    base: None,
                };
                out.flush()?;
                check::run(env, &check, out)?;
            }
            Ok(Outcome::Ok)
        }
        Command::Export(args) => export::run(env, args, out),
        Command::Init(args) => init::run(env, args),
        Command::Sync(args) => sync::run(env, args, out),
        Command::Source(crate::cli::SourceCommand::Test(args)) => sync::test(env, args, out),
        Command::Schema(args) => schema::run(args, out),
        Command::Explain(args) => explain::run(args, out),
        Command::Completions(args) => {
            complete::registration(args.shell, out)?;
            Ok(Outcome::Ok)
        }
        Command::Man => man::run(out),
    }
}
