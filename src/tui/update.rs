//! `update(model, action) -> effect`: every key's meaning, with no I/O, so each one is
//! tested without a terminal. A key that does not apply says why in the status line.

use super::action::{Action, Effect, NewDraft, Source};
use super::keymap::Mode;
use super::model::{
    Confirm, Editor, Field, Form, FormField, Help, MAX_RESULTS, Model, NumberInput, Screen, Search,
    SearchIndex, SearchKind, Session,
};
use super::review::{self as review_rows, Row};
use crate::answer::Answer;
use crate::draft;
use crate::i18n::fill;
use crate::questionnaire::ScaleKind;
use crate::scoring;
use crate::text::{self, parse_decimal};

pub fn update(m: &mut Model, a: Action) -> Option<Effect> {
    m.status = None;
    if a == Action::Quit {
        return quit(m);
    }
    match m.mode() {
        Mode::Confirm => confirm(m, a),
        Mode::Help => help(m, a),
        Mode::Home => home(m, a),
        Mode::Form => form(m, a),
        Mode::Walk => walk(m, a),
        Mode::Review => review(m, a),
        Mode::Number => number(m, a),
        Mode::Editor => editor(m, a),
        Mode::Search => search(m, a),
    }
}

/// Ctrl-C: leave from anywhere. A second Ctrl-C while asked leaves without saving.
fn quit(m: &mut Model) -> Option<Effect> {
    if matches!(m.confirm, Some(Confirm::QuitUnsaved(_))) {
        return Some(Effect::Quit { force: true });
    }
    if let Some(s) = m.session.as_mut() {
        finish_editor(s);
    }
    Some(Effect::Quit { force: false })
}

fn unbound(m: &mut Model, key: &str) {
    let t = m.t();
    let text = match m.mode() {
        Mode::Number => t.number_keys.to_string(),
        _ if key.is_empty() => t.key_unbound_plain.to_string(),
        _ => fill(t.key_unbound, &[&key]),
    };
    m.warn(text);
}

fn open_help(m: &mut Model) {
    m.help = Some(Help::new(m.mode()));
}

fn confirm(m: &mut Model, a: Action) -> Option<Effect> {
    let c = m.confirm.take()?;
    let t = m.t();
    match a {
        Action::Yes => match c {
            Confirm::LeaveUnsaved(_) => Some(Effect::Close { force: true }),
            Confirm::QuitUnsaved(_) => Some(Effect::Quit { force: true }),
            Confirm::Finalize => {
                let s = m.session.as_mut()?;
                let by = draft::who(&s.draft);
                s.draft.finalize(&by);
                s.read_only = Some(t.final_read_only.to_string());
                s.revision += 1;
                m.info(fill(t.finalized, &[&text::clean_line(&by)]));
                None
            }
            Confirm::Blocked { first, .. } => {
                let s = m.session.as_mut()?;
                go(s, first.min(s.q.questions.len().saturating_sub(1)));
                let id = s.current().map(|n| text::clean_line(&n.id));
                m.screen = Screen::Walk;
                m.info(fill(t.jumped_blocker, &[&id.unwrap_or_default()]));
                None
            }
            Confirm::Reopen => Some(Effect::Reopen),
        },
        Action::No => {
            m.info(match c {
                Confirm::LeaveUnsaved(_) | Confirm::QuitUnsaved(_) => t.stayed,
                _ => t.cancelled_plain,
            });
            None
        }
        _ => {
            m.confirm = Some(c);
            m.warn(m.t().confirm_keys);
            None
        }
    }
}

fn help(m: &mut Model, a: Action) -> Option<Effect> {
    let h = m.help.as_mut()?;
    let max = h.scroll_max.get();
    match a {
        Action::Up | Action::ScrollUp => h.scroll = scrolled(h.scroll, -1, max),
        Action::Down | Action::ScrollDown => h.scroll = scrolled(h.scroll, 1, max),
        Action::Esc | Action::Help => m.help = None,
        Action::Unbound(k) => unbound(m, &k),
        _ => {}
    }
    None
}

