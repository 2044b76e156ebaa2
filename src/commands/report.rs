//! `pmprb report`: the filled LKE as md, csv, json or xlsx.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::{Failure, Outcome};
use crate::cli::ReportFormat;
use crate::draft::store;
use crate::i18n::{Lang, fill};
use crate::report::{self, Document};
use crate::scoring;

pub fn run(
    lang: Lang,
    out: &mut dyn Write,
    path: &Path,
    format: ReportFormat,
    output: Option<&Path>,
) -> Outcome {
    let t = lang.texts();
    let o = super::open(lang, path)?;
    for n in &o.notes {
        eprintln!("{n}");
    }
    let s = scoring::score(&o.questionnaire, &o.draft.answers);
    let doc = Document::new(lang, &o.questionnaire, &o.draft, &s);
    let bytes: Vec<u8> = match format {
        ReportFormat::Md => report::markdown(&doc).into_bytes(),
        ReportFormat::Csv => report::csv(&doc).into_bytes(),
        ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report::json(&doc)).unwrap_or_default();
            s.push('\n');
            s.into_bytes()
        }
        ReportFormat::Xlsx => {
            if output.is_none() && std::io::stdout().is_terminal() {
                return Err(Failure::usage(vec![t.xlsx_to_terminal.to_string()]));
            }
            report::xlsx(&doc).map_err(|e| Failure::one(format!("xlsx: {e}")))?
        }
    };
    match output {
        Some(file) => {
            store::save_atomic(file, &bytes)
                .map_err(|e| Failure::one(fill(t.cannot_write, &[&file.display(), &e])))?;
            eprintln!("{}", fill(t.written, &[&file.display()]));
        }
        None => {
            out.write_all(&bytes)
                .map_err(|e| Failure::one(fill(t.cannot_write, &[&"stdout", &e])))?;
        }
    }
    Ok(())
}
