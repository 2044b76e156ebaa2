//! What the terminal app draws, into a TestBackend: snapshots of every screen at 80x24 and
//! 120x40, the too-small message, no panic at any size, and no control character from a
//! hostile questionnaire or draft in any cell.

use std::path::PathBuf;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::{Input, Key};

use pmprb::answer::Answer;
use pmprb::catalog;
use pmprb::draft::Draft;
use pmprb::i18n::Lang;
use pmprb::questionnaire::{self, Questionnaire};
use pmprb::scoring;
use pmprb::tui::model::{CatalogEntry, DraftInfo, HomeEntry};
use pmprb::tui::review::Section;
use pmprb::tui::theme::Theme;
use pmprb::tui::{Action, Model, Session, update, views};

fn catalog_entries() -> Vec<CatalogEntry> {
    vec![
        CatalogEntry {
            id: "contoh".into(),
            version: "1".into(),
            title: "Kuesioner Contoh (latihan)".into(),
            questions: 6,
        },
        CatalogEntry {
            id: "pmprb-2020".into(),
            version: "2020.1".into(),
            title: "Lembar Kerja Evaluasi PMPRB".into(),
            questions: 82,
        },
    ]
}

fn model(lang: Lang) -> Model {
    let mut m = Model::new(lang, catalog_entries(), "2024");
    m.home.dir = Some(PathBuf::from("/home/sekretaris/.local/share/pmprb"));
    m.home.loaded = true;
    m
}

fn session(q: Questionnaire, unit: &str) -> Session {
    let d = Draft::new(&q.id, &q.version, unit, "2024");
    Session::new(
        PathBuf::from("/tmp/draf.toml"),
        d,
        q,
        None,
        None,
        Vec::new(),
    )
}

fn contoh() -> Questionnaire {
    catalog::find_embedded("contoh").expect("the sample questionnaire is embedded")
}

/// The walk on the sample after four answers, a penjelasan and evidence.
fn walk(lang: Lang) -> Model {
    let mut m = model(lang);
    m.on_opened(session(contoh(), "Dinas Komunikasi dan Informatika"));
    for a in [Action::Choose('Y'), Action::Choose('B'), Action::Digit('8')] {
        update(&mut m, a);
    }
    for c in "5,5".chars() {
        update(&mut m, Action::Type(c));
    }
    for a in [
        Action::Enter,
        Action::Digit('3'),
        Action::Tab,
        Action::Type('4'),
        Action::Enter,
    ] {
        update(&mut m, a);
    }
    for a in [
        Action::Up,
        Action::Edit,
        Action::Paste("Pelatihan teknis bulan Maret.".into()),
        Action::Tab,
    ] {
        update(&mut m, a);
    }
    update(
        &mut m,
        Action::Paste("bukti/daftar-hadir.pdf\nhttps://kominfo.example.go.id/pelatihan".into()),
    );
    update(&mut m, Action::Esc);
    update(&mut m, Action::Flag);
    m
}