fn home(m: &mut Model, a: Action) -> Option<Effect> {
    let rows = m.home.entries.len() + 1;
    match a {
        Action::Up => m.home.selected = m.home.selected.saturating_sub(1),
        Action::Down => m.home.selected = (m.home.selected + 1).min(rows - 1),
        Action::Enter => {
            let Some(e) = m.home.entries.get(m.home.selected) else {
                open_form(m);
                return None;
            };
            match &e.info {
                Ok(_) => return Some(Effect::Open(e.path.clone())),
                Err(why) => {
                    let msg = fill(m.t().damaged, &[&e.file, &why]);
                    m.error(text::clean_line(&msg));
                }
            }
        }
        Action::NewDraft => open_form(m),
        Action::Refresh => return Some(Effect::LoadHome),
        Action::Help => open_help(m),
        Action::Back => return Some(Effect::Quit { force: false }),
        Action::ScrollUp => return home(m, Action::Up),
        Action::ScrollDown => return home(m, Action::Down),
        Action::Unbound(k) => unbound(m, &k),
        _ => {}
    }
    None
}

fn open_form(m: &mut Model) {
    let choice = m
        .catalog
        .iter()
        .position(|c| c.id == crate::catalog::DEFAULT_ID)
        .unwrap_or(0);
    m.form = Form {
        unit: Field::default(),
        period: Field::prefilled(&m.default_period),
        choice,
        file: Field::default(),
        focus: FormField::Unit,
    };
    m.screen = Screen::Form;
    m.info(m.t().form_intro);
}

fn form_fields(m: &Model) -> Vec<FormField> {
    let mut v = vec![FormField::Unit, FormField::Period, FormField::Questionnaire];
    if m.form.choice >= m.catalog.len() {
        v.push(FormField::File);
    }
    v
}

fn form(m: &mut Model, a: Action) -> Option<Effect> {
    let fields = form_fields(m);
    let at = fields.iter().position(|&f| f == m.form.focus).unwrap_or(0);
    let choices = m.catalog.len() + 1;
    let t = m.t();
    match a {
        Action::Tab => m.form.focus = fields[(at + 1) % fields.len()],
        Action::BackTab => m.form.focus = fields[(at + fields.len() - 1) % fields.len()],
        Action::Left | Action::Right => {
            let right = a == Action::Right;
            match text_field(&mut m.form) {
                Some(f) if right => f.right(),
                Some(f) => f.left(),
                None => {
                    m.form.choice = if right {
                        (m.form.choice + 1) % choices
                    } else {
                        (m.form.choice + choices - 1) % choices
                    };
                }
            }
        }
        Action::Type(c) => match text_field(&mut m.form) {
            Some(f) => f.insert(&c.to_string()),
            None => m.warn(t.form_pick_keys),
        },
        Action::Paste(s) => match text_field(&mut m.form) {
            Some(f) => f.insert(&s),
            None => m.warn(t.form_pick_keys),
        },
        Action::Backspace => {
            if let Some(f) = text_field(&mut m.form) {
                f.backspace();
            }
        }
        Action::Enter => {
            if at + 1 < fields.len() {
                m.form.focus = fields[at + 1];
            } else {
                return submit_form(m);
            }
        }
        Action::Esc => {
            m.screen = Screen::Home;
            m.info(t.form_cancelled);
        }
        Action::Help => open_help(m),
        Action::Unbound(k) => unbound(m, &k),
        _ => {}
    }
    None
}

fn submit_form(m: &mut Model) -> Option<Effect> {
    let t = m.t();
    let unit = m.form.unit.text.trim().to_string();
    let period = m.form.period.text.trim().to_string();
    if unit.is_empty() {
        m.form.focus = FormField::Unit;
        m.warn(t.form_need_unit);
        return None;
    }
    if period.is_empty() {
        m.form.focus = FormField::Period;
        m.warn(t.form_need_period);
        return None;
    }
    let source = match m.catalog.get(m.form.choice) {
        Some(c) => Source::Embedded(c.id.clone()),
        None => {
            let f = m.form.file.text.trim();
            if f.is_empty() {
                m.form.focus = FormField::File;
                m.warn(t.form_need_file);
                return None;
            }
            Source::File(f.into())
        }
    };
    Some(Effect::Create(NewDraft {
        unit,
        period,
        source,
    }))
}

/// The text field with the focus, if the focus is on one.
fn text_field(f: &mut Form) -> Option<&mut Field> {
    match f.focus {
        FormField::Unit => Some(&mut f.unit),
        FormField::Period => Some(&mut f.period),
        FormField::File => Some(&mut f.file),
        FormField::Questionnaire => None,
    }
}

// ---------------------------------------------------------------------------------------
// The walk

