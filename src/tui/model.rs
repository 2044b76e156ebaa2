//! Everything the app knows, as plain data. `update` changes it; views read it; the loop
//! reports the results of its I/O through the `on_*` methods. Nothing here touches a file
//! or the terminal.

use std::cell::{Cell, OnceCell};
use std::collections::BTreeSet;
use std::path::PathBuf;

use ratatui_textarea::{TextArea, WrapMode};

use super::keymap::Mode;
use crate::answer::Answer;
use crate::draft::lock::DraftLock;
use crate::draft::{Draft, Status as DraftStatus};
use crate::i18n::Lang;
use crate::i18n::tui::TuiTexts;
use crate::questionnaire::{Node, NodeKind, Questionnaire, ScaleKind};
use crate::review::{self, Gain};
use crate::scoring::{self, Score};
use crate::text;

pub struct Model {
    pub lang: Lang,
    pub screen: Screen,
    pub home: Home,
    pub form: Form,
    pub session: Option<Session>,
    pub help: Option<Help>,
    pub confirm: Option<Confirm>,
    pub status: Option<Status>,
    /// The embedded questionnaires a new draft can use.
    pub catalog: Vec<CatalogEntry>,
    /// The period a new draft starts with (this year).
    pub default_period: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    Form,
    Walk,
    /// The review of the open draft (`r` on the walk).
    Review,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub text: String,
    pub level: Level,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// The home screen: the drafts in the data folder.
#[derive(Clone, Debug, Default)]
pub struct Home {
    pub dir: Option<PathBuf>,
    pub entries: Vec<HomeEntry>,
    /// Index into `entries`; `entries.len()` is the "new assessment" row.
    pub selected: usize,
    pub loaded: bool,
    /// Why the folder could not be read, if it could not.
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HomeEntry {
    pub path: PathBuf,
    /// The file name, for damaged drafts.
    pub file: String,
    /// The draft's figures, or why it cannot be read.
    pub info: Result<DraftInfo, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DraftInfo {
    pub unit: String,
    pub period: String,
    pub questionnaire: String,
    pub answered: usize,
    pub questions: usize,
    pub index: f64,
    pub category: String,
    pub category_label: String,
    /// Last change as `YYYY-MM-DD HH:MM`.
    pub updated: String,
    pub is_final: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogEntry {
    pub id: String,
    pub version: String,
    pub title: String,
    pub questions: usize,
}

/// The "new assessment" form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    pub unit: Field,
    pub period: Field,
    /// Index into the catalog; `catalog.len()` means "a file".
    pub choice: usize,
    pub file: Field,
    pub focus: FormField,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormField {
    #[default]
    Unit,
    Period,
    Questionnaire,
    File,
}

/// A one-line text field with a cursor (in characters).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Field {
    pub text: String,
    pub cursor: usize,
    /// Filled in for the user and not edited yet: like a selected default, the first
    /// character typed (or pasted) replaces the whole text. Backspace and the arrows edit
    /// it in place instead.
    pub prefilled: bool,
}

impl Field {
    pub fn new(s: &str) -> Field {
        Field {
            text: s.to_string(),
            cursor: s.chars().count(),
            prefilled: false,
        }
    }

    /// A field holding a default that typing replaces.
    pub fn prefilled(s: &str) -> Field {
        Field {
            prefilled: !s.is_empty(),
            ..Field::new(s)
        }
    }

    pub fn insert(&mut self, s: &str) {
        let s = text::clean_line(s);
        if std::mem::take(&mut self.prefilled) {
            self.text.clear();
            self.cursor = 0;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &s);
        self.cursor += s.chars().count();
    }

    pub fn backspace(&mut self) -> bool {
        self.prefilled = false;
        if self.cursor == 0 {
            return false;
        }
        let at = self.byte_at(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
        true
    }

    pub fn left(&mut self) {
        self.prefilled = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.prefilled = false;
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }
}

/// The help overlay: the keys of the mode it was opened from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Help {
    pub of: Mode,
    pub scroll: u16,
    /// The largest useful `scroll`, as the view found it when it last drew the help (it
    /// depends on the terminal's size); `None` until then. `update` keeps `scroll` within it.
    pub scroll_max: Cell<Option<u16>>,
}

impl Help {
    pub fn new(of: Mode) -> Help {
        Help {
            of,
            scroll: 0,
            scroll_max: Cell::new(None),
        }
    }
}

/// A question the user must answer before something happens.
#[derive(Clone, Debug, PartialEq)]
pub enum Confirm {
    /// The draft could not be saved; go home anyway (answers since the last save are lost)?
    LeaveUnsaved(String),
    /// The draft could not be saved; quit anyway?
    QuitUnsaved(String),
    /// Mark the complete draft final?
    Finalize,
    /// The draft cannot be made final yet: these question ids are unanswered or invalid.
    /// Go to the first of them (`first`, a position in the walk)?
    Blocked {
        unanswered: Vec<String>,
        invalid: Vec<String>,
        first: usize,
    },
    /// A key would change a final draft: open it for changes again?
    Reopen,
}

/// One open draft and everything about walking it.
pub struct Session {
    pub path: PathBuf,
    pub draft: Draft,
    /// The questionnaire, its texts already cleaned for drawing.
    pub q: Questionnaire,
    pub score: Score,
    /// Position in `q.questions`.
    pub pos: usize,
    /// Why the draft cannot be changed, when it cannot.
    pub read_only: Option<String>,
    /// Things to tell on opening (e.g. the questionnaire version changed).
    pub notes: Vec<String>,
    pub undo: Vec<Undo>,
    /// Bumped on every change; `saved` is the last revision on disk.
    pub revision: u64,
    pub saved: u64,
    pub save_error: Option<String>,
    pub input: Option<NumberInput>,
    pub editor: Option<Editor>,
    pub search: Option<Search>,
    /// Lines the question text is scrolled by.
    pub scroll: u16,
    /// The largest useful `scroll` and the position it is for, as the view found it when
    /// it last drew the question (it depends on the terminal's size); `update` keeps
    /// `scroll` within it. See [`Session::scroll_max`].
    pub drawn_scroll_max: Cell<Option<(usize, u16)>>,
    /// Held while the draft is open for writing; released on drop.
    pub lock: Option<DraftLock>,
    /// Where the review screen is, kept while the draft is open.
    pub review: Review,
    /// `review::gains` of `score`, sorted, computed when the review first needs them and
    /// kept until the score changes (`rescore`).
    gains: OnceCell<Vec<Gain>>,
    /// Every question's id and text in lower case, for `/` search; made on the first search.
    pub search_index: Option<SearchIndex>,
}

/// The id and text of every question, lower-cased, in one string, one question after
/// another (each followed by a newline): a search word (which has no white space in it) is
/// looked for once in the whole of it, not question by question.
pub struct SearchIndex {
    pub text: String,
    /// Where each question's part starts, by position in the walk; one more at the end.
    pub starts: Vec<usize>,
}

impl SearchIndex {
    pub fn new(q: &Questionnaire) -> SearchIndex {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(q.questions.len() + 1);
        for &i in &q.questions {
            starts.push(text.len());
            let n = &q.nodes[i];
            for part in [&n.id, &n.text] {
                if part.is_ascii() {
                    text.extend(part.chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    text.push_str(&part.to_lowercase());
                }
                text.push('\n');
            }
        }
        starts.push(text.len());
        SearchIndex { text, starts }
    }

    /// Positions in the walk of the questions holding every word (each in lower case, none
    /// empty), in walking order, at most `limit`.
    pub fn find(&self, words: &[&str], limit: usize) -> Vec<usize> {
        let n = self.starts.len().saturating_sub(1);
        let bytes = self.text.as_bytes();
        // How many of the words, taken in order, each question holds.
        let mut hits = vec![0u32; n];
        for (k, w) in words.iter().enumerate() {
            let finder = memchr::memmem::Finder::new(w.as_bytes());
            let (mut pos, mut p) = (0, 0);
            while let Some(off) = bytes.get(pos..).and_then(|rest| finder.find(rest)) {
                let at = pos + off;
                while p < n && self.starts[p + 1] <= at {
                    p += 1;
                }
                if p >= n {
                    break;
                }
                if hits[p] as usize == k {
                    hits[p] += 1;
                }
                // One match is enough: on to the next question.
                pos = self.starts[p + 1];
            }
        }
        (0..n)
            .filter(|&p| hits[p] as usize == words.len())
            .take(limit)
            .collect()
    }
}

/// The review screen's place: the selected row (see `tui::review::rows`), the groups of
/// the tree that are open, the sections folded away and the long lists shown in full.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub selected: usize,
    pub open: BTreeSet<usize>,
    pub folded: BTreeSet<super::review::Section>,
    pub full: BTreeSet<super::review::Section>,
}

impl Review {
    /// Components and sub-components open, everything else closed.
    pub fn new(q: &Questionnaire) -> Review {
        Review {
            open: (0..q.nodes.len())
                .filter(|&i| q.is_group(i) && q.nodes[i].depth <= 1)
                .collect(),
            ..Review::default()
        }
    }
}

/// What an answer was before a change, to put it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    pub id: String,
    pub before: Option<Answer>,
    pub pos: usize,
}

/// A number being typed: one field, or two for a ratio.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumberInput {
    pub first: String,
    pub second: String,
    pub ratio: bool,
    /// Typing into the second field (the denominator).
    pub on_second: bool,
}

/// The penjelasan and evidence being edited. Changes go into the draft as they are typed
/// (so they are saved like answers); `before` is what undo puts back.
pub struct Editor {
    pub note: TextArea<'static>,
    pub evidence: TextArea<'static>,
    pub on_evidence: bool,
    pub id: String,
    pub before: Option<Answer>,
    pub changed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchKind {
    /// `/`: words in the text or the id.
    Text,
    /// `g`: an id (or the start of one).
    Id,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    pub kind: SearchKind,
    pub query: Field,
    /// Node indices (questions, and groups for ids) that match.
    pub results: Vec<usize>,
    pub selected: usize,
}

/// At most this many search results are listed.
pub const MAX_RESULTS: usize = 200;

impl Model {
    pub fn new(lang: Lang, catalog: Vec<CatalogEntry>, default_period: &str) -> Model {
        Model {
            lang,
            screen: Screen::Home,
            home: Home::default(),
            form: Form::default(),
            session: None,
            help: None,
            confirm: None,
            status: None,
            catalog,
            default_period: default_period.to_string(),
        }
    }

