//! Every action through `update`, on the sample questionnaire, with no terminal.

use std::path::PathBuf;

use ratatui_textarea::{Input, Key};

use super::update;
use crate::answer::Answer;
use crate::catalog;
use crate::draft::Draft;
use crate::i18n::Lang;
use crate::tui::action::{Action, Effect, NewDraft, Source};
use crate::tui::keymap::Mode;
use crate::tui::model::{
    CatalogEntry, Confirm, DraftInfo, FormField, HomeEntry, Level, Model, Screen, SearchKind,
    Session, resume_position,
};

fn contoh() -> crate::questionnaire::Questionnaire {
    catalog::find_embedded("contoh").expect("the sample questionnaire is embedded")
}

fn session_with(answers: &[(&str, Answer)]) -> Session {
    let q = contoh();
    let mut d = Draft::new(&q.id, &q.version, "Dinas Uji", "2024");
    for (id, a) in answers {
        d.answers.insert(id.to_string(), a.clone());
    }
    Session::new(PathBuf::from("/tmp/uji.toml"), d, q, None, None, Vec::new())
}

fn walking() -> Model {
    let mut m = Model::new(Lang::Id, catalog_entries(), "2024");
    m.on_opened(session_with(&[]));
    m
}

fn catalog_entries() -> Vec<CatalogEntry> {
    vec![
        CatalogEntry {
            id: "contoh".into(),
            version: "1".into(),
            title: "Kuesioner Contoh".into(),
            questions: 6,
        },
        CatalogEntry {
            id: "pmprb-2020".into(),
            version: "2020.1".into(),
            title: "LKE".into(),
            questions: 82,
        },
    ]
}

fn s(m: &Model) -> &Session {
    m.session.as_ref().expect("a session")
}

fn id(m: &Model) -> String {
    s(m).current().map(|n| n.id.clone()).unwrap_or_default()
}

fn value(m: &Model, qid: &str) -> Option<toml::Value> {
    s(m).draft.answers.get(qid).and_then(|a| a.value.clone())
}

fn run(m: &mut Model, actions: &[Action]) -> Option<Effect> {
    let mut last = None;
    for a in actions {
        last = update(m, a.clone());
    }
    last
}

fn typed(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, Action::Type(c));
    }
}

fn status(m: &Model) -> String {
    m.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn warned(m: &Model) -> bool {
    m.status.as_ref().is_some_and(|s| s.level != Level::Info)
}

// --- moving ------------------------------------------------------------------------------

#[test]
fn down_and_up_move_between_questions() {
    let mut m = walking();
    assert_eq!(id(&m), "A.1.a");
    update(&mut m, Action::Down);
    assert_eq!(id(&m), "A.1.b");
    update(&mut m, Action::Up);
    assert_eq!(id(&m), "A.1.a");
}

#[test]
fn up_on_the_first_question_says_so() {
    let mut m = walking();
    update(&mut m, Action::Up);
    assert_eq!(id(&m), "A.1.a");
    assert!(warned(&m));
    assert!(status(&m).contains("pertama"));
}

#[test]
fn down_on_the_last_question_says_so() {
    let mut m = walking();
    run(&mut m, &vec![Action::Down; 10]);
    assert_eq!(id(&m), "B.b");
    assert!(status(&m).contains("terakhir"));
}

#[test]
fn page_down_and_up_move_by_group() {
    let mut m = walking();
    update(&mut m, Action::NextGroup);
    assert_eq!(id(&m), "A.2.a");
    update(&mut m, Action::NextGroup);
    assert_eq!(id(&m), "B.a");
    update(&mut m, Action::NextGroup);
    assert_eq!(id(&m), "B.a");
    assert!(warned(&m));
    update(&mut m, Action::Down);
    update(&mut m, Action::PrevGroup);
    assert_eq!(id(&m), "A.2.a");
    update(&mut m, Action::PrevGroup);
    assert_eq!(id(&m), "A.1.a");
    update(&mut m, Action::PrevGroup);
    assert!(warned(&m));
}

#[test]
fn scrolling_moves_the_question_text_only() {
    let mut m = walking();
    update(&mut m, Action::ScrollDown);
    assert_eq!(s(&m).scroll, 3);
    update(&mut m, Action::ScrollUp);
    update(&mut m, Action::ScrollUp);
    assert_eq!(s(&m).scroll, 0);
    assert_eq!(id(&m), "A.1.a");
}

/// Draws the app at `w` × `h`, as the loop does between keys; the screen's text.
fn draw(m: &Model, w: u16, h: u16) -> String {
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    crate::tui::views::render(m, &crate::tui::theme::Theme::new(false), area, &mut buf);
    buf.content().iter().map(|c| c.symbol()).collect()
}

#[test]
fn scrolling_stops_where_the_question_ends_on_screen_so_k_shows_at_once() {
    let mut m = walking();
    let (w, h) = (60, 16);
    draw(&m, w, h);
    let max = s(&m).scroll_max().expect("the view says how far");
    assert!(max > 3, "the question is longer than a small screen: {max}");
    for _ in 0..10 {
        update(&mut m, Action::ScrollDown);
        draw(&m, w, h);
    }
    assert_eq!(s(&m).scroll, max);
    let at_end = draw(&m, w, h);
    update(&mut m, Action::ScrollUp);
    assert_eq!(s(&m).scroll, max - 3);
    assert_ne!(draw(&m, w, h), at_end, "one K is seen");
}

#[test]
fn a_question_that_fits_does_not_scroll() {
    let mut m = walking();
    draw(&m, 120, 60);
    assert_eq!(s(&m).scroll_max(), Some(0));
    run(&mut m, &vec![Action::ScrollDown; 10]);
    assert_eq!(s(&m).scroll, 0);
}

#[test]
fn after_the_terminal_grows_k_scrolls_up_from_the_new_end() {
    let mut m = walking();
    draw(&m, 60, 16);
    run(&mut m, &vec![Action::ScrollDown; 10]);
    let small = s(&m).scroll;
    draw(&m, 60, 20);
    let max = s(&m).scroll_max().expect("drawn");
    assert!(max < small, "{max} < {small}");
    update(&mut m, Action::ScrollUp);
    assert_eq!(s(&m).scroll, max.saturating_sub(3));
}

#[test]
fn the_scroll_end_of_one_question_is_not_used_for_the_next() {
    let mut m = walking();
    draw(&m, 120, 60);
    assert_eq!(s(&m).scroll_max(), Some(0));
    update(&mut m, Action::Down);
    assert_eq!(s(&m).scroll_max(), None, "not drawn yet");
    update(&mut m, Action::ScrollDown);
    assert_eq!(s(&m).scroll, 3, "the view stops it where it ends");
    draw(&m, 120, 60);
    update(&mut m, Action::ScrollUp);
    assert_eq!(s(&m).scroll, 0);
}

#[test]
fn help_scrolls_to_its_last_row_and_no_further() {
    let mut m = walking();
    update(&mut m, Action::Help);
    let (w, h) = (60, 16);
    draw(&m, w, h);
    let max = m
        .help
        .as_ref()
        .and_then(|h| h.scroll_max.get())
        .expect("the view says how far");
    assert!(
        max > 1,
        "the walk's help is longer than a small screen: {max}"
    );
    for _ in 0..max + 20 {
        update(&mut m, Action::Down);
        draw(&m, w, h);
    }
    assert_eq!(m.help.as_ref().map(|h| h.scroll), Some(max));
    let at_end = draw(&m, w, h);
    update(&mut m, Action::Up);
    assert_eq!(m.help.as_ref().map(|h| h.scroll), Some(max - 1));
    assert_ne!(draw(&m, w, h), at_end, "one ↑ is seen");
}

// --- answering ---------------------------------------------------------------------------

#[test]
fn y_answers_ya_moves_on_and_the_index_follows() {
    let mut m = walking();
    update(&mut m, Action::Choose('Y'));
    assert_eq!(value(&m, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(id(&m), "A.1.b");
    assert_eq!(s(&m).score.index, 15.0);
    assert_eq!(s(&m).score.answered, 1);
    assert!(s(&m).dirty());
    assert!(s(&m).draft.answers["A.1.a"].updated.is_some());
}

#[test]
fn a_letter_picks_that_option() {
    let mut m = walking();
    run(&mut m, &[Action::Down, Action::Choose('B')]);
    assert_eq!(value(&m, "A.1.b"), Some(toml::Value::String("B".into())));
    assert_eq!(s(&m).score.index, 7.5);
}

#[test]
fn an_option_the_question_does_not_have_says_which_it_has() {
    let mut m = walking();
    update(&mut m, Action::Choose('C'));
    assert!(value(&m, "A.1.a").is_none());
    assert!(status(&m).contains("Y/T"), "{}", status(&m));
    assert_eq!(id(&m), "A.1.a");
}

#[test]
fn a_letter_on_a_number_question_says_to_type_the_number() {
    let mut m = walking();
    update(&mut m, Action::NextGroup);
    update(&mut m, Action::Choose('A'));
    assert!(value(&m, "A.2.a").is_none());
    assert!(warned(&m));
}

#[test]
fn a_digit_on_a_choice_question_says_which_options_there_are() {
    let mut m = walking();
    update(&mut m, Action::Digit('1'));
    assert!(s(&m).input.is_none());
    assert!(status(&m).contains("Y/T"));
}

#[test]
fn a_whole_number_is_stored_as_an_integer() {
    let mut m = walking();
    update(&mut m, Action::NextGroup);
    update(&mut m, Action::Digit('8'));
    assert_eq!(m.mode(), Mode::Number);
    typed(&mut m, "5");
    update(&mut m, Action::Enter);
    assert_eq!(value(&m, "A.2.a"), Some(toml::Value::Integer(85)));
    assert_eq!(id(&m), "A.2.b");
    assert_eq!(m.mode(), Mode::Walk);
}

#[test]
fn a_decimal_comma_is_stored_as_a_float() {
    let mut m = walking();
    update(&mut m, Action::NextGroup);
    update(&mut m, Action::Digit('8'));
    typed(&mut m, "5,5");
    update(&mut m, Action::Enter);
    assert_eq!(value(&m, "A.2.a"), Some(toml::Value::Float(85.5)));
}

#[test]
fn a_ratio_takes_two_fields_with_tab() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('3'),
            Action::Tab,
        ],
    );
    typed(&mut m, "4");
    update(&mut m, Action::Enter);
    let pair = toml::Value::Array(vec![toml::Value::Integer(3), toml::Value::Integer(4)]);
    assert_eq!(value(&m, "A.2.b"), Some(pair));
    assert_eq!(id(&m), "B.a");
}

