//! Hostile input: the parsers return problems, never panic, on any bytes and any TOML;
//! nasty files (deep nesting, huge numbers, NaN, bad UTF-8, BOM, CRLF, NUL) and big ones
//! (100 000 questions, a 10 MB note, 50 levels, 100 000 orphaned answers, 100 000
//! problems) load or are refused with a message; the binary exits 0 or 1 on all of them,
//! never with a panic or a backtrace.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::Rng;
use pmprb::draft::{self, Draft};
use pmprb::i18n::Lang;
use pmprb::problem::{Problem, ProblemKind, Severity};
use pmprb::questionnaire::{Questionnaire, load_str};
use pmprb::{catalog, diagnostics, scoring, synth};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Helpers

/// Every problem points inside the file and renders in both languages.
fn problems_are_sound(src: &str, problems: &[Problem]) {
    for p in problems {
        if let Some(span) = &p.span {
            assert!(
                span.start <= span.end && span.end <= src.len(),
                "span {span:?} outside a file of {} bytes: {p:?}",
                src.len()
            );
        }
    }
    for lang in [Lang::Id, Lang::En] {
        let lines = diagnostics::render_all(lang, "f.toml", Some(src), problems);
        assert!(lines.len() <= diagnostics::MAX_SHOWN + 1);
    }
}

/// Loads a questionnaire: either it loads, or there is at least one error.
fn load_soundly(src: &str) -> Option<Questionnaire> {
    let r = load_str(src);
    problems_are_sound(src, &r.problems);
    if r.questionnaire.is_none() {
        assert!(r.errors() > 0, "refused without an error: {:?}", r.problems);
    }
    r.questionnaire
}

/// Parses a draft: either it parses, or there is at least one problem. A parsed draft
/// scores to a finite index on the 100-point scale against the sample questionnaire,
/// survives a save, and reads back the same.
fn parse_soundly(src: &str) -> Option<Draft> {
    match Draft::parse(src) {
        Ok(d) => {
            let q = contoh();
            let s = scoring::score(&q, &d.answers);
            for x in [s.index_exact, s.floor, s.ceiling] {
                assert!(
                    x.is_finite() && (-1e-9..=q.total + 1e-9).contains(&x),
                    "{x}"
                );
            }
            // Entries with nothing recorded are not written; everything else comes back.
            let again = Draft::parse(&d.to_toml()).expect("a saved draft reads back");
            let kept = d.answers.values().filter(|a| !a.is_empty()).count();
            assert_eq!(again.answers.len(), kept);
            Some(d)
        }
        Err(ps) => {
            assert!(!ps.is_empty());
            problems_are_sound(src, &ps);
            None
        }
    }
}

fn contoh() -> Questionnaire {
    catalog::find_embedded("contoh").expect("embedded sample questionnaire")
}

fn has_kind(problems: &[Problem], want: &ProblemKind) -> bool {
    problems.iter().any(|p| &p.kind == want)
}

fn pmprb(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(args)
        .env("PMPRB_HOME", home)
        .env("PMPRB_LANG", "en")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run pmprb")
}

/// Exit 0 or 1, nothing on stderr that looks like a panic.
fn exits_cleanly(o: &Output) -> i32 {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("RUST_BACKTRACE"),
        "panic: {}",
        err.chars().take(2000).collect::<String>()
    );
    let code = o.status.code().expect("exited, not killed by a signal");
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    code
}

/// Runs `check` and `score` on a file through the real binary.
fn binary_survives(name: &str, bytes: &[u8]) -> (i32, i32) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let p = path.to_str().expect("utf-8 path");
    let check = exits_cleanly(&pmprb(dir.path(), &["check", p]));
    let score = exits_cleanly(&pmprb(dir.path(), &["score", p]));
    (check, score)
}

const DRAFT_HEAD: &str =
    "schema = 1\nquestionnaire = \"contoh\"\nunit = \"Dinas\"\nperiod = \"2024\"\n";

fn questionnaire_with(body: &str) -> String {
    format!(
        "{}\n[[group]]\nid = \"A\"\ntitle = \"A\"\n\n[[question]]\nid = \"A.a\"\ntext = \"a\"\nscale = \"YT\"\n{body}",
        common::header(100.0)
    )
}

// ---------------------------------------------------------------------------------------
// Any bytes, any TOML

