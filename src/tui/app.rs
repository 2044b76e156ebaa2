//! The loop: the terminal, keys in, effects out, the autosave, and every way out (`q`,
//! Ctrl-C, SIGTERM, SIGHUP, SIGINT, a lost terminal, a panic) saving the draft and giving
//! the terminal back as it was.

use std::io::{self, IsTerminal, Stdout};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::action::{Action, Effect, NewDraft, Source};
use super::keymap;
use super::model::{CatalogEntry, DraftInfo, HomeEntry, Model, Session};
use super::theme::Theme;
use super::update::update;
use super::views;
use crate::catalog;
use crate::commands;
use crate::draft::lock::{DraftLock, LockError};
use crate::draft::{Status as DraftStatus, home, store};
use crate::i18n::{Lang, fill};
use crate::scoring;

/// A change is saved once no other change came for this long…
const QUIET: Duration = Duration::from_millis(300);
/// …and in any case this long after the first unsaved change, so steady typing is saved too.
const AT_MOST: Duration = Duration::from_millis(700);
/// A failed save is tried again after this long.
const RETRY: Duration = Duration::from_secs(2);

/// Runs the app: the home screen, or the draft at `open`. Returns the process exit code.
pub fn run(lang: Lang, open: Option<&Path>) -> ExitCode {
    let t = lang.tui();
    if !io::stdout().is_terminal() {
        tell(t.not_a_terminal);
        return ExitCode::from(2);
    }
    let mut model = Model::new(lang, catalog_entries(), &this_year());
    model.home.dir = home::data_dir();
    if let Some(p) = open {
        // Problems with the file are told on the command line, with positions, before drawing.
        match open_session(lang, p) {
            Ok(s) => model.on_opened(s),
            Err(lines) => {
                for l in lines {
                    tell(&l);
                }
                return ExitCode::from(1);
            }
        }
    }
    // The drafts of the data folder are read when the home screen is first shown: opened
    // on a draft, that is when it is closed. Reading them now would parse every draft and
    // its questionnaire while the open one is held too (for a big questionnaire, the
    // largest use of memory the app has).
    if model.session.is_none() {
        load_home(&mut model);
    }
    // Shared with the watchdog, which saves the draft when the loop is stuck (see there).
    let model = Arc::new(Mutex::new(model));
    let signals = Signals::install();
    let pending: Shared = Arc::new(Mutex::new(None));
    watchdog(
        Arc::clone(&signals.which),
        Arc::clone(&model),
        Arc::clone(&pending),
    );
    let theme = Theme::from_env();

    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous_hook(info);
    }));
    let mut term = match enter_terminal() {
        Ok(t) => t,
        Err(e) => {
            restore_terminal();
            tell(&fill(t.terminal_failed, &[&e]));
            return ExitCode::from(1);
        }
    };
    let mut saver = Saver::start();
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut term, &model, &theme, &mut saver, &signals, &pending)
    }));
    // Every way out comes through here: save what is not on disk yet, then the terminal.
    // Holding this tells the watchdog that the way out is being taken care of.
    let _exiting = lock(&EXIT);
    let mut model = lock(&model);
    let saved = flush(&mut model, &mut saver);
    restore_terminal();
    // Not dropped: ratatui's `Terminal` shows the cursor again when dropped and reports a
    // failure with `eprintln!`, which panics when the terminal is gone (a closed window).
    // `restore_terminal` has shown the cursor already.
    std::mem::forget(term);
    if let Err(e) = &saved {
        tell(&fill(t.exit_unsaved, &[e]));
        if let Some(p) = rescue(&model) {
            tell(&fill(t.exit_rescued, &[&p.display()]));
        }
    }
    // The draft's lock is released (its file removed) with the session: the model itself
    // is never dropped, the watchdog holding it too.
    model.session = None;
    match result {
        Ok(Exit::Quit) => ExitCode::SUCCESS,
        Ok(Exit::Signal(sig)) => ExitCode::from((128 + sig.clamp(0, 127)) as u8),
        // A closed terminal usually comes with a SIGHUP: the signal is the better answer.
        Ok(Exit::TerminalGone(_)) if signals.received().is_some() => {
            ExitCode::from((128 + signals.received().unwrap_or(1).clamp(0, 127)) as u8)
        }
        Ok(Exit::TerminalGone(e)) => {
            tell(&fill(t.terminal_lost, &[&e]));
            ExitCode::from(1)
        }
        Err(_) => {
            if saved.is_ok() {
                tell(t.crashed_saved);
            }
            ExitCode::from(101)
        }
    }
}

