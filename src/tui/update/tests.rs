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

// --- help, leaving, unknown keys ---------------------------------------------------------

#[test]
fn question_mark_opens_help_for_the_current_screen_and_esc_closes_it() {
    let mut m = walking();
    update(&mut m, Action::Help);
    assert_eq!(m.mode(), Mode::Help);
    assert_eq!(m.help.map(|h| h.of), Some(Mode::Walk));
    update(&mut m, Action::Down);
    assert_eq!(m.help.map(|h| h.scroll), Some(1));
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
