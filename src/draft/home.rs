//! The data folder where drafts live: `PMPRB_HOME` when set, else the platform's data
//! folder from `directories`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub fn data_dir() -> Option<PathBuf> {
    if let Some(h) = std::env::var_os("PMPRB_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(h));
    }
    directories::ProjectDirs::from("id", "pmprb", "pmprb").map(|d| d.data_dir().to_path_buf())
}

/// Creates the data folder (private to the user on Unix) if it does not exist.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// The draft files (`*.toml`) in a folder, sorted by name. A questionnaire file kept beside
/// its drafts is left out.
pub fn list_drafts(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'))
                && p.is_file()
                // A questionnaire kept beside its drafts (`questionnaire_file`) is not one.
                && !super::is_questionnaire_file(p)
        })
        .collect();
    out.sort();
    Ok(out)
}

/// A file name for a new draft from the unit and period: `dinas-kominfo-2022.toml`,
/// with `-2`, `-3`, … when taken.
pub fn new_draft_path(dir: &Path, unit: &str, period: &str) -> PathBuf {
    let base = slug(&format!("{unit} {period}"));
    let base = if base.is_empty() {
        "draf".to_string()
    } else {
        base
    };
    let mut path = dir.join(format!("{base}.toml"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.toml"));
        n += 1;
    }
    path
}

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    out.chars().take(80).collect()
}

/// `file` as seen from the folder of `draft`: relative when both are under one folder we
/// can name, else absolute.
pub fn relative_to(file: &Path, draft: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let file = abs(file);
    let dir = abs(draft.parent().unwrap_or(Path::new(".")));
    let dir = if dir.as_os_str().is_empty() {
        abs(Path::new("."))
    } else {
        dir
    };
    let fc: Vec<_> = file.components().collect();
    let dc: Vec<_> = dir.components().collect();
    let common = fc.iter().zip(&dc).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return file.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..dc.len() {
        rel.push("..");
    }
    for c in &fc[common..] {
        rel.push(c);
    }
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_from_the_drafts_folder() {
        let draft = Path::new("/data/pmprb/kominfo-2024.toml");
        assert_eq!(
            relative_to(Path::new("/data/pmprb/lke-kota.toml"), draft),
            "lke-kota.toml"
        );
        assert_eq!(
            relative_to(Path::new("/data/lke/lke-kota.toml"), draft),
            "../lke/lke-kota.toml"
        );
    }
}
