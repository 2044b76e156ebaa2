//! The review screen: the walk's header (index, category, band, progress), then every row
//! of `tui::review::rows` — the way to the next category, what raises the index most, the
//! tree of groups, the lists of open, invalid, flagged and orphaned answers, predicates —
//! scrolled so that the selected row stays in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{compact, put_lines, wrapped};
use crate::commands::describe_requirement;
use crate::i18n::fill;
use crate::questionnaire::ScaleKind;
use crate::review;
use crate::scoring::State;
use crate::text::clean_line;
use crate::tui::model::{Model, Session};
use crate::tui::review::{Row, Section, rows, settle};
use crate::tui::theme::Theme;
use crate::tui::update::show_value;
use crate::tui::wrap::{fit, pad, pad_left, width};

pub struct ReviewView<'a> {
    pub s: &'a Session,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

impl Widget for ReviewView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, m, th) = (self.s, self.m, self.theme);
        let t = m.t();
        let body = super::walk::chrome(s, m, th, area, buf);
        if body.width < 3 || body.height < 3 {
            return;
        }
        let rows = rows(s, m.lang);
        let sel = settle(&rows, s.review.selected);
        let w = body.width.saturating_sub(2) as usize;
        // Every row is one line but the sentences, which wrap: where each row starts is
        // known without laying any of them out, and only the rows in view are laid out.
        let starts: Vec<usize> = rows
            .iter()
            .scan(0, |at, row| {
                let start = *at;
                *at += row_height(row, w);
                Some(start)
            })
            .collect();
        let total = rows
            .last()
            .map_or(0, |r| starts[rows.len() - 1] + row_height(r, w));
        let line_of = |k: usize| starts.get(k).copied().unwrap_or(total);
        let (sel_start, sel_end) = (line_of(sel), line_of(sel + 1));
        let h = body.height.saturating_sub(2) as usize;
        // The selected row a third of the way down, so what follows it shows.
        let max = total.saturating_sub(h);
        let mut skip = sel_start.saturating_sub(h / 3).min(max);
        if sel_end > skip + h {
            skip = sel_end.saturating_sub(h);
        }
        // The rows that reach into the window [skip, skip + h).
        let first = starts.partition_point(|&st| st <= skip).saturating_sub(1);
        let last = starts.partition_point(|&st| st < skip + h);
        let shown = &rows[first.min(last)..last];
        let cols = Columns::new(s, m, shown);
        let mut lines: Vec<Line> = Vec::new();
        for (k, row) in (first..).zip(shown) {
            lines.extend(row_lines(s, m, th, &cols, row, k == sel, w));
        }
        let skip_in = skip.saturating_sub(line_of(first));
        let here = rows
            .get(sel)
            .and_then(|r| current_section(&rows, sel, r))
            .map(|sec| section_title(m, sec))
            .unwrap_or_default();
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(Span::styled(format!(" {} ", t.screen_review), th.title))
            .title_top(Line::from(Span::styled(format!(" {here} "), th.dim)).right_aligned());
        if skip < max {
            block = block.title_bottom(
                Line::from(Span::styled(format!(" {} ", t.review_more), th.dim)).right_aligned(),
            );
        }
        let inner = block.inner(body);
        block.render(body, buf);
        put_lines(&lines, skip_in, inner, buf);
    }
}

/// Lines a row takes at width `w` (as `row_lines` lays it out).
fn row_height(row: &Row, w: usize) -> usize {
    match row {
        Row::Text(text) => {
            crate::tui::wrap::wrap(&clean_line(text), w.saturating_sub(2).max(1)).len()
        }
        _ => 1,
    }
}

/// The section a row belongs to: its own, or that of the heading above it.
fn current_section(rows: &[Row], at: usize, row: &Row) -> Option<Section> {
    row.section().or_else(|| {
        rows[..at].iter().rev().find_map(|r| match r {
            Row::Heading { section, .. } => Some(*section),
            _ => None,
        })
    })
}

pub fn section_title(m: &Model, sec: Section) -> &'static str {
    let t = m.t();
    match sec {
        Section::Path => t.sec_path,
        Section::Gains => t.sec_gains,
        Section::Groups => t.sec_groups,
        Section::Unanswered => t.sec_unanswered,
        Section::Invalid => t.sec_invalid,
        Section::Flagged => t.sec_flagged,
        Section::Orphaned => t.sec_orphaned,
        Section::Predicates => t.sec_predicates,
    }
}

