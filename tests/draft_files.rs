//! Drafts on disk (SPEC §3): round trips, atomic saves, the lock.

use std::fs;

use pmprb::answer::Answer;
use pmprb::draft::lock::{DraftLock, LockError, lock_path};
use pmprb::draft::store::save_atomic;
use pmprb::draft::{Draft, Status};

const WITH_UNKNOWN: &str = r#"schema = 1
questionnaire = "pmprb-2020"
questionnaire_version = "2020.1"
unit = "Dinas Komunikasi dan Informatika"
period = "2022"
assessor = "Budi"
status = "draft"
created = 2022-06-02T09:00:00+07:00
updated = 2022-06-02T10:15:00+07:00
reviewer = "Inspektorat"
tags = ["a", "b"]
meta = { source = "import", round = 2 }

[answers."A.I.1.i.a"]
value = "A"
note = '''
Penjelasan, any length, several lines.
Baris kedua dengan "kutip" dan \garis miring.
'''
evidence = ["https://example.org/sk", "bukti/sk-tim-rb.pdf"]
flag = true
updated = 2022-06-02T09:05:00+07:00
pic = "Sari"
checks = { done = true }

[answers."A.I.1.i.b"]
na = true

[answers."B.1.a"]
value = [3, 4]

[answers."X.unknown"]
value = 85.5
"#;

#[test]
fn round_trip_keeps_every_field_including_unknown_ones() {
    let d = Draft::parse(WITH_UNKNOWN).expect("parses");
    assert_eq!(
        d.extra.get("reviewer").and_then(|v| v.as_str()),
        Some("Inspektorat")
    );
    let a = &d.answers["A.I.1.i.a"];
    assert_eq!(
        a.note,
        "Penjelasan, any length, several lines.\nBaris kedua dengan \"kutip\" dan \\garis miring.\n"
    );
    assert_eq!(a.extra.get("pic").and_then(|v| v.as_str()), Some("Sari"));
    let text = d.to_toml();
    let again = Draft::parse(&text).expect("written draft parses");
    assert_eq!(again, d, "written:\n{text}");
    // The text is stable: writing the re-read draft gives the same bytes.
    assert_eq!(again.to_toml(), text);
    // Notes stay readable multi-line strings.
    assert!(text.contains("note = '''\nPenjelasan"), "{text}");
}

#[test]
fn awkward_text_survives_a_round_trip() {
    let mut d = Draft::new("contoh", "1", "Unit \"kutip\" \\ 'tunggal'", "2024");
    for (i, note) in [
        "ends with quote'",
        "has ''' triple",
        "line\r\nwindows",
        "tab\tand bell\u{7}",
        "\nstarts with newline\n",
        "emoji 🙂 dan aksara ꦗꦮ",
        "",
    ]
    .iter()
    .enumerate()
    {
        let mut a = Answer::with_value(toml::Value::String("A".into()));
        a.note = note.to_string();
        a.evidence = vec![format!("file {i}\".pdf")];
        d.answers.insert(format!("Q.{i}"), a);
    }
    d.answers.insert(
        "key with spaces.and \"quotes\"".into(),
        Answer::not_applicable(),
    );
    let text = d.to_toml();
    let again = Draft::parse(&text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
    assert_eq!(again, d);
}

#[test]
fn parse_errors_have_positions() {
    let src = "schema = 1\nquestionnaire = \"x\"\nunit = 5\nperiod = \"p\"\nstatus = \"selesai\"\n";
    let problems = Draft::parse(src).expect_err("invalid");
    let lines: Vec<String> = problems
        .iter()
        .map(|p| pmprb::diagnostics::render(pmprb::i18n::Lang::En, "d.toml", Some(src), p))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("d.toml:3:8: error: `unit` must be text")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("d.toml:5:10: error: unknown status \"selesai\"")),
        "{lines:?}"
    );
}

#[test]
fn status_final_is_read_and_written() {
    let src = WITH_UNKNOWN.replace("status = \"draft\"", "status = \"final\"");
    let d = Draft::parse(&src).expect("parses");
    assert_eq!(d.status, Status::Final);
    assert!(d.to_toml().contains("status = \"final\""));
}

#[test]
fn atomic_save_replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    save_atomic(&path, b"old").expect("first save");
    save_atomic(&path, b"new").expect("second save");
    assert_eq!(fs::read_to_string(&path).expect("read"), "new");
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["d.toml".to_string()]);
}

