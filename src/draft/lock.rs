//! One writer per draft: a sidecar `DRAFT.lock` file held with an OS lock while a draft is
//! open for writing. The OS releases the lock when the process dies, so a crash never
//! leaves a draft locked; the file's text names the holder for the message others see.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct DraftLock {
    path: PathBuf,
    file: File,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("locked by {holder}")]
    Held { holder: String },
    #[error("{0}")]
    Io(#[from] io::Error),
}

pub fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    draft.with_file_name(name)
}

impl DraftLock {
    pub fn acquire(draft: &Path) -> Result<DraftLock, LockError> {
        let path = lock_path(draft);
        for _ in 0..5 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    let holder = text.trim();
                    return Err(LockError::Held {
                        holder: if holder.is_empty() {
                            "?".to_string()
                        } else {
                            crate::text::clean_line(holder)
                        },
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            // The previous holder may have removed the file between our open and our lock;
            // then we hold a lock on a file nobody else will see. Try again.
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0)?;
            file.rewind()?;
            let _ = write!(file, "{}", holder_description());
            let _ = file.flush();
            return Ok(DraftLock { path, file });
        }
        Err(LockError::Io(io::Error::other("lock file keeps changing")))
    }
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// "user@host, pid 1234, since 2026-11-28T10:00:00+07:00"
fn holder_description() -> String {
    let user = super::login_name();
    let host = fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "?".into());
    format!(
        "{user}@{host}, pid {}, {}",
        std::process::id(),
        super::now()
    )
}