#[test]
fn enter_in_the_numerator_moves_to_the_denominator() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('3'),
            Action::Enter,
        ],
    );
    assert!(s(&m).input.as_ref().is_some_and(|i| i.on_second));
    assert!(value(&m, "A.2.b").is_none());
}

#[test]
fn a_zero_denominator_is_refused_and_typing_goes_on() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('3'),
            Action::Tab,
        ],
    );
    typed(&mut m, "0");
    update(&mut m, Action::Enter);
    assert!(value(&m, "A.2.b").is_none());
    assert_eq!(m.mode(), Mode::Number);
    assert!(warned(&m));
}

#[test]
fn a_number_out_of_range_is_refused_with_the_range() {
    let mut m = walking();
    run(
        &mut m,
        &[Action::NextGroup, Action::NextGroup, Action::Digit('7')],
    );
    update(&mut m, Action::Enter);
    assert!(value(&m, "B.a").is_none());
    assert!(status(&m).contains("1..4"), "{}", status(&m));
    assert_eq!(m.mode(), Mode::Number);
}

/// A number scale may go below zero: a minus sign reaches the value (here out of the
/// sample's 1..4, so it is refused with the range rather than as "not a number"), and the
/// key table lets it through.
#[test]
fn a_minus_sign_makes_a_negative_number() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let minus = KeyEvent::new(KeyCode::Char('-'), KeyModifiers::NONE);
    assert_eq!(
        crate::tui::keymap::action(Mode::Number, &minus),
        Action::Type('-')
    );
    let mut m = walking();
    assert_eq!(
        crate::tui::keymap::action(Mode::Walk, &minus),
        Action::Digit('-')
    );
    run(
        &mut m,
        &[Action::NextGroup, Action::NextGroup, Action::Digit('-')],
    );
    typed(&mut m, "2");
    update(&mut m, Action::Enter);
    assert!(value(&m, "B.a").is_none());
    assert!(
        status(&m).contains("-2") && status(&m).contains("1..4"),
        "{}",
        status(&m)
    );
}

#[test]
fn tab_on_a_plain_number_says_it_is_for_ratios() {
    let mut m = walking();
    run(
        &mut m,
        &[Action::NextGroup, Action::Digit('7'), Action::Tab],
    );
    assert!(warned(&m));
    assert_eq!(m.mode(), Mode::Number);
}

#[test]
fn esc_cancels_the_number() {
    let mut m = walking();
    run(
        &mut m,
        &[Action::NextGroup, Action::Digit('7'), Action::Esc],
    );
    assert_eq!(m.mode(), Mode::Walk);
    assert!(value(&m, "A.2.a").is_none());
}

#[test]
fn backspace_deletes_typed_digits_then_leaves_typing() {
    let mut m = walking();
    run(&mut m, &[Action::NextGroup, Action::Digit('7')]);
    typed(&mut m, "5");
    update(&mut m, Action::Backspace);
    assert_eq!(
        s(&m).input.as_ref().map(|i| i.first.clone()),
        Some("7".into())
    );
    update(&mut m, Action::Backspace);
    update(&mut m, Action::Backspace);
    assert_eq!(m.mode(), Mode::Walk);
}

#[test]
fn a_letter_while_typing_a_number_says_how_to_finish() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Digit('7'),
            Action::Unbound("y".into()),
        ],
    );
    assert!(status(&m).contains("Enter"));
    assert_eq!(m.mode(), Mode::Number);
}

#[test]
fn pasting_digits_while_typing_keeps_only_the_number() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Digit('7'),
            Action::Paste("5,5\n%".into()),
        ],
    );
    assert_eq!(
        s(&m).input.as_ref().map(|i| i.first.clone()),
        Some("75,5".into())
    );
}

fn typing(m: &Model) -> (String, String, bool) {
    let i = s(m).input.clone().expect("typing a number");
    (i.first, i.second, i.on_second)
}

#[test]
fn a_pasted_ratio_fills_the_numerator_and_the_denominator() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('1'),
            Action::Paste("3/4".into()),
        ],
    );
    assert_eq!(typing(&m), ("3".into(), "4".into(), true));
    update(&mut m, Action::Enter);
    let pair = toml::Value::Array(vec![toml::Value::Integer(3), toml::Value::Integer(4)]);
    assert_eq!(value(&m, "A.2.b"), Some(pair));
}

#[test]
fn a_ratio_pasted_into_the_denominator_replaces_both_fields() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('1'),
            Action::Tab,
            Action::Type('2'),
            Action::Paste(" 12,5 / 50 ".into()),
        ],
    );
    assert_eq!(typing(&m), ("12,5".into(), "50".into(), true));
}

#[test]
fn a_paste_without_a_slash_goes_into_the_field_being_typed() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('1'),
            Action::Tab,
            Action::Paste("25".into()),
        ],
    );
    assert_eq!(typing(&m), ("1".into(), "25".into(), true));
}

