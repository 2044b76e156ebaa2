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

/// Every row of the review of `s`, folded and shortened as `s.review` says. A folded
/// section or a shortened list costs only what is shown: the rows of a list are taken from
/// an iterator, never built all to be cut.
pub fn rows(s: &Session, lang: Lang) -> Vec<Row> {
    let r = &s.review;
    let t = lang.tui();
    let mut out = Vec::new();
    let (path_text, path) = path(s, lang);
    section(&mut out, r, Section::Path, None, |out| {
        out.push(Row::Text(path_text));
        list(out, r, Section::Path, path.len(), path.into_iter());
    });

    let gains = s.gains();
    section(&mut out, r, Section::Gains, Some(gains.len()), |out| {
        let rows = gains.iter().map(|g| Row::Question {
            node: g.node,
            section: Section::Gains,
            gain: Some(g.gain),
            after: None,
        });
        list_or(out, r, Section::Gains, gains.len(), rows, t.none_gains);
    });

    section(&mut out, r, Section::Groups, None, |out| groups(out, s));

    // Questions not done are either unanswered or invalid.
    let unanswered = s.score.unanswered() - s.score.invalid.len();
    let unanswered_nodes =
        s.q.questions
            .iter()
            .copied()
            .filter(|&i| matches!(s.score.states[i], State::Unanswered));
    let sec = Section::Unanswered;
    questions(
        &mut out,
        r,
        sec,
        unanswered,
        unanswered_nodes,
        t.none_unanswered,
    );

    let invalid = &s.score.invalid;
    let sec = Section::Invalid;
    questions(
        &mut out,
        r,
        sec,
        invalid.len(),
        invalid.iter().copied(),
        t.none_invalid,
    );

    // From the answers, not by looking every question up: few answers are flagged.
    let mut flagged: Vec<usize> = s
        .draft
        .answers
        .iter()
        .filter(|(_, a)| a.flag)
        .filter_map(|(id, _)| s.q.node_index(id))
        .filter(|&i| s.q.question(i).is_some())
        .collect();
    // Node order is walking order.
    flagged.sort_unstable();
    let sec = Section::Flagged;
    questions(
        &mut out,
        r,
        sec,
        flagged.len(),
        flagged.into_iter(),
        t.none_flagged,
    );

    let orphans = &s.score.orphaned;
    section(&mut out, r, Section::Orphaned, Some(orphans.len()), |out| {
        let rows = orphans.iter().cloned().map(Row::Orphan);
        list_or(
            out,
            r,
            Section::Orphaned,
            orphans.len(),
            rows,
            t.none_orphaned,
        );
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

/// A section listing `total` questions, given as node indices.
fn questions(
    out: &mut Vec<Row>,
    r: &Review,
    sec: Section,
    total: usize,
    nodes: impl Iterator<Item = usize>,
    none: &str,
) {
    section(out, r, sec, Some(total), |out| {
        let rows = nodes.map(|node| Row::Question {
            node,
            section: sec,
            gain: None,
            after: None,
        });
        list_or(out, r, sec, total, rows, none);
    });
}

/// The rows of a list of `total` items, only the first ones unless the user asked for
/// all; only the rows shown are taken from `rows`.
fn list(
    out: &mut Vec<Row>,
    r: &Review,
    section: Section,
    total: usize,
    rows: impl Iterator<Item = Row>,
) {
    let full = r.full.contains(&section) || total <= SHORT_LIST + 1;
    out.extend(rows.take(if full { usize::MAX } else { SHORT_LIST }));
    if !full {
        out.push(Row::More {
            section,
            hidden: total - SHORT_LIST,
        });
    }
}

fn list_or(
    out: &mut Vec<Row>,
    r: &Review,
    section: Section,
    total: usize,
    rows: impl Iterator<Item = Row>,
    none: &str,
) {
    if total == 0 {
        out.push(Row::Text(none.to_string()));
    } else {
        list(out, r, section, total, rows);
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::PathBuf;

    use super::*;
    use crate::answer::Answer;
    use crate::catalog;
    use crate::draft::Draft;

    #[test]
    fn a_short_list_takes_only_the_rows_it_shows() {
        let taken = Cell::new(0);
        let items = |n: usize| {
            (0..n).map(|node| {
                taken.set(taken.get() + 1);
                Row::Question {
                    node,
                    section: Section::Gains,
                    gain: None,
                    after: None,
                }
            })
        };
        let mut r = Review::default();
        let mut out = Vec::new();
        list(&mut out, &r, Section::Gains, 1000, items(1000));
        assert_eq!(taken.get(), SHORT_LIST);
        assert_eq!(out.len(), SHORT_LIST + 1);
        assert_eq!(
            out.last(),
            Some(&Row::More {
                section: Section::Gains,
                hidden: 1000 - SHORT_LIST
            })
        );
        // One more than the short list: shown whole rather than "1 more".
        out.clear();
        list(
            &mut out,
            &r,
            Section::Gains,
            SHORT_LIST + 1,
            items(SHORT_LIST + 1),
        );
        assert_eq!(out.len(), SHORT_LIST + 1);
        assert!(matches!(out.last(), Some(Row::Question { .. })));
        r.full.insert(Section::Gains);
        out.clear();
        taken.set(0);
        list(&mut out, &r, Section::Gains, 1000, items(1000));
        assert_eq!((taken.get(), out.len()), (1000, 1000));
    }

    /// The rows of a section, between its heading and the blank line after it.
    fn rows_of(rows: &[Row], sec: Section) -> (Option<usize>, Vec<Row>) {
        let at = rows
            .iter()
            .position(|r| matches!(r, Row::Heading { section, .. } if *section == sec))
            .expect("the section is shown");
        let Row::Heading { count, .. } = rows[at] else {
            unreachable!()
        };
        let end = (at..rows.len())
            .find(|&k| rows[k] == Row::Blank)
            .expect("a blank line ends each section");
        (count, rows[at + 1..end].to_vec())
    }

    #[test]
    fn unanswered_and_invalid_list_what_the_states_say() {
        let q = catalog::find_embedded("pmprb-2020").expect("the LKE is embedded");
        let mut d = Draft::new(&q.id, &q.version, "Dinas Uji", "2024");
        // Every third question answered with a code no scale has: invalid.
        for &i in q.questions.iter().step_by(3) {
            let bad = Answer::with_value(toml::Value::String("ZZ".into()));
            d.answers.insert(q.nodes[i].id.clone(), bad);
        }
        let mut s = Session::new(PathBuf::from("/tmp/uji.toml"), d, q, None, None, Vec::new());
        let states = |pick: fn(&State) -> bool| -> Vec<usize> {
            s.q.questions
                .iter()
                .copied()
                .filter(|&i| pick(&s.score.states[i]))
                .collect()
        };
        let unanswered = states(|st| matches!(st, State::Unanswered));
        let invalid = states(|st| matches!(st, State::Invalid(_)));
        assert!(unanswered.len() > SHORT_LIST + 1 && invalid.len() > SHORT_LIST + 1);
        for (sec, nodes) in [
            (Section::Unanswered, unanswered.clone()),
            (Section::Invalid, invalid.clone()),
        ] {
            let want = |n: usize| -> Vec<Row> {
                nodes
                    .iter()
                    .take(n)
                    .map(|&node| Row::Question {
                        node,
                        section: sec,
                        gain: None,
                        after: None,
                    })
                    .collect()
            };
            s.review.full.clear();
            let (count, shown) = rows_of(&rows(&s, Lang::Id), sec);
            assert_eq!(count, Some(nodes.len()));
            let mut short = want(SHORT_LIST);
            short.push(Row::More {
                section: sec,
                hidden: nodes.len() - SHORT_LIST,
            });
            assert_eq!(shown, short);
            s.review.full.insert(sec);
            let (_, shown) = rows_of(&rows(&s, Lang::Id), sec);
            assert_eq!(shown, want(usize::MAX));
            s.review.folded.insert(sec);
            let (count, shown) = rows_of(&rows(&s, Lang::Id), sec);
            assert_eq!((count, shown), (Some(nodes.len()), Vec::new()));
            s.review.folded.clear();
        }
    }
}
