//! The draft: one unit's answers for one period, kept as a plain TOML file (SPEC §3).

mod format;
pub mod home;
pub mod lock;
pub mod store;

use std::path::{Path, PathBuf};

use toml::de::DeValue;
use toml::value::Datetime;

use crate::answer::{self, Answers};
use crate::problem::{Problem, ProblemKind};
use crate::tomlread::pieces::{self, Section};
use crate::tomlread::{self, Fields};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Final,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub questionnaire: String,
    pub questionnaire_version: String,
    /// A questionnaire file, relative to the draft's folder; else an embedded id is used.
    pub questionnaire_file: Option<String>,
    pub unit: String,
    pub period: String,
    pub assessor: Option<String>,
    pub status: Status,
    pub created: Option<Datetime>,
    pub updated: Option<Datetime>,
    /// Who finalized or reopened the draft, and when, oldest first.
    pub history: Vec<Event>,
    pub answers: Answers,
    /// Top-level fields this version does not understand, kept for the next save.
    pub extra: toml::Table,
}

/// A change of status, kept in the draft as `[[history]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// "final" or "reopen".
    pub event: String,
    pub by: String,
    pub at: Option<Datetime>,
}

/// A TOML value written inline, as it would appear in a draft (`"A"`, `[3, 4]`).
pub fn inline_value(v: &toml::Value) -> String {
    format::inline(v)
}

/// Who is at the keyboard: the draft's assessor, else the login name.
pub fn who(d: &Draft) -> String {
    d.assessor
        .clone()
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(login_name)
}

/// The login name from the environment (`USER`, `LOGNAME`, `USERNAME`), or "?".
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| crate::text::clean_line(&v).trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "?".into())
}

/// Files larger than this are refused before parsing: no real draft or questionnaire comes
/// near it, and it keeps memory bounded on a hostile file.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

impl Draft {
    pub fn new(questionnaire: &str, version: &str, unit: &str, period: &str) -> Draft {
        let now = now();
        Draft {
            questionnaire: questionnaire.to_string(),
            questionnaire_version: version.to_string(),
            questionnaire_file: None,
            unit: unit.to_string(),
            period: period.to_string(),
            assessor: None,
            status: Status::Draft,
            created: Some(now),
            updated: Some(now),
            history: Vec::new(),
            answers: Answers::new(),
            extra: toml::Table::new(),
        }
    }

    /// Parses a draft, reporting every problem with its position.
    pub fn parse(src: &str) -> Result<Draft, Vec<Problem>> {
        if is_questionnaire_text(src) {
            return Err(vec![Problem::error(None, ProblemKind::NotADraft)]);
        }
        if src.len() >= pieces::FROM_SIZE
            && let Some(r) = parse_in_pieces(src)
        {
            return r;
        }
        let doc = tomlread::parse(src)?;
        read(doc.get_ref(), doc.span(), None)
    }

    /// The draft as TOML text, in a stable order that reads well in a diff.
    pub fn to_toml(&self) -> String {
        format::write(self)
    }

    /// Where the questionnaire file named by the draft lies, if it names one.
    pub fn questionnaire_path(&self, draft_path: &Path) -> Option<PathBuf> {
        let file = self.questionnaire_file.as_ref()?;
        let dir = draft_path.parent().unwrap_or(Path::new("."));
        Some(dir.join(file))
    }

    pub fn touch(&mut self) {
        self.updated = Some(now());
    }

    /// Marks the draft final and records who and when.
    pub fn finalize(&mut self, by: &str) {
        self.status = Status::Final;
        self.record("final", by);
    }

    /// Opens a final draft for changes again, recording who and when.
    pub fn reopen(&mut self, by: &str) {
        self.status = Status::Draft;
        self.record("reopen", by);
    }

    fn record(&mut self, event: &str, by: &str) {
        let at = now();
        self.history.push(Event {
            event: event.to_string(),
            by: crate::text::clean_line(by),
            at: Some(at),
        });
        self.updated = Some(at);
    }
}

/// Whether `src` is a questionnaire rather than a draft: its root keys name an `id` and no
/// `questionnaire`. Only the root keys are read (they come before the first table header),
/// so a large questionnaire is never parsed whole to find out.
pub fn is_questionnaire_text(src: &str) -> bool {
    match toml::de::DeTable::parse(pieces::root_section(src)) {
        Ok(root) => {
            let root = root.get_ref();
            root.contains_key("id") && !root.contains_key("questionnaire")
        }
        Err(_) => false,
    }
}

