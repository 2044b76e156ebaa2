//! A monkey on the terminal app's model: long random sequences of every kind of input —
//! every key of every screen with and without Ctrl, Alt and Shift, any character, pastes
//! with newlines and control characters, mouse wheels, resizes down to one cell — and of
//! what the loop reports back (saves that worked or failed, drafts that opened or did not,
//! leaving refused for a failed save, reopening). After every step: no panic, every
//! selection, cursor and scroll is in range, the index the header shows is a fresh
//! `scoring::score` of the draft's answers, and the frame draws at the current size.

use std::path::PathBuf;
use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use pmprb::answer::Answer;
use pmprb::catalog;
use pmprb::draft::Draft;
use pmprb::i18n::Lang;
use pmprb::questionnaire::{self, Questionnaire};
use pmprb::scoring;
use pmprb::synth;
use pmprb::tui::keymap;
use pmprb::tui::model::{
    CatalogEntry, DraftInfo, FormField, HomeEntry, MAX_RESULTS, Screen, SearchKind,
};
use pmprb::tui::review::{self, Row};
use pmprb::tui::theme::Theme;
use pmprb::tui::{Action, Effect, Model, Session, update, views};

/// One thing that happens to the app.
#[derive(Clone, Debug)]
enum Input {
    Key(KeyCode, KeyModifiers, KeyEventKind),
    Paste(String),
    Wheel {
        down: bool,
    },
    Resize(u16, u16),
    /// The background save of the open draft finished, as the saver thread reports it.
    Saved {
        ok: bool,
        behind: u8,
    },
}

// ---------------------------------------------------------------------------------------
// What the monkey types

/// Characters the key tables give a meaning to somewhere, so the monkey reaches every
/// screen, and characters no table knows.
const MEANINGFUL: &str = "yYtTaAbBcCdDeEfFgGhHiIjJkKlLnNqQrRuUxX0123456789,./?-+ ";

fn char_key() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => proptest::sample::select(MEANINGFUL.chars().collect::<Vec<_>>()),
        1 => any::<char>(),
        1 => proptest::sample::select(vec![
            '\x00', '\x03', '\x1b', '\x7f', '\u{9b}', '\u{202e}', '\u{200b}', 'é', '漢', '🙂',
        ]),
    ]
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        10 => char_key().prop_map(KeyCode::Char),
        6 => proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Insert,
        ]),
        1 => (1u8..=12).prop_map(KeyCode::F),
        1 => proptest::sample::select(vec![KeyCode::Null, KeyCode::CapsLock, KeyCode::Menu]),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        12 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::SHIFT),
        3 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::CONTROL | KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL | KeyModifiers::ALT),
    ]
}

fn paste() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.]{0,24}",
        3 => proptest::collection::vec(
            prop_oneof![
                6 => proptest::char::range('a', 'z'),
                2 => proptest::sample::select(vec![
                    '\n', '\r', '\t', ' ', '\x1b', '\x00', '\x07', '\x08', '\u{202e}', '\u{feff}',
                    '[', '3', '1', 'm', '9', ',', 'é', '漢', '🙂',
                ]),
                1 => any::<char>(),
            ],
            0..80,
        )
        .prop_map(|v| v.into_iter().collect()),
        1 => "[a-z\n]{200,600}",
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        30 => (key_code(), modifiers(), prop_oneof![
            20 => Just(KeyEventKind::Press),
            1 => Just(KeyEventKind::Repeat),
            1 => Just(KeyEventKind::Release),
        ])
            .prop_map(|(c, m, k)| Input::Key(c, m, k)),
        2 => paste().prop_map(Input::Paste),
        1 => any::<bool>().prop_map(|down| Input::Wheel { down }),
        2 => prop_oneof![
            3 => (60u16..=220, 16u16..=70),
            1 => (1u16..=60, 1u16..=16),
        ]
        .prop_map(|(w, h)| Input::Resize(w, h)),
        3 => (proptest::bool::weighted(0.8), 0u8..3)
            .prop_map(|(ok, behind)| Input::Saved { ok, behind }),
    ]
}

// ---------------------------------------------------------------------------------------
// Drafts and questionnaires to walk

/// The sample (every scale kind, N/A, a predicate), the LKE (options picked by position),
/// a synthetic one with five levels and every scale, and one with no questions at all.
fn questionnaires() -> &'static [Questionnaire] {
    static QS: OnceLock<Vec<Questionnaire>> = OnceLock::new();
    QS.get_or_init(|| {
        let empty = "schema = 1\nid = \"kosong\"\nversion = \"1\"\ntitle = \"Kosong\"\n\
                     [[category]]\ncode = \"D\"\nlabel = \"D\"\n";
        vec![
            catalog::find_embedded("contoh").expect("embedded"),
            catalog::find_embedded("pmprb-2020").expect("embedded"),
            questionnaire::load_str(&synth::questionnaire_toml(300))
                .questionnaire
                .expect("the synthetic questionnaire loads"),
            questionnaire::load_str(empty)
                .questionnaire
                .expect("an empty questionnaire loads"),
        ]
    })
}

