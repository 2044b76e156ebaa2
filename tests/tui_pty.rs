//! The real binary in a pseudo-terminal: what a user does, and every way the app can end.
//! Each test has its own data folder; every wait has a timeout; the screen is read through
//! a vt100 parser fed by a thread that drains the terminal.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use pmprb::draft::Draft;

const BIN: &str = env!("CARGO_BIN_EXE_pmprb");
const WAIT: Duration = Duration::from_secs(20);

struct App {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to let go of its end of the terminal.
    stop: Arc<AtomicBool>,
}

fn size(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN)
}

impl App {
    fn start(home: &Path, args: &[&str]) -> App {
        App::start_with(home, args, &[])
    }

    fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> App {
        let (rows, cols) = (24, 80);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("PMPRB_HOME", home);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("PMPRB_LANG");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("pmprb starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let feed = Arc::clone(&screen);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut p) = feed.lock() {
                            p.process(&buf[..n]);
                        }
                    }
                }
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        App {
            child,
            writer: Some(writer),
            screen,
            master: Some(pair.master),
            stop,
        }
    }

    fn text(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows `what`; fails with the screen when it does not.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if self.text().contains(what) {
                return;
            }
            thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "the screen never showed {what:?}; it shows:\n{}",
            self.text()
        );
    }

    /// Whether the app still has the alternate screen or a hidden cursor.
    fn screen_taken(&self) -> bool {
        self.screen
            .lock()
            .map(|p| p.screen().alternate_screen() || p.screen().hide_cursor())
            .unwrap_or(true)
    }

    fn keys(&mut self, s: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(s.as_bytes()).expect("typing");
        w.flush().expect("typing");
    }

    /// Closes the terminal as a user closing the window does: every handle on our side is
    /// let go, so the kernel hangs the terminal up (SIGHUP, then end of input).
    fn close_terminal(&mut self, key_that_draws: &str) {
        self.stop.store(true, Ordering::SeqCst);
        // The reader thread is blocked reading; a key that makes the app draw wakes it up.
        self.keys(key_that_draws);
        self.writer = None;
        self.master = None;
    }

    /// Sends keys one at a time, each after the screen showed the previous one's effect.
    fn answer(&mut self, key: &str, then: &str) {
        self.keys(key);
        self.wait_for(then);
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Waits for the process to end; returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(30));
        }
        let _ = self.child.kill();
        panic!("pmprb did not end; the screen shows:\n{}", self.text());
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = Command::new("kill")
                .args(["-9", &self.pid().to_string()])
                .status();
            let _ = self.child.wait();
        }
    }
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "kill {sig} {pid}");
}

fn read_draft(path: &Path) -> Draft {
    let text = std::fs::read_to_string(path).expect("the draft file");
    Draft::parse(&text).unwrap_or_else(|p| panic!("the draft parses: {p:?}\n{text}"))
}

