//! A question that needs a yes or no: leaving with an unsaved draft, marking the draft
//! final (or what stands in the way), reopening a final draft.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{centered, put_lines, wrapped};
use crate::i18n::fill;
use crate::text::clean_line;
use crate::tui::model::{Confirm, Model};
use crate::tui::theme::Theme;

pub struct ConfirmView<'a> {
    pub c: &'a Confirm,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// At most this many ids of a list are named; the count says how many there are.
const IDS_SHOWN: usize = 8;

fn ids(list: &[String]) -> String {
    let mut s = list
        .iter()
        .take(IDS_SHOWN)
        .map(|i| clean_line(i))
        .collect::<Vec<_>>()
        .join(", ");
    if list.len() > IDS_SHOWN {
        s.push_str(&format!(", … (+{})", list.len() - IDS_SHOWN));
    }
    s
}

impl Widget for ConfirmView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, th) = (self.m, self.theme);
        let t = m.t();
        let lang = m.lang;
        let box_w = 64.min(area.width);
        let w = box_w.saturating_sub(2) as usize;
        // (title, border style, lines of the body)
        let (title, style, mut lines): (&str, Style, Vec<Line>) = match self.c {
            Confirm::LeaveUnsaved(why) | Confirm::QuitUnsaved(why) => {
                let question = if matches!(self.c, Confirm::LeaveUnsaved(_)) {
                    t.confirm_leave
                } else {
                    t.confirm_quit
                };
                let mut lines = wrapped(&fill(t.save_failed, &[why]), w, 1, th.error);
                lines.push(Line::default());
                lines.extend(wrapped(question, w, 1, th.base));
                (t.confirm_title, th.error, lines)
            }
            Confirm::Finalize => {
                let (index, code, label) = match &m.session {
                    Some(s) => {
                        let cat = s.q.categories.get(s.score.category);
                        (
                            lang.num(s.score.index),
                            cat.map(|c| c.code.clone()).unwrap_or_default(),
                            cat.map(|c| c.label.clone()).unwrap_or_default(),
                        )
                    }
                    None => Default::default(),
                };
                let text = fill(t.confirm_finalize, &[&index, &code, &label]);
                (
                    t.confirm_finalize_title,
                    th.border_focus,
                    wrapped(&text, w, 1, th.base),
                )
            }
            Confirm::Blocked {
                unanswered,
                invalid,
                first,
            } => {
                let mut lines = wrapped(t.blocked_intro, w, 1, th.base);
                lines.push(Line::default());
                if !unanswered.is_empty() {
                    let text = fill(t.blocked_unanswered, &[&unanswered.len(), &ids(unanswered)]);
                    lines.extend(wrapped(&format!("· {text}"), w, 1, th.open));
                }
                if !invalid.is_empty() {
                    let text = fill(t.blocked_invalid, &[&invalid.len(), &ids(invalid)]);
                    lines.extend(wrapped(&format!("! {text}"), w, 1, th.invalid));
                }
                let first_id = m
                    .session
                    .as_ref()
                    .and_then(|s| s.q.questions.get(*first).map(|&i| &s.q.nodes[i].id))
                    .map(|id| clean_line(id))
                    .unwrap_or_default();
                lines.push(Line::default());
                lines.extend(wrapped(&fill(t.blocked_jump, &[&first_id]), w, 1, th.base));
                (t.blocked_title, th.warn, lines)
            }
            Confirm::Reopen => {
                let by = m
                    .session
                    .as_ref()
                    .map(|s| clean_line(&crate::draft::who(&s.draft)))
                    .unwrap_or_default();
                (
                    t.reopen_title,
                    th.warn,
                    wrapped(&fill(t.confirm_reopen, &[&by]), w, 1, th.base),
                )
            }
        };
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(" y", th.key),
            Span::raw(format!(" {}   ", t.k_confirm_yes)),
            Span::styled("n", th.key),
            Span::raw(format!(" {}", t.k_confirm_no)),
        ]));
        let box_area = centered(area, box_w, (lines.len() + 2).min(u16::MAX as usize) as u16);
        Clear.render(box_area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(style)
            .title(Span::styled(format!(" {title} "), style));
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        put_lines(&lines, 0, inner, buf);
    }
}
