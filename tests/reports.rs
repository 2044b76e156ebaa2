//! Reports, roll-up, year-over-year comparison and finalize, on the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn pmprb(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(args)
        .env("PMPRB_HOME", home)
        .env_remove("PMPRB_LANG")
        .stdin(Stdio::null())
        .output()
        .expect("run pmprb")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A known draft of the sample questionnaire: every kind of answer, a note, evidence, a flag.
const KNOWN: &str = r#"schema = 1
questionnaire = "contoh"
questionnaire_version = "1"
unit = "Dinas Komunikasi dan Informatika"
period = "2024"
status = "draft"

[answers."A.1.a"]
value = "Y"
note = '''
SK Kepala Dinas No. 12/2024.
- ditetapkan Januari
'''
evidence = ["https://contoh.go.id/sk-12.pdf", "bukti/renja.pdf"]

[answers."A.1.b"]
value = "B"
flag = true

[answers."A.2.a"]
value = "85,5"

[answers."A.2.b"]
value = [3, 4]

[answers."B.a"]
value = 3.4
"#;

fn known(dir: &Path) -> PathBuf {
    let p = dir.join("kominfo-2024.toml");
    fs::write(&p, KNOWN).expect("write");
    p
}

/// Compares with a committed golden file (today's date replaced), or writes it when
/// `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let actual = actual.replace(&today, "DATE");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &actual).expect("write golden");
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

// A.1.a Y 15; A.1.b B 7.5; A.2.a 85.5 % · 15 = 12.825; A.2.b 3/4 · 15 = 11.25;
// B.a (3.4 − 1)/3 = 0.8 · 20 = 16; B.b open (20). Index 62.575 → 62.58 → B.
#[test]
fn markdown_report_matches_golden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = pmprb(
        dir.path(),
        &[
            "report",
            known(dir.path()).to_str().expect("utf8"),
            "--format",
            "md",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = text(&o.stdout);
    assert!(md.contains("| Indeks RB | 62,58 |"), "{md}");
    golden("kominfo.md", &md);
}

#[test]
fn csv_report_matches_golden_and_keeps_decimals_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = pmprb(
        dir.path(),
        &[
            "report",
            known(dir.path()).to_str().expect("utf8"),
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let csv = text(&o.stdout);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("Indeks RB;62,58\r\n"), "{csv}");
    // A penjelasan line starting with a dash stays text in a spreadsheet; notes are quoted.
    assert!(
        csv.contains("\"SK Kepala Dinas No. 12/2024.\n- ditetapkan Januari\n\""),
        "{csv}"
    );
    golden("kominfo.csv", &csv);
    let o = pmprb(
        dir.path(),
        &[
            "--lang",
            "en",
            "report",
            known(dir.path()).to_str().expect("utf8"),
            "--format",
            "csv",
        ],
    );
    assert!(text(&o.stdout).contains("RB index,62.58\r\n"));
}

#[test]
fn json_report_matches_golden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = pmprb(
        dir.path(),
        &[
            "report",
            known(dir.path()).to_str().expect("utf8"),
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["index"], 62.58);
    assert_eq!(v["unit"], "Dinas Komunikasi dan Informatika");
    let ids: Vec<&str> = v["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, vec!["A.1.a", "A.1.b", "A.2.a", "A.2.b", "B.a", "B.b"]);
    golden("kominfo.json", &text(&o.stdout));
}

#[test]
fn every_format_carries_every_question_id_the_unit_and_the_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = known(dir.path());
    for (format, index) in [("md", "62,58"), ("csv", "62,58"), ("json", "62.58")] {
        let out = text(
            &pmprb(
                dir.path(),
                &["report", draft.to_str().expect("utf8"), "--format", format],
            )
            .stdout,
        );
        for needle in [
            "A.1.a",
            "A.1.b",
            "A.2.a",
            "A.2.b",
            "B.a",
            "B.b",
            "Dinas Komunikasi dan Informatika",
            index,
        ] {
            assert!(out.contains(needle), "{format} lacks {needle}");
        }
    }
}

#[test]
fn xlsx_report_reads_back_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("lke.xlsx");
    let o = pmprb(
        dir.path(),
        &[
            "report",
            known(dir.path()).to_str().expect("utf8"),
            "--format",
            "xlsx",
            "-o",
            out.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut wb: Xlsx<_> = open_workbook(&out).expect("open xlsx");
    assert_eq!(
        wb.sheet_names(),
        vec!["LKE".to_string(), "Ringkasan".to_string()]
    );
    let lke = wb.worksheet_range("LKE").expect("LKE sheet");
    let rows: Vec<_> = lke.rows().collect();
    assert_eq!(rows[0][0], Data::String("ID".into()));
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(id.into()))
            .unwrap_or_else(|| panic!("row {id}"))
    };
    // A.2.a: 85.5 % of 15 points.
    assert_eq!(row("A.2.a")[3], Data::Float(0.855));
    assert_eq!(row("A.2.a")[4], Data::Float(12.825));
    assert_eq!(row("A.2.a")[5], Data::Float(15.0));
    assert_eq!(row("A")[5], Data::Float(60.0));
    assert_eq!(
        row("A.1.a")[7],
        Data::String("SK Kepala Dinas No. 12/2024.\n- ditetapkan Januari".into())
    );
    assert_eq!(row("A.1.b")[9], Data::String("⚑".into()));
    let summary = wb.worksheet_range("Ringkasan").expect("summary sheet");
    let index_row = summary
        .rows()
        .find(|r| r[0] == Data::String("Indeks RB".into()))
        .expect("index row");
    assert_eq!(index_row[1], Data::Float(62.58));
}

