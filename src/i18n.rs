//! Every word the user reads, per language: Indonesian (default) and English.
//! `id.rs` and `en.rs` hold the same set of texts; nothing else in the program spells out
//! a user-facing sentence.

mod en;
mod id;
pub mod tui;
mod tui_en;
mod tui_id;

use crate::problem::ProblemKind;
use crate::scoring::Invalid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// `--lang` wins, then `PMPRB_LANG`, then Indonesian.
    pub fn detect(flag: Option<&str>) -> Lang {
        let env = std::env::var("PMPRB_LANG").ok();
        match flag
            .or(env.as_deref())
            .map(|s| s.trim().to_ascii_lowercase())
        {
            Some(s) if s.starts_with("en") => Lang::En,
            _ => Lang::Id,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Id => &id::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The terminal app's texts.
    pub fn tui(self) -> &'static tui::TuiTexts {
        match self {
            Lang::Id => &tui_id::TEXTS,
            Lang::En => &tui_en::TEXTS,
        }
    }

    pub fn problem(self, k: &ProblemKind) -> String {
        match self {
            Lang::Id => id::problem(k),
            Lang::En => en::problem(k),
        }
    }

    pub fn invalid(self, k: &Invalid) -> String {
        match self {
            Lang::Id => id::invalid(k),
            Lang::En => en::invalid(k),
        }
    }

    /// A draft's status as the user reads it.
    pub fn status(self, s: crate::draft::Status) -> &'static str {
        let t = self.texts();
        match s {
            crate::draft::Status::Draft => t.status_draft,
            crate::draft::Status::Final => t.status_final,
        }
    }

    /// Numbers are shown with a decimal comma in Indonesian.
    pub fn num(self, x: f64) -> String {
        crate::text::fmt2(x, self == Lang::Id)
    }
}

/// Fixed texts. Placeholders `{}` are filled in order by [`fill`].
pub struct Texts {
    pub error: &'static str,
    pub warning: &'static str,
    pub index: &'static str,
    pub category: &'static str,
    pub band: &'static str,
    pub settled: &'static str,
    pub not_settled: &'static str,
    pub progress: &'static str,
    pub not_applicable: &'static str,
    pub invalid: &'static str,
    pub orphaned: &'static str,
    pub group: &'static str,
    pub earned: &'static str,
    pub possible: &'static str,
    pub percent: &'static str,
    pub answered: &'static str,
    pub predicates: &'static str,
    pub holds: &'static str,
    pub fails: &'static str,
    pub status: &'static str,
    pub status_draft: &'static str,
    pub status_final: &'static str,
    pub unit: &'static str,
    pub period: &'static str,
    pub questionnaire: &'static str,
    pub questions: &'static str,
    pub updated: &'static str,
    pub no_drafts: &'static str,
    pub drafts_in: &'static str,
    pub created: &'static str,
    pub check_summary: &'static str,
    pub examples_ok: &'static str,
    pub req_min_index: &'static str,
    pub req_min_points: &'static str,
    pub req_min_percent: &'static str,
    pub no_data_dir: &'static str,
    pub unknown_questionnaire: &'static str,
    pub exists: &'static str,
    pub cannot_write: &'static str,
    pub locked: &'static str,
    pub version_differs: &'static str,
    pub embedded_list: &'static str,
    pub draft_checked: &'static str,
    pub report_title: &'static str,
    pub basis: &'static str,
    pub date: &'static str,
    pub col_question: &'static str,
    pub col_answer: &'static str,
    pub col_score: &'static str,
    pub col_note: &'static str,
    pub col_evidence: &'static str,
    pub col_flag: &'static str,
    pub col_level: &'static str,
    pub summary_sheet: &'static str,
    pub lke_sheet: &'static str,
    pub unanswered: &'static str,
    pub invalid_answer: &'static str,
    pub flagged: &'static str,
    pub xlsx_to_terminal: &'static str,
    pub written: &'static str,
    pub finalize_blocked: &'static str,
    pub finalize_unanswered: &'static str,
    pub finalize_invalid: &'static str,
    pub finalize_confirm: &'static str,
    pub finalize_need_yes: &'static str,
    pub finalize_done: &'static str,
    pub finalize_already: &'static str,
    pub cancelled: &'static str,
    pub summary_title: &'static str,
    pub summary_stats: &'static str,
    pub summary_per_category: &'static str,
    pub summary_weakest: &'static str,
    pub summary_errors: &'static str,
    pub summary_none: &'static str,
    pub diff_title: &'static str,
    pub diff_index: &'static str,
    pub diff_category: &'static str,
    /// Column headers of the group table: the old and the new draft.
    pub diff_old: &'static str,
    pub diff_new: &'static str,
    pub diff_changed: &'static str,
    pub diff_added: &'static str,
    pub diff_removed: &'static str,
    pub diff_none: &'static str,
    pub diff_units_differ: &'static str,
    pub points: &'static str,
}

/// Replaces each `{}` in `template` with the next argument.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("{} dari {}", &[&3, &"lima"]), "3 dari lima");
        assert_eq!(fill("tanpa", &[&1]), "tanpa");
    }

    #[test]
    fn english_only_when_asked() {
        assert_eq!(Lang::detect(Some("en")), Lang::En);
        assert_eq!(Lang::detect(Some("id")), Lang::Id);
    }
}
