//! The one key table. `action` reads it to turn a key into an [`Action`]; the footer and
//! the `?` help screen are drawn from the same rows, so they cannot drift from what the
//! keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::Input;

use super::action::Action;
use crate::i18n::tui::TuiTexts;

/// Which key table is in force: the screen, or the overlay on top of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Home,
    Form,
    Walk,
    /// The review screen.
    Review,
    /// Typing a number (or a ratio) on the walk.
    Number,
    Editor,
    Search,
    Help,
    Confirm,
}

/// A key as the table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// This character, typed without Ctrl or Alt (Shift is part of the character).
    Ch(char),
    /// A special key without Ctrl or Alt.
    Code(KeyCode),
    /// Ctrl and this letter.
    Ctrl(char),
    /// Any of 0–9.
    Digit,
    /// 0–9, comma, dot or minus: what a decimal number is typed with (a number scale
    /// may go below zero).
    NumberChar,
    /// Any printable character (text fields).
    Printable,
}

/// One row of the table: keys, how the help shows them, what they do.
pub struct Binding {
    pub keys: &'static [Key],
    /// How the footer and help show the keys; the same in every language.
    pub caption: &'static str,
    /// The action for the key pressed (the code tells which of the keys it was).
    pub action: fn(KeyCode) -> Action,
    /// The footer's short words for the keys.
    pub text: fn(&TuiTexts) -> &'static str,
    /// The help screen's sentence for the keys.
    pub long: fn(&TuiTexts) -> &'static str,
    /// Shown in the footer (when there is room), not only in help.
    pub footer: bool,
}

use Key::{Ch, Code, Ctrl};
use KeyCode as C;

macro_rules! row {
    ($keys:expr, $caption:expr, $action:expr, $text:ident, $long:ident, $footer:expr) => {
        Binding {
            keys: $keys,
            caption: $caption,
            action: $action,
            text: |t| t.$text,
            long: |t| t.$long,
            footer: $footer,
        }
    };
}

fn up_down(k: KeyCode) -> Action {
    match k {
        C::Up | C::Char('k') | C::PageUp => Action::Up,
        _ => Action::Down,
    }
}

/// ← and →: the cursor in a text field (and, on the form, the questionnaire picked).
const LEFT_RIGHT: &[Key] = &[Code(C::Left), Code(C::Right)];

fn left_right(k: KeyCode) -> Action {
    if k == C::Left {
        Action::Left
    } else {
        Action::Right
    }
}

fn choose(k: KeyCode) -> Action {
    match k {
        C::Char(c) => Action::Choose(c.to_ascii_uppercase()),
        _ => Action::Unbound(String::new()),
    }
}

fn typed(k: KeyCode) -> Action {
    match k {
        C::Char(c) => Action::Type(c),
        _ => Action::Unbound(String::new()),
    }
}

fn editor_key(k: KeyCode) -> Action {
    Action::EditorKey(Input::from(KeyEvent::new(k, KeyModifiers::NONE)))
}

fn editor_ctrl(k: KeyCode) -> Action {
    Action::EditorKey(Input::from(KeyEvent::new(k, KeyModifiers::CONTROL)))
}

static HOME: &[Binding] = &[
    row!(
        &[Code(C::Up), Code(C::Down), Ch('k'), Ch('j')],
        "↑↓",
        up_down,
        k_home_move,
        k_home_move_l,
        true
    ),
    row!(
        &[Code(C::Enter)],
        "Enter",
        |_| Action::Enter,
        k_home_open,
        k_home_open_l,
        true
    ),
    row!(
        &[Ch('n')],
        "n",
        |_| Action::NewDraft,
        k_home_new,
        k_home_new_l,
        true
    ),
    row!(
        &[Ch('r')],
        "r",
        |_| Action::Refresh,
        k_home_refresh,
        k_home_refresh_l,
        false
    ),
    row!(&[Ch('?')], "?", |_| Action::Help, k_help, k_help_l, true),
    row!(
        &[Ch('q')],
        "q",
        |_| Action::Back,
        k_quit_app,
        k_quit_app_l,
        true
    ),
];