/// A line on stderr. Unlike `eprintln!` it cannot panic when the terminal is gone.
fn tell(line: &str) {
    use std::io::Write;
    let _ = writeln!(io::stderr(), "{line}");
}

enum Exit {
    Quit,
    Signal(i32),
    TerminalGone(String),
}

type Term = Terminal<CrosstermBackend<Stdout>>;

/// A mutex's value, also after a panic while it was held (the draft is still to be saved).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The loop holds the model except while it waits in crossterm for a key: on a closed
/// terminal crossterm may never come back from that wait, and the watchdog then takes the
/// model to save its draft.
fn event_loop(
    term: &mut Term,
    model: &Mutex<Model>,
    theme: &Theme,
    saver: &mut Saver,
    signals: &Signals,
    pending: &Shared,
) -> Exit {
    let mut auto = Autosave::default();
    let mut redraw = true;
    let mut published = false;
    loop {
        let mut held = lock(model);
        let m = &mut *held;
        if let Some(sig) = signals.received() {
            return Exit::Signal(sig);
        }
        while let Some(done) = saver.poll() {
            auto.done(&done);
            m.on_saved(&done.path, done.revision, done.result);
            redraw = true;
        }
        forget_saved(m, pending, &mut published);
        if redraw {
            if let Err(e) = term.draw(|f| views::draw(f, m, theme)) {
                return Exit::TerminalGone(e.to_string());
            }
            redraw = false;
        }
        // After the frame, so serializing the draft does not delay it. The draft is
        // serialized once per autosave, not per key; the same bytes go to the saver and to
        // the watchdog's fallback copy.
        if auto.due(m, saver)
            && let Some(s) = &m.session
        {
            let bytes = Arc::new(s.draft.to_toml().into_bytes());
            publish(
                pending,
                Pending {
                    path: s.path.clone(),
                    bytes: Arc::clone(&bytes),
                },
            );
            published = true;
            saver.send(Job {
                path: s.path.clone(),
                bytes,
                revision: s.revision,
            });
        }
        let wait = auto.wait(m, saver);
        drop(held);
        let ready = match event::poll(wait) {
            Ok(r) => r,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => false,
            Err(e) => return Exit::TerminalGone(e.to_string()),
        };
        // Take every event that is already waiting before drawing again, so fast typing
        // and key repeat never queue up behind frames.
        let mut more = ready;
        let mut taken = 0;
        while more && taken < 256 {
            taken += 1;
            let ev = match event::read() {
                Ok(ev) => ev,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => break,
                Err(e) => return Exit::TerminalGone(e.to_string()),
            };
            redraw = true;
            #[cfg(debug_assertions)]
            crash_if_asked(&ev);
            {
                let mut held = lock(model);
                let m = &mut *held;
                if let Some(action) = to_action(m, ev) {
                    let before = revision(m);
                    let effect = update(m, action);
                    if revision(m) != before {
                        auto.changed();
                    }
                    if let Some(e) = effect {
                        if run_effect(e, m, saver) {
                            return Exit::Quit;
                        }
                        // Reopening changes the draft too.
                        if revision(m) != before {
                            auto.changed();
                        }
                        // An effect may have changed the screen: draw before the next key.
                        break;
                    }
                }
            }
            if signals.received().is_some() {
                break;
            }
            more = matches!(event::poll(Duration::ZERO), Ok(true));
        }
    }
}

