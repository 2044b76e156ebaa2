//! The groups as a tree, each with its progress and earned / possible points. The group of
//! the current question is in reverse video with `▶`; its ancestors with `▸`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{compact, put_lines, titled_box};
use crate::text::clean_line;
use crate::tui::model::{Model, Session};
use crate::tui::theme::Theme;
use crate::tui::wrap::{pad, pad_left, width};

pub struct Navigator<'a> {
    pub s: &'a Session,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

impl Widget for Navigator<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, th, lang) = (self.s, self.theme, self.m.lang);
        let t = self.m.t();
        let inner = titled_box(t.nav_title, th.border, th, area, buf);
        let w = inner.width as usize;
        let (path, leaf) = match s.current() {
            Some(n) => (s.q.path(s.node()), n.parent),
            None => (Vec::new(), None),
        };

        // Only the rows that fit are laid out: a questionnaire may have thousands of groups,
        // and a frame must cost what is visible, not what exists.
        let groups: Vec<usize> = (0..s.q.nodes.len()).filter(|&i| s.q.is_group(i)).collect();
        let at = leaf
            .and_then(|l| groups.iter().position(|&g| g == l))
            .unwrap_or(0);
        let h = inner.height as usize;
        let skip = if groups.len() <= h {
            0
        } else {
            at.saturating_sub(h / 2).min(groups.len() - h)
        };
        let shown = &groups[skip..(skip + h).min(groups.len())];

        // Right-hand figures, padded to one width so they line up.
        let figures: Vec<String> = shown
            .iter()
            .map(|&i| {
                let ns = &s.score.nodes[i];
                if ns.excluded {
                    t.na_short.to_string()
                } else {
                    format!(
                        "{}/{} {}/{}",
                        ns.answered,
                        ns.questions,
                        compact(lang, ns.earned),
                        compact(lang, ns.points)
                    )
                }
            })
            .collect();
        let right_w = figures
            .iter()
            .map(|f| width(f))
            .max()
            .unwrap_or(0)
            .min(w / 2);
        let mut lines: Vec<Line> = Vec::with_capacity(shown.len());
        for (&i, right) in shown.iter().zip(figures) {
            let n = &s.q.nodes[i];
            let ns = &s.score.nodes[i];
            let is_leaf = leaf == Some(i);
            let mark = if is_leaf {
                "▶"
            } else if path.contains(&i) {
                "▸"
            } else if ns.excluded {
                "–"
            } else if ns.answered == ns.questions {
                "✓"
            } else {
                " "
            };
            let seg = if n.depth == 0 {
                clean_line(&n.id)
            } else {
                clean_line(n.id.rsplit('.').next().unwrap_or(&n.id))
            };
            let indent = " ".repeat(n.depth.min(4));
            let left_w = w.saturating_sub(right_w + 1);
            let left = pad(
                &format!("{indent}{mark} {seg} {}", clean_line(&n.text)),
                left_w,
            );
            let style = if is_leaf {
                th.selected
            } else if path.contains(&i) {
                th.title
            } else {
                th.base
            };
            lines.push(Line::from(vec![
                Span::styled(left, style),
                Span::styled(
                    format!(" {}", pad_left(&right, right_w)),
                    if is_leaf { th.selected } else { th.dim },
                ),
            ]));
        }
        put_lines(&lines, 0, inner, buf);
    }
}
