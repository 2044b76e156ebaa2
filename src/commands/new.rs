//! `pmprb new`: create a draft.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Failure, Outcome, source_error};
use crate::catalog;
use crate::draft::{Draft, home, store};
use crate::i18n::{Lang, fill};
use crate::text;

pub fn run(
    lang: Lang,
    out: &mut dyn Write,
    unit: &str,
    period: &str,
    questionnaire: Option<&str>,
    assessor: Option<String>,
    output: Option<PathBuf>,
) -> Outcome {
    let t = lang.texts();
    let unit = text::clean_line(unit).trim().to_string();
    let period = text::clean_line(period).trim().to_string();
    let q = match questionnaire {
        Some(arg) => catalog::resolve(arg).map_err(|e| source_error(lang, e))?,
        None => catalog::default_questionnaire().ok_or_else(|| {
            source_error(
                lang,
                catalog::SourceError::UnknownId(catalog::DEFAULT_ID.into()),
            )
        })?,
    };
    let path = match output {
        Some(p) => {
            if p.exists() {
                return Err(Failure::one(fill(t.exists, &[&p.display()])));
            }
            p
        }
        None => {
            let dir = home::data_dir().ok_or_else(|| Failure::one(t.no_data_dir.to_string()))?;
            home::ensure_dir(&dir)
                .map_err(|e| Failure::one(fill(t.cannot_write, &[&dir.display(), &e])))?;
            home::new_draft_path(&dir, &unit, &period)
        }
    };
    let mut d = Draft::new(&q.id, &q.version, &unit, &period);
    d.assessor = assessor.map(|a| text::clean_line(&a));
    // A questionnaire given as a file is referred to relative to the draft's folder.
    if let Some(arg) = questionnaire
        && catalog::find_embedded(arg).is_none()
    {
        d.questionnaire_file = Some(relative_to(Path::new(arg), &path));
    }
    store::save_atomic(&path, d.to_toml().as_bytes())
        .map_err(|e| Failure::one(fill(t.cannot_write, &[&path.display(), &e])))?;
    let _ = writeln!(out, "{}", fill(t.created, &[&path.display()]));
    Ok(())
}

/// `file` as seen from the folder of `draft`: relative when both are under one folder we
/// can name, else absolute.
fn relative_to(file: &Path, draft: &Path) -> String {
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