/// A draft on the sample questionnaire, made with `pmprb new`.
fn new_draft(home: &Path) -> PathBuf {
    let path = home.join("uji.toml");
    let out = Command::new(BIN)
        .args([
            "new",
            "--unit",
            "Dinas Uji",
            "--period",
            "2024",
            "--questionnaire",
            "contoh",
            "-o",
        ])
        .arg(&path)
        .env("PMPRB_HOME", home)
        .output()
        .expect("pmprb new runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

fn value(d: &Draft, id: &str) -> Option<toml::Value> {
    d.answers.get(id).and_then(|a| a.value.clone())
}

#[test]
fn new_draft_five_answers_quit_and_the_file_holds_them() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let home = tmp.path().join("data");
    let mut app = App::start(&home, &[]);
    app.wait_for("Buat penilaian baru");
    app.answer("\r", "Unit kerja / OPD");
    app.keys("Dinas Uji");
    app.answer("\r", "Dinas Uji");
    app.keys("\r");
    // The default is pmprb-2020; the sample comes before it.
    app.answer("\x1b[D", "◀ contoh");
    app.answer("\r", "0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.answer("a", "2/6 terjawab");
    app.answer("85,5", "[85,5");
    app.answer("\r", "3/6 terjawab");
    app.answer("3\t4", "[4");
    app.answer("\r", "4/6 terjawab");
    app.answer("3\r", "5/6 terjawab");
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);

    let files: Vec<PathBuf> = std::fs::read_dir(&home)
        .expect("the data folder was made")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let d = read_draft(&files[0]);
    assert_eq!(d.unit, "Dinas Uji");
    assert_eq!(d.questionnaire, "contoh");
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(value(&d, "A.1.b"), Some(toml::Value::String("A".into())));
    assert_eq!(value(&d, "A.2.a"), Some(toml::Value::Float(85.5)));
    let pair = toml::Value::Array(vec![toml::Value::Integer(3), toml::Value::Integer(4)]);
    assert_eq!(value(&d, "A.2.b"), Some(pair));
    assert_eq!(value(&d, "B.a"), Some(toml::Value::Integer(3)));
    assert!(
        !files[0].with_extension("toml.lock").exists(),
        "the lock is released"
    );
}

#[test]
fn answers_older_than_a_second_survive_kill_9() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.answer("b", "2/6 terjawab");
    app.keys("\r");
    app.wait_for("Penjelasan");
    app.keys("ada SK");
    app.answer("\x1b", "Penjelasan: ada SK");
    // The promise is "on disk within a second"; give it more than that, then kill hard.
    thread::sleep(Duration::from_millis(1500));
    // Normally long saved by now; on a very busy machine, let the save land first rather
    // than fail on timing.
    app.wait_for("✓ tersimpan");
    signal(app.pid(), "-9");
    app.wait_exit();
    drop(app);

    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(value(&d, "A.1.b"), Some(toml::Value::String("B".into())));
    assert_eq!(
        d.answers.get("A.2.a").map(|a| a.note.as_str()),
        Some("ada SK")
    );

    // The dead process's lock does not stand in the way, and the walk resumes.
    let mut again = App::start(tmp.path(), &["open", &shown]);
    again.wait_for("2/6 terjawab");
    assert!(!again.text().contains("HANYA-BACA"), "{}", again.text());
    again.answer("q", "Buat penilaian baru");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_second_instance_opens_read_only_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut first = App::start(tmp.path(), &["open", &shown]);
    first.wait_for("0/6 terjawab");
    let mut second = App::start(tmp.path(), &["open", &shown]);
    second.wait_for("HANYA-BACA");
    second.answer("y", "Hanya-baca:");
    assert!(second.text().contains("0/6 terjawab"));
    second.answer("q", "Buat penilaian baru");
    second.keys("q");
    assert_eq!(second.wait_exit(), 0);

    first.answer("t", "1/6 terjawab");
    first.answer("q", "Buat penilaian baru");
    first.keys("q");
    assert_eq!(first.wait_exit(), 0);
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("T".into())));
    assert_eq!(d.answers.len(), 1);
}

#[test]
fn sighup_saves_and_exits() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    // At once, before the autosave: the signal path must save it.
    signal(app.pid(), "-HUP");
    assert_eq!(app.wait_exit(), 129);
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert!(
        !path.with_extension("toml.lock").exists(),
        "the lock is released"
    );
}

#[test]
fn closing_the_terminal_saves_and_exits() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.answer("a", "2/6 terjawab");
    app.close_terminal("k");
    // 129 when the SIGHUP is seen first, 1 when the lost terminal is.
    let code = app.wait_exit();
    assert!(code == 129 || code == 1, "exit code {code}");
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(value(&d, "A.1.b"), Some(toml::Value::String("A".into())));
}

#[test]
fn sigterm_saves_and_exits() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("t", "1/6 terjawab");
    signal(app.pid(), "-TERM");
    assert_eq!(app.wait_exit(), 143);
    assert_eq!(
        value(&read_draft(&path), "A.1.a"),
        Some(toml::Value::String("T".into()))
    );
}

