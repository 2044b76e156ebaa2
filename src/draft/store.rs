//! Atomic saves: the new text goes to a temporary file in the same folder, is flushed to
//! disk, and replaces the draft with one rename; then the folder itself is synced. A crash
//! at any point leaves either the old file or the new one, never half of either.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` atomically. New files get mode 0600 on Unix: drafts hold
/// an organisation's internal assessment.
pub fn save_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_and_rename(&tmp, path, contents);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(&dir);
    Ok(())
}

fn write_and_rename(tmp: &Path, path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(tmp)?;
    // Keep the permissions of an existing draft (a user may have shared it on purpose).
    if let Ok(meta) = fs::metadata(path) {
        let _ = f.set_permissions(meta.permissions());
    }
    f.write_all(contents)?;
    f.sync_all()?;
    drop(f);
    fs::rename(tmp, path)
}

fn sync_dir(dir: &Path) {
    // Makes the rename itself durable. Not every platform can open a folder; a failure here
    // loses nothing that the rename has not already made visible.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Temporary files left by a process that died mid-save (`.NAME.PID.tmp`), so they can be
/// cleaned up by the next run.
pub fn stale_temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
        })
        .collect()
}