static FORM: &[Binding] = &[
    row!(
        &[Code(C::Tab), Code(C::Down)],
        "Tab ↓",
        |_| Action::Tab,
        k_form_next,
        k_form_next_l,
        true
    ),
    row!(
        &[Code(C::BackTab), Code(C::Up)],
        "Shift-Tab ↑",
        |_| Action::BackTab,
        k_form_prev,
        k_form_prev_l,
        false
    ),
    row!(
        LEFT_RIGHT,
        "←→",
        left_right,
        k_form_pick,
        k_form_pick_l,
        true
    ),
    row!(
        &[Code(C::Enter)],
        "Enter",
        |_| Action::Enter,
        k_form_enter,
        k_form_enter_l,
        true
    ),
    row!(
        &[Code(C::Esc)],
        "Esc",
        |_| Action::Esc,
        k_cancel,
        k_cancel_l,
        true
    ),
    row!(
        &[Code(C::Backspace)],
        "⌫",
        |_| Action::Backspace,
        k_delete_char,
        k_delete_char_l,
        false
    ),
    row!(&[Key::Printable], "abc", typed, k_type, k_type_l, false),
];

static WALK: &[Binding] = &[
    row!(
        &[Code(C::Up), Code(C::Down), Ch('k'), Ch('j')],
        "↑↓",
        up_down,
        k_walk_move,
        k_walk_move_l,
        true
    ),
    row!(
        &[
            Code(C::PageUp),
            Code(C::PageDown),
            Code(C::Left),
            Code(C::Right),
            Ch('h'),
            Ch('l')
        ],
        "PgUp PgDn",
        |k| match k {
            C::PageUp | C::Left | C::Char('h') => Action::PrevGroup,
            _ => Action::NextGroup,
        },
        k_walk_group,
        k_walk_group_l,
        false
    ),
    row!(
        &[
            Ch('y'),
            Ch('t'),
            Ch('a'),
            Ch('b'),
            Ch('c'),
            Ch('d'),
            Ch('e')
        ],
        "y/t a–e",
        choose,
        k_walk_answer,
        k_walk_answer_l,
        true
    ),
    row!(
        &[Key::Digit, Ch('-')],
        "0–9 -",
        |k| match k {
            C::Char(c) => Action::Digit(c),
            _ => Action::Unbound(String::new()),
        },
        k_walk_number,
        k_walk_number_l,
        false
    ),
    row!(
        &[Code(C::Enter), Ch('i')],
        "Enter",
        |_| Action::Edit,
        k_walk_edit,
        k_walk_edit_l,
        true
    ),
    row!(
        &[Ch('r')],
        "r",
        |_| Action::Review,
        k_walk_review,
        k_walk_review_l,
        true
    ),
    row!(
        &[Ctrl('f')],
        "Ctrl-F",
        |_| Action::Finalize,
        k_finalize,
        k_finalize_l,
        false
    ),
    row!(
        &[Ch('x')],
        "x",
        |_| Action::NotApplicable,
        k_walk_na,
        k_walk_na_l,
        true
    ),
    row!(
        &[Code(C::Backspace), Code(C::Delete)],
        "⌫",
        |_| Action::Clear,
        k_walk_clear,
        k_walk_clear_l,
        false
    ),
    row!(
        &[Ch('f')],
        "f",
        |_| Action::Flag,
        k_walk_flag,
        k_walk_flag_l,
        true
    ),
    row!(
        &[Ch('u')],
        "u",
        |_| Action::Undo,
        k_walk_undo,
        k_walk_undo_l,
        true
    ),
    row!(
        &[Ch('n')],
        "n",
        |_| Action::NextUnanswered,
        k_walk_next_open,
        k_walk_next_open_l,
        true
    ),
    row!(
        &[Ch('F')],
        "F",
        |_| Action::NextFlagged,
        k_walk_next_flag,
        k_walk_next_flag_l,
        false
    ),
    row!(
        &[Ch('/')],
        "/",
        |_| Action::Search,
        k_walk_search,
        k_walk_search_l,
        true
    ),
    row!(
        &[Ch('g')],
        "g",
        |_| Action::Jump,
        k_walk_jump,
        k_walk_jump_l,
        false
    ),
    row!(
        &[Ch('J'), Ch('K')],
        "J/K",
        |k| if k == C::Char('K') {
            Action::ScrollUp
        } else {
            Action::ScrollDown
        },
        k_walk_scroll,
        k_walk_scroll_l,
        false
    ),
    row!(&[Ch('?')], "?", |_| Action::Help, k_help, k_help_l, true),
    row!(
        &[Ch('q')],
        "q",
        |_| Action::Back,
        k_walk_back,
        k_walk_back_l,
        true
    ),
];

