//! Writing a draft as TOML by hand: known fields in a fixed order, penjelasan as readable
//! multi-line strings, unknown fields kept as inline values.

use std::fmt::Write;

use super::Draft;
use crate::answer::Answer;

pub(super) fn write(d: &Draft) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "schema = 1");
    line(&mut out, "questionnaire", &string(&d.questionnaire));
    line(
        &mut out,
        "questionnaire_version",
        &string(&d.questionnaire_version),
    );
    if let Some(f) = &d.questionnaire_file {
        line(&mut out, "questionnaire_file", &string(f));
    }
    line(&mut out, "unit", &string(&d.unit));
    line(&mut out, "period", &string(&d.period));
    if let Some(a) = &d.assessor {
        line(&mut out, "assessor", &string(a));
    }
    line(&mut out, "status", &string(d.status.as_str()));
    if let Some(c) = &d.created {
        line(&mut out, "created", &c.to_string());
    }
    if let Some(u) = &d.updated {
        line(&mut out, "updated", &u.to_string());
    }
    for (k, v) in &d.extra {
        line(&mut out, &key(k), &inline(v));
    }
    for e in &d.history {
        out.push('\n');
        out.push_str("[[history]]\n");
        line(&mut out, "event", &string(&e.event));
        line(&mut out, "by", &string(&e.by));
        if let Some(at) = &e.at {
            line(&mut out, "at", &at.to_string());
        }
    }
    for (id, a) in &d.answers {
        if a.is_empty() {
            continue;
        }
        out.push('\n');
        let _ = writeln!(out, "[answers.{}]", string(id));
        write_answer(&mut out, a);
    }
    out
}

fn write_answer(out: &mut String, a: &Answer) {
    if let Some(v) = &a.value {
        line(out, "value", &inline(v));
    }
    if a.na {
        line(out, "na", "true");
    }
    if !a.note.is_empty() {
        line(out, "note", &multiline(&a.note));
    }
    if !a.evidence.is_empty() {
        let items: Vec<String> = a.evidence.iter().map(|e| string(e)).collect();
        line(out, "evidence", &format!("[{}]", items.join(", ")));
    }
    if a.flag {
        line(out, "flag", "true");
    }
    if let Some(u) = &a.updated {
        line(out, "updated", &u.to_string());
    }
    for (k, v) in &a.extra {
        line(out, &key(k), &inline(v));
    }
}

fn line(out: &mut String, k: &str, v: &str) {
    out.push_str(k);
    out.push_str(" = ");
    out.push_str(v);
    out.push('\n');
}

fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        string(k)
    }
}

/// A TOML basic string with every character that needs it escaped.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line literal string when the text allows it (readable in an editor and a
/// diff), else a basic string.
fn multiline(s: &str) -> String {
    let literal_ok = s.contains('\n')
        && !s.contains("'''")
        && !s.ends_with('\'')
        && !s.starts_with('\n')
        && s.chars().all(|c| c == '\n' || c == '\t' || !c.is_control());
    if literal_ok {
        format!("'''\n{s}'''")
    } else {
        string(s)
    }
}

pub(crate) fn inline(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => string(s),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => float(*f),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(t) => {
            if t.is_empty() {
                return "{}".to_string();
            }
            let items: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}

fn float(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{f:?}")
    }
}
