//! `pmprb finalize`: mark a complete draft final, after a confirmation.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use super::{Failure, Outcome};
use crate::draft::lock::{DraftLock, LockError};
use crate::draft::{self, Status, store};
use crate::i18n::{Lang, fill};
use crate::scoring::{self, State};

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
    let ids = |pred: &dyn Fn(&State) -> bool| -> Vec<String> {
        q.questions
            .iter()
            .filter(|&&i| pred(&s.states[i]))
            .map(|&i| q.nodes[i].id.clone())
            .collect()
    };
    let unanswered = ids(&|st| matches!(st, State::Unanswered));
    let invalid = ids(&|st| matches!(st, State::Invalid(_)));
    if !unanswered.is_empty() || !invalid.is_empty() {
        let mut lines = vec![fill(t.finalize_blocked, &[&shown])];
        if !unanswered.is_empty() {
            lines.push(format!(
                "  {}",
                fill(
                    t.finalize_unanswered,
                    &[&unanswered.len(), &list(&unanswered)]
                )
            ));
        }
        if !invalid.is_empty() {
            lines.push(format!(
                "  {}",
                fill(t.finalize_invalid, &[&invalid.len(), &list(&invalid)])
            ));
        }
        return Err(Failure::runtime(lines));
    }
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(Failure {
                code: 2,
                lines: vec![t.finalize_need_yes.to_string()],
            });
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
