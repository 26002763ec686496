//! The one atomic writer: every file okr keeps (an edited OKR file, the
//! caches under `.git/okr/`) is written whole to a temporary file beside it,
//! synced and renamed over it, so that a reader sees the old bytes or the new
//! ones and never a part. It writes only where the path boundary allows
//! ([`Writable`]: never through or over a symbolic link).

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::model::Writable;

/// Writes `bytes` to `path` through a temporary file in the same folder
/// (created if missing), synced and renamed over the old file, keeping its
/// permissions. On failure the temporary file is removed and `path` is as it was.
pub fn write(target: &Writable, bytes: &[u8]) -> Result<()> {
    write_with(target, |out| Ok(out.write_all(bytes)?))
}

/// [`write`] of what `fill` writes, streamed to the temporary file (through
/// a buffer): a large cache is never held whole in memory.
pub fn write_with(
    target: &Writable,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let path = target.path();
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = None;
    for attempt in 0..100u32 {
        let candidate = dir.join(format!(".{name}.okr-{}-{attempt}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => {
                temp = Some((candidate, file));
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot create a file in {}", dir.display()));
            }
        }
    }
    let (temp_path, file) = temp.context("cannot find a free temporary file name")?;
    let result = (|| -> Result<()> {
        let mut buffered = std::io::BufWriter::new(file);
        fill(&mut buffered)?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&temp_path, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp_path);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("okr").join("cache.json");
        let target = crate::model::Root::new(dir.path())
            .for_write("okr/cache.json")
            .unwrap();
        write(&target, b"one").unwrap();
        write(&target, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["cache.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "a").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write(&Writable::cache(&path).unwrap(), b"b").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}