#[cfg(unix)]
#[test]
fn new_drafts_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    save_atomic(&path, b"x").expect("save");
    let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn only_a_drafts_own_temporary_files_from_dead_processes_are_stale() {
    use pmprb::draft::store::{remove_stale_temp_files, stale_temp_files_of};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    save_atomic(&path, b"answers").expect("save");
    // 4194305 is above the largest process id Linux hands out: never a running process.
    let dead = dir.path().join(".d.toml.4194305.tmp");
    let dead_numbered = dir.path().join(".d.toml.4194305.17.tmp");
    let keep = [
        dir.path()
            .join(format!(".d.toml.{}.tmp", std::process::id())),
        dir.path()
            .join(format!(".d.toml.{}.3.tmp", std::process::id())),
        dir.path().join(".d.toml.4194305.x.tmp"),
        dir.path().join(".d.toml.4194305..tmp"),
        dir.path().join(".d.toml.4194305.1.2.tmp"),
        dir.path().join(".d.toml.abc.tmp"),
        dir.path().join(".d.toml..tmp"),
        dir.path().join(".e.toml.4194305.tmp"),
        dir.path().join(".xd.toml.4194305.tmp"),
        dir.path().join("d.toml.4194305.tmp"),
        dir.path().join(".d.toml.4194305.tmp.bak"),
    ];
    for p in keep.iter().chain([&dead, &dead_numbered]) {
        fs::write(p, "half").expect("write");
    }
    // A folder by that name is not a file the save left.
    fs::create_dir(dir.path().join(".d.toml.4194306.tmp")).expect("a folder");
    let mut stale = stale_temp_files_of(&path);
    stale.sort();
    let mut want = vec![dead.clone(), dead_numbered.clone()];
    want.sort();
    assert_eq!(stale, want);
    assert_eq!(remove_stale_temp_files(&path), 2);
    assert!(!dead.exists() && !dead_numbered.exists());
    for p in &keep {
        assert!(p.exists(), "{} stays", p.display());
    }
    assert_eq!(fs::read_to_string(&path).expect("read"), "answers");
}

/// Saves of one file from several threads at once each write their own temporary file:
/// every save succeeds, the file ends whole (one of the texts), and nothing is left over.
#[test]
fn saves_from_several_threads_at_once_never_mix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    let texts: Vec<String> = (0..6)
        .map(|t| format!("text {t}\n").repeat(20_000))
        .collect();
    std::thread::scope(|scope| {
        for text in &texts {
            let path = &path;
            scope.spawn(move || {
                for _ in 0..10 {
                    save_atomic(path, text.as_bytes()).expect("every save succeeds");
                }
            });
        }
    });
    let end = fs::read_to_string(&path).expect("read");
    assert!(texts.contains(&end), "the file is one whole text");
    let left: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "d.toml")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    save_atomic(&path, b"old").expect("first save");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).expect("chmod");
    let result = save_atomic(&path, b"new");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).expect("chmod back");
    // Root ignores folder permissions; then the save simply succeeds.
    match result {
        Err(e) => {
            assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied);
            assert_eq!(fs::read_to_string(&path).expect("read"), "old");
        }
        Ok(()) => assert_eq!(fs::read_to_string(&path).expect("read"), "new"),
    }
}

#[test]
fn lock_refuses_a_second_writer_and_names_the_holder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    fs::write(&path, "x").expect("write");
    let first = DraftLock::acquire(&path).expect("first lock");
    match DraftLock::acquire(&path) {
        Err(LockError::Held { holder }) => {
            assert!(
                holder.contains(&format!("pid {}", std::process::id())),
                "{holder}"
            );
        }
        other => panic!("second lock must be refused, got {other:?}"),
    }
    drop(first);
    assert!(!lock_path(&path).exists(), "lock file removed on release");
    let _again = DraftLock::acquire(&path).expect("free again after release");
}

#[test]
fn a_stale_lock_file_without_a_holder_does_not_block() {
    // A process killed with SIGKILL leaves the file but not the OS lock.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.toml");
    fs::write(lock_path(&path), "someone@host, pid 1").expect("stale");
    let _lock = DraftLock::acquire(&path).expect("stale lock file is taken over");
}
