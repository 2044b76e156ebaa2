//! Loading a questionnaire file: TOML with positions → model, collecting every problem.

use indexmap::IndexMap;
use toml::de::{DeTable, DeValue};

use super::{
    Category, Choice, Example, Node, NodeKind, Predicate, Question, Questionnaire, Requirement,
    Scale, ScaleKind,
};
use crate::answer::Answer;
use crate::problem::{Problem, ProblemKind, Severity};
use crate::text;
use crate::tomlread::pieces::{self, Section};
use crate::tomlread::{self, Fields, Span};

/// The questionnaire (when it has no errors) and every problem found, errors and warnings.
#[derive(Debug)]
pub struct LoadResult {
    pub questionnaire: Option<Questionnaire>,
    pub problems: Vec<Problem>,
}

impl LoadResult {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

struct RawNode {
    id: String,
    id_span: Span,
    span: Span,
    text: String,
    weight: Option<f64>,
    guidance: Option<String>,
    evidence: Vec<String>,
    relative_weights: bool,
    question: Option<RawQuestion>,
}

struct RawQuestion {
    scale: String,
    scale_span: Span,
    criteria: IndexMap<String, String>,
    criteria_span: Option<Span>,
    na: bool,
    numerator: Option<String>,
    denominator: Option<String>,
}

/// The sections read one at a time, in [`Section`] order: 0 groups, 1 questions.
const SECTIONS: [Section; 2] = [
    Section {
        key: "group",
        array: true,
    },
    Section {
        key: "question",
        array: true,
    },
];

pub fn load_str(src: &str) -> LoadResult {
    if src.len() >= pieces::FROM_SIZE
        && let Some(r) = load_in_pieces(src)
    {
        return r;
    }
    load_whole(src)
}

/// The whole file parsed as one document.
fn load_whole(src: &str) -> LoadResult {
    match tomlread::parse(src) {
        Ok(doc) => finish(src, doc.get_ref(), doc.span(), Vec::new(), Vec::new()),
        Err(problems) => LoadResult {
            questionnaire: None,
            problems,
        },
    }
}

/// Every group and question parsed on its own, then the rest of the file. `None` when the
/// file has a syntax error or a shape the cut does not handle: [`load_whole`] then reports
/// exactly what it would have.
fn load_in_pieces(src: &str) -> Option<LoadResult> {
    let split = pieces::split(src, &SECTIONS)?;
    if split.pieces.is_empty() {
        return None;
    }
    let rest = tomlread::parse(&split.rest).ok()?;
    if SECTIONS.iter().any(|s| rest.get_ref().contains_key(s.key)) {
        return None;
    }
    let mut p = Vec::new();
    let mut nodes = Vec::with_capacity(split.pieces.len());
    for piece in &split.pieces {
        let doc = pieces::parse_piece(src, piece)?;
        let item = pieces::array_element(&doc, SECTIONS[piece.section].key)?;
        let DeValue::Table(t) = item.get_ref() else {
            return None;
        };
        let before = p.len();
        let node = read_node(t, item.span(), &mut p, piece.section == 1);
        let by = piece.range.start;
        pieces::shift_problems(&mut p[before..], by);
        if let Some(mut n) = node {
            pieces::shift(&mut n.id_span, by);
            pieces::shift(&mut n.span, by);
            if let Some(q) = n.question.as_mut() {
                pieces::shift(&mut q.scale_span, by);
                if let Some(c) = q.criteria_span.as_mut() {
                    pieces::shift(c, by);
                }
            }
            nodes.push(n);
        }
    }
    Some(finish(src, rest.get_ref(), rest.span(), nodes, p))
}

/// Reads the document's root (the whole file, or the rest when groups and questions were
/// read as pieces into `nodes`, with `node_problems`), builds the tree and validates it.
fn finish(
    src: &str,
    root: &DeTable<'_>,
    root_span: Span,
    nodes: Vec<RawNode>,
    node_problems: Vec<Problem>,
) -> LoadResult {
    let mut p = Vec::new();
    let mut f = Fields::new(root, root_span, &mut p);

    f.schema();
    let id = f.req_str("id").map(|s| s.0).unwrap_or_default();
    let version = f.req_str("version").map(|s| s.0).unwrap_or_default();
    let title = f.req_str("title").map(|s| s.0).unwrap_or_default();
    let basis = f.opt_str("basis").map(|s| s.0).unwrap_or_default();
    let total = match f.opt_num("total") {
        Some((t, span)) if t <= 0.0 => {
            f.problems().push(Problem::error(
                Some(span),
                ProblemKind::BadNumber {
                    field: "total".into(),
                    value: t,
                },
            ));
            100.0
        }
        Some((t, _)) => t,
        None => 100.0,
    };

    let scales = f
        .opt_table("scales")
        .map(|(t, _)| read_scales(t, f.problems()))
        .unwrap_or_default();
    let categories = read_array(&mut f, "category", read_category);
    let groups = read_array(&mut f, "group", |t, s, p| read_node(t, s, p, false));
    let questions = read_array(&mut f, "question", |t, s, p| read_node(t, s, p, true));
    // Where a whole parse reports them: problems at one position keep this order below.
    f.problems().extend(node_problems);
    let predicates = read_array(&mut f, "predicate", read_predicate);
    let examples = read_array(&mut f, "example", read_example);
    f.warn_unused();

    // Groups and questions interleaved in file order. Read in pieces they already are (and
    // the rest has none): no copy and no sort of ten thousand nodes then.
    let mut raw = nodes;
    raw.extend(groups);
    raw.extend(questions);
    if !raw.is_sorted_by_key(|n| n.span.start) {
        raw.sort_by_key(|n| n.span.start);
    }

    let scale_index: foldhash::HashMap<&str, usize> = scales
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let (nodes, roots, questions, by_id) =
        build_tree(src, raw, &scale_index, &scales, total, &mut p);

    let mut q = Questionnaire {
        id,
        version,
        title,
        basis,
        total,
        scales,
        categories,
        nodes,
        roots,
        questions,
        predicates,
        examples,
        by_id,
    };
    super::validate::validate(&mut q, &mut p);
    let has_errors = p.iter().any(|x| x.severity == Severity::Error);
    p.sort_by_key(|x| x.span.as_ref().map(|s| s.start).unwrap_or(0));
    LoadResult {
        questionnaire: if has_errors { None } else { Some(q) },
        problems: p,
    }
}

fn read_array<'t, 'i, T>(
    f: &mut Fields<'t, 'i, '_>,
    key: &'static str,
    read: impl Fn(&DeTable<'i>, Span, &mut Vec<Problem>) -> Option<T>,
) -> Vec<T> {
    let Some(tables) = f.opt_tables(key) else {
        return Vec::new();
    };
    tables
        .items
        .into_iter()
        .filter_map(|(t, span)| read(t, span, f.problems()))
        .collect()
}

fn read_scales(t: &DeTable<'_>, p: &mut Vec<Problem>) -> Vec<Scale> {
    let mut out = Vec::new();
    for (key, v) in t.iter() {
        let id = key.get_ref().to_string();
        let DeValue::Table(st) = v.get_ref() else {
            p.push(Problem::error(
                Some(v.span()),
                ProblemKind::WrongType {
                    field: format!("scales.{id}"),
                    expected: "table",
                    found: tomlread::type_name(v.get_ref()),
                },
            ));
            continue;
        };
        let mut f = Fields::new(st, key.span(), p);
        let Some((kind, kind_span)) = f.req_str("kind") else {
            f.warn_unused();
            continue;
        };
        let kind = match kind.as_str() {
            "choice" => {
                let mut options = Vec::new();
                match f.opt_tables("options") {
                    Some(tables) => {
                        let mut seen: foldhash::HashSet<String> = Default::default();
                        for (ot, item_span) in tables.items {
                            let mut of = Fields::new(ot, item_span, f.problems());
                            let code = of.req_str("code");
                            let label = of.opt_str("label").map(|s| s.0);
                            let score = of.req_num("score");
                            of.warn_unused();
                            let (Some((code, code_span)), Some((score, score_span))) =
                                (code, score)
                            else {
                                continue;
                            };
                            if code.trim().is_empty() || code.chars().any(char::is_control) {
                                f.problems().push(Problem::error(
                                    Some(code_span.clone()),
                                    ProblemKind::InvalidId { id: code.clone() },
                                ));
                            }
                            if !seen.insert(code.clone()) {
                                f.problems().push(Problem::error(
                                    Some(code_span),
                                    ProblemKind::DuplicateCode {
                                        scale: id.clone(),
                                        code: code.clone(),
                                    },
                                ));
                            }
                            if !(0.0..=1.0).contains(&score) {
                                f.problems().push(Problem::error(
                                    Some(score_span),
                                    ProblemKind::ScoreOutOfRange {
                                        scale: id.clone(),
                                        code: code.clone(),
                                        score,
                                    },
                                ));
                            }
                            options.push(Choice {
                                label: label.unwrap_or_else(|| code.clone()),
                                code,
                                score,
                            });
                        }
                        if tables.empty {
                            f.problems().push(Problem::error(
                                Some(tables.span),
                                ProblemKind::EmptyChoice { scale: id.clone() },
                            ));
                        }
                    }
                    None => {
                        if f.table.get("options").is_none() {
                            f.problems().push(Problem::error(
                                Some(key.span()),
                                ProblemKind::MissingField {
                                    field: "options".into(),
                                },
                            ));
                        }
                    }
                }
                ScaleKind::Choice { options }
            }
            "percent" => ScaleKind::Percent,
            "ratio" => ScaleKind::Ratio,
            "number" => {
                let min = f.req_num("min");
                let max = f.req_num("max");
                let zero = f.opt_num("zero");
                let full = f.opt_num("full");
                let (Some((min, min_span)), Some((max, _))) = (min, max) else {
                    f.warn_unused();
                    continue;
                };
                if min >= max {
                    f.problems().push(Problem::error(
                        Some(min_span),
                        ProblemKind::MinNotBelowMax {
                            scale: id.clone(),
                            min,
                            max,
                        },
                    ));
                }
                let zero_v = zero.as_ref().map(|z| z.0).unwrap_or(0.0);
                let full_v = full.as_ref().map(|z| z.0).unwrap_or(max);
                if zero_v == full_v {
                    let span = full.or(zero).map(|z| z.1).unwrap_or(key.span());
                    f.problems().push(Problem::error(
                        Some(span),
                        ProblemKind::ZeroEqualsFull { scale: id.clone() },
                    ));
                }
                ScaleKind::Number {
                    min,
                    max,
                    zero: zero_v,
                    full: full_v,
                }
            }
            other => {
                f.problems().push(Problem::error(
                    Some(kind_span),
                    ProblemKind::UnknownScaleKind {
                        scale: id.clone(),
                        kind: other.to_string(),
                    },
                ));
                f.warn_unused();
                continue;
            }
        };
        f.warn_unused();
        out.push(Scale { id, kind });
    }
    out
}

fn read_category(t: &DeTable<'_>, span: Span, p: &mut Vec<Problem>) -> Option<Category> {
    let mut f = Fields::new(t, span.clone(), p);
    let code = f.req_str("code").map(|s| s.0);
    let label = f.opt_str("label").map(|s| s.0);
    let above = f.opt_num("above").map(|a| a.0);
    f.warn_unused();
    let code = code?;
    Some(Category {
        label: label.unwrap_or_else(|| code.clone()),
        code,
        above,
        span,
    })
}

fn read_node(t: &DeTable<'_>, span: Span, p: &mut Vec<Problem>, question: bool) -> Option<RawNode> {
    let mut f = Fields::new(t, span.clone(), p);
    let id = f.req_str("id");
    let text = if question {
        f.req_str("text")
    } else {
        f.req_str("title")
    };
    let weight = match f.opt_num("weight") {
        Some((w, wspan)) if w < 0.0 => {
            f.problems().push(Problem::error(
                Some(wspan),
                ProblemKind::BadNumber {
                    field: "weight".into(),
                    value: w,
                },
            ));
            None
        }
        other => other.map(|w| w.0),
    };
    let guidance = f.opt_str("guidance").map(|s| s.0);
    let evidence = f.opt_str_list("evidence").unwrap_or_default();
    let q = if question {
        let scale = f.req_str("scale");
        let mut criteria = IndexMap::new();
        let mut criteria_span = None;
        if let Some((ct, cspan)) = f.opt_table("criteria") {
            criteria_span = Some(cspan);
            for (k, v) in ct.iter() {
                match v.get_ref() {
                    DeValue::String(s) => {
                        criteria.insert(k.get_ref().to_string(), s.to_string());
                    }
                    other => {
                        let found = tomlread::type_name(other);
                        f.problems().push(Problem::error(
                            Some(v.span()),
                            ProblemKind::WrongType {
                                field: format!("criteria.{}", k.get_ref()),
                                expected: "string",
                                found,
                            },
                        ));
                    }
                }
            }
        }
        let na = f.opt_bool("na").map(|b| b.0).unwrap_or(false);
        let numerator = f.opt_str("numerator").map(|s| s.0);
        let denominator = f.opt_str("denominator").map(|s| s.0);
        scale.map(|(scale, scale_span)| RawQuestion {
            scale,
            scale_span,
            criteria,
            criteria_span,
            na,
            numerator,
            denominator,
        })
    } else {
        None
    };
    let relative_weights = if question {
        false
    } else {
        f.opt_bool("relative_weights").map(|b| b.0).unwrap_or(false)
    };
    f.warn_unused();
    let (id, id_span) = id?;
    if question && q.is_none() {
        return None;
    }
    Some(RawNode {
        id,
        id_span,
        span,
        text: text.map(|t| t.0).unwrap_or_default(),
        weight,
        guidance,
        evidence,
        relative_weights,
        question: q,
    })
}

fn read_predicate(t: &DeTable<'_>, span: Span, p: &mut Vec<Problem>) -> Option<Predicate> {
    let mut f = Fields::new(t, span.clone(), p);
    let code = f.req_str("code").map(|s| s.0);
    let label = f.opt_str("label").map(|s| s.0);
    let mut require = Vec::new();
    let code_s = code.clone().unwrap_or_default();
    match f.opt_tables("require") {
        Some(tables) => {
            if tables.empty {
                f.problems().push(Problem::error(
                    Some(tables.span),
                    ProblemKind::PredicateEmpty {
                        code: code_s.clone(),
                    },
                ));
            }
            for (rt, item_span) in tables.items {
                let mut rf = Fields::new(rt, item_span.clone(), f.problems());
                let min_index = rf.opt_num("min_index").map(|x| x.0);
                let min_points = rf.opt_num("min_points").map(|x| x.0);
                let min_percent = rf.opt_num("min_percent").map(|x| x.0);
                let nodes = rf.opt_str_list("nodes");
                rf.warn_unused();
                let req = match (min_index, min_points, min_percent, nodes) {
                    (Some(m), None, None, None) => Some(Requirement::MinIndex(m)),
                    (None, Some(m), None, Some(nodes)) if !nodes.is_empty() => {
                        Some(Requirement::MinPoints { nodes, min: m })
                    }
                    (None, None, Some(m), Some(nodes)) if !nodes.is_empty() => {
                        Some(Requirement::MinPercent { nodes, min: m })
                    }
                    _ => None,
                };
                match req {
                    Some(r) => require.push(r),
                    None => f.problems().push(Problem::error(
                        Some(item_span),
                        ProblemKind::RequirementShape {
                            code: code_s.clone(),
                        },
                    )),
                }
            }
        }
        None => {
            if f.table.get("require").is_none() {
                f.problems().push(Problem::error(
                    Some(span.clone()),
                    ProblemKind::PredicateEmpty {
                        code: code_s.clone(),
                    },
                ));
            }
        }
    }
    f.warn_unused();
    let code = code?;
    Some(Predicate {
        label: label.unwrap_or_else(|| code.clone()),
        code,
        require,
        span,
    })
}

fn read_example(t: &DeTable<'_>, span: Span, p: &mut Vec<Problem>) -> Option<Example> {
    let mut f = Fields::new(t, span.clone(), p);
    let name = f.req_str("name").map(|s| s.0);
    let index = f.req_num("index").map(|s| s.0);
    let category = f.req_str("category").map(|s| s.0);
    let mut answers = IndexMap::new();
    if let Some((at, _)) = f.opt_table("answers") {
        answers.reserve(at.len());
        for (k, v) in at.iter() {
            let a = match v.get_ref() {
                DeValue::Table(t) => crate::answer::read(t, v.span(), f.problems()),
                // The short form `"A.1" = "Y"` for `"A.1" = { value = "Y" }`: examples list
                // every question, and a bare value is both easier to read and much cheaper
                // to parse than an inline table per answer.
                other => Answer::with_value(tomlread::to_value(other)),
            };
            answers.insert(k.get_ref().to_string(), a);
        }
    }
    let mut predicates = Vec::new();
    if let Some((pt, _)) = f.opt_table("predicates") {
        for (k, v) in pt.iter() {
            match v.get_ref() {
                DeValue::Boolean(b) => predicates.push((k.get_ref().to_string(), *b)),
                other => {
                    let found = tomlread::type_name(other);
                    f.problems().push(Problem::error(
                        Some(v.span()),
                        ProblemKind::WrongType {
                            field: format!("predicates.{}", k.get_ref()),
                            expected: "boolean",
                            found,
                        },
                    ));
                }
            }
        }
    }
    f.warn_unused();
    Some(Example {
        name: name?,
        index: index?,
        category: category?,
        answers,
        predicates,
        span,
    })
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id.split('.').all(|seg| !seg.is_empty())
        && !id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"')
}

type Tree = (
    Vec<Node>,
    Vec<usize>,
    Vec<usize>,
    foldhash::HashMap<String, usize>,
);

/// Checks ids and parents, and orders the nodes depth first with children in file order.
fn build_tree(
    src: &str,
    raw: Vec<RawNode>,
    scale_index: &foldhash::HashMap<&str, usize>,
    scales: &[Scale],
    total: f64,
    p: &mut Vec<Problem>,
) -> Tree {
    let mut first: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    // Built on the first duplicate only: a file may have many, and each names a line.
    let mut lines: Option<text::LineIndex<'_>> = None;
    let mut keep = vec![true; raw.len()];
    for (i, n) in raw.iter().enumerate() {
        if !valid_id(&n.id) {
            p.push(Problem::error(
                Some(n.id_span.clone()),
                ProblemKind::InvalidId { id: n.id.clone() },
            ));
            keep[i] = false;
            continue;
        }
        if let Some(&j) = first.get(n.id.as_str()) {
            let lines = lines.get_or_insert_with(|| text::LineIndex::new(src));
            let first_line = lines.line_col(raw[j].id_span.start).0;
            p.push(Problem::error(
                Some(n.id_span.clone()),
                ProblemKind::DuplicateId {
                    id: n.id.clone(),
                    first_line,
                },
            ));
            keep[i] = false;
        } else {
            first.insert(&n.id, i);
        }
    }
    // Parent links among the kept raw nodes.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); raw.len()];
    let mut top = Vec::new();
    for (i, n) in raw.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        match n.id.rfind('.') {
            None => top.push(i),
            Some(dot) => {
                let parent = &n.id[..dot];
                match first.get(parent) {
                    None => {
                        p.push(Problem::error(
                            Some(n.id_span.clone()),
                            ProblemKind::MissingParent {
                                id: n.id.clone(),
                                parent: parent.to_string(),
                            },
                        ));
                    }
                    Some(&j) if raw[j].question.is_some() => {
                        p.push(Problem::error(
                            Some(n.id_span.clone()),
                            ProblemKind::ParentNotGroup {
                                id: n.id.clone(),
                                parent: parent.to_string(),
                            },
                        ));
                    }
                    Some(&j) => children[j].push(i),
                }
            }
        }
    }
    // Depth-first order.
    let mut order: Vec<(usize, Option<usize>, usize)> = Vec::new(); // (raw, parent order idx, depth)
    let mut stack: Vec<(usize, Option<usize>, usize)> =
        top.iter().rev().map(|&i| (i, None, 0)).collect();
    while let Some((i, parent, depth)) = stack.pop() {
        let me = order.len();
        order.push((i, parent, depth));
        for &c in children[i].iter().rev() {
            stack.push((c, Some(me), depth + 1));
        }
    }
    let mut raw: Vec<Option<RawNode>> = raw.into_iter().map(Some).collect();
    let mut nodes: Vec<Node> = Vec::with_capacity(order.len());
    let mut roots = Vec::new();
    let mut questions = Vec::new();
    let mut by_id = foldhash::HashMap::default();
    by_id.reserve(order.len());
    let mut relative: Vec<bool> = Vec::with_capacity(order.len());
    for (idx, &(ri, parent, depth)) in order.iter().enumerate() {
        let Some(r) = raw[ri].take() else { continue };
        let kind = match r.question {
            Some(q) => {
                let scale = match scale_index.get(q.scale.as_str()) {
                    Some(&s) => s,
                    None => {
                        p.push(Problem::error(
                            Some(q.scale_span.clone()),
                            ProblemKind::UnknownScale {
                                id: r.id.clone(),
                                scale: q.scale.clone(),
                            },
                        ));
                        usize::MAX
                    }
                };
                if scale != usize::MAX {
                    check_question_fields(&r.id, &q, &scales[scale], p);
                }
                questions.push(idx);
                NodeKind::Question(Question {
                    scale,
                    criteria: q.criteria,
                    na: q.na,
                    numerator: q.numerator,
                    denominator: q.denominator,
                })
            }
            None => NodeKind::Group {
                children: Vec::new(),
            },
        };
        match parent {
            None => roots.push(idx),
            Some(pi) => {
                if let NodeKind::Group { children } = &mut nodes[pi].kind {
                    children.push(idx);
                }
            }
        }
        by_id.insert(r.id.clone(), idx);
        relative.push(r.relative_weights);
        nodes.push(Node {
            id: r.id,
            text: r.text,
            weight: r.weight.unwrap_or(1.0),
            weight_given: r.weight.is_some(),
            parent,
            depth,
            guidance: r.guidance,
            evidence: r.evidence,
            kind,
            span: r.span,
        });
    }
    // Group shape and weight sums.
    for i in 0..nodes.len() {
        let NodeKind::Group { children } = &nodes[i].kind else {
            continue;
        };
        let n = &nodes[i];
        if children.is_empty() {
            p.push(Problem::error(
                Some(n.span.clone()),
                ProblemKind::EmptyGroup { id: n.id.clone() },
            ));
            continue;
        }
        let groups = children
            .iter()
            .filter(|&&c| matches!(nodes[c].kind, NodeKind::Group { .. }))
            .count();
        if groups != 0 && groups != children.len() {
            p.push(Problem::error(
                Some(n.span.clone()),
                ProblemKind::MixedGroup { id: n.id.clone() },
            ));
        }
        if n.weight_given && !relative[i] {
            check_weight_sum(&n.id, n.weight, children, &nodes, n.span.clone(), p);
        }
    }
    check_weight_sum("", total, &roots, &nodes, 0..0, p);
    (nodes, roots, questions, by_id)
}

fn check_weight_sum(
    id: &str,
    weight: f64,
    children: &[usize],
    nodes: &[Node],
    span: Span,
    p: &mut Vec<Problem>,
) {
    if children.is_empty() || !children.iter().all(|&c| nodes[c].weight_given) {
        return;
    }
    let sum: f64 = children.iter().map(|&c| nodes[c].weight).sum();
    if (sum - weight).abs() > 1e-9 * weight.abs().max(1.0) {
        p.push(Problem::warning(
            Some(span),
            ProblemKind::WeightsDoNotAddUp {
                id: id.to_string(),
                sum,
                weight,
            },
        ));
    }
}

fn check_question_fields(id: &str, q: &RawQuestion, scale: &Scale, p: &mut Vec<Problem>) {
    match &scale.kind {
        ScaleKind::Choice { options } => {
            if let Some(span) = &q.criteria_span {
                for code in q.criteria.keys() {
                    if !options.iter().any(|o| &o.code == code) {
                        p.push(Problem::error(
                            Some(span.clone()),
                            ProblemKind::CriteriaUnknownCode {
                                id: id.to_string(),
                                code: code.clone(),
                            },
                        ));
                    }
                }
            }
        }
        _ => {
            if let Some(span) = &q.criteria_span {
                p.push(Problem::warning(
                    Some(span.clone()),
                    ProblemKind::FieldIgnored {
                        id: id.to_string(),
                        field: "criteria".into(),
                    },
                ));
            }
        }
    }
    if !matches!(scale.kind, ScaleKind::Ratio) && (q.numerator.is_some() || q.denominator.is_some())
    {
        p.push(Problem::warning(
            Some(q.scale_span.clone()),
            ProblemKind::FieldIgnored {
                id: id.to_string(),
                field: "numerator/denominator".into(),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tomlread::pieces::testing;

    /// Everything a load gives, in a form two loads can be compared by (the id index is a
    /// hash map, whose order differs between two maps).
    fn seen(r: &LoadResult) -> String {
        let q = r.questionnaire.as_ref().map(|q| {
            let mut ids: Vec<_> = q.by_id.iter().collect();
            ids.sort();
            format!(
                "{:?}",
                (
                    (&q.id, &q.version, &q.title, &q.basis, q.total),
                    (&q.scales, &q.categories, &q.nodes, &q.roots, &q.questions),
                    (&q.predicates, &q.examples, ids),
                )
            )
        });
        format!("{q:?}\n{:?}", r.problems)
    }

    fn in_pieces_or_whole(src: &str) -> LoadResult {
        load_in_pieces(src).unwrap_or_else(|| load_whole(src))
    }

    fn sources() -> Vec<String> {
        let mut v: Vec<String> = crate::catalog::embedded()
            .map(|e| e.src.to_string())
            .collect();
        v.push(crate::synth::questionnaire_toml(40));
        v
    }

    #[test]
    fn every_questionnaire_reads_the_same_in_pieces() {
        for src in sources() {
            assert!(load_in_pieces(&src).is_some(), "the cut is taken");
            assert_eq!(seen(&in_pieces_or_whole(&src)), seen(&load_whole(&src)));
        }
    }

    #[test]
    fn problems_in_pieces_name_the_same_places() {
        let src = "schema = 1\nid = \"x\"\nversion = \"1\"\ntitle = \"t\"\n\
                   [scales.YT]\nkind = \"percent\"\n[[category]]\ncode = \"D\"\n\
                   [[group]]\nid = \"A\"\ntitle = \"A\"\ntypo = 1\n\
                   [[question]]\nid = \"A.1\"\ntext = \"q\"\nscale = \"XX\"\n\
                   [question.criteria]\nY = 1\n\
                   [[question]]\nid = \"B.1\"\ntext = \"q\"\nscale = \"YT\"\n";
        let whole = load_whole(src);
        assert!(whole.problems.len() >= 4, "{:?}", whole.problems);
        assert_eq!(seen(&load_in_pieces(src).expect("cut")), seen(&whole));
    }

    /// A file that starts with a section header: the root's missing fields and the first
    /// piece's problems share position 0, and come in the whole parse's order.
    #[test]
    fn a_section_at_the_very_start_reads_the_same_in_pieces() {
        for src in sources() {
            let src = format!("[[question]]\n{src}");
            assert!(load_in_pieces(&src).is_some(), "the cut is taken");
            assert_eq!(seen(&in_pieces_or_whole(&src)), seen(&load_whole(&src)));
        }
    }

    #[test]
    fn a_root_key_that_clashes_with_the_sections_is_left_to_the_whole_parse() {
        let src = "question = []\n[[question]]\nid = \"A\"\n";
        assert!(load_in_pieces(src).is_none());
        assert!(load_whole(src).errors() > 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whatever is done to a file, reading it in pieces (or falling back to a whole
        /// parse) gives exactly what a whole parse gives: the same model, the same problems
        /// at the same places.
        #[test]
        fn edited_files_read_the_same_in_pieces(which in 0usize..4, edits in testing::edits()) {
            let sources = sources();
            let src = testing::apply(&sources[which % sources.len()], &edits);
            prop_assert_eq!(seen(&in_pieces_or_whole(&src)), seen(&load_whole(&src)));
        }
    }
}
