//! `okr check`: load, run the rules, locate, suppress, render. Orchestration
//! only; the rules run on the model, the renderers write.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::{Env, Outcome};
use crate::cli::{CheckArgs, CheckFormat};
use crate::finding::{Finding, Summary};
use crate::git::Repo;
use crate::load::{self, locate, yaml};
use crate::model::{CONFIG_FILE, Context, Level, relative_path};
use crate::render::{self, CheckReport};
use crate::rules;

pub fn run(env: &Env, args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    // Each file is parsed once, with positions: the model is decoded from the
    // tree, and the tree's outline locates the findings.
    let (org, load_findings, outlines) = load::load_with_outlines(&root)?;
    let cx = Context::new(&org, env.today);
    let (history_findings, note) = history_findings(&cx, args.base.as_deref())?;
    if let Some(note) = note {
        eprintln!("note: {}", crate::model::text::inert_message(&note));
    }
    let mut load_findings = load_findings;
    load_findings.extend(history_findings);
    let mut findings = rules::check(&cx, load_findings);
    findings.extend(rules::unknown_ignored_rules(&org));
    let only = selected(&root, &env.dir, &args.paths)?;
    if !only.is_empty() {
        findings.retain(|f| {
            only.iter()
                .any(|p| f.file == *p || f.file.starts_with(&format!("{p}/")))
        });
    }
    locate::locate_in(&outlines, &mut findings);
    // Suppression asks for the outline of a file by its text: the one kept
    // for the file that text is (the same string), else parsed.
    let outline_by_text: HashMap<*const u8, &yaml::Node> = org
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.text.as_str()))
        .chain([(CONFIG_FILE, org.config_text.as_str())])
        .filter_map(|(path, text)| Some((text.as_ptr(), outlines.get(path)?)))
        .collect();
    let outline = |text: &str| match outline_by_text.get(&text.as_ptr()) {
        Some(&tree) if !text.is_empty() => Some(Cow::Borrowed(tree)),
        _ => locate::outline(text).map(Cow::Owned),
    };
    let items_around = |tree: &Cow<_>, line| locate::items_around(tree, line);
    let suppressed = rules::apply_suppressions(&org, &mut findings, outline, items_around);
    drop(outlines);
    sort(&mut findings);
    let summary = Summary {
        errors: findings.iter().filter(|f| f.level == Level::Error).count(),
        warnings: findings
            .iter()
            .filter(|f| f.level == Level::Warning)
            .count(),
        suppressed,
        files: org.files.len(),
    };
    let report = CheckReport {
        org: &org,
        findings: &findings,
        summary,
        repo_prefix: repo_prefix(&root),
    };
    match args.format {
        CheckFormat::Human => {
            let color = env.color;
            render::human::write(out, &report, color)?;
        }
        CheckFormat::Json => render::json::write(out, &report)?,
        CheckFormat::Github => render::github::write(out, &report)?,
        CheckFormat::Sarif => render::sarif::write(out, &report)?,
    }
    out.flush()?;
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(if failed { Outcome::Failed } else { Outcome::Ok })
}

/// Findings in file order, then by position, then by rule.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let okr_file = |f: &Finding| f.file != crate::model::CONFIG_FILE;
        (okr_file(a), &a.file, a.pos, a.rule).cmp(&(okr_file(b), &b.file, b.pos, b.rule))
    });
}

/// The `PATH` arguments as paths relative to the OKR root.
fn selected(root: &Path, cwd: &Path, paths: &[std::path::PathBuf]) -> Result<Vec<String>> {
    paths
        .iter()
        .map(|p| {
            let full = cwd.join(p);
            let full = full
                .canonicalize()
                .with_context(|| format!("cannot open {}", p.display()))?;
            if !full.starts_with(root) {
                anyhow::bail!(
                    "{} is outside the OKR root {}; pass files or folders under it",
                    p.display(),
                    root.display()
                );
            }
            Ok(relative_path(root, &full))
        })
        .collect()
}

/// The OKR root's path inside its git repository, with a trailing `/` (empty at the top
/// or outside git).
fn repo_prefix(root: &Path) -> String {
    let Ok(Some(repo)) = crate::git::Repo::discover(root) else {
        return String::new();
    };
    match repo.relative(root) {
        Ok(rel) if !rel.is_empty() => format!("{rel}/"),
        _ => String::new(),
    }
}

/// The findings of the rules that need git history: `stale` (unless off),
/// `target-moved` (with a base revision) and `source-stale`. History reads
/// the repository; the rules judge what it found. Returns a note for stderr
/// when they could not run.
fn history_findings(
    cx: &Context<'_>,
    base: Option<&str>,
) -> Result<(Vec<Finding>, Option<String>)> {
    let levels = &cx.org.config.rules.levels;
    let on = |rule: &str| levels.get(rule) != Some(&Level::Off);
    let want_stale = on("stale");
    let want_moved = on("target-moved") && base.is_some();
    let watched = if on("source-stale") {
        rules::source_stale::watched(cx)
    } else {
        Vec::new()
    };
    if !want_stale && !want_moved && watched.is_empty() {
        return Ok((Vec::new(), None));
    }
    let Some(repo) = Repo::discover(&cx.org.root)? else {
        return Ok((
            Vec::new(),
            Some("`stale` and `target-moved` read git history, and this is not a git repository; they were skipped".into()),
        ));
    };
    let mut findings = Vec::new();
    if want_stale {
        let stale = crate::history::stale_key_results(cx, &repo)?;
        findings.extend(rules::history::stale(cx, &stale));
    }
    if let (true, Some(base)) = (want_moved, base) {
        let goals = crate::history::goal_history(cx, &repo, base)?;
        findings.extend(rules::moved::target_moved(cx, &goals));
    }
    if !watched.is_empty() {
        // Syncs before the earliest cycle start cannot count.
        let stop = watched
            .iter()
            .filter_map(|(_, start)| start.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp())
            .min()
            .unwrap_or(0);
        let wanted: Vec<String> = watched.into_iter().map(|(r, _)| r).collect();
        let marks = crate::git::trailers::last_synced(repo.git(), &wanted, stop)?;
        let last = marks.into_iter().map(|(r, m)| (r, m.time)).collect();
        findings.extend(rules::source_stale::source_stale(cx, &last));
    }
    Ok((findings, None))
}
