//! The current question: its id path, text, options with their criteria and scores,
//! guidance and expected evidence (scrollable), and below them, always in view, its
//! answer, penjelasan and evidence.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{compact, put_lines, wrapped};
use crate::i18n::fill;
use crate::questionnaire::{NodeKind, ScaleKind};
use crate::scoring::State;
use crate::text::clean_line;
use crate::tui::model::{Model, NumberInput, Session};
use crate::tui::theme::Theme;
use crate::tui::update::{by_position, position_key, show_value};
use crate::tui::wrap::{fit, pad};

pub struct QuestionView<'a> {
    pub s: &'a Session,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// Rows the answer box takes under the question.
const ANSWER_ROWS: u16 = 4;

impl Widget for QuestionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, m, th) = (self.s, self.m, self.theme);
        let t = m.t();
        let Some(node) = s.current() else {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(th.border);
            let inner = block.inner(area);
            block.render(area, buf);
            put_lines(
                &wrapped(t.no_questions, inner.width as usize, 1, th.dim),
                0,
                inner,
                buf,
            );
            return;
        };
        let content_w = area.width.saturating_sub(2) as usize;
        let lines = content(self.s, self.m, self.theme, content_w);
        let content_h = area.height.saturating_sub(2 + ANSWER_ROWS) as usize;
        let max_scroll = lines.len().saturating_sub(content_h);
        // For `update`, which keeps the scroll within what the screen can show.
        let max_u16 = max_scroll.min(u16::MAX as usize) as u16;
        s.drawn_scroll_max.set(Some((s.pos, max_u16)));
        let scroll = (s.scroll as usize).min(max_scroll);

        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(Span::styled(
                format!(" {} ", clean_line(&node.id)),
                th.title,
            ))
            .title_top(
                Line::from(Span::styled(
                    format!(" {}/{} ", s.pos + 1, s.q.questions.len()),
                    th.dim,
                ))
                .right_aligned(),
            );
        if max_scroll > 0 {
            let hint = if scroll < max_scroll {
                t.more_below
            } else {
                t.more_above
            };
            block = block.title_bottom(
                Line::from(Span::styled(format!(" {hint} "), th.dim)).right_aligned(),
            );
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let [top, sep, bottom] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(ANSWER_ROWS - 1),
        ])
        .areas(inner);
        put_lines(&lines, scroll, top, buf);
        let rule = format!("─ {} {}", t.answer_title, "─".repeat(sep.width as usize));
        buf.set_stringn(sep.x, sep.y, rule, sep.width as usize, th.border);
        put_lines(
            &answer_lines(s, m, th, bottom.width as usize),
            0,
            bottom,
            buf,
        );
    }
}

/// Everything about the question above the answer box.
fn content(s: &Session, m: &Model, th: &Theme, w: usize) -> Vec<Line<'static>> {
    let (t, lang) = (m.t(), m.lang);
    let i = s.node();
    let node = &s.q.nodes[i];
    let mut lines = Vec::new();

    // Pengungkit › Pemenuhan › Manajemen Perubahan › Tim RB › a
    let path = s.q.path(i);
    let mut names: Vec<String> = path[..path.len() - 1]
        .iter()
        .map(|&p| clean_line(&s.q.nodes[p].text))
        .collect();
    names.push(clean_line(node.id.rsplit('.').next().unwrap_or(&node.id)));
    lines.extend(wrapped(&names.join(" › "), w, 0, th.dim));
    lines.push(Line::default());
    lines.extend(wrapped(&node.text, w, 0, th.title));
    lines.push(Line::default());

    let NodeKind::Question(q) = &node.kind else {
        return lines;
    };
    let scale = s.q.scale_of(q);
    let chosen = s.draft.answers.get(&node.id).and_then(|a| a.value.as_ref());
    match &scale.kind {
        ScaleKind::Choice { options } => {
            // Codes longer than a letter are picked by position: say which key picks which.
            let positional = by_position(options);
            if positional {
                let letters = options.len().clamp(1, 5);
                let digits = options.len().clamp(1, 9);
                let last = (b'a' + letters as u8 - 1) as char;
                let keys = fill(t.choice_positions, &[&last, &digits]);
                lines.extend(wrapped(&keys, w, 0, th.dim));
            }
            for (k, o) in options.iter().enumerate() {
                let on = matches!(chosen, Some(toml::Value::String(c)) if *c == o.code);
                let mark = if on { "(●)" } else { "( )" };
                let key = match position_key(k) {
                    Some(c) if positional => format!("[{c}] "),
                    None if positional => "[ ] ".to_string(),
                    _ => String::new(),
                };
                let head = format!(
                    "{mark} {key}{} {} · {}",
                    clean_line(&o.code),
                    o.label,
                    lang.num(o.score)
                );
                lines.push(Line::from(Span::styled(
                    pad(&head, w),
                    if on { th.selected } else { th.base },
                )));
                if let Some(c) = q.criteria.get(&o.code) {
                    lines.extend(wrapped(c, w, 4, th.base));
                }
            }
        }
        ScaleKind::Percent => lines.extend(wrapped(t.scale_percent, w, 0, th.base)),
        ScaleKind::Number {
            min,
            max,
            zero,
            full,
        } => lines.extend(wrapped(
            &fill(
                t.scale_number,
                &[
                    &compact(lang, *min),
                    &compact(lang, *max),
                    &compact(lang, *zero),
                    &compact(lang, *full),
                ],
            ),
            w,
            0,
            th.base,
        )),
        ScaleKind::Ratio => {
            let num = q
                .numerator
                .clone()
                .unwrap_or_else(|| t.numerator.to_string());
            let den = q
                .denominator
                .clone()
                .unwrap_or_else(|| t.denominator.to_string());
            lines.extend(wrapped(&fill(t.scale_ratio, &[&num, &den]), w, 0, th.base));
        }
    }
    if q.na {
        lines.extend(wrapped(t.na_allowed, w, 0, th.dim));
    }

    // Guidance and expected evidence: the question's own, then its group's.
    let parent = node.parent.map(|p| &s.q.nodes[p]);
    let guidance: Vec<&str> = [
        node.guidance.as_deref(),
        parent.and_then(|p| p.guidance.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !guidance.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(t.guidance, th.title)));
        for g in guidance {
            lines.extend(wrapped(g, w, 0, th.base));
        }
    }
    let evidence: Vec<&String> = node
        .evidence
        .iter()
        .chain(parent.map(|p| p.evidence.iter()).into_iter().flatten())
        .collect();
    if !evidence.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(t.expected_evidence, th.title)));
        for e in evidence {
            lines.extend(wrapped(&format!("• {e}"), w, 0, th.base));
        }
    }
    lines
}