/// Widths that line the figures up from row to row.
#[derive(Default)]
struct Columns {
    id: usize,
    now: usize,
    best: usize,
    gain: usize,
    earned: usize,
    possible: usize,
    percent: usize,
    answered: usize,
}

/// A group's figures: earned, possible, percent, answered/questions.
fn group_figures(s: &Session, m: &Model, node: usize) -> Option<[String; 4]> {
    let ns = &s.score.nodes[node];
    if ns.excluded {
        return None;
    }
    let percent = ns
        .percent()
        .map(|p| format!("{}%", m.lang.num(p)))
        .unwrap_or_else(|| "–".into());
    Some([
        compact(m.lang, ns.earned),
        compact(m.lang, ns.points),
        percent,
        format!("{}/{}", ns.answered, ns.questions),
    ])
}

/// The answer a question has now, as typed: `A`, `85,5`, `3/4`; `—` when open.
fn now(s: &Session, m: &Model, node: usize) -> String {
    let t = m.t();
    let a = s.draft.answers.get(&s.q.nodes[node].id);
    match &s.score.states[node] {
        State::Unanswered => "—".into(),
        State::NotApplicable => t.na_short.into(),
        State::Answered(_) | State::Invalid(_) => a
            .and_then(|a| a.value.as_ref())
            .map(|v| show_value(m.lang, v))
            .unwrap_or_else(|| "?".into()),
    }
}

/// The best answer (`review::best_answer`), numbers written the user's way.
fn best(s: &Session, m: &Model, node: usize) -> String {
    let b = review::best_answer(&s.q, node).unwrap_or_default();
    let is_choice =
        s.q.question(node)
            .is_some_and(|q| matches!(s.q.scale_of(q).kind, ScaleKind::Choice { .. }));
    match b.parse::<f64>() {
        Ok(x) if !is_choice => compact(m.lang, x),
        _ => clean_line(&b),
    }
}

impl Columns {
    fn new(s: &Session, m: &Model, rows: &[Row]) -> Columns {
        let mut c = Columns::default();
        for r in rows {
            match r {
                Row::Question { node, gain, .. } => {
                    c.id = c.id.max(width(&clean_line(&s.q.nodes[*node].id)));
                    if let Some(g) = gain {
                        c.now = c.now.max(width(&now(s, m, *node)));
                        c.best = c.best.max(width(&best(s, m, *node)));
                        c.gain = c.gain.max(width(&m.lang.num(*g)) + 1);
                    }
                }
                Row::Group { node, .. } => {
                    if let Some(f) = group_figures(s, m, *node) {
                        c.earned = c.earned.max(width(&f[0]));
                        c.possible = c.possible.max(width(&f[1]));
                        c.percent = c.percent.max(width(&f[2]));
                        c.answered = c.answered.max(width(&f[3]));
                    }
                }
                _ => {}
            }
        }
        c.id = c.id.min(16);
        c.now = c.now.min(12);
        c.best = c.best.min(12);
        c
    }
}

/// `left` and `right` on one line of `w` columns: the right part whole when it can be,
/// the left cut to what remains.
fn spread(left: Vec<Span<'static>>, right: String, w: usize, right_style: Style) -> Line<'static> {
    let right = fit(&right, w.saturating_sub(8).min(w * 2 / 3));
    let rw = width(&right);
    let room = w.saturating_sub(rw + if rw > 0 { 1 } else { 0 });
    let mut used = 0;
    let mut spans = Vec::new();
    for sp in left {
        let text = fit(&sp.content, room.saturating_sub(used));
        used += width(&text);
        spans.push(Span::styled(text, sp.style));
    }
    spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    if rw > 0 {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(right, right_style));
    }
    Line::from(spans)
}

/// The same line all in the style of the selection.
fn selected(line: Line<'static>, w: usize, th: &Theme) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::from(Span::styled(pad(&text, w), th.selected))
}