fn draw(m: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let theme = Theme::new(true);
    t.draw(|f| views::draw(f, m, &theme))
        .expect("drawing into a test terminal");
    t
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

macro_rules! snap {
    ($name:expr, $m:expr, $w:expr, $h:expr) => {{
        let t = draw(&$m, $w, $h);
        insta::assert_snapshot!(format!("{}_{}x{}", $name, $w, $h), t.backend());
        t
    }};
}

fn home_model() -> Model {
    let mut m = model(Lang::Id);
    let ok = |unit: &str, file: &str, answered, index, cat: &str, updated: &str| HomeEntry {
        path: PathBuf::from(format!("/data/{file}")),
        file: file.into(),
        info: Ok(DraftInfo {
            unit: unit.into(),
            period: "2024".into(),
            questionnaire: "pmprb-2020".into(),
            answered,
            questions: 82,
            index,
            category: cat.into(),
            category_label: String::new(),
            updated: updated.into(),
            is_final: false,
        }),
    };
    let entries = vec![
        ok(
            "Dinas Komunikasi dan Informatika",
            "kominfo-2024.toml",
            41,
            52.37,
            "CC",
            "2024-06-02 10:15",
        ),
        ok(
            "Badan Perencanaan Pembangunan Daerah",
            "bappeda-2024.toml",
            82,
            81.4,
            "A",
            "2024-05-28 16:02",
        ),
        HomeEntry {
            path: PathBuf::from("/data/rusak.toml"),
            file: "rusak.toml".into(),
            info: Err("3:9: TOML tidak sah: expected `=`".into()),
        },
    ];
    // The complete one was finalized.
    let mut entries = entries;
    if let Some(Ok(d)) = entries.get_mut(1).map(|e| e.info.as_mut()) {
        d.is_final = true;
    }
    m.on_home_loaded(m.home.dir.clone(), Ok(entries));
    m
}

#[test]
fn home_lists_drafts_and_damaged_ones() {
    for (w, h) in [(80, 24), (120, 40)] {
        let t = snap!("home", home_model(), w, h);
        let text = screen_text(&t);
        assert!(text.contains("rusak.toml"), "a damaged draft is listed");
        assert!(text.contains("final"), "the status is shown");
        assert!(text.contains("Buat penilaian baru"));
    }
}

#[test]
fn home_first_run_welcomes() {
    let m = model(Lang::Id);
    snap!("home_empty", m, 80, 24);
}

#[test]
fn new_assessment_form() {
    let mut m = model(Lang::Id);
    update(&mut m, Action::NewDraft);
    for c in "Dinas Kominfo".chars() {
        update(&mut m, Action::Type(c));
    }
    snap!("form", m, 80, 24);
}

#[test]
fn walk_shows_the_index_and_category_the_scoring_core_computes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let m = walk(Lang::Id);
        let t = snap!("walk", m, w, h);
        let s = m.session.as_ref().expect("a session");
        let score = scoring::score(&s.q, &s.draft.answers);
        let cat = &s.q.categories[score.category];
        let text = screen_text(&t);
        let shown = format!("{}  {} {}", Lang::Id.num(score.index), cat.code, cat.label);
        assert!(text.contains(&shown), "header shows {shown:?}:\n{text}");
        assert!(text.contains("4/6"));
    }
}

#[test]
fn walk_in_english() {
    let m = walk(Lang::En);
    let t = snap!("walk_en", m, 80, 24);
    assert!(screen_text(&t).contains("answered"));
}

#[test]
fn walk_typing_a_ratio() {
    let mut m = model(Lang::Id);
    m.on_opened(session(contoh(), "Dinas Kominfo"));
    for a in [
        Action::NextGroup,
        Action::Down,
        Action::Digit('3'),
        Action::Tab,
        Action::Type('4'),
    ] {
        update(&mut m, a);
    }
    snap!("walk_ratio", m, 80, 24);
}

#[test]
fn editor() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut m = walk(Lang::Id);
        update(&mut m, Action::Edit);
        update(
            &mut m,
            Action::EditorKey(Input {
                key: Key::Char('!'),
                ..Input::default()
            }),
        );
        snap!("editor", m, w, h);
    }
}

#[test]
fn help_lists_every_key_of_the_walk() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut m = walk(Lang::Id);
        update(&mut m, Action::Help);
        let t = snap!("help", m, w, h);
        if h == 40 {
            let text = screen_text(&t);
            for b in pmprb::tui::keymap::rows(pmprb::tui::keymap::Mode::Walk) {
                assert!(text.contains(b.caption), "help shows {}", b.caption);
            }
        }
    }
}

#[test]
fn search_shows_matches_as_typed() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut m = walk(Lang::Id);
        update(&mut m, Action::Search);
        for c in "rencana".chars() {
            update(&mut m, Action::Type(c));
        }
        snap!("search", m, w, h);
    }
}

