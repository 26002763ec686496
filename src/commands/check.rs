//! `okr check`: load, run the rules, locate, suppress, render. Orchestration
//! only; the rules run on the model, the renderers write.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::{Env, Outcome};
use crate::cli::{CheckArgs, CheckFormat};
use crate::finding::{Finding, Summary};
use crate::load::{self, locate};
use crate::model::{Context, Level, relative_path};
use crate::render::{self, CheckReport};
use crate::rules;

pub fn run(env: &Env, args: &CheckArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let (org, load_findings) = load::load(&root)?;
    let cx = Context::new(&org, env.today);
    let (history_findings, note) = rules::history::check(&cx, args.base.as_deref())?;
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
    locate::locate_all(&org, &mut findings);
    let suppressed =
        rules::apply_suppressions(&org, &mut findings, locate::outline, locate::items_around);
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
