//! Where questionnaires come from: the ones embedded in the binary, a file, or the one a
//! draft names.

use std::path::{Path, PathBuf};

use crate::draft::{self, Draft};
use crate::problem::Problem;
use crate::questionnaire::{self, Questionnaire};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The questionnaire `pmprb new` uses when none is named.
pub const DEFAULT_ID: &str = "pmprb-2020";

/// An embedded questionnaire file: its file name and text.
pub struct Embedded {
    pub file: &'static str,
    pub src: &'static str,
}

pub fn embedded() -> impl Iterator<Item = Embedded> {
    EMBEDDED.iter().map(|(file, src)| Embedded { file, src })
}

/// Loads every embedded questionnaire. They are checked by the test suite, so a failure
/// here is a build defect; such a file is skipped rather than crashing the program.
pub fn embedded_questionnaires() -> Vec<Questionnaire> {
    (0..EMBEDDED.len()).filter_map(loaded).cloned().collect()
}

/// The embedded questionnaire at `k`, parsed on first use and then kept for the process.
/// One slot per file, so a command that needs one questionnaire parses only that one.
fn loaded(k: usize) -> Option<&'static Questionnaire> {
    type Slots = Vec<std::sync::OnceLock<Option<Questionnaire>>>;
    static SLOTS: std::sync::OnceLock<Slots> = std::sync::OnceLock::new();
    let slots = SLOTS.get_or_init(|| EMBEDDED.iter().map(|_| Default::default()).collect());
    let (_, src) = EMBEDDED.get(k)?;
    slots[k]
        .get_or_init(|| questionnaire::load_str(src).questionnaire)
        .as_ref()
}

pub fn find_embedded(id: &str) -> Option<Questionnaire> {
    // The files are named after their ids; try that one first, then look through them all.
    let named = EMBEDDED
        .iter()
        .position(|(file, _)| file.strip_suffix(".toml") == Some(id));
    named
        .and_then(loaded)
        .filter(|q| q.id == id)
        .or_else(|| (0..EMBEDDED.len()).filter_map(loaded).find(|q| q.id == id))
        .cloned()
}

/// The default questionnaire for a new draft: pmprb-2020 when embedded, else the first.
pub fn default_questionnaire() -> Option<Questionnaire> {
    find_embedded(DEFAULT_ID).or_else(|| embedded_questionnaires().into_iter().next())
}

/// Why a questionnaire could not be had.
#[derive(Debug)]
pub enum SourceError {
    /// No embedded questionnaire has that id.
    UnknownId(String),
    /// The file could not be read or has problems; its text is kept for positions.
    File {
        path: PathBuf,
        src: Option<String>,
        problems: Vec<Problem>,
    },
}

/// Loads a questionnaire from a file.
pub fn load_file(path: &Path) -> Result<Questionnaire, SourceError> {
    let src = draft::read_text(path).map_err(|p| SourceError::File {
        path: path.to_path_buf(),
        src: None,
        problems: vec![p],
    })?;
    let r = questionnaire::load_str(&src);
    match r.questionnaire {
        Some(q) => Ok(q),
        None => Err(SourceError::File {
            path: path.to_path_buf(),
            src: Some(src),
            problems: r.problems,
        }),
    }
}

/// `--questionnaire ID|FILE`: an embedded id, else a path.
pub fn resolve(arg: &str) -> Result<Questionnaire, SourceError> {
    if let Some(q) = find_embedded(arg) {
        return Ok(q);
    }
    let path = Path::new(arg);
    if path.exists() || arg.ends_with(".toml") {
        return load_file(path);
    }
    Err(SourceError::UnknownId(arg.to_string()))
}

/// The questionnaire a draft was made with: its `questionnaire_file` (relative to the
/// draft) when given, else the embedded one with its id.
pub fn for_draft(d: &Draft, draft_path: &Path) -> Result<Questionnaire, SourceError> {
    match d.questionnaire_path(draft_path) {
        Some(p) => load_file(&p),
        None => find_embedded(&d.questionnaire)
            .ok_or_else(|| SourceError::UnknownId(d.questionnaire.clone())),
    }
}