#[test]
fn summary_over_a_folder_with_a_damaged_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    known(dir.path());
    fs::write(
        dir.path().join("b.toml"),
        KNOWN
            .replace("Dinas Komunikasi dan Informatika", "Dinas Pendidikan")
            .replace("value = \"B\"", "value = \"A\""),
    )
    .expect("write");
    fs::write(
        dir.path().join("c.toml"),
        KNOWN
            .replace("Dinas Komunikasi dan Informatika", "Dinas Kesehatan")
            .replace("value = \"Y\"", "value = \"T\""),
    )
    .expect("write");
    fs::write(dir.path().join("rusak.toml"), "schema = 1\nunit = \n").expect("write");
    let o = pmprb(
        dir.path(),
        &["summary", dir.path().to_str().expect("utf8"), "--json"],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a damaged draft fails the run at the end"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    // Pendidikan 62.575 + 7.5 = 70.075 → 70.08; Kominfo 62.58; Kesehatan 62.575 − 15 = 47.575 → 47.58.
    let units: Vec<&str> = rows
        .iter()
        .map(|r| r["unit"].as_str().expect("unit"))
        .collect();
    assert_eq!(
        units,
        vec![
            "Dinas Pendidikan",
            "Dinas Komunikasi dan Informatika",
            "Dinas Kesehatan",
            ""
        ]
    );
    assert_eq!(rows[0]["index"], 70.08);
    assert_eq!(rows[0]["category"], "BB");
    assert!(
        rows[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("rusak.toml:2:")),
        "{}",
        rows[3]
    );
    let s = &v["stats"]["questionnaires"][0];
    assert_eq!(s["count"], 3);
    assert_eq!(s["median"], 62.58);
    assert_eq!(s["min"], 47.58);
    assert_eq!(s["max"], 70.08);
    assert!((s["mean"].as_f64().expect("mean") - (70.08 + 62.58 + 47.58) / 3.0).abs() < 1e-9);
    let cats = s["categories"].as_array().expect("categories");
    let count = |code: &str| {
        cats.iter().find(|c| c["code"] == code).expect("code")["units"]
            .as_u64()
            .expect("n")
    };
    assert_eq!((count("BB"), count("B"), count("C")), (1, 1, 1));
    // The weakest group on average is B (16/40 = 40 % in each draft).
    assert_eq!(s["weakest"][0]["id"], "B");
    // Text output still lists the readable drafts.
    let o = pmprb(dir.path(), &["summary", dir.path().to_str().expect("utf8")]);
    let out = text(&o.stdout);
    assert!(
        out.contains("Dinas Pendidikan") && out.contains("70,08"),
        "{out}"
    );
    assert!(text(&o.stderr).contains("1 draf tidak dapat dibaca"));
}