/// Pieces of TOML syntax and of the pmprb schema, glued at random into near-TOML.
const PIECES: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    " = ",
    ",",
    ".",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "#",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\\",
    "\\u0000",
    "\\uD800",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "é",
    "schema",
    "schema = 1\n",
    "questionnaire",
    "id",
    "version",
    "title",
    "scales",
    "kind",
    "choice",
    "percent",
    "number",
    "ratio",
    "options",
    "code",
    "score",
    "category",
    "above",
    "group",
    "question",
    "text",
    "scale",
    "weight",
    "na",
    "criteria",
    "predicate",
    "require",
    "example",
    "answers",
    "value",
    "note",
    "evidence",
    "flag",
    "updated",
    "history",
    "\"A\"",
    "\"A.I\"",
    "\"A.I.1\"",
    "\"Y\"",
    "YT",
    "0",
    "1",
    "-1",
    "1.5",
    "1e999",
    "-0.0",
    "nan",
    "+inf",
    "-inf",
    "0x7fffffffffffffff",
    "99999999999999999999",
    "true",
    "false",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "1979-05-27",
];

fn near_toml() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

/// Values that tend to break things.
fn nasty_value(rng: &mut Rng) -> toml::Value {
    use toml::Value as V;
    match rng.below(22) {
        0 => V::Integer(i64::MAX),
        1 => V::Integer(i64::MIN),
        2 => V::Integer(0),
        3 => V::Integer(-1),
        4 => V::Float(f64::NAN),
        5 => V::Float(f64::INFINITY),
        6 => V::Float(f64::NEG_INFINITY),
        7 => V::Float(1e308),
        8 => V::Float(-0.0),
        9 => V::Float(5e-324),
        10 => V::String(String::new()),
        11 => V::String("A".into()),
        12 => V::String("A.I.1".into()),
        13 => V::String("\u{0}\u{1b}[31m\u{202E}".into()),
        14 => V::String("x".repeat(5000)),
        15 => V::String("Y".into()),
        16 => V::Boolean(rng.chance(50)),
        17 => V::Array(Vec::new()),
        18 => V::Array(vec![V::Integer(0), V::Integer(0)]),
        19 => V::Table(toml::Table::new()),
        20 => V::String("85,5".into()),
        _ => V::Datetime("1979-05-27T07:32:00Z".parse().expect("datetime")),
    }
}