/// A bug that panics mid-session (forced here with a key only debug builds have) still
/// saves the answer just given, gives the terminal back and says so; the exit code is
/// Rust's 101 for a panic.
#[cfg(debug_assertions)]
#[test]
fn a_panic_saves_restores_the_terminal_and_says_so() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start_with(tmp.path(), &["open", &shown], &[("PMPRB_TEST_PANIC", "1")]);
    app.wait_for("0/6 terjawab");
    assert!(app.screen_taken());
    app.answer("y", "1/6 terjawab");
    app.keys("\x1b[24~"); // F12
    assert_eq!(app.wait_exit(), 101);
    app.wait_for("jawaban sudah tersimpan");
    assert!(!app.screen_taken(), "{}", app.text());
    assert_eq!(
        value(&read_draft(&path), "A.1.a"),
        Some(toml::Value::String("Y".into()))
    );
}

#[test]
fn ctrl_c_saves_and_exits() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.keys("\x03");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(
        value(&read_draft(&path), "A.1.a"),
        Some(toml::Value::String("Y".into()))
    );
}

#[test]
fn a_failed_save_is_told_at_once_retried_and_quitting_asks_first() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let folder = tmp.path().join("drafts");
    std::fs::create_dir(&folder).expect("a drafts folder");
    let path = new_draft(&folder);
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.wait_for("✓ tersimpan");
    // The folder goes away (a removed USB stick, a network share gone): saving fails.
    std::fs::remove_dir_all(&folder).expect("the folder is removed");
    app.answer("b", "2/6 terjawab");
    app.wait_for("GAGAL MENYIMPAN");
    app.answer("q", "Draf belum tersimpan");
    app.answer("n", "Tetap di sini");
    // The folder is back: the next try saves, and the banner goes.
    std::fs::create_dir(&folder).expect("the folder is back");
    app.wait_for("✓ tersimpan");
    assert!(!app.text().contains("GAGAL MENYIMPAN"), "{}", app.text());
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(value(&d, "A.1.b"), Some(toml::Value::String("B".into())));
}

#[test]
fn english_with_the_lang_flag() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let mut app = App::start(tmp.path(), &["--lang", "en"]);
    app.wait_for("Start a new assessment");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn without_a_terminal_pmprb_says_so_and_exits_2() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let out = Command::new(BIN)
        .env("PMPRB_HOME", tmp.path())
        .output()
        .expect("pmprb runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bukan terminal"), "{err}");
}

#[test]
fn open_on_a_missing_draft_says_so_before_drawing() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let missing = tmp.path().join("tidak-ada.toml");
    let mut app = App::start(tmp.path(), &["open", &missing.to_string_lossy()]);
    assert_eq!(app.wait_exit(), 1);
    app.wait_for("tidak-ada.toml");
}

#[test]
fn a_complete_draft_is_finalized_with_ctrl_f_and_reopening_asks_and_is_recorded() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = new_draft(tmp.path());
    let shown = path.to_string_lossy().into_owned();
    let mut app = App::start(tmp.path(), &["open", &shown]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.answer("a", "2/6 terjawab");
    app.answer("90", "[90");
    app.answer("\r", "3/6 terjawab");
    app.answer("3\t4", "[4");
    app.answer("\r", "4/6 terjawab");
    app.answer("4\r", "5/6 terjawab");
    app.answer("b", "6/6 terjawab");
    app.answer("\x06", "Finalkan draf");
    app.answer("y", "✔ final");
    // Saved, then read-only.
    app.wait_for("✔ final  hanya-baca");
    // The home list says it is final.
    app.answer("q", "Buat penilaian baru");
    assert!(app.text().contains("final"), "{}", app.text());
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    drop(app);

    let text = std::fs::read_to_string(&path).expect("the draft file");
    assert!(text.contains("status = \"final\""), "{text}");
    assert!(text.contains("[[history]]"), "{text}");
    let d = read_draft(&path);
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].event, "final");
    assert!(!d.history[0].by.is_empty() && d.history[0].at.is_some());

    // A final draft opens read-only; a key that would change it asks first.
    let mut again = App::start(tmp.path(), &["open", &shown]);
    again.wait_for("FINAL, hanya-baca");
    again.answer("t", "Draf sudah final");
    again.answer("n", "Dibatalkan");
    assert_eq!(read_draft(&path).history.len(), 1, "nothing was recorded");
    again.answer("t", "Draf sudah final");
    again.answer("y", "dibuka kembali");
    again.wait_for("✓ tersimpan");
    again.answer("q", "Buat penilaian baru");
    again.keys("q");
    assert_eq!(again.wait_exit(), 0);

    let d = read_draft(&path);
    assert_eq!(d.status, pmprb::draft::Status::Draft);
    let events: Vec<&str> = d.history.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(events, vec!["final", "reopen"]);
    assert!(d.history[1].at.is_some());
    assert_eq!(value(&d, "B.b"), Some(toml::Value::String("B".into())));
}