/// Keys that change the draft.
fn changes_draft(a: &Action) -> bool {
    matches!(
        a,
        Action::Choose(_)
            | Action::Digit(_)
            | Action::NotApplicable
            | Action::Clear
            | Action::Flag
            | Action::Edit
            | Action::Undo
    )
}

/// A change to a draft that cannot take it. A final draft offers to open it again (asking
/// first); one open in another `pmprb` says why. True when the change must not go ahead.
fn refuse_change(m: &mut Model, a: &Action) -> bool {
    let t = m.t();
    let Some(s) = m.session.as_ref() else {
        return false;
    };
    let Some(why) = s.read_only.clone() else {
        return false;
    };
    if *a == Action::Undo && s.undo.is_empty() {
        return false; // says there is nothing to undo
    }
    if s.is_final() {
        m.confirm = Some(Confirm::Reopen);
    } else {
        m.warn(fill(t.read_only_key, &[&why]));
    }
    true
}

fn walk(m: &mut Model, a: Action) -> Option<Effect> {
    let t = m.t();
    if changes_draft(&a) && refuse_change(m, &a) {
        return None;
    }
    match a {
        Action::Review => return open_review(m),
        Action::Finalize => return finalize(m),
        _ => {}
    }
    let Some(s) = m.session.as_mut() else {
        m.screen = Screen::Home;
        return None;
    };
    let n = s.q.questions.len();
    let mut msg: Option<(bool, String)> = None; // (is_warning, text)
    let mut warn = |text: String| msg = Some((true, text));
    match a {
        Action::Up => {
            if s.pos == 0 {
                warn(t.at_first.into());
            } else {
                go(s, s.pos - 1);
            }
        }
        Action::Down => {
            if s.pos + 1 >= n {
                warn(t.at_last.into());
            } else {
                go(s, s.pos + 1);
            }
        }
        Action::PrevGroup => match prev_group(s) {
            Some(p) => go(s, p),
            None => warn(t.at_first_group.into()),
        },
        Action::NextGroup => match next_group(s) {
            Some(p) => go(s, p),
            None => warn(t.at_last_group.into()),
        },
        Action::ScrollDown => s.scroll = scrolled(s.scroll, 3, s.scroll_max()),
        Action::ScrollUp => s.scroll = scrolled(s.scroll, -3, s.scroll_max()),
        Action::Choose(_) | Action::Digit(_) if picks_by_position(scale_kind(s)) => {
            match choose_by_position(s, &a, t) {
                Ok(code) => msg = Some(answer_with(s, code.as_str().into(), &code, t)),
                Err(e) => warn(e),
            }
        }
        Action::Choose(c) => match choose(s, c, t) {
            Ok(code) => msg = Some(answer_with(s, code.as_str().into(), &code, t)),
            Err(e) => warn(e),
        },
        Action::Digit(d) => match scale_kind(s) {
            Some(ScaleKind::Choice { options }) => warn(fill(t.choice_keys, &[&codes(options)])),
            Some(ScaleKind::Ratio) => {
                s.input = Some(NumberInput {
                    first: d.to_string(),
                    ratio: true,
                    ..NumberInput::default()
                })
            }
            Some(_) => {
                s.input = Some(NumberInput {
                    first: d.to_string(),
                    ..NumberInput::default()
                })
            }
            None => {}
        },
        Action::NotApplicable => {
            let allowed = s.q.question(s.node()).is_some_and(|q| q.na);
            if !allowed {
                warn(t.na_not_allowed.into());
            } else {
                let id = s.current().map(|n| n.id.clone()).unwrap_or_default();
                set_answer(s, |a| {
                    a.value = None;
                    a.na = true;
                });
                msg = Some((false, fill(t.marked_na, &[&text::clean_line(&id)])));
                advance(s, &mut msg, t);
            }
        }
        Action::Clear => {
            let has = s.answer().is_some_and(|a| a.value.is_some() || a.na);
            if !has {
                warn(t.nothing_to_clear.into());
            } else {
                set_answer(s, |a| {
                    a.value = None;
                    a.na = false;
                });
                msg = Some((false, t.cleared.into()));
            }
        }
        Action::Flag => {
            let on = !s.answer().is_some_and(|a| a.flag);
            set_answer(s, |a| a.flag = on);
            msg = Some((
                false,
                if on {
                    t.flagged.into()
                } else {
                    t.unflagged.into()
                },
            ));
        }
        Action::Edit => {
            if let Some(node) = s.current() {
                let id = node.id.clone();
                let before = s.draft.answers.get(&id).cloned();
                s.editor = Some(Editor::new(&id, before));
            }
        }
        Action::Undo => match s.undo.pop() {
            Some(u) => {
                match u.before {
                    Some(b) => {
                        s.draft.answers.insert(u.id.clone(), b);
                    }
                    None => {
                        s.draft.answers.shift_remove(&u.id);
                    }
                }
                changed(s, &u.id);
                go(s, u.pos.min(n.saturating_sub(1)));
                msg = Some((false, fill(t.undone, &[&text::clean_line(&u.id)])));
            }
            None => warn(t.nothing_to_undo.into()),
        },
        Action::NextUnanswered => {
            let found = (1..=n)
                .map(|k| (s.pos + k) % n.max(1))
                .find(|&p| !s.score.states[s.q.questions[p]].is_done());
            match found {
                Some(p) => go(s, p),
                None => msg = Some((false, t.all_answered.into())),
            }
        }
        Action::NextFlagged => {
            let found = (1..=n).map(|k| (s.pos + k) % n.max(1)).find(|&p| {
                let id = &s.q.nodes[s.q.questions[p]].id;
                s.draft.answers.get(id).is_some_and(|a| a.flag)
            });
            match found {
                Some(p) => go(s, p),
                None => warn(t.no_flags.into()),
            }
        }
        Action::Search | Action::Jump => {
            let kind = if a == Action::Search {
                SearchKind::Text
            } else {
                SearchKind::Id
            };
            s.search = Some(Search {
                kind,
                query: Field::default(),
                results: Vec::new(),
                selected: 0,
            });
        }
        Action::Help => {
            open_help(m);
            return None;
        }
        Action::Back => return Some(Effect::Close { force: false }),
        Action::Paste(_) => warn(t.paste_where.into()),
        Action::Unbound(k) => {
            unbound(m, &k);
            return None;
        }
        _ => {}
    }
    if let Some((w, text)) = msg {
        if w { m.warn(text) } else { m.info(text) }
    }
    None
}

