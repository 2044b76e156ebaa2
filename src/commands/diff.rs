//! `pmprb diff OLD NEW`: what changed between two drafts of a unit.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::Outcome;
use crate::compare::{Answered, GroupChange, Side, compare};
use crate::i18n::{Lang, fill};
use crate::report::toml_to_json;
use crate::scoring;
use crate::text;

fn shown(a: &Option<Answered>, lang: Lang) -> String {
    match a {
        None => "–".into(),
        Some(Answered::NotApplicable) => lang.texts().not_applicable.into(),
        Some(Answered::Value(v)) => crate::draft::inline_value(v),
    }
}

fn as_json(a: &Option<Answered>) -> serde_json::Value {
    match a {
        None => serde_json::Value::Null,
        Some(Answered::NotApplicable) => json!({ "na": true }),
        Some(Answered::Value(v)) => json!({ "value": toml_to_json(v) }),
    }
}

/// Groups nested this deep or deeper are left out of the text table (the JSON has them all).
const TABLE_DEPTH: usize = 3;

/// The groups the text table shows: those above [`TABLE_DEPTH`] in the questionnaire's tree.
fn shown_groups(groups: &[GroupChange]) -> impl Iterator<Item = &GroupChange> {
    groups.iter().filter(|g| g.depth < TABLE_DEPTH)
}

pub fn run(lang: Lang, out: &mut dyn Write, old: &Path, new: &Path, want_json: bool) -> Outcome {
    let t = lang.texts();
    let o = super::open(lang, old)?;
    let n = super::open(lang, new)?;
    for note in o.notes.iter().chain(&n.notes) {
        eprintln!("{note}");
    }
    let so = scoring::score(&o.questionnaire, &o.draft.answers);
    let sn = scoring::score(&n.questionnaire, &n.draft.answers);
    let c = compare(
        &Side {
            q: &o.questionnaire,
            d: &o.draft,
            s: &so,
        },
        &Side {
            q: &n.questionnaire,
            d: &n.draft,
            s: &sn,
        },
    );
    if o.draft.unit.trim() != n.draft.unit.trim() {
        eprintln!(
            "{}",
            fill(
                t.diff_units_differ,
                &[
                    &text::clean_line(&o.draft.unit),
                    &text::clean_line(&n.draft.unit)
                ]
            )
        );
    }
    if want_json {
        let v = json!({
            "old": { "path": old.display().to_string(), "unit": o.draft.unit, "period": o.draft.period,
                     "questionnaire": { "id": o.questionnaire.id, "version": o.questionnaire.version } },
            "new": { "path": new.display().to_string(), "unit": n.draft.unit, "period": n.draft.period,
                     "questionnaire": { "id": n.questionnaire.id, "version": n.questionnaire.version } },
            "index_old": c.index_old,
            "index_new": c.index_new,
            "index_change": c.index_change(),
            "category_old": c.category_old,
            "category_new": c.category_new,
            "groups": c.groups.iter().map(|g| json!({
                "id": g.id, "title": g.title, "old": g.old, "new": g.new, "change": g.change,
            })).collect::<Vec<_>>(),
            "questions": c.questions.iter().map(|q| json!({
                "id": q.id, "old": as_json(&q.old), "new": as_json(&q.new), "points_change": q.points_change,
            })).collect::<Vec<_>>(),
            "added": c.added,
            "removed": c.removed,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
        return Ok(());
    }
    let _ = writeln!(
        out,
        "{}\n",
        fill(
            t.diff_title,
            &[
                &format!(
                    "{} {}",
                    text::clean_line(&o.draft.unit),
                    text::clean_line(&o.draft.period)
                ),
                &format!(
                    "{} {}",
                    text::clean_line(&n.draft.unit),
                    text::clean_line(&n.draft.period)
                ),
            ]
        )
    );
    let sign = |x: f64| {
        if x > 0.0 {
            format!("+{}", lang.num(x))
        } else {
            lang.num(x)
        }
    };
    let _ = writeln!(
        out,
        "{}",
        fill(
            t.diff_index,
            &[
                &lang.num(c.index_old),
                &lang.num(c.index_new),
                &sign(c.index_change())
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        fill(t.diff_category, &[&c.category_old, &c.category_new])
    );
    let _ = writeln!(
        out,
        "{:<14} {:<40} {:>8} {:>8} {:>8}",
        "id", t.group, t.diff_old, t.diff_new, "±"
    );
    for g in shown_groups(&c.groups) {
        let _ = writeln!(
            out,
            "{:<14} {:<40} {:>8} {:>8} {:>8}",
            text::truncate(&g.id, 14),
            text::truncate(&text::clean_line(&g.title), 40),
            g.old.map(|x| lang.num(x)).unwrap_or_else(|| "–".into()),
            g.new.map(|x| lang.num(x)).unwrap_or_else(|| "–".into()),
            sign(g.change)
        );
    }
    let _ = writeln!(out);
    if c.questions.is_empty() {
        let _ = writeln!(out, "{}", t.diff_none);
    } else {
        let _ = writeln!(out, "{}:", t.diff_changed);
        for q in &c.questions {
            let _ = writeln!(
                out,
                "  {:<16} {:>10} → {:<10} {:>8} {}",
                text::truncate(&q.id, 16),
                text::truncate(&text::clean_line(&shown(&q.old, lang)), 10),
                text::truncate(&text::clean_line(&shown(&q.new, lang)), 10),
                sign(q.points_change),
                t.points
            );
        }
    }
    for (label, ids) in [(t.diff_added, &c.added), (t.diff_removed, &c.removed)] {
        if !ids.is_empty() {
            let _ = writeln!(out, "\n{label}: {}", ids.join(", "));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(id: &str, depth: usize) -> GroupChange {
        GroupChange {
            id: id.into(),
            title: id.into(),
            depth,
            old: None,
            new: None,
            change: 0.0,
        }
    }

    /// Nesting comes from the tree, not from the dots in an id.
    #[test]
    fn the_table_hides_groups_by_their_depth_in_the_tree() {
        let groups = [group("A", 0), group("X", 3), group("A.B.C.D", 2)];
        let ids: Vec<&str> = shown_groups(&groups).map(|g| g.id.as_str()).collect();
        assert_eq!(ids, vec!["A", "A.B.C.D"]);
    }
}
