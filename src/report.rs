//! The filled LKE as a document: one model of rows in document order, written as
//! Markdown, CSV, JSON or an xlsx workbook.

pub(crate) mod csv;
mod md;
mod xlsx;

use crate::answer::Answer;
use crate::draft::Draft;
use crate::i18n::Lang;
use crate::questionnaire::{NodeKind, Questionnaire, ScaleKind};
use crate::scoring::{Score, State};
use crate::text;

pub use csv::write as csv;
pub use md::write as markdown;
pub use xlsx::write as xlsx;

/// Everything a report shows, computed once.
pub struct Document<'a> {
    pub lang: Lang,
    pub questionnaire: &'a Questionnaire,
    pub draft: &'a Draft,
    pub score: &'a Score,
    /// The date the report was made (local, `YYYY-MM-DD`).
    pub date: String,
    pub rows: Vec<Row>,
}

/// One line of the LKE: a group with its subtotal, or a question with its answer.
pub struct Row {
    pub node: usize,
    pub id: String,
    pub depth: usize,
    pub text: String,
    pub earned: f64,
    pub possible: f64,
    pub kind: RowKind,
}

pub enum RowKind {
    Group {
        percent: Option<f64>,
        answered: usize,
        questions: usize,
    },
    Question {
        /// The answer as a person reads it: option code and label, number, ratio.
        answer: String,
        /// The score in 0..1, when answered.
        score: Option<f64>,
        /// A value the answer carries for spreadsheets: the number typed, if any.
        value: Option<f64>,
        note: String,
        evidence: Vec<String>,
        flag: bool,
    },
}

impl<'a> Document<'a> {
    pub fn new(lang: Lang, q: &'a Questionnaire, d: &'a Draft, s: &'a Score) -> Document<'a> {
        let rows = q
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let ns = &s.nodes[i];
                let kind = match &n.kind {
                    NodeKind::Group { .. } => RowKind::Group {
                        percent: ns.percent(),
                        answered: ns.answered,
                        questions: ns.questions,
                    },
                    NodeKind::Question(_) => {
                        let a = d.answers.get(&n.id);
                        RowKind::Question {
                            answer: answer_text(lang, q, i, a, &s.states[i]),
                            score: match s.states[i] {
                                State::Answered(x) => Some(x),
                                _ => None,
                            },
                            value: a.and_then(|a| a.value.as_ref()).and_then(number_value),
                            note: a.map(|a| text::clean(&a.note)).unwrap_or_default(),
                            evidence: a
                                .map(|a| a.evidence.iter().map(|e| text::clean_line(e)).collect())
                                .unwrap_or_default(),
                            flag: a.is_some_and(|a| a.flag),
                        }
                    }
                };
                Row {
                    node: i,
                    id: n.id.clone(),
                    depth: n.depth,
                    text: text::clean(&n.text),
                    earned: ns.earned,
                    possible: ns.points,
                    kind,
                }
            })
            .collect();
        Document {
            lang,
            questionnaire: q,
            draft: d,
            score: s,
            date: chrono::Local::now().format("%Y-%m-%d").to_string(),
            rows,
        }
    }

    pub fn status_text(&self) -> &'static str {
        self.lang.status(self.draft.status)
    }

    pub fn category(&self) -> (&str, &str) {
        let c = &self.questionnaire.categories[self.score.category];
        (&c.code, &c.label)
    }

    /// The cover lines: (label, value), the same in every format.
    pub fn cover(&self) -> Vec<(&'static str, String)> {
        let t = self.lang.texts();
        let q = self.questionnaire;
        let s = self.score;
        let (code, label) = self.category();
        vec![
            (t.unit, text::clean_line(&self.draft.unit)),
            (t.period, text::clean_line(&self.draft.period)),
            (
                t.questionnaire,
                format!("{} ({} {})", text::clean_line(&q.title), q.id, q.version),
            ),
            (t.basis, text::clean_line(&q.basis)),
            (t.index, self.lang.num(s.index)),
            (t.category, format!("{code} ({})", text::clean_line(label))),
            (
                t.band,
                format!("{} – {}", self.lang.num(s.floor), self.lang.num(s.ceiling)),
            ),
            (
                t.progress,
                format!("{}/{} {}", s.answered, s.questions, t.questions),
            ),
            (t.status, self.status_text().to_string()),
            (t.date, self.date.clone()),
        ]
    }
}

