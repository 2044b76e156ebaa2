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
use crate::tomlread::pieces::{self, Section};

pub fn run(lang: Lang, out: &mut dyn Write, path: &Path) -> Outcome {
    let shown = path.display().to_string();
    let src = draft::read_text(path)
        .map_err(|p| Failure::one(diagnostics::render(lang, &shown, None, &p)))?;
    if looks_like_draft(&src) {
        return check_draft(lang, out, path);
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

/// A draft names its questionnaire and has no questions of its own. Only the file's root
/// keys matter, so in a large file its questions, groups and answers are cut out before it
/// is parsed ([`pieces`]); a file the cut does not handle is parsed whole.
fn looks_like_draft(src: &str) -> bool {
    const SECTIONS: [Section; 3] = [
        Section {
            key: "question",
            array: true,
        },
        Section {
            key: "group",
            array: true,
        },
        Section {
            key: "answers",
            array: false,
        },
    ];
    let root_says_draft = |t: &toml::de::DeTable<'_>| {
        t.get("questionnaire").is_some_and(|v| v.get_ref().is_str()) && t.get("question").is_none()
    };
    if src.len() >= pieces::FROM_SIZE
        && let Some(split) = pieces::split(src, &SECTIONS)
        && let Ok(rest) = toml::de::DeTable::parse(&split.rest)
    {
        return root_says_draft(rest.get_ref()) && !split.pieces.iter().any(|p| p.section == 0);
    }
    toml::de::DeTable::parse(src).is_ok_and(|t| root_says_draft(t.get_ref()))
}

fn check_draft(lang: Lang, out: &mut dyn Write, path: &Path) -> Outcome {
    let t = lang.texts();
    let shown = path.display().to_string();
    let o = super::open(lang, path)?;
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
