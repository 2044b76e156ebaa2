//! `pmprb score`: the index, band, category, groups, predicates, invalid and orphaned
//! answers of a draft, as text or JSON (SPEC §4).

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::Outcome;
use crate::draft::Draft;
use crate::i18n::{Lang, fill};
use crate::questionnaire::{Questionnaire, Requirement};
use crate::scoring::{self, RequirementResult, Score};
use crate::text;

pub fn run(lang: Lang, out: &mut dyn Write, path: &Path, json: bool, depth: usize) -> Outcome {
    let o = super::open(lang, path)?;
    for n in &o.notes {
        eprintln!("{n}");
    }
    let s = scoring::score(&o.questionnaire, &o.draft.answers);
    if json {
        let v = to_json(&o.questionnaire, &o.draft, &s);
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
    } else {
        write_text(lang, out, &o.questionnaire, &o.draft, &s, depth);
    }
    Ok(())
}

pub fn requirement_json(r: &RequirementResult) -> Value {
    let (kind, nodes, required) = match &r.requirement {
        Requirement::MinIndex(m) => ("min_index", None, *m),
        Requirement::MinPoints { nodes, min } => ("min_points", Some(nodes), *min),
        Requirement::MinPercent { nodes, min } => ("min_percent", Some(nodes), *min),
    };
    let mut v = json!({ "kind": kind, "required": required, "actual": r.actual, "holds": r.holds });
    if let Some(n) = nodes {
        v["nodes"] = json!(n);
    }
    v
}

pub fn to_json(q: &Questionnaire, d: &Draft, s: &Score) -> Value {
    let cat = &q.categories[s.category];
    let groups: Vec<Value> = q
        .nodes
        .iter()
        .zip(&s.nodes)
        .filter(|(n, _)| matches!(n.kind, crate::questionnaire::NodeKind::Group { .. }))
        .map(|(n, ns)| {
            json!({
                "id": n.id,
                "title": n.text,
                "earned": ns.earned,
                "possible": ns.points,
                "percent": ns.percent(),
                "answered": ns.answered,
                "questions": ns.questions,
            })
        })
        .collect();
    let predicates: Vec<Value> = s
        .predicates
        .iter()
        .map(|p| {
            json!({
                "code": p.code,
                "label": p.label,
                "holds": p.holds,
                "failing": p.requirements.iter().filter(|r| !r.holds).map(requirement_json).collect::<Vec<_>>(),
                "requirements": p.requirements.iter().map(requirement_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let invalid: Vec<&str> = s.invalid.iter().map(|&i| q.nodes[i].id.as_str()).collect();
    json!({
        "questionnaire": { "id": q.id, "version": q.version, "title": q.title },
        "unit": d.unit,
        "period": d.period,
        "status": d.status.as_str(),
        "index": s.index,
        "index_exact": s.index_exact,
        "category": cat.code,
        "category_label": cat.label,
        "floor": s.floor,
        "ceiling": s.ceiling,
        "floor_category": q.categories[s.floor_category].code,
        "ceiling_category": q.categories[s.ceiling_category].code,
        "settled": s.settled(),
        "answered": s.answered,
        "questions": s.questions,
        "not_applicable": s.not_applicable,
        "invalid": invalid,
        "orphaned": s.orphaned,
        "groups": groups,
        "predicates": predicates,
    })
}

fn write_text(
    lang: Lang,
    out: &mut dyn Write,
    q: &Questionnaire,
    d: &Draft,
    s: &Score,
    depth: usize,
) {
    let t = lang.texts();
    let clean = |x: &str| text::clean_line(x);
    let status = lang.status(d.status);
    let _ = writeln!(
        out,
        "{} — {} ({})",
        clean(&d.unit),
        clean(&d.period),
        status
    );
    let _ = writeln!(
        out,
        "{}: {} ({} {})",
        t.questionnaire,
        clean(&q.title),
        q.id,
        q.version
    );
    let cat = &q.categories[s.category];
    let _ = writeln!(
        out,
        "{}: {}   {}: {} ({})",
        t.index,
        lang.num(s.index),
        t.category,
        cat.code,
        clean(&cat.label)
    );
    let _ = writeln!(
        out,
        "{}: {} – {} ({})",
        t.band,
        lang.num(s.floor),
        lang.num(s.ceiling),
        if s.settled() {
            t.settled
        } else {
            t.not_settled
        }
    );
    let na = if s.not_applicable > 0 {
        format!(", {} {}", s.not_applicable, t.not_applicable)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{}: {}/{} {}{}",
        t.progress, s.answered, s.questions, t.questions, na
    );
    let _ = writeln!(out);
    let shown: Vec<usize> = (0..q.nodes.len())
        .filter(|&i| q.nodes[i].depth < depth && q.is_group(i))
        .collect();
    let id_w = shown
        .iter()
        .map(|&i| q.nodes[i].id.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, 16);
    // Fits 80 columns: id, title, then four figures of 7 or 8.
    let title_w = 80usize.saturating_sub(id_w + 34).max(16);
    let _ = writeln!(
        out,
        "{:<id_w$} {:<title_w$} {:>7} {:>7} {:>7} {:>8}",
        "id", t.group, t.earned, t.possible, t.percent, t.answered
    );
    for i in shown {
        let (n, ns) = (&q.nodes[i], &s.nodes[i]);
        let title = format!("{}{}", "  ".repeat(n.depth), clean(&n.text));
        let pct = ns
            .percent()
            .map(|p| lang.num(p))
            .unwrap_or_else(|| "–".into());
        let _ = writeln!(
            out,
            "{:<id_w$} {:<title_w$} {:>7} {:>7} {:>7} {:>8}",
            text::truncate(&n.id, id_w),
            text::truncate(&title, title_w),
            lang.num(ns.earned),
            lang.num(ns.points),
            pct,
            format!("{}/{}", ns.answered, ns.questions)
        );
    }
    if !s.predicates.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", t.predicates);
        for p in &s.predicates {
            let _ = writeln!(
                out,
                "  {} ({}): {}",
                p.code,
                clean(&p.label),
                if p.holds { t.holds } else { t.fails }
            );
            for r in p.requirements.iter().filter(|r| !r.holds) {
                let _ = writeln!(out, "    ✗ {}", describe_requirement(lang, r));
            }
        }
    }
    if !s.invalid.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", t.invalid);
        for &i in &s.invalid {
            if let scoring::State::Invalid(why) = &s.states[i] {
                let _ = writeln!(out, "  {}: {}", q.nodes[i].id, clean(&lang.invalid(why)));
            }
        }
    }
    if !s.orphaned.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", t.orphaned);
        for id in &s.orphaned {
            let _ = writeln!(out, "  {}", clean(id));
        }
    }
}

pub fn describe_requirement(lang: Lang, r: &RequirementResult) -> String {
    let t = lang.texts();
    let actual = r.actual.map(|a| lang.num(a)).unwrap_or_else(|| "–".into());
    let what = match &r.requirement {
        Requirement::MinIndex(m) => fill(t.req_min_index, &[&lang.num(*m)]),
        Requirement::MinPoints { nodes, min } => {
            fill(t.req_min_points, &[&nodes.join(" + "), &lang.num(*min)])
        }
        Requirement::MinPercent { nodes, min } => {
            fill(t.req_min_percent, &[&nodes.join(" + "), &lang.num(*min)])
        }
    };
    format!("{what} ({actual})")
}