/// Debug builds only (the ones `cargo test` runs): F12 panics when `PMPRB_TEST_PANIC` is
/// set, so an end-to-end test can show that a crash still saves the draft and gives the
/// terminal back (tests/tui_pty.rs). Release builds have no such key.
#[cfg(debug_assertions)]
fn crash_if_asked(ev: &Event) {
    if let Event::Key(k) = ev
        && k.code == crossterm::event::KeyCode::F(12)
        && std::env::var_os("PMPRB_TEST_PANIC").is_some()
    {
        panic!("PMPRB_TEST_PANIC: F12");
    }
}

fn revision(m: &Model) -> Option<u64> {
    m.session.as_ref().map(|s| s.revision)
}

fn to_action(m: &Model, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(keymap::action(m.mode(), &k)),
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Mouse(me) => match me.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            _ => None,
        },
        _ => None,
    }
}

/// Carries out an effect; true when the app should end.
fn run_effect(e: Effect, m: &mut Model, saver: &mut Saver) -> bool {
    match e {
        Effect::LoadHome => load_home(m),
        Effect::Open(p) => match open_session(m.lang, &p) {
            Ok(s) => m.on_opened(s),
            Err(lines) => m.on_open_failed(&lines.join(" ")),
        },
        Effect::Create(spec) => match create(m.lang, &spec) {
            Ok(path) => match open_session(m.lang, &path) {
                Ok(s) => m.on_opened(s),
                Err(lines) => m.on_open_failed(&lines.join(" ")),
            },
            Err(msg) => m.on_create_failed(&msg),
        },
        Effect::Close { force } => match flush(m, saver) {
            Err(e) if !force => m.on_close_failed(&e),
            _ => {
                m.on_closed();
                load_home(m);
            }
        },
        Effect::Quit { force } => match flush(m, saver) {
            Err(e) if !force => m.on_quit_failed(&e),
            _ => return true,
        },
        Effect::Reopen => reopen(m),
    }
    false
}

/// Opens the final draft for changes again. A final draft was opened without its lock,
/// so the lock is taken now, and the draft read again: another `pmprb` may have changed
/// it meanwhile, and its copy on disk is the one to build on.
fn reopen(m: &mut Model) {
    let lang = m.lang;
    let Some(s) = m.session.as_ref() else {
        return;
    };
    if s.lock.is_some() {
        m.on_reopened(None, None);
        return;
    }
    let path = s.path.clone();
    let lock = match lock_draft(lang, &path) {
        Ok(l) => l,
        Err(why) => {
            m.on_reopen_failed(&why);
            return;
        }
    };
    match commands::open(lang, &path) {
        Ok(o) => m.on_reopened(Some(lock), Some(o.draft)),
        Err(f) => m.on_reopen_failed(&f.lines.join(" ")),
    }
}

/// Saves the open draft now if it has unsaved changes (after any save in flight).
fn flush(m: &mut Model, saver: &mut Saver) -> Result<(), String> {
    if let Some(done) = saver.wait(Duration::from_secs(10)) {
        m.on_saved(&done.path, done.revision, done.result);
    }
    let Some(s) = m.session.as_ref() else {
        return Ok(());
    };
    if !s.dirty() {
        return Ok(());
    }
    let (path, revision) = (s.path.clone(), s.revision);
    let result = save(&path, s.draft.to_toml().as_bytes());
    m.on_saved(&path, revision, result.clone());
    result
}

