//! `pmprb drafts`: the drafts in the data folder with progress, index and category.

use std::io::Write;

use super::{Failure, Outcome};
use crate::draft::home;
use crate::i18n::{Lang, fill};
use crate::scoring;
use crate::text;

pub fn run(lang: Lang, out: &mut dyn Write) -> Outcome {
    let t = lang.texts();
    let dir = home::data_dir().ok_or_else(|| Failure::one(t.no_data_dir.to_string()))?;
    let paths = if dir.is_dir() {
        home::list_drafts(&dir).map_err(|e| Failure::one(format!("{}: {e}", dir.display())))?
    } else {
        Vec::new()
    };
    if paths.is_empty() {
        let _ = writeln!(out, "{}", fill(t.no_drafts, &[&dir.display()]));
        return Ok(());
    }
    let _ = writeln!(out, "{}", fill(t.drafts_in, &[&dir.display()]));
    let _ = writeln!(
        out,
        "  {:<29} {:<8} {:>8} {:>9} {:<3} {}",
        t.unit, t.period, t.progress, t.index, "", t.updated
    );
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = text::truncate(&text::clean_line(&name), 70);
        match super::open(lang, &p) {
            Ok(o) => {
                let s = scoring::score(&o.questionnaire, &o.draft.answers);
                let cat = &o.questionnaire.categories[s.category];
                let status = if o.draft.status == crate::draft::Status::Final {
                    format!(" ({})", t.status_final)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "  {:<29} {:<8} {:>8} {:>9} {:<3} {}",
                    text::truncate(&text::clean_line(&o.draft.unit), 29),
                    text::truncate(&text::clean_line(&o.draft.period), 8),
                    format!("{}/{}", s.answered, s.questions),
                    lang.num(s.index),
                    cat.code,
                    o.draft
                        .updated
                        .map(|u| short_time(&u.to_string()))
                        .unwrap_or_default(),
                );
                let _ = writeln!(out, "    {name} ({}){status}", o.questionnaire.id);
            }
            Err(f) => {
                let first = f.lines.first().cloned().unwrap_or_default();
                let _ = writeln!(out, "  ! {name}");
                let _ = writeln!(
                    out,
                    "    {}",
                    text::truncate(&text::clean_line(&first), 200)
                );
            }
        }
    }
    Ok(())
}

/// `2026-11-28T23:48:16+07:00` → `2026-11-28 23:48`.
pub fn short_time(s: &str) -> String {
    let s = s.replacen('T', " ", 1);
    s.chars().take(16).collect()
}