#[test]
fn the_form_replaces_the_default_period_and_keeps_a_questionnaire_file_relative() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let home = tmp.path().join("data");
    let lke = tmp.path().join("lke");
    std::fs::create_dir(&lke).expect("a folder for the questionnaire");
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("the sample is embedded")
        .src;
    let qfile = lke.join("lke-kota.toml");
    std::fs::write(&qfile, src.replace("id = \"contoh\"", "id = \"lke-kota\"")).expect("written");
    let mut app = App::start(&home, &[]);
    app.wait_for("Buat penilaian baru");
    app.answer("\r", "Unit kerja / OPD");
    app.keys("Dinas Berkas");
    app.answer("\r", "Dinas Berkas");
    // The period holds this year; typing replaces it.
    app.keys("2019");
    app.answer("\r", "2019");
    for _ in 0..6 {
        if app.text().contains("Berkas lain") {
            break;
        }
        app.keys("\x1b[C");
        thread::sleep(Duration::from_millis(150));
    }
    app.answer("\r", "Berkas kuesioner");
    app.keys(&qfile.to_string_lossy());
    app.answer("\r", "0/6 terjawab");
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);

    let files: Vec<PathBuf> = std::fs::read_dir(&home)
        .expect("the data folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let d = read_draft(&files[0]);
    assert_eq!(d.period, "2019");
    assert_eq!(d.questionnaire, "lke-kota");
    assert_eq!(
        d.questionnaire_file.as_deref(),
        Some("../lke/lke-kota.toml")
    );
}

/// Peak memory of the real binary on a draft of a 10 000-question questionnaire file (half
/// answered, each answer with a penjelasan and evidence): opened, walked, answered, the
/// review and a search. Prints the kernel's high-water mark of resident memory (VmHWM).
/// Linux only; a measurement, not a check (the figure depends on the build):
/// `cargo test --release --test tui_pty -- --ignored --nocapture peak_memory`
#[test]
#[ignore]
fn peak_memory_on_a_10000_question_questionnaire() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let src = pmprb::synth::questionnaire_toml(10_000);
    let q = pmprb::questionnaire::load_str(&src)
        .questionnaire
        .expect("the synthetic questionnaire loads");
    std::fs::write(tmp.path().join("lke-10000.toml"), &src).expect("written");
    let mut d = pmprb::synth::draft(&q, 2);
    d.questionnaire_file = Some("lke-10000.toml".into());
    let path = tmp.path().join("besar.toml");
    std::fs::write(&path, d.to_toml()).expect("written");
    let sizes = [src.len(), d.to_toml().len()];
    drop((src, q, d));

    let mut app = App::start(tmp.path(), &["open", &path.to_string_lossy()]);
    app.wait_for("/10000 terjawab");
    let pid = app.pid();
    let kb = |key: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    let opened = kb("VmHWM:");
    for key in ["j", "y", "t", "r", "\x1b", "/"] {
        app.keys(key);
        thread::sleep(Duration::from_millis(200));
    }
    app.keys("nomor 99");
    app.wait_for(" hasil");
    app.keys("\x1b");
    app.wait_for("✓ tersimpan");
    let (peak, now) = (kb("VmHWM:"), kb("VmRSS:"));
    println!(
        "questionnaire {} KB, draft {} KB: peak resident {} KB after opening, {} KB in all; \
         resident now {} KB",
        sizes[0] / 1024,
        sizes[1] / 1024,
        opened,
        peak,
        now
    );
    app.keys("q");
    app.wait_for("Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
}