/// Every write of a draft goes through here, so the saver thread, the way out and the
/// watchdog never write the same file at once.
fn save(path: &Path, bytes: &[u8]) -> Result<(), String> {
    static SAVING: Mutex<()> = Mutex::new(());
    let _one_at_a_time = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    store::save_atomic(path, bytes).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------
// The watchdog

/// The open draft's unsaved state, for the watchdog when it cannot take the model.
///
/// It is the copy the last autosave wrote (or is writing), published when that autosave
/// began, and it is cleared once the draft on disk is current. So when the watchdog has to
/// save it, the changes it can miss are those made since the last autosave began: those of
/// the last `QUIET` (changes followed by a pause) or at most `AT_MOST` (steady typing),
/// plus, while a save is in flight or waits `RETRY` after a failure, those made meanwhile.
/// Keeping it current on every key would mean serializing the whole draft per key.
type Shared = Arc<Mutex<Option<Pending>>>;

struct Pending {
    path: PathBuf,
    /// Shared with the saver's `Job`: the draft is serialized once for both.
    bytes: Arc<Vec<u8>>,
}

/// Taken by whoever carries out the way out: the loop, or the watchdog.
static EXIT: Mutex<()> = Mutex::new(());

/// Gives the watchdog the copy of the draft an autosave is about to write.
fn publish(pending: &Shared, value: Pending) {
    if let Ok(mut p) = pending.lock() {
        *p = Some(value);
    }
}

/// Takes the watchdog's copy back once the draft on disk is current, or closed: it must
/// not write an old copy over a draft that another `pmprb` may have opened since.
fn forget_saved(m: &Model, pending: &Shared, published: &mut bool) {
    if !*published || m.session.as_ref().is_some_and(|s| s.dirty()) {
        return;
    }
    if let Ok(mut p) = pending.lock() {
        *p = None;
    }
    *published = false;
}

/// When the terminal is closed, crossterm can keep reading an empty terminal forever and
/// the loop never sees the SIGHUP. This thread does: if the loop has not begun its way out
/// shortly after a signal, the watchdog saves the draft, gives the terminal back and ends
/// the process itself.
///
/// Stuck in crossterm, the loop does not hold the model: the watchdog saves the draft as it
/// is. Should the loop be stuck anywhere else, holding the model, the watchdog saves the
/// copy of the last autosave (`Shared`), which may miss the changes since.
fn watchdog(which: Arc<AtomicUsize>, model: Arc<Mutex<Model>>, pending: Shared) {
    thread::spawn(move || {
        loop {
            thread::sleep(Duration::from_millis(50));
            let sig = which.load(Ordering::SeqCst);
            if sig == 0 {
                continue;
            }
            thread::sleep(Duration::from_millis(750));
            let Ok(_exiting) = EXIT.try_lock() else {
                return; // the loop is on its way out
            };
            let unsaved = |m: &Model| {
                m.session.as_ref().filter(|s| s.dirty()).map(|s| Pending {
                    path: s.path.clone(),
                    bytes: Arc::new(s.draft.to_toml().into_bytes()),
                })
            };
            let taken = match model.try_lock() {
                Ok(m) => unsaved(&m),
                Err(TryLockError::Poisoned(e)) => unsaved(&e.into_inner()),
                Err(TryLockError::WouldBlock) => lock(&pending).take(),
            };
            let code = match taken.map(|p| save(&p.path, &p.bytes)) {
                Some(Err(_)) => 1,
                _ => 128 + sig.min(127) as i32,
            };
            restore_terminal();
            std::process::exit(code);
        }
    });
}

/// When the draft cannot be written where it lives, a copy in the temporary folder keeps
/// the answers; its path is told on exit.
fn rescue(m: &Model) -> Option<PathBuf> {
    let s = m.session.as_ref().filter(|s| s.dirty())?;
    let name = s
        .path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let p = std::env::temp_dir().join(format!(
        "pmprb-{}-{}.toml",
        home::slug(&name),
        std::process::id()
    ));
    store::save_atomic(&p, s.draft.to_toml().as_bytes()).ok()?;
    Some(p)
}

// ---------------------------------------------------------------------------------------
// Opening, creating, listing

/// Takes the lock of the draft at `path`, or says why it cannot be taken (who holds it).
fn lock_draft(lang: Lang, path: &Path) -> Result<DraftLock, String> {
    let t = lang.tui();
    match DraftLock::acquire(path) {
        Ok(l) => {
            // Holding the lock, no other `pmprb` saves this draft: temporary files of its
            // saves are left from a process that died mid-save.
            store::remove_stale_temp_files(path);
            Ok(l)
        }
        Err(LockError::Held { holder }) => Err(fill(t.locked_by, &[&holder])),
        Err(LockError::Io(e)) => Err(fill(t.lock_failed, &[&e])),
    }
}

/// Takes a draft's lock, then reads it and its questionnaire. A draft another `pmprb`
/// holds, one whose lock cannot be taken, and a final one open read-only with the reason.
fn open_session(lang: Lang, path: &Path) -> Result<Session, Vec<String>> {
    open_session_with(lang, path, commands::open)
}

/// `open_session`, reading the draft with `read`. The lock comes first: read before it,
/// the draft could be saved by another `pmprb` (or made final) in between, and this one's
/// autosave would then write its stale copy over that.
fn open_session_with(
    lang: Lang,
    path: &Path,
    read: impl FnOnce(Lang, &Path) -> Result<commands::Opened, commands::Failure>,
) -> Result<Session, Vec<String>> {
    let t = lang.tui();
    let (mut lock, mut read_only) = match lock_draft(lang, path) {
        Ok(l) => (Some(l), None),
        Err(why) => (None, Some(why)),
    };
    // A draft that cannot be read releases its lock here (`lock` is dropped).
    let o = read(lang, path).map_err(|f| f.lines)?;
    if o.draft.status == DraftStatus::Final && read_only.is_none() {
        lock = None;
        read_only = Some(t.final_read_only.to_string());
    }
    Ok(Session::new(
        path.to_path_buf(),
        o.draft,
        o.questionnaire,
        lock,
        read_only,
        o.notes,
    ))
}

/// Writes a new draft into the data folder; returns its path.
fn create(lang: Lang, spec: &NewDraft) -> Result<PathBuf, String> {
    let (q, file) = match &spec.source {
        Source::Embedded(id) => {
            let q = catalog::find_embedded(id).ok_or_else(|| {
                commands::source_error(lang, catalog::SourceError::UnknownId(id.clone()))
            });
            (q, None)
        }
        Source::File(p) => {
            let p = expand_home(p);
            (
                catalog::load_file(&p).map_err(|e| commands::source_error(lang, e)),
                Some(p),
            )
        }
    };
    let written = q.and_then(|q| {
        commands::create_draft(
            lang,
            &q,
            &commands::DraftSpec {
                unit: &spec.unit,
                period: &spec.period,
                assessor: None,
                questionnaire_file: file.as_deref(),
                output: None,
            },
        )
    });
    written.map_err(|f| f.lines.join(" "))
}

fn expand_home(p: &Path) -> PathBuf {
    match (p.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(h)) => PathBuf::from(h).join(rest),
        _ => p.to_path_buf(),
    }
}

