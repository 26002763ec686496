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
/// hand: in a commit without its `OKR-Source` trailer, or in the working tree.
/// The next `okr sync` would overwrite such a value.
fn note_hand_edits(
    repo: &crate::git::Repo,
    root: &std::path::Path,
    base: crate::model::ObjectId,
    working_tree: bool,
    head_org: &crate::model::Org,
    view: &mut crate::view::diff::DiffView,
) -> Result<()> {
    let mut synced = std::collections::HashMap::new();
    for (_, file) in head_org.okr_files() {
        for o in &file.objectives {
            for k in &o.key_results {
                if let Some(source) = &k.source {
                    synced.insert(format!("{}/{}", o.id, k.id), (source.name().to_owned(), k));
                }
            }
        }
    }
    let progressed: Vec<(String, serde_json::Value, serde_json::Value)> = view
        .changed
        .iter()
        .filter(|c| c.kind == "progressed" && synced.contains_key(&c.reference))
        .map(|c| (c.reference.clone(), c.old.clone(), c.new.clone()))
        .collect();
    if progressed.is_empty() {
        return Ok(());
    }
    // The last change of each value in BASE..HEAD, and whether a sync made it.
    let history = super::support::read_history(
        root,
        repo,
        crate::history::Walk {
            hide: Some(base),
            ..Default::default()
        },
    )?;
    let mut last: std::collections::HashMap<&str, &crate::model::Checkin> =
        std::collections::HashMap::new();
    for c in &history.checkins {
        last.insert(c.reference.as_str(), c);
    }
    // Values changed in the working tree since HEAD.
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
    for (reference, old, new) in progressed {
        let (name, kr) = &synced[&reference];
        let value = |k: &crate::model::KeyResult| {
            k.current
                .map(|x| x.to_string())
                .or(k.done.map(|d| d.to_string()))
        };
        let uncommitted = at_head.as_ref().is_some_and(|org| {
            let committed = org
                .okr_files()
                .flat_map(|(_, f)| &f.objectives)
                .find_map(|o| {
                    o.key_results
                        .iter()
                        .find(|k| format!("{}/{}", o.id, k.id) == reference)
                });
            committed.map(value) != Some(value(kr))
        });
        let by_hand = uncommitted
            || last
                .get(reference.as_str())
                .is_some_and(|c| c.source.is_none());
        if !by_hand {
            continue;
        }
        let show = |v: &serde_json::Value| crate::render::table::json_value(v);
        view.warnings.push(crate::view::diff::Warning {
            reference: reference.clone(),
            kind: "synced-edited-by-hand",
            message: format!(
                "value changed by hand from {} to {}{}, but it is synced from source `{name}`: the next `okr sync` will overwrite it (fix the data at the source, or remove `source:`)",
                show(&old),
                show(&new),
                if uncommitted { " in the working tree" } else { "" }
            ),
        });
    }
    Ok(())
}
