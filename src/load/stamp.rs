//! File stamps: what the file system says of a file, taken for the caches
//! that trust a file while its stamp stays the same.

use crate::model::FileStamp;

/// The stamp of a file from its metadata; `None` for a file modified in the
/// two seconds before (a later change could keep the same time stamp), and
/// where the platform tells no change times (not Unix).
#[cfg(unix)]
pub fn of(meta: &std::fs::Metadata) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let now = i64::try_from(now.as_secs()).ok()?;
    if meta.mtime() >= now - 2 {
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::path::Path;

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