#[test]
fn a_number_field_holds_24_characters_typed_or_pasted() {
    let mut m = walking();
    run(&mut m, &[Action::NextGroup, Action::Digit('1')]);
    typed(&mut m, &"2".repeat(19));
    update(&mut m, Action::Paste("3".repeat(30)));
    let (first, ..) = typing(&m);
    assert_eq!(first.chars().count(), 24);
    assert_eq!(first, format!("1{}{}", "2".repeat(19), "3".repeat(4)));
    update(&mut m, Action::Type('4'));
    assert_eq!(typing(&m).0, first);
    // A ratio's fields too.
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::Down,
            Action::Digit('1'),
            Action::Paste(format!("{}/{}", "5".repeat(30), "6".repeat(30))),
        ],
    );
    assert_eq!(typing(&m), ("5".repeat(24), "6".repeat(24), true));
}

#[test]
fn x_marks_not_applicable_where_allowed() {
    let mut m = walking();
    run(
        &mut m,
        &[Action::NextGroup, Action::Down, Action::NotApplicable],
    );
    assert!(s(&m).draft.answers["A.2.b"].na);
    assert_eq!(s(&m).score.not_applicable, 1);
    assert_eq!(id(&m), "B.a");
}

#[test]
fn x_where_not_allowed_says_why() {
    let mut m = walking();
    update(&mut m, Action::NotApplicable);
    assert!(!s(&m).draft.answers.contains_key("A.1.a"));
    assert!(status(&m).contains("tidak berlaku"));
}

#[test]
fn backspace_clears_the_answer_but_keeps_the_note() {
    let mut m = walking();
    let mut a = Answer::with_value(toml::Value::String("Y".into()));
    a.note = "ada SK".into();
    m.on_opened(session_with(&[("A.1.a", a)]));
    s_mut(&mut m).pos = 0;
    update(&mut m, Action::Clear);
    let kept = &s(&m).draft.answers["A.1.a"];
    assert!(kept.value.is_none());
    assert_eq!(kept.note, "ada SK");
    assert_eq!(s(&m).score.answered, 0);
}

#[test]
fn clearing_an_empty_answer_says_there_is_nothing() {
    let mut m = walking();
    update(&mut m, Action::Clear);
    assert!(warned(&m));
    assert!(!s(&m).dirty());
}

#[test]
fn clearing_the_only_field_removes_the_entry() {
    let mut m = walking();
    run(&mut m, &[Action::Choose('Y'), Action::Up, Action::Clear]);
    assert!(!s(&m).draft.answers.contains_key("A.1.a"));
}

fn s_mut(m: &mut Model) -> &mut Session {
    m.session.as_mut().expect("a session")
}

#[test]
fn f_flags_and_unflags_without_moving() {
    let mut m = walking();
    update(&mut m, Action::Flag);
    assert!(s(&m).draft.answers["A.1.a"].flag);
    assert_eq!(id(&m), "A.1.a");
    update(&mut m, Action::Flag);
    assert!(!s(&m).draft.answers.contains_key("A.1.a"));
}

#[test]
fn shift_f_goes_to_the_next_flagged_question() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::NextGroup,
            Action::Flag,
            Action::NextGroup,
        ],
    );
    let mut m2 = walking();
    update(&mut m2, Action::NextFlagged);
    assert!(warned(&m2));
    run(
        &mut m,
        &[Action::PrevGroup, Action::PrevGroup, Action::NextFlagged],
    );
    assert_eq!(id(&m), "B.a");
}

#[test]
fn n_goes_to_the_next_unanswered_question() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::Choose('Y'),
            Action::Choose('A'),
            Action::Up,
            Action::Up,
        ],
    );
    update(&mut m, Action::NextUnanswered);
    assert_eq!(id(&m), "A.2.a");
}

#[test]
fn n_when_everything_is_answered_says_so() {
    let mut m = walking();
    run(
        &mut m,
        &[Action::Choose('Y'), Action::Choose('A'), Action::Digit('1')],
    );
    typed(&mut m, "00");
    run(&mut m, &[Action::Enter, Action::NotApplicable]);
    run(
        &mut m,
        &[Action::Digit('4'), Action::Enter, Action::Choose('A')],
    );
    assert_eq!(s(&m).score.unanswered(), 0);
    assert_eq!(s(&m).score.index, 100.0);
    update(&mut m, Action::NextUnanswered);
    assert!(status(&m).contains("Semua"));
}

#[test]
fn the_last_answer_says_how_many_are_open() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::NextGroup,
            Action::NextGroup,
            Action::Down,
            Action::Choose('A'),
        ],
    );
    assert_eq!(id(&m), "B.b");
    assert!(status(&m).contains("5 belum dijawab"), "{}", status(&m));
}

// --- undo --------------------------------------------------------------------------------

#[test]
fn u_undoes_the_last_change_and_goes_back_to_it() {
    let mut m = walking();
    run(&mut m, &[Action::Choose('Y'), Action::Choose('B')]);
    update(&mut m, Action::Undo);
    assert!(value(&m, "A.1.b").is_none());
    assert_eq!(id(&m), "A.1.b");
    update(&mut m, Action::Undo);
    assert!(value(&m, "A.1.a").is_none());
    assert_eq!(s(&m).score.index, 0.0);
    update(&mut m, Action::Undo);
    assert!(status(&m).contains("Tidak ada"));
}

#[test]
fn undo_puts_a_changed_answer_back_as_it_was() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::Choose('Y'),
            Action::Up,
            Action::Choose('T'),
            Action::Undo,
        ],
    );
    assert_eq!(value(&m, "A.1.a"), Some(toml::Value::String("Y".into())));
}

// --- the editor --------------------------------------------------------------------------

fn key(c: char) -> Action {
    Action::EditorKey(Input {
        key: Key::Char(c),
        ..Input::default()
    })
}

#[test]
fn enter_opens_the_editor_and_typing_reaches_the_draft_at_once() {
    let mut m = walking();
    update(&mut m, Action::Edit);
    assert_eq!(m.mode(), Mode::Editor);
    for c in "ada SK".chars() {
        update(&mut m, key(c));
    }
    assert_eq!(s(&m).draft.answers["A.1.a"].note, "ada SK");
    assert!(s(&m).dirty());
}

#[test]
fn tab_moves_to_the_evidence_and_each_line_is_one_item() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::Edit,
            Action::Tab,
            Action::Paste("sk.pdf\r\n\n  https://x.go.id  \n".into()),
        ],
    );
    assert_eq!(
        s(&m).draft.answers["A.1.a"].evidence,
        vec!["sk.pdf", "https://x.go.id"]
    );
    assert_eq!(s(&m).draft.answers["A.1.a"].note, "");
}

#[test]
fn pasted_text_is_cleaned_and_its_newlines_do_not_leave_the_editor() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::Edit,
            Action::Paste("baris satu\n\x1b[31mbaris\u{202e} dua\n".into()),
        ],
    );
    assert_eq!(m.mode(), Mode::Editor);
    assert_eq!(
        s(&m).draft.answers["A.1.a"].note,
        "baris satu\n[31mbaris dua"
    );
}

#[test]
fn esc_leaves_the_editor_with_one_undo_step() {
    let mut m = walking();
    run(&mut m, &[Action::Edit, key('a'), key('b'), Action::Esc]);
    assert_eq!(m.mode(), Mode::Walk);
    assert_eq!(s(&m).undo.len(), 1);
    update(&mut m, Action::Undo);
    assert!(!s(&m).draft.answers.contains_key("A.1.a"));
}