// ---------------------------------------------------------------------------------------
// Crashes, faulty disks, two instances at once

/// A questionnaire of `n` Ya/Tidak questions `A.1` … `A.n`: every `y` or `t` answers the
/// question shown and moves to the next, so a test knows which question each key answered.
fn yes_no_questionnaire(n: usize) -> String {
    let mut s = String::from(
        "schema = 1\nid = \"ya-tidak\"\nversion = \"1\"\ntitle = \"Ya atau tidak\"\n\n\
         [scales.YT]\nkind = \"choice\"\noptions = [ { code = \"Y\", label = \"Ya\", score = 1.0 }, \
         { code = \"T\", label = \"Tidak\", score = 0.0 } ]\n\n\
         [[category]]\ncode = \"B\"\nlabel = \"Baik\"\nabove = 50\n\n\
         [[category]]\ncode = \"K\"\nlabel = \"Kurang\"\n\n\
         [[group]]\nid = \"A\"\ntitle = \"Semua\"\n",
    );
    for k in 1..=n {
        s.push_str(&format!(
            "\n[[question]]\nid = \"A.{k}\"\ntext = \"Pertanyaan {k}\"\nscale = \"YT\"\n"
        ));
    }
    s
}

/// A draft `uji.toml` in `dir` on a questionnaire of `n` Ya/Tidak questions beside it.
fn yes_no_draft(dir: &Path, n: usize) -> PathBuf {
    let qfile = dir.join("ya-tidak.toml");
    std::fs::write(&qfile, yes_no_questionnaire(n)).expect("the questionnaire is written");
    let path = dir.join("uji.toml");
    let out = Command::new(BIN)
        .args([
            "new",
            "--unit",
            "Dinas Uji",
            "--period",
            "2024",
            "--questionnaire",
        ])
        .arg(&qfile)
        .arg("-o")
        .arg(&path)
        .env("PMPRB_HOME", dir)
        .output()
        .expect("pmprb new runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// The id of the question the walk shows (its box's title).
fn question_id(app: &App) -> String {
    let text = app.text();
    text.lines()
        .find_map(|l| l.split_once("┐┌ ").map(|(_, r)| r))
        .and_then(|r| r.split(' ').next())
        .unwrap_or_default()
        .to_string()
}

/// The Ya/Tidak answers of a draft, by id.
fn answers(d: &Draft) -> std::collections::BTreeMap<String, String> {
    d.answers
        .iter()
        .filter_map(|(id, a)| match &a.value {
            Some(toml::Value::String(v)) => Some((id.clone(), v.clone())),
            _ => None,
        })
        .collect()
}

/// The temporary files of `name`'s saves in `dir` (`.NAME.*.tmp`).
fn temp_files(dir: &Path, name: &str) -> Vec<String> {
    let prefix = format!(".{name}.");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix) && n.ends_with(".tmp"))
        .collect();
    v.sort();
    v
}

/// Random numbers for the tests that kill and race; the seed is printed, and
/// `PMPRB_TEST_SEED` repeats a run.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("PMPRB_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            })
            | 1;
        eprintln!("PMPRB_TEST_SEED={seed}");
        Rng(seed)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    fn yes_or_no(&mut self) -> &'static str {
        if self.below(2) == 0 { "Y" } else { "T" }
    }

    fn millis(&mut self, most: u64) -> Duration {
        Duration::from_millis(self.below(most + 1))
    }
}

