//! The real binary: exit codes, `--json` shape, errors on bad files (SPEC §4).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn pmprb(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(args)
        .env("PMPRB_HOME", home)
        .env_remove("PMPRB_LANG")
        .output()
        .expect("run pmprb")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    let e = stderr(o);
    assert!(
        !e.contains("panicked") && !e.contains("RUST_BACKTRACE"),
        "panic: {e}"
    );
}

const DRAFT: &str = r#"schema = 1
questionnaire = "contoh"
questionnaire_version = "1"
unit = "Dinas Kominfo"
period = "2024"
status = "draft"

[answers."A.1.a"]
value = "Y"
[answers."A.2.a"]
value = "85,5"
[answers."A.2.b"]
na = true
[answers."B.b"]
value = "Z"
[answers."Q.9"]
value = 1
"#;

#[test]
fn new_then_drafts_then_score() {
    let home = tempfile::tempdir().expect("tempdir");
    let o = pmprb(
        home.path(),
        &[
            "new",
            "--unit",
            "Dinas Kominfo",
            "--period",
            "2024",
            "--questionnaire",
            "contoh",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = home.path().join("dinas-kominfo-2024.toml");
    assert!(path.exists(), "{}", stdout(&o));
    // A second draft for the same unit and period gets its own file.
    let o = pmprb(
        home.path(),
        &[
            "new",
            "--unit",
            "Dinas Kominfo",
            "--period",
            "2024",
            "--questionnaire",
            "contoh",
        ],
    );
    assert!(o.status.success());
    assert!(home.path().join("dinas-kominfo-2024-2.toml").exists());

    let o = pmprb(home.path(), &["drafts"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("dinas-kominfo-2024.toml") && out.contains("0/6"),
        "{out}"
    );

    let o = pmprb(home.path(), &["score", path.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Indeks RB: 0,00"), "{}", stdout(&o));
}

#[test]
fn score_json_has_the_spec_fields() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(&path, DRAFT).expect("write");
    let o = pmprb(
        home.path(),
        &["score", path.to_str().expect("utf8"), "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for key in [
        "questionnaire",
        "unit",
        "period",
        "index",
        "index_exact",
        "category",
        "category_label",
        "floor",
        "ceiling",
        "answered",
        "questions",
        "not_applicable",
        "invalid",
        "orphaned",
        "groups",
        "predicates",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["questionnaire"]["id"], "contoh");
    assert_eq!(v["questionnaire"]["version"], "1");
    // A.2.b N/A → A.2.a gets all of A.2 (30): 0.855 · 30 = 25.65; A.1.a Y = 15. 40.65 → C.
    assert_eq!(v["index"], 40.65);
    assert_eq!(v["category"], "C");
    assert_eq!(v["category_label"], "Kurang");
    assert_eq!(v["answered"], 3);
    assert_eq!(v["questions"], 6);
    assert_eq!(v["not_applicable"], 1);
    assert_eq!(v["invalid"], serde_json::json!(["B.b"]));
    assert_eq!(v["orphaned"], serde_json::json!(["Q.9"]));
    let groups = v["groups"].as_array().expect("groups");
    let ids: Vec<&str> = groups
        .iter()
        .map(|g| g["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, vec!["A", "A.1", "A.2", "B"]);
    for g in groups {
        for key in [
            "id",
            "title",
            "earned",
            "possible",
            "percent",
            "answered",
            "questions",
        ] {
            assert!(g.get(key).is_some(), "group missing {key}");
        }
    }
    let p = &v["predicates"][0];
    assert_eq!(p["code"], "BAIK");
    assert_eq!(p["holds"], false);
    assert!(p["failing"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn english_on_request() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(&path, DRAFT).expect("write");
    let o = pmprb(
        home.path(),
        &["--lang", "en", "score", path.to_str().expect("utf8")],
    );
    assert!(stdout(&o).contains("RB index: 40.65"), "{}", stdout(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(["score", path.to_str().expect("utf8")])
        .env("PMPRB_LANG", "en")
        .output()
        .expect("run");
    assert!(
        stdout(&o).contains("Category: C (Kurang)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    let home = tempfile::tempdir().expect("tempdir");
    let o = pmprb(home.path(), &["score"]);
    assert_eq!(o.status.code(), Some(2));
    let o = pmprb(home.path(), &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = pmprb(home.path(), &["new", "--unit", "x"]);
    assert_eq!(o.status.code(), Some(2));
    no_panic(&o);
}

#[test]
fn help_is_there_for_new_users() {
    let home = tempfile::tempdir().expect("tempdir");
    let o = pmprb(home.path(), &["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for cmd in ["new", "drafts", "score", "check", "questionnaires"] {
        assert!(out.contains(cmd), "{out}");
    }
    assert!(
        out.contains("pmprb tanpa argumen membuka aplikasi terminal")
            && out.contains("pmprb with no arguments opens the terminal app"),
        "{out}"
    );
}

#[test]
fn malformed_toml_is_a_runtime_error_with_position() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("bad.toml");
    fs::write(&path, "schema = 1\nquestionnaire = \"contoh\"\nunit = \n").expect("write");
    let o = pmprb(home.path(), &["score", path.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("bad.toml:3:") && e.contains("galat: TOML tidak sah"),
        "{e}"
    );
    no_panic(&o);
}

#[test]
fn wrong_types_are_named() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(
        &path,
        "schema = 1\nquestionnaire = \"contoh\"\nunit = [1]\nperiod = 2024\n",
    )
    .expect("write");
    let o = pmprb(
        home.path(),
        &["--lang", "en", "score", path.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("d.toml:3:8: error: `unit` must be text, not a list"),
        "{e}"
    );
    assert!(
        e.contains("d.toml:4:10: error: `period` must be text, not a whole number"),
        "{e}"
    );
}

#[test]
fn missing_questionnaire_and_missing_file() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(
        &path,
        "schema = 1\nquestionnaire = \"tidak-ada\"\nunit = \"u\"\nperiod = \"p\"\n",
    )
    .expect("write");
    let o = pmprb(home.path(), &["score", path.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Kuesioner \"tidak-ada\" tidak dikenal"),
        "{}",
        stderr(&o)
    );

    let o = pmprb(home.path(), &["score", "/nonexistent/d.toml"]);
    assert_eq!(o.status.code(), Some(1));
    no_panic(&o);

    let o = pmprb(
        home.path(),
        &[
            "new",
            "--unit",
            "u",
            "--period",
            "p",
            "--questionnaire",
            "nope",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("contoh"),
        "lists the available ones: {}",
        stderr(&o)
    );
}

#[test]
fn questionnaire_file_relative_to_the_draft() {
    let home = tempfile::tempdir().expect("tempdir");
    let sub = home.path().join("lke");
    fs::create_dir(&sub).expect("mkdir");
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    let qpath = sub.join("lke-kota.toml");
    fs::write(
        &qpath,
        src.replace("version = \"1\"", "version = \"kota-1\""),
    )
    .expect("write");
    let dpath = home.path().join("d.toml");
    let o = pmprb(
        home.path(),
        &[
            "new",
            "--unit",
            "u",
            "--period",
            "p",
            "--questionnaire",
            qpath.to_str().expect("utf8"),
            "-o",
            dpath.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(&dpath).expect("read");
    assert!(
        text.contains("questionnaire_file = \"lke/lke-kota.toml\""),
        "{text}"
    );
    let o = pmprb(
        home.path(),
        &["score", dpath.to_str().expect("utf8"), "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["questionnaire"]["version"], "kota-1");
    // -o never overwrites.
    let o = pmprb(
        home.path(),
        &[
            "new",
            "--unit",
            "u",
            "--period",
            "p",
            "--questionnaire",
            "contoh",
            "-o",
            dpath.to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn invalid_utf8_is_refused_with_a_position() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    let mut bytes = b"schema = 1\nunit = \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\"\n");
    fs::write(&path, bytes).expect("write");
    for cmd in ["score", "check"] {
        let o = pmprb(
            home.path(),
            &["--lang", "en", cmd, path.to_str().expect("utf8")],
        );
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("d.toml:2:9: error: the file is not UTF-8 text"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_ten_megabyte_string_is_handled() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    let big = "x".repeat(10 * 1024 * 1024);
    fs::write(
        &path,
        DRAFT.replace("value = \"Y\"", &format!("value = \"Y\"\nnote = \"{big}\"")),
    )
    .expect("write");
    let o = pmprb(
        home.path(),
        &["score", path.to_str().expect("utf8"), "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // A 10 MB unit name is cut on display, never dumped whole.
    fs::write(
        &path,
        DRAFT.replace("unit = \"Dinas Kominfo\"", &format!("unit = \"{big}\"")),
    )
    .expect("write");
    let o = pmprb(home.path(), &["drafts"]);
    assert!(o.status.success());
    assert!(o.stdout.len() < 10_000, "{} bytes", o.stdout.len());
    // A questionnaire with a 10 MB title loads too.
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    let qpath = home.path().join("q.toml");
    fs::write(
        &qpath,
        src.replace(
            "title = \"Kuesioner Contoh (latihan)\"",
            &format!("title = \"{big}\""),
        ),
    )
    .expect("write");
    let o = pmprb(home.path(), &["check", qpath.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    no_panic(&o);
}

#[test]
fn check_reports_every_planted_error_in_one_run() {
    let home = tempfile::tempdir().expect("tempdir");
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    let broken = src
        .replacen("scale = \"YT\"", "scale = \"YX\"", 1) // unknown scale
        .replacen("id = \"A.2.a\"", "id = \"A.1.a\"", 1) // duplicate id
        .replacen("above = 80", "above = 95", 1) // categories out of order
        .replacen("zero = 1", "zero = 4", 1) // zero == full
        .replacen("score = 0.5", "score = 5", 1) // score out of range
        .replacen("id = \"B.b\"", "id = \"C.b\"", 1); // missing parent
    let path = home.path().join("rusak.toml");
    fs::write(&path, broken).expect("write");
    let o = pmprb(
        home.path(),
        &["--lang", "en", "check", path.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    for needle in [
        "scale \"YX\" is not defined",
        "id \"A.1.a\" is already used",
        "category \"A\": above = 95",
        "zero and full must differ",
        "score 5 of \"B\" is outside 0..1",
        "\"C.b\": its parent \"C\" does not exist",
        "6 errors",
    ] {
        assert!(e.contains(needle), "missing {needle:?} in:\n{e}");
    }
    assert!(
        e.lines()
            .all(|l| l.starts_with(path.to_str().expect("utf8"))),
        "{e}"
    );
}

#[test]
fn check_runs_examples_and_reports_failures() {
    let home = tempfile::tempdir().expect("tempdir");
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    let path = home.path().join("q.toml");
    fs::write(&path, src.replace("index = 51.25", "index = 52.25")).expect("write");
    let o = pmprb(
        home.path(),
        &["--lang", "en", "check", path.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("example \"sebagian terjawab\": index should be 52.25, computed 51.2500 (off by -1.0000)"), "{}", stderr(&o));
    fs::write(&path, src).expect("write");
    let o = pmprb(home.path(), &["check", path.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("5 contoh perhitungan cocok"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_a_draft_against_its_questionnaire() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(&path, DRAFT).expect("write");
    let o = pmprb(
        home.path(),
        &["--lang", "en", "check", path.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("B.b: option \"Z\" is not on this scale"),
        "{out}"
    );
    assert!(out.contains("Q.9"), "{out}");
}

#[test]
fn every_embedded_questionnaire_checks_clean() {
    let home = tempfile::tempdir().expect("tempdir");
    let o = pmprb(home.path(), &["questionnaires"]);
    assert!(o.status.success());
    for e in pmprb::catalog::embedded() {
        let r = pmprb::questionnaire::load_str(e.src);
        assert_eq!(r.errors(), 0, "{}: {:?}", e.file, r.problems);
        let q = r.questionnaire.expect("loads");
        assert!(stdout(&o).contains(&q.id), "{} not listed", q.id);
    }
}

/// `check` tells a draft from a questionnaire as `Draft::parse` does: a draft that lost its
/// `questionnaire` is still a draft, and is told so, not checked as a questionnaire.
#[test]
fn check_a_draft_without_its_questionnaire_key() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(
        &path,
        DRAFT.replace("questionnaire = \"contoh\"\n", "unit_kerja = 1\n"),
    )
    .expect("write");
    let o = pmprb(
        home.path(),
        &["--lang", "en", "check", path.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("field `questionnaire` is required"), "{e}");
    assert!(!e.contains("field `id` is required"), "{e}");
}

/// An invalid answer's number reads as the user typed it: a decimal comma in Indonesian.
#[test]
fn invalid_numbers_use_a_decimal_comma_in_indonesian() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = home.path().join("d.toml");
    fs::write(&path, format!("{DRAFT}[answers.\"B.a\"]\nvalue = 5.5\n")).expect("write");
    let o = pmprb(home.path(), &["check", path.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("B.a: 5,5 di luar rentang 1..4"),
        "{}",
        stdout(&o)
    );
    let o = pmprb(
        home.path(),
        &["--lang", "en", "check", path.to_str().expect("utf8")],
    );
    assert!(
        stdout(&o).contains("B.a: 5.5 is outside 1..4"),
        "{}",
        stdout(&o)
    );
}

/// Output that cannot be written (here a full disk) fails the command.
#[test]
fn a_failed_write_to_stdout_fails_the_command() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let home = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(["questionnaires"])
        .env("PMPRB_HOME", home.path())
        .env_remove("PMPRB_LANG")
        .stdout(fs::File::create(full).expect("open /dev/full"))
        .output()
        .expect("run pmprb");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Tidak dapat menulis stdout"),
        "{}",
        stderr(&o)
    );
    no_panic(&o);
}

/// A reader that stops reading (`pmprb questionnaires | head -1`) is no failure: the
/// command ends quietly with 0, as Unix tools do, rather than with an error message.
#[test]
fn a_reader_that_stopped_reading_is_no_failure() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let home = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(["questionnaires"])
        .env("PMPRB_HOME", home.path())
        .env_remove("PMPRB_LANG")
        .stdout(writer)
        .output()
        .expect("run pmprb");
    assert!(o.stdout.is_empty(), "the output went to the closed pipe");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}
