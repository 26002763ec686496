//! `okr init`: a commented starting organisation that checks clean, editor
//! schemas hooked up, and `git init` when outside a repository (through `git`).
//! Its files are all new, so they are written directly, not through the writer
//! that edits and commits.

use anyhow::{Context, Result, bail};
use chrono::Datelike;

use super::{Env, Outcome};
use crate::cli::{InitArgs, SchemaKind};
use crate::model::{CONFIG_FILE, Cycle, Date, Root, Writable};

pub fn run(env: &Env, args: &InitArgs) -> Result<Outcome> {
    let root = &env.dir;
    std::fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    if root.join(CONFIG_FILE).exists() {
        bail!(
            "{} already exists in {}; okr init starts a new OKR repository and changes nothing in an existing one",
            CONFIG_FILE,
            root.display()
        );
    }
    if !args.force
        && let Ok(outer) = crate::load::find_root(root)
    {
        bail!(
            "{} is already inside the OKR root {} (it has {CONFIG_FILE}); okr commands here use that one. \
             To start a separate OKR root inside it anyway, run `okr init --force`",
            root.display(),
            outer.display()
        );
    }
    let cycle = quarter_of(env.today);
    let period = Cycle::standard(&cycle).context("the current quarter has no period")?;
    let files = [
        (
            "schemas/okr-file.schema.json".to_owned(),
            super::support::schema_json(SchemaKind::File) + "\n",
        ),
        (
            "schemas/okr-config.schema.json".to_owned(),
            super::support::schema_json(SchemaKind::Config) + "\n",
        ),
        (CONFIG_FILE.to_owned(), config_text(&args.organization)),
        (
            format!("okrs/{cycle}/company.yaml"),
            example_text(&cycle, period.end),
        ),
    ];
    let vscode_rel = ".vscode/settings.json";
    let boundary = Root::new(root);
    // Every place is resolved before anything is written: none is, or lies
    // behind, a symbolic link (which could lead anywhere).
    let mut targets = Vec::new();
    for rel in files.iter().map(|(p, _)| p.as_str()).chain([vscode_rel]) {
        targets.push(
            boundary
                .for_write(rel)
                .with_context(|| format!("cannot write {rel}"))?,
        );
    }
    let write_vscode = !root.join(vscode_rel).exists();
    if let Some((path, _)) = files.iter().find(|(p, _)| root.join(p).exists()) {
        bail!(
            "{} already exists; okr init writes only new files, so move it away or run okr init elsewhere",
            root.join(path).display()
        );
    }
    for ((_, text), target) in files.iter().zip(&targets) {
        write_new(target, text)?;
    }
    let vscode = root.join(vscode_rel);
    if !write_vscode {
        eprintln!(
            "note: {} exists; add `\"yaml.schemas\": {{\"schemas/okr-file.schema.json\": [\"okrs/**/*.yaml\", \"okrs/**/*.yml\"], \"schemas/okr-config.schema.json\": \"okr.yaml\"}}` to it for editor completion",
            vscode.display()
        );
    } else if let Some(target) = targets.last() {
        write_new(target, VSCODE)?;
    }
    if crate::git::init_unless_inside(root)
        .with_context(|| format!("cannot run git init in {}", root.display()))?
    {
        eprintln!("Initialized an empty git repository in {}", root.display());
    }
    eprintln!(
        "Created {CONFIG_FILE} and okrs/{cycle}/company.yaml in {}; run `okr check` to validate them.",
        root.display()
    );
    Ok(Outcome::Ok)
}

/// Writes a new file (never over one), creating its folders.
fn write_new(target: &Writable, text: &str) -> Result<()> {
    let path = target.path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| {
            format!(
                "cannot create {}; move away what is there or run okr init elsewhere",
                path.display()
            )
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `2026-Q4` for a day in October to December 2026.
pub fn quarter_of(day: Date) -> String {
    format!("{}-Q{}", day.year(), (day.month() - 1) / 3 + 1)
}

const VSCODE: &str = r#"{
  "yaml.schemas": {
    "schemas/okr-file.schema.json": ["okrs/**/*.yaml", "okrs/**/*.yml"],
    "schemas/okr-config.schema.json": "okr.yaml"
  }
}
"#;

fn config_text(organization: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar, escapes included.
    let name = serde_json::to_string(organization).unwrap_or_else(|_| "\"\"".to_owned());
    format!(
        r#"# yaml-language-server: $schema=schemas/okr-config.schema.json
# okr configuration: the organisation, its teams and people.
# The folder holding this file is the OKR root; OKR files live under `paths`.
organization: {name}
paths: [okrs]

# Teams form a tree through `parent`; the team without a parent is the top.
teams:
  - id: company
    name: {name}
    lead: lead
    members: [lead]

# Everyone who owns an objective, key result or initiative.
people:
  - id: lead
    name: Team Lead
    email: lead@example.com

# Limits and levels of `okr check` (these are the defaults).
rules:
  max-objectives: 5
  max-key-results: 4
  min-key-results: 1
  bottom-up-share: 0.6
  stale-after-days: 14
  levels:
    bottom-up-share: warning
"#
    )
}

fn example_text(cycle: &str, end: Date) -> String {
    format!(
        r#"# yaml-language-server: $schema=../../schemas/okr-file.schema.json
# The OKRs of team `company` for {cycle}. Run `okr check` after editing.
cycle: {cycle}
team: company
objectives:
  - id: first-objective           # unique in the repository
    title: Make our first OKR cycle a habit
    owner: lead
    origin: bottom-up             # bottom-up | top-down
    status: agreed                # draft until the team has agreed it
    key_results:
      - id: checkins              # a number: start, target, current
        title: Check in every week
        start: 0
        target: 12
        current: 0
        unit: check-ins
      - id: review                # a milestone: done and due
        title: Hold the end-of-cycle review
        done: false
        due: {end}
"#
    )
}
