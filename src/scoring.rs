//! The scoring of SPEC §2, as one pure function: questionnaire and answers in, a `Score`
//! out. Every front end (the terminal app, `score`, `report`, `summary`) calls `score`.

use crate::answer::{Answer, Answers};
use crate::questionnaire::{NodeKind, Question, Questionnaire, Requirement, Scale, ScaleKind};
use crate::text::{parse_decimal, round2};

/// Why an answer does not fit its question. Such answers are kept but scored as unanswered.
#[derive(Clone, Debug, PartialEq)]
pub enum Invalid {
    UnknownCode(String),
    OutOfRange { value: f64, min: f64, max: f64 },
    Negative(f64),
    ZeroDenominator,
    WrongType { expected: &'static str },
    NotANumber(String),
    NaNotAllowed,
    NaWithValue,
}

/// The state of one question's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    Unanswered,
    Answered(f64),
    NotApplicable,
    Invalid(Invalid),
}

impl State {
    /// Answered with a valid value or validly marked not applicable.
    pub fn is_done(&self) -> bool {
        matches!(self, State::Answered(_) | State::NotApplicable)
    }
}

/// Scores of one node (group or question).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeScore {
    /// P(n): the points this node is worth (0 when excluded).
    pub points: f64,
    pub earned: f64,
    /// Earned plus every open question at its lowest / highest score.
    pub floor: f64,
    pub ceiling: f64,
    /// Questions in the subtree, and how many of them are done (answered or N/A).
    pub questions: usize,
    pub answered: usize,
    pub excluded: bool,
}

