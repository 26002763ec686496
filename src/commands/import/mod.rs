//! `okr import csv|xlsx|viva-goals|gitlab`: read the input into a plan
//! (`crate::import`), match it with the repository (`resolve`), write it
//! through the edit engine and commit it (one commit for the import, then one
//! per replayed check-in, dated to the check-in); `okr check`'s findings on
//! the files it wrote follow (see `commands::run_command`).

mod items;
mod resolve;

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::Env;
use crate::cli::{ImportCommand, ImportOptions};
use crate::commands::support::writer::{FileChange, Writer};
use crate::import::columns::Field;
use crate::import::{self, MAX_FILE_BYTES, Plan};
use crate::load;
use crate::model::Date;
use crate::model::text::inert;

/// Imports, and returns the files it wrote (for `okr check` to show what still
/// needs a human), or `None` when it wrote nothing.
pub fn run(
    env: &Env,
    command: &ImportCommand,
    out: &mut dyn Write,
) -> Result<Option<Vec<PathBuf>>> {
    let root = env.root()?;
    let (plan, options, input) = read(env, command)?;
    let writer = if options.dry_run {
        None
    } else {
        Some(Writer::open(
            &root,
            !options.commit.no_commit,
            options.commit.allow_dirty,
        )?)
    };
    let (org, _) = load::load(&root)?;
    let last = last_checkins(&root, &plan)?;
    let resolved = resolve::resolve(
        &org,
        &plan,
        &resolve::Options {
            cycle: options.cycle.as_deref(),
            team: options.team.as_deref(),
            no_new_people: options.no_new_people,
            today: env.today,
        },
        &|reference| last.get(reference).copied(),
    )?;
    let Some(writer) = writer else {
        dry_run(out, &plan, &resolved)?;
        return Ok(None);
    };
    report_lists(&resolved);
    if resolved.changes.is_empty() && resolved.replays.is_empty() {
        writeln!(
            out,
            "nothing to import: the repository already holds everything in {}",
            inert(&input)
        )?;
        return Ok(None);
    }
    let mut paths: Vec<PathBuf> = resolved.changes.iter().map(|c| c.path.clone()).collect();
    for r in &resolved.replays {
        if !paths.contains(&r.path) {
            paths.push(r.path.clone());
        }
    }
    writer.check_clean(&paths)?;

    let noon = |d: Date| {
        d.and_hms_opt(12, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp())
    };
    if !writer.commits() {
        // Nothing is committed: the files take their final texts at once.
        let mut finals: BTreeMap<PathBuf, (Option<String>, String)> = BTreeMap::new();
        for c in &resolved.changes {
            finals.insert(c.path.clone(), (c.before.clone(), c.after.clone()));
        }
        for r in &resolved.replays {
            let entry = finals
                .entry(r.path.clone())
                .or_insert((Some(r.before.clone()), r.after.clone()));
            entry.1.clone_from(&r.after);
        }
        let changes: Vec<FileChange> = finals
            .into_iter()
            .map(|(path, (before, after))| FileChange {
                path,
                original: before.map(String::into_bytes),
                new: after,
            })
            .collect();
        let done = writer.apply(&changes, &import_message(&plan, &input, &resolved))?;
        writeln!(out, "{}", inert(&done))?;
    } else {
        if !resolved.changes.is_empty() {
            let changes: Vec<FileChange> = resolved
                .changes
                .iter()
                .map(|c| FileChange {
                    path: c.path.clone(),
                    original: c.before.clone().map(String::into_bytes),
                    new: c.after.clone(),
                })
                .collect();
            // Dated to the first check-in it replays, so that history reads in order.
            let author = match resolved.replays.iter().map(|r| r.date).min() {
                Some(day) => writer.author_at(noon(day), 0)?,
                None => None,
            };
            let done = writer.apply_as(
                &changes,
                &import_message(&plan, &input, &resolved),
                author.as_ref(),
            )?;
            writeln!(out, "{}", inert(&done))?;
        }
        for r in &resolved.replays {
            let author = match &r.author {
                Some((name, email)) => Some(crate::git::Author {
                    name: name.clone(),
                    email: email.clone(),
                    time: noon(r.date),
                    offset: 0,
                }),
                None => writer.author_at(noon(r.date), 0)?,
            };
            writer.apply_as(
                &[FileChange {
                    path: r.path.clone(),
                    original: Some(r.before.clone().into_bytes()),
                    new: r.after.clone(),
                }],
                &r.message,
                author.as_ref(),
            )?;
        }
    }
    let c = resolved.counts;
    writeln!(
        out,
        "imported from {}: {} objectives and {} key results added, {} key results updated, {} unchanged, {} check-ins replayed",
        inert(&input),
        c.objectives,
        c.key_results,
        c.updated,
        c.unchanged,
        resolved.replays.len()
    )?;
    Ok(Some(paths))
}

