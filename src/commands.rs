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

/// What blocks marking a draft final, for the terminal app's Ctrl-F too.
pub use finalize::{Blockers, blockers};
/// How a draft is made, for the terminal app's new-draft form too.
pub use new::{DraftSpec, create_draft};
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
    /// The command was used in a way it cannot be (exit 2).
    pub fn usage(lines: Vec<String>) -> Failure {
        Failure { code: 2, lines }
    }
}

pub type Outcome = Result<(), Failure>;

pub use score::to_json as score_json;
pub use summary::collect as summary_collect;

/// Passes writes through and keeps the first error. Commands write line by line and go on
/// when a line fails; the command then fails at the end instead of succeeding silently.
/// A reader that stopped reading (`pmprb drafts | head -3`) is no failure: it has what it
/// wanted, as with any Unix tool.
struct Checked<'a> {
    inner: &'a mut dyn Write,
    error: Option<String>,
}

impl Checked<'_> {
    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && !matches!(
                e.kind(),
                std::io::ErrorKind::Interrupted | std::io::ErrorKind::BrokenPipe
            )
            && self.error.is_none()
        {
            self.error = Some(e.to_string());
        }
        r
    }
}

impl Write for Checked<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

pub fn run(cli: Cli, lang: Lang, out: &mut dyn Write) -> Outcome {
    let mut checked = Checked {
        inner: out,
        error: None,
    };
    let out: &mut dyn Write = &mut checked;
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
    // Output that did not arrive (a full disk, a closed pipe), whether on a line along the
    // way or in what was still buffered, is a failure, not a silent success.
    let _ = out.flush();
    match (result, checked.error) {
        (Ok(()), Some(e)) => Err(Failure::one(fill(
            lang.texts().cannot_write,
            &[&"stdout", &e],
        ))),
        (result, _) => result,
    }
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

/// Reads a draft's (or any pmprb file's) text, with the reason when it cannot.
pub fn read_text(lang: Lang, path: &Path) -> Result<String, Failure> {
    let shown = path.display().to_string();
    draft::read_text(path).map_err(|p| Failure::one(diagnostics::render(lang, &shown, None, &p)))
}

/// Parses a draft's text; errors are positioned in `src` and start with `shown`.
pub fn parse_draft(lang: Lang, shown: &str, src: &str) -> Result<Draft, Failure> {
    Draft::parse(src)
        .map_err(|ps| Failure::runtime(diagnostics::render_all(lang, shown, Some(src), &ps)))
}

/// Reads and parses a draft, with positions in every error.
pub fn read_draft(lang: Lang, path: &Path) -> Result<Draft, Failure> {
    let src = read_text(lang, path)?;
    parse_draft(lang, &path.display().to_string(), &src)
}

/// A draft and its questionnaire, with notes (e.g. a changed questionnaire version).
pub struct Opened {
    pub draft: Draft,
    pub questionnaire: Questionnaire,
    pub notes: Vec<String>,
}

pub fn open(lang: Lang, path: &Path) -> Result<Opened, Failure> {
    with_questionnaire(lang, path, read_draft(lang, path)?)
}

/// A draft already read from `path`, with its questionnaire (see [`open`]).
pub fn with_questionnaire(lang: Lang, path: &Path, d: Draft) -> Result<Opened, Failure> {
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
    for q in catalog::embedded_questionnaires() {
        let basis = if q.basis.is_empty() {
            String::new()
        } else {
            format!(" ({})", q.basis)
        };
        let _ = writeln!(
            out,
            "  {:<12} {:<8} {:>4} {}  {}{basis}",
            q.id,
            q.version,
            q.questions.len(),
            t.questions,
            q.title,
        );
    }
    Ok(())
}
