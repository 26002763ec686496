//! `okr checkin REF VALUE`: set a key result's value in its file and commit it.
//! The value it already has (or `--same`) is committed as a check-in that
//! changes nothing, so that `stale` and the views count it. Orchestration only:
//! `support::checkin` writes the value, the writer commits.

use anyhow::{Context as _, Result, bail};

use super::support::checkin::{message, set_value};
use super::support::writer::{Writer, read};
use super::{Env, Outcome};
use crate::cli::CheckinArgs;
use crate::edit::{self, Scalar};
use crate::load::{self, parse_with_positions};
use crate::model::Org;

pub fn run(env: &Env, args: &CheckinArgs, out: &mut impl std::io::Write) -> Result<Outcome> {
    let root = env.root()?;
    let (objective_id, kr_id) = split_ref(&args.reference)?;
    if let Some(c) = args.confidence
        && !(0.0..=1.0).contains(&c)
    {
        bail!("--confidence is {c}; it is a probability from 0.0 to 1.0");
    }
    let writer = Writer::open(&root, !args.commit.no_commit, args.commit.allow_dirty)?;
    let (org, _) = load::load(&root)?;
    let rel = file_of(&org, env.today, objective_id, kr_id)?;
    let path = root.join(&rel);
    writer.check_clean(std::slice::from_ref(&path))?;

    let (bytes, text) = read(&root, &path)?;
    let tree = parse_with_positions(&text)
        .map_err(|p| p.in_file(&rel))
        .context("the file does not parse; fix it (see `okr check`) before checking in")?;
    let route = edit::find(&tree, objective_id, Some(kr_id))
        .with_context(|| format!("{rel} no longer holds {}", args.reference))?;
    let kr = tree.at(&route).context("the key result vanished")?;

    let milestone = kr.get("done").is_some();
    let key = if milestone { "done" } else { "current" };
    let written = kr.get(key).and_then(|n| n.scalar_text());
    let given = match (&args.value, &written) {
        (Some(v), _) => v.as_str(),
        (None, Some(v)) => v,
        (None, None) => bail!(
            "{} has no `{key}` yet, so there is nothing to confirm; check in its value with `okr checkin {} VALUE`",
            args.reference,
            args.reference
        ),
    };
    let value = if milestone {
        Scalar::Bool(parse_done(given)?)
    } else {
        let unit = kr.get("unit").and_then(|n| n.scalar_text());
        percent_fits(&args.reference, given, unit.as_deref())?;
        Scalar::Number(parse_number(given)?)
    };
    let old = written.map_or_else(|| "none".to_owned(), |t| t.into_owned());
    let new = value.yaml_text();

    let edited = set_value(&text, &route, key, value, args.confidence)
        .with_context(|| format!("cannot edit {rel}"))?;
    if edited == text && !writer.commits() {
        writeln!(
            out,
            "{} is already {new}; nothing written, and without a commit the check-in is not recorded",
            args.reference
        )?;
        return Ok(Outcome::Ok);
    }

    // The value it already has: a check-in all the same (an empty commit,
    // unless the confidence changed).
    let shown_old = (old != new).then_some(old.as_str());
    let message = message(
        &args.reference,
        shown_old,
        &new,
        args.confidence,
        args.message.as_deref(),
    );
    let done = writer.apply_edit(path, bytes, edited, &message)?;
    writeln!(out, "{}", crate::model::text::inert(&done))?;
    Ok(Outcome::Ok)
}

/// `objective-id/kr-id` split in two.
fn split_ref(reference: &str) -> Result<(&str, &str)> {
    match reference.split_once('/') {
        Some((o, k)) if !o.is_empty() && !k.is_empty() && !k.contains('/') => Ok((o, k)),
        _ => bail!(
            "`{reference}` is not a key result; check-ins go to `objective-id/kr-id` (see `okr show {reference}` for its key results)"
        ),
    }
}

/// The relative path of the file holding the key result, or an error saying
/// where it may be.
fn file_of(
    org: &Org,
    today: crate::model::Date,
    objective_id: &str,
    kr_id: &str,
) -> Result<String> {
    let cx = crate::model::Context::new(org, today);
    let (at, _) = crate::view::names::key_result(&cx, objective_id, kr_id)?;
    Ok(at.path.to_owned())
}

fn parse_done(value: &str) -> Result<bool> {
    match value.to_ascii_lowercase().as_str() {
        "done" | "true" | "yes" => Ok(true),
        "not-done" | "false" | "no" | "undone" => Ok(false),
        _ => bail!(
            "`{value}` is not a milestone value; use `done` or `not-done` (or `true`/`false`)"
        ),
    }
}

/// `50%` is 50 of a key result counted in `%`; of one counted in anything
/// else (or nothing) it is not 50, so it is refused with the number to write.
fn percent_fits(reference: &str, value: &str, unit: Option<&str>) -> Result<()> {
    let Some(number) = value.trim().strip_suffix('%') else {
        return Ok(());
    };
    let number = number.trim();
    match unit.map(str::trim) {
        Some(u) if u.starts_with('%') => Ok(()),
        Some(u) => bail!(
            "`{reference}` counts {u}, not %; write its value in {u}, e.g. `okr checkin {reference} {number}` if {number} {u} is meant"
        ),
        None => bail!(
            "`{reference}` has no unit, so `{value}` is ambiguous; write the number alone, e.g. `okr checkin {reference} {number}`, or give the key result `unit: \"%\"`"
        ),
    }
}

fn parse_number(value: &str) -> Result<f64> {
    let trimmed = value.trim().trim_end_matches('%');
    match trimmed.replace('_', "").parse::<f64>() {
        Ok(x) if x.is_finite() && x.abs() < 1e15 => Ok(x),
        _ => bail!(
            "`{value}` is not a number; this key result takes a number, e.g. `okr checkin REF 26`"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(parse_number("26").unwrap(), 26.0);
        assert_eq!(parse_number("-3.5").unwrap(), -3.5);
        assert_eq!(parse_number("30%").unwrap(), 30.0);
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("inf").is_err());
        assert!(parse_number("twenty").is_err());
        assert!(parse_done("done").unwrap());
        assert!(!parse_done("not-done").unwrap());
        assert!(parse_done("maybe").is_err());
    }
}