#[test]
fn summary_groups_drafts_of_different_questionnaires_separately() {
    let dir = tempfile::tempdir().expect("tempdir");
    known(dir.path());
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    fs::write(
        dir.path().join("q2.toml"),
        src.replace("version = \"1\"", "version = \"2\""),
    )
    .expect("write");
    fs::write(
        dir.path().join("v2.toml"),
        KNOWN.replace(
            "questionnaire_version = \"1\"",
            "questionnaire_version = \"2\"\nquestionnaire_file = \"q2.toml\"",
        ),
    )
    .expect("write");
    let o = pmprb(
        dir.path(),
        &[
            "summary",
            dir.path().join("kominfo-2024.toml").to_str().expect("utf8"),
            dir.path().join("v2.toml").to_str().expect("utf8"),
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let names: Vec<&str> = v["stats"]["questionnaires"]
        .as_array()
        .expect("q")
        .iter()
        .map(|s| s["questionnaire"].as_str().expect("name"))
        .collect();
    assert_eq!(names, vec!["contoh 1", "contoh 2"]);
}

/// A unit keeps its own questionnaire file beside its drafts (`questionnaire_file`): the
/// folder's listings leave it out instead of calling it a damaged draft, and naming it
/// where a draft is expected says what it is.
#[test]
fn a_questionnaire_file_beside_the_drafts_is_not_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    fs::write(dir.path().join("lke-kota.toml"), src).expect("write");
    fs::write(
        dir.path().join("kominfo.toml"),
        KNOWN.replace(
            "questionnaire_version = \"1\"",
            "questionnaire_version = \"1\"\nquestionnaire_file = \"lke-kota.toml\"",
        ),
    )
    .expect("write");
    let folder = dir.path().to_str().expect("utf8");
    let o = pmprb(dir.path(), &["summary", folder, "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["unit"], "Dinas Komunikasi dan Informatika");

    let o = pmprb(dir.path(), &["drafts"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let listed = text(&o.stdout);
    assert!(listed.contains("kominfo.toml"), "{listed}");
    assert!(!listed.contains("lke-kota"), "{listed}");

    let q = dir.path().join("lke-kota.toml");
    let o = pmprb(dir.path(), &["score", q.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("berkas ini kuesioner, bukan draf penilaian")
            && err.contains("--questionnaire"),
        "{err}"
    );
    // Named on the command line it is a row with its reason, not left out.
    let o = pmprb(
        dir.path(),
        &["summary", q.to_str().expect("utf8"), "--json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        v["rows"][0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("kuesioner")),
        "{v}"
    );
    // And `check` still checks it as the questionnaire it is.
    let o = pmprb(dir.path(), &["check", q.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn diff_across_a_version_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = known(dir.path());
    // Version 2 drops B.b, adds B.c, and the new draft changes two answers.
    let src = pmprb::catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("contoh")
        .src;
    let v2 = src
        .replace("version = \"1\"", "version = \"2\"")
        .replace("id = \"B.b\"", "id = \"B.c\"");
    let v2: String = v2.split("[[example]]").next().expect("head").to_string();
    fs::write(dir.path().join("q2.toml"), v2).expect("write");
    let new = dir.path().join("kominfo-2025.toml");
    fs::write(
        &new,
        KNOWN
            .replace(
                "period = \"2024\"",
                "period = \"2025\"\nquestionnaire_file = \"q2.toml\"",
            )
            .replace(
                "questionnaire_version = \"1\"",
                "questionnaire_version = \"2\"",
            )
            .replace("value = \"B\"", "value = \"A\"")
            .replace("value = [3, 4]", "value = [4, 4]"),
    )
    .expect("write");
    let o = pmprb(
        dir.path(),
        &[
            "diff",
            old.to_str().expect("utf8"),
            new.to_str().expect("utf8"),
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    // Old 62.575 → 62.58. New: A.1.b A (+7.5), A.2.b 4/4 (+3.75) → 73.825 → 73.83.
    assert_eq!(v["index_old"], 62.58);
    assert_eq!(v["index_new"], 73.83);
    assert_eq!(v["index_change"], 11.25);
    assert_eq!(v["category_old"], "B");
    assert_eq!(v["category_new"], "BB");
    let qs = v["questions"].as_array().expect("questions");
    let ids: Vec<&str> = qs.iter().map(|q| q["id"].as_str().expect("id")).collect();
    assert_eq!(ids, vec!["A.1.b", "A.2.b"]);
    assert_eq!(qs[0]["old"], serde_json::json!({"value": "B"}));
    assert_eq!(qs[0]["new"], serde_json::json!({"value": "A"}));
    assert!((qs[0]["points_change"].as_f64().expect("pc") - 7.5).abs() < 1e-9);
    assert_eq!(v["added"], serde_json::json!(["B.c"]));
    assert_eq!(v["removed"], serde_json::json!(["B.b"]));
    let groups = v["groups"].as_array().expect("groups");
    let a = groups.iter().find(|g| g["id"] == "A").expect("A");
    assert!((a["change"].as_f64().expect("change") - 11.25).abs() < 1e-9);
    // The text form names the change too.
    let o = pmprb(
        dir.path(),
        &[
            "diff",
            old.to_str().expect("utf8"),
            new.to_str().expect("utf8"),
        ],
    );
    let out = text(&o.stdout);
    assert!(
        out.contains("62,58 → 73,83 (+11,25)") && out.contains("B → BB"),
        "{out}"
    );
    // The group table's headers are in the user's language.
    let header = out
        .lines()
        .find(|l| l.starts_with("id "))
        .expect("the group table");
    assert!(
        header.contains("lama") && header.contains("baru") && !header.contains("old"),
        "{out}"
    );
}

#[test]
fn finalize_is_blocked_until_complete_then_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = known(dir.path());
    let d = draft.to_str().expect("utf8");
    let o = pmprb(dir.path(), &["finalize", d, "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(e.contains("1 pertanyaan belum dijawab: B.b"), "{e}");
    // Complete it with an invalid answer: still blocked, and says why.
    fs::write(
        &draft,
        format!("{KNOWN}\n[answers.\"B.b\"]\nvalue = \"Z\"\n"),
    )
    .expect("write");
    let o = pmprb(dir.path(), &["finalize", d, "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("1 jawaban tidak sah: B.b"));
    // Without a terminal and without --yes it asks for --yes instead of guessing.
    fs::write(&draft, format!("{KNOWN}\n[answers.\"B.b\"]\nna = true\n")).expect("write");
    let o = pmprb(dir.path(), &["finalize", d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--yes"));
    let o = pmprb(dir.path(), &["finalize", d, "--yes"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let written = fs::read_to_string(&draft).expect("read");
    assert!(written.contains("status = \"final\""));
    assert!(
        written.contains("[[history]]\nevent = \"final\""),
        "{written}"
    );
    let o = pmprb(dir.path(), &["score", d]);
    assert!(text(&o.stdout).contains("(final)"));
    let o = pmprb(dir.path(), &["finalize", d, "--yes"]);
    assert!(text(&o.stdout).contains("sudah final"));
}

#[test]
fn finalize_refuses_a_locked_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let draft = known(dir.path());
    let _lock = pmprb::draft::lock::DraftLock::acquire(&draft).expect("lock");
    let o = pmprb(
        dir.path(),
        &["finalize", draft.to_str().expect("utf8"), "--yes"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("sedang dibuka untuk diubah oleh"),
        "{}",
        text(&o.stderr)
    );
}

/// A unit or period that looks like a formula comes out of `summary --csv` guarded and
/// quoted exactly as `report --format csv` writes it, so a spreadsheet shows it as text.
#[test]
fn summary_csv_guards_formulas_as_the_report_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rumus.toml");
    fs::write(
        &path,
        KNOWN
            .replace("\"Dinas Komunikasi dan Informatika\"", "\"=1+1\"")
            .replace(
                "period = \"2024\"",
                "period = '=HYPERLINK(\"http://x\";\"y\")'",
            ),
    )
    .expect("write");
    let p = path.to_str().expect("utf8");
    let unit = " =1+1";
    let period = "\" =HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"";

    let o = pmprb(dir.path(), &["report", p, "--format", "csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let report = text(&o.stdout);
    assert!(report.contains(&format!("Unit;{unit}\r\n")), "{report}");
    assert!(
        report.contains(&format!("Periode;{period}\r\n")),
        "{report}"
    );

    let o = pmprb(dir.path(), &["summary", p, "--csv"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let summary = text(&o.stdout);
    let row = summary.lines().nth(1).expect("a row");
    let fields: Vec<&str> = row.splitn(3, ';').collect();
    assert_eq!(fields[1], unit, "{summary}");
    assert!(fields[2].starts_with(&format!("{period};")), "{summary}");
}

/// The text roll-up shows a draft's status in the user's language.
#[test]
fn summary_text_shows_the_status_translated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = known(dir.path());
    let p = path.to_str().expect("utf8");
    let o = pmprb(dir.path(), &["summary", p]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let row = out
        .lines()
        .find(|l| l.starts_with("Dinas Komunikasi"))
        .expect("the row");
    assert!(row.contains(" draf ") && !row.contains("draft"), "{out}");
}