/// Every path to a value in a table, as keys and array indices.
fn paths(v: &toml::Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        toml::Value::Table(t) => {
            for (k, x) in t {
                here.push(Step::Key(k.clone()));
                out.push(here.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        toml::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Step::Index(i));
                out.push(here.clone());
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'v>(v: &'v mut toml::Value, path: &[Step]) -> Option<&'v mut toml::Value> {
    let mut cur = v;
    for s in path {
        cur = match (s, cur) {
            (Step::Key(k), toml::Value::Table(t)) => t.get_mut(k)?,
            (Step::Index(i), toml::Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// A valid document with a few random edits: values replaced by nasty ones, keys removed,
/// tables emptied, values wrapped in arrays. Returns TOML text, or `None` when the edited
/// value has no TOML form (e.g. a table inside a bare array of values).
fn mutate(valid: &str, seed: u64, edits: usize) -> Option<String> {
    let mut rng = Rng::new(seed);
    let mut doc = toml::Value::Table(toml::from_str(valid).expect("the base is valid TOML"));
    for _ in 0..edits {
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        if all.is_empty() {
            break;
        }
        let path = all[rng.below(all.len() as u64) as usize].clone();
        match rng.below(5) {
            0 => {
                let (last, parent) = path.split_last()?;
                match (at(&mut doc, parent)?, last) {
                    (toml::Value::Table(t), Step::Key(k)) => {
                        t.remove(k);
                    }
                    (toml::Value::Array(a), Step::Index(i)) => {
                        a.remove(*i);
                    }
                    _ => {}
                }
            }
            1 => {
                let slot = at(&mut doc, &path)?;
                *slot = toml::Value::Array(vec![slot.clone()]);
            }
            _ => *at(&mut doc, &path)? = nasty_value(&mut rng),
        }
    }
    toml::to_string(doc.as_table()?).ok()
}

fn valid_questionnaire() -> String {
    questionnaire_with(
        "criteria = { Y = \"ada\", T = \"tidak\" }\nguidance = \"lihat SK\"\nevidence = [\"SK\"]\n\n\
         [[question]]\nid = \"A.b\"\ntext = \"b\"\nscale = \"ipak\"\nna = true\nweight = 2\n\n\
         [[group]]\nid = \"B\"\ntitle = \"B\"\nweight = 3\n\n\
         [[question]]\nid = \"B.a\"\ntext = \"c\"\nscale = \"rasio\"\nnumerator = \"n\"\ndenominator = \"d\"\n\n\
         [[predicate]]\ncode = \"WBK\"\nrequire = [{ min_index = 10 }, { nodes = [\"A\"], min_percent = 50 }]\n\n\
         [[example]]\nname = \"semua\"\nindex = 100.0\ncategory = \"AA\"\npredicates = { WBK = true }\n\
         [example.answers]\n\"A.a\" = \"Y\"\n\"A.b\" = { value = 4 }\n\"B.a\" = { value = [1, 1] }\n",
    )
}

fn valid_draft() -> String {
    format!(
        "{DRAFT_HEAD}assessor = \"Budi\"\nstatus = \"draft\"\ncreated = 2024-06-02T09:00:00+07:00\n\
         updated = 2024-06-02T10:15:00+07:00\nsesuatu = {{ baru = [1, 2] }}\n\n\
         [[history]]\nevent = \"final\"\nby = \"Budi\"\nat = 2024-06-03T09:00:00+07:00\n\n\
         [answers.\"A.1.a\"]\nvalue = \"Y\"\nnote = \"\"\"\nada SK\n\"\"\"\nevidence = [\"sk.pdf\"]\nflag = true\n\
         updated = 2024-06-02T09:05:00+07:00\n\n[answers.\"A.2.a\"]\nvalue = \"85,5\"\n\n\
         [answers.\"A.2.b\"]\nvalue = [3, 4]\n\n[answers.\"B.b\"]\nna = true\n\n[answers.\"Z.9\"]\nvalue = 1\n"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_problems_not_panics(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        let text = String::from_utf8_lossy(&bytes);
        load_soundly(&text);
        parse_soundly(&text);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.toml");
        std::fs::write(&path, &bytes).expect("write");
        match draft::read_text(&path) {
            Ok(s) => {
                prop_assert_eq!(s.as_bytes(), &bytes[..]);
                parse_soundly(&s);
            }
            Err(p) => {
                let is_not_utf8 = matches!(p.kind, ProblemKind::NotUtf8 { .. });
                prop_assert!(is_not_utf8, "{:?}", p);
                prop_assert!(std::str::from_utf8(&bytes).is_err());
            }
        }
    }

    #[test]
    fn near_toml_gives_problems_not_panics(text in near_toml()) {
        load_soundly(&text);
        parse_soundly(&text);
        let with_head = format!("{DRAFT_HEAD}{text}");
        parse_soundly(&with_head);
        load_soundly(&format!("{}{text}", common::header(100.0)));
    }

    #[test]
    fn edited_questionnaires_load_or_say_why(seed in any::<u64>(), edits in 1usize..5) {
        // What loads also scores, with every example's own answers.
        if let Some(q) = mutate(&valid_questionnaire(), seed, edits).and_then(|src| load_soundly(&src)) {
            for ex in &q.examples {
                let s = scoring::score(&q, &ex.answers);
                prop_assert!(s.index_exact.is_finite());
            }
        }
    }

    #[test]
    fn edited_drafts_parse_or_say_why(seed in any::<u64>(), edits in 1usize..5) {
        if let Some(src) = mutate(&valid_draft(), seed, edits) {
            parse_soundly(&src);
        }
    }
}

#[test]
fn random_files_through_the_binary() {
    let mut rng = Rng::new(20261129);
    for case in 0..12 {
        let bytes: Vec<u8> = (0..rng.below(600)).map(|_| rng.next() as u8).collect();
        binary_survives("acak.toml", &bytes);
        let pieces: String = (0..rng.below(80))
            .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
            .collect();
        binary_survives("hampir.toml", format!("{DRAFT_HEAD}{pieces}").as_bytes());
        if let Some(q) = mutate(&valid_questionnaire(), case, 3) {
            binary_survives("kuesioner.toml", q.as_bytes());
        }
        if let Some(d) = mutate(&valid_draft(), case, 3) {
            binary_survives("draf.toml", d.as_bytes());
        }
    }
}

#[test]
fn the_bases_of_the_edits_are_valid() {
    assert!(load_soundly(&valid_questionnaire()).is_some());
    let d = parse_soundly(&valid_draft()).expect("valid draft");
    assert_eq!(d.answers.len(), 5);
}

// ---------------------------------------------------------------------------------------
// Nasty cases by hand

fn deep_cases() -> Vec<(&'static str, String)> {
    let n = 10_000;
    vec![
        (
            "arrays",
            format!("x = {}{}\n", "[".repeat(n), "]".repeat(n)),
        ),
        ("unclosed arrays", format!("x = {}\n", "[".repeat(n))),
        (
            "inline tables",
            format!("x = {}1{}\n", "{ a = ".repeat(n), " }".repeat(n)),
        ),
        (
            "mixed",
            format!("x = {}1{}\n", "[{ a = ".repeat(n), " }]".repeat(n)),
        ),
        ("dotted key", format!("{} = 1\n", vec!["a"; n].join("."))),
        (
            "table header",
            format!("[{}]\nx = 1\n", vec!["a"; n].join(".")),
        ),
        (
            "array of tables header",
            format!("[[{}]]\nx = 1\n", vec!["a"; n].join(".")),
        ),
        (
            "inline dotted key",
            format!("x = {{ {} = 1 }}\n", vec!["a"; n].join(".")),
        ),
    ]
}

#[test]
fn deep_nesting_is_refused_with_a_clear_message() {
    for (what, body) in deep_cases() {
        for (src, a_draft) in [
            (format!("{}{body}", common::header(100.0)), false),
            (format!("{DRAFT_HEAD}{body}"), true),
        ] {
            let r = load_str(&src);
            assert!(r.questionnaire.is_none(), "{what}");
            problems_are_sound(&src, &r.problems);
            let ps = Draft::parse(&src).expect_err(what);
            problems_are_sound(&src, &ps);
            if !a_draft {
                // Its root keys say questionnaire before anything is parsed.
                assert_eq!(ps, [Problem::error(None, ProblemKind::NotADraft)], "{what}");
            }
            let ps = if a_draft { ps } else { r.problems.clone() };
            assert!(
                has_kind(&r.problems, &ProblemKind::TooDeep)
                    && has_kind(&ps, &ProblemKind::TooDeep),
                "{what}: {:?}",
                r.problems.iter().chain(&ps).take(3).collect::<Vec<_>>()
            );
            assert_eq!(
                ps.iter().filter(|p| p.kind == ProblemKind::TooDeep).count(),
                1,
                "{what}: said once"
            );
        }
    }
    let id = Lang::Id.problem(&ProblemKind::TooDeep);
    let en = Lang::En.problem(&ProblemKind::TooDeep);
    assert!(id.contains("terlalu dalam"), "{id}");
    assert!(en.contains("too deeply"), "{en}");
}

#[test]
fn deep_nesting_through_the_binary_says_so_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dalam.toml");
    std::fs::write(&path, format!("{DRAFT_HEAD}x = {}\n", "[".repeat(100_000))).expect("write");
    let p = path.to_str().expect("utf-8 path");
    let o = pmprb(dir.path(), &["score", p]);
    assert_eq!(exits_cleanly(&o), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("dalam.toml:5:") && err.contains("nested too deeply"),
        "{err}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_pmprb"))
        .args(["check", p])
        .env("PMPRB_HOME", dir.path())
        .env("PMPRB_LANG", "id")
        .output()
        .expect("run pmprb");
    assert_eq!(exits_cleanly(&o), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("bersarang terlalu dalam"));
}

#[test]
fn a_few_levels_of_nesting_in_unknown_fields_are_kept() {
    let depth = 20;
    let extra = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let src = format!(
        "{DRAFT_HEAD}extra = {extra}\n[answers.\"A.1.a\"]\nvalue = \"Y\"\nlain = {{ a = {{ b = {extra} }} }}\n"
    );
    let d = parse_soundly(&src).expect("parses");
    let again = Draft::parse(&d.to_toml()).expect("reads back");
    assert_eq!(again, d);
    assert!(d.extra.contains_key("extra"));
    assert!(d.answers["A.1.a"].extra.contains_key("lain"));
}

#[test]
fn huge_integers_and_special_floats_are_refused_or_read() {
    let numbers = [
        "99999999999999999999999",
        "-9223372036854775809",
        "9223372036854775807",
        "-9223372036854775808",
        "0x7fffffffffffffff",
        "0o777",
        "0b101",
        "1e400",
        "-1e400",
        "1e-400",
        "nan",
        "+nan",
        "-nan",
        "inf",
        "+inf",
        "-inf",
        "-0.0",
        "1_000",
    ];
    for x in numbers {
        // Every number field of a questionnaire.
        for src in [
            format!("schema = {x}\nid = \"x\"\nversion = \"1\"\ntitle = \"x\"\n"),
            questionnaire_with(&format!("weight = {x}\n")),
            questionnaire_with(&format!(
                "\n[[example]]\nname = \"e\"\nindex = {x}\ncategory = \"AA\"\n"
            )),
            questionnaire_with(&format!(
                "\n[[example]]\nname = \"e\"\nindex = 0\ncategory = \"D\"\n[example.answers]\n\"A.a\" = {x}\n"
            )),
            common::header(100.0).replace("total = 100", &format!("total = {x}")),
            common::header(100.0).replace("min = 1", &format!("min = {x}")),
            common::header(100.0).replace("max = 4", &format!("max = {x}")),
            common::header(100.0).replace("score = 0.67", &format!("score = {x}")),
            common::header(100.0).replace("above = 90", &format!("above = {x}")),
        ] {
            load_soundly(&src);
        }
        // Answers on every kind of scale, and the draft's own number fields.
        for id in ["A.1.a", "A.1.b", "A.2.a", "A.2.b", "B.a", "B.b"] {
            for value in [
                x.to_string(),
                format!("[{x}, {x}]"),
                format!("[1, {x}]"),
                format!("[{x}, 1]"),
            ] {
                let src = format!("{DRAFT_HEAD}[answers.\"{id}\"]\nvalue = {value}\n");
                let d = parse_soundly(&src);
                // Where the TOML itself is valid, bad numbers are kept (SPEC §2.7) and
                // never turn into a NaN index.
                if toml::from_str::<toml::Table>(&src).is_ok() {
                    let d = d.unwrap_or_else(|| panic!("{value} on {id}: the draft is read"));
                    assert!(d.answers.contains_key(id), "{value} on {id}: kept");
                    let s = scoring::score(&contoh(), &d.answers);
                    assert!(s.index_exact.is_finite(), "{value} on {id}");
                }
            }
        }
        parse_soundly(&format!(
            "schema = {x}\nquestionnaire = \"contoh\"\nunit = \"u\"\nperiod = \"p\"\n"
        ));
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rusak.toml");
    let mut bytes = DRAFT_HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"[answers.\"A.1.a\"]\nnote = \"ab\xff\xfe\"\n");
    std::fs::write(&path, &bytes).expect("write");
    let p = draft::read_text(&path).expect_err("not UTF-8");
    assert_eq!(p.kind, ProblemKind::NotUtf8 { line: 6, col: 11 });
    let (check, score) = binary_survives("rusak.toml", &bytes);
    assert_eq!((check, score), (1, 1));
    let o = pmprb(dir.path(), &["score", path.to_str().expect("utf-8 path")]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("rusak.toml:6:11:"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read() {
    let lke = catalog::embedded()
        .find(|e| e.file == "contoh.toml")
        .expect("embedded sample")
        .src;
    let draft = valid_draft();
    for (what, q, d) in [
        ("bom", format!("\u{FEFF}{lke}"), format!("\u{FEFF}{draft}")),
        (
            "crlf",
            lke.replace('\n', "\r\n"),
            draft.replace('\n', "\r\n"),
        ),
        (
            "both",
            format!("\u{FEFF}{}", lke.replace('\n', "\r\n")),
            format!("\u{FEFF}{}", draft.replace('\n', "\r\n")),
        ),
    ] {
        let loaded = load_soundly(&q).unwrap_or_else(|| panic!("{what}: questionnaire loads"));
        assert_eq!(loaded.questions.len(), contoh().questions.len(), "{what}");
        let parsed = parse_soundly(&d).unwrap_or_else(|| panic!("{what}: draft parses"));
        assert_eq!(parsed.answers.len(), 5, "{what}");
        assert_eq!(parsed.answers["A.1.a"].note.trim_end(), "ada SK", "{what}");
        assert_eq!(binary_survives("q.toml", q.as_bytes()).0, 0, "{what}");
        assert_eq!(binary_survives("d.toml", d.as_bytes()), (0, 0), "{what}");
    }
    // Positions count CRLF lines as lines.
    let src = format!("{DRAFT_HEAD}status = \"selesai\"\n").replace('\n', "\r\n");
    let ps = Draft::parse(&src).expect_err("unknown status");
    let line = diagnostics::render(Lang::En, "d.toml", Some(&src), &ps[0]);
    assert!(line.starts_with("d.toml:5:10: "), "{line}");
}

#[test]
fn nul_bytes_are_refused_not_read() {
    for src in [
        format!("{DRAFT_HEAD}\u{0}"),
        format!("{DRAFT_HEAD}[answers.\"A\u{0}\"]\nvalue = \"Y\"\n"),
        format!("{DRAFT_HEAD}[answers.\"A.1.a\"]\nnote = \"a\u{0}b\"\n"),
        format!("{DRAFT_HEAD}[answers.\"A.1.a\"]\nnote = '''a\u{0}b'''\n"),
        format!("{DRAFT_HEAD}# komentar \u{0}\n"),
        format!("{DRAFT_HEAD}{}", "\u{0}".repeat(10_000)),
    ] {
        assert!(parse_soundly(&src).is_none(), "{src:?}");
        assert!(load_soundly(&src).is_none());
        assert_eq!(binary_survives("nul.toml", src.as_bytes()), (1, 1));
    }
    // Escaped, a NUL is just a character of the note, kept and saved escaped.
    let d = parse_soundly(&format!(
        "{DRAFT_HEAD}[answers.\"A.1.a\"]\nnote = \"a\\u0000b\"\n"
    ))
    .expect("an escaped NUL is valid TOML");
    assert_eq!(d.answers["A.1.a"].note, "a\u{0}b");
}

// ---------------------------------------------------------------------------------------
// Big inputs

#[test]
fn a_questionnaire_of_100_000_questions_loads_and_scores() {
    let src = synth::questionnaire_toml(100_000);
    let q = load_soundly(&src).expect("loads");
    assert_eq!(q.questions.len(), 100_000);
    let d = synth::draft(&q, 3);
    let s = scoring::score(&q, &d.answers);
    assert_eq!(s.answered, d.answers.len());
    assert!(s.orphaned.is_empty() && s.invalid.is_empty());
    assert!(s.index_exact > 0.0 && s.index_exact < q.total);
}

#[test]
fn a_questionnaire_of_100_000_questions_through_the_binary() {
    let q = synth::questionnaire_toml(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("besar.toml"), &q).expect("write");
    let draft = "schema = 1\nquestionnaire = \"sintetis\"\nquestionnaire_file = \"besar.toml\"\nunit = \"u\"\n\
                 period = \"p\"\n[answers.\"A.I.1.0.0\"]\nvalue = \"Y\"\n";
    std::fs::write(dir.path().join("draf.toml"), draft).expect("write");
    let q_path = dir.path().join("besar.toml");
    let o = pmprb(dir.path(), &["check", q_path.to_str().expect("utf-8")]);
    assert_eq!(exits_cleanly(&o), 0);
    let d_path = dir.path().join("draf.toml");
    let o = pmprb(
        dir.path(),
        &["score", "--json", d_path.to_str().expect("utf-8")],
    );
    assert_eq!(exits_cleanly(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["questions"], 100_000);
    assert_eq!(v["answered"], 1);
}

/// Large files are read a section at a time (src/tomlread/pieces.rs); a problem deep in
/// one still names its own line and column, and a syntax error there still gets TOML's
/// own message at its place.
#[test]
fn problems_deep_in_a_large_file_name_their_line() {
    let line_of = |src: &str, needle: &str| {
        let at = src.rfind(needle).expect("the needle is in the file");
        pmprb::text::line_col(src, at)
    };
    let mut src = synth::questionnaire_toml(3_000);
    assert!(src.len() > 512 * 1024, "large enough to be cut");
    src.push_str(
        "\n[[question]]\nid = \"A.I.1.0.9999\"\ntext = \"Akhir\"\nscale = \"TIDAK-ADA\"\n\
         keliru = 1\n",
    );
    let r = load_str(&src);
    problems_are_sound(&src, &r.problems);
    let found: Vec<_> = r
        .problems
        .iter()
        .map(|p| {
            let at = p.span.as_ref().expect("a position").start;
            (pmprb::text::line_col(&src, at), &p.kind)
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|(lc, k)| *lc == line_of(&src, "\"TIDAK-ADA\"")
                && matches!(k, ProblemKind::UnknownScale { .. })),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(lc, k)| *lc == line_of(&src, "keliru")
            && matches!(k, ProblemKind::UnknownField { .. })),
        "{found:?}"
    );

    let mut broken = synth::questionnaire_toml(3_000);
    broken.push_str("\n[[question]]\nid = \n");
    let r = load_str(&broken);
    assert_eq!(r.errors(), 1, "{:?}", r.problems);
    let at = r.problems[0].span.as_ref().expect("a position").start;
    assert_eq!(
        pmprb::text::line_col(&broken, at).0,
        line_of(&broken, "id = \n").0
    );
    assert!(matches!(r.problems[0].kind, ProblemKind::Syntax(_)));

    // A large draft, too.
    let q = load_soundly(&synth::questionnaire_toml(3_000)).expect("loads");
    let mut d = synth::draft(&q, 1).to_toml();
    assert!(d.len() > 512 * 1024, "large enough to be cut");
    d.push_str("[answers.\"Z.1\"]\nflag = \"ya\"\n");
    let problems = Draft::parse(&d).expect_err("a flag must be true or false");
    assert_eq!(problems.len(), 1);
    let at = problems[0].span.as_ref().expect("a position").start;
    assert_eq!(pmprb::text::line_col(&d, at), line_of(&d, "\"ya\""));
}

#[test]
fn a_10_mb_note_is_read_scored_and_saved() {
    let note: String =
        "Penjelasan panjang, baris demi baris. 0123456789\n".repeat(10 * 1024 * 1024 / 48);
    let src = format!("{DRAFT_HEAD}[answers.\"A.1.a\"]\nvalue = \"Y\"\nnote = '''\n{note}'''\n");
    assert!(src.len() > 10 * 1024 * 1024);
    let d = parse_soundly(&src).expect("parses");
    assert_eq!(d.answers["A.1.a"].note, note);
    let (check, score) = binary_survives("catatan.toml", src.as_bytes());
    assert_eq!((check, score), (0, 0));
    // On one line, with every character escaped, too.
    let one_line = format!(
        "{DRAFT_HEAD}[answers.\"A.1.a\"]\nnote = \"{}\"\n",
        "\\u0041\\t".repeat(10 * 1024 * 1024 / 8)
    );
    let d = parse_soundly(&one_line).expect("parses");
    assert_eq!(d.answers["A.1.a"].note.len(), 2 * 10 * 1024 * 1024 / 8);
}

#[test]
fn fifty_levels_of_groups_load_score_and_print() {
    let mut body = String::new();
    let mut id = String::from("A");
    for level in 1..50 {
        body.push_str(&format!(
            "\n[[group]]\nid = \"{id}\"\ntitle = \"Tingkat {level}\"\n"
        ));
        id.push_str(".1");
    }
    body.push_str(&format!(
        "\n[[question]]\nid = \"{id}\"\ntext = \"Terdalam\"\nscale = \"YT\"\n"
    ));
    let src = format!("{}{body}", common::header(100.0));
    let q = load_soundly(&src).expect("loads");
    let deepest = q.node(&id).expect("the deepest question");
    assert_eq!(id.split('.').count(), 50);
    assert_eq!(deepest.depth, 49);
    let d =
        parse_soundly(&format!("{DRAFT_HEAD}[answers.\"{id}\"]\nvalue = \"Y\"\n")).expect("parses");
    assert_eq!(scoring::score(&q, &d.answers).index, 100.0);

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("dalam.toml"), &src).expect("write");
    let draft = format!(
        "schema = 1\nquestionnaire = \"uji\"\nquestionnaire_file = \"dalam.toml\"\nunit = \"u\"\nperiod = \"p\"\n\
         [answers.\"{id}\"]\nvalue = \"Y\"\n"
    );
    std::fs::write(dir.path().join("draf.toml"), draft).expect("write");
    let d_path = dir.path().join("draf.toml");
    let d_path = d_path.to_str().expect("utf-8");
    for args in [
        vec!["score", d_path],
        vec!["score", "--depth", "60", d_path],
        vec!["check", d_path],
        vec!["report", d_path, "--format", "md"],
        vec!["report", d_path, "--format", "csv"],
        vec!["report", d_path, "--format", "json"],
    ] {
        assert_eq!(exits_cleanly(&pmprb(dir.path(), &args)), 0, "{args:?}");
    }
}

#[test]
fn a_draft_with_100_000_orphaned_answers_keeps_and_reports_them_all() {
    let mut src = String::from(DRAFT_HEAD);
    for i in 0..100_000 {
        src.push_str(&format!("[answers.\"Z.{i}\"]\nvalue = \"Y\"\n"));
    }
    let d = parse_soundly(&src).expect("parses");
    assert_eq!(d.answers.len(), 100_000);
    let s = scoring::score(&contoh(), &d.answers);
    assert_eq!(s.orphaned.len(), 100_000);
    assert_eq!(s.orphaned[99_999], "Z.99999");
    assert_eq!(s.answered, 0);

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("yatim.toml");
    std::fs::write(&path, &src).expect("write");
    let p = path.to_str().expect("utf-8");
    assert_eq!(exits_cleanly(&pmprb(dir.path(), &["check", p])), 0);
    let o = pmprb(dir.path(), &["score", "--json", p]);
    assert_eq!(exits_cleanly(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["orphaned"].as_array().map(Vec::len), Some(100_000));
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("raksasa.toml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(draft::MAX_FILE_BYTES + 1)
        .expect("a sparse file");
    let p = draft::read_text(&path).expect_err("too large");
    assert!(matches!(p.kind, ProblemKind::TooLarge { .. }), "{p:?}");
    let o = pmprb(dir.path(), &["check", path.to_str().expect("utf-8")]);
    assert_eq!(exits_cleanly(&o), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("too large"));
}

#[test]
fn a_hundred_thousand_problems_are_counted_not_all_printed() {
    // Every question has the same id, and an unknown field: two problems each.
    let mut body = String::from("\n[[group]]\nid = \"A\"\ntitle = \"A\"\n");
    for _ in 0..50_001 {
        body.push_str("\n[[question]]\nid = \"A.a\"\ntext = \"a\"\nscale = \"YT\"\nwieght = 2\n");
    }
    let src = format!("{}{body}", common::header(100.0));
    let r = load_str(&src);
    assert!(r.questionnaire.is_none());
    assert!(r.problems.len() >= 100_000, "{}", r.problems.len());
    let errors = r.errors();

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kacau.toml");
    std::fs::write(&path, &src).expect("write");
    let o = pmprb(dir.path(), &["check", path.to_str().expect("utf-8")]);
    assert_eq!(exits_cleanly(&o), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        diagnostics::MAX_SHOWN + 2,
        "{}",
        lines[..5].join("\n")
    );
    // Errors are shown before warnings, and the rest are counted.
    assert!(
        lines[..diagnostics::MAX_SHOWN]
            .iter()
            .all(|l| l.contains(": error: "))
    );
    assert!(lines[diagnostics::MAX_SHOWN].contains(&format!(
        "{} more problems not shown",
        r.problems.len() - diagnostics::MAX_SHOWN
    )));
    assert!(lines[diagnostics::MAX_SHOWN + 1].contains(&format!("{errors} errors")));
    // The first duplicate names the line of the first use.
    assert!(lines[0].contains("already used on line"), "{}", lines[0]);
}

#[test]
fn every_problem_is_an_error_or_a_warning_never_silence() {
    // A file that is all wrong types: each field gets its problem, none is dropped.
    let src = "schema = \"1\"\nid = 1\nversion = 1\ntitle = []\ntotal = \"100\"\nscales = 1\ncategory = 1\ngroup = 1\nquestion = {}\n";
    let r = load_str(src);
    assert!(
        r.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
            >= 8
    );
    problems_are_sound(src, &r.problems);
}