/// A session on one of the questionnaires, answered in part (with some answers that do
/// not fit, an answer to no question, flags), read-only, final or open elsewhere as
/// `luck` says.
fn session(luck: u8) -> Session {
    let qs = questionnaires();
    let q = qs[luck as usize % qs.len()].clone();
    let mut d = if luck.is_multiple_of(3) {
        Draft::new(&q.id, &q.version, "Dinas \x1b[31mUji\u{202e}", "2024")
    } else {
        synth::draft(&q, 1 + luck as usize % 4)
    };
    for (k, &i) in q.questions.iter().enumerate() {
        if let Some(a) = d.answers.get_mut(&q.nodes[i].id) {
            a.flag = (k + luck as usize).is_multiple_of(5);
            if (k + luck as usize).is_multiple_of(11) {
                a.value = Some(toml::Value::String("bukan-kode\x07".into()));
            }
        }
    }
    if luck % 4 == 1 {
        d.answers.insert(
            "Z.99\x1b]0;x\x07".into(),
            Answer::with_value(toml::Value::Integer(5)),
        );
    }
    let mut read_only = None;
    if luck % 7 == 2 {
        d.finalize("uji");
        read_only = Some("final".to_string());
    } else if luck % 7 == 4 {
        read_only = Some("draf sedang dibuka oleh pmprb lain (uji@host)\x1b[2J".to_string());
    }
    let notes = if luck % 5 == 3 {
        vec!["versi kuesioner berbeda\r\n".to_string()]
    } else {
        Vec::new()
    };
    Session::new(
        PathBuf::from(format!("/data/draf-{luck}.toml")),
        d,
        q,
        None,
        read_only,
        notes,
    )
}

fn catalog_entries() -> Vec<CatalogEntry> {
    ["contoh", "pmprb-2020", "zi-2021"]
        .iter()
        .map(|id| CatalogEntry {
            id: id.to_string(),
            version: "1".into(),
            title: format!("Kuesioner {id}"),
            questions: 10,
        })
        .collect()
}

fn home_entries(luck: u8) -> Vec<HomeEntry> {
    (0..luck as usize % 15)
        .map(|k| HomeEntry {
            path: PathBuf::from(format!("/data/d{k}.toml")),
            file: format!("d{k}.toml"),
            info: if k % 4 == 3 {
                Err(format!("{k}:1: TOML tidak sah\x1b[31m"))
            } else {
                Ok(DraftInfo {
                    unit: format!("Unit {k} \u{202e}"),
                    period: "2024".into(),
                    questionnaire: "pmprb-2020".into(),
                    answered: k * 10,
                    questions: 186,
                    index: k as f64 * 6.25,
                    category: "C".into(),
                    category_label: "Kurang".into(),
                    updated: "2024-06-02 10:15".into(),
                    is_final: k % 5 == 1,
                })
            },
        })
        .collect()
}

/// The model the app starts with: the home screen, or a draft opened from the command line.
fn start(lang: Lang, luck: u8) -> Model {
    let mut m = Model::new(lang, catalog_entries(), "2024");
    m.home.dir = Some(PathBuf::from("/data"));
    if luck.is_multiple_of(4) {
        m.on_home_loaded(m.home.dir.clone(), Ok(home_entries(luck)));
    } else {
        m.on_opened(session(luck));
    }
    m
}

// ---------------------------------------------------------------------------------------
// The loop, played by the test

