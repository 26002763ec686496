//! `okr explain RULE`: what a rule checks, why, how to fix a finding, and
//! an example that fails and one that passes. Orchestration only:
//! `render::explain` writes.

use std::io::Write;

use anyhow::{Result, bail};

use super::Outcome;
use crate::cli::ExplainArgs;
use crate::model::did_you_mean;
use crate::rules::{self, RULES};

pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> Result<Outcome> {
    let Some(id) = &args.rule else {
        crate::render::explain::list(out, RULES)?;
        return Ok(Outcome::Ok);
    };
    let Some(rule) = rules::find(id) else {
        let hint = did_you_mean(id, RULES.iter().map(|r| r.id.as_str())).map_or_else(
            || "run `okr explain` to list the rules".to_owned(),
            |s| format!("did you mean `{s}`?"),
        );
        bail!("there is no rule `{id}`; {hint}");
    };
    crate::render::explain::text(out, rule)?;
    Ok(Outcome::Ok)
}