/// Reads every draft in the data folder for the home screen, most recently changed first;
/// damaged ones last, with their error.
fn load_home(m: &mut Model) {
    let lang = m.lang;
    let Some(dir) = home::data_dir() else {
        m.on_home_loaded(None, Err(lang.texts().no_data_dir.to_string()));
        return;
    };
    if !dir.is_dir() {
        m.on_home_loaded(Some(dir), Ok(Vec::new()));
        return;
    }
    let paths = match home::list_drafts(&dir) {
        Ok(p) => p,
        Err(e) => {
            let msg = format!("{}: {e}", dir.display());
            m.on_home_loaded(Some(dir), Err(msg));
            return;
        }
    };
    let mut entries: Vec<HomeEntry> = paths.into_iter().map(|p| home_entry(lang, p)).collect();
    entries.sort_by(|a, b| match (&a.info, &b.info) {
        (Ok(x), Ok(y)) => y.updated.cmp(&x.updated),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.file.cmp(&b.file),
    });
    m.on_home_loaded(Some(dir), Ok(entries));
}

fn home_entry(lang: Lang, path: PathBuf) -> HomeEntry {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = path.display().to_string();
    let info = match commands::open(lang, &path) {
        Ok(o) => {
            let s = scoring::score(&o.questionnaire, &o.draft.answers);
            let cat = o.questionnaire.categories.get(s.category);
            Ok(DraftInfo {
                unit: o.draft.unit.clone(),
                period: o.draft.period.clone(),
                questionnaire: o.questionnaire.id.clone(),
                answered: s.answered,
                questions: s.questions,
                index: s.index,
                category: cat.map(|c| c.code.clone()).unwrap_or_default(),
                category_label: cat.map(|c| c.label.clone()).unwrap_or_default(),
                updated: o
                    .draft
                    .updated
                    .map(|u| {
                        u.to_string()
                            .chars()
                            .take(16)
                            .collect::<String>()
                            .replace('T', " ")
                    })
                    .unwrap_or_default(),
                is_final: o.draft.status == DraftStatus::Final,
            })
        }
        Err(f) => {
            let first = f.lines.first().cloned().unwrap_or_default();
            // The file is named in its own column; keep the position and the message.
            let msg = first
                .strip_prefix(&shown)
                .map(|r| r.trim_start_matches(':').trim_start())
                .unwrap_or(&first);
            Err(msg.to_string())
        }
    };
    HomeEntry { path, file, info }
}