/// The plan of the input, the options, and the input's name for messages.
fn read<'a>(env: &Env, command: &'a ImportCommand) -> Result<(Plan, &'a ImportOptions, String)> {
    let names = |files: &[PathBuf]| {
        files
            .iter()
            .map(|f| file_name(f))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let result = match command {
        ImportCommand::Csv(args) => {
            let map = read_map(env, args.map.as_deref())?;
            let mut tables = Vec::new();
            for file in &args.files {
                let bytes = read_input(env, file)?;
                tables.push(
                    import::csv::table(&file_name(file), &bytes).map_err(anyhow::Error::msg)?,
                );
            }
            (
                import::sheet::plan("csv", &tables, &map),
                &args.options,
                names(&args.files),
            )
        }
        ImportCommand::Xlsx(args) => {
            let map = read_map(env, args.map.as_deref())?;
            let mut tables = Vec::new();
            for file in &args.files {
                let bytes = read_input(env, file)?;
                tables.extend(
                    import::xlsx::tables(&file_name(file), &bytes).map_err(anyhow::Error::msg)?,
                );
            }
            (
                import::sheet::plan("xlsx", &tables, &map),
                &args.options,
                names(&args.files),
            )
        }
        ImportCommand::VivaGoals(args) => {
            let bytes = read_input(env, &args.file)?;
            (
                import::viva_goals::plan(&file_name(&args.file), &bytes),
                &args.options,
                file_name(&args.file),
            )
        }
        ImportCommand::Gitlab(args) => {
            let bytes = read_input(env, &args.file)?;
            (
                import::gitlab::plan(&file_name(&args.file), &bytes),
                &args.options,
                file_name(&args.file),
            )
        }
    };
    let (plan, options, input) = result;
    let plan = plan
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("cannot import {input}; nothing was written"))?;
    Ok((plan, options, input))
}

fn file_name(path: &Path) -> String {
    import::numbers::clean_text(
        &path
            .file_name()
            .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy()),
        200,
    )
}

