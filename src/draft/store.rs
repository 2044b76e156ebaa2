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

/// The temporary files one draft's saves left behind when the process saving it died
/// mid-save: `.NAME.PID.tmp` next to the draft `NAME`, made by a process that is no longer
/// running. Only these, never another file: another draft's, or a save in progress.
pub fn stale_temp_files_of(path: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            let pid = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|n| n.strip_suffix(".tmp"))
                .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|pid| pid.parse::<u32>().ok());
            pid.is_some_and(|pid| pid != std::process::id() && !running(pid))
        })
        .collect()
}

/// Removes [`stale_temp_files_of`] the draft at `path`; call it with the draft's lock
/// held, so no other `pmprb` is saving it. Returns how many were removed.
pub fn remove_stale_temp_files(path: &Path) -> usize {
    stale_temp_files_of(path)
        .into_iter()
        .filter(|p| fs::remove_file(p).is_ok())
        .count()
}

/// Whether a process with this id is running. Where that cannot be asked, it is taken as
/// not running: the caller holds the draft's lock, so no other `pmprb` is saving it.
fn running(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        false
    }
}
