//! Atomic saves: the new text goes to a temporary file in the same folder, is flushed to
//! disk, and replaces the draft with one rename; then the folder itself is synced. A crash
//! at any point leaves either the old file or the new one, never half of either.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
    // Process id and a number of this save: two saves of one file at once, from two
    // threads, each write their own temporary file (see `stale_temp_files_of`).
    static SAVES: AtomicU64 = AtomicU64::new(0);
    let n = SAVES.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    save_via(&tmp, path, &dir, contents)
}

fn save_via(tmp: &Path, path: &Path, dir: &Path, contents: &[u8]) -> io::Result<()> {
    let result = write_and_rename(tmp, path, contents);
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    }
    result?;
    sync_dir(dir);
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

/// The temporary files one draft's saves left behind when the process saving it died
/// mid-save: `.NAME.PID.N.tmp` (or `.NAME.PID.tmp`, from earlier versions) next to the
/// draft `NAME`, made by a process that is no longer running. Only these, never another
/// file: another draft's, or a save in progress.
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
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let pid = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|n| n.strip_suffix(".tmp"))
                .filter(|rest| match rest.split_once('.') {
                    Some((pid, n)) => digits(pid) && digits(n),
                    None => digits(rest),
                })
                .and_then(|rest| rest.split('.').next()?.parse::<u32>().ok());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_save_keeps_the_old_file_and_says_why() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("d.toml");
        save_atomic(&path, b"old answers").expect("first save");
        // Block the temporary file's name with a folder: the write fails before the
        // rename. (Works as root too, unlike a read-only folder.)
        let tmp = dir.path().join(".d.toml.1.2.tmp");
        fs::create_dir(&tmp).expect("block");
        let err = save_via(&tmp, &path, dir.path(), b"new answers").expect_err("must fail");
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory, "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "old answers");
        save_atomic(&path, b"new answers").expect("a later save succeeds");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new answers");
    }
}
