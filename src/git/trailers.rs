//! The trailer groups `okr sync` writes (`OKR-Key-Result`, `OKR-Value`,
//! `OKR-Source`, `OKR-As-Of`), and the last sync of each key result read back
//! from the commit messages.

use std::collections::HashMap;

use anyhow::{Context, Result};
use git2::{Repository, Sort};

/// One key result's group of trailers in a commit message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrailerGroup {
    pub key_result: String,
    pub value: Option<String>,
    /// `name kind sha256=...`, when a sync wrote the value.
    pub source: Option<String>,
    pub as_of: Option<String>,
}

/// The groups of the message's last paragraph (git reads only that one as
/// trailers); each starts at an `OKR-Key-Result:` line.
pub fn trailer_groups(message: &str) -> Vec<TrailerGroup> {
    let Some(last) = message.trim_end().rsplit("\n\n").next() else {
        return Vec::new();
    };
    let mut groups: Vec<TrailerGroup> = Vec::new();
    for line in last.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let key = key.trim().to_ascii_lowercase();
        if key == "okr-key-result" {
            groups.push(TrailerGroup {
                key_result: value.to_owned(),
                ..TrailerGroup::default()
            });
            continue;
        }
        let Some(group) = groups.last_mut() else {
            continue;
        };
        let slot = match key.as_str() {
            "okr-value" => &mut group.value,
            "okr-source" => &mut group.source,
            "okr-as-of" => &mut group.as_of,
            _ => continue,
        };
        slot.get_or_insert_with(|| value.to_owned());
    }
    groups
}

/// The source a commit's trailers give for a key result's value.
pub fn source_of(message: &str, reference: &str) -> Option<String> {
    trailer_groups(message)
        .into_iter()
        .find(|g| g.key_result == reference)
        .and_then(|g| g.source)
}

/// When a key result was last synced: the commit's time (seconds since the
/// epoch) and its trailers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncMark {
    pub time: i64,
    pub group: TrailerGroup,
}

/// The newest sync of each of `wanted`, reading commit messages from HEAD
/// (newest first) until all are found or commits are older than `stop_before`.
pub fn last_synced(
    repo: &Repository,
    wanted: &[String],
    stop_before: i64,
) -> Result<HashMap<String, SyncMark>> {
    let mut found: HashMap<String, SyncMark> = HashMap::new();
    if wanted.is_empty() {
        return Ok(found);
    }
    let head = match repo.head().and_then(|h| h.peel_to_commit()) {
        Ok(c) => c.id(),
        Err(_) => return Ok(found), // no commits yet
    };
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    walk.set_sorting(Sort::TIME)?;
    for oid in walk {
        let commit = repo
            .find_commit(oid?)
            .context("cannot read a commit of the history")?;
        let time = commit.time().seconds();
        if time < stop_before {
            break;
        }
        let message = String::from_utf8_lossy(commit.message_bytes());
        if !message.contains("OKR-Source") && !message.contains("okr-source") {
            continue;
        }
        for group in trailer_groups(&message) {
            if group.source.is_none()
                || found.contains_key(&group.key_result)
                || !wanted.contains(&group.key_result)
            {
                continue;
            }
            found.insert(group.key_result.clone(), SyncMark { time, group });
        }
        if found.len() == wanted.len() {
            break;
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_start_at_each_key_result() {
        let m = "sync: 2 key results\n\na/b 1 -> 2\nOKR-Key-Result: not/this\n\nOKR-Key-Result: a/b\nOKR-Value: 2\nOKR-Source: app sql sha256=00\nOKR-As-Of: 2026-11-15T00:00:00Z\nOKR-Key-Result: a/c\nOKR-Value: 0\nOKR-Source: prom query sha256=11\n";
        let groups = trailer_groups(m);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].key_result, "a/b");
        assert_eq!(groups[0].source.as_deref(), Some("app sql sha256=00"));
        assert_eq!(groups[0].as_of.as_deref(), Some("2026-11-15T00:00:00Z"));
        assert_eq!(groups[1].value.as_deref(), Some("0"));
        assert_eq!(groups[1].as_of, None);
        assert_eq!(source_of(m, "a/c").as_deref(), Some("prom query sha256=11"));
        assert_eq!(source_of(m, "not/this"), None);
        // A check-in's trailers carry no source.
        assert_eq!(
            source_of(
                "checkin: a/b 1 -> 2\n\nOKR-Key-Result: a/b\nOKR-Value: 2\n",
                "a/b"
            ),
            None
        );
    }
}