#[test]
fn leaving_the_editor_unchanged_leaves_no_undo_step() {
    let mut m = walking();
    run(&mut m, &[Action::Edit, Action::Esc]);
    assert!(s(&m).undo.is_empty());
    assert!(!s(&m).dirty());
}

#[test]
fn the_editor_keeps_the_answer_value() {
    let mut m = walking();
    run(
        &mut m,
        &[
            Action::Choose('Y'),
            Action::Up,
            Action::Edit,
            key('x'),
            Action::Esc,
        ],
    );
    let a = &s(&m).draft.answers["A.1.a"];
    assert_eq!(a.value, Some(toml::Value::String("Y".into())));
    assert_eq!(a.note, "x");
}

#[test]
fn ctrl_c_in_the_editor_keeps_what_was_typed() {
    let mut m = walking();
    run(&mut m, &[Action::Edit, key('z')]);
    assert_eq!(
        update(&mut m, Action::Quit),
        Some(Effect::Quit { force: false })
    );
    assert_eq!(s(&m).draft.answers["A.1.a"].note, "z");
    assert!(s(&m).editor.is_none());
}

// --- search and jump ---------------------------------------------------------------------

#[test]
fn slash_finds_questions_by_words_and_enter_goes_there() {
    let mut m = walking();
    update(&mut m, Action::Search);
    assert_eq!(m.mode(), Mode::Search);
    typed(&mut m, "survei kepuasan");
    let found: Vec<String> = s(&m)
        .search
        .as_ref()
        .map(|se| {
            se.results
                .iter()
                .map(|&i| s(&m).q.nodes[i].id.clone())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(found, vec!["B.a"]);
    update(&mut m, Action::Enter);
    assert_eq!(id(&m), "B.a");
    assert_eq!(m.mode(), Mode::Walk);
}

#[test]
fn search_matches_ids_too_and_arrows_pick_a_result() {
    let mut m = walking();
    update(&mut m, Action::Search);
    typed(&mut m, "a.2");
    update(&mut m, Action::Down);
    update(&mut m, Action::Enter);
    assert_eq!(id(&m), "A.2.b");
}

#[test]
fn g_jumps_to_an_id_and_a_group_id_to_its_first_question() {
    let mut m = walking();
    update(&mut m, Action::Jump);
    assert_eq!(
        s(&m).search.as_ref().map(|se| se.kind),
        Some(SearchKind::Id)
    );
    typed(&mut m, "B");
    update(&mut m, Action::Enter);
    assert_eq!(id(&m), "B.a");
}

/// A key as the loop passes it: through the key table of the mode in force.
fn press(m: &mut Model, code: crossterm::event::KeyCode) {
    let ev = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
    let a = crate::tui::keymap::action(m.mode(), &ev);
    update(m, a);
}

#[test]
fn arrows_move_the_cursor_in_the_search_and_jump_fields() {
    use crossterm::event::KeyCode;
    for kind in [Action::Search, Action::Jump] {
        let mut m = walking();
        update(&mut m, kind.clone());
        typed(&mut m, "B");
        press(&mut m, KeyCode::Left);
        assert!(!warned(&m), "{kind:?}: {}", status(&m));
        typed(&mut m, "A.");
        press(&mut m, KeyCode::Right);
        typed(&mut m, "x");
        let query = s(&m).search.as_ref().map(|se| se.query.text.clone());
        assert_eq!(query.as_deref(), Some("A.Bx"), "{kind:?}");
    }
}

#[test]
fn a_search_that_finds_nothing_says_so_and_stays() {
    let mut m = walking();
    update(&mut m, Action::Search);
    typed(&mut m, "zzz");
    update(&mut m, Action::Enter);
    assert_eq!(m.mode(), Mode::Search);
    assert!(warned(&m));
    update(&mut m, Action::Backspace);
    assert_eq!(
        s(&m).search.as_ref().map(|se| se.query.text.clone()),
        Some("zz".into())
    );
    update(&mut m, Action::Esc);
    assert_eq!(m.mode(), Mode::Walk);
    assert_eq!(id(&m), "A.1.a");
}

/// The search as the user understands it: every word of the query, in any case, in the
/// question's id or text; at most `MAX_RESULTS`, in walking order.
fn plain_search(q: &crate::questionnaire::Questionnaire, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    q.questions
        .iter()
        .copied()
        .filter(|&i| {
            let hay = format!("{} {}", q.nodes[i].id, q.nodes[i].text).to_lowercase();
            words.iter().all(|w| hay.contains(w))
        })
        .take(crate::tui::model::MAX_RESULTS)
        .collect()
}

#[test]
fn search_finds_what_a_plain_scan_of_every_question_finds() {
    let q = catalog::find_embedded("pmprb-2020").expect("embedded");
    let mut m = Model::new(Lang::Id, catalog_entries(), "2024");
    let d = Draft::new(&q.id, &q.version, "Dinas Uji", "2024");
    m.on_opened(Session::new(
        PathBuf::from("/tmp/uji.toml"),
        d,
        q.clone(),
        None,
        None,
        Vec::new(),
    ));
    for query in [
        "a",
        "e",
        "kinerja",
        "KINERJA organisasi",
        "a.i.1",
        "i.a",
        "ii",
        "reformasi birokrasi",
        "survei kepuasan",
        "  spbe  ",
        "tidak-ada-kata-ini",
        "é",
        "1",
        "b.1.ii opini",
    ] {
        update(&mut m, Action::Esc);
        update(&mut m, Action::Search);
        update(&mut m, Action::Paste(query.to_string()));
        let found = s(&m).search.as_ref().map(|se| se.results.clone());
        assert_eq!(found, Some(plain_search(&s(&m).q, query)), "{query:?}");
    }
}

#[test]
fn search_ignores_case_in_texts_that_are_not_ascii() {
    use crate::tui::model::SearchIndex;
    let src = "schema = 1\nid = \"x\"\nversion = \"1\"\ntitle = \"x\"\n\
               [scales.YT]\nkind = \"choice\"\noptions = [ { code = \"Y\", score = 1.0 } ]\n\
               [[category]]\ncode = \"D\"\nlabel = \"D\"\n\
               [[group]]\nid = \"Ä\"\ntitle = \"Grup\"\n\
               [[question]]\nid = \"Ä.1\"\ntext = \"ÉVALUASI Kinerja\"\nscale = \"YT\"\n\
               [[question]]\nid = \"Ä.2\"\ntext = \"Evaluasi kinerja\"\nscale = \"YT\"\n";
    let q = crate::questionnaire::load_str(src)
        .questionnaire
        .expect("loads");
    let index = SearchIndex::new(&q);
    assert_eq!(index.find(&["évaluasi"], 10), vec![0]);
    assert_eq!(index.find(&["kinerja"], 10), vec![0, 1]);
    assert_eq!(index.find(&["ä.2", "kinerja"], 10), vec![1]);
    assert_eq!(index.find(&["kinerja"], 1), vec![0]);
    // A word never matches across the id and the text.
    assert!(index.find(&["1évaluasi"], 10).is_empty());
}

// --- help, leaving, unknown keys ---------------------------------------------------------

#[test]
fn question_mark_opens_help_for_the_current_screen_and_esc_closes_it() {
    let mut m = walking();
    update(&mut m, Action::Help);
    assert_eq!(m.mode(), Mode::Help);
    assert_eq!(m.help.as_ref().map(|h| h.of), Some(Mode::Walk));
    update(&mut m, Action::Down);
    assert_eq!(m.help.as_ref().map(|h| h.scroll), Some(1));
    update(&mut m, Action::Esc);
    assert_eq!(m.mode(), Mode::Walk);
}

#[test]
fn q_on_the_walk_asks_to_save_and_go_home() {
    let mut m = walking();
    assert_eq!(
        update(&mut m, Action::Back),
        Some(Effect::Close { force: false })
    );
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let mut m = walking();
    update(&mut m, Action::Search);
    assert_eq!(
        update(&mut m, Action::Quit),
        Some(Effect::Quit { force: false })
    );
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut m = walking();
    update(&mut m, Action::Unbound("z".into()));
    assert!(status(&m).contains('z'));
    assert!(status(&m).contains('?'));
}

#[test]
fn paste_on_the_walk_says_where_pasting_works() {
    let mut m = walking();
    update(&mut m, Action::Paste("Y\n".into()));
    assert!(warned(&m));
    assert!(s(&m).draft.answers.is_empty());
}

#[test]
fn a_read_only_draft_refuses_changes_and_says_why() {
    let mut m = walking();
    let mut ses = session_with(&[]);
    ses.read_only = Some("dibuka di tempat lain".into());
    m.on_opened(ses);
    for a in [
        Action::Choose('Y'),
        Action::Digit('1'),
        Action::NotApplicable,
        Action::Flag,
        Action::Edit,
        Action::Clear,
    ] {
        update(&mut m, a.clone());
        assert!(status(&m).contains("tempat lain"), "{a:?}: {}", status(&m));
    }
    assert!(s(&m).draft.answers.is_empty());
    assert!(!s(&m).dirty());
    update(&mut m, Action::Down);
    assert_eq!(id(&m), "A.1.b");
}

// --- saving ------------------------------------------------------------------------------

#[test]
fn a_saved_revision_makes_the_draft_clean() {
    let mut m = walking();
    update(&mut m, Action::Choose('Y'));
    let rev = s(&m).revision;
    m.on_saved(&PathBuf::from("/tmp/uji.toml"), rev, Ok(()));
    assert!(!s(&m).dirty());
}

#[test]
fn a_failed_save_is_told_at_once_and_keeps_the_answers() {
    let mut m = walking();
    update(&mut m, Action::Choose('Y'));
    let rev = s(&m).revision;
    m.on_saved(
        &PathBuf::from("/tmp/uji.toml"),
        rev,
        Err("disk penuh".into()),
    );
    assert!(s(&m).dirty());
    assert_eq!(s(&m).save_error.as_deref(), Some("disk penuh"));
    assert_eq!(m.status.as_ref().map(|s| s.level), Some(Level::Error));
    m.on_saved(&PathBuf::from("/tmp/uji.toml"), rev, Ok(()));
    assert!(s(&m).save_error.is_none());
}

#[test]
fn leaving_after_a_failed_save_asks_first() {
    let mut m = walking();
    m.on_close_failed("disk penuh");
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(update(&mut m, Action::Unbound("z".into())), None);
    assert_eq!(m.mode(), Mode::Confirm);
    update(&mut m, Action::No);
    assert_eq!(m.mode(), Mode::Walk);
    m.on_close_failed("disk penuh");
    assert_eq!(
        update(&mut m, Action::Yes),
        Some(Effect::Close { force: true })
    );
}

#[test]
fn quitting_after_a_failed_save_asks_and_a_second_ctrl_c_forces() {
    let mut m = walking();
    m.on_quit_failed("disk penuh");
    assert!(matches!(m.confirm, Some(Confirm::QuitUnsaved(_))));
    assert_eq!(
        update(&mut m, Action::Quit),
        Some(Effect::Quit { force: true })
    );
    m.on_quit_failed("disk penuh");
    assert_eq!(
        update(&mut m, Action::Yes),
        Some(Effect::Quit { force: true })
    );
}

#[test]
fn closing_goes_home() {
    let mut m = walking();
    m.on_closed();
    assert_eq!(m.screen, Screen::Home);
    assert!(m.session.is_none());
}

// --- home and the new-draft form ---------------------------------------------------------

fn home_with(entries: Vec<HomeEntry>) -> Model {
    let mut m = Model::new(Lang::Id, catalog_entries(), "2024");
    m.on_home_loaded(Some(PathBuf::from("/data")), Ok(entries));
    m
}

fn entry(name: &str, ok: bool) -> HomeEntry {
    HomeEntry {
        path: PathBuf::from(format!("/data/{name}")),
        file: name.into(),
        info: if ok {
            Ok(DraftInfo {
                unit: "Dinas".into(),
                period: "2024".into(),
                questionnaire: "contoh".into(),
                answered: 1,
                questions: 6,
                index: 15.0,
                category: "D".into(),
                category_label: "Sangat Kurang".into(),
                updated: "2024-06-02 10:15".into(),
                is_final: false,
            })
        } else {
            Err("baris 1: TOML tidak sah".into())
        },
    }
}

#[test]
fn home_enter_opens_the_selected_draft() {
    let mut m = home_with(vec![entry("a.toml", true), entry("b.toml", true)]);
    update(&mut m, Action::Down);
    assert_eq!(
        update(&mut m, Action::Enter),
        Some(Effect::Open(PathBuf::from("/data/b.toml")))
    );
}

#[test]
fn home_a_damaged_draft_is_not_opened_and_its_error_is_shown() {
    let mut m = home_with(vec![entry("rusak.toml", false)]);
    assert_eq!(update(&mut m, Action::Enter), None);
    assert!(status(&m).contains("rusak.toml"));
    assert!(status(&m).contains("TOML"));
}

#[test]
fn home_the_last_row_and_n_start_a_new_assessment() {
    let mut m = home_with(vec![entry("a.toml", true)]);
    run(&mut m, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(m.home.selected, 1);
    update(&mut m, Action::Enter);
    assert_eq!(m.screen, Screen::Form);
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    assert_eq!(m.screen, Screen::Form);
    assert_eq!(m.form.period.text, "2024");
    assert_eq!(m.form.choice, 1, "pmprb-2020 is the default");
}

#[test]
fn home_r_reloads_and_q_quits() {
    let mut m = home_with(vec![]);
    assert_eq!(update(&mut m, Action::Refresh), Some(Effect::LoadHome));
    assert_eq!(
        update(&mut m, Action::Back),
        Some(Effect::Quit { force: false })
    );
}

#[test]
fn form_walks_its_fields_and_creates_the_draft() {
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    typed(&mut m, "Dinas Kominfo");
    update(&mut m, Action::Enter);
    assert_eq!(m.form.focus, FormField::Period);
    update(&mut m, Action::Enter);
    assert_eq!(m.form.focus, FormField::Questionnaire);
    update(&mut m, Action::Left);
    let effect = update(&mut m, Action::Enter);
    assert_eq!(
        effect,
        Some(Effect::Create(NewDraft {
            unit: "Dinas Kominfo".into(),
            period: "2024".into(),
            source: Source::Embedded("contoh".into()),
        }))
    );
}

#[test]
fn form_needs_a_unit_and_a_period() {
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    run(&mut m, &[Action::Tab, Action::Tab]);
    assert_eq!(update(&mut m, Action::Enter), None);
    assert_eq!(m.form.focus, FormField::Unit);
    assert!(warned(&m));
    typed(&mut m, "Dinas");
    update(&mut m, Action::Tab);
    for _ in 0..4 {
        update(&mut m, Action::Backspace);
    }
    run(&mut m, &[Action::Tab]);
    assert_eq!(update(&mut m, Action::Enter), None);
    assert_eq!(m.form.focus, FormField::Period);
}

#[test]
fn form_another_file_asks_for_its_path() {
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    typed(&mut m, "Dinas");
    run(&mut m, &[Action::Tab, Action::Tab, Action::Right]);
    assert_eq!(m.form.choice, 2);
    update(&mut m, Action::Enter);
    assert_eq!(m.form.focus, FormField::File);
    assert_eq!(update(&mut m, Action::Enter), None);
    assert!(warned(&m));
    update(&mut m, Action::Paste("lke-kota.toml\n".into()));
    assert_eq!(m.form.file.text, "lke-kota.toml ");
    let Some(Effect::Create(d)) = update(&mut m, Action::Enter) else {
        panic!("expected a create effect");
    };
    assert_eq!(d.source, Source::File("lke-kota.toml".into()));
}

#[test]
fn form_typing_on_the_questionnaire_field_says_to_use_arrows() {
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    run(&mut m, &[Action::Tab, Action::Tab, Action::Type('x')]);
    assert!(warned(&m));
}

#[test]
fn form_left_right_and_backspace_edit_at_the_cursor() {
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    typed(&mut m, "Dnas");
    run(
        &mut m,
        &[Action::Left, Action::Left, Action::Left, Action::Type('i')],
    );
    assert_eq!(m.form.unit.text, "Dinas");
    update(&mut m, Action::Backspace);
    assert_eq!(m.form.unit.text, "Dnas");
}

#[test]
fn f1_opens_help_on_the_form() {
    let mut m = home_with(vec![]);
    run(&mut m, &[Action::NewDraft, Action::Help]);
    assert_eq!(m.help.map(|h| h.of), Some(Mode::Form));
}

#[test]
fn form_esc_goes_back_home() {
    let mut m = home_with(vec![]);
    run(&mut m, &[Action::NewDraft, Action::Esc]);
    assert_eq!(m.screen, Screen::Home);
}

// --- opening and resuming ----------------------------------------------------------------

fn at(id: &str, secs: u8) -> (String, Answer) {
    let mut a = Answer::with_value(toml::Value::String("Y".into()));
    if id == "A.1.b" {
        a.value = Some(toml::Value::String("A".into()));
    }
    a.updated = format!("2024-06-02T10:00:{secs:02}+07:00").parse().ok();
    (id.to_string(), a)
}

#[test]
fn resume_starts_after_the_last_answer_given() {
    let (a, b) = (at("A.1.a", 5), at("A.1.b", 9));
    let ses = session_with(&[(a.0.as_str(), a.1), (b.0.as_str(), b.1)]);
    assert_eq!(ses.current().map(|n| n.id.as_str()), Some("A.2.a"));
    let fresh = session_with(&[]);
    assert_eq!(resume_position(&fresh.q, &fresh.draft, &fresh.score), 0);
}

#[test]
fn opening_tells_the_notes_and_the_read_only_reason() {
    let mut m = walking();
    let mut ses = session_with(&[]);
    ses.notes = vec!["versi berubah".into()];
    ses.read_only = Some("draf final".into());
    m.on_opened(ses);
    assert!(status(&m).contains("versi berubah"));
    assert!(status(&m).contains("draf final"));
}

#[test]
fn answers_to_ids_that_are_gone_are_kept_and_listed() {
    let ses = session_with(&[("Z.9", Answer::with_value(toml::Value::String("Y".into())))]);
    assert_eq!(ses.score.orphaned, vec!["Z.9"]);
    let mut m = walking();
    m.on_opened(ses);
    update(&mut m, Action::Choose('Y'));
    assert!(s(&m).draft.answers.contains_key("Z.9"));
}

// --- the review ------------------------------------------------------------------------------

use crate::review;
use crate::tui::review::{Row, Section, rows};

fn review_rows(m: &Model) -> Vec<Row> {
    rows(s(m), m.lang)
}

fn selected_row(m: &Model) -> Row {
    review_rows(m)[s(m).review.selected].clone()
}

/// The walk's draft with four answers: A.1.a Y, A.1.b B, A.2.a 85,5, A.2.b 3/4.
fn answered_four() -> Model {
    let v = |s: &str| Answer::with_value(toml::Value::String(s.into()));
    let mut pct = Answer::with_value(toml::Value::Float(85.5));
    pct.flag = true;
    let ratio = toml::Value::Array(vec![toml::Value::Integer(3), toml::Value::Integer(4)]);
    let mut m = walking();
    m.on_opened(session_with(&[
        ("A.1.a", v("Y")),
        ("A.1.b", v("B")),
        ("A.2.a", pct),
        ("A.2.b", Answer::with_value(ratio)),
        ("Z.9", v("Y")),
    ]));
    m
}

fn row_of(m: &Model, want: impl Fn(&Row) -> bool) -> usize {
    review_rows(m)
        .iter()
        .position(want)
        .expect("the review has that row")
}

#[test]
fn r_opens_the_review_on_the_top_suggestion_and_esc_goes_back() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    assert_eq!(m.screen, Screen::Review);
    assert_eq!(m.mode(), Mode::Review);
    let top = review::gains(&s(&m).q, &s(&m).score)[0].node;
    assert_eq!(s(&m).q.nodes[top].id, "B.a");
    assert!(
        matches!(selected_row(&m), Row::Question { node, section: Section::Path, .. } if node == top)
    );
    update(&mut m, Action::Esc);
    assert_eq!(m.screen, Screen::Walk);
    // r and q too, as the key table has them there.
    for back in ['r', 'q'] {
        update(&mut m, Action::Review);
        press(&mut m, crossterm::event::KeyCode::Char(back));
        assert_eq!(m.screen, Screen::Walk);
    }
}

#[test]
fn the_review_ranks_questions_by_gain_and_shows_the_way_to_the_next_category() {
    let m = answered_four();
    let rows = review_rows(&m);
    let gains: Vec<(usize, f64)> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Question {
                node,
                section: Section::Gains,
                gain: Some(g),
                ..
            } => Some((*node, *g)),
            _ => None,
        })
        .collect();
    let core: Vec<(usize, f64)> = review::gains(&s(&m).q, &s(&m).score)
        .into_iter()
        .map(|g| (g.node, g.gain))
        .collect();
    assert_eq!(gains, core);
    // 46,58 now; B.a at its best adds 20: 66,58, past CC's 50.
    let path: Vec<(usize, Option<f64>)> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Question {
                node,
                section: Section::Path,
                after,
                ..
            } => Some((*node, *after)),
            _ => None,
        })
        .collect();
    let b_a = s(&m).q.node_index("B.a").expect("B.a");
    assert_eq!(path, vec![(b_a, Some(66.58))]);
}

