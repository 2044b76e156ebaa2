//! The home screen: the drafts in the data folder and a row to start a new assessment.
//! A damaged draft is listed with its error, never hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{put_lines, titled_box, wrapped};
use crate::i18n::fill;
use crate::text::clean_line;
use crate::tui::model::{HomeEntry, Model};
use crate::tui::theme::Theme;
use crate::tui::wrap::{fit, pad, pad_left};

pub struct HomeView<'a> {
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// Which columns fit in a width.
struct Columns {
    unit: usize,
    /// Width of the questionnaire column (0: not shown).
    questionnaire: usize,
    /// Characters of the last change shown: 16 `YYYY-MM-DD HH:MM`, 10 the date, 0 none.
    updated: usize,
}

/// Width of the status column (draft / final), always shown: the list is never narrower
/// than `MIN_WIDTH` less its borders, which leaves room for it.
const STATUS_W: usize = 6;

impl Columns {
    fn for_width(w: usize) -> Columns {
        // marker 2, a space after the unit, period 8, progress 8, index 7 (each with a space),
        // category 4, status
        let fixed = 2 + 1 + 9 + 9 + 8 + 4 + 1 + STATUS_W;
        let (questionnaire, updated) = match w {
            w if w >= 96 => (12, 16),
            // Below that the questionnaire gives way: the unit's name matters more.
            w if w >= 74 => (0, 10),
            _ => (0, 0),
        };
        let col = |n: usize| if n > 0 { n + 1 } else { 0 };
        let extra = col(questionnaire) + col(updated);
        Columns {
            unit: w.saturating_sub(fixed + extra).max(8),
            questionnaire,
            updated,
        }
    }
}

impl Widget for HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, th) = (self.m, self.theme);
        let t = m.t();
        let [title, folder, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(3),
        ])
        .areas(area);
        buf.set_line(
            title.x,
            title.y,
            &Line::from(vec![
                Span::styled(" pmprb", th.title),
                Span::styled(format!(" · {}", t.app_title), th.base),
            ]),
            title.width,
        );
        let dir = match &m.home.dir {
            Some(d) => fill(t.data_folder, &[&clean_line(&d.display().to_string())]),
            None => t.no_data_folder.to_string(),
        };
        buf.set_stringn(
            folder.x,
            folder.y,
            fit(&format!(" {dir}"), folder.width as usize),
            folder.width as usize,
            th.dim,
        );

        let n = m.home.entries.len();
        let inner = titled_box(&format!("{} ({n})", t.drafts), th.border, th, list, buf);
        let w = inner.width as usize;
        let cols = Columns::for_width(w);

        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        if n > 0 {
            let mut head = format!("  {} {} ", pad(t.unit, cols.unit), pad(t.period, 8));
            if cols.questionnaire > 0 {
                head.push_str(&format!("{} ", pad(t.questionnaire, cols.questionnaire)));
            }
            head.push_str(&format!(
                "{} {} {}",
                pad_left(t.answered, 8),
                pad_left(t.index, 7),
                pad(t.category_short, 4)
            ));
            head.push_str(&format!(" {}", pad(t.status_col, STATUS_W)));
            if cols.updated > 0 {
                head.push_str(&format!(" {}", t.updated));
            }
            lines.push(Line::from(Span::styled(head, th.dim)));
        } else if m.home.loaded {
            for l in wrapped(t.welcome, w.saturating_sub(2), 1, th.base) {
                lines.push(l);
            }
            lines.push(Line::default());
        }
        if let Some(e) = &m.home.error {
            lines.extend(wrapped(&format!("✗ {}", clean_line(e)), w, 1, th.error));
        }
        for (i, e) in m.home.entries.iter().enumerate() {
            let sel = i == m.home.selected;
            if sel {
                selected_line = lines.len();
            }
            lines.push(entry_line(e, sel, &cols, w, m, th));
        }
        let sel = m.home.selected >= n;
        if sel {
            selected_line = lines.len();
        }
        let new_row = pad(
            &format!("{} {}", if sel { "▶ +" } else { "  +" }, t.new_assessment),
            w,
        );
        lines.push(Line::from(Span::styled(
            new_row,
            if sel { th.selected } else { th.title },
        )));

        let h = inner.height as usize;
        let skip = if selected_line >= h {
            selected_line + 1 - h
        } else {
            0
        };
        put_lines(&lines, skip, inner, buf);
    }
}

fn entry_line(
    e: &HomeEntry,
    sel: bool,
    cols: &Columns,
    w: usize,
    m: &Model,
    th: &Theme,
) -> Line<'static> {
    let marker = if sel { "▶ " } else { "  " };
    let text = match &e.info {
        Ok(d) => {
            let mut s = format!(
                "{marker}{} {} ",
                pad(&clean_line(&d.unit), cols.unit),
                pad(&clean_line(&d.period), 8)
            );
            if cols.questionnaire > 0 {
                let q = clean_line(&d.questionnaire);
                s.push_str(&format!("{} ", pad(&q, cols.questionnaire)));
            }
            let t = m.t();
            let status = if d.is_final {
                t.status_final
            } else {
                t.status_draft
            };
            s.push_str(&format!(
                "{} {} {} {}",
                pad_left(&format!("{}/{}", d.answered, d.questions), 8),
                pad_left(&m.lang.num(d.index), 7),
                pad(&clean_line(&d.category), 4),
                pad(status, STATUS_W)
            ));
            if cols.updated > 0 {
                let u: String = clean_line(&d.updated).chars().take(cols.updated).collect();
                s.push_str(&format!(" {u}"));
            }
            s
        }
        Err(why) => format!("{marker}! {} — {}", clean_line(&e.file), clean_line(why)),
    };
    let style: Style = match (&e.info, sel) {
        (_, true) => th.selected,
        (Err(_), false) => th.error,
        _ => th.base,
    };
    Line::from(Span::styled(pad(&text, w), style))
}