/// Whether the file at `path` is a questionnaire (see [`is_questionnaire_text`]), reading at
/// most its first 64 KB. False when that cannot be told: the file is then read as a draft,
/// which reports what is wrong with it.
pub fn is_questionnaire_file(path: &Path) -> bool {
    use std::io::Read;
    const HEAD: u64 = 64 * 1024;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = match std::str::from_utf8(&head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    let root = pieces::root_section(text);
    // With no header in the part read, the root may go on past it.
    let whole_root = root.len() < text.len() || (head.len() as u64) < HEAD;
    whole_root && is_questionnaire_text(root)
}

const ANSWERS: [Section; 1] = [Section {
    key: "answers",
    array: false,
}];

/// Every `[answers."id"]` parsed on its own, then the rest of the file. `None` when the file
/// has a syntax error or a shape the cut does not handle: the whole file is then parsed as
/// one document, which reports exactly what it would have.
fn parse_in_pieces(src: &str) -> Option<Result<Draft, Vec<Problem>>> {
    let split = pieces::split(src, &ANSWERS)?;
    if split.pieces.is_empty() {
        return None;
    }
    let rest = tomlread::parse(&split.rest).ok()?;
    if rest.get_ref().contains_key("answers") {
        return None;
    }
    let mut p = Vec::new();
    let mut answers = Answers::with_capacity(split.pieces.len());
    for piece in &split.pieces {
        let doc = pieces::parse_piece(src, piece)?;
        let (k, v) = pieces::table_entry(&doc, "answers")?;
        let DeValue::Table(at) = v.get_ref() else {
            return None;
        };
        let before = p.len();
        let a = answer::read(at, v.span(), &mut p);
        pieces::shift_problems(&mut p[before..], piece.range.start);
        // The same answer twice is TOML's own error: the whole parse reports it.
        if answers.insert(k.get_ref().to_string(), a).is_some() {
            return None;
        }
    }
    Some(read(rest.get_ref(), rest.span(), Some((answers, p))))
}

/// Reads a draft's root table. `pre_read`: the answers already read one at a time (and their
/// problems), when the root is the rest of a file cut into pieces.
fn read(
    root: &toml::de::DeTable<'_>,
    root_span: tomlread::Span,
    pre_read: Option<(Answers, Vec<Problem>)>,
) -> Result<Draft, Vec<Problem>> {
    let mut p = Vec::new();
    let mut f = Fields::new(root, root_span, &mut p);
    f.schema();
    let questionnaire = f.req_str("questionnaire").map(|s| s.0);
    let questionnaire_version = f
        .opt_str("questionnaire_version")
        .map(|s| s.0)
        .unwrap_or_default();
    let questionnaire_file = f.opt_str("questionnaire_file").map(|s| s.0);
    let unit = f.req_str("unit").map(|s| s.0);
    let period = f.req_str("period").map(|s| s.0);
    let assessor = f.opt_str("assessor").map(|s| s.0);
    let status = match f.opt_str("status") {
        None => Status::Draft,
        Some((s, _)) if s == "draft" => Status::Draft,
        Some((s, _)) if s == "final" => Status::Final,
        Some((s, span)) => {
            f.problems().push(Problem::error(
                Some(span),
                ProblemKind::UnknownStatus { status: s },
            ));
            Status::Draft
        }
    };
    let created = f.opt_datetime("created");
    let updated = f.opt_datetime("updated");
    let history = read_history(&mut f);
    let mut answers = Answers::new();
    if let Some((read_answers, problems)) = pre_read {
        answers = read_answers;
        f.problems().extend(problems);
    }
    if let Some((t, _)) = f.opt_table("answers") {
        for (k, v) in t.iter() {
            match v.get_ref() {
                DeValue::Table(at) => {
                    let a = answer::read(at, v.span(), f.problems());
                    answers.insert(k.get_ref().to_string(), a);
                }
                other => {
                    let found = tomlread::type_name(other);
                    f.problems().push(Problem::error(
                        Some(v.span()),
                        ProblemKind::WrongType {
                            field: format!("answers.{}", k.get_ref()),
                            expected: "table",
                            found,
                        },
                    ));
                }
            }
        }
    }
    let extra = f.keep_unused();
    if !p.is_empty() {
        return Err(p);
    }
    Ok(Draft {
        questionnaire: questionnaire.unwrap_or_default(),
        questionnaire_version,
        questionnaire_file,
        unit: unit.unwrap_or_default(),
        period: period.unwrap_or_default(),
        assessor,
        status,
        created,
        updated,
        history,
        answers,
        extra,
    })
}

fn read_history(f: &mut Fields<'_, '_, '_>) -> Vec<Event> {
    let Some(tables) = f.opt_tables("history") else {
        return Vec::new();
    };
    tables
        .items
        .into_iter()
        .map(|(t, span)| {
            let mut hf = Fields::new(t, span, f.problems());
            let event = hf.opt_str("event").map(|s| s.0).unwrap_or_default();
            let by = hf.opt_str("by").map(|s| s.0).unwrap_or_default();
            let at = hf.opt_datetime("at");
            Event { event, by, at }
        })
        .collect()
}

/// The current local time as a TOML datetime with offset, to the second.
pub fn now() -> Datetime {
    let s = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    s.parse().unwrap_or(Datetime {
        date: None,
        time: None,
        offset: None,
    })
}

/// Reads a file as UTF-8 text, refusing huge files and reporting the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    use std::io::Read;
    let file = std::fs::File::open(path)
        .map_err(|e| Problem::error(None, ProblemKind::Io(e.to_string())))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::error(None, ProblemKind::Io(e.to_string())))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::error(
            None,
            ProblemKind::TooLarge {
                bytes: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
        let (line, col) = crate::text::line_col(valid, at);
        Problem::error(None, ProblemKind::NotUtf8 { line, col })
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tomlread::pieces::testing;

    fn whole(src: &str) -> String {
        let r = tomlread::parse(src).and_then(|doc| read(doc.get_ref(), doc.span(), None));
        format!("{r:?}")
    }

    fn in_pieces_or_whole(src: &str) -> String {
        match parse_in_pieces(src) {
            Some(r) => format!("{r:?}"),
            None => whole(src),
        }
    }

    fn sources() -> Vec<String> {
        let src = crate::synth::questionnaire_toml(30);
        let q = crate::questionnaire::load_str(&src)
            .questionnaire
            .expect("the synthetic questionnaire loads");
        let mut d = crate::synth::draft(&q, 2);
        d.finalize("Budi");
        let mut v = vec![d.to_toml()];
        v.push(
            "schema = 1\nquestionnaire = \"contoh\"\nunit = \"U\"\nperiod = \"2024\"\n\
             kept = { a = 1 }\n[answers.\"A.1.a\"]\nvalue = \"Y\"\nflag = true\nmine = \"x\"\n\
             [answers.\"A.1.a\".more]\nz = 1\n[[history]]\nevent = \"final\"\nby = \"B\"\n\
             [answers.'A.2.b']\nvalue = [3, 4]\nupdated = 5\n[extra]\nq = 2\n"
                .to_string(),
        );
        v
    }

    #[test]
    fn drafts_read_the_same_in_pieces() {
        for src in sources() {
            assert!(parse_in_pieces(&src).is_some(), "the cut is taken");
            assert_eq!(in_pieces_or_whole(&src), whole(&src));
        }
        // The second source's `updated = 5` is a problem, reported at the same place.
        assert!(whole(&sources()[1]).starts_with("Err"));
    }

    #[test]
    fn the_same_answer_twice_is_left_to_the_whole_parse() {
        let src = "schema = 1\n[answers.\"A\"]\nvalue = 1\n[answers.A]\nvalue = 2\n";
        assert!(parse_in_pieces(src).is_none());
        assert!(whole(src).contains("Syntax"));
    }

    #[test]
    fn a_questionnaire_is_not_read_as_a_draft() {
        for e in crate::catalog::embedded() {
            assert!(is_questionnaire_text(e.src), "{}", e.file);
            let problems = Draft::parse(e.src).expect_err("not a draft");
            assert_eq!(problems, [Problem::error(None, ProblemKind::NotADraft)]);
        }
        let big = crate::synth::questionnaire_toml(3_000);
        assert!(big.len() > pieces::FROM_SIZE && is_questionnaire_text(&big));
        for src in sources() {
            assert!(!is_questionnaire_text(&src));
        }
        // A damaged draft stays a draft: it is reported for what is wrong with it.
        assert!(!is_questionnaire_text("schema = 1\nunit = \n"));
        assert!(!is_questionnaire_text("schema = 1\nunit = \"u\"\n"));
    }

    #[test]
    fn a_questionnaire_file_is_told_from_its_first_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write");
            p
        };
        let big = crate::synth::questionnaire_toml(3_000);
        assert!(is_questionnaire_file(&write("besar.toml", &big)));
        assert!(!is_questionnaire_file(&write("draf.toml", &sources()[0])));
        // A root longer than the part read cannot be told: read as a draft, it says why.
        let long_root = format!("id = \"x\"\ntitle = \"{}\"\n", "a".repeat(70_000));
        assert!(!is_questionnaire_file(&write("panjang.toml", &long_root)));
        assert!(is_questionnaire_text(&long_root));
        assert!(!is_questionnaire_file(&dir.path().join("tidak-ada.toml")));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whatever is done to a draft, reading it in pieces (or falling back to a whole
        /// parse) gives exactly what a whole parse gives.
        #[test]
        fn edited_drafts_read_the_same_in_pieces(which in 0usize..2, edits in testing::edits()) {
            let src = testing::apply(&sources()[which], &edits);
            prop_assert_eq!(in_pieces_or_whole(&src), whole(&src));
        }
    }
}
