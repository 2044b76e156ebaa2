//! The "new assessment" form: unit, period, and the questionnaire (an embedded one or a
//! file).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{centered, put_lines, wrapped};
use crate::i18n::fill;
use crate::text::clean_line;
use crate::tui::model::{Field, FormField, Model};
use crate::tui::theme::Theme;
use crate::tui::wrap::{fit, pad};

pub struct FormView<'a> {
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// A field's text with a block cursor drawn as reverse video (no terminal cursor needed);
/// a default that typing replaces is drawn all in reverse video, as selected.
pub fn field_spans(f: &Field, width: usize, focused: bool, th: &Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = clean_line(&f.text).chars().collect();
    let cursor = f.cursor.min(chars.len());
    // Keep the cursor in view: show the tail when the text is longer than the field.
    let start = (cursor + 1).saturating_sub(width.max(1));
    let shown: String = chars[start..].iter().collect();
    if !focused {
        return vec![
            Span::raw("["),
            Span::styled(pad(&shown, width), th.input),
            Span::raw("]"),
        ];
    }
    if f.prefilled {
        // A default the first key replaces: shown selected, like in any form.
        let used = crate::tui::wrap::width(&shown);
        return vec![
            Span::raw("["),
            Span::styled(shown, th.selected),
            Span::styled(" ".repeat(width.saturating_sub(used)), th.input),
            Span::raw("]"),
        ];
    }
    let at = cursor - start;
    let before: String = shown.chars().take(at).collect();
    let under: String = shown
        .chars()
        .nth(at)
        .map(String::from)
        .unwrap_or_else(|| " ".into());
    let after: String = shown.chars().skip(at + 1).collect();
    let used = crate::tui::wrap::width(&before)
        + crate::tui::wrap::width(&under)
        + crate::tui::wrap::width(&after);
    vec![
        Span::raw("["),
        Span::styled(before, th.input),
        Span::styled(under, th.selected),
        Span::styled(after, th.input),
        Span::styled(" ".repeat(width.saturating_sub(used)), th.input),
        Span::raw("]"),
    ]
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, th) = (self.m, self.theme);
        let t = m.t();
        let f = &m.form;
        let file_row = f.choice >= m.catalog.len();
        let box_area = centered(area, 76, if file_row { 16 } else { 14 });
        Clear.render(box_area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(Span::styled(format!(" {} ", t.new_assessment), th.title));
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        let w = inner.width as usize;
        let label_w = 20.min(w / 3);
        let field_w = w.saturating_sub(label_w + 6);

        let mut lines: Vec<Line> = wrapped(t.form_help, w, 1, th.dim);
        lines.push(Line::default());
        let label = |name: &str, focused: bool| -> Span<'static> {
            let mark = if focused { "▶ " } else { "  " };
            Span::styled(
                format!("{mark}{}", pad(name, label_w)),
                if focused { th.title } else { th.base },
            )
        };
        let text_row = |name: &str, field: &Field, which: FormField, lines: &mut Vec<Line>| {
            let focused = f.focus == which;
            let mut spans = vec![label(name, focused), Span::raw(" ")];
            spans.extend(field_spans(field, field_w, focused, th));
            lines.push(Line::from(spans));
        };
        text_row(t.form_unit, &f.unit, FormField::Unit, &mut lines);
        text_row(t.form_period, &f.period, FormField::Period, &mut lines);
        let focused = f.focus == FormField::Questionnaire;
        let pick = match m.catalog.get(f.choice) {
            Some(c) => fill(
                t.form_choice,
                &[&clean_line(&c.id), &clean_line(&c.title), &c.questions],
            ),
            None => t.form_other_file.to_string(),
        };
        lines.push(Line::from(vec![
            label(t.form_questionnaire, focused),
            Span::raw(" "),
            Span::styled(
                format!("◀ {} ▶", fit(&pick, field_w.saturating_sub(4))),
                if focused { th.selected } else { th.input },
            ),
        ]));
        if file_row {
            text_row(t.form_file, &f.file, FormField::File, &mut lines);
        }
        lines.push(Line::default());
        let others: Vec<String> = m
            .catalog
            .iter()
            .map(|c| {
                format!(
                    "{} ({} {})",
                    clean_line(&c.id),
                    c.questions,
                    t.questions_word
                )
            })
            .collect();
        lines.extend(wrapped(
            &fill(t.form_available, &[&others.join(", ")]),
            w,
            1,
            th.dim,
        ));
        if let Some(d) = &m.home.dir {
            lines.extend(wrapped(
                &fill(t.form_saved_in, &[&clean_line(&d.display().to_string())]),
                w,
                1,
                th.dim,
            ));
        }
        put_lines(&lines, 0, inner, buf);
    }
}