/// The review of the walk's draft, with one invalid answer and one answer whose question
/// is gone, so every section has something in it.
fn review(lang: Lang) -> Model {
    let mut m = walk(lang);
    if let Some(s) = m.session.as_mut() {
        s.draft.answers.insert(
            "B.b".into(),
            Answer::with_value(toml::Value::String("X".into())),
        );
        s.draft.answers.insert(
            "A.9".into(),
            Answer::with_value(toml::Value::String("Y".into())),
        );
        s.rescore();
    }
    update(&mut m, Action::Review);
    m
}

#[test]
fn review_shows_the_gains_and_the_way_up_the_core_computes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let m = review(Lang::Id);
        let t = snap!("review", m, w, h);
        let text = screen_text(&t);
        let s = m.session.as_ref().expect("a session");
        let score = scoring::score(&s.q, &s.draft.answers);
        let gains = pmprb::review::gains(&s.q, &score);
        let top = &gains[0];
        let shown = format!("+{}", Lang::Id.num(top.gain));
        assert!(text.contains(&shown), "the top gain {shown:?}:\n{text}");
        assert!(text.contains(&s.q.nodes[top.node].id));
        let pmprb::review::NextCategory::Path { index_after, .. } =
            pmprb::review::next_category(&s.q, &score)
        else {
            panic!("the sample has a way to the next category");
        };
        let after = format!("= {}", Lang::Id.num(index_after));
        assert!(text.contains(&after), "the index after {after:?}:\n{text}");
        if h == 40 {
            for part in ["Komponen", "Jawaban tidak sah", "A.9", "BAIK"] {
                assert!(text.contains(part), "{part}:\n{text}");
            }
        }
    }
}

#[test]
fn review_in_english() {
    let m = review(Lang::En);
    let t = snap!("review_en", m, 120, 40);
    assert!(screen_text(&t).contains("What raises the index most"));
}

/// The sample with every question answered.
fn complete() -> Model {
    let mut m = model(Lang::Id);
    let mut s = session(contoh(), "Dinas Kominfo");
    // Who finalizes: the assessor when the draft names one (else the login name).
    s.draft.assessor = Some("Sekretaris".into());
    m.on_opened(s);
    for a in [Action::Choose('Y'), Action::Choose('A'), Action::Digit('9')] {
        update(&mut m, a);
    }
    for a in [
        Action::Type('0'),
        Action::Enter,
        Action::NotApplicable,
        Action::Digit('4'),
        Action::Enter,
        Action::Choose('B'),
    ] {
        update(&mut m, a);
    }
    m
}

#[test]
fn finalize_asks_first() {
    let mut m = complete();
    assert_eq!(m.session.as_ref().map(|s| s.score.unanswered()), Some(0));
    update(&mut m, Action::Finalize);
    let t = snap!("finalize_confirm", m, 80, 24);
    assert!(screen_text(&t).contains("Finalkan draf"));
}

#[test]
fn finalize_says_what_blocks_it() {
    let mut m = walk(Lang::Id);
    update(&mut m, Action::Finalize);
    let t = snap!("finalize_blocked", m, 80, 24);
    let text = screen_text(&t);
    assert!(text.contains("2 soal belum dijawab: B.a, B.b"), "{text}");
}

#[test]
fn a_final_draft_says_so_in_the_header() {
    let mut m = complete();
    update(&mut m, Action::Finalize);
    update(&mut m, Action::Yes);
    // The saver wrote it.
    if let Some((path, rev)) = m.session.as_ref().map(|s| (s.path.clone(), s.revision)) {
        m.on_saved(&path, rev, Ok(()));
    }
    let t = snap!("walk_final", m, 80, 24);
    assert!(screen_text(&t).contains("✔ final"));
}

#[test]
fn options_with_long_codes_show_the_key_that_picks_each() {
    let q = catalog::find_embedded("pmprb-2020").expect("pmprb-2020 is embedded");
    let mut m = model(Lang::Id);
    let mut s = session(q, "Dinas Kominfo");
    s.pos =
        s.q.questions
            .iter()
            .position(|&i| s.q.nodes[i].id == "B.1.ii")
            .expect("B.1.ii is a question");
    m.on_opened(s);
    let t = snap!("walk_opini", m, 120, 40);
    let text = screen_text(&t);
    assert!(text.contains("[a] WTP"), "{text}");
    assert!(text.contains("[e] TMP"), "{text}");
}

