//! Dynamic shell completion: the shell runs okr with `OKR_COMPLETE=SHELL` on every
//! <Tab>, and okr answers with the objectives and key results of the OKR root
//! it runs in (clap_complete's engine does the rest). The command line (`cli`)
//! knows nothing of the repository: the candidates are attached here, to the
//! arguments that take a reference.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::{Result, bail};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::{ArgValueCandidates, CompletionCandidate};

use crate::load;

/// The variable the registration scripts set when they call okr back (not
/// clap's usual `COMPLETE`, which an environment may well set for its own ends).
const VAR: &str = "OKR_COMPLETE";

/// Answers a completion request and exits, when okr was started by a
/// completion script; returns otherwise.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(command)
        .var(VAR)
        .complete();
}

/// The command line with the references of the repository offered where a
/// reference is typed: `okr checkin REF` (key results), `okr show REF` and
/// `okr history [REF]` (objectives and key results).
fn command() -> clap::Command {
    // In place (`mut_arg` would move the positional argument to the end).
    let offer = |candidates: fn() -> Vec<CompletionCandidate>| {
        move |command: clap::Command| {
            command.mut_args(|arg| match arg.get_id().as_str() {
                "reference" => arg.add(ArgValueCandidates::new(candidates)),
                _ => arg,
            })
        }
    };
    <crate::cli::Cli as clap::CommandFactory>::command()
        .mut_subcommand("checkin", offer(key_results))
        .mut_subcommand("show", offer(references))
        .mut_subcommand("history", offer(references))
}

/// `okr completions SHELL`: the script that makes the shell call okr back.
pub fn registration(shell: clap_complete::Shell, out: &mut impl Write) -> Result<()> {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        other => bail!("okr has no completions for {other}"),
    };
    // Called back as it was started: by name from PATH, or by its path.
    let program = std::env::args_os()
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "okr".into());
    let program = if program.components().count() > 1 {
        std::env::current_dir()
            .map(|d| d.join(&program))
            .unwrap_or(program)
    } else {
        program
    };
    let mut script = Vec::new();
    completer.write_registration(VAR, "okr", "okr", &program.to_string_lossy(), &mut script)?;
    out.write_all(&script)?;
    Ok(())
}

/// Candidates for a key-result reference (`okr checkin`).
pub fn key_results() -> Vec<CompletionCandidate> {
    candidates(false)
}

/// Candidates for an objective or key-result reference (`okr show`, `okr history`).
pub fn references() -> Vec<CompletionCandidate> {
    candidates(true)
}

/// The references of the OKR root around the current folder, sorted; none
/// when there is no root or it cannot be read (a completion never fails).
/// Only ids a shell can take as one word are offered.
fn candidates(objectives: bool) -> Vec<CompletionCandidate> {
    let Ok(dir) = std::env::current_dir() else {
        return Vec::new();
    };
    let Ok(root) = load::find_root(&dir) else {
        return Vec::new();
    };
    let cache = super::support::model_cache(&root);
    let Ok((org, _)) = load::cache::load_cached(&root, cache.as_deref(), |_, _| Vec::new()) else {
        return Vec::new();
    };
    let word = |id: &str| {
        !id.is_empty()
            && !id.starts_with('-')
            && !id.contains('/')
            && !id.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    let mut refs = BTreeSet::new();
    for (_, file) in org.okr_files() {
        for o in file.objectives.iter().filter(|o| word(&o.id)) {
            if objectives {
                refs.insert(o.id.clone());
            }
            for kr in o.key_results.iter().filter(|k| word(&k.id)) {
                refs.insert(format!("{}/{}", o.id, kr.id));
            }
        }
    }
    refs.into_iter().map(CompletionCandidate::new).collect()
}