/// A scroll position moved by `by` lines and kept within `max`, the largest one the view
/// found useful when it last drew (`None`: not drawn yet at this size or place). A position
/// past `max` (the terminal grew since) comes back to it first, so a key up always shows.
fn scrolled(scroll: u16, by: i16, max: Option<u16>) -> u16 {
    let max = max.unwrap_or(u16::MAX);
    let moved = scroll.min(max).saturating_add_signed(by);
    moved.min(max)
}

fn go(s: &mut Session, pos: usize) {
    s.pos = pos;
    s.scroll = 0;
}

/// After an answer the walk moves on; at the last question it says where the open ones are.
fn advance(s: &mut Session, msg: &mut Option<(bool, String)>, t: &crate::i18n::tui::TuiTexts) {
    if s.pos + 1 < s.q.questions.len() {
        go(s, s.pos + 1);
    } else {
        let open = s.score.unanswered();
        let extra = if open == 0 {
            t.last_all_done.to_string()
        } else {
            fill(t.last_some_open, &[&open])
        };
        let base = msg.take().map(|(_, m)| m).unwrap_or_default();
        *msg = Some((false, format!("{base} · {extra}")));
    }
}

/// Answers the current question with `value` (shown as `shown`), then moves on; returns
/// what the status line says (`advance`).
fn answer_with(
    s: &mut Session,
    value: toml::Value,
    shown: &str,
    t: &crate::i18n::tui::TuiTexts,
) -> (bool, String) {
    let id = s.current().map(|n| n.id.clone()).unwrap_or_default();
    set_answer(s, |a| {
        a.value = Some(value);
        a.na = false;
    });
    let said = fill(
        t.answered_as,
        &[&text::clean_line(&id), &text::clean_line(shown)],
    );
    let mut msg = Some((false, said));
    advance(s, &mut msg, t);
    msg.unwrap_or_default()
}

fn scale_kind(s: &Session) -> Option<&ScaleKind> {
    let q = s.q.question(s.node())?;
    Some(&s.q.scale_of(q).kind)
}