/// SIGKILL at random moments — while answering, while a save is being written, when all
/// is saved — many times over on one draft. After every kill the draft parses, holds every
/// answer the app had shown as saved (`✓ tersimpan`, which a save shows within a second of
/// the change; the test waits for it rather than for the clock, so a busy machine does not
/// fail it), and holds nothing that was not given. The temporary files a kill leaves are
/// removed by the next run that opens the draft, and only those: another draft's, a name
/// that is not a process id, and a running process's stay.
#[test]
fn answers_survive_kill_9_at_random_moments_and_leave_no_temporary_files() {
    const ROUNDS: usize = 20;
    let tmp = tempfile::tempdir().expect("a temp folder");
    let dir = tmp.path();
    let path = yes_no_draft(dir, 400);
    let shown = path.to_string_lossy().into_owned();
    // A long field the app keeps without reading: every save writes it, so saves take long
    // enough for a kill to land in the middle of one now and then.
    let text = std::fs::read_to_string(&path).expect("the draft");
    let bulk = format!("lampiran = \"{}\"\n", "data dukung ".repeat(25_000));
    std::fs::write(&path, bulk + &text).expect("written");
    // Left by a dead process: removed. The others must stay.
    let stale = dir.join(".uji.toml.4194305.tmp");
    let keep = [
        dir.join(".lain.toml.4194305.tmp"),
        dir.join(".uji.toml.bukan-pid.tmp"),
        dir.join(format!(".uji.toml.{}.tmp", std::process::id())),
        dir.join("uji.toml.4194305.tmp"),
    ];
    for p in keep.iter().chain([&stale]) {
        std::fs::write(p, "sisa").expect("written");
    }

    let mut rng = Rng::new();
    let mut on_disk = std::collections::BTreeMap::new();
    let mut cut_saves = 0;
    for round in 0..ROUNDS {
        let mut app = App::start(dir, &["open", &shown]);
        app.wait_for("/400 terjawab");
        assert!(
            !app.text().contains("HANYA-BACA"),
            "round {round}: the killed process's lock stands in the way\n{}",
            app.text()
        );
        let left = temp_files(dir, "uji.toml");
        let mut want = vec![
            ".uji.toml.bukan-pid.tmp".to_string(),
            format!(".uji.toml.{}.tmp", std::process::id()),
        ];
        want.sort();
        assert_eq!(
            left, want,
            "round {round}: opening the draft removes what dead processes left"
        );
        let mut pos: usize = question_id(&app)
            .strip_prefix("A.")
            .and_then(|k| k.parse().ok())
            .unwrap_or_else(|| panic!("a question id on screen:\n{}", app.text()));

        // Answers shown on screen one by one; half the time, then shown as saved.
        let mut sure = on_disk.clone();
        let mut maybe: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
        let mut given = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let v = rng.yes_or_no();
            let id = format!("A.{pos}");
            app.answer(&v.to_lowercase(), &format!("{id} = {v}"));
            given.push((id, v));
            pos += 1;
        }
        if rng.below(2) == 0 {
            app.wait_for("✓ tersimpan");
            for (id, v) in given.drain(..) {
                sure.insert(id, v.to_string());
            }
        }
        for (id, v) in given {
            maybe.entry(id).or_default().push(v);
        }
        // More keys without waiting for them, then the kill: while typing, while a save
        // is being written, or after.
        let unsaved = !maybe.is_empty();
        let young = rng.below(6);
        for _ in 0..young {
            let v = rng.yes_or_no();
            app.keys(&v.to_lowercase());
            maybe.entry(format!("A.{pos}")).or_default().push(v);
            pos += 1;
            thread::sleep(rng.millis(100));
        }
        // A save's temporary file is `.uji.toml.PID.N.tmp`.
        let own = format!(".uji.toml.{}.", app.pid());
        let writing = || {
            temp_files(dir, "uji.toml")
                .iter()
                .any(|n| n.starts_with(&own))
        };
        if (unsaved || young > 0) && rng.below(2) == 0 {
            // The moment the save's temporary file is there: between its creation and the
            // rename over the draft.
            let start = Instant::now();
            while !writing() && start.elapsed() < WAIT {
                thread::sleep(Duration::from_micros(100));
            }
        } else {
            thread::sleep(rng.millis(500));
        }
        signal(app.pid(), "-9");
        app.wait_exit();
        drop(app);

        let d = read_draft(&path);
        let now = answers(&d);
        for (id, v) in &sure {
            let allowed = now
                .get(id)
                .is_some_and(|got| maybe.get(id).is_some_and(|m| m.contains(&got.as_str())));
            assert!(
                now.get(id) == Some(v) || allowed,
                "round {round}: {id} = {v} was saved, the file has {:?}",
                now.get(id)
            );
        }
        for (id, v) in &now {
            assert!(
                sure.get(id) == Some(v) || maybe.get(id).is_some_and(|m| m.contains(&v.as_str())),
                "round {round}: {id} = {v} was never given"
            );
        }
        if writing() {
            cut_saves += 1;
        }
        on_disk = now;
    }

    // One run that ends cleanly.
    let mut app = App::start(dir, &["open", &shown]);
    app.wait_for("/400 terjawab");
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(answers(&read_draft(&path)), on_disk);
    assert!(
        !stale.exists(),
        "a dead process's temporary file is removed"
    );
    for p in &keep {
        assert!(p.exists(), "{} is not this draft's leftover", p.display());
    }
    eprintln!("{ROUNDS} kills, {cut_saves} of them in the middle of a save");
}