#[test]
fn too_small_asks_for_a_larger_terminal() {
    let m = walk(Lang::Id);
    let t = snap!("too_small", m, 59, 15);
    assert_eq!(
        screen_text(&t)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count(),
        1
    );
}

/// Every screen the app has, for the size and cleanliness checks.
fn every_screen(q: &Questionnaire, unit: &str, note: &str) -> Vec<Model> {
    let mut out = Vec::new();
    let mut home = home_model();
    if let Some(Ok(d)) = home.home.entries.first_mut().map(|e| e.info.as_mut()) {
        d.unit = unit.to_string();
    }
    out.push(home);
    let mut form = model(Lang::Id);
    update(&mut form, Action::NewDraft);
    update(&mut form, Action::Paste(unit.to_string()));
    out.push(form);
    let mut w = model(Lang::Id);
    let mut s = session(q.clone(), unit);
    for (i, &n) in q.questions.iter().enumerate().take(3) {
        let mut a = Answer::with_value(toml::Value::String("Y".into()));
        a.note = note.to_string();
        a.evidence = vec![note.to_string()];
        a.flag = i == 1;
        s.draft.answers.insert(q.nodes[n].id.clone(), a);
    }
    s.draft.answers.insert(
        format!("Z{note}"),
        Answer::with_value(toml::Value::String(note.into())),
    );
    s.rescore();
    s.read_only = Some(note.to_string());
    s.save_error = Some(note.to_string());
    w.on_opened(s);
    out.push(w);
    for extra in [Action::Help, Action::Search, Action::Jump, Action::Edit] {
        let mut m = model(Lang::Id);
        let mut s = session(q.clone(), unit);
        s.draft.answers.insert(
            q.nodes[q.questions[0]].id.clone(),
            Answer {
                note: note.to_string(),
                ..Answer::default()
            },
        );
        m.on_opened(s);
        update(&mut m, extra.clone());
        if extra != Action::Help && extra != Action::Edit {
            update(&mut m, Action::Paste("a".into()));
        }
        out.push(m);
    }
    let mut c = walk(Lang::Id);
    c.on_quit_failed(note);
    out.push(c);
    // The review of the hostile draft, every section open and in full, the selection at
    // the end; and the finalize dialogs over it.
    let mut r = model(Lang::Id);
    let mut s = session(q.clone(), unit);
    for (i, &n) in q.questions.iter().enumerate() {
        let mut a = Answer::with_value(toml::Value::String(if i % 2 == 0 {
            "Y".into()
        } else {
            note.to_string()
        }));
        a.flag = true;
        s.draft.answers.insert(q.nodes[n].id.clone(), a);
    }
    s.draft.answers.insert(
        format!("Z{note}"),
        Answer::with_value(toml::Value::String(note.into())),
    );
    s.rescore();
    r.on_opened(s);
    update(&mut r, Action::Review);
    if let Some(s) = r.session.as_mut() {
        s.review.open = (0..q.nodes.len()).collect();
        s.review.full = [
            Section::Path,
            Section::Gains,
            Section::Unanswered,
            Section::Invalid,
            Section::Flagged,
            Section::Orphaned,
        ]
        .into_iter()
        .collect();
    }
    out.push(r);
    let mut r = out
        .last()
        .map(clone_review)
        .unwrap_or_else(|| model(Lang::Id));
    for _ in 0..50 {
        update(&mut r, Action::PageDown);
    }
    out.push(r);
    let mut b = walk(Lang::Id);
    update(&mut b, Action::Finalize);
    out.push(b);
    let mut f = complete();
    update(&mut f, Action::Finalize);
    out.push(f);
    let mut o = complete();
    update(&mut o, Action::Finalize);
    update(&mut o, Action::Yes);
    update(&mut o, Action::Choose('T'));
    out.push(o);
    out
}