/// The options as the keys that pick them: `Y/T`, or `a WTP, b WDP, …` for a scale picked
/// by position.
fn codes(options: &[crate::questionnaire::Choice]) -> String {
    if !by_position(options) {
        return options
            .iter()
            .map(|o| text::clean_line(&o.code))
            .collect::<Vec<_>>()
            .join("/");
    }
    options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let key = position_key(i).map(String::from).unwrap_or_default();
            format!("{key} {}", text::clean_line(&o.code))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A choice scale with any code longer than one letter (e.g. `WTP`, `WTP-DPP`) cannot be
/// answered by typing the code: its options are picked by position, a–e or 1–9.
pub fn by_position(options: &[crate::questionnaire::Choice]) -> bool {
    options.iter().any(|o| o.code.chars().count() != 1)
}

fn picks_by_position(kind: Option<&ScaleKind>) -> bool {
    matches!(kind, Some(ScaleKind::Choice { options }) if by_position(options))
}

/// The key that picks the option at `i` on a scale picked by position: a–e, then 6–9.
pub fn position_key(i: usize) -> Option<char> {
    match i {
        0..=4 => Some((b'a' + i as u8) as char),
        5..=8 => Some((b'1' + i as u8) as char),
        _ => None,
    }
}

/// The option a letter (a–e) or a digit (1–9) picks by position, or why none.
fn choose_by_position(
    s: &Session,
    a: &Action,
    t: &crate::i18n::tui::TuiTexts,
) -> Result<String, String> {
    let Some(ScaleKind::Choice { options }) = scale_kind(s) else {
        return Err(String::new());
    };
    let (key, at) = match *a {
        Action::Choose(c) => {
            let c = c.to_ascii_lowercase();
            let at = ('a'..='e').contains(&c).then(|| c as usize - 'a' as usize);
            (c, at)
        }
        Action::Digit(d) => (
            d,
            ('1'..='9').contains(&d).then(|| d as usize - '1' as usize),
        ),
        _ => return Err(String::new()),
    };
    at.and_then(|i| options.get(i))
        .map(|o| o.code.clone())
        .ok_or_else(|| fill(t.no_such_option, &[&key, &codes(options)]))
}

/// The option code `c` names on this question, or why it names none.
fn choose(s: &Session, c: char, t: &crate::i18n::tui::TuiTexts) -> Result<String, String> {
    match scale_kind(s) {
        Some(ScaleKind::Choice { options }) => options
            .iter()
            .find(|o| o.code.eq_ignore_ascii_case(&c.to_string()))
            .map(|o| o.code.clone())
            .ok_or_else(|| fill(t.no_such_option, &[&c, &codes(options)])),
        Some(ScaleKind::Ratio) => Err(t.ratio_keys.into()),
        Some(_) => Err(t.number_first.into()),
        None => Err(String::new()),
    }
}

/// Changes the current question's answer with `f`, recording undo, the time and the
/// revision. Returns whether anything changed.
fn set_answer(s: &mut Session, f: impl FnOnce(&mut Answer)) -> bool {
    let Some(id) = s.current().map(|n| n.id.clone()) else {
        return false;
    };
    let before = s.draft.answers.get(&id).cloned();
    let mut a = before.clone().unwrap_or_default();
    f(&mut a);
    if before.as_ref() == Some(&a) || (before.is_none() && a.is_empty()) {
        return false;
    }
    a.updated = Some(draft::now());
    store(s, &id, a);
    changed(s, &id);
    s.undo.push(super::model::Undo {
        id,
        before,
        pos: s.pos,
    });
    true
}

fn store(s: &mut Session, id: &str, a: Answer) {
    if a.is_empty() {
        s.draft.answers.shift_remove(id);
    } else if let Some(slot) = s.draft.answers.get_mut(id) {
        *slot = a;
    } else {
        s.draft.answers.insert(id.to_string(), a);
    }
}

/// The answer to `id` changed: stamp the draft, count a revision, score again.
fn changed(s: &mut Session, id: &str) {
    s.draft.touch();
    s.revision += 1;
    s.rescore_answer(id);
}

/// Start of the run of questions that share the parent of the question at `pos`.
fn group_start(s: &Session, pos: usize) -> usize {
    let parent = |p: usize| s.q.nodes[s.q.questions[p]].parent;
    let mut p = pos;
    while p > 0 && parent(p - 1) == parent(pos) {
        p -= 1;
    }
    p
}

fn next_group(s: &Session) -> Option<usize> {
    let parent = |p: usize| s.q.nodes[s.q.questions[p]].parent;
    (s.pos + 1..s.q.questions.len()).find(|&p| parent(p) != parent(s.pos))
}

fn prev_group(s: &Session) -> Option<usize> {
    let start = group_start(s, s.pos);
    if start == 0 {
        return None;
    }
    Some(group_start(s, start - 1))
}

// ---------------------------------------------------------------------------------------
// The review and finalizing

fn open_review(m: &mut Model) -> Option<Effect> {
    let lang = m.lang;
    let s = m.session.as_mut()?;
    let rows = review_rows::rows(s, lang);
    s.review.selected = review_rows::first_row(&rows);
    m.screen = Screen::Review;
    m.info(m.t().review_intro);
    None
}

fn review(m: &mut Model, a: Action) -> Option<Effect> {
    let (t, lang) = (m.t(), m.lang);
    let Some(s) = m.session.as_mut() else {
        m.screen = Screen::Home;
        return None;
    };
    let rows = review_rows::rows(s, lang);
    let at = review_rows::settle(&rows, s.review.selected);
    let page = 10;
    let r = &mut s.review;
    match a {
        Action::Up => r.selected = review_rows::step(&rows, at, -1),
        Action::Down => r.selected = review_rows::step(&rows, at, 1),
        Action::ScrollUp => r.selected = review_rows::step(&rows, at, -3),
        Action::ScrollDown => r.selected = review_rows::step(&rows, at, 3),
        Action::PageUp => r.selected = review_rows::step(&rows, at, -page),
        Action::PageDown => r.selected = review_rows::step(&rows, at, page),
        Action::Tab => r.selected = review_rows::next_heading(&rows, at, true),
        Action::BackTab => r.selected = review_rows::next_heading(&rows, at, false),
        Action::Left | Action::Right => {
            let open = a == Action::Right;
            match rows.get(at) {
                Some(Row::Heading { section, .. }) => {
                    if open {
                        r.folded.remove(section);
                    } else {
                        r.folded.insert(*section);
                    }
                }
                Some(Row::Group {
                    node,
                    open: Some(_),
                }) => {
                    if open {
                        r.open.insert(*node);
                    } else {
                        r.open.remove(node);
                    }
                }
                // ← on a group that is closed (or has no groups): up to its parent.
                Some(Row::Group { node, .. }) if !open => {
                    let parent = s.q.nodes[*node].parent;
                    if let Some(k) = rows.iter().position(
                        |row| matches!(row, Row::Group { node, .. } if Some(*node) == parent),
                    ) {
                        r.selected = k;
                    }
                }
                _ => {}
            }
        }
        Action::Enter => match rows.get(at) {
            Some(Row::Heading { section, .. }) => {
                if !r.folded.remove(section) {
                    r.folded.insert(*section);
                }
            }
            Some(Row::Group {
                node,
                open: Some(o),
            }) => {
                if *o {
                    r.open.remove(node);
                } else {
                    r.open.insert(*node);
                }
            }
            Some(Row::Group { node, open: None }) => {
                let node = *node;
                if let Some(p) = s.first_question_from(node) {
                    go(s, p);
                    m.screen = Screen::Walk;
                }
            }
            Some(Row::Question { node, .. }) => {
                let node = *node;
                if let Some(p) = s.q.questions.iter().position(|&q| q == node) {
                    go(s, p);
                    m.screen = Screen::Walk;
                }
            }
            Some(Row::More { section, .. }) => {
                r.full.insert(*section);
            }
            Some(Row::Orphan(id)) => {
                let msg = fill(t.orphan_enter, &[&text::clean_line(id)]);
                m.warn(msg);
            }
            _ => m.info(t.review_no_question),
        },
        Action::Finalize => return finalize(m),
        Action::Esc => m.screen = Screen::Walk,
        Action::Help => open_help(m),
        Action::Unbound(k) => unbound(m, &k),
        _ => {}
    }
    None
}

/// Ctrl-F: asks to mark the draft final when nothing is unanswered or invalid; otherwise
/// says what stands in the way and offers to go to the first of it.
fn finalize(m: &mut Model) -> Option<Effect> {
    let t = m.t();
    let s = m.session.as_ref()?;
    if s.is_final() {
        m.info(t.already_final);
        return None;
    }
    if let Some(why) = &s.read_only {
        let msg = fill(t.read_only_key, &[why]);
        m.warn(msg);
        return None;
    }
    let b = crate::commands::blockers(&s.q, &s.score);
    m.confirm = Some(match b.first {
        None => Confirm::Finalize,
        Some(first) => Confirm::Blocked {
            unanswered: b.unanswered,
            invalid: b.invalid,
            first,
        },
    });
    None
}

// ---------------------------------------------------------------------------------------
// Typing a number

fn number(m: &mut Model, a: Action) -> Option<Effect> {
    let t = m.t();
    let lang = m.lang;
    let s = m.session.as_mut()?;
    let inp = s.input.as_mut()?;
    let field = if inp.on_second {
        &mut inp.second
    } else {
        &mut inp.first
    };
    match a {
        Action::Type(c) => push_number(field, &c.to_string()),
        // A pasted ratio `n/d` is a whole answer: it takes the place of both fields.
        Action::Paste(p) => match p.split_once('/') {
            Some((n, d)) if inp.ratio => {
                inp.first.clear();
                inp.second.clear();
                push_number(&mut inp.first, n);
                push_number(&mut inp.second, d);
                inp.on_second = true;
            }
            _ => push_number(field, &p),
        },
        Action::Backspace => {
            if field.pop().is_none() && inp.on_second {
                inp.on_second = false;
            } else if inp.first.is_empty() && inp.second.is_empty() {
                s.input = None;
            }
        }
        Action::Tab => {
            if inp.ratio {
                inp.on_second = !inp.on_second;
            } else {
                m.warn(t.tab_ratio_only);
            }
        }
        Action::Esc => {
            s.input = None;
            m.info(t.number_cancelled);
        }
        Action::Enter => {
            if inp.ratio && !inp.on_second && inp.second.is_empty() {
                inp.on_second = true;
                return None;
            }
            match number_value(inp) {
                Err(bad) => m.warn(fill(t.not_a_number, &[&bad])),
                Ok(v) => {
                    let q = s.q.question(s.node())?;
                    match scoring::value_score(s.q.scale_of(q), &v) {
                        Err(why) => m.warn(lang.invalid(&why)),
                        Ok(_) => {
                            let shown = show_value(lang, &v);
                            s.input = None;
                            let (_, said) = answer_with(s, v, &shown, t);
                            m.info(said);
                        }
                    }
                }
            }
        }
        Action::Help => open_help(m),
        Action::Unbound(k) => unbound(m, &k),
        _ => m.warn(t.number_keys),
    }
    None
}

/// At most this many characters in a number field, typed or pasted.
const NUMBER_CHARS: usize = 24;

/// Adds the digits, commas, dots and minus signs of `text` to a number field, up to
/// `NUMBER_CHARS`.
fn push_number(field: &mut String, text: &str) {
    let room = NUMBER_CHARS.saturating_sub(field.chars().count());
    field.extend(
        text.chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
            .take(room),
    );
}

/// The typed value as the draft stores it: an integer when whole, else a float; a ratio
/// as `[n, d]`. `Err` holds the text that is not a number.
fn number_value(inp: &NumberInput) -> Result<toml::Value, String> {
    let one = |s: &str| -> Result<toml::Value, String> {
        let x = parse_decimal(s).ok_or_else(|| s.to_string())?;
        Ok(if x.fract() == 0.0 && x.abs() < 1e15 {
            toml::Value::Integer(x as i64)
        } else {
            toml::Value::Float(x)
        })
    };
    if inp.ratio {
        Ok(toml::Value::Array(vec![
            one(&inp.first)?,
            one(&inp.second)?,
        ]))
    } else {
        one(&inp.first)
    }
}

/// A value as the status line shows it: `85,5`, `3/4`.
pub fn show_value(lang: crate::i18n::Lang, v: &toml::Value) -> String {
    match v {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => {
            let s = f.to_string();
            if lang == crate::i18n::Lang::Id {
                s.replace('.', ",")
            } else {
                s
            }
        }
        toml::Value::String(s) => text::clean_line(s),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| show_value(lang, i))
            .collect::<Vec<_>>()
            .join("/"),
        other => text::clean_line(&other.to_string()),
    }
}