/// Two `pmprb` started at the same moment on one draft, many times over: exactly one
/// opens it for writing, the other read-only with a banner; both are answered; the file
/// always parses and holds exactly the writer's answers.
#[test]
fn two_instances_started_at_once_one_writes_and_the_other_only_reads() {
    const ROUNDS: usize = 15;
    let tmp = tempfile::tempdir().expect("a temp folder");
    let path = yes_no_draft(tmp.path(), 60);
    let shown = path.to_string_lossy().into_owned();
    let mut rng = Rng::new();
    let mut expected = std::collections::BTreeMap::new();
    for round in 0..ROUNDS {
        let a = App::start(tmp.path(), &["open", &shown]);
        let b = App::start(tmp.path(), &["open", &shown]);
        a.wait_for("/60 terjawab");
        b.wait_for("/60 terjawab");
        // The banner is on the first frame, with the walk.
        let (a_reads, b_reads) = (
            a.text().contains("HANYA-BACA"),
            b.text().contains("HANYA-BACA"),
        );
        assert!(
            a_reads != b_reads,
            "round {round}: exactly one writer\n{}\n{}",
            a.text(),
            b.text()
        );
        let (mut writer, mut reader) = if a_reads { (b, a) } else { (a, b) };
        assert!(reader.text().contains("pmprb lain"), "{}", reader.text());

        let id = question_id(&writer);
        let (v, w) = (rng.yes_or_no(), rng.yes_or_no());
        reader.answer(&w.to_lowercase(), "Hanya-baca:");
        writer.answer(&v.to_lowercase(), &format!("{id} = {v}"));
        expected.insert(id, v.to_string());
        let (first, second) = if rng.below(2) == 0 {
            (&mut writer, &mut reader)
        } else {
            (&mut reader, &mut writer)
        };
        for app in [first, second] {
            app.answer("q", "Buat penilaian baru");
            app.keys("q");
            assert_eq!(app.wait_exit(), 0);
        }
        assert_eq!(answers(&read_draft(&path)), expected, "round {round}");
        assert!(temp_files(tmp.path(), "uji.toml").is_empty());
    }
}

/// A folder nobody may write to, not even root: `chattr +i` (where the file system has it).
/// Writable again when dropped.
struct Immutable(PathBuf);

