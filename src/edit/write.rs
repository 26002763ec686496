//! Atomic writes that refuse to overwrite a file someone else changed.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Writes `new` to `path` through a temporary file in the same folder, synced
/// and renamed over the old file, keeping its permissions. `original` is what
/// the file held when it was read (`None`: it did not exist); if the file holds
/// anything else now, nothing is written.
pub fn write_atomic(path: &Path, original: Option<&[u8]>, new: &str) -> Result<()> {
    let now = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if now.as_deref() != original {
        bail!(
            "{} changed on disk while okr was editing it; nothing was written, run the command again",
            path.display()
        );
    }
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
    let (temp_path, mut file) = temp.context("cannot find a free temporary file name")?;
    let result = (|| -> Result<()> {
        file.write_all(new.as_bytes())?;
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
