//! `/` search by text or id and `g` jump to an id: a query line and the matching
//! questions, updated as the user types.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::form::field_spans;
use super::{put_lines, titled_box};
use crate::i18n::fill;
use crate::text::clean_line;
use crate::tui::model::{Model, Search, SearchKind, Session};
use crate::tui::theme::Theme;
use crate::tui::wrap::{pad, width};

pub struct SearchView<'a> {
    pub s: &'a Session,
    pub se: &'a Search,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, se, th) = (self.s, self.se, self.theme);
        let t = self.m.t();
        let (title, hint) = match se.kind {
            SearchKind::Text => (t.search_title, t.search_hint),
            SearchKind::Id => (t.jump_title, t.jump_hint),
        };
        let box_area = area;
        Clear.render(box_area, buf);
        let inner = titled_box(title, th.border_focus, th, box_area, buf);
        let w = inner.width as usize;
        let mut lines = Vec::new();
        let mut q = vec![Span::styled(" › ", th.key)];
        q.extend(field_spans(&se.query, w.saturating_sub(6), true, th));
        lines.push(Line::from(q));
        let count = if se.query.text.trim().is_empty() {
            hint.to_string()
        } else if se.results.is_empty() {
            t.search_none.to_string()
        } else {
            fill(t.search_count, &[&se.results.len()])
        };
        lines.push(Line::from(Span::styled(format!(" {count}"), th.dim)));
        let id_w = se
            .results
            .iter()
            .map(|&i| width(&clean_line(&s.q.nodes[i].id)))
            .max()
            .unwrap_or(0)
            .min(20);
        let list_h = (inner.height as usize).saturating_sub(2);
        let skip = (se.selected + 1).saturating_sub(list_h);
        for (k, &i) in se.results.iter().enumerate().skip(skip).take(list_h) {
            let n = &s.q.nodes[i];
            let sel = k == se.selected;
            let done = if s.q.is_group(i) {
                " "
            } else if s.score.states[i].is_done() {
                "✓"
            } else {
                "·"
            };
            let mark = if sel { "▶" } else { " " };
            let text = format!(
                "{mark}{done} {} {}",
                pad(&clean_line(&n.id), id_w),
                clean_line(&n.text)
            );
            lines.push(Line::from(Span::styled(
                pad(&text, w),
                if sel { th.selected } else { th.base },
            )));
        }
        put_lines(&lines, 0, inner, buf);
    }
}
