//! `pmprb summary`: one row per unit across many drafts, with figures per questionnaire.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use super::{Failure, Outcome};
use crate::catalog;
use crate::draft::{Status, home};
use crate::i18n::{Lang, fill};
use crate::questionnaire::Questionnaire;
use crate::rollup::{Rollup, Row};
use crate::scoring;
use crate::text;

pub fn run(
    lang: Lang,
    out: &mut dyn Write,
    paths: &[PathBuf],
    as_json: bool,
    as_csv: bool,
) -> Outcome {
    let t = lang.texts();
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found =
                home::list_drafts(p).map_err(|e| Failure::one(format!("{}: {e}", p.display())))?;
            if found.is_empty() {
                eprintln!("{}", fill(t.summary_none, &[&p.display()]));
            }
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    let rollup = collect(lang, &files);
    if as_json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&to_json(&rollup)).unwrap_or_default()
        );
    } else if as_csv {
        write_csv(lang, out, &rollup);
    } else {
        write_text(lang, out, &rollup);
    }
    let errors = rollup.errors();
    if errors > 0 {
        return Err(Failure::one(fill(t.summary_errors, &[&errors])));
    }
    Ok(())
}

/// Reads and scores every draft; questionnaires are loaded once each.
pub fn collect(lang: Lang, files: &[PathBuf]) -> Rollup {
    let mut cache: HashMap<String, Result<Questionnaire, String>> = HashMap::new();
    let mut rollup = Rollup::default();
    for f in files {
        let shown = f.display().to_string();
        let d = match super::read_draft(lang, f) {
            Ok(d) => d,
            Err(e) => {
                rollup.add_error(&shown, e.lines.join("\n"));
                continue;
            }
        };
        let key = match d.questionnaire_path(f) {
            Some(p) => format!("file:{}", std::path::absolute(&p).unwrap_or(p).display()),
            None => format!("id:{}", d.questionnaire),
        };
        let q = cache.entry(key).or_insert_with(|| {
            catalog::for_draft(&d, f).map_err(|e| super::source_error(lang, e).lines.join("\n"))
        });
        match q {
            Ok(q) => {
                let s = scoring::score(q, &d.answers);
                rollup.add(&shown, q, &d, &s);
            }
            Err(e) => rollup.add_error(&shown, e.clone()),
        }
    }
    rollup
}

fn row_json(r: &Row) -> serde_json::Value {
    json!({
        "path": r.path,
        "unit": r.unit,
        "period": r.period,
        "questionnaire": r.questionnaire,
        "status": r.status,
        "answered": r.answered,
        "questions": r.questions,
        "index": r.index,
        "category": r.category,
        "floor": r.floor,
        "ceiling": r.ceiling,
        "error": r.error,
    })
}

pub fn to_json(r: &Rollup) -> serde_json::Value {
    let rows: Vec<_> = r.sorted_rows().into_iter().map(row_json).collect();
    let by_q: Vec<_> = r
        .stats()
        .iter()
        .map(|s| {
            json!({
                "questionnaire": s.questionnaire,
                "count": s.count,
                "mean": s.mean,
                "median": s.median,
                "min": s.min,
                "max": s.max,
                "categories": s.categories.iter().map(|(c, n)| json!({"code": c, "units": n})).collect::<Vec<_>>(),
                "weakest": s.weakest.iter().map(|w| json!({"id": w.id, "title": w.title, "mean_percent": w.mean_percent, "units": w.units})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "rows": rows,
        "stats": {
            "drafts": r.rows.len(),
            "errors": r.errors(),
            "questionnaires": by_q,
        }
    })
}

/// A row's status (`draft` or `final`, as the roll-up keeps it) in the user's language.
fn status_text(lang: Lang, status: &str) -> &'static str {
    if status == Status::Final.as_str() {
        lang.status(Status::Final)
    } else {
        lang.status(Status::Draft)
    }
}

fn write_text(lang: Lang, out: &mut dyn Write, r: &Rollup) {
    let t = lang.texts();
    let _ = writeln!(out, "{}\n", fill(t.summary_title, &[&r.rows.len()]));
    let _ = writeln!(
        out,
        "{:<30} {:<8} {:<16} {:<6} {:>9} {:>7} {:<3} {:>17}",
        t.unit, t.period, t.questionnaire, t.status, t.progress, t.index, "", t.band
    );
    for row in r.sorted_rows() {
        match &row.error {
            Some(e) => {
                let first = e.lines().next().unwrap_or_default();
                let _ = writeln!(out, "! {}", text::truncate(&text::clean_line(first), 110));
            }
            None => {
                let _ = writeln!(
                    out,
                    "{:<30} {:<8} {:<16} {:<6} {:>9} {:>7} {:<3} {:>17}",
                    text::truncate(&text::clean_line(&row.unit), 30),
                    text::truncate(&text::clean_line(&row.period), 8),
                    text::truncate(&row.questionnaire, 16),
                    status_text(lang, &row.status),
                    format!("{}/{}", row.answered, row.questions),
                    row.index.map(|x| lang.num(x)).unwrap_or_default(),
                    row.category.clone().unwrap_or_default(),
                    format!(
                        "{} – {}",
                        row.floor.map(|x| lang.num(x)).unwrap_or_default(),
                        row.ceiling.map(|x| lang.num(x)).unwrap_or_default()
                    ),
                );
            }
        }
    }
    for s in r.stats() {
        let _ = writeln!(out, "\n{}: {}", t.questionnaire, s.questionnaire);
        let _ = writeln!(
            out,
            "  {}",
            fill(
                t.summary_stats,
                &[
                    &s.count,
                    &lang.num(s.mean),
                    &lang.num(s.median),
                    &lang.num(s.min),
                    &lang.num(s.max)
                ]
            )
        );
        let cats: Vec<String> = s
            .categories
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        let _ = writeln!(out, "  {}: {}", t.summary_per_category, cats.join(" · "));
        if !s.weakest.is_empty() {
            let _ = writeln!(out, "  {}:", t.summary_weakest);
            for w in &s.weakest {
                let _ = writeln!(
                    out,
                    "    {:<10} {:<50} {:>7} %",
                    w.id,
                    text::truncate(&text::clean_line(&w.title), 50),
                    lang.num(w.mean_percent)
                );
            }
        }
    }
}

fn write_csv(lang: Lang, out: &mut dyn Write, r: &Rollup) {
    use crate::report::csv::{field, separator};
    let sep = separator(lang);
    let num = |x: Option<f64>| x.map(|v| lang.num(v)).unwrap_or_default();
    let _ = write!(out, "\u{feff}");
    let mut line = |fields: &[String]| {
        let quoted: Vec<String> = fields.iter().map(|f| field(f, sep)).collect();
        let _ = write!(out, "{}\r\n", quoted.join(&sep.to_string()));
    };
    let header = [
        "path",
        "unit",
        "period",
        "questionnaire",
        "status",
        "answered",
        "questions",
        "index",
        "category",
        "floor",
        "ceiling",
        "error",
    ]
    .map(String::from);
    line(&header);
    for row in r.sorted_rows() {
        line(&[
            row.path.clone(),
            text::clean_line(&row.unit),
            text::clean_line(&row.period),
            row.questionnaire.clone(),
            row.status.clone(),
            row.answered.to_string(),
            row.questions.to_string(),
            num(row.index),
            row.category.clone().unwrap_or_default(),
            num(row.floor),
            num(row.ceiling),
            row.error
                .as_deref()
                .map(text::clean_line)
                .unwrap_or_default(),
        ]);
    }
}
