//! `pmprb finalize`: mark a complete draft final, after a confirmation.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::{Failure, Outcome};
use crate::draft::lock::{DraftLock, LockError};
use crate::draft::{self, Status, store};
use crate::i18n::{Lang, fill};
use crate::questionnaire::Questionnaire;
use crate::scoring::{self, Score, State};

pub fn run(lang: Lang, out: &mut dyn Write, path: &Path, yes: bool) -> Outcome {
    let t = lang.texts();
    let shown = path.display().to_string();
    let _lock = DraftLock::acquire(path).map_err(|e| match e {
        LockError::Held { holder } => Failure::one(fill(t.locked, &[&shown, &holder])),
        LockError::Io(e) => Failure::one(format!("{shown}: {e}")),
    })?;
    let mut o = super::open(lang, path)?;
    if o.draft.status == Status::Final {
        let _ = writeln!(out, "{}", fill(t.finalize_already, &[&shown]));
        return Ok(());
    }
    let s = scoring::score(&o.questionnaire, &o.draft.answers);
    let q = &o.questionnaire;
    let b = blockers(q, &s);
    if !b.is_empty() {
        let (unanswered, invalid) = (&b.unanswered, &b.invalid);
        let mut lines = vec![fill(t.finalize_blocked, &[&shown])];
        if !unanswered.is_empty() {
            lines.push(format!(
                "  {}",
                fill(
                    t.finalize_unanswered,
                    &[&unanswered.len(), &list(unanswered)]
                )
            ));
        }
        if !invalid.is_empty() {
            lines.push(format!(
                "  {}",
                fill(t.finalize_invalid, &[&invalid.len(), &list(invalid)])
            ));
        }
        return Err(Failure::runtime(lines));
    }
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(Failure::usage(vec![t.finalize_need_yes.to_string()]));
        }
        let cat = &q.categories[s.category];
        let _ = write!(
            out,
            "{}",
            fill(t.finalize_confirm, &[&shown, &lang.num(s.index), &cat.code])
        );
        let _ = out.flush();
        let mut answer = String::new();
        let _ = stdin.lock().read_line(&mut answer);
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "ya" | "yes") {
            let _ = writeln!(out, "{}", t.cancelled);
            return Ok(());
        }
    }
    let by = draft::who(&o.draft);
    o.draft.finalize(&by);
    store::save_atomic(path, o.draft.to_toml().as_bytes())
        .map_err(|e| Failure::one(fill(t.cannot_write, &[&shown, &e])))?;
    let _ = writeln!(out, "{}", fill(t.finalize_done, &[&shown, &by]));
    Ok(())
}

/// What stands in the way of marking a draft final: every question must be answered (or
/// not applicable) and no answer may be invalid. `pmprb finalize` and the terminal app's
/// Ctrl-F both ask this.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Blockers {
    /// Ids of the unanswered questions, in questionnaire order.
    pub unanswered: Vec<String>,
    /// Ids of the questions with an invalid answer, in questionnaire order.
    pub invalid: Vec<String>,
    /// The position in `q.questions` of the first question that blocks, if any.
    pub first: Option<usize>,
}

impl Blockers {
    /// Nothing blocks: the draft may be marked final.
    pub fn is_empty(&self) -> bool {
        self.first.is_none()
    }
}

pub fn blockers(q: &Questionnaire, s: &Score) -> Blockers {
    let mut b = Blockers::default();
    for (k, &i) in q.questions.iter().enumerate() {
        match &s.states[i] {
            State::Unanswered => b.unanswered.push(q.nodes[i].id.clone()),
            State::Invalid(_) => b.invalid.push(q.nodes[i].id.clone()),
            _ => continue,
        }
        b.first.get_or_insert(k);
    }
    b
}

/// The first ids of a long list, then how many more.
fn list(ids: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(", … (+{})", ids.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blockers_of(answers: &str) -> Blockers {
        let q = crate::catalog::find_embedded("contoh").expect("contoh");
        let d = draft::Draft::parse(&format!(
            "schema = 1\nquestionnaire = \"contoh\"\nunit = \"u\"\nperiod = \"p\"\n{answers}"
        ))
        .expect("draft");
        blockers(&q, &scoring::score(&q, &d.answers))
    }

    #[test]
    fn unanswered_and_invalid_questions_block_in_questionnaire_order() {
        let b =
            blockers_of("[answers.\"A.1.a\"]\nvalue = \"Y\"\n[answers.\"A.1.b\"]\nvalue = \"Z\"\n");
        assert_eq!(b.unanswered, ["A.2.a", "A.2.b", "B.a", "B.b"]);
        assert_eq!(b.invalid, ["A.1.b"]);
        assert_eq!(b.first, Some(1));
        assert!(!b.is_empty());
    }

    #[test]
    fn a_complete_draft_has_no_blockers() {
        let b = blockers_of(
            "[answers.\"A.1.a\"]\nvalue = \"Y\"\n[answers.\"A.1.b\"]\nvalue = \"A\"\n\
             [answers.\"A.2.a\"]\nvalue = 50\n[answers.\"A.2.b\"]\nna = true\n\
             [answers.\"B.a\"]\nvalue = 2\n[answers.\"B.b\"]\nna = true\n",
        );
        assert_eq!(b, Blockers::default());
        assert!(b.is_empty());
    }
}
