//! Reading TOML with positions. The files are parsed into toml's spanned document
//! (`DeTable`) and walked by hand, so every problem can name its line and column and one
//! run can report all of them, not just the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::problem::{Problem, ProblemKind};

pub mod pieces;

pub type Span = Range<usize>;

/// Parses `src`, collecting every syntax error the parser can recover from.
///
/// The parser refuses nesting deeper than a fixed limit (so a file of ten thousand `[`
/// cannot overflow the stack); that refusal is reported once, in the user's language.
pub fn parse(src: &str) -> Result<Spanned<DeTable<'_>>, Vec<Problem>> {
    let (table, errors) = DeTable::parse_recoverable(src);
    if errors.is_empty() {
        return Ok(table);
    }
    let mut problems = Vec::with_capacity(errors.len());
    let mut too_deep = false;
    for e in errors {
        let message = e.message().trim();
        if message.contains("recursion") || message.contains("recurse") {
            if !too_deep {
                too_deep = true;
                problems.push(Problem::error(e.span(), ProblemKind::TooDeep));
            }
        } else {
            problems.push(Problem::error(
                e.span(),
                ProblemKind::Syntax(message.to_string()),
            ));
        }
    }
    Err(problems)
}

pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

/// A number from a TOML integer or float; `None` for other types and for values that are
/// not finite.
pub fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|x| x as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    }
}

pub fn integer(v: &DeValue<'_>) -> Option<i64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// Converts a spanned TOML value into an owned `toml::Value`, for fields the program keeps
/// but does not interpret (answer values, unknown fields).
pub fn to_value(v: &DeValue<'_>) -> toml::Value {
    match v {
        DeValue::String(s) => toml::Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(x) => toml::Value::Integer(x),
            Err(_) => toml::Value::String(i.as_str().to_string()),
        },
        DeValue::Float(f) => toml::Value::Float(f.as_str().parse::<f64>().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => toml::Value::Boolean(*b),
        DeValue::Datetime(d) => toml::Value::Datetime(*d),
        DeValue::Array(a) => toml::Value::Array(a.iter().map(|x| to_value(x.get_ref())).collect()),
        DeValue::Table(t) => toml::Value::Table(to_table(t)),
    }
}

pub fn to_table(t: &DeTable<'_>) -> toml::Table {
    t.iter()
        .map(|(k, v)| (k.get_ref().to_string(), to_value(v.get_ref())))
        .collect()
}

/// What [`Fields::opt_tables`] gives.
pub struct Tables<'t, 'i> {
    pub items: Vec<(&'t DeTable<'i>, Span)>,
    pub span: Span,
    pub empty: bool,
}

/// Reads the fields of one table, recording problems, and remembers which keys were
/// used so the rest can be reported (questionnaires) or kept (drafts).
pub struct Fields<'t, 'i, 'p> {
    pub table: &'t DeTable<'i>,
    pub span: Span,
    used: Used,
    problems: &'p mut Vec<Problem>,
}

/// The keys a reader asked for. Kept inline: a reader asks for a dozen keys at most, and
/// a questionnaire or draft has thousands of small tables, so no allocation per table.
struct Used {
    inline: [&'static str; 16],
    len: usize,
    more: Vec<&'static str>,
}

impl Used {
    fn new() -> Self {
        Used {
            inline: [""; 16],
            len: 0,
            more: Vec::new(),
        }
    }

    fn push(&mut self, key: &'static str) {
        if self.len < self.inline.len() {
            self.inline[self.len] = key;
            self.len += 1;
        } else {
            self.more.push(key);
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.inline[..self.len].contains(&key) || self.more.contains(&key)
    }
}

impl<'t, 'i, 'p> Fields<'t, 'i, 'p> {
    pub fn new(table: &'t DeTable<'i>, span: Span, problems: &'p mut Vec<Problem>) -> Self {
        Fields {
            table,
            span,
            used: Used::new(),
            problems,
        }
    }

    pub fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    pub fn get(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.used.push(key);
        self.table.get(key)
    }

    fn wrong(&mut self, key: &str, expected: &'static str, v: &Spanned<DeValue<'_>>) {
        self.problems.push(Problem::error(
            Some(v.span()),
            ProblemKind::WrongType {
                field: key.to_string(),
                expected,
                found: type_name(v.get_ref()),
            },
        ));
    }

    fn missing(&mut self, key: &str) {
        self.problems.push(Problem::error(
            Some(self.span.clone()),
            ProblemKind::MissingField {
                field: key.to_string(),
            },
        ));
    }

    pub fn opt_str(&mut self, key: &'static str) -> Option<(String, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), v.span())),
            _ => {
                self.wrong(key, "string", v);
                None
            }
        }
    }