    pub fn t(&self) -> &'static TuiTexts {
        self.lang.tui()
    }

    /// The key table in force.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            return Mode::Confirm;
        }
        if self.help.is_some() {
            return Mode::Help;
        }
        match self.screen {
            Screen::Home => Mode::Home,
            Screen::Form => Mode::Form,
            Screen::Review if self.session.is_some() => Mode::Review,
            Screen::Review => Mode::Home,
            Screen::Walk => match &self.session {
                Some(s) if s.search.is_some() => Mode::Search,
                Some(s) if s.editor.is_some() => Mode::Editor,
                Some(s) if s.input.is_some() => Mode::Number,
                _ => Mode::Walk,
            },
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Info,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Warn,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Error,
        });
    }

    /// The drafts of the data folder were read.
    pub fn on_home_loaded(
        &mut self,
        dir: Option<PathBuf>,
        entries: Result<Vec<HomeEntry>, String>,
    ) {
        self.home.dir = dir;
        self.home.loaded = true;
        match entries {
            Ok(e) => {
                self.home.entries = e;
                self.home.error = None;
            }
            Err(msg) => {
                self.home.entries.clear();
                self.home.error = Some(msg);
            }
        }
        self.home.selected = self.home.selected.min(self.home.entries.len());
    }

    /// A draft was opened (or created and opened): walk it.
    pub fn on_opened(&mut self, s: Session) {
        let t = self.t();
        let mut notes: Vec<String> = s.notes.clone();
        if let Some(r) = &s.read_only {
            notes.insert(0, r.clone());
        }
        let level = if notes.is_empty() {
            Level::Info
        } else {
            Level::Warn
        };
        let text = if notes.is_empty() {
            crate::i18n::fill(t.opened, &[&s.draft.unit.as_str()])
        } else {
            notes.join(" · ")
        };
        self.status = Some(Status {
            text: text::clean_line(&text),
            level,
        });
        self.session = Some(s);
        self.screen = Screen::Walk;
        self.help = None;
        self.confirm = None;
    }

    pub fn on_open_failed(&mut self, msg: &str) {
        self.error(text::clean_line(msg));
    }

    /// A save of `revision` of the draft at `path` finished.
    pub fn on_saved(&mut self, path: &std::path::Path, revision: u64, result: Result<(), String>) {
        let t = self.t();
        let Some(s) = self.session.as_mut().filter(|s| s.path == path) else {
            return;
        };
        match result {
            Ok(()) => {
                s.saved = s.saved.max(revision);
                s.save_error = None;
            }
            Err(e) => {
                let first = s.save_error.is_none();
                s.save_error = Some(text::clean_line(&e));
                if first {
                    let msg = crate::i18n::fill(t.save_failed, &[&e]);
                    self.error(text::clean_line(&msg));
                }
            }
        }
    }

    /// Going home needs the draft on disk; it could not be saved.
    pub fn on_close_failed(&mut self, msg: &str) {
        self.confirm = Some(Confirm::LeaveUnsaved(text::clean_line(msg)));
    }

    pub fn on_quit_failed(&mut self, msg: &str) {
        self.confirm = Some(Confirm::QuitUnsaved(text::clean_line(msg)));
    }

    /// The draft was saved and its lock released: back to the home screen.
    pub fn on_closed(&mut self) {
        self.session = None;
        self.screen = Screen::Home;
        self.confirm = None;
    }

    pub fn on_create_failed(&mut self, msg: &str) {
        self.error(text::clean_line(msg));
    }

    /// The final draft may be changed again: the loop took its lock (`lock`, unless the
    /// session held it already) and read it again from disk (`fresh`, which another
    /// `pmprb` may have changed while this one only read it). Records who reopened it.
    pub fn on_reopened(&mut self, lock: Option<DraftLock>, fresh: Option<Draft>) {
        let t = self.t();
        let Some(s) = self.session.as_mut() else {
            return;
        };
        if let Some(l) = lock {
            s.lock = Some(l);
        }
        if let Some(d) = fresh {
            s.draft = d;
        }
        let by = crate::draft::who(&s.draft);
        if s.is_final() {
            s.draft.reopen(&by);
        }
        s.read_only = None;
        s.revision += 1;
        s.rescore();
        let msg = crate::i18n::fill(t.reopened, &[&text::clean_line(&by)]);
        self.info(msg);
    }

    pub fn on_reopen_failed(&mut self, msg: &str) {
        let t = self.t();
        let msg = crate::i18n::fill(t.reopen_failed, &[&text::clean_line(msg)]);
        self.error(msg);
    }
}