/// Carries out an effect as the app's loop does, with the outcome `luck` picks. Returns
/// false when the app would end.
fn carry_out(m: &mut Model, e: Effect, luck: u8) -> bool {
    let fail = luck.is_multiple_of(4);
    match e {
        Effect::LoadHome if fail => m.on_home_loaded(
            m.home.dir.clone(),
            Err("/data: Permission denied\x1b[0m".into()),
        ),
        Effect::LoadHome => m.on_home_loaded(m.home.dir.clone(), Ok(home_entries(luck))),
        Effect::Open(_) if fail => m.on_open_failed("/data/x.toml:3:1: galat\x1b[31m\nbaris"),
        Effect::Open(_) => m.on_opened(session(luck / 4)),
        Effect::Create(_) if fail => m.on_create_failed("tidak dapat menulis\x07"),
        Effect::Create(_) => m.on_opened(session(luck / 4)),
        Effect::Close { force: false } if fail => m.on_close_failed("No space left on device"),
        Effect::Close { .. } => {
            m.on_closed();
            m.on_home_loaded(m.home.dir.clone(), Ok(home_entries(luck)));
        }
        Effect::Quit { force: false } if fail => m.on_quit_failed("Read-only file system\x1b"),
        Effect::Quit { .. } => return false,
        Effect::Reopen if fail => m.on_reopen_failed("draf sedang dibuka oleh pmprb lain"),
        Effect::Reopen => {
            // Read again from disk: the same draft, or one another `pmprb` changed.
            let fresh = m
                .session
                .as_ref()
                .filter(|_| luck.is_multiple_of(2))
                .map(|s| {
                    let mut d = s.draft.clone();
                    if let Some(&i) = s.q.questions.first() {
                        d.answers.insert(
                            s.q.nodes[i].id.clone(),
                            Answer::with_value(toml::Value::String("Y".into())),
                        );
                    }
                    d
                });
            m.on_reopened(None, fresh);
        }
    }
    true
}

/// One step: the input through the key table and `update` (as the loop's `to_action`
/// does), then any effect.
fn step(m: &mut Model, size: &mut (u16, u16), input: &Input, luck: u8) -> bool {
    let action = match input {
        Input::Key(code, mods, kind) => {
            if *kind == KeyEventKind::Release {
                return true;
            }
            let ev = KeyEvent {
                code: *code,
                modifiers: *mods,
                kind: *kind,
                state: KeyEventState::NONE,
            };
            keymap::action(m.mode(), &ev)
        }
        Input::Paste(p) => Action::Paste(p.clone()),
        Input::Wheel { down: true } => Action::ScrollDown,
        Input::Wheel { down: false } => Action::ScrollUp,
        Input::Resize(w, h) => {
            *size = (*w, *h);
            return true;
        }
        Input::Saved { ok, behind } => {
            if let Some(s) = &m.session {
                let (path, rev) = (s.path.clone(), s.revision.saturating_sub(*behind as u64));
                let result = if *ok {
                    Ok(())
                } else {
                    Err("No space left on device (os error 28)\x1b[31m".to_string())
                };
                m.on_saved(&path, rev, result);
            }
            return true;
        }
    };
    match update(m, action) {
        Some(e) => carry_out(m, e, luck),
        None => true,
    }
}

// ---------------------------------------------------------------------------------------
// What must hold after every step

fn check(m: &Model, size: (u16, u16), buffer: &ratatui::buffer::Buffer) {
    assert!(m.home.selected <= m.home.entries.len(), "home selection");
    assert!(m.form.choice <= m.catalog.len(), "questionnaire choice");
    for f in [&m.form.unit, &m.form.period, &m.form.file] {
        assert!(f.cursor <= f.text.chars().count(), "form cursor {f:?}");
    }
    if m.form.focus == FormField::File {
        assert_eq!(m.form.choice, m.catalog.len(), "the file field is shown");
    }
    if let Some(h) = &m.help {
        assert!(
            h.scroll as usize <= keymap::rows(h.of).count() * 3 + 16,
            "help scroll {}",
            h.scroll
        );
    }
    let Some(s) = &m.session else {
        return;
    };
    let n = s.q.questions.len();
    assert!(s.pos < n.max(1), "position {} of {n}", s.pos);
    assert!(
        s.saved <= s.revision,
        "saved {} > revision {}",
        s.saved,
        s.revision
    );
    let fresh = scoring::score(&s.q, &s.draft.answers);
    assert_eq!(s.score, fresh, "the score shown is the draft's");
    if let Some(node) = s.current() {
        let chars = node.text.len()
            + node.guidance.as_ref().map_or(0, |g| g.len())
            + node.evidence.iter().map(|e| e.len() + 8).sum::<usize>()
            + s.q
                .question(s.node())
                .map_or(0, |q| q.criteria.values().map(|c| c.len() + 8).sum());
        assert!(
            s.scroll as usize <= chars / 8 + 40,
            "question scroll {}",
            s.scroll
        );
    }
    if let Some(se) = &s.search {
        assert!(se.results.len() <= MAX_RESULTS);
        assert!(se.selected < se.results.len().max(1), "search selection");
        assert!(
            se.query.cursor <= se.query.text.chars().count(),
            "search cursor"
        );
        for &i in &se.results {
            assert!(i < s.q.nodes.len());
            if se.kind == SearchKind::Text {
                assert!(s.q.question(i).is_some(), "text search finds questions");
            }
        }
    }
    if let Some(inp) = &s.input {
        assert!(
            inp.ratio || !inp.on_second,
            "a second field only for a ratio"
        );
    }
    if let Some(ed) = &s.editor {
        assert!(
            s.q.node_index(&ed.id).is_some(),
            "the editor is on a question"
        );
    }
    if m.screen == Screen::Review {
        let rows = review::rows(s, m.lang);
        if rows.iter().any(Row::selectable) {
            let sel = s.review.selected;
            assert!(
                sel < rows.len() && rows[sel].selectable(),
                "review selection {sel} of {}",
                rows.len()
            );
        }
    }

    // The header shows that index, where it is in view.
    let header_in_view = matches!(m.screen, Screen::Walk | Screen::Review)
        && m.help.is_none()
        && m.confirm.is_none()
        && s.search.is_none()
        && size.0 >= views::MIN_WIDTH
        && size.1 >= views::MIN_HEIGHT;
    if header_in_view {
        let row: String = (0..size.0).map(|x| buffer[(x, 1)].symbol()).collect();
        let shown = format!(" {} {}", m.lang.texts().index, m.lang.num(fresh.index));
        assert!(
            row.starts_with(&shown),
            "header {row:?}, expected {shown:?}"
        );
    }
}

