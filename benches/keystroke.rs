//! Input latency of the terminal app: one keystroke is `update` plus drawing the whole
//! screen into a ratatui `TestBackend`, on a synthetic questionnaire of 10 000 questions
//! (half of them answered), at 80x24 and 200x60. Run with `cargo bench --bench keystroke`;
//! the target (a median of at most 2 ms) is in the README.
//!
//! Each measured iteration is exactly one key and one frame; whatever puts the model back
//! for the next iteration (leaving the review, moving back) happens outside the timing.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use pmprb::i18n::Lang;
use pmprb::questionnaire::{ScaleKind, load_str};
use pmprb::synth;
use pmprb::tui::model::{Screen, SearchKind};
use pmprb::tui::theme::Theme;
use pmprb::tui::{Action, Model, Session, update, views};

const QUESTIONS: usize = 10_000;

fn model() -> Model {
    let q = load_str(&synth::questionnaire_toml(QUESTIONS))
        .questionnaire
        .expect("the synthetic questionnaire loads");
    let d = synth::draft(&q, 2);
    let s = Session::new(
        PathBuf::from("/tmp/bench.toml"),
        d,
        q,
        None,
        None,
        Vec::new(),
    );
    let mut m = Model::new(Lang::Id, Vec::new(), "2024");
    m.on_opened(s);
    m
}

/// Times `key` followed by one frame, `iters` times, with `reset` (untimed) before each.
fn timed(
    m: &mut Model,
    term: &mut Terminal<TestBackend>,
    theme: &Theme,
    iters: u64,
    mut reset: impl FnMut(&mut Model),
    mut key: impl FnMut(&Model) -> Action,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        reset(m);
        let a = key(m);
        let start = Instant::now();
        black_box(update(m, a));
        term.draw(|f| views::draw(f, m, theme)).expect("draws");
        total += start.elapsed();
    }
    total
}

/// Position of a question in the middle of the walk whose scale is Ya/Tidak.
fn yes_no_position(m: &Model) -> usize {
    let s = m.session.as_ref().expect("a session");
    let n = s.q.questions.len();
    (n / 2..n)
        .find(|&p| {
            s.q.question(s.q.questions[p]).is_some_and(|q| {
                matches!(&s.q.scale_of(q).kind, ScaleKind::Choice { options } if options.len() == 2)
            })
        })
        .expect("a Y/T question")
}

fn set_pos(m: &mut Model, pos: usize) {
    if let Some(s) = m.session.as_mut() {
        s.pos = pos;
        s.scroll = 0;
    }
}

fn keystroke(c: &mut Criterion) {
    let theme = Theme::new(true);
    let mut m = model();
    let middle = yes_no_position(&m);
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        let mut g = c.benchmark_group(format!("keystroke 10000 questions {w}x{h}"));

        g.bench_function("next question (↓)", |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut m,
                    &mut term,
                    &theme,
                    iters,
                    |m| set_pos(m, middle),
                    |_| Action::Down,
                )
            })
        });

        // Alternating Y and T, so every key really changes the answer and the index.
        let mut yes = true;
        g.bench_function("answer (y/t, rescore, move on)", |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut m,
                    &mut term,
                    &theme,
                    iters,
                    |m| set_pos(m, middle),
                    |_| {
                        yes = !yes;
                        Action::Choose(if yes { 'Y' } else { 'T' })
                    },
                )
            })
        });

        g.bench_function("open the review (r)", |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut m,
                    &mut term,
                    &theme,
                    iters,
                    |m| {
                        m.screen = Screen::Walk;
                        if let Some(s) = m.session.as_mut() {
                            s.review.full.clear();
                            // As after an answer: nothing the review needs is kept yet.
                            s.rescore();
                        }
                        set_pos(m, middle);
                    },
                    |_| Action::Review,
                )
            })
        });

        // Down the review with every list shown in full (the worst case: thousands of rows).
        g.bench_function("review, every list in full (↓)", |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut m,
                    &mut term,
                    &theme,
                    iters,
                    |m| {
                        m.screen = Screen::Review;
                        if let Some(s) = m.session.as_mut() {
                            use pmprb::tui::review::Section::*;
                            s.review.full =
                                [Path, Gains, Unanswered, Invalid, Flagged, Orphaned].into();
                            s.review.selected = 40;
                        }
                    },
                    |_| Action::Down,
                )
            })
        });

        // The navigator jump: `g`, an id typed, Enter; the Enter is measured.
        let target = {
            let s = m.session.as_ref().expect("a session");
            s.q.nodes[s.q.questions[QUESTIONS * 3 / 4]].id.clone()
        };
        g.bench_function("jump to an id (g … Enter)", |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut m,
                    &mut term,
                    &theme,
                    iters,
                    |m| {
                        m.screen = Screen::Walk;
                        set_pos(m, middle);
                        update(m, Action::Jump);
                        update(m, Action::Paste(target.clone()));
                    },
                    |_| Action::Enter,
                )
            })
        });

        // A character typed into `/` search: the results over every question, as typed.
        g.bench_function("search by text, one character typed", |b| {
            b.iter_custom(|iters| {
                timed(
                    &mut m,
                    &mut term,
                    &theme,
                    iters,
                    |m| {
                        m.screen = Screen::Walk;
                        if let Some(s) = m.session.as_mut() {
                            s.search = None;
                        }
                        update(m, Action::Search);
                        // Matches few questions, so every one is looked at.
                        update(m, Action::Paste("nomor 999".into()));
                    },
                    |m| {
                        let kind = m.session.as_ref().and_then(|s| s.search.as_ref());
                        debug_assert!(kind.is_some_and(|se| se.kind == SearchKind::Text));
                        Action::Type('9')
                    },
                )
            })
        });
        g.finish();
        // Back to the walk for the next size.
        if let Some(s) = m.session.as_mut() {
            s.search = None;
        }
        m.screen = Screen::Walk;
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = keystroke
}
criterion_main!(benches);