/// An input file's bytes, refusing one larger than [`MAX_FILE_BYTES`].
fn read_input(env: &Env, path: &Path) -> Result<Vec<u8>> {
    let full = env.dir.join(path);
    let file =
        std::fs::File::open(&full).with_context(|| format!("cannot open {}", path.display()))?;
    let too_large = |size: u64| {
        anyhow::anyhow!(
            "{} is {:.1} MB; okr imports files of at most {} MB (split the sheet, or export one cycle at a time); nothing was written",
            path.display(),
            size as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )
    };
    if let Ok(meta) = file.metadata()
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// `--map MAP.yaml`: field -> header.
fn read_map(env: &Env, path: Option<&Path>) -> Result<BTreeMap<Field, String>> {
    let Some(path) = path else {
        return Ok(BTreeMap::new());
    };
    let bytes = read_input(env, path)?;
    let text =
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))?;
    let raw: BTreeMap<String, String> = serde_saphyr::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e}\n  hint: a map is one `field: Column header` per line, e.g. `objective: 目标名称`",
            path.display()
        )
    })?;
    let mut map = BTreeMap::new();
    for (key, header) in raw {
        let Some(field) = Field::from_key(&key) else {
            let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
            let hint = crate::model::did_you_mean(&key, keys.iter().copied()).map_or_else(
                || format!("the fields are {}", keys.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
            bail!(
                "{}: `{key}` is not a field okr reads; {hint}",
                path.display()
            );
        };
        map.insert(field, header);
    }
    Ok(map)
}

/// The day of each existing key result's last check-in, from git, when the
/// plan has check-ins of key results that may already exist.
fn last_checkins(root: &Path, plan: &Plan) -> Result<HashMap<String, Date>> {
    let mut last = HashMap::new();
    if plan.checkins.is_empty() {
        return Ok(last);
    }
    let Some(repo) = crate::git::Repo::discover(root)? else {
        return Ok(last);
    };
    let walk = crate::history::Walk {
        paths: repo.okr_paths(root, &crate::commands::support::configured_paths(root))?,
        ..Default::default()
    };
    for c in crate::history::walk(&repo, &walk)?.checkins {
        let day = c.date();
        let entry = last.entry(c.reference.clone()).or_insert(day);
        *entry = (*entry).max(day);
    }
    Ok(last)
}

fn import_message(plan: &Plan, input: &str, r: &resolve::Resolved) -> String {
    let c = r.counts;
    let mut m = format!(
        "import: {} objectives, {} key results from {}\n\n",
        c.objectives, c.key_results, plan.source
    );
    m.push_str(&format!("Read from {input}.\n"));
    if c.updated > 0 {
        m.push_str(&format!(
            "Updated the values of {} key results.\n",
            c.updated
        ));
    }
    if !r.new_people.is_empty() {
        m.push_str(&format!("New people: {}.\n", r.new_people.join(", ")));
    }
    if !r.new_teams.is_empty() {
        m.push_str(&format!("New teams: {}.\n", r.new_teams.join(", ")));
    }
    m.push_str(&format!("\nOKR-Imported-From: {}\n", plan.source));
    m
}

/// What could not be mapped, and the people not added, on stderr.
fn report_lists(r: &resolve::Resolved) {
    for line in &r.unmapped {
        eprintln!("note: {}", crate::model::text::inert_message(line));
    }
    if !r.unknown_people.is_empty() {
        eprintln!(
            "note: not in okr.yaml's people (--no-new-people): {}; add them, or the `owner` rule will list them",
            inert(&r.unknown_people.join(", "))
        );
    }
}

/// `--dry-run`: the mapping used and what the import would do.
fn dry_run(out: &mut dyn Write, plan: &Plan, r: &resolve::Resolved) -> Result<()> {
    if !plan.mapping.is_empty() {
        writeln!(out, "Mapping:")?;
        for line in &plan.mapping {
            writeln!(out, "  {}", inert(line))?;
        }
    }
    writeln!(out, "Plan (nothing written):")?;
    for p in &r.new_people {
        writeln!(out, "  person  {} -> okr.yaml", inert(p))?;
    }
    for t in &r.new_teams {
        writeln!(out, "  team    {} -> okr.yaml", inert(t))?;
    }
    for p in &r.unknown_people {
        writeln!(
            out,
            "  unknown person {} (not added: --no-new-people)",
            inert(p)
        )?;
    }
    for line in &r.report {
        writeln!(out, "  {}", inert(line))?;
    }
    for replay in &r.replays {
        writeln!(
            out,
            "  check-in {} {} by {}",
            replay.date,
            inert(&replay.reference),
            inert(replay.author.as_ref().map_or("you", |(n, _)| n.as_str()))
        )?;
    }
    let c = r.counts;
    writeln!(
        out,
        "{} objectives and {} key results to add, {} key results to update, {} unchanged, {} check-ins to replay",
        c.objectives,
        c.key_results,
        c.updated,
        c.unchanged,
        r.replays.len()
    )?;
    if !r.unmapped.is_empty() {
        writeln!(out, "Not mapped:")?;
        for line in &r.unmapped {
            writeln!(out, "  {}", inert(line))?;
        }
    }
    Ok(())
}