fn number_value(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        toml::Value::String(s) => text::parse_decimal(s),
        _ => None,
    }
}

/// How an answer reads in a report.
pub fn answer_text(
    lang: Lang,
    q: &Questionnaire,
    node: usize,
    a: Option<&Answer>,
    state: &State,
) -> String {
    let t = lang.texts();
    let Some(question) = q.question(node) else {
        return String::new();
    };
    let raw = a.and_then(|a| a.value.as_ref());
    match state {
        State::Unanswered => String::new(),
        State::NotApplicable => t.not_applicable.to_string(),
        State::Invalid(why) => {
            let shown = raw.map(crate::draft::inline_value).unwrap_or_default();
            format!("{shown} ({}: {})", t.invalid_answer, lang.invalid(why))
        }
        State::Answered(_) => {
            let Some(v) = raw else { return String::new() };
            match &q.scale_of(question).kind {
                ScaleKind::Choice { options } => {
                    let code = v.as_str().unwrap_or_default();
                    match options.iter().find(|o| o.code == code) {
                        Some(o) if o.label != o.code => {
                            format!("{} – {}", o.code, text::clean_line(&o.label))
                        }
                        _ => code.to_string(),
                    }
                }
                ScaleKind::Percent => format!(
                    "{} %",
                    number_value(v).map(|x| plain(lang, x)).unwrap_or_default()
                ),
                ScaleKind::Number { .. } => {
                    number_value(v).map(|x| plain(lang, x)).unwrap_or_default()
                }
                ScaleKind::Ratio => match v.as_array().map(|a| a.as_slice()) {
                    Some([n, d]) => format!(
                        "{} / {}",
                        number_value(n).map(|x| plain(lang, x)).unwrap_or_default(),
                        number_value(d).map(|x| plain(lang, x)).unwrap_or_default()
                    ),
                    _ => String::new(),
                },
            }
        }
    }
}

/// A number as typed: no trailing zeros, decimal comma in Indonesian.
pub fn plain(lang: Lang, x: f64) -> String {
    let s = format!("{x}");
    if lang == Lang::Id {
        s.replace('.', ",")
    } else {
        s
    }
}

/// The JSON report: the score of `pmprb score --json` plus every question with its answer.
pub fn json(doc: &Document<'_>) -> serde_json::Value {
    let mut v = crate::commands::score_json(doc.questionnaire, doc.draft, doc.score);
    let questions: Vec<serde_json::Value> = doc
        .rows
        .iter()
        .filter_map(|r| match &r.kind {
            RowKind::Question {
                answer,
                score,
                note,
                evidence,
                flag,
                ..
            } => {
                let a = doc.draft.answers.get(&r.id);
                Some(serde_json::json!({
                    "id": r.id,
                    "text": r.text,
                    "value": a.and_then(|a| a.value.as_ref()).map(toml_to_json),
                    "na": a.is_some_and(|a| a.na),
                    "answer": answer,
                    "score": score,
                    "earned": r.earned,
                    "possible": r.possible,
                    "note": note,
                    "evidence": evidence,
                    "flag": flag,
                    "state": state_name(&doc.score.states[r.node]),
                }))
            }
            RowKind::Group { .. } => None,
        })
        .collect();
    v["basis"] = serde_json::json!(doc.questionnaire.basis);
    v["date"] = serde_json::json!(doc.date);
    v["answers"] = serde_json::json!(questions);
    v
}

pub fn state_name(s: &State) -> &'static str {
    match s {
        State::Unanswered => "unanswered",
        State::Answered(_) => "answered",
        State::NotApplicable => "not_applicable",
        State::Invalid(_) => "invalid",
    }
}

pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::json!(s),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::json!(b),
        toml::Value::Datetime(d) => serde_json::json!(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}
