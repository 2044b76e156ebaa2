//! CSV that a spreadsheet opens without mangling decimals: in Indonesian, `;` between
//! fields and a decimal comma (what LibreOffice and Excel expect under an Indonesian
//! locale); in English, `,` and a decimal point. UTF-8 with a byte order mark, so Excel
//! reads the text as UTF-8.

use super::{Document, RowKind};
use crate::i18n::Lang;

pub fn write(doc: &Document<'_>) -> String {
    let t = doc.lang.texts();
    let sep = separator(doc.lang);
    let num = |x: f64| {
        let s = format!("{:.4}", crate::text::round2(x * 100.0) / 100.0);
        let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        if doc.lang == Lang::Id {
            s.replace('.', ",")
        } else {
            s
        }
    };
    let mut out = String::from("\u{feff}");
    let mut line = |fields: Vec<String>| {
        let quoted: Vec<String> = fields.iter().map(|f| field(f, sep)).collect();
        out.push_str(&quoted.join(&sep.to_string()));
        out.push_str("\r\n");
    };
    for (label, value) in doc.cover() {
        line(vec![label.to_string(), value]);
    }
    line(vec![]);
    line(
        [
            "id",
            t.col_level,
            t.col_question,
            t.col_answer,
            t.col_score,
            t.earned,
            t.possible,
            t.percent,
            t.col_note,
            t.col_evidence,
            t.col_flag,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for r in &doc.rows {
        match &r.kind {
            RowKind::Group { percent, .. } => line(vec![
                r.id.clone(),
                r.depth.to_string(),
                r.text.clone(),
                String::new(),
                String::new(),
                num(r.earned),
                num(r.possible),
                percent.map(num).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
            ]),
            RowKind::Question {
                answer,
                score,
                note,
                evidence,
                flag,
                ..
            } => line(vec![
                r.id.clone(),
                r.depth.to_string(),
                r.text.clone(),
                answer.clone(),
                score.map(num).unwrap_or_default(),
                num(r.earned),
                num(r.possible),
                String::new(),
                note.clone(),
                evidence.join("\n"),
                if *flag { "1".into() } else { String::new() },
            ]),
        }
    }
    out
}

/// `;` in Indonesian (where the decimal comma is), `,` in English.
pub(crate) fn separator(lang: Lang) -> char {
    if lang == Lang::Id { ';' } else { ',' }
}

/// Quotes a field when needed. Text starting with `=`, `+`, `-` or `@` gets a leading
/// space, so a penjelasan that begins with a dash is not taken for a formula.
pub(crate) fn field(s: &str, sep: char) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!(" {s}")
    } else {
        s.to_string()
    };
    if s.contains(sep) || s.contains('"') || s.contains('\n') || s.contains('\r') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}