// ---------------------------------------------------------------------------------------
// The penjelasan and evidence editor

fn editor(m: &mut Model, a: Action) -> Option<Effect> {
    let t = m.t();
    let s = m.session.as_mut()?;
    let ed = s.editor.as_mut()?;
    match a {
        Action::Tab => ed.on_evidence = !ed.on_evidence,
        Action::Esc => {
            let changed = finish_editor(s);
            m.info(if changed {
                t.editor_saved
            } else {
                t.editor_unchanged
            });
        }
        Action::EditorKey(input) => {
            let typed = ed.focused().input(input);
            if typed {
                live_edit(s);
            }
        }
        Action::Paste(p) => {
            let clean =
                text::clean(&p.replace("\r\n", "\n").replace('\r', "\n")).replace('\t', " ");
            if ed.focused().insert_str(clean) {
                live_edit(s);
            }
        }
        Action::Help => open_help(m),
        _ => {}
    }
    None
}

/// Puts what the editor holds into the draft as it is typed, so it is saved within a
/// second like any answer. Undo gets one entry per editing session (`finish_editor`).
fn live_edit(s: &mut Session) {
    let Some(ed) = s.editor.as_mut() else { return };
    let note = ed.note_text();
    let evidence = ed.evidence_lines();
    let id = ed.id.clone();
    let mut a = s.draft.answers.get(&id).cloned().unwrap_or_default();
    if a.note == note && a.evidence == evidence {
        return;
    }
    a.note = note;
    a.evidence = evidence;
    a.updated = Some(draft::now());
    ed.changed = true;
    store(s, &id, a);
    // The penjelasan does not move the index: no need to score again.
    s.draft.touch();
    s.revision += 1;
}

