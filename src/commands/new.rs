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
        d.questionnaire_file = Some(home::relative_to(Path::new(arg), &path));
    }
    store::save_atomic(&path, d.to_toml().as_bytes())
        .map_err(|e| Failure::one(fill(t.cannot_write, &[&path.display(), &e])))?;
    let _ = writeln!(out, "{}", fill(t.created, &[&path.display()]));
    Ok(())
}