static REVIEW: &[Binding] = &[
    row!(
        &[Code(C::Up), Code(C::Down), Ch('k'), Ch('j')],
        "↑↓",
        up_down,
        k_review_move,
        k_review_move_l,
        true
    ),
    row!(
        &[Code(C::Tab), Code(C::BackTab)],
        "Tab",
        |k| if k == C::BackTab {
            Action::BackTab
        } else {
            Action::Tab
        },
        k_review_section,
        k_review_section_l,
        true
    ),
    row!(
        &[Code(C::Enter)],
        "Enter",
        |_| Action::Enter,
        k_review_enter,
        k_review_enter_l,
        true
    ),
    row!(
        &[Code(C::Left), Code(C::Right), Ch('h'), Ch('l')],
        "←→",
        |k| match k {
            C::Left | C::Char('h') => Action::Left,
            _ => Action::Right,
        },
        k_review_fold,
        k_review_fold_l,
        false
    ),
    row!(
        &[Code(C::PageUp), Code(C::PageDown)],
        "PgUp PgDn",
        |k| if k == C::PageUp {
            Action::PageUp
        } else {
            Action::PageDown
        },
        k_review_page,
        k_review_page_l,
        false
    ),
    row!(
        &[Ctrl('f')],
        "Ctrl-F",
        |_| Action::Finalize,
        k_finalize,
        k_finalize_l,
        false
    ),
    row!(&[Ch('?')], "?", |_| Action::Help, k_help, k_help_l, true),
    row!(
        &[Code(C::Esc), Ch('r'), Ch('q')],
        "Esc",
        |_| Action::Esc,
        k_review_back,
        k_review_back_l,
        true
    ),
];

static NUMBER: &[Binding] = &[
    row!(
        &[Key::NumberChar],
        "0–9 , . -",
        typed,
        k_num_type,
        k_num_type_l,
        true
    ),
    row!(
        &[Code(C::Backspace)],
        "⌫",
        |_| Action::Backspace,
        k_delete_char,
        k_delete_char_l,
        true
    ),
    row!(
        &[Code(C::Tab), Code(C::BackTab)],
        "Tab",
        |_| Action::Tab,
        k_num_tab,
        k_num_tab_l,
        true
    ),
    row!(
        &[Code(C::Enter)],
        "Enter",
        |_| Action::Enter,
        k_num_ok,
        k_num_ok_l,
        true
    ),
    row!(
        &[Code(C::Esc)],
        "Esc",
        |_| Action::Esc,
        k_cancel,
        k_cancel_l,
        true
    ),
];

static EDITOR: &[Binding] = &[
    row!(
        &[Code(C::Tab), Code(C::BackTab)],
        "Tab",
        |_| Action::Tab,
        k_ed_switch,
        k_ed_switch_l,
        true
    ),
    row!(
        &[Code(C::Esc)],
        "Esc",
        |_| Action::Esc,
        k_ed_done,
        k_ed_done_l,
        true
    ),
    row!(
        &[Code(C::Enter)],
        "Enter",
        editor_key,
        k_ed_newline,
        k_ed_newline_l,
        true
    ),
    row!(
        &[Ctrl('u'), Ctrl('r')],
        "Ctrl-U/R",
        editor_ctrl,
        k_ed_undo,
        k_ed_undo_l,
        false
    ),
];

static SEARCH: &[Binding] = &[
    row!(
        &[Code(C::Up), Code(C::Down)],
        "↑↓",
        up_down,
        k_search_move,
        k_search_move_l,
        true
    ),
    row!(
        &[Code(C::Enter)],
        "Enter",
        |_| Action::Enter,
        k_search_go,
        k_search_go_l,
        true
    ),
    row!(
        &[Code(C::Esc)],
        "Esc",
        |_| Action::Esc,
        k_cancel,
        k_cancel_l,
        true
    ),
    row!(
        &[Code(C::Backspace)],
        "⌫",
        |_| Action::Backspace,
        k_delete_char,
        k_delete_char_l,
        false
    ),
    row!(LEFT_RIGHT, "←→", left_right, k_cursor, k_cursor_l, false),
    row!(
        &[Key::Printable],
        "abc",
        typed,
        k_search_type,
        k_search_type_l,
        false
    ),
];

