//! `okr diff [BASE] [HEAD]`: the semantic difference between two revisions.
//! Orchestration only: `view::diff` compares, `render::diff` writes.

use std::io::Write;

use anyhow::Result;

use super::support::repo_for;
use super::{Env, Outcome};
use crate::cli::{DiffArgs, DiffFormat};
use crate::load;
use crate::model::text::inert;
use crate::render::diff as render;
use crate::view::diff::diff;

pub fn run(env: &Env, args: &DiffArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let repo = repo_for(&root, "okr diff")?;
    let paths = repo.okr_paths(&root, &crate::commands::support::configured_paths(&root))?;
    let (base, base_label) = match &args.base {
        Some(rev) => (repo.resolve(rev)?, rev.clone()),
        None => {
            let (oid, branch) = repo.default_base()?;
            (oid, format!("{branch} (merge-base {})", repo.short_id(oid)))
        }
    };
    let at = |oid| -> Result<crate::model::Org> {
        let (config, files) = repo.files_at(oid, &root, &paths)?;
        Ok(load::from_texts(&root, config, files))
    };
    let base_org = at(base)?;
    let (head_org, head_id, head_label) = match &args.head {
        Some(rev) => {
            let oid = repo.resolve(rev)?;
            (at(oid)?, Some(oid.to_string()), rev.clone())
        }
        None => (load::load(&root)?.0, None, "working tree".to_owned()),
    };
    for (org, label) in [(&base_org, &base_label), (&head_org, &head_label)] {
        for f in org.files.iter().filter(|f| f.okr.is_none()) {
            eprintln!(
                "note: {} does not parse in {}; its objectives are left out of the comparison (`okr check` says why)",
                inert(&f.path),
                inert(label)
            );
        }
    }
    let mut view = diff(
        &base_org,
        &head_org,
        env.today,
        (base.to_string(), head_id),
        (base_label, head_label),
    );
    note_hand_edits(
        &repo,
        &root,
        base,
        args.head.is_none(),
        &head_org,
        &mut view,
    )?;
    match args.format {
        DiffFormat::Text => render::text(out, &view)?,
        DiffFormat::Json => crate::render::json::value(out, &view)?,
        DiffFormat::Markdown => render::markdown(out, &view)?,
    }
    Ok(Outcome::Ok)
}

/// Adds a warning for each key result with a `source:` whose value changed by
/// hand (see [`crate::view::diff::hand_edits`]): reads the history of
/// BASE..HEAD and, for the working tree, the files at HEAD, only when a
/// synced value changed at all.
fn note_hand_edits(
    repo: &crate::git::Repo,
    root: &std::path::Path,
    base: crate::model::ObjectId,
    working_tree: bool,
    head_org: &crate::model::Org,
    view: &mut crate::view::diff::DiffView,
) -> Result<()> {
    if !crate::view::diff::synced_changed(view, head_org) {
        return Ok(());
    }
    let history = super::support::read_history(
        root,
        repo,
        crate::history::Walk {
            hide: Some(base),
            ..Default::default()
        },
    )?;
    let at_head = if working_tree {
        let paths = repo.okr_paths(root, &crate::commands::support::configured_paths(root))?;
        repo.resolve("HEAD")
            .ok()
            .map(|head| -> Result<crate::model::Org> {
                let (config, files) = repo.files_at(head, root, &paths)?;
                Ok(load::from_texts(root, config, files))
            })
            .transpose()?
    } else {
        None
    };
    crate::view::diff::hand_edits(view, head_org, &history.checkins, at_head.as_ref());
    Ok(())
}
