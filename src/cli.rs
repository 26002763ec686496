//! Command-line arguments: clap types only, with the model's parsers for
//! dates and `--kr`. Nothing here reads the repository (completions of
//! references are attached by `commands::complete`).

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
    /// The day to compute with (YYYY-MM-DD) instead of today. History after it is not
    /// counted: later check-ins are not the last check-in, and `stale` reads that day's files.
    #[arg(long, value_name = "DATE", env = "OKR_TODAY", global = true, value_parser = crate::model::parse_date)]
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
    /// Check-ins from git: who changed which key result's value, when, old -> new.
    History(HistoryArgs),
    /// What changed in the OKRs between two revisions, for review: added, removed, retargeted, progressed.
    Diff(DiffArgs),
    /// Who should check in: owners of stale key results in running cycles, for a scheduled CI job.
    Nudge(NudgeArgs),
    /// A cycle on one page: scores by team and objective, progress over time, check-ins, reviews.
    Report(ReportArgs),
    /// Which objectives of an ended cycle lack a review; `--template` adds the review questions.
    Review(ReviewArgs),
    /// Record progress on a key result (`current`, or `done` for a milestone) and commit it.
    Checkin(CheckinArgs),
    /// Append a draft objective, or a key result, keeping the file byte for byte.
    #[command(subcommand)]
    Add(AddCommand),
    /// Start cycle TO from FROM: copy unfinished aspirational objectives as drafts.
    Carry(CarryArgs),
    /// Bring OKRs in from a spreadsheet, a Viva Goals export or GitLab, with their check-ins.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a cycle's key results as a spreadsheet (CSV or XLSX) that `okr import` reads back.
    Export(ExportArgs),
    /// Start an OKR repository here: okr.yaml, okrs/ and an example that checks clean.
    Init(InitArgs),
    /// Fetch the values of key results that declare a `source:` and commit them with their provenance.
    Sync(SyncArgs),
    /// Data sources: `okr source test REF|NAME` runs one query and writes nothing.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Print the JSON Schema of OKR files (or of okr.yaml).
    Schema(SchemaArgs),
    /// Explain a rule: what it checks, why, and how to fix a finding.
    Explain(ExplainArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `okr man | man -l -`.
    Man,
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
    /// Check that targets did not move since this revision (`target-moved`), e.g. `origin/main`.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
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
    /// One JSON object, for scripts.
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
pub struct ReportArgs {
    /// The cycle (default: the one running today, else the latest that has started).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Output format (default: from the extension of `-o`, else markdown).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write the report to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page with inline CSS and SVG charts.
    Html,
    /// GitHub-flavoured Markdown, for a wiki page or a pull-request comment.
    Markdown,
    /// One JSON object with the same data.
    Json,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The cycle (default: the latest that has ended).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Add a `review:` block with the review questions to each objective that has none.
    #[arg(long)]
    pub template: bool,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The organisation's name.
    #[arg(long, default_value = "My Organisation")]
    pub organization: String,
    /// Start a new OKR root even inside an existing one.
    #[arg(long)]
    pub force: bool,
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

/// How a write command commits.
#[derive(Debug, Args)]
pub struct CommitArgs {
    /// Only write the file; do not commit.
    #[arg(long)]
    pub no_commit: bool,
    /// Commit even though the file has uncommitted changes of its own (they go into the commit).
    #[arg(long)]
    pub allow_dirty: bool,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct CheckinArgs {
    /// The key result: `objective-id/kr-id`.
    pub reference: String,
    /// The new value: a number, or for a milestone `done`/`not-done` (`true`/`false`).
    /// The value it already has records a check-in too, as `--same` does.
    #[arg(required_unless_present = "same")]
    pub value: Option<String>,
    /// Record that the value was looked at and still holds: a commit that
    /// changes nothing and carries the check-in's trailers (it clears `stale`).
    #[arg(long, conflicts_with = "value")]
    pub same: bool,
    /// How confident the owner is of reaching the target, 0.0-1.0.
    #[arg(long, value_name = "X")]
    pub confidence: Option<f64>,
    /// A note for the commit message.
    #[arg(short = 'm', long = "message", value_name = "NOTE")]
    pub message: Option<String>,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Append a draft objective to the file of a team (or person) and cycle.
    Objective(AddObjectiveArgs),
    /// Append a key result to an objective.
    Kr(AddKrArgs),
}

#[derive(Debug, Args)]
pub struct AddObjectiveArgs {
    /// The new objective's id, unique in the repository.
    pub id: String,
    /// What the objective wants to achieve.
    #[arg(long)]
    pub title: String,
    /// The person who owns it.
    #[arg(long)]
    pub owner: String,
    /// The cycle (default: the one running today).
    #[arg(long)]
    pub cycle: Option<String>,
    /// The team whose objective it is (default: the owner's team, when there is one).
    #[arg(long, conflicts_with = "person")]
    pub team: Option<String>,
    /// Make it a personal objective of this person.
    #[arg(long)]
    pub person: Option<String>,
    /// The objective (or `objective-id/kr-id`) it serves; repeat for several.
    #[arg(long, value_name = "REF")]
    pub aligns: Vec<String>,
    /// Where it came from.
    #[arg(long, value_enum)]
    pub origin: Option<OriginArg>,
    /// Its status (default: none written, which reads as draft).
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Aspirational (the default) or committed.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// A key result, in one line; repeat for several (all in the same commit).
    #[arg(
        long = "kr",
        value_name = "KR",
        long_help = "A key result in one line; repeat for several (all in one commit):\n  \
            ID: TITLE, START -> TARGET [UNIT]     a number to move (`→` works too)\n  \
            ID: TITLE, due YYYY-MM-DD             a milestone\n  \
            ID: TITLE, keep above X [UNIT] now Y  a level to hold (or `keep below`)\n\
            The title runs to the last comma, e.g. `traced: Requests traced, 10 -> 90 %`."
    )]
    pub kr: Vec<crate::model::KrSpec>,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Not yet agreed.
    Draft,
    /// Agreed by the team.
    Agreed,
    /// Given up; left out of every roll-up.
    Dropped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A stretch goal: 0.7 is a good score.
    Aspirational,
    /// A promise: anything below 1.0 needs an explanation.
    Committed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OriginArg {
    /// Proposed by the team itself.
    BottomUp,
    /// Handed down from above.
    TopDown,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
#[command(group(clap::ArgGroup::new("kind").required(true).args(["start", "due", "keep_above", "keep_below"])))]
pub struct AddKrArgs {
    /// `objective-id/kr-id`: the objective and the new key result's id.
    pub reference: String,
    /// What is measured, and to what level.
    #[arg(long)]
    pub title: String,
    /// A numeric key result's starting value (with --target).
    #[arg(long, requires = "target")]
    pub start: Option<f64>,
    /// A numeric key result's target.
    #[arg(long, requires = "start")]
    pub target: Option<f64>,
    /// The unit of a numeric or threshold key result, e.g. `%`.
    #[arg(long, conflicts_with = "due")]
    pub unit: Option<String>,
    /// A milestone's due date (YYYY-MM-DD).
    #[arg(long, value_parser = crate::model::parse_date)]
    pub due: Option<chrono::NaiveDate>,
    /// A level to stay at or above.
    #[arg(long, value_name = "X")]
    pub keep_above: Option<f64>,
    /// A level to stay at or below.
    #[arg(long, value_name = "X")]
    pub keep_below: Option<f64>,
    /// The value now (default: --start; required with --keep-above/--keep-below).
    #[arg(long, conflicts_with = "due")]
    pub current: Option<f64>,
    /// The person who owns the key result.
    #[arg(long)]
    pub owner: Option<String>,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Args)]
pub struct CarryArgs {
    /// The cycle to carry from, e.g. `2026-Q3`.
    pub from: String,
    /// The cycle to start, e.g. `2026-Q4`.
    pub to: String,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only this key result (`objective-id/kr-id`), or the key results of this objective.
    pub reference: Option<String>,
    /// Only check-ins on or after DATE, as `git log --since` takes it: YYYY-MM-DD,
    /// `YYYY-MM-DD HH:MM`, today, yesterday, `N days ago`, `N weeks ago`, `N hours ago`,
    /// counted from --today. A day form takes the whole day.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only check-ins on or before DATE (the forms of --since).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only key results of files in this cycle.
    #[arg(long)]
    pub cycle: Option<String>,
    #[arg(long, value_enum, default_value_t = ViewFormat::Text)]
    pub format: ViewFormat,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The revision to compare from (default: the merge-base with the default branch).
    pub base: Option<String>,
    /// The revision to compare to (default: the working tree).
    pub head: Option<String>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for a terminal.
    Text,
    /// One JSON object, for scripts.
    Json,
    /// A pull-request comment (GitHub-flavoured Markdown).
    Markdown,
}

#[derive(Debug, Args)]
pub struct NudgeArgs {
    #[arg(long, value_enum, default_value_t = NudgeFormat::Text)]
    pub format: NudgeFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NudgeFormat {
    /// Lines for a terminal.
    Text,
    /// One JSON object.
    Json,
    /// A comment or issue body to post (GitHub-flavoured Markdown).
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// CSV files: one row per key result, or one row per check-in.
    Csv(ImportSheetArgs),
    /// An XLSX workbook: every sheet with OKR or check-in columns.
    Xlsx(ImportSheetArgs),
    /// The ZIP of JSON files Viva Goals exports.
    #[command(name = "viva-goals")]
    VivaGoals(ImportFileArgs),
    /// The JSON of GitLab's work items (OBJECTIVE and KEY_RESULT) from its GraphQL API.
    Gitlab(ImportFileArgs),
}

#[derive(Debug, Args)]
pub struct ImportSheetArgs {
    /// The files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A YAML map of fields to column headers, e.g. `objective: Goal title`.
    #[arg(long, value_name = "MAP.yaml")]
    pub map: Option<PathBuf>,
    #[command(flatten)]
    pub options: ImportOptions,
}

#[derive(Debug, Args)]
pub struct ImportFileArgs {
    /// The file to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub options: ImportOptions,
}

/// What every import takes.
#[derive(Debug, Args)]
pub struct ImportOptions {
    /// The cycle of objectives whose cycle the input does not say (default: the one running today).
    #[arg(long)]
    pub cycle: Option<String>,
    /// The team of objectives whose team the input does not say (default: the top team of okr.yaml).
    #[arg(long)]
    pub team: Option<String>,
    /// Print the mapping used and what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not add unknown owners to okr.yaml; list them instead.
    #[arg(long)]
    pub no_new_people: bool,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only these key results (`objective-id/kr-id`), or the key results of these objectives;
    /// named ones sync even when their cycle has ended.
    pub references: Vec<String>,
    /// Print old -> new and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Ask for the values as of this day (YYYY-MM-DD, 00:00 UTC) instead of now.
    #[arg(long, value_name = "DATE", value_parser = crate::model::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value_t = SyncFormat::Human)]
    pub format: SyncFormat,
    #[command(flatten)]
    pub commit: CommitArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The spreadsheet format.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// The cycle (default: the one running today, the shortest when several are).
    #[arg(long)]
    pub cycle: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SyncFormat {
    /// One line per key result, then the commit.
    Human,
    /// One JSON object.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Run one query and print the value, the time taken and the request (secrets redacted).
    Test(SourceTestArgs),
}

#[derive(Debug, Args)]
pub struct SourceTestArgs {
    /// A key result with a `source:` (`objective-id/kr-id`), or a source's name in okr.yaml.
    pub what: String,
    /// Ask as of this day (YYYY-MM-DD, 00:00 UTC) instead of now.
    #[arg(long, value_name = "DATE", value_parser = crate::model::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
}
