//! Markdown: reads well in a terminal and pasted into a mail.

use std::fmt::Write;

use super::{Document, RowKind};
use crate::text;

pub fn write(doc: &Document<'_>) -> String {
    let t = doc.lang.texts();
    let lang = doc.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {} ({})\n",
        t.report_title,
        text::clean_line(&doc.draft.unit),
        text::clean_line(&doc.draft.period)
    );
    let _ = writeln!(out, "| | |\n|---|---|");
    for (label, value) in doc.cover() {
        let _ = writeln!(out, "| {label} | {} |", cell(&value));
    }
    out.push('\n');
    for row in &doc.rows {
        match &row.kind {
            RowKind::Group {
                percent,
                answered,
                questions,
            } => {
                let hashes = "#".repeat((row.depth + 2).min(6));
                let pct = percent
                    .map(|p| format!(" ({} %)", lang.num(p)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{hashes} {} {}\n\n{}: {} / {} {}{pct} · {}: {answered}/{questions}\n",
                    row.id,
                    text::clean_line(&row.text),
                    t.earned,
                    lang.num(row.earned),
                    lang.num(row.possible),
                    t.points,
                    t.answered,
                );
            }
            RowKind::Question {
                answer,
                score,
                note,
                evidence,
                flag,
                ..
            } => {
                let flag = if *flag {
                    format!(" ⚑ {}", t.flagged)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "**{}** {}{flag}\n",
                    row.id,
                    text::clean_line(&row.text)
                );
                let answer = if answer.is_empty() {
                    format!("_{}_", t.unanswered)
                } else {
                    answer.clone()
                };
                let score = score
                    .map(|s| format!(" · {} {}", t.col_score, lang.num(s)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- {}: {answer}{score} · {} / {} {}",
                    t.col_answer,
                    lang.num(row.earned),
                    lang.num(row.possible),
                    t.points
                );
                if !note.trim().is_empty() {
                    let indented = note.trim_end().replace('\n', "\n  ");
                    let _ = writeln!(out, "- {}: {indented}", t.col_note);
                }
                if !evidence.is_empty() {
                    let _ = writeln!(out, "- {}: {}", t.col_evidence, evidence.join("; "));
                }
                out.push('\n');
            }
        }
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}