impl Immutable {
    fn set(dir: &Path) -> Option<Immutable> {
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Immutable(dir.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// A small tmpfs, where the test may mount one (root in a container that allows it).
/// Unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    fn read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .output()
            .is_ok_and(|o| o.status.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Writes into `path` until the disk is full.
fn fill(path: &Path) {
    let mut f = std::fs::File::create(path).expect("a filler file");
    let block = [0u8; 4096];
    while f.write_all(&block).and_then(|_| f.sync_all()).is_ok() {}
}

#[test]
fn a_folder_that_turns_read_only_is_told_the_answers_wait_and_are_saved_later() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let folder = tmp.path().join("drafts");
    std::fs::create_dir(&folder).expect("a drafts folder");
    let path = new_draft(&folder);
    let mut app = App::start(tmp.path(), &["open", &path.to_string_lossy()]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.wait_for("✓ tersimpan");
    let Some(read_only) = Immutable::set(&folder) else {
        eprintln!("skipped: `chattr +i` is not available here");
        return;
    };
    app.answer("b", "2/6 terjawab");
    app.wait_for("GAGAL MENYIMPAN: Operation not permitted");
    // On screen, not on disk; nothing half-written there.
    assert!(app.text().contains("⚠ belum tersimpan"), "{}", app.text());
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(value(&d, "A.1.b"), None);
    drop(read_only);
    app.wait_for("✓ tersimpan");
    assert!(!app.text().contains("GAGAL MENYIMPAN"), "{}", app.text());
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.b"), Some(toml::Value::String("B".into())));
    assert!(temp_files(&folder, "uji.toml").is_empty());
}

#[test]
fn a_full_disk_is_told_the_answers_wait_and_are_saved_when_there_is_room() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let disk = tmp.path().join("disk");
    let Some(_mounted) = Tmpfs::mount(&disk, "64k") else {
        eprintln!("skipped: mounting a tmpfs is not permitted here");
        return;
    };
    let path = new_draft(&disk);
    let mut app = App::start(tmp.path(), &["open", &path.to_string_lossy()]);
    app.wait_for("0/6 terjawab");
    app.answer("y", "1/6 terjawab");
    app.wait_for("✓ tersimpan");
    let filler = disk.join("penuh.bin");
    fill(&filler);
    app.answer("b", "2/6 terjawab");
    app.wait_for("GAGAL MENYIMPAN: No space left on device");
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.a"), Some(toml::Value::String("Y".into())));
    assert_eq!(value(&d, "A.1.b"), None);
    assert!(temp_files(&disk, "uji.toml").is_empty());
    // Answering goes on meanwhile.
    app.answer("85\r", "3/6 terjawab");
    std::fs::remove_file(&filler).expect("room again");
    app.wait_for("✓ tersimpan");
    assert!(!app.text().contains("GAGAL MENYIMPAN"), "{}", app.text());
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    let d = read_draft(&path);
    assert_eq!(value(&d, "A.1.b"), Some(toml::Value::String("B".into())));
    assert_eq!(value(&d, "A.2.a"), Some(toml::Value::Integer(85)));
    assert!(temp_files(&disk, "uji.toml").is_empty());
}

#[test]
fn a_draft_on_a_read_only_disk_opens_read_only_and_says_why() {
    let tmp = tempfile::tempdir().expect("a temp folder");
    let disk = tmp.path().join("disk");
    let Some(mounted) = Tmpfs::mount(&disk, "64k") else {
        eprintln!("skipped: mounting a tmpfs is not permitted here");
        return;
    };
    let path = new_draft(&disk);
    let before = std::fs::read(&path).expect("the draft");
    assert!(mounted.read_only(), "the tmpfs is made read-only");
    let mut app = App::start(tmp.path(), &["open", &path.to_string_lossy()]);
    app.wait_for("HANYA-BACA: draf tidak dapat dikunci (Read-only file system");
    app.answer("y", "Hanya-baca:");
    assert!(app.text().contains("0/6 terjawab"), "{}", app.text());
    app.answer("q", "Buat penilaian baru");
    app.keys("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).expect("the draft"), before);
}