impl Session {
    /// A session on a draft. `q` is cleaned for drawing here, once.
    pub fn new(
        path: PathBuf,
        draft: Draft,
        q: Questionnaire,
        lock: Option<DraftLock>,
        read_only: Option<String>,
        notes: Vec<String>,
    ) -> Session {
        let q = cleaned(q);
        let score = scoring::score(&q, &draft.answers);
        let pos = resume_position(&q, &draft, &score);
        let review = Review::new(&q);
        Session {
            path,
            draft,
            q,
            score,
            pos,
            read_only,
            notes,
            undo: Vec::new(),
            revision: 0,
            saved: 0,
            save_error: None,
            input: None,
            editor: None,
            search: None,
            scroll: 0,
            drawn_scroll_max: Cell::new(None),
            lock,
            review,
            gains: OnceCell::new(),
            search_index: None,
        }
    }

    pub fn dirty(&self) -> bool {
        self.revision != self.saved
    }

    /// The largest useful scroll of the current question, when the view has drawn it.
    pub fn scroll_max(&self) -> Option<u16> {
        match self.drawn_scroll_max.get() {
            Some((pos, max)) if pos == self.pos => Some(max),
            _ => None,
        }
    }

    /// Node index of the current question.
    pub fn node(&self) -> usize {
        self.q.questions.get(self.pos).copied().unwrap_or(0)
    }

