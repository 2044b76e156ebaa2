//! `pmprb check FILE`: validate a questionnaire (every problem in one run, then its
//! examples) or a draft against its questionnaire.

use std::io::Write;
use std::path::Path;

use super::{Failure, Outcome};
use crate::diagnostics;
use crate::draft;
use crate::i18n::{Lang, fill};
use crate::questionnaire;
use crate::scoring::{self, State};

pub fn run(lang: Lang, out: &mut dyn Write, path: &Path) -> Outcome {
    let shown = path.display().to_string();
    let src = super::read_text(lang, path)?;
    // The same rule `Draft::parse` uses, so a damaged draft is checked as a draft.
    if !draft::is_questionnaire_text(&src) {
        return check_draft(lang, out, path, &src);
    }
    let t = lang.texts();
    let r = questionnaire::load_str(&src);
    let errors = r.errors();
    let warnings = r.problems.len() - errors;
    let lines = diagnostics::render_all(lang, &shown, Some(&src), &r.problems);
    if errors > 0 {
        let mut lines = lines;
        lines.push(fill(t.check_summary, &[&shown, &errors, &warnings]));
        return Err(Failure::runtime(lines));
    }
    for l in &lines {
        let _ = writeln!(out, "{l}");
    }
    let q = r.questionnaire.as_ref();
    let examples = q.map(|q| q.examples.len()).unwrap_or(0);
    let _ = writeln!(
        out,
        "{}",
        fill(t.check_summary, &[&shown, &errors, &warnings])
    );
    if let Some(q) = q {
        let _ = writeln!(
            out,
            "{} {} — {} {}; {}",
            q.id,
            q.version,
            q.questions.len(),
            t.questions,
            fill(t.examples_ok, &[&examples])
        );
    }
    Ok(())
}

fn check_draft(lang: Lang, out: &mut dyn Write, path: &Path, src: &str) -> Outcome {
    let t = lang.texts();
    let shown = path.display().to_string();
    let d = super::parse_draft(lang, &shown, src)?;
    let o = super::with_questionnaire(lang, path, d)?;
    for n in &o.notes {
        let _ = writeln!(out, "{n}");
    }
    let s = scoring::score(&o.questionnaire, &o.draft.answers);
    for &i in &s.invalid {
        if let State::Invalid(why) = &s.states[i] {
            let id = &o.questionnaire.nodes[i].id;
            let _ = writeln!(out, "{shown}: {}: {id}: {}", t.warning, lang.invalid(why));
        }
    }
    for id in &s.orphaned {
        let _ = writeln!(
            out,
            "{shown}: {}: {}: {}",
            t.warning,
            t.orphaned,
            crate::text::clean_line(id)
        );
    }
    let _ = writeln!(
        out,
        "{}",
        fill(
            t.draft_checked,
            &[&shown, &o.questionnaire.id, &o.questionnaire.version]
        )
    );
    Ok(())
}