/// Closes the editor (if open), leaving one undo entry when it changed anything.
/// Returns whether it did.
pub(crate) fn finish_editor(s: &mut Session) -> bool {
    let Some(ed) = s.editor.take() else {
        return false;
    };
    let now = s.draft.answers.get(&ed.id).cloned();
    let changed = ed.changed && now != ed.before;
    if changed {
        let pos =
            s.q.node_index(&ed.id)
                .and_then(|i| s.q.questions.iter().position(|&q| q == i));
        s.undo.push(super::model::Undo {
            id: ed.id,
            before: ed.before,
            pos: pos.unwrap_or(s.pos),
        });
    }
    changed
}

// ---------------------------------------------------------------------------------------
// Search and jump

fn search(m: &mut Model, a: Action) -> Option<Effect> {
    let t = m.t();
    let s = m.session.as_mut()?;
    let se = s.search.as_mut()?;
    match a {
        Action::Type(c) => {
            se.query.insert(&c.to_string());
            refresh_results(s);
        }
        Action::Paste(p) => {
            se.query.insert(&p);
            refresh_results(s);
        }
        Action::Backspace => {
            se.query.backspace();
            refresh_results(s);
        }
        Action::Left => se.query.left(),
        Action::Right => se.query.right(),
        Action::Up => se.selected = se.selected.saturating_sub(1),
        Action::Down => se.selected = (se.selected + 1).min(se.results.len().saturating_sub(1)),
        Action::Esc => s.search = None,
        Action::Enter => {
            let target = se.results.get(se.selected).copied();
            match target.and_then(|i| s.first_question_from(i)) {
                Some(p) => {
                    s.search = None;
                    go(s, p);
                }
                None => m.warn(t.search_none),
            }
        }
        Action::Help => open_help(m),
        Action::Unbound(k) => unbound(m, &k),
        _ => {}
    }
    None
}