#[test]
fn the_review_lists_unanswered_invalid_flagged_and_orphaned_answers() {
    let mut m = answered_four();
    if let Some(ses) = m.session.as_mut() {
        ses.draft.answers.insert(
            "B.b".into(),
            Answer::with_value(toml::Value::String("X".into())),
        );
        ses.rescore();
    }
    let q = &s(&m).q;
    let in_section = |sec: Section| -> Vec<String> {
        review_rows(&m)
            .iter()
            .filter_map(|r| match r {
                Row::Question { node, section, .. } if *section == sec => {
                    Some(q.nodes[*node].id.clone())
                }
                _ => None,
            })
            .collect()
    };
    assert_eq!(in_section(Section::Unanswered), vec!["B.a"]);
    assert_eq!(in_section(Section::Invalid), vec!["B.b"]);
    assert_eq!(in_section(Section::Flagged), vec!["A.2.a"]);
    assert!(review_rows(&m).contains(&Row::Orphan("Z.9".into())));
    assert!(review_rows(&m).contains(&Row::Predicate(0)));
}

#[test]
fn tab_goes_from_section_to_section_and_around() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    update(&mut m, Action::Tab);
    assert!(matches!(
        selected_row(&m),
        Row::Heading {
            section: Section::Gains,
            ..
        }
    ));
    update(&mut m, Action::Tab);
    assert!(matches!(
        selected_row(&m),
        Row::Heading {
            section: Section::Groups,
            ..
        }
    ));
    update(&mut m, Action::BackTab);
    update(&mut m, Action::BackTab);
    update(&mut m, Action::BackTab);
    assert!(matches!(
        selected_row(&m),
        Row::Heading {
            section: Section::Predicates,
            ..
        }
    ));
}