    pub fn current(&self) -> Option<&Node> {
        self.q.questions.get(self.pos).map(|&i| &self.q.nodes[i])
    }

    pub fn answer(&self) -> Option<&Answer> {
        self.current().and_then(|n| self.draft.answers.get(&n.id))
    }

    pub fn rescore(&mut self) {
        self.score = scoring::score(&self.q, &self.draft.answers);
        self.gains = OnceCell::new();
    }

    /// Scores again after the answer to `id` changed (or went): only that answer is
    /// evaluated again, the others' states are kept (`scoring::score_states`). The result
    /// is what `rescore` gives; an id that is not a question's is scored in full.
    pub fn rescore_answer(&mut self, id: &str) {
        let Some((i, question)) = self
            .q
            .node_index(id)
            .and_then(|i| self.q.question(i).map(|question| (i, question)))
        else {
            self.rescore();
            return;
        };
        let mut states = std::mem::take(&mut self.score.states);
        if states.len() != self.q.nodes.len() {
            self.rescore();
            return;
        }
        let scale = self.q.scale_of(question);
        states[i] = scoring::evaluate(scale, question, self.draft.answers.get(id));
        let orphaned = std::mem::take(&mut self.score.orphaned);
        self.score = scoring::score_states(&self.q, states, orphaned);
        self.gains = OnceCell::new();
    }

