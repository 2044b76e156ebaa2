//! Drawing the model. `draw` picks the screen and the overlays; each screen or panel is a
//! small widget in `views/` with explicit inputs. Texts from files were cleaned when they
//! were loaded (the questionnaire) or are cleaned here (the draft's own fields).

mod confirm;
mod editor;
mod footer;
mod form;
mod help;
mod home;
mod navigator;
mod question;
mod review;
mod search;
mod walk;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::model::{Level, Model, Screen, Status};
use super::theme::Theme;
use super::wrap;
use crate::i18n::fill;

/// Below this the app asks for a larger terminal instead of drawing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, m: &Model, theme: &Theme) {
    let area = frame.area();
    render(m, theme, area, frame.buffer_mut());
}

/// Draws the whole app into `buf` (the same as `draw`, for callers without a `Frame`).
pub fn render(m: &Model, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        TooSmall { m, theme, area }.render(area, buf);
        return;
    }
    let [body, status, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match m.screen {
        Screen::Home => home::HomeView { m, theme }.render(body, buf),
        Screen::Form => form::FormView { m, theme }.render(body, buf),
        Screen::Walk => match &m.session {
            Some(s) => walk::WalkView { s, m, theme }.render(body, buf),
            None => home::HomeView { m, theme }.render(body, buf),
        },
        Screen::Review => match &m.session {
            Some(s) => review::ReviewView { s, m, theme }.render(body, buf),
            None => home::HomeView { m, theme }.render(body, buf),
        },
    }
    StatusLine {
        status: m.status.as_ref(),
        theme,
    }
    .render(status, buf);
    footer::Footer { m, theme }.render(footer, buf);
    if let Some(s) = &m.session
        && m.screen == Screen::Walk
        && let Some(se) = &s.search
    {
        search::SearchView { s, se, m, theme }.render(body, buf);
    }
    if let Some(h) = &m.help {
        help::HelpView { h, m, theme }.render(body, buf);
    }
    if let Some(c) = &m.confirm {
        confirm::ConfirmView { c, m, theme }.render(body, buf);
    }
}

/// The one line shown when the terminal is too small to work in.
struct TooSmall<'a> {
    m: &'a Model,
    theme: &'a Theme,
    area: Rect,
}

impl Widget for TooSmall<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let t = self.m.t();
        let msg = fill(
            t.too_small,
            &[&MIN_WIDTH, &MIN_HEIGHT, &self.area.width, &self.area.height],
        );
        let y = area.y + area.height / 2;
        buf.set_stringn(
            area.x,
            y,
            wrap::fit(&msg, area.width as usize),
            area.width as usize,
            self.theme.warn,
        );
    }
}

struct StatusLine<'a> {
    status: Option<&'a Status>,
    theme: &'a Theme,
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.status else { return };
        let (mark, style) = match s.level {
            Level::Info => ("› ", self.theme.info),
            Level::Warn => ("! ", self.theme.warn),
            Level::Error => ("✗ ", self.theme.error),
        };
        let text = format!("{mark}{}", crate::text::clean_line(&s.text));
        let w = area.width as usize;
        buf.set_stringn(area.x, area.y, wrap::fit(&text, w), w, style);
    }
}

/// A rectangle of at most `w` × `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Draws a bordered box titled ` title ` over `area` and returns the area inside it.
pub fn titled_box(title: &str, border: Style, th: &Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(format!(" {title} "), th.title));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Writes lines into `area` from line `skip` on, one per row, cut to the width.
pub fn put_lines(lines: &[Line<'_>], skip: usize, area: Rect, buf: &mut Buffer) {
    for (row, line) in lines
        .iter()
        .skip(skip)
        .take(area.height as usize)
        .enumerate()
    {
        buf.set_line(area.x, area.y + row as u16, line, area.width);
    }
}

/// Wrapped text as lines, each with `indent` spaces in front.
pub fn wrapped(text: &str, width: usize, indent: usize, style: Style) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap::wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{pad}{l}"), style)))
        .collect()
}

/// A figure with at most two decimals and no trailing zeros: `30`, `1,2`, `0,33`.
pub fn compact(lang: crate::i18n::Lang, x: f64) -> String {
    let s = lang.num(x);
    if s.contains([',', '.']) {
        s.trim_end_matches('0')
            .trim_end_matches([',', '.'])
            .to_string()
    } else {
        s
    }
}