fn row_lines(
    s: &Session,
    m: &Model,
    th: &Theme,
    c: &Columns,
    row: &Row,
    is_sel: bool,
    w: usize,
) -> Vec<Line<'static>> {
    let (t, lang) = (m.t(), m.lang);
    let line = match row {
        Row::Blank => return vec![Line::default()],
        Row::Text(text) => return wrapped(&clean_line(text), w, 2, th.base),
        Row::Heading {
            section,
            count,
            folded,
        } => {
            let mark = if *folded { "▸" } else { "▾" };
            let count = count.map(|n| format!(" ({n})")).unwrap_or_default();
            let text = format!("{mark} {}{count}", section_title(m, *section));
            Line::from(Span::styled(fit(&text, w), th.title))
        }
        Row::Group { node, open } => {
            let n = &s.q.nodes[*node];
            let mark = match open {
                Some(true) => "▾",
                Some(false) => "▸",
                None => " ",
            };
            let indent = "  ".repeat(n.depth.min(4) + 1);
            let left = vec![
                Span::styled(format!("{indent}{mark} "), th.dim),
                Span::styled(format!("{} ", clean_line(&n.id)), th.title),
                Span::styled(clean_line(&n.text), th.base),
            ];
            let right = match group_figures(s, m, *node) {
                Some([e, p, pc, a]) => format!(
                    "{}/{} {} {}",
                    pad_left(&e, c.earned),
                    pad(&p, c.possible),
                    pad_left(&pc, c.percent),
                    pad_left(&a, c.answered)
                ),
                None => t.na_short.to_string(),
            };
            spread(left, right, w, th.dim)
        }
        Row::Question {
            node,
            section,
            gain,
            after,
        } => {
            let n = &s.q.nodes[*node];
            let state = &s.score.states[*node];
            let flagged = s.draft.answers.get(&n.id).is_some_and(|a| a.flag);
            let (mark, style) = match state {
                _ if *section == Section::Flagged && flagged => ("⚑", th.flagged),
                State::Unanswered => ("·", th.open),
                State::Invalid(_) => ("!", th.invalid),
                State::Answered(_) => ("✓", th.answered),
                State::NotApplicable => ("–", th.answered),
            };
            let left = vec![
                Span::styled(format!("    {mark} "), style),
                Span::styled(format!("{} ", pad(&clean_line(&n.id), c.id)), th.title),
                Span::styled(clean_line(&n.text), th.base),
            ];
            let mut right = String::new();
            if let Some(g) = gain {
                right = format!(
                    "{} → {} {}",
                    pad_left(&now(s, m, *node), c.now),
                    pad(&best(s, m, *node), c.best),
                    pad_left(&format!("+{}", lang.num(*g)), c.gain)
                );
            }
            if let Some(a) = after {
                let cat =
                    s.q.categories
                        .get(s.q.category_for(*a))
                        .map(|c| clean_line(&c.code))
                        .unwrap_or_default();
                right.push_str(&format!(" = {} {cat}", lang.num(*a)));
            }
            match (section, state) {
                (Section::Invalid, State::Invalid(why)) => {
                    right = format!("{} · {}", now(s, m, *node), lang.invalid(why));
                }
                (Section::Flagged, _) => right = now(s, m, *node),
                _ => {}
            }
            spread(left, clean_line(&right), w, th.dim)
        }
        Row::Orphan(id) => {
            let value = s
                .draft
                .answers
                .get(id)
                .map(|a| match &a.value {
                    Some(v) => show_value(lang, v),
                    None if a.na => t.na_short.to_string(),
                    None => "—".into(),
                })
                .unwrap_or_default();
            let left = vec![
                Span::styled("    ? ", th.invalid),
                Span::styled(format!("{} ", clean_line(id)), th.title),
                Span::styled(format!("= {}", clean_line(&value)), th.base),
            ];
            spread(left, t.orphan_row.to_string(), w, th.dim)
        }
        Row::Predicate(p) => {
            let Some(pr) = s.score.predicates.get(*p) else {
                return vec![Line::default()];
            };
            let (mark, style, word) = if pr.holds {
                ("✓", th.answered, t.pred_holds)
            } else {
                ("✗", th.open, t.pred_fails)
            };
            let left = vec![
                Span::styled(format!("  {mark} "), style),
                Span::styled(format!("{} ", clean_line(&pr.code)), th.title),
                Span::styled(clean_line(&pr.label), th.base),
            ];
            spread(left, word.to_string(), w, style)
        }
        Row::Requirement { predicate, index } => {
            let Some(r) = s
                .score
                .predicates
                .get(*predicate)
                .and_then(|p| p.requirements.get(*index))
            else {
                return vec![Line::default()];
            };
            let (mark, style) = if r.holds {
                ("✓", th.answered)
            } else {
                ("✗", th.open)
            };
            let left = vec![
                Span::styled(format!("      {mark} "), style),
                Span::styled(clean_line(&describe_requirement(lang, r)), th.base),
            ];
            spread(left, String::new(), w, th.dim)
        }
        Row::More { hidden, .. } => {
            let text = format!("      {}", fill(t.more_rows, &[hidden]));
            Line::from(Span::styled(fit(&text, w), th.dim))
        }
    };
    vec![if is_sel { selected(line, w, th) } else { line }]
}
