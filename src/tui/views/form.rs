//! The "new assessment" form: unit, period, and the questionnaire (an embedded one or a
//! file).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{centered, put_lines, titled_box, wrapped};
use crate::i18n::fill;
use crate::text::clean_line;
use crate::tui::model::{Field, FormField, Model};
use crate::tui::theme::Theme;
use crate::tui::wrap::{char_width, fit, pad};

pub struct FormView<'a> {
    pub m: &'a Model,
    pub theme: &'a Theme,
}

/// A field's text with a block cursor drawn as reverse video (no terminal cursor needed);
/// a default that typing replaces is drawn all in reverse video, as selected. The text
/// never takes more than `width` cells: the part shown is chosen in cells (a CJK character
/// or an emoji takes two), keeping the cursor in view.
pub fn field_spans(f: &Field, width: usize, focused: bool, th: &Theme) -> Vec<Span<'static>> {
    let width = width.max(1);
    let chars: Vec<char> = clean_line(&f.text).chars().collect();
    let (start, cursor, end) = window(&chars, f.cursor, width);
    if !focused {
        let rest: String = chars[start..].iter().collect();
        return vec![
            Span::raw("["),
            Span::styled(pad(&rest, width), th.input),
            Span::raw("]"),
        ];
    }
    let text = |from: usize, to: usize| -> String { chars[from..to].iter().collect() };
    if f.prefilled {
        // A default the first key replaces: shown selected, like in any form.
        let shown = text(start, end);
        let used = crate::tui::wrap::width(&shown);
        return vec![
            Span::raw("["),
            Span::styled(shown, th.selected),
            Span::styled(" ".repeat(width.saturating_sub(used)), th.input),
            Span::raw("]"),
        ];
    }
    let before = text(start, cursor);
    let under = match chars.get(cursor) {
        Some(&c) if char_width(c) <= width => c.to_string(),
        // A wide character in a one-cell field: a mark in its place.
        Some(_) => "…".into(),
        None => " ".into(),
    };
    let after = text((cursor + 1).min(end), end);
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

/// The characters of a field shown in `width` cells (at least 1): `(start, cursor, end)`,
/// with the cursor clamped to the text. From the cursor back while the characters before it
/// and the cell under it (a space past the end) fit, then forward while they fit.
fn window(chars: &[char], cursor: usize, width: usize) -> (usize, usize, usize) {
    let cursor = cursor.min(chars.len());
    let under = chars.get(cursor).map_or(1, |&c| char_width(c)).min(width);
    let mut start = cursor;
    let mut used = under;
    while start > 0 {
        let cw = char_width(chars[start - 1]);
        if used + cw > width {
            break;
        }
        used += cw;
        start -= 1;
    }
    let mut end = (cursor + 1).min(chars.len());
    while end < chars.len() {
        let cw = char_width(chars[end]);
        if used + cw > width {
            break;
        }
        used += cw;
        end += 1;
    }
    (start, cursor, end)
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, th) = (self.m, self.theme);
        let t = m.t();
        let f = &m.form;
        let file_row = f.choice >= m.catalog.len();
        let box_area = centered(area, 76, if file_row { 16 } else { 14 });
        Clear.render(box_area, buf);
        let inner = titled_box(t.new_assessment, th.border_focus, th, box_area, buf);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::wrap::width;

    /// The cells inside the brackets, and the text under the cursor.
    fn drawn(f: &Field, w: usize, focused: bool) -> (usize, String, String) {
        let th = Theme::new(false);
        let spans = field_spans(f, w, focused, &th);
        let inside = &spans[1..spans.len() - 1];
        let text: String = inside.iter().map(|s| s.content.as_ref()).collect();
        let under = if focused && !f.prefilled {
            inside[1].content.to_string()
        } else {
            String::new()
        };
        (width(&text), text, under)
    }

    fn field(text: &str, cursor: usize, prefilled: bool) -> Field {
        Field {
            text: text.to_string(),
            cursor,
            prefilled,
        }
    }

    #[test]
    fn a_long_value_stays_in_its_box_with_the_cursor_in_the_middle() {
        let value: String = ('a'..='z').chain('A'..='D').collect();
        for cursor in 0..=30 {
            for focused in [true, false] {
                let (cells, text, under) = drawn(&field(&value, cursor, false), 10, focused);
                assert_eq!(cells, 10, "cursor {cursor}: {text:?}");
                if focused {
                    let want = value.chars().nth(cursor).map_or(" ".into(), String::from);
                    assert_eq!(under, want, "cursor {cursor}");
                }
            }
        }
        let (_, text, _) = drawn(&field(&value, 2, false), 10, true);
        assert_eq!(text, "abcdefghij");
        let (_, text, _) = drawn(&field(&value, 15, false), 10, true);
        assert_eq!(text, "ghijklmnop");
        let (_, text, _) = drawn(&field(&value, 30, true), 10, true);
        assert_eq!(text, "vwxyzABCD ");
    }

    #[test]
    fn wide_characters_count_two_cells() {
        let value = "漢字🙂".repeat(10);
        for cursor in 0..=30 {
            for (focused, prefilled) in [(true, false), (true, true), (false, false)] {
                let f = field(&value, cursor, prefilled);
                let (cells, text, under) = drawn(&f, 10, focused);
                assert_eq!(cells, 10, "cursor {cursor}: {text:?}");
                if focused && !prefilled {
                    let want = value.chars().nth(cursor).map_or(" ".into(), String::from);
                    assert_eq!(under, want, "cursor {cursor}");
                }
            }
        }
        // An odd width: the cell left over is padding.
        let (cells, text, _) = drawn(&field(&value, 4, false), 9, true);
        assert_eq!((cells, text.as_str()), (9, "字🙂漢字 "));
        // A wide character in a one-cell field does not push the box out.
        let (cells, _, _) = drawn(&field("漢", 0, false), 1, true);
        assert_eq!(cells, 1);
    }
}
