//! `okr diff [BASE] [HEAD]`: the semantic difference between two revisions.

use std::io::Write;

use anyhow::Result;

use super::history::repo_for;
use super::{Env, Outcome};
use crate::cli::{DiffArgs, DiffFormat};
use crate::load;
use crate::render::diff as render;
use crate::view::diff::diff;

pub fn run(env: &Env, args: &DiffArgs, out: &mut dyn Write) -> Result<Outcome> {
    let root = env.root()?;
    let repo = repo_for(&root, "okr diff")?;
    let paths = repo.okr_paths(&root, &load::configured_paths(&root))?;
    let (base, base_label) = match &args.base {
        Some(rev) => (repo.resolve(rev)?, rev.clone()),
        None => {
            let (oid, branch) = repo.default_base()?;
            (oid, format!("{branch} (merge-base {})", repo.short_id(oid)))
        }
    };
    let at = |oid| -> Result<load::Org> {
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
                "note: {} does not parse in {label}; its objectives are left out of the comparison (`okr check` says why)",
                f.path
            );
        }
    }
    let view = diff(
        &base_org,
        &head_org,
        env.today,
        (base.to_string(), head_id),
        (base_label, head_label),
    );
    match args.format {
        DiffFormat::Text => render::text(out, &view)?,
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &view)?;
            writeln!(out)?;
        }
        DiffFormat::Markdown => render::markdown(out, &view)?,
    }
    Ok(Outcome::Ok)
}
