//! The footer: the main keys of the current mode, from the key table. When the line is too
//! short, hints are dropped from the end, but never the way to help or the way out.

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::action::Action;
use crate::tui::keymap::{self, Binding, Key};
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use crate::tui::wrap::width;

pub struct Footer<'a> {
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// The action of a row's first key, to know which rows must stay visible.
fn first_action(b: &Binding) -> Option<Action> {
    let code = match b.keys.first()? {
        Key::Ch(c) => KeyCode::Char(*c),
        Key::Code(c) => *c,
        _ => return None,
    };
    Some((b.action)(code))
}

fn essential(b: &Binding) -> bool {
    matches!(
        first_action(b),
        Some(Action::Help | Action::Back | Action::Esc | Action::No)
    )
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.m.t();
        let rows: Vec<&Binding> = keymap::rows(self.m.mode()).filter(|b| b.footer).collect();
        let item_w = |b: &Binding| width(b.caption) + 1 + width((b.text)(t)) + 2;
        // The way to help and the way out first, then the others in table order while
        // they fit; shown in table order.
        let avail = area.width as usize;
        let mut used: usize = rows
            .iter()
            .filter(|b| essential(b))
            .map(|b| item_w(b))
            .sum();
        let keep: Vec<bool> = rows
            .iter()
            .map(|b| {
                if essential(b) {
                    return true;
                }
                let w = item_w(b);
                if used + w <= avail {
                    used += w;
                    true
                } else {
                    false
                }
            })
            .collect();
        let mut spans = Vec::new();
        for (b, _) in rows.iter().zip(&keep).filter(|(_, k)| **k) {
            spans.push(Span::styled(b.caption, self.theme.key));
            spans.push(Span::styled(format!(" {}  ", (b.text)(t)), self.theme.dim));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    }
}