impl NodeScore {
    pub fn percent(&self) -> Option<f64> {
        (self.points > 0.0).then(|| 100.0 * self.earned / self.points)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequirementResult {
    pub requirement: Requirement,
    /// The value compared (rounded to 2 decimals); `None` when the nodes are all excluded.
    pub actual: Option<f64>,
    pub holds: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PredicateResult {
    pub code: String,
    pub label: String,
    pub holds: bool,
    pub requirements: Vec<RequirementResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub index_exact: f64,
    /// `index_exact` rounded half away from zero to 2 decimals.
    pub index: f64,
    pub floor: f64,
    pub ceiling: f64,
    /// Index into the questionnaire's categories.
    pub category: usize,
    pub floor_category: usize,
    pub ceiling_category: usize,
    /// One entry per questionnaire node, same order.
    pub nodes: Vec<NodeScore>,
    /// One entry per questionnaire node; `Unanswered` for groups.
    pub states: Vec<State>,
    pub questions: usize,
    pub answered: usize,
    pub not_applicable: usize,
    /// Node indices of questions whose answer does not fit, in walking order.
    pub invalid: Vec<usize>,
    /// Answer ids that name no question, in the draft's order.
    pub orphaned: Vec<String>,
    pub predicates: Vec<PredicateResult>,
}

impl Score {
    /// The category is settled when the floor and the ceiling fall in one band.
    pub fn settled(&self) -> bool {
        self.floor_category == self.ceiling_category
    }

    pub fn unanswered(&self) -> usize {
        self.questions - self.answered
    }
}

/// Reads a number the way a user may have written it: a TOML number, or a string with a
/// decimal comma or dot.
fn number(v: &toml::Value) -> Result<f64, Invalid> {
    match v {
        toml::Value::Integer(i) => Ok(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Ok(*f),
        toml::Value::Float(f) => Err(Invalid::NotANumber(f.to_string())),
        toml::Value::String(s) => parse_decimal(s).ok_or_else(|| Invalid::NotANumber(s.clone())),
        _ => Err(Invalid::WrongType { expected: "number" }),
    }
}

/// The state of one answer to one question (SPEC §2.3 and §2.7).
pub fn evaluate(scale: &Scale, q: &Question, a: Option<&Answer>) -> State {
    match a {
        Some(a) => evaluate_answer(scale, q.na, a),
        None => State::Unanswered,
    }
}

/// [`evaluate`] for a given answer to a question that does or does not allow N/A.
fn evaluate_answer(scale: &Scale, na_allowed: bool, a: &Answer) -> State {
    if a.na {
        return if a.value.is_some() {
            State::Invalid(Invalid::NaWithValue)
        } else if na_allowed {
            State::NotApplicable
        } else {
            State::Invalid(Invalid::NaNotAllowed)
        };
    }
    let Some(v) = &a.value else {
        return State::Unanswered;
    };
    match value_score(scale, v) {
        Ok(s) => State::Answered(s),
        Err(e) => State::Invalid(e),
    }
}

/// The score in [0, 1] of a value on a scale, or why it does not fit.
pub fn value_score(scale: &Scale, v: &toml::Value) -> Result<f64, Invalid> {
    match &scale.kind {
        ScaleKind::Choice { options } => {
            let toml::Value::String(code) = v else {
                return Err(Invalid::WrongType { expected: "code" });
            };
            options
                .iter()
                .find(|o| &o.code == code)
                .map(|o| o.score)
                .ok_or_else(|| Invalid::UnknownCode(code.clone()))
        }
        ScaleKind::Percent => {
            let x = number(v)?;
            if x < 0.0 {
                return Err(Invalid::Negative(x));
            }
            Ok(x.min(100.0) / 100.0)
        }
        ScaleKind::Number {
            min,
            max,
            zero,
            full,
        } => {
            let x = number(v)?;
            if x < *min || x > *max {
                return Err(Invalid::OutOfRange {
                    value: x,
                    min: *min,
                    max: *max,
                });
            }
            Ok(((x - zero) / (full - zero)).clamp(0.0, 1.0))
        }
        ScaleKind::Ratio => {
            let toml::Value::Array(items) = v else {
                return Err(Invalid::WrongType { expected: "pair" });
            };
            let [n, d] = items.as_slice() else {
                return Err(Invalid::WrongType { expected: "pair" });
            };
            let (n, d) = (number(n)?, number(d)?);
            if n < 0.0 {
                return Err(Invalid::Negative(n));
            }
            if d <= 0.0 {
                return if d == 0.0 {
                    Err(Invalid::ZeroDenominator)
                } else {
                    Err(Invalid::Negative(d))
                };
            }
            Ok((n / d).min(1.0))
        }
    }
}

/// Scores `answers` against `q` (SPEC §2).
///
/// Linear in the size of the questionnaire plus the draft: each answer is looked up once
/// by id (not each question in the draft), and the tree is walked a few times in node
/// order over flat vectors.
pub fn score(q: &Questionnaire, answers: &Answers) -> Score {
    let n = q.nodes.len();
    let mut states = vec![State::Unanswered; n];

    // Answers to questions get their state; the rest are orphaned, in the draft's order.
    let mut orphaned = Vec::new();
    for (id, a) in answers {
        match q.node_index(id).map(|i| (i, &q.nodes[i].kind)) {
            Some((i, NodeKind::Question(question))) => {
                states[i] = evaluate_answer(q.scale_of(question), question.na, a);
            }
            _ => orphaned.push(id.clone()),
        }
    }
    score_states(q, states, orphaned)
}

/// The rest of [`score`] once every node's state is known (`Unanswered` for groups) and
/// the orphaned answer ids: for a caller that changed one answer of a scored draft and has
/// its new state from [`evaluate`], so the other answers need not be looked up again (the
/// terminal app, on every key that answers). The result is the same as [`score`]'s.
pub fn score_states(q: &Questionnaire, states: Vec<State>, orphaned: Vec<String>) -> Score {
    let n = q.nodes.len();
    let mut nodes = vec![NodeScore::default(); n];

    let mut invalid = Vec::new();
    let (mut answered, mut not_applicable) = (0, 0);
    for &i in &q.questions {
        match &states[i] {
            State::Invalid(_) => invalid.push(i),
            State::NotApplicable => {
                not_applicable += 1;
                nodes[i].excluded = true;
            }
            _ => {}
        }
        if states[i].is_done() {
            answered += 1;
        }
    }

    // Exclusion bottom-up: a group whose children are all excluded is excluded.
    for i in (0..n).rev() {
        if let NodeKind::Group { children } = &q.nodes[i].kind {
            nodes[i].excluded = children.iter().all(|&c| nodes[c].excluded);
        }
    }

    // Points top-down (parents come before children in walking order).
    share(q.total, &q.roots, q, &mut nodes);
    for i in 0..n {
        if let NodeKind::Group { children } = &q.nodes[i].kind {
            share(nodes[i].points, children, q, &mut nodes);
        }
    }

    // Earned, band and counts bottom-up. A group sums its children in registers, last child
    // first (the order a child-to-parent walk in reverse would add them), and is written once.
    let ranges: Vec<(f64, f64)> = q.scales.iter().map(Scale::score_range).collect();
    for i in (0..n).rev() {
        match &q.nodes[i].kind {
            NodeKind::Question(question) => {
                let ns = &mut nodes[i];
                ns.questions = 1;
                let (lo, hi) = ranges[question.scale];
                match states[i] {
                    State::Answered(s) => {
                        ns.answered = 1;
                        ns.earned = ns.points * s;
                        ns.floor = ns.earned;
                        ns.ceiling = ns.earned;
                    }
                    State::NotApplicable => ns.answered = 1,
                    State::Unanswered | State::Invalid(_) => {
                        ns.floor = ns.points * lo;
                        ns.ceiling = ns.points * hi;
                    }
                }
            }
            NodeKind::Group { children } => {
                let (mut earned, mut floor, mut ceiling) = (0.0, 0.0, 0.0);
                let (mut questions, mut answered) = (0, 0);
                for &c in children.iter().rev() {
                    let cs = &nodes[c];
                    earned += cs.earned;
                    floor += cs.floor;
                    ceiling += cs.ceiling;
                    questions += cs.questions;
                    answered += cs.answered;
                }
                let ns = &mut nodes[i];
                ns.earned = earned;
                ns.floor = floor;
                ns.ceiling = ceiling;
                ns.questions = questions;
                ns.answered = answered;
            }
        }
    }
    let sum = |f: fn(&NodeScore) -> f64| q.roots.iter().map(|&r| f(&nodes[r])).sum::<f64>();
    let index_exact = sum(|s| s.earned);
    // Literally SPEC §2.5. With the usual scales (lowest score 0) floor <= index_exact; a
    // choice scale whose lowest option scores above 0 puts the floor above the index,
    // which is the truth: no final answer can land lower.
    let floor = sum(|s| s.floor);
    let ceiling = sum(|s| s.ceiling);
    let index = round2(index_exact);

    let predicates = q
        .predicates
        .iter()
        .map(|p| {
            let requirements: Vec<RequirementResult> = p
                .require
                .iter()
                .map(|r| requirement(q, &nodes, index, r))
                .collect();
            PredicateResult {
                code: p.code.clone(),
                label: p.label.clone(),
                holds: requirements.iter().all(|r| r.holds),
                requirements,
            }
        })
        .collect();

    Score {
        index_exact,
        index,
        floor,
        ceiling,
        category: q.category_for(index),
        floor_category: q.category_for(round2(floor)),
        ceiling_category: q.category_for(round2(ceiling)),
        nodes,
        states,
        questions: q.questions.len(),
        answered,
        not_applicable,
        invalid,
        orphaned,
        predicates,
    }
}

/// Gives each applicable child its share of `points` by relative weight (SPEC §2.1–2.2).
fn share(points: f64, children: &[usize], q: &Questionnaire, nodes: &mut [NodeScore]) {
    let sum: f64 = children
        .iter()
        .filter(|&&c| !nodes[c].excluded)
        .map(|&c| q.nodes[c].weight)
        .sum();
    for &c in children {
        nodes[c].points = if nodes[c].excluded || sum <= 0.0 {
            0.0
        } else {
            points * q.nodes[c].weight / sum
        };
    }
}

fn requirement(
    q: &Questionnaire,
    nodes: &[NodeScore],
    index: f64,
    r: &Requirement,
) -> RequirementResult {
    let totals = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| q.node_index(id))
            .fold((0.0, 0.0), |(e, p), i| {
                (e + nodes[i].earned, p + nodes[i].points)
            })
    };
    let (actual, holds) = match r {
        Requirement::MinIndex(m) => (Some(index), index >= *m),
        Requirement::MinPoints { nodes: ids, min } => {
            let v = round2(totals(ids).0);
            (Some(v), v >= *min)
        }
        Requirement::MinPercent { nodes: ids, min } => {
            let (earned, possible) = totals(ids);
            if possible > 0.0 {
                let v = round2(100.0 * earned / possible);
                (Some(v), v >= *min)
            } else {
                (None, true)
            }
        }
    };
    RequirementResult {
        requirement: r.clone(),
        actual,
        holds,
    }
}
