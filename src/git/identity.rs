//! Who a commit is by and when, read as git reads it: `GIT_AUTHOR_*` and
//! `GIT_COMMITTER_*` from the environment first (libgit2 does not read them),
//! then `author.*`/`committer.*` and `user.*` from the configuration.

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use git2::{Signature, Time};

/// The author and committer of a commit.
pub struct Identity {
    pub author: Signature<'static>,
    pub committer: Signature<'static>,
}

/// The author of a commit that records someone else's work of an earlier day
/// (a check-in replayed by `okr import`): the committer stays who runs okr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
    /// Seconds since the epoch, and minutes east of UTC.
    pub time: i64,
    pub offset: i32,
}

impl Identity {
    pub fn resolve(config: &git2::Config) -> Result<Identity> {
        Ok(Identity {
            author: signature(config, "AUTHOR", "author")?,
            committer: signature(config, "COMMITTER", "committer")?,
        })
    }

    /// This identity's author on another day.
    pub fn author_at(&self, time: i64, offset: i32) -> Author {
        Author {
            name: self.author.name().unwrap_or_default().to_owned(),
            email: self.author.email().unwrap_or_default().to_owned(),
            time,
            offset,
        }
    }

    /// The same committer with another author and author date.
    pub fn with_author(&self, author: &Author) -> Result<Identity> {
        let signature = Signature::new(
            &author.name,
            &author.email,
            &Time::new(author.time, author.offset),
        )
        .map_err(|e| {
            anyhow::anyhow!(
                "the author `{} <{}>` is not valid: {}",
                author.name,
                author.email,
                e.message()
            )
        })?;
        Ok(Identity {
            author: signature,
            committer: self.committer.clone(),
        })
    }
}

fn signature(config: &git2::Config, env: &str, role: &str) -> Result<Signature<'static>> {
    let from_env = |what: &str| {
        std::env::var(format!("GIT_{env}_{what}"))
            .ok()
            .filter(|v| !v.trim().is_empty())
    };
    let from_config = |what: &str| {
        config
            .get_string(&format!("{role}.{what}"))
            .or_else(|_| config.get_string(&format!("user.{what}")))
            .ok()
            .filter(|v| !v.trim().is_empty())
    };
    let name = from_env("NAME").or_else(|| from_config("name"));
    let email = from_env("EMAIL")
        .or_else(|| from_config("email"))
        .or_else(|| std::env::var("EMAIL").ok().filter(|v| !v.trim().is_empty()));
    let (Some(name), Some(email)) = (name, email) else {
        bail!(
            "git does not know who you are, so okr cannot commit; set your identity with\n  git config --global user.name \"Your Name\"\n  git config --global user.email you@example.com\n  or pass --no-commit to only write the file"
        );
    };
    let time = match from_env("DATE") {
        Some(text) => match parse_git_date(&text) {
            Some(t) => t,
            None => bail!(
                "GIT_{env}_DATE is `{text}`, which okr cannot read; use a date like `2026-11-15T09:00:00+01:00` or `@1763200000 +0100`"
            ),
        },
        None => {
            let now = Local::now();
            Time::new(now.timestamp(), now.offset().local_minus_utc() / 60)
        }
    };
    Signature::new(&name, &email, &time).map_err(|e| {
        anyhow::anyhow!(
            "the git {role} `{name} <{email}>` is not valid: {}",
            e.message()
        )
    })
}

/// Reads the date formats git accepts in `GIT_AUTHOR_DATE`: its internal
/// `@<seconds> [+hhmm]` (or without `@`), RFC 2822, and ISO 8601 with or
/// without a time zone (local time when none is given).
pub fn parse_git_date(text: &str) -> Option<Time> {
    let text = text.trim();
    let from =
        |dt: DateTime<FixedOffset>| Time::new(dt.timestamp(), dt.offset().local_minus_utc() / 60);
    let raw = text.strip_prefix('@').unwrap_or(text);
    let mut parts = raw.split_whitespace();
    if let Some(Ok(seconds)) = parts.next().map(str::parse::<i64>) {
        let offset = match parts.next() {
            None => 0,
            Some(zone) => parse_offset(zone)?,
        };
        if parts.next().is_none() && (text.starts_with('@') || raw.len() >= 9) {
            return Some(Time::new(seconds, offset));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(from(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(from(dt));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Some(from(dt));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            let local = Local.from_local_datetime(&naive).earliest()?;
            return Some(from(local.fixed_offset()));
        }
    }
    None
}

/// `+0100` or `-05:30` as minutes east of UTC.
fn parse_offset(zone: &str) -> Option<i32> {
    let (sign, digits) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_date_formats() {
        let t = parse_git_date("2026-11-15T09:00:00+00:00").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_794_733_200, 0));
        let t = parse_git_date("@1794733200 +0130").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_794_733_200, 90));
        let t = parse_git_date("1794733200 -0500").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_794_733_200, -300));
        let t = parse_git_date("Sun, 15 Nov 2026 10:00:00 +0100").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_794_733_200, 60));
        let t = parse_git_date("2026-11-15 17:00:00 +0800").unwrap();
        assert_eq!((t.seconds(), t.offset_minutes()), (1_794_733_200, 480));
        assert!(parse_git_date("yesterday-ish").is_none());
        assert!(parse_git_date("@12 +01").is_none());
    }
}
