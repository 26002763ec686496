//! File stamps: what the file system says of a file, for the caches that
//! trust a file while its stamp stays the same (the model cache, okr.yaml's
//! paths, the values of the working files). The one place that takes a stamp
//! and the one test of a file changed too recently to trust.

use std::path::Path;

use crate::model::FileStamp;

/// How recent a modification is too recent to trust a stamp: a later change
/// within the same clock tick could keep the same time stamp (git's index
/// does the same).
const TOO_RECENT_SECS: i64 = 2;

/// The stamp of a file from its metadata; `None` for a file modified too
/// recently (see [`is_recent`]), and where the platform tells no change times
/// (not Unix), so that nothing is trusted that a change could leave unchanged.
#[cfg(unix)]
pub fn of(meta: &std::fs::Metadata) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    if is_recent(meta.mtime()) {
        return None;
    }
    Some(FileStamp {
        size: meta.size(),
        mtime: (meta.mtime(), u32::try_from(meta.mtime_nsec()).ok()?),
        ctime: (meta.ctime(), u32::try_from(meta.ctime_nsec()).ok()?),
        ino: meta.ino(),
    })
}

#[cfg(not(unix))]
pub fn of(_meta: &std::fs::Metadata) -> Option<FileStamp> {
    None
}

/// The stamp of the file at `path` (see [`of`]); `None` when it cannot be read.
pub fn of_path(path: &Path) -> Option<FileStamp> {
    of(&std::fs::metadata(path).ok()?)
}

/// Whether a modification time (seconds since the epoch) is within the last
/// two seconds, or the clock cannot tell.
pub fn is_recent(mtime: i64) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok());
    now.is_none_or(|now| mtime >= now - TOO_RECENT_SECS)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn files_modified_in_the_last_seconds_have_no_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "cycle: 2026\n").unwrap();
        let meta = |p: &Path| std::fs::metadata(p).unwrap();
        assert_eq!(of(&meta(&path)), None);
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(10);
        std::fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(past)
            .unwrap();
        let stamp = of(&meta(&path)).expect("10 s old");
        assert_eq!(of_path(&path), Some(stamp));
        assert_eq!(stamp.size, 12);
        // Rewritten with the same size and modification time: the change time differs.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "cycle: 2027\n").unwrap();
        std::fs::File::options()
            .append(true)
            .open(&path)
            .unwrap()
            .set_modified(past)
            .unwrap();
        let again = of(&meta(&path)).expect("10 s old");
        assert_eq!(
            (again.size, again.mtime, again.ino),
            (stamp.size, stamp.mtime, stamp.ino)
        );
        assert_ne!(again, stamp);
    }
}