static HELP: &[Binding] = &[
    row!(
        &[
            Code(C::Up),
            Code(C::Down),
            Ch('k'),
            Ch('j'),
            Code(C::PageUp),
            Code(C::PageDown)
        ],
        "↑↓",
        up_down,
        k_help_scroll,
        k_help_scroll_l,
        true
    ),
    row!(
        &[Code(C::Esc), Ch('?'), Ch('q'), Code(C::Enter)],
        "Esc",
        |_| Action::Esc,
        k_help_close,
        k_help_close_l,
        true
    ),
];

static CONFIRM: &[Binding] = &[
    row!(
        &[Ch('y'), Ch('Y')],
        "y",
        |_| Action::Yes,
        k_confirm_yes,
        k_confirm_yes_l,
        true
    ),
    row!(
        &[Ch('n'), Ch('N'), Code(C::Esc)],
        "n",
        |_| Action::No,
        k_confirm_no,
        k_confirm_no_l,
        true
    ),
];

/// Keys that work on every screen.
static GLOBAL: &[Binding] = &[
    row!(
        &[Ctrl('c')],
        "Ctrl-C",
        |_| Action::Quit,
        k_quit_anywhere,
        k_quit_anywhere_l,
        false
    ),
    row!(
        &[Code(C::F(1))],
        "F1",
        |_| Action::Help,
        k_help,
        k_help_l,
        false
    ),
];

/// The rows of one mode (without the global ones).
fn table(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Home => HOME,
        Mode::Form => FORM,
        Mode::Walk => WALK,
        Mode::Review => REVIEW,
        Mode::Number => NUMBER,
        Mode::Editor => EDITOR,
        Mode::Search => SEARCH,
        Mode::Help => HELP,
        Mode::Confirm => CONFIRM,
    }
}

/// Every row that works in `mode`, the mode's own first.
pub fn rows(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    table(mode).iter().chain(GLOBAL.iter())
}

fn matches(k: Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let plain = !ctrl && !alt;
    match (k, ev.code) {
        (Ch(c), C::Char(x)) => plain && x == c,
        (Ctrl(c), C::Char(x)) => ctrl && !alt && x.eq_ignore_ascii_case(&c),
        (Code(code), x) => plain && code == x,
        (Key::Digit, C::Char(x)) => plain && x.is_ascii_digit(),
        (Key::NumberChar, C::Char(x)) => {
            plain && (x.is_ascii_digit() || matches!(x, ',' | '.' | '-'))
        }
        (Key::Printable, C::Char(x)) => plain && !x.is_control(),
        _ => false,
    }
}

/// The action for a key in a mode. A key the table does not know becomes
/// [`Action::Unbound`] (so the status line can say so), except in the editor, where it
/// goes to the text area.
pub fn action(mode: Mode, ev: &KeyEvent) -> Action {
    for b in rows(mode) {
        if b.keys.iter().any(|&k| matches(k, ev)) {
            return (b.action)(ev.code);
        }
    }
    if mode == Mode::Editor {
        return Action::EditorKey(Input::from(*ev));
    }
    Action::Unbound(key_name(ev))
}

