//! What the review screen lists, as rows: `update` moves over them and opens them, the
//! view draws them. Built again from the session's score and the review core
//! (`crate::review`) whenever they are needed, so they always match the draft.

use super::model::{Review, Session};
use super::views::compact;
use crate::i18n::{Lang, fill};
use crate::review::{self, NextCategory};
use crate::scoring::State;
use crate::text::round2;

/// The parts of the review, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Path,
    Gains,
    Groups,
    Unanswered,
    Invalid,
    Flagged,
    Orphaned,
    Predicates,
}

/// Long lists show this many rows until the user asks for all of them.
pub const SHORT_LIST: usize = 10;

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// A section's title; `count` is how many items it has, where that means something.
    Heading {
        section: Section,
        count: Option<usize>,
        folded: bool,
    },
    /// A sentence, wrapped by the view.
    Text(String),
    /// A group of the tree; `open` is `None` for a group of questions (nothing to unfold).
    Group {
        node: usize,
        open: Option<bool>,
    },
    /// A question. `gain` is what its best answer adds to the index; `after` is the index
    /// once every step of the path up to this one is taken.
    Question {
        node: usize,
        section: Section,
        gain: Option<f64>,
        after: Option<f64>,
    },
    /// An answer whose id names no question.
    Orphan(String),
    /// A predicate (by position in the score's predicates) and its requirements.
    Predicate(usize),
    Requirement {
        predicate: usize,
        index: usize,
    },
    /// The rest of a long list, not shown yet.
    More {
        section: Section,
        hidden: usize,
    },
    Blank,
}

impl Row {
    /// Rows the selection can rest on (everything but sentences and spacing).
    pub fn selectable(&self) -> bool {
        !matches!(self, Row::Text(_) | Row::Blank)
    }

    pub fn section(&self) -> Option<Section> {
        match self {
            Row::Heading { section, .. }
            | Row::Question { section, .. }
            | Row::More { section, .. } => Some(*section),
            _ => None,
        }
    }
}

/// Every row of the review of `s`, folded and shortened as `s.review` says.
pub fn rows(s: &Session, lang: Lang) -> Vec<Row> {
    let r = &s.review;
    let mut out = Vec::new();
    let (path_text, path) = path(s, lang);
    section(&mut out, r, Section::Path, None, |out| {
        out.push(Row::Text(path_text));
        list(out, r, Section::Path, path);
    });

    let gains: Vec<Row> = s
        .gains()
        .iter()
        .map(|g| Row::Question {
            node: g.node,
            section: Section::Gains,
            gain: Some(g.gain),
            after: None,
        })
        .collect();
    let none = lang.tui().none_gains;
    section(&mut out, r, Section::Gains, Some(gains.len()), |out| {
        list_or(out, r, Section::Gains, gains, none);
    });

    section(&mut out, r, Section::Groups, None, |out| groups(out, s));

    let t = lang.tui();
    let questions = |pred: &dyn Fn(usize) -> bool, section: Section| -> Vec<Row> {
        s.q.questions
            .iter()
            .copied()
            .filter(|&i| pred(i))
            .map(|node| Row::Question {
                node,
                section,
                gain: None,
                after: None,
            })
            .collect()
    };
    let unanswered = questions(
        &|i| matches!(s.score.states[i], State::Unanswered),
        Section::Unanswered,
    );
    let invalid = questions(
        &|i| matches!(s.score.states[i], State::Invalid(_)),
        Section::Invalid,
    );
    // From the answers, not by looking every question up: few answers are flagged.
    let mut flagged_nodes: Vec<usize> = s
        .draft
        .answers
        .iter()
        .filter(|(_, a)| a.flag)
        .filter_map(|(id, _)| s.q.node_index(id))
        .filter(|&i| s.q.question(i).is_some())
        .collect();
    // Node order is walking order.
    flagged_nodes.sort_unstable();
    let flagged: Vec<Row> = flagged_nodes
        .into_iter()
        .map(|node| Row::Question {
            node,
            section: Section::Flagged,
            gain: None,
            after: None,
        })
        .collect();
    for (sec, rows, none) in [
        (Section::Unanswered, unanswered, t.none_unanswered),
        (Section::Invalid, invalid, t.none_invalid),
        (Section::Flagged, flagged, t.none_flagged),
    ] {
        section(&mut out, r, sec, Some(rows.len()), |out| {
            list_or(out, r, sec, rows, none);
        });
    }

    let orphans: Vec<Row> = s.score.orphaned.iter().cloned().map(Row::Orphan).collect();
    section(&mut out, r, Section::Orphaned, Some(orphans.len()), |out| {
        list_or(out, r, Section::Orphaned, orphans, t.none_orphaned);
    });

    let preds = &s.score.predicates;
    if !preds.is_empty() {
        section(&mut out, r, Section::Predicates, Some(preds.len()), |out| {
            for (p, pr) in preds.iter().enumerate() {
                out.push(Row::Predicate(p));
                for index in 0..pr.requirements.len() {
                    out.push(Row::Requirement {
                        predicate: p,
                        index,
                    });
                }
            }
        });
    }
    out
}

/// A heading, then the section's rows unless it is folded, then a blank line.
fn section(
    out: &mut Vec<Row>,
    r: &Review,
    section: Section,
    count: Option<usize>,
    body: impl FnOnce(&mut Vec<Row>),
) {
    let folded = r.folded.contains(&section);
    out.push(Row::Heading {
        section,
        count,
        folded,
    });
    if !folded {
        body(out);
    }
    out.push(Row::Blank);
}