#[test]
fn arrows_move_over_rows_but_never_rest_on_a_sentence() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    update(&mut m, Action::Up);
    assert!(matches!(selected_row(&m), Row::Heading { .. }));
    update(&mut m, Action::Up);
    assert!(matches!(selected_row(&m), Row::Heading { .. }));
    update(&mut m, Action::Down);
    assert!(matches!(selected_row(&m), Row::Question { .. }));
    run(&mut m, &vec![Action::PageDown; 20]);
    let last = review_rows(&m).iter().rposition(Row::selectable);
    assert_eq!(Some(s(&m).review.selected), last);
    update(&mut m, Action::ScrollUp);
    assert!(s(&m).review.selected < last.unwrap_or(0));
}

#[test]
fn enter_on_a_question_of_the_review_opens_it_in_the_walk() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    update(&mut m, Action::Enter);
    assert_eq!(m.screen, Screen::Walk);
    assert_eq!(id(&m), "B.a");
    // Following the top suggestion moves the index by the gain it named.
    let before = s(&m).score.index_exact;
    update(&mut m, Action::Digit('4'));
    update(&mut m, Action::Enter);
    assert!((s(&m).score.index_exact - before - 20.0).abs() < 1e-9);
}

#[test]
fn the_tree_starts_with_components_and_sub_components_open() {
    let q = catalog::find_embedded("pmprb-2020").expect("pmprb-2020");
    let d = Draft::new(&q.id, &q.version, "Dinas", "2024");
    let ses = Session::new(PathBuf::from("/tmp/x.toml"), d, q, None, None, Vec::new());
    let open: Vec<&str> = ses
        .review
        .open
        .iter()
        .map(|&i| ses.q.nodes[i].id.as_str())
        .collect();
    assert!(open.contains(&"A") && open.contains(&"A.I") && open.contains(&"B"));
    assert!(!open.contains(&"A.I.1"));
    let shown: Vec<&str> = rows(&ses, Lang::Id)
        .iter()
        .filter_map(|r| match r {
            Row::Group { node, .. } => Some(ses.q.nodes[*node].id.as_str()),
            _ => None,
        })
        .collect();
    assert!(shown.contains(&"A.I.1"));
    assert!(!shown.contains(&"A.I.1.i"));
}

