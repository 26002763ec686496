//! Command-line arguments (clap types only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Objectives and Key Results as plain YAML in git: validate, score, report.
#[derive(Debug, Parser)]
#[command(name = "okr", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Run as if okr was started in DIR.
    #[arg(short = 'C', value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// The day to compute with (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE", env = "OKR_TODAY", global = true)]
    pub today: Option<chrono::NaiveDate>,
    /// When to use colours.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colours.
    Always,
    /// Never colours.
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the OKR files against the rules.
    Check(CheckArgs),
    /// Where the current cycle stands: objectives, key results, scores, health.
    Status(StatusArgs),
    /// One objective or key result in full, with its alignment.
    Show(ShowArgs),
    /// The alignment tree of a cycle, from the top objectives down.
    Tree(TreeArgs),
    /// Initiatives as a kanban: todo, doing, done.
    Board(BoardArgs),
    /// Start an OKR repository here: okr.yaml, okrs/ and an example that checks clean.
    Init(InitArgs),
    /// Print the JSON Schema of OKR files (or of okr.yaml).
    Schema(SchemaArgs),
    /// Explain a rule: what it checks, why, and how to fix a finding.
    Explain(ExplainArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only report findings in these files or folders.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style snippets with file:line:column and a caret.
    Human,
    /// One JSON object with the findings and a summary.
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// SARIF 2.1.0, for code-scanning upload.
    Sarif,
}

/// Output of the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    /// A table for people.
    Text,
    /// One JSON object (SPEC section 8).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One row per team (personal OKRs as @person).
    Team,
    /// One row per objective owner.
    Owner,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The cycle (default: the one running today, the shortest when several are).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Only this team's objectives.
    #[arg(long)]
    pub team: Option<String>,
    /// Only objectives this person owns (or owns a key result of).
    #[arg(long)]
    pub owner: Option<String>,
    /// Only this person's personal OKRs.
    #[arg(long)]
    pub person: Option<String>,
    /// Roll up per team or per owner.
    #[arg(long, value_enum)]
    pub by: Option<GroupBy>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// `objective-id` or `objective-id/kr-id`.
    pub reference: String,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The cycle (default: the one running today).
    #[arg(long)]
    pub cycle: Option<String>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct BoardArgs {
    /// The cycle (default: the one running today).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Only this team's initiatives.
    #[arg(long)]
    pub team: Option<String>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The organisation's name.
    #[arg(long, default_value = "My Organisation")]
    pub organization: String,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum, default_value_t = SchemaKind::File)]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// OKR files.
    File,
    /// okr.yaml.
    Config,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. `measurable`; without one, list the rules.
    pub rule: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}