fn refresh_results(s: &mut Session) {
    let Some(se) = s.search.as_mut() else { return };
    let query = se.query.text.trim().to_lowercase();
    se.selected = 0;
    se.results.clear();
    if query.is_empty() {
        return;
    }
    let q = &s.q;
    se.results = match se.kind {
        SearchKind::Id => {
            // An exact id first, then ids that start with the query.
            let exact = q.node_index(se.query.text.trim());
            exact
                .into_iter()
                .chain(
                    (0..q.nodes.len())
                        .filter(|&i| Some(i) != exact && starts_with_lower(&q.nodes[i].id, &query)),
                )
                .take(MAX_RESULTS)
                .collect()
        }
        SearchKind::Text => {
            let words: Vec<&str> = query.split_whitespace().collect();
            let index = s.search_index.get_or_insert_with(|| SearchIndex::new(q));
            index
                .find(&words, MAX_RESULTS)
                .into_iter()
                .map(|p| q.questions[p])
                .collect()
        }
    };
}

/// Whether `id`, lower-cased, starts with `prefix` (already lower case). Ids are nearly
/// always ASCII: those are compared in place, without a lower-cased copy per id per key.
fn starts_with_lower(id: &str, prefix: &str) -> bool {
    if id.is_ascii() {
        let (i, p) = (id.as_bytes(), prefix.as_bytes());
        return i.len() >= p.len() && i[..p.len()].eq_ignore_ascii_case(p);
    }
    id.to_lowercase().starts_with(prefix)
}

#[cfg(test)]
mod tests;