/// A model on the same draft as `m`'s, on the review.
fn clone_review(m: &Model) -> Model {
    let mut r = model(m.lang);
    if let Some(s) = &m.session {
        let mut c = session(s.q.clone(), &s.draft.unit);
        c.draft = s.draft.clone();
        c.review = s.review.clone();
        c.rescore();
        r.on_opened(c);
        r.screen = pmprb::tui::model::Screen::Review;
    }
    r
}

#[test]
fn nothing_panics_at_any_size() {
    let models = every_screen(&contoh(), "Dinas", "catatan");
    for m in &models {
        for w in [1, 2, 3, 10, 30, 59, 60, 61, 79, 80, 81, 119, 120, 250] {
            for h in [1, 2, 3, 8, 15, 16, 17, 23, 24, 40, 90] {
                draw(m, w, h);
            }
        }
    }
}

const HOSTILE: &str =
    "\x1b[31m\x1b]0;judul\x07\u{202e}\u{2066}\u{200b}\u{feff}\u{ad}\r\x08\x00\x7f\u{9b}";

fn hostile_questionnaire() -> Questionnaire {
    let h = toml_escape(HOSTILE);
    let long = toml_escape(&format!("{HOSTILE}Teks sangat panjang ").repeat(500));
    let src = format!(
        r#"
schema = 1
id = "jahat"
version = "1{h}"
title = "Judul{h}"

[scales.YT]
kind = "choice"
options = [
  {{ code = "Y", label = "Ya{h}", score = 1.0 }},
  {{ code = "T", label = "Tidak{h}", score = 0.0 }},
]

[scales.rasio]
kind = "ratio"

[[category]]
code = "AA"
label = "Sangat{h}"
above = 50
[[category]]
code = "D"
label = "Kurang{h}"

[[group]]
id = "A"
title = "Kelompok{h}{long}"
guidance = "Petunjuk{h}"
evidence = ["Bukti{h}"]

[[question]]
id = "A.a"
text = "{long}"
scale = "YT"
criteria = {{ Y = "{long}", T = "Tidak{h}" }}
guidance = "{long}"
evidence = ["{h}", "{long}"]

[[question]]
id = "A.b"
text = "Rasio{h}"
scale = "rasio"
numerator = "Pembilang{h}"
denominator = "Penyebut{h}"

[[question]]
id = "A.c"
text = "Lagi{h}"
scale = "YT"
"#
    );
    let r = questionnaire::load_str(&src);
    r.questionnaire
        .unwrap_or_else(|| panic!("the hostile questionnaire loads: {:?}", r.problems))
}