#[test]
fn enter_and_arrows_fold_and_unfold_groups_and_sections() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    let a = s(&m).q.node_index("A").expect("A");
    let a_row = row_of(&m, |r| matches!(r, Row::Group { node, .. } if *node == a));
    s_mut(&mut m).review.selected = a_row;
    update(&mut m, Action::Enter);
    assert!(!s(&m).review.open.contains(&a));
    assert!(
        !review_rows(&m)
            .iter()
            .any(|r| matches!(r, Row::Group { node, .. } if s(&m).q.nodes[*node].id == "A.1"))
    );
    update(&mut m, Action::Right);
    assert!(s(&m).review.open.contains(&a));
    update(&mut m, Action::Left);
    assert!(!s(&m).review.open.contains(&a));
    // A group of questions opens its first question.
    update(&mut m, Action::Right);
    update(&mut m, Action::Down);
    update(&mut m, Action::Enter);
    assert_eq!(m.screen, Screen::Walk);
    assert_eq!(id(&m), "A.1.a");
    // A heading folds its section.
    update(&mut m, Action::Review);
    update(&mut m, Action::Tab);
    let before = review_rows(&m).len();
    update(&mut m, Action::Enter);
    assert!(s(&m).review.folded.contains(&Section::Gains));
    assert!(review_rows(&m).len() < before);
    update(&mut m, Action::Right);
    assert_eq!(review_rows(&m).len(), before);
}

#[test]
fn long_lists_show_ten_rows_and_enter_shows_the_rest() {
    let q = catalog::find_embedded("pmprb-2020").expect("pmprb-2020");
    let n = q.questions.len();
    let d = Draft::new(&q.id, &q.version, "Dinas", "2024");
    let mut m = walking();
    m.on_opened(Session::new(
        PathBuf::from("/tmp/x.toml"),
        d,
        q,
        None,
        None,
        Vec::new(),
    ));
    update(&mut m, Action::Review);
    let count = |m: &Model, sec: Section| {
        review_rows(m)
            .iter()
            .filter(|r| matches!(r, Row::Question { section, .. } if *section == sec))
            .count()
    };
    assert_eq!(count(&m, Section::Unanswered), 10);
    let more = row_of(
        &m,
        |r| matches!(r, Row::More { section: Section::Unanswered, hidden } if *hidden == n - 10),
    );
    s_mut(&mut m).review.selected = more;
    update(&mut m, Action::Enter);
    assert_eq!(count(&m, Section::Unanswered), n);
    assert_eq!(m.screen, Screen::Review);
}

#[test]
fn enter_on_an_answer_without_a_question_says_there_is_nothing_to_open() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    let orphan = row_of(&m, |r| matches!(r, Row::Orphan(_)));
    s_mut(&mut m).review.selected = orphan;
    update(&mut m, Action::Enter);
    assert_eq!(m.screen, Screen::Review);
    assert!(warned(&m));
    assert!(status(&m).contains("Z.9"), "{}", status(&m));
}

// --- finalizing --------------------------------------------------------------------------------

fn complete() -> Model {
    let v = |s: &str| Answer::with_value(toml::Value::String(s.into()));
    let mut ses = session_with(&[
        ("A.1.a", v("Y")),
        ("A.1.b", v("A")),
        ("A.2.a", Answer::with_value(toml::Value::Integer(90))),
        (
            "A.2.b",
            Answer {
                na: true,
                ..Answer::default()
            },
        ),
        ("B.a", Answer::with_value(toml::Value::Integer(4))),
        ("B.b", v("B")),
    ]);
    ses.draft.assessor = Some("Sekretaris".into());
    let mut m = walking();
    m.on_opened(ses);
    m
}

#[test]
fn ctrl_f_on_a_complete_draft_asks_then_marks_it_final() {
    let mut m = complete();
    let rev = s(&m).revision;
    assert_eq!(update(&mut m, Action::Finalize), None);
    assert_eq!(m.confirm, Some(Confirm::Finalize));
    assert!(!s(&m).is_final(), "nothing happens before the answer");
    assert_eq!(update(&mut m, Action::Yes), None);
    assert!(s(&m).is_final());
    assert!(s(&m).read_only.is_some());
    assert!(s(&m).revision > rev, "the saver writes it");
    let h = &s(&m).draft.history;
    assert_eq!(h.len(), 1);
    assert_eq!(
        (h[0].event.as_str(), h[0].by.as_str()),
        ("final", "Sekretaris")
    );
    assert!(h[0].at.is_some());
    assert!(status(&m).contains("Sekretaris"));
}

#[test]
fn ctrl_f_answered_no_changes_nothing() {
    let mut m = complete();
    update(&mut m, Action::Finalize);
    update(&mut m, Action::No);
    assert!(m.confirm.is_none());
    assert!(!s(&m).is_final());
    assert!(s(&m).draft.history.is_empty());
}

#[test]
fn ctrl_f_with_open_or_invalid_questions_says_what_blocks_and_goes_to_the_first() {
    let mut m = answered_four();
    if let Some(ses) = m.session.as_mut() {
        ses.draft.answers.insert(
            "A.1.b".into(),
            Answer::with_value(toml::Value::String("X".into())),
        );
        ses.rescore();
    }
    update(&mut m, Action::Finalize);
    let Some(Confirm::Blocked {
        unanswered,
        invalid,
        first,
    }) = m.confirm.clone()
    else {
        panic!("expected the blockers, got {:?}", m.confirm);
    };
    assert_eq!(unanswered, vec!["B.a", "B.b"]);
    assert_eq!(invalid, vec!["A.1.b"]);
    assert_eq!(first, 1);
    update(&mut m, Action::Yes);
    assert_eq!(id(&m), "A.1.b");
    assert!(!s(&m).is_final());
}