/// The rows of a list, only the first ones unless the user asked for all.
fn list(out: &mut Vec<Row>, r: &Review, section: Section, rows: Vec<Row>) {
    let all = r.full.contains(&section) || rows.len() <= SHORT_LIST + 1;
    let hidden = rows.len().saturating_sub(SHORT_LIST);
    if all {
        out.extend(rows);
    } else {
        out.extend(rows.into_iter().take(SHORT_LIST));
        out.push(Row::More { section, hidden });
    }
}

fn list_or(out: &mut Vec<Row>, r: &Review, section: Section, rows: Vec<Row>, none: &str) {
    if rows.is_empty() {
        out.push(Row::Text(none.to_string()));
    } else {
        list(out, r, section, rows);
    }
}

/// The sentence about the next category, and the questions of the way there.
fn path(s: &Session, lang: Lang) -> (String, Vec<Row>) {
    let t = lang.tui();
    let cat = |i: usize| {
        s.q.categories
            .get(i)
            .map(|c| (c.code.clone(), c.label.clone()))
            .unwrap_or_default()
    };
    match review::next_category_with(&s.q, &s.score, || s.gains()) {
        NextCategory::Top => {
            let (code, label) = cat(s.score.category);
            (fill(t.path_top, &[&code, &label]), Vec::new())
        }
        NextCategory::Secured { category } => {
            let (code, label) = cat(category);
            let floor = lang.num(s.score.floor);
            (fill(t.path_secured, &[&code, &label, &floor]), Vec::new())
        }
        NextCategory::OutOfReach { category, best } => {
            let (code, label) = cat(category);
            let above = s.q.categories[category].above.unwrap_or(0.0);
            let text = fill(
                t.path_out_of_reach,
                &[&code, &label, &compact(lang, above), &lang.num(best)],
            );
            (text, Vec::new())
        }
        NextCategory::Path {
            category,
            needed,
            steps,
            index_after,
        } => {
            let (code, label) = cat(category);
            let above = s.q.categories[category].above.unwrap_or(0.0);
            let (after_code, _) = cat(s.q.category_for(round2(index_after)));
            let text = fill(
                t.path_steps,
                &[
                    &code,
                    &label,
                    &compact(lang, above),
                    &lang.num(needed),
                    &steps.len(),
                    &lang.num(s.score.index),
                    &lang.num(index_after),
                    &after_code,
                ],
            );
            let mut index = s.score.index_exact;
            let rows = steps
                .into_iter()
                .map(|g| {
                    index += g.gain;
                    Row::Question {
                        node: g.node,
                        section: Section::Path,
                        gain: Some(g.gain),
                        after: Some(round2(index)),
                    }
                })
                .collect();
            (text, rows)
        }
    }
}

/// The groups in file order, each shown when every group above it is open.
fn groups(out: &mut Vec<Row>, s: &Session) {
    let q = &s.q;
    let open = &s.review.open;
    for i in (0..q.nodes.len()).filter(|&i| q.is_group(i)) {
        let mut shown = true;
        let mut p = q.nodes[i].parent;
        while let Some(up) = p {
            if !open.contains(&up) {
                shown = false;
                break;
            }
            p = q.nodes[up].parent;
        }
        if !shown {
            continue;
        }
        let has_groups = q.children(i).iter().any(|&c| q.is_group(c));
        out.push(Row::Group {
            node: i,
            open: has_groups.then(|| open.contains(&i)),
        });
    }
}

/// The row to rest on when the review opens: the first question (the top of the way to
/// the next category, else the top gain), else the first row that can be selected.
pub fn first_row(rows: &[Row]) -> usize {
    rows.iter()
        .position(|r| matches!(r, Row::Question { .. }))
        .or_else(|| rows.iter().position(Row::selectable))
        .unwrap_or(0)
}

/// `at`, or the nearest selectable row to it (looking up first).
pub fn settle(rows: &[Row], at: usize) -> usize {
    let at = at.min(rows.len().saturating_sub(1));
    if rows.get(at).is_some_and(Row::selectable) {
        return at;
    }
    (0..at)
        .rev()
        .find(|&k| rows[k].selectable())
        .or_else(|| (at..rows.len()).find(|&k| rows[k].selectable()))
        .unwrap_or(0)
}

/// The selectable row `by` steps down (or up, when negative) from `at`, stopping at the ends.
pub fn step(rows: &[Row], at: usize, by: isize) -> usize {
    let mut at = settle(rows, at);
    for _ in 0..by.unsigned_abs() {
        let next = if by > 0 {
            (at + 1..rows.len()).find(|&k| rows[k].selectable())
        } else {
            (0..at).rev().find(|&k| rows[k].selectable())
        };
        match next {
            Some(k) => at = k,
            None => break,
        }
    }
    at
}

/// The next section's heading after `at` (around to the first), or the previous one's.
pub fn next_heading(rows: &[Row], at: usize, forward: bool) -> usize {
    let headings: Vec<usize> = (0..rows.len())
        .filter(|&k| matches!(rows[k], Row::Heading { .. }))
        .collect();
    let found = if forward {
        headings.iter().copied().find(|&k| k > at)
    } else {
        headings.iter().rev().copied().find(|&k| k < at)
    };
    let around = if forward {
        headings.first()
    } else {
        headings.last()
    };
    found.or(around.copied()).unwrap_or(at)
}
