//! The walk: the header with the live index, band and progress; banners (read-only, save
//! failure, answers without a question); the group navigator beside the question, or the
//! editor in its place.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::editor::EditorView;
use super::navigator::Navigator;
use super::question::QuestionView;
use crate::i18n::fill;
use crate::text::clean_line;
use crate::tui::model::{Model, Session};
use crate::tui::theme::Theme;
use crate::tui::wrap::{fit, pad, width};

pub struct WalkView<'a> {
    pub s: &'a Session,
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// Navigator width for a body width, or none when the question needs all of it.
fn nav_width(w: u16) -> Option<u16> {
    if w < 76 {
        return None;
    }
    Some((w * 42 / 100).clamp(34, 48))
}

/// The header and the banners, shared by the walk and the review; returns the area left
/// below them.
pub fn chrome(s: &Session, m: &Model, th: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let banners = banner_lines(s, m);
    let [head, ban, body] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(banners.len().min(2) as u16),
        Constraint::Min(4),
    ])
    .areas(area);
    Header { s, m, theme: th }.render(head, buf);
    for (i, (text, error)) in banners.iter().take(2).enumerate() {
        let style = if *error { th.banner_error } else { th.banner };
        let w = ban.width as usize;
        buf.set_stringn(
            ban.x,
            ban.y + i as u16,
            pad(&format!(" {text}"), w),
            w,
            style,
        );
    }
    body
}

impl Widget for WalkView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, m, th) = (self.s, self.m, self.theme);
        let body = chrome(s, m, th, area, buf);
        if s.editor.is_some() {
            EditorView { s, m, theme: th }.render(body, buf);
            return;
        }
        match nav_width(body.width) {
            Some(nw) => {
                let [nav, question] =
                    Layout::horizontal([Constraint::Length(nw), Constraint::Min(20)]).areas(body);
                Navigator { s, m, theme: th }.render(nav, buf);
                QuestionView { s, m, theme: th }.render(question, buf);
            }
            None => QuestionView { s, m, theme: th }.render(body, buf),
        }
    }
}

/// Lines that stay above the walk while their cause lasts: (text, is an error).
fn banner_lines(s: &Session, m: &Model) -> Vec<(String, bool)> {
    let t = m.t();
    let mut out = Vec::new();
    if let Some(e) = &s.save_error {
        out.push((fill(t.banner_save_failed, &[&clean_line(e)]), true));
    }
    match &s.read_only {
        // Final (and not open elsewhere): say how to change it.
        Some(r) if s.is_final() && r == t.final_read_only => {
            out.push((t.banner_final.to_string(), false))
        }
        Some(r) => out.push((fill(t.banner_read_only, &[&clean_line(r)]), false)),
        None => {}
    }
    if !s.score.orphaned.is_empty() {
        let ids: Vec<String> = s.score.orphaned.iter().map(|i| clean_line(i)).collect();
        out.push((
            fill(t.banner_orphaned, &[&ids.len(), &ids.join(", ")]),
            false,
        ));
    }
    out
}

/// Unit and period, the index with its category, the band, and progress.
struct Header<'a> {
    s: &'a Session,
    m: &'a Model,
    theme: &'a Theme,
}

impl Widget for Header<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (s, th, lang) = (self.s, self.theme, self.m.lang);
        let t = self.m.t();
        let core = lang.texts();
        let w = area.width as usize;
        let sc = &s.score;
        let cat = |i: usize| s.q.categories.get(i);

        // Row 0: who and when, and whether it is on disk.
        // A draft just made final is read-only but still being saved: say which.
        let saved = if s.save_error.is_some() {
            t.state_unsaved
        } else if s.dirty() {
            t.state_saving
        } else if s.read_only.is_some() {
            t.state_read_only
        } else {
            t.state_saved
        };
        let status = if s.is_final() {
            format!("✔ {}", t.status_final)
        } else {
            t.status_draft.to_string()
        };
        let right = format!(
            "{} {} · {}  {} ",
            clean_line(&s.q.id),
            clean_line(&s.q.version),
            status,
            saved
        );
        let left = format!(
            " {} · {}",
            clean_line(&s.draft.unit),
            clean_line(&s.draft.period)
        );
        let left = fit(&left, w.saturating_sub(width(&right) + 1));
        buf.set_stringn(area.x, area.y, &left, w, th.title);
        if width(&left) + width(&right) < w {
            let x = area.x + (w - width(&right)) as u16;
            let style = if s.save_error.is_some() {
                th.error
            } else {
                th.dim
            };
            buf.set_stringn(x, area.y, &right, width(&right), style);
        }
        if area.height < 2 {
            return;
        }

        // Row 1: the index, its category, the band, progress.
        let (code, label) = cat(sc.category)
            .map(|c| (c.code.as_str(), c.label.as_str()))
            .unwrap_or(("?", ""));
        let band = if sc.settled() {
            fill(
                t.band_settled,
                &[&lang.num(sc.floor), &lang.num(sc.ceiling)],
            )
        } else {
            let lo = cat(sc.floor_category)
                .map(|c| c.code.as_str())
                .unwrap_or("?");
            let hi = cat(sc.ceiling_category)
                .map(|c| c.code.as_str())
                .unwrap_or("?");
            fill(
                t.band_open,
                &[&lang.num(sc.floor), &lang.num(sc.ceiling), &lo, &hi],
            )
        };
        let progress = fill(t.progress, &[&sc.answered, &sc.questions]);
        let spans = vec![
            Span::styled(format!(" {} ", core.index), th.base),
            Span::styled(lang.num(sc.index), th.index),
            Span::raw("  "),
            Span::styled(format!("{code} {label}"), th.category),
            Span::styled(format!("  │ {band}"), th.base),
        ];
        buf.set_line(area.x, area.y + 1, &Line::from(spans), area.width);
        if area.height < 3 {
            return;
        }

        // Row 2: progress, as a bar (drawn with characters, so it shows without colour) and
        // as figures.
        let tail = format!(" {progress} ");
        let bar_w = w.saturating_sub(width(&tail) + 1);
        let done = (bar_w * sc.answered)
            .checked_div(sc.questions)
            .unwrap_or(0)
            .min(bar_w);
        let bar = format!(" {}{}", "█".repeat(done), "░".repeat(bar_w - done));
        buf.set_line(
            area.x,
            area.y + 2,
            &Line::from(vec![Span::styled(bar, th.dim), Span::styled(tail, th.base)]),
            area.width,
        );
    }
}
