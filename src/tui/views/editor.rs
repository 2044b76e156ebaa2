//! The penjelasan and evidence editor, in place of the question. The focused area has a
//! `▶` in its title and a bright border; only it shows a cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use ratatui_textarea::TextArea;

use super::put_lines;
use crate::text::clean_line;
use crate::tui::model::{Model, Session};
use crate::tui::theme::Theme;

pub struct EditorView<'a> {
    pub s: &'a Session,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

fn styled(
    ta: &TextArea<'static>,
    title: String,
    placeholder: &str,
    focused: bool,
    th: &Theme,
) -> TextArea<'static> {
    let mut ta = ta.clone();
    let mark = if focused { "▶" } else { " " };
    ta.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { th.border_focus } else { th.border })
            .title(Span::styled(
                format!(" {mark} {title} "),
                if focused { th.title } else { th.base },
            )),
    );
    ta.set_cursor_line_style(Style::default());
    ta.set_cursor_style(if focused {
        th.selected
    } else {
        Style::default()
    });
    ta.set_placeholder_text(placeholder.to_string());
    ta.set_placeholder_style(th.dim);
    ta
}

impl Widget for EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, m, th) = (self.s, self.m, self.theme);
        let t = m.t();
        let Some(ed) = &s.editor else { return };
        let head_text =
            s.q.node_index(&ed.id)
                .map(|i| format!("{}  {}", clean_line(&ed.id), clean_line(&s.q.nodes[i].text)))
                .unwrap_or_else(|| clean_line(&ed.id));
        let ev_h = (area.height / 3).max(4);
        let [head, note, evidence] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(3),
            Constraint::Length(ev_h),
        ])
        .areas(area);
        let mut head_lines = vec![Line::from(Span::styled(
            crate::tui::wrap::fit(&format!(" {head_text}"), head.width as usize),
            th.title,
        ))];
        head_lines.push(Line::from(Span::styled(
            format!(" {}", t.editor_hint),
            th.dim,
        )));
        put_lines(&head_lines, 0, head, buf);
        (&styled(
            &ed.note,
            t.note_title.to_string(),
            t.note_placeholder,
            !ed.on_evidence,
            th,
        ))
            .render(note, buf);
        (&styled(
            &ed.evidence,
            t.evidence_editor_title.to_string(),
            t.evidence_placeholder,
            ed.on_evidence,
            th,
        ))
            .render(evidence, buf);
    }
}