#[test]
fn ctrl_f_on_the_review_works_too_and_a_blocker_jump_lands_on_the_walk() {
    let mut m = answered_four();
    update(&mut m, Action::Review);
    update(&mut m, Action::Finalize);
    assert!(matches!(m.confirm, Some(Confirm::Blocked { .. })));
    update(&mut m, Action::Yes);
    assert_eq!(m.screen, Screen::Walk);
    assert_eq!(id(&m), "B.a");

    let mut m = complete();
    update(&mut m, Action::Review);
    update(&mut m, Action::Finalize);
    update(&mut m, Action::Yes);
    assert!(s(&m).is_final());
    assert_eq!(m.screen, Screen::Review);
}

#[test]
fn a_key_that_would_change_a_final_draft_offers_to_reopen_it() {
    let mut m = complete();
    update(&mut m, Action::Finalize);
    update(&mut m, Action::Yes);
    for a in [
        Action::Choose('T'),
        Action::Digit('1'),
        Action::NotApplicable,
        Action::Clear,
        Action::Flag,
        Action::Edit,
    ] {
        update(&mut m, a.clone());
        assert_eq!(m.confirm, Some(Confirm::Reopen), "{a:?}");
        update(&mut m, Action::No);
        assert!(s(&m).is_final(), "{a:?}");
    }
    assert_eq!(
        s(&m).draft.answers["A.1.a"].value,
        Some(toml::Value::String("Y".into()))
    );
    // Moving around and finalizing again do not ask.
    update(&mut m, Action::Down);
    assert!(m.confirm.is_none());
    update(&mut m, Action::Finalize);
    assert!(m.confirm.is_none());
    assert!(status(&m).contains("sudah final"));
}

#[test]
fn reopening_asks_and_records_who_and_when() {
    let mut m = complete();
    update(&mut m, Action::Finalize);
    update(&mut m, Action::Yes);
    update(&mut m, Action::Choose('T'));
    assert_eq!(update(&mut m, Action::Yes), Some(Effect::Reopen));
    // The loop takes the lock and reads the draft again, then:
    let rev = s(&m).revision;
    m.on_reopened(None, None);
    assert!(!s(&m).is_final());
    assert!(s(&m).read_only.is_none());
    assert!(s(&m).revision > rev);
    let events: Vec<&str> = s(&m)
        .draft
        .history
        .iter()
        .map(|e| e.event.as_str())
        .collect();
    assert_eq!(events, vec!["final", "reopen"]);
    assert_eq!(s(&m).draft.history[1].by, "Sekretaris");
    // And now the key works.
    s_mut(&mut m).pos = 0;
    update(&mut m, Action::Choose('T'));
    assert!(m.confirm.is_none());
    assert_eq!(
        s(&m).draft.answers["A.1.a"].value,
        Some(toml::Value::String("T".into()))
    );
}

#[test]
fn a_draft_open_elsewhere_is_not_offered_for_reopening() {
    let mut m = complete();
    if let Some(ses) = m.session.as_mut() {
        ses.read_only = Some("dibuka di tempat lain".into());
    }
    update(&mut m, Action::Choose('T'));
    assert!(m.confirm.is_none());
    assert!(status(&m).contains("tempat lain"));
    update(&mut m, Action::Finalize);
    assert!(m.confirm.is_none());
}

#[test]
fn a_reopen_that_fails_says_why_and_stays_final() {
    let mut m = complete();
    update(&mut m, Action::Finalize);
    update(&mut m, Action::Yes);
    m.on_reopen_failed("draf sedang dibuka oleh pmprb lain (host 1)");
    assert!(s(&m).is_final());
    assert!(status(&m).contains("pmprb lain"));
}

// --- the new-draft form's default -----------------------------------------------------------------

#[test]
fn the_default_period_is_replaced_by_what_is_typed() {
    let mut m = home_with(vec![]);
    update(&mut m, Action::NewDraft);
    assert_eq!(m.form.period.text, "2024");
    update(&mut m, Action::Tab);
    typed(&mut m, "2023");
    assert_eq!(m.form.period.text, "2023");
    typed(&mut m, "/2");
    assert_eq!(
        m.form.period.text, "2023/2",
        "after the first key, typing appends"
    );
}

#[test]
fn pasting_over_the_default_period_replaces_it_too() {
    let mut m = home_with(vec![]);
    run(
        &mut m,
        &[Action::NewDraft, Action::Tab, Action::Paste("2025".into())],
    );
    assert_eq!(m.form.period.text, "2025");
}

#[test]
fn backspace_and_arrows_edit_the_default_in_place() {
    let mut m = home_with(vec![]);
    run(&mut m, &[Action::NewDraft, Action::Tab, Action::Backspace]);
    assert_eq!(m.form.period.text, "202");
    typed(&mut m, "5");
    assert_eq!(m.form.period.text, "2025");

    let mut m = home_with(vec![]);
    run(&mut m, &[Action::NewDraft, Action::Tab, Action::Left]);
    typed(&mut m, "x");
    assert_eq!(m.form.period.text, "202x4");
}

// --- options picked by position ---------------------------------------------------------------------

/// pmprb-2020 at B.1.ii, whose `opini` scale has the codes WTP, WTP-DPP, WDP, TW, TMP.
fn at_opini() -> Model {
    let q = catalog::find_embedded("pmprb-2020").expect("pmprb-2020");
    let d = Draft::new(&q.id, &q.version, "Dinas", "2024");
    let mut ses = Session::new(PathBuf::from("/tmp/x.toml"), d, q, None, None, Vec::new());
    ses.pos = ses
        .q
        .questions
        .iter()
        .position(|&i| ses.q.nodes[i].id == "B.1.ii")
        .expect("B.1.ii");
    let mut m = walking();
    m.on_opened(ses);
    m
}

#[test]
fn long_codes_are_picked_by_position_with_a_to_e() {
    let mut m = at_opini();
    update(&mut m, Action::Choose('A'));
    assert_eq!(value(&m, "B.1.ii"), Some(toml::Value::String("WTP".into())));
    assert_ne!(id(&m), "B.1.ii", "the walk moves on");
    update(&mut m, Action::Up);
    update(&mut m, Action::Choose('C'));
    assert_eq!(value(&m, "B.1.ii"), Some(toml::Value::String("WDP".into())));
    update(&mut m, Action::Up);
    update(&mut m, Action::Choose('E'));
    assert_eq!(value(&m, "B.1.ii"), Some(toml::Value::String("TMP".into())));
}

#[test]
fn long_codes_are_picked_by_position_with_digits() {
    let mut m = at_opini();
    update(&mut m, Action::Digit('2'));
    assert_eq!(
        value(&m, "B.1.ii"),
        Some(toml::Value::String("WTP-DPP".into()))
    );
    assert!(
        s(&m).input.is_none(),
        "a digit picks, it does not start a number"
    );
}

#[test]
fn a_key_past_the_options_says_which_key_picks_which() {
    let mut m = at_opini();
    for a in [Action::Digit('6'), Action::Digit('0'), Action::Choose('Y')] {
        update(&mut m, a.clone());
        assert!(value(&m, "B.1.ii").is_none(), "{a:?}");
        assert_eq!(id(&m), "B.1.ii");
        assert!(warned(&m));
        assert!(status(&m).contains("a WTP, b WTP-DPP"), "{}", status(&m));
    }
}
