//! ZIP archives (XLSX workbooks, Viva Goals exports) opened with bounds: at
//! most [`MAX_ZIP_ENTRIES`] files that unpack to at most [`MAX_UNPACKED_BYTES`]
//! together, counted while unpacking (a ZIP bomb may state small sizes).
//! Nothing is ever extracted to disk; entry names are only compared.

use std::io::{Cursor, Read};

use super::{MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES};

/// Every file of the archive: (name, bytes), folders left out.
pub fn files(name: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("{name} is not a ZIP archive okr can read ({e})"))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "{name} holds {} files; okr reads archives of at most {MAX_ZIP_ENTRIES}",
            archive.len()
        ));
    }
    let mut out = Vec::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("{name}: file {} of the archive cannot be read ({e})", i + 1))?;
        if entry.is_dir() {
            continue;
        }
        let entry_name = entry
            .name()
            .map_err(|e| {
                format!(
                    "{name}: file {} of the archive has no readable name ({e})",
                    i + 1
                )
            })?
            .replace('\\', "/");
        let left = MAX_UNPACKED_BYTES - total;
        let mut data = Vec::new();
        (&mut entry)
            .take(left + 1)
            .read_to_end(&mut data)
            .map_err(|e| {
                format!(
                    "{name}: {} cannot be unpacked ({e})",
                    super::numbers::short(&entry_name)
                )
            })?;
        total += data.len() as u64;
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "{name} unpacks to more than {} MB; okr reads archives of at most that (is it a ZIP bomb?)",
                MAX_UNPACKED_BYTES / 1_048_576
            ));
        }
        out.push((entry_name, data));
    }
    Ok(out)
}

/// Checks the bounds without keeping the files.
pub fn check(name: &str, bytes: &[u8]) -> Result<(), String> {
    files(name, bytes).map(|_| ())
}
