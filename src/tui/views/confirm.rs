//! A question that needs a yes or no (leaving with an unsaved draft).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{centered, put_lines, wrapped};
use crate::i18n::fill;
use crate::tui::model::{Confirm, Model};
use crate::tui::theme::Theme;

pub struct ConfirmView<'a> {
    pub c: &'a Confirm,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

impl Widget for ConfirmView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, th) = (self.m, self.theme);
        let t = m.t();
        let (question, why) = match self.c {
            Confirm::LeaveUnsaved(e) => (t.confirm_leave, e),
            Confirm::QuitUnsaved(e) => (t.confirm_quit, e),
        };
        let box_area = centered(area, 64, 10);
        Clear.render(box_area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.error)
            .title(Span::styled(format!(" {} ", t.confirm_title), th.error));
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        let w = inner.width as usize;
        let mut lines = wrapped(&fill(t.save_failed, &[why]), w, 1, th.error);
        lines.push(Line::default());
        lines.extend(wrapped(question, w, 1, th.base));
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(" y", th.key),
            Span::raw(format!(" {}   ", t.k_confirm_yes)),
            Span::styled("n", th.key),
            Span::raw(format!(" {}", t.k_confirm_no)),
        ]));
        put_lines(&lines, 0, inner, buf);
    }
}
