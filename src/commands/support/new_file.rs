//! Where a team's (or person's) OKR file for a cycle is, or goes when it is
//! new, and what a new one starts with: for `add`, `carry` and `import`. Shared
//! by commands; calls no command.

use std::path::Path;

use anyhow::{Result, bail};

use crate::edit::{self, Item, Scalar};
use crate::model::text::inert_message;
use crate::model::{Context, Cycle, Org, Unit, is_file_id, is_path_part, path_stays_inside};

/// The file objectives of a team (or person) in a cycle go to.
pub struct Target {
    /// Relative to the OKR root.
    pub rel: String,
    pub exists: bool,
}

/// The first file of `unit` in `cycle`, else where a new one goes:
/// `<path>/<cycle>/<ancestor teams below the top>/<team>.yaml`, or
/// `<path>/<cycle>/people/<person>.yaml`.
pub fn target_file(cx: &Context<'_>, cycle: &Cycle, unit: Unit<'_>) -> Result<Target> {
    let found = cx.org.okr_files().find(|(_, f)| {
        f.cycle.as_deref() == Some(cycle.id.as_str())
            && match unit {
                Unit::Team(t) => f.team.as_deref() == Some(t),
                Unit::Person(p) => f.team.is_none() && f.person.as_deref() == Some(p),
            }
    });
    if let Some((rel, _)) = found {
        return Ok(Target {
            rel: rel.to_owned(),
            exists: true,
        });
    }
    // The ids become folder and file names: they follow the id grammar.
    let (what, id) = match unit {
        Unit::Team(t) => ("team", t),
        Unit::Person(p) => ("person", p),
    };
    let mut names = vec![(what, id)];
    if let Unit::Team(team) = unit {
        names.extend(cx.ancestors(team).into_iter().map(|t| ("team", t)));
    }
    if !is_path_part(&cycle.id) {
        bail!(
            "the cycle id `{}` cannot name a folder (it holds `/`, `..` or a control character); fix it in okr.yaml or on the command line",
            inert_message(&cycle.id)
        );
    }
    if let Some((what, id)) = names.into_iter().find(|(_, id)| !is_file_id(id)) {
        bail!(
            "the {what} id `{}` cannot name a file; ids in file names use lowercase letters, digits, `-`, `_` and `.` (no `/` or `..`), so rename it in okr.yaml",
            inert_message(id)
        );
    }
    let paths = crate::model::okr_paths(&cx.org.config.paths);
    let Some(base) = paths.iter().find(|p| path_stays_inside(p)) else {
        bail!(
            "okr.yaml's `paths` names no folder inside the OKR root; run `okr check` and fix `paths`"
        );
    };
    let base = base.trim_end_matches('/');
    let rel = match unit {
        Unit::Team(team) => {
            let mut chain = cx.ancestors(team);
            chain.pop(); // the top team is the cycle folder itself
            chain.reverse();
            let mut parts: Vec<&str> = chain.into_iter().filter(|t| *t != team).collect();
            parts.push(team);
            format!("{base}/{}/{}.yaml", cycle.id, parts.join("/"))
        }
        Unit::Person(person) => format!("{base}/{}/people/{person}.yaml", cycle.id),
    };
    if cx.org.files.iter().any(|f| f.path == rel) || cx.org.root.join(&rel).exists() {
        bail!(
            "{rel} exists but is not an OKR file of this team and cycle (or does not parse); fix it, or pass --team/--person and --cycle that match it"
        );
    }
    Ok(Target { rel, exists: false })
}

/// A new OKR file for `unit` in `cycle` holding `objectives`, pointing editors at
/// the schema when the repository has one.
pub fn new_file_text(
    root: &Path,
    rel: &str,
    cycle: &Cycle,
    unit: Unit<'_>,
    objectives: &[Item],
) -> Result<String> {
    let mut comments = Vec::new();
    let schema = "schemas/okr-file.schema.json";
    if root.join(schema).is_file() {
        let depth = rel.matches('/').count();
        comments.push(format!(
            "yaml-language-server: $schema={}{schema}",
            "../".repeat(depth)
        ));
    }
    let who = match unit {
        Unit::Team(t) => ("team", Scalar::Str(t.to_owned())),
        Unit::Person(p) => ("person", Scalar::Str(p.to_owned())),
    };
    edit::new_file(
        &comments,
        &[("cycle", Scalar::Str(cycle.id.clone())), who],
        objectives,
    )
}

/// Whether an org holds an objective id already (for generated ids).
pub fn id_taken(org: &Org, id: &str) -> bool {
    org.okr_files()
        .any(|(_, f)| f.objectives.iter().any(|o| o.id == id))
}
