//! `okr man`: the man page, generated from the command line's definition.

use std::io::Write;

use anyhow::Result;

use super::Outcome;

pub fn run(out: &mut dyn Write) -> Result<Outcome> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    cmd.build();
    crate::render::man::write(out, &cmd)?;
    Ok(Outcome::Ok)
}