fn toml_escape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if c.is_control() || matches!(c, '\u{200b}'..='\u{206f}' | '\u{feff}' | '\u{ad}') => {
                format!("\\u{:04X}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// What must never reach a cell, listed here rather than asked of `text::clean` (the code
/// under test): control characters (newline and tab included), the zero-width and bidi
/// format characters, the byte order mark, interlinear annotations, the soft hyphen.
fn is_unclean(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{61c}'
                | '\u{ad}'
        )
}

#[test]
fn a_hostile_questionnaire_and_draft_leave_no_control_character_in_any_cell() {
    let q = hostile_questionnaire();
    let models = every_screen(
        &q,
        &format!("Dinas{HOSTILE}"),
        &format!("Catatan{HOSTILE}\nbaris dua{HOSTILE}"),
    );
    for m in &models {
        for (w, h) in [(80, 24), (120, 40), (60, 16), (7, 3)] {
            let t = draw(m, w, h);
            let buf = t.backend().buffer();
            for cell in buf.content() {
                let sym = cell.symbol();
                assert!(
                    !sym.chars().any(is_unclean),
                    "control or format character {sym:?} drawn at {w}x{h}"
                );
            }
        }
    }
}

#[test]
fn an_empty_questionnaire_draws_and_every_key_is_safe() {
    let src = "schema = 1\nid = \"kosong\"\nversion = \"1\"\ntitle = \"Kosong\"\n[[category]]\ncode = \"D\"\nlabel = \"D\"\n";
    let q = questionnaire::load_str(src)
        .questionnaire
        .expect("an empty questionnaire loads");
    let mut m = model(Lang::Id);
    let mut s = session(q, "Dinas");
    s.draft.answers.insert(
        "A.1".into(),
        Answer::with_value(toml::Value::String("Y".into())),
    );
    s.rescore();
    m.on_opened(s);
    for a in [
        Action::Up,
        Action::Down,
        Action::PrevGroup,
        Action::NextGroup,
        Action::Choose('Y'),
        Action::Digit('1'),
        Action::NotApplicable,
        Action::Clear,
        Action::Flag,
        Action::Edit,
        Action::Undo,
        Action::NextUnanswered,
        Action::NextFlagged,
        Action::ScrollDown,
        Action::Search,
        Action::Type('a'),
        Action::Enter,
        Action::Esc,
        Action::Jump,
        Action::Esc,
        Action::Review,
        Action::Down,
        Action::Tab,
        Action::Enter,
        Action::PageDown,
        Action::Right,
        Action::Esc,
        Action::Finalize,
        Action::Yes,
        Action::Choose('Y'),
        Action::No,
        Action::Help,
    ] {
        update(&mut m, a);
        for (w, h) in [(80, 24), (60, 16), (1, 1)] {
            draw(&m, w, h);
        }
    }
}

/// The rows of the screen shown in reverse video (the selection), as text.
fn reversed_rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .filter(|&y| {
            (0..buf.area.width).any(|x| {
                buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            })
        })
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// Only the rows in view are laid out on a questionnaire of thousands of groups and
/// questions; the navigator still shows the current group and the review the selected
/// row, wherever they are in the list.
#[test]
fn big_questionnaires_show_the_current_rows_wherever_they_are() {
    let q = questionnaire::load_str(&pmprb::synth::questionnaire_toml(3000))
        .questionnaire
        .expect("the synthetic questionnaire loads");
    let mut m = model(Lang::Id);
    let mut s = session(q, "Dinas");
    s.draft.answers = pmprb::synth::draft(&s.q, 3).answers;
    s.rescore();
    for pos in [0, 1234, 2999] {
        s.pos = pos;
        let group = s.q.nodes[s.node()].parent.expect("a question has a group");
        let shown = format!(
            "▶ {} {}",
            s.q.nodes[group].id.rsplit('.').next().unwrap_or(""),
            s.q.nodes[group].text
        );
        let mut walk = model(Lang::Id);
        let mut c = session(s.q.clone(), "Dinas");
        c.draft = s.draft.clone();
        c.rescore();
        c.pos = pos;
        walk.on_opened(c);
        for (w, h) in [(80, 24), (200, 60)] {
            let rows = reversed_rows(&draw(&walk, w, h));
            let cut: String = shown.chars().take(9).collect();
            assert!(
                rows.iter().any(|r| r.contains(&cut)),
                "{pos} at {w}x{h}: {cut:?} not in {rows:#?}"
            );
        }
    }

    m.on_opened(s);
    update(&mut m, Action::Review);
    if let Some(s) = m.session.as_mut() {
        s.review.full = [
            Section::Path,
            Section::Gains,
            Section::Unanswered,
            Section::Invalid,
            Section::Flagged,
            Section::Orphaned,
        ]
        .into_iter()
        .collect();
        s.review.open = (0..s.q.nodes.len()).collect();
    }
    for k in 0..60 {
        update(&mut m, Action::PageDown);
        let s = m.session.as_ref().expect("a session");
        let rows = pmprb::tui::review::rows(s, m.lang);
        let want = match &rows[s.review.selected] {
            pmprb::tui::review::Row::Question { node, .. }
            | pmprb::tui::review::Row::Group { node, .. } => s.q.nodes[*node].id.clone(),
            _ => continue,
        };
        for (w, h) in [(80, 24), (200, 60)] {
            let shown = reversed_rows(&draw(&m, w, h));
            assert!(
                shown.iter().any(|r| r.contains(&format!("{want} "))),
                "page {k} at {w}x{h}: {want} not in {shown:#?}"
            );
        }
    }
}