/// The answer, the penjelasan's first line and the evidence of the current question.
fn answer_lines(s: &Session, m: &Model, th: &Theme, w: usize) -> Vec<Line<'static>> {
    let (t, lang) = (m.t(), m.lang);
    let i = s.node();
    let node = &s.q.nodes[i];
    let a = s.draft.answers.get(&node.id);
    let ns = &s.score.nodes[i];
    let mut first: Vec<Span> = Vec::new();
    if let Some(inp) = &s.input {
        first.extend(input_spans(inp, s, m, th));
    } else {
        let (text, style) = match &s.score.states[i] {
            State::Answered(_) => {
                let v = a
                    .and_then(|a| a.value.as_ref())
                    .map(|v| show_value(lang, v))
                    .unwrap_or_default();
                let label = match (
                    &a.and_then(|a| a.value.as_ref()),
                    s.q.question(i).map(|q| &s.q.scale_of(q).kind),
                ) {
                    (Some(toml::Value::String(c)), Some(ScaleKind::Choice { options })) => options
                        .iter()
                        .find(|o| &o.code == c)
                        .map(|o| format!(" {}", o.label))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                (
                    format!(
                        "✓ {v}{label} · {}",
                        fill(t.points_of, &[&lang.num(ns.earned), &lang.num(ns.points)])
                    ),
                    th.answered,
                )
            }
            State::NotApplicable => (format!("– {}", t.state_na), th.answered),
            State::Invalid(why) => {
                let v = a
                    .and_then(|a| a.value.as_ref())
                    .map(|v| show_value(lang, v))
                    .unwrap_or_default();
                (
                    format!(
                        "! {}",
                        fill(t.state_invalid, &[&clean_line(&lang.invalid(why)), &v])
                    ),
                    th.invalid,
                )
            }
            State::Unanswered => (format!("· {}", t.state_open), th.open),
        };
        first.push(Span::styled(text, style));
    }
    if a.is_some_and(|a| a.flag) {
        first.push(Span::styled(format!("  ⚑ {}", t.flag_mark), th.flagged));
    }
    let note = a
        .map(|a| clean_line(a.note.lines().find(|l| !l.trim().is_empty()).unwrap_or("")))
        .unwrap_or_default();
    let note_line = if note.is_empty() {
        Line::from(vec![
            Span::styled(format!("{}: ", t.note_title), th.title),
            Span::styled(t.note_empty, th.dim),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!("{}: ", t.note_title), th.title),
            Span::styled(
                fit(
                    &note,
                    w.saturating_sub(crate::tui::wrap::width(t.note_title) + 2),
                ),
                th.base,
            ),
        ])
    };
    let ev: Vec<String> = a
        .map(|a| a.evidence.iter().map(|e| clean_line(e)).collect())
        .unwrap_or_default();
    let ev_line = if ev.is_empty() {
        Line::from(vec![
            Span::styled(format!("{}: ", t.evidence_title), th.title),
            Span::styled(t.evidence_empty, th.dim),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!("{} ({}): ", t.evidence_title, ev.len()), th.title),
            Span::styled(ev.join("; "), th.base),
        ])
    };
    vec![Line::from(first), note_line, ev_line]
}

/// The number being typed, with a block cursor in the field being typed into.
fn input_spans(inp: &NumberInput, s: &Session, m: &Model, th: &Theme) -> Vec<Span<'static>> {
    let t = m.t();
    let field = |text: &str, on: bool| -> Vec<Span<'static>> {
        let mut v = vec![Span::styled(format!("[{text}"), th.input)];
        if on {
            v.push(Span::styled(" ", th.selected));
        }
        v.push(Span::styled("]", th.input));
        v
    };
    let mut out = vec![Span::styled(format!("{} ", t.typing), th.title)];
    if inp.ratio {
        let q = s.q.question(s.node());
        let num = q
            .and_then(|q| q.numerator.clone())
            .unwrap_or_else(|| t.numerator.to_string());
        let den = q
            .and_then(|q| q.denominator.clone())
            .unwrap_or_else(|| t.denominator.to_string());
        out.extend(field(&inp.first, !inp.on_second));
        out.push(Span::raw(" ÷ "));
        out.extend(field(&inp.second, inp.on_second));
        let which = if inp.on_second { den } else { num };
        out.push(Span::styled(format!("  {}", fit(&which, 40)), th.dim));
    } else {
        out.extend(field(&inp.first, true));
        out.push(Span::styled(format!("  {}", t.typing_hint), th.dim));
    }
    out
}
