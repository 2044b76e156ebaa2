//! `pmprb new`: create a draft.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Failure, Outcome, source_error};
use crate::catalog;
use crate::draft::{Draft, home, store};
use crate::i18n::{Lang, fill};
use crate::questionnaire::Questionnaire;
use crate::text;

/// What a new draft is made of, besides its questionnaire.
#[derive(Clone, Copy, Debug, Default)]
pub struct DraftSpec<'a> {
    /// Cleaned to one line and trimmed before use.
    pub unit: &'a str,
    pub period: &'a str,
    pub assessor: Option<&'a str>,
    /// The questionnaire's file when it is not an embedded one; the draft refers to it
    /// relative to its own folder.
    pub questionnaire_file: Option<&'a Path>,
    /// Where to write the draft; it must not exist. `None`: the data folder, under a name
    /// made from unit and period that no draft there has yet.
    pub output: Option<&'a Path>,
}

/// Writes a new draft of `q` and returns its path. `pmprb new` and the terminal app's
/// new-draft form both make drafts this way.
pub fn create_draft(
    lang: Lang,
    q: &Questionnaire,
    spec: &DraftSpec<'_>,
) -> Result<PathBuf, Failure> {
    let t = lang.texts();
    let unit = text::clean_line(spec.unit).trim().to_string();
    let period = text::clean_line(spec.period).trim().to_string();
    let path = match spec.output {
        Some(p) => {
            if p.exists() {
                return Err(Failure::one(fill(t.exists, &[&p.display()])));
            }
            p.to_path_buf()
        }
        None => {
            let dir = home::data_dir().ok_or_else(|| Failure::one(t.no_data_dir.to_string()))?;
            home::ensure_dir(&dir)
                .map_err(|e| Failure::one(fill(t.cannot_write, &[&dir.display(), &e])))?;
            home::new_draft_path(&dir, &unit, &period)
        }
    };
    let mut d = Draft::new(&q.id, &q.version, &unit, &period);
    d.assessor = spec.assessor.map(text::clean_line);
    if let Some(file) = spec.questionnaire_file {
        d.questionnaire_file = Some(home::relative_to(file, &path));
    }
    store::save_atomic(&path, d.to_toml().as_bytes())
        .map_err(|e| Failure::one(fill(t.cannot_write, &[&path.display(), &e])))?;
    Ok(path)
}

/// `--questionnaire ID|FILE` (or none: the default), and the file when it is one.
fn choose(lang: Lang, arg: Option<&str>) -> Result<(Questionnaire, Option<&Path>), Failure> {
    let Some(arg) = arg else {
        let q = catalog::default_questionnaire().ok_or_else(|| {
            source_error(
                lang,
                catalog::SourceError::UnknownId(catalog::DEFAULT_ID.into()),
            )
        })?;
        return Ok((q, None));
    };
    // An embedded id wins over a file of that name, as in `catalog::resolve`, which
    // then only has the file left to try.
    match catalog::find_embedded(arg) {
        Some(q) => Ok((q, None)),
        None => {
            let q = catalog::resolve(arg).map_err(|e| source_error(lang, e))?;
            Ok((q, Some(Path::new(arg))))
        }
    }
}

pub fn run(
    lang: Lang,
    out: &mut dyn Write,
    unit: &str,
    period: &str,
    questionnaire: Option<&str>,
    assessor: Option<String>,
    output: Option<PathBuf>,
) -> Outcome {
    let (q, questionnaire_file) = choose(lang, questionnaire)?;
    let path = create_draft(
        lang,
        &q,
        &DraftSpec {
            unit,
            period,
            assessor: assessor.as_deref(),
            questionnaire_file,
            output: output.as_deref(),
        },
    )?;
    let _ = writeln!(out, "{}", fill(lang.texts().created, &[&path.display()]));
    Ok(())
}