fn catalog_entries() -> Vec<CatalogEntry> {
    catalog::embedded_questionnaires()
        .into_iter()
        .map(|q| CatalogEntry {
            questions: q.questions.len(),
            id: q.id,
            version: q.version,
            title: q.title,
        })
        .collect()
}

fn this_year() -> String {
    chrono::Local::now().format("%Y").to_string()
}

// ---------------------------------------------------------------------------------------
// The terminal

static TERMINAL_ACTIVE: AtomicBool = AtomicBool::new(false);

fn enter_terminal() -> io::Result<Term> {
    enable_raw_mode()?;
    TERMINAL_ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture,
        cursor::Hide
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Gives the terminal back: raw mode off, mouse capture and bracketed paste off, the main
/// screen and the cursor back. Safe to call more than once and from the panic hook.
fn restore_terminal() {
    if !TERMINAL_ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

// ---------------------------------------------------------------------------------------
// Signals

/// SIGTERM, SIGHUP (terminal closed), SIGINT and SIGQUIT set a flag that the loop reads at
/// least every quarter second (and the watchdog every 50 ms). A repeated signal changes
/// nothing: a shell that closes passes its own SIGHUP on, and the draft must still be saved.
struct Signals {
    which: Arc<AtomicUsize>,
}

impl Signals {
    fn install() -> Signals {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let which = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        let signals = {
            use signal_hook::consts::{SIGHUP, SIGQUIT};
            [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
        };
        #[cfg(not(unix))]
        let signals = [SIGTERM, SIGINT];
        for sig in signals {
            let _ = signal_hook::flag::register_usize(sig, Arc::clone(&which), sig as usize);
        }
        Signals { which }
    }

    fn received(&self) -> Option<i32> {
        match self.which.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s as i32),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Saving off the keystroke path

struct Job {
    path: PathBuf,
    /// Shared with the watchdog's copy (`Pending`), not cloned.
    bytes: Arc<Vec<u8>>,
    revision: u64,
}

struct Done {
    path: PathBuf,
    revision: u64,
    result: Result<(), String>,
}

/// A thread that writes drafts, one at a time, so a slow disk never delays a key.
struct Saver {
    tx: mpsc::Sender<Job>,
    rx: mpsc::Receiver<Done>,
    in_flight: bool,
}

impl Saver {
    fn start() -> Saver {
        let (tx, jobs) = mpsc::channel::<Job>();
        let (done_tx, rx) = mpsc::channel::<Done>();
        thread::spawn(move || {
            for job in jobs {
                let result = save(&job.path, &job.bytes);
                let done = Done {
                    path: job.path,
                    revision: job.revision,
                    result,
                };
                if done_tx.send(done).is_err() {
                    break;
                }
            }
        });
        Saver {
            tx,
            rx,
            in_flight: false,
        }
    }

    fn send(&mut self, job: Job) {
        self.in_flight = self.tx.send(job).is_ok();
    }

    fn poll(&mut self) -> Option<Done> {
        let d = self.rx.try_recv().ok()?;
        self.in_flight = false;
        Some(d)
    }

    /// Waits for the save in flight, if any.
    fn wait(&mut self, timeout: Duration) -> Option<Done> {
        if !self.in_flight {
            return None;
        }
        self.in_flight = false;
        self.rx.recv_timeout(timeout).ok()
    }
}

/// When to save: debounced, but never later than a second after a change.
#[derive(Default)]
struct Autosave {
    first_dirty: Option<Instant>,
    last_change: Option<Instant>,
    retry_at: Option<Instant>,
}

impl Autosave {
    fn changed(&mut self) {
        let now = Instant::now();
        self.last_change = Some(now);
        self.first_dirty.get_or_insert(now);
    }

    fn done(&mut self, d: &Done) {
        match d.result {
            Ok(()) => {
                self.retry_at = None;
                self.first_dirty = None;
            }
            Err(_) => self.retry_at = Some(Instant::now() + RETRY),
        }
    }

    fn due(&mut self, m: &Model, saver: &Saver) -> bool {
        let Some(s) = &m.session else { return false };
        if !s.dirty() || saver.in_flight {
            return false;
        }
        let now = Instant::now();
        if self.retry_at.is_some_and(|r| now < r) {
            return false;
        }
        let first = *self.first_dirty.get_or_insert(now);
        let last = self.last_change.unwrap_or(first);
        if now - last >= QUIET || now - first >= AT_MOST {
            // The next change after this save starts a new window.
            self.first_dirty = None;
            return true;
        }
        false
    }

    /// How long the loop may wait for a key before it must look at the autosave again.
    fn wait(&self, m: &Model, saver: &Saver) -> Duration {
        let idle = Duration::from_millis(250);
        match &m.session {
            Some(s) if s.dirty() || saver.in_flight => Duration::from_millis(50),
            _ => idle,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;

    /// A draft of the sample questionnaire in a temporary folder.
    fn sample_draft(dir: &Path) -> PathBuf {
        let q = catalog::find_embedded("contoh").expect("the sample questionnaire");
        let path = dir.join("uji.toml");
        let d = Draft::new(&q.id, &q.version, "Dinas Uji", "2024");
        store::save_atomic(&path, d.to_toml().as_bytes()).expect("written");
        path
    }

    #[test]
    fn opening_takes_the_lock_before_reading_the_draft() {
        let tmp = tempfile::tempdir().expect("a temp folder");
        let path = sample_draft(tmp.path());
        let mut held_while_reading = None;
        let s = open_session_with(Lang::Id, &path, |lang, p| {
            // Another `pmprb` trying to open (or `pmprb finalize` to write) the draft now
            // must find it locked.
            held_while_reading = Some(matches!(DraftLock::acquire(p), Err(LockError::Held { .. })));
            commands::open(lang, p)
        })
        .expect("opens");
        assert_eq!(held_while_reading, Some(true));
        assert!(s.lock.is_some() && s.read_only.is_none());
    }

    #[test]
    fn a_draft_locked_elsewhere_opens_read_only_and_one_that_cannot_be_read_is_unlocked() {
        let tmp = tempfile::tempdir().expect("a temp folder");
        let path = sample_draft(tmp.path());
        let other = DraftLock::acquire(&path).expect("locked");
        let s = open_session(Lang::En, &path).expect("opens");
        assert!(s.lock.is_none());
        assert!(
            s.read_only.as_ref().is_some_and(|r| r.contains("pid")),
            "names the holder"
        );
        drop(s);
        drop(other);

        std::fs::write(&path, "this is = not [a draft").expect("written");
        assert!(open_session(Lang::En, &path).is_err());
        assert!(
            DraftLock::acquire(&path).is_ok(),
            "a draft that could not be read is not left locked"
        );
    }
}
