//! The `?` help: every key of the screen it was opened from, drawn from the key table that
//! also feeds the footer, then what the markers mean.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{put_lines, wrapped};
use crate::tui::keymap::{self, Mode};
use crate::tui::model::{Help, Model};
use crate::tui::theme::Theme;
use crate::tui::wrap::pad;

pub struct HelpView<'a> {
    pub h: &'a Help,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, th) = (self.m, self.theme);
        let t = m.t();
        let (name, intro) = match self.h.of {
            Mode::Home => (t.screen_home, t.help_home),
            Mode::Form => (t.screen_form, t.help_form),
            Mode::Walk => (t.screen_walk, t.help_walk),
            Mode::Review => (t.screen_review, t.help_review),
            Mode::Number => (t.screen_number, t.help_number),
            Mode::Editor => (t.screen_editor, t.help_editor),
            Mode::Search => (t.screen_search, t.help_search),
            Mode::Help | Mode::Confirm => (t.screen_help, ""),
        };
        let box_area = area;
        Clear.render(box_area, buf);
        let w = box_area.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line> = wrapped(intro, w, 1, th.base);
        lines.push(Line::default());
        let cap_w = keymap::rows(self.h.of)
            .map(|b| crate::tui::wrap::width(b.caption))
            .max()
            .unwrap_or(4)
            + 2;
        for b in keymap::rows(self.h.of) {
            let text = (b.long)(t);
            let mut rows = wrapped(text, w.saturating_sub(cap_w + 1), 0, th.base).into_iter();
            let first = rows.next().unwrap_or_default();
            let mut spans = vec![Span::styled(format!(" {}", pad(b.caption, cap_w)), th.key)];
            spans.extend(first.spans);
            lines.push(Line::from(spans));
            for r in rows {
                let mut spans = vec![Span::raw(" ".repeat(cap_w + 1))];
                spans.extend(r.spans);
                lines.push(Line::from(spans));
            }
        }
        let legend = match self.h.of {
            Mode::Walk | Mode::Number => Some(t.legend),
            Mode::Review => Some(t.review_legend),
            _ => None,
        };
        if let Some(legend) = legend {
            lines.push(Line::default());
            lines.extend(wrapped(legend, w, 1, th.dim));
        }
        let rows = box_area.height.saturating_sub(2) as usize;
        let close = if lines.len() > rows {
            format!(" {} · {} ", t.help_more, t.help_close)
        } else {
            format!(" {} ", t.help_close)
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(Span::styled(
                format!(" {} · {} ", t.help_title, name),
                th.title,
            ))
            .title_bottom(Line::from(Span::styled(close, th.dim)).right_aligned());
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        let max = lines.len().saturating_sub(inner.height as usize);
        // For `update`, which keeps the scroll within what the screen can show.
        self.h
            .scroll_max
            .set(Some(max.min(u16::MAX as usize) as u16));
        put_lines(&lines, (self.h.scroll as usize).min(max), inner, buf);
    }
}
