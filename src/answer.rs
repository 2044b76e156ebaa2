//! An answer as it is kept in a draft: the value exactly as written (so an answer that
//! does not fit its question is never lost), plus the penjelasan, evidence and review flag.

use indexmap::IndexMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// Choice code (string), number, or `[numerator, denominator]`, as written in the file.
    pub value: Option<toml::Value>,
    /// Marked "not applicable".
    pub na: bool,
    /// The penjelasan.
    pub note: String,
    /// Data dukung: links or file names, one per entry.
    pub evidence: Vec<String>,
    /// Marked for review.
    pub flag: bool,
    pub updated: Option<toml::value::Datetime>,
    /// Fields this version does not understand, kept for the next save.
    pub extra: toml::Table,
}

impl Answer {
    pub fn with_value(value: toml::Value) -> Self {
        Answer {
            value: Some(value),
            ..Answer::default()
        }
    }

    pub fn not_applicable() -> Self {
        Answer {
            na: true,
            ..Answer::default()
        }
    }

    /// True when nothing at all is recorded (such an entry need not be written).
    pub fn is_empty(&self) -> bool {
        self.value.is_none()
            && !self.na
            && self.note.is_empty()
            && self.evidence.is_empty()
            && !self.flag
            && self.extra.is_empty()
    }
}

/// Answers by question id, in the order they were first given (the draft's order).
pub type Answers = IndexMap<String, Answer>;

use crate::problem::Problem;
use crate::tomlread::{Fields, Span};
use toml::de::DeTable;

/// Reads one `[answers."id"]` table (drafts and questionnaire examples share the shape).
/// Unknown fields are kept in `extra`.
pub(crate) fn read(table: &DeTable<'_>, span: Span, problems: &mut Vec<Problem>) -> Answer {
    let mut f = Fields::new(table, span, problems);
    let value = f
        .get("value")
        .map(|v| crate::tomlread::to_value(v.get_ref()));
    let na = f.opt_bool("na").map(|b| b.0).unwrap_or(false);
    let note = f.opt_str("note").map(|s| s.0).unwrap_or_default();
    let evidence = f.opt_str_list("evidence").unwrap_or_default();
    let flag = f.opt_bool("flag").map(|b| b.0).unwrap_or(false);
    let updated = f.opt_datetime("updated");
    let extra = f.keep_unused();
    Answer {
        value,
        na,
        note,
        evidence,
        flag,
        updated,
        extra,
    }
}