    /// What each question's best answer would add to the index, largest first
    /// (`review::gains` of the current score).
    pub fn gains(&self) -> &[Gain] {
        self.gains
            .get_or_init(|| review::gains(&self.q, &self.score))
    }

    /// Position in `q.questions` of the first question at or after node `i`.
    pub fn first_question_from(&self, i: usize) -> Option<usize> {
        self.q.questions.iter().position(|&n| n >= i)
    }

    pub fn is_final(&self) -> bool {
        self.draft.status == DraftStatus::Final
    }
}

impl Editor {
    pub fn new(id: &str, before: Option<Answer>) -> Editor {
        let (note, evidence) = match &before {
            Some(a) => (
                text::clean(&a.note).replace('\t', " "),
                a.evidence.iter().map(|e| text::clean_line(e)).collect(),
            ),
            None => (String::new(), Vec::new()),
        };
        let mut n = TextArea::new(note.lines().map(String::from).collect());
        n.set_wrap_mode(WrapMode::WordOrGlyph);
        n.move_cursor(ratatui_textarea::CursorMove::Bottom);
        n.move_cursor(ratatui_textarea::CursorMove::End);
        let mut e = TextArea::new(evidence);
        e.set_wrap_mode(WrapMode::WordOrGlyph);
        e.move_cursor(ratatui_textarea::CursorMove::Bottom);
        e.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            note: n,
            evidence: e,
            on_evidence: false,
            id: id.to_string(),
            before,
            changed: false,
        }
    }

    pub fn focused(&mut self) -> &mut TextArea<'static> {
        if self.on_evidence {
            &mut self.evidence
        } else {
            &mut self.note
        }
    }

    /// The penjelasan as it will be stored: lines joined, trailing blank lines dropped.
    pub fn note_text(&self) -> String {
        self.note.lines().join("\n").trim_end().to_string()
    }

    /// The evidence lines as they will be stored: trimmed, empty ones dropped.
    pub fn evidence_lines(&self) -> Vec<String> {
        self.evidence
            .lines()
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// Where to resume: at the most recently changed answer, or, when that question is done,
/// at the next open question after it. A draft without answers starts at the first.
pub fn resume_position(q: &Questionnaire, d: &Draft, score: &Score) -> usize {
    let last = q
        .questions
        .iter()
        .enumerate()
        .filter_map(|(pos, &i)| {
            let a = d.answers.get(&q.nodes[i].id)?;
            Some((a.updated.map(|u| u.to_string()).unwrap_or_default(), pos))
        })
        .max();
    let Some((_, pos)) = last else {
        return 0;
    };
    if !score.states[q.questions[pos]].is_done() {
        return pos;
    }
    let n = q.questions.len();
    (1..n)
        .map(|k| (pos + k) % n)
        .find(|&p| !score.states[q.questions[p]].is_done())
        .unwrap_or(pos)
}

/// The questionnaire with every text cleaned of control, bidi and format characters, so
/// views can draw them as they are. Ids are left alone (answers are matched by them) and
/// cleaned where they are drawn.
fn cleaned(mut q: Questionnaire) -> Questionnaire {
    let c = |s: &str| text::clean(s).replace('\t', " ");
    q.title = text::clean_line(&q.title);
    q.basis = text::clean_line(&q.basis);
    for cat in &mut q.categories {
        cat.code = text::clean_line(&cat.code);
        cat.label = text::clean_line(&cat.label);
    }
    for sc in &mut q.scales {
        if let ScaleKind::Choice { options } = &mut sc.kind {
            for o in options {
                o.label = text::clean_line(&o.label);
            }
        }
    }
    for n in &mut q.nodes {
        n.text = c(&n.text);
        n.guidance = n.guidance.as_deref().map(c);
        n.evidence = n.evidence.iter().map(|e| text::clean_line(e)).collect();
        if let NodeKind::Question(qq) = &mut n.kind {
            for v in qq.criteria.values_mut() {
                *v = c(v);
            }
            qq.numerator = qq.numerator.as_deref().map(text::clean_line);
            qq.denominator = qq.denominator.as_deref().map(text::clean_line);
        }
    }
    q
}
