//! Writes of edited OKR files that refuse to overwrite a file someone else
//! changed meanwhile; the write itself is load's one atomic writer.

use std::fs;

use anyhow::{Context, Result, bail};

use crate::model::Writable;

/// Writes `new` to `target` atomically (see [`crate::load::atomic::write`]).
/// `original` is what the file held when it was read (`None`: it did not
/// exist); if the file holds anything else now, nothing is written.
pub fn write_atomic(target: &Writable, original: Option<&[u8]>, new: &str) -> Result<()> {
    let path = target.path();
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
    crate::load::atomic::write(target, new.as_bytes())
}
