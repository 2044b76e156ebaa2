//! Turns problems into the lines users read: `path:line:column: error: message`.

use crate::i18n::Lang;
use crate::problem::{Problem, Severity};
use crate::text;

pub fn render(lang: Lang, path: &str, src: Option<&str>, p: &Problem) -> String {
    let t = lang.texts();
    let sev = match p.severity {
        Severity::Error => t.error,
        Severity::Warning => t.warning,
    };
    let msg = text::clean_line(&lang.problem(&p.kind));
    let msg = text::truncate(&msg, 400);
    if let crate::problem::ProblemKind::NotUtf8 { line, col } = p.kind {
        return format!("{path}:{line}:{col}: {sev}: {msg}");
    }
    match (src, &p.span) {
        (Some(src), Some(span)) => {
            let (line, col) = text::line_col(src, span.start);
            format!("{path}:{line}:{col}: {sev}: {msg}")
        }
        _ => format!("{path}: {sev}: {msg}"),
    }
}