    pub fn req_str(&mut self, key: &'static str) -> Option<(String, Span)> {
        if self.table.get(key).is_none() {
            self.used.push(key);
            self.missing(key);
            return None;
        }
        self.opt_str(key)
    }

    pub fn opt_num(&mut self, key: &'static str) -> Option<(f64, Span)> {
        let v = self.get(key)?;
        match number(v.get_ref()) {
            Some(x) => Some((x, v.span())),
            None => {
                if matches!(v.get_ref(), DeValue::Float(_)) {
                    self.problems.push(Problem::error(
                        Some(v.span()),
                        ProblemKind::BadNumber {
                            field: key.to_string(),
                            value: f64::NAN,
                        },
                    ));
                } else {
                    self.wrong(key, "number", v);
                }
                None
            }
        }
    }

    pub fn req_num(&mut self, key: &'static str) -> Option<(f64, Span)> {
        if self.table.get(key).is_none() {
            self.used.push(key);
            self.missing(key);
            return None;
        }
        self.opt_num(key)
    }

    pub fn opt_int(&mut self, key: &'static str) -> Option<(i64, Span)> {
        let v = self.get(key)?;
        match integer(v.get_ref()) {
            Some(x) => Some((x, v.span())),
            None => {
                self.wrong(key, "integer", v);
                None
            }
        }
    }

    pub fn opt_bool(&mut self, key: &'static str) -> Option<(bool, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some((*b, v.span())),
            _ => {
                self.wrong(key, "boolean", v);
                None
            }
        }
    }

    pub fn opt_array(&mut self, key: &'static str) -> Option<(&'t DeArray<'i>, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some((a, v.span())),
            _ => {
                self.wrong(key, "array", v);
                None
            }
        }
    }

    pub fn opt_table(&mut self, key: &'static str) -> Option<(&'t DeTable<'i>, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            _ => {
                self.wrong(key, "table", v);
                None
            }
        }
    }

    /// An array of tables (`[[history]]`, `options = [{...}, ...]`): the tables with their
    /// spans, each other item reported as the wrong type; the array's span; whether it was
    /// empty. `None` when the key is absent (or not an array, which is reported).
    pub fn opt_tables(&mut self, key: &'static str) -> Option<Tables<'t, 'i>> {
        let (arr, span) = self.opt_array(key)?;
        let mut items = Vec::with_capacity(arr.len());
        for item in arr.iter() {
            match item.get_ref() {
                DeValue::Table(t) => items.push((t, item.span())),
                _ => self.wrong(key, "table", item),
            }
        }
        Some(Tables {
            items,
            span,
            empty: arr.is_empty(),
        })
    }

    pub fn opt_datetime(&mut self, key: &'static str) -> Option<toml::value::Datetime> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(d) => Some(*d),
            _ => {
                self.wrong(key, "datetime", v);
                None
            }
        }
    }

    /// `schema = 1`, which both file kinds must say: another number is unsupported, none
    /// at all is reported at the top of the file.
    pub fn schema(&mut self) {
        match self.opt_int("schema") {
            Some((1, _)) => {}
            Some((found, span)) => self.problems.push(Problem::error(
                Some(span),
                ProblemKind::UnsupportedSchema { found },
            )),
            None if self.table.get("schema").is_none() => self.problems.push(Problem::error(
                Some(0..0),
                ProblemKind::MissingField {
                    field: "schema".into(),
                },
            )),
            None => {}
        }
    }

    /// A list of strings (`evidence = ["...", "..."]`); a single string is accepted too.
    pub fn opt_str_list(&mut self, key: &'static str) -> Option<Vec<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(vec![s.to_string()]),
            DeValue::Array(a) => {
                let mut out = Vec::new();
                for item in a.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        _ => self.wrong(key, "string", item),
                    }
                }
                Some(out)
            }
            _ => {
                self.wrong(key, "array", v);
                None
            }
        }
    }

    /// Keys of the table that no reader asked for, with their spans.
    pub fn unused(&self) -> Vec<(&'t str, Span)> {
        self.table
            .iter()
            .filter(|(k, _)| !self.used.contains(k.get_ref()))
            .map(|(k, _)| (k.get_ref().as_ref(), k.span()))
            .collect()
    }

    /// Reports keys nobody read as warnings: in a questionnaire they are usually typos.
    pub fn warn_unused(self) {
        for (k, span) in self.unused() {
            self.problems.push(Problem::warning(
                Some(span),
                ProblemKind::UnknownField {
                    field: k.to_string(),
                },
            ));
        }
    }

    /// Keys nobody read, kept as values (drafts keep every field they do not understand).
    pub fn keep_unused(self) -> toml::Table {
        self.table
            .iter()
            .filter(|(k, _)| !self.used.contains(k.get_ref()))
            .map(|(k, v)| (k.get_ref().to_string(), to_value(v.get_ref())))
            .collect()
    }
}
