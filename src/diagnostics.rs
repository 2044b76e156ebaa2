//! Turns problems into the lines users read: `path:line:column: error: message`.

use crate::i18n::Lang;
use crate::problem::{Problem, ProblemKind, Severity};
use crate::text::{self, LineIndex};

/// At most this many problems of one file are shown; nobody reads more, and a hostile
/// file can have hundreds of thousands.
pub const MAX_SHOWN: usize = 200;

/// Renders the problems of one file in their order, at most [`MAX_SHOWN`] of them (errors
/// before warnings when some must be left out), then one line saying how many were not
/// shown. Positions come from one index of the file's lines.
pub fn render_all(lang: Lang, path: &str, src: Option<&str>, problems: &[Problem]) -> Vec<String> {
    let index = src.map(LineIndex::new);
    let mut shown: Vec<&Problem> = problems.iter().collect();
    if shown.len() > MAX_SHOWN {
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        let mut warnings_left = MAX_SHOWN.saturating_sub(errors);
        let mut errors_left = MAX_SHOWN;
        shown.retain(|p| {
            let left = match p.severity {
                Severity::Error => &mut errors_left,
                Severity::Warning => &mut warnings_left,
            };
            *left > 0 && {
                *left -= 1;
                true
            }
        });
    }
    let mut lines: Vec<String> = shown
        .iter()
        .map(|p| {
            let at = index.as_ref().zip(p.span.as_ref());
            render_at(
                lang,
                path,
                p,
                at.map(|(index, span)| index.line_col(span.start)),
            )
        })
        .collect();
    if problems.len() > shown.len() {
        let more = ProblemKind::MoreProblems {
            count: problems.len() - shown.len(),
        };
        lines.push(format!("{path}: {}", lang.problem(&more)));
    }
    lines
}

pub fn render(lang: Lang, path: &str, src: Option<&str>, p: &Problem) -> String {
    let at = src.zip(p.span.as_ref());
    render_at(
        lang,
        path,
        p,
        at.map(|(src, span)| text::line_col(src, span.start)),
    )
}

/// One problem as `path:line:column: severity: message`, at the position given.
fn render_at(lang: Lang, path: &str, p: &Problem, at: Option<(usize, usize)>) -> String {
    let t = lang.texts();
    let sev = match p.severity {
        Severity::Error => t.error,
        Severity::Warning => t.warning,
    };
    let msg = text::clean_line(&lang.problem(&p.kind));
    let msg = text::truncate(&msg, 400);
    if let ProblemKind::NotUtf8 { line, col } = p.kind {
        return format!("{path}:{line}:{col}: {sev}: {msg}");
    }
    match at {
        Some((line, col)) => format!("{path}:{line}:{col}: {sev}: {msg}"),
        None => format!("{path}: {sev}: {msg}"),
    }
}