/// Draws `m` at `size` and checks it.
fn draw_and_check(m: &Model, size: (u16, u16), theme: &Theme) {
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal");
    term.draw(|f| views::draw(f, m, theme)).expect("draws");
    check(m, size, term.backend().buffer());
}

fn run(lang: Lang, start_luck: u8, inputs: &[(Input, u8)]) {
    let theme = Theme::new(start_luck.is_multiple_of(2));
    let mut m = start(lang, start_luck);
    let mut size = (80u16, 24u16);
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal");
    for (k, (input, luck)) in inputs.iter().enumerate() {
        if !step(&mut m, &mut size, input, *luck) {
            // The app ended; it starts again.
            m = start(lang, luck.wrapping_add(k as u8));
        }
        if let Input::Resize(w, h) = input {
            // As the real terminal does: the next frame is drawn whole at the new size.
            term = Terminal::new(TestBackend::new(*w, *h)).expect("a test terminal");
        }
        term.draw(|f| views::draw(f, &m, &theme)).expect("draws");
        check(&m, size, term.backend().buffer());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 40,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_input_in_any_order_keeps_the_app_consistent(
        english in proptest::bool::weighted(0.25),
        start_luck in any::<u8>(),
        inputs in proptest::collection::vec((input(), any::<u8>()), 50..400),
    ) {
        let lang = if english { Lang::En } else { Lang::Id };
        run(lang, start_luck, &inputs);
    }
}

/// What the monkey may miss by chance: every key of the table, alone and with Ctrl and
/// Alt, pressed on every screen (the walk, typing a number, the editor, search, jump, the
/// review, help, the finalize dialog, the home screen and the new-draft form) of a draft
/// of every questionnaire, each from a fresh start.
#[test]
fn every_key_on_every_screen() {
    let keys: Vec<(KeyCode, KeyModifiers)> = [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::F(1),
    ]
    .into_iter()
    .chain(MEANINGFUL.chars().map(KeyCode::Char))
    .flat_map(|c| [KeyModifiers::NONE, KeyModifiers::CONTROL].map(|m| (c, m)))
    .chain([
        (KeyCode::Char('q'), KeyModifiers::ALT),
        (KeyCode::Enter, KeyModifiers::ALT),
    ])
    .collect();
    let press = |c: char| {
        let (code, mods) = match c {
            '\x06' => (KeyCode::Char('f'), KeyModifiers::CONTROL),
            '\r' => (KeyCode::Enter, KeyModifiers::NONE),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        (Input::Key(code, mods, KeyEventKind::Press), 1u8)
    };
    let theme = Theme::new(true);
    // The sample's draft open and final, the synthetic one's open in another `pmprb`, and
    // one with no questions (the LKE, slow to set up in a debug build, is the monkey's).
    for luck in [8, 16, 18, 7] {
        // `q` from the walk goes home; `n` there opens the form.
        for way_in in [
            "", "5", "i", "/a", "gA", "r", "rj\r", "?", "\x06", "q", "qn",
        ] {
            for (code, mods) in &keys {
                let mut m = Model::new(Lang::Id, catalog_entries(), "2024");
                m.on_opened(session(luck));
                let mut size = (80, 24);
                for (input, l) in way_in.chars().map(press) {
                    step(&mut m, &mut size, &input, l);
                }
                let key = Input::Key(*code, *mods, KeyEventKind::Press);
                if !step(&mut m, &mut size, &key, luck) {
                    continue;
                }
                draw_and_check(&m, (80, 24), &theme);
            }
        }
    }
}
