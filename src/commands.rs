//! The non-interactive commands. Each writes its result to `out` and returns the lines
//! for stderr on failure; `main` only sets the exit code.

mod check;
mod diff;
mod drafts;
mod finalize;
mod new;
mod report;
mod score;
mod summary;

/// How a predicate's requirement reads, for the terminal app's review too.
pub use score::describe_requirement;

use std::io::Write;
use std::path::Path;

use crate::catalog::{self, SourceError};
use crate::cli::{Cli, Command};
use crate::diagnostics;
use crate::draft::{self, Draft};
use crate::i18n::{Lang, fill};
use crate::questionnaire::Questionnaire;

/// A command that did not succeed: exit code and the lines to print on stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub lines: Vec<String>,
}

impl Failure {
    pub fn runtime(lines: Vec<String>) -> Failure {
        Failure { code: 1, lines }
    }
    pub fn one(line: String) -> Failure {
        Failure::runtime(vec![line])
    }
}

pub type Outcome = Result<(), Failure>;

pub use score::to_json as score_json;
pub use summary::collect as summary_collect;

pub fn run(cli: Cli, lang: Lang, out: &mut dyn Write) -> Outcome {
    let result = match cli.command {
        Some(Command::New {
            unit,
            period,
            questionnaire,
            assessor,
            output,
        }) => new::run(
            lang,
            out,
            &unit,
            &period,
            questionnaire.as_deref(),
            assessor,
            output,
        ),
        Some(Command::Drafts) => drafts::run(lang, out),
        Some(Command::Score { draft, json, depth }) => score::run(lang, out, &draft, json, depth),
        Some(Command::Check { file }) => check::run(lang, out, &file),
        Some(Command::Questionnaires) => questionnaires(lang, out),
        Some(Command::Report {
            draft,
            format,
            output,
        }) => report::run(lang, out, &draft, format, output.as_deref()),
        Some(Command::Summary { paths, json, csv }) => summary::run(lang, out, &paths, json, csv),
        Some(Command::Diff { old, new, json }) => diff::run(lang, out, &old, &new, json),
        Some(Command::Finalize { draft, yes }) => finalize::run(lang, out, &draft, yes),
        // The terminal app; `main` starts it.
        Some(Command::Open { .. }) | None => Ok(()),
    };
    let _ = out.flush();
    result
}

/// Turns a questionnaire that could not be had into messages.
pub fn source_error(lang: Lang, e: SourceError) -> Failure {
    match e {
        SourceError::UnknownId(id) => {
            let ids: Vec<String> = catalog::embedded_questionnaires()
                .into_iter()
                .map(|q| q.id)
                .collect();
            Failure::one(fill(
                lang.texts().unknown_questionnaire,
                &[&id, &ids.join(", ")],
            ))
        }
        SourceError::File {
            path,
            src,
            problems,
        } => {
            let shown = path.display().to_string();
            Failure::runtime(diagnostics::render_all(
                lang,
                &shown,
                src.as_deref(),
                &problems,
            ))
        }
    }
}

/// Reads and parses a draft, with positions in every error.
pub fn read_draft(lang: Lang, path: &Path) -> Result<Draft, Failure> {
    let shown = path.display().to_string();
    let src = draft::read_text(path)
        .map_err(|p| Failure::one(diagnostics::render(lang, &shown, None, &p)))?;
    Draft::parse(&src)
        .map_err(|ps| Failure::runtime(diagnostics::render_all(lang, &shown, Some(&src), &ps)))
}

/// A draft and its questionnaire, with notes (e.g. a changed questionnaire version).
pub struct Opened {
    pub draft: Draft,
    pub questionnaire: Questionnaire,
    pub notes: Vec<String>,
}

pub fn open(lang: Lang, path: &Path) -> Result<Opened, Failure> {
    let d = read_draft(lang, path)?;
    let q = catalog::for_draft(&d, path).map_err(|e| source_error(lang, e))?;
    let mut notes = Vec::new();
    let shown = path.display().to_string();
    let t = lang.texts();
    if q.id != d.questionnaire {
        notes.push(format!(
            "{shown}: {}: {}",
            t.warning,
            lang.problem(&crate::problem::ProblemKind::IdDiffers {
                draft: d.questionnaire.clone(),
                questionnaire: q.id.clone(),
            })
        ));
    } else if !d.questionnaire_version.is_empty() && q.version != d.questionnaire_version {
        notes.push(format!(
            "{shown}: {}: {}",
            t.warning,
            fill(t.version_differs, &[&d.questionnaire_version, &q.version])
        ));
    }
    Ok(Opened {
        draft: d,
        questionnaire: q,
        notes,
    })
}

fn questionnaires(lang: Lang, out: &mut dyn Write) -> Outcome {
    let t = lang.texts();
    let _ = writeln!(out, "{}:", t.embedded_list);
    for e in catalog::embedded() {
        if let Some(q) = crate::questionnaire::load_str(e.src).questionnaire {
            let _ = writeln!(
                out,
                "  {:<12} {:<8} {:>4} {}  {}{}",
                q.id,
                q.version,
                q.questions.len(),
                t.questions,
                q.title,
                if q.basis.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", q.basis)
                }
            );
        }
    }
    Ok(())
}
