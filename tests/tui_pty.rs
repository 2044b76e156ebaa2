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