/// How a key is named in "key X does nothing here".
fn key_name(ev: &KeyEvent) -> String {
    let base = match ev.code {
        C::Char(' ') => "Space".to_string(),
        C::Char(c) => c.to_string(),
        C::F(n) => format!("F{n}"),
        C::Backspace => "⌫".into(),
        C::Enter => "Enter".into(),
        C::Left => "←".into(),
        C::Right => "→".into(),
        C::Up => "↑".into(),
        C::Down => "↓".into(),
        C::Home => "Home".into(),
        C::End => "End".into(),
        C::PageUp => "PgUp".into(),
        C::PageDown => "PgDn".into(),
        C::Tab => "Tab".into(),
        C::BackTab => "Shift-Tab".into(),
        C::Delete => "Del".into(),
        C::Insert => "Ins".into(),
        C::Esc => "Esc".into(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if ev.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if ev.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&crate::text::clean_line(&base));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn walk_letters_choose_upper_case_codes() {
        assert_eq!(action(Mode::Walk, &key(C::Char('y'))), Action::Choose('Y'));
        assert_eq!(action(Mode::Walk, &key(C::Char('c'))), Action::Choose('C'));
        assert_eq!(action(Mode::Walk, &key(C::Char('7'))), Action::Digit('7'));
    }

    #[test]
    fn shift_f_is_next_flagged_and_f_is_flag() {
        let shift_f = KeyEvent::new(C::Char('F'), KeyModifiers::SHIFT);
        assert_eq!(action(Mode::Walk, &shift_f), Action::NextFlagged);
        assert_eq!(action(Mode::Walk, &key(C::Char('f'))), Action::Flag);
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let ev = KeyEvent::new(C::Char('c'), KeyModifiers::CONTROL);
        for m in [
            Mode::Home,
            Mode::Form,
            Mode::Walk,
            Mode::Review,
            Mode::Number,
            Mode::Editor,
            Mode::Search,
            Mode::Help,
        ] {
            assert_eq!(action(m, &ev), Action::Quit, "{m:?}");
        }
    }

    #[test]
    fn r_reviews_and_ctrl_f_finalizes_on_the_walk_and_the_review() {
        assert_eq!(action(Mode::Walk, &key(C::Char('r'))), Action::Review);
        let ctrl_f = KeyEvent::new(C::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Walk, &ctrl_f), Action::Finalize);
        assert_eq!(action(Mode::Review, &ctrl_f), Action::Finalize);
        assert_eq!(action(Mode::Review, &key(C::Char('r'))), Action::Esc);
        assert_eq!(action(Mode::Review, &key(C::BackTab)), Action::BackTab);
        assert_eq!(action(Mode::Review, &key(C::PageDown)), Action::PageDown);
    }

    #[test]
    fn arrows_move_the_cursor_in_search_and_jump_as_in_the_form() {
        // `/` and `g` share the search's table.
        for m in [Mode::Search, Mode::Form] {
            assert_eq!(action(m, &key(C::Left)), Action::Left, "{m:?}");
            assert_eq!(action(m, &key(C::Right)), Action::Right, "{m:?}");
        }
        for lang in [crate::i18n::Lang::Id, crate::i18n::Lang::En] {
            let t = lang.tui();
            let row = table(Mode::Search)
                .iter()
                .find(|b| b.keys == LEFT_RIGHT)
                .expect("a ←→ row");
            let long = (row.long)(t);
            assert!(long.contains("kursor") || long.contains("cursor"), "{long}");
            assert!(!long.contains(';'), "{long}");
        }
    }

    #[test]
    fn text_fields_take_letters_that_are_commands_elsewhere() {
        assert_eq!(action(Mode::Search, &key(C::Char('q'))), Action::Type('q'));
        assert_eq!(action(Mode::Form, &key(C::Char('n'))), Action::Type('n'));
    }

    #[test]
    fn unknown_keys_are_named() {
        assert_eq!(
            action(Mode::Walk, &key(C::Char('z'))),
            Action::Unbound("z".into())
        );
        assert_eq!(
            action(Mode::Number, &key(C::Char('y'))),
            Action::Unbound("y".into())
        );
    }

    #[test]
    fn editor_sends_other_keys_to_the_text_area() {
        assert!(matches!(
            action(Mode::Editor, &key(C::Char('q'))),
            Action::EditorKey(_)
        ));
        assert_eq!(action(Mode::Editor, &key(C::Esc)), Action::Esc);
    }

    #[test]
    fn every_mode_has_a_footer_and_a_way_out() {
        for m in [
            Mode::Home,
            Mode::Form,
            Mode::Walk,
            Mode::Review,
            Mode::Number,
            Mode::Editor,
            Mode::Search,
            Mode::Help,
            Mode::Confirm,
        ] {
            assert!(table(m).iter().any(|b| b.footer), "{m:?}");
        }
    }
}
