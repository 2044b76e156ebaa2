//! Every style the app draws with, in one place. With `NO_COLOR` set the styles keep only
//! bold, reverse and underline; no state is ever told by colour alone (each also has a
//! marker or reverse video), so nothing is lost.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub dim: Style,
    pub border: Style,
    pub border_focus: Style,
    /// The selected row or option (reverse video, so it shows without colour).
    pub selected: Style,
    pub answered: Style,
    pub open: Style,
    pub flagged: Style,
    pub invalid: Style,
    pub index: Style,
    pub category: Style,
    pub key: Style,
    pub info: Style,
    pub warn: Style,
    pub error: Style,
    pub banner: Style,
    pub banner_error: Style,
    pub input: Style,
}

impl Theme {
    /// Colours unless `NO_COLOR` (any non-empty value) is set.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!no_color)
    }

    pub fn new(color: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let rev = Style::new().add_modifier(Modifier::REVERSED);
        if !color {
            return Theme {
                base: Style::new(),
                title: bold,
                dim: Style::new(),
                border: Style::new(),
                border_focus: bold,
                selected: rev,
                answered: Style::new(),
                open: Style::new(),
                flagged: bold,
                invalid: bold,
                index: bold,
                category: bold,
                key: bold,
                info: Style::new(),
                warn: bold,
                error: bold,
                banner: rev,
                banner_error: rev.add_modifier(Modifier::BOLD),
                input: Style::new().add_modifier(Modifier::UNDERLINED),
            };
        }
        Theme {
            base: Style::new(),
            title: bold.fg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            selected: rev,
            answered: Style::new().fg(Color::Green),
            open: Style::new().fg(Color::Yellow),
            flagged: bold.fg(Color::Magenta),
            invalid: bold.fg(Color::Red),
            index: bold.fg(Color::White),
            category: bold.fg(Color::Cyan),
            key: bold.fg(Color::Cyan),
            info: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            error: bold.fg(Color::Red),
            banner: Style::new().fg(Color::Black).bg(Color::Yellow),
            banner_error: bold.fg(Color::White).bg(Color::Red),
            input: Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .fg(Color::White),
        }
    }
}
