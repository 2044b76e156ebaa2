//! The rules of SPEC §1 that need the whole questionnaire: categories, predicates and the
//! scoring examples (which run only when everything else is sound).

use std::collections::HashSet;

use super::{Questionnaire, Requirement};
use crate::problem::{Problem, ProblemKind, Severity};
use crate::scoring::{self, State};

pub(super) fn validate(q: &mut Questionnaire, p: &mut Vec<Problem>) {
    check_categories(q, p);
    check_predicates(q, p);
    if p.iter().all(|x| x.severity != Severity::Error) {
        check_examples(q, p);
    }
}

fn check_categories(q: &Questionnaire, p: &mut Vec<Problem>) {
    if q.categories.is_empty() {
        p.push(Problem::error(Some(0..0), ProblemKind::NoCategories));
        return;
    }
    let last = q.categories.len() - 1;
    let mut previous: Option<f64> = None;
    let mut seen = HashSet::new();
    for (i, c) in q.categories.iter().enumerate() {
        if !seen.insert(c.code.as_str()) {
            p.push(Problem::error(
                Some(c.span.clone()),
                ProblemKind::DuplicateCode2 {
                    what: "category",
                    code: c.code.clone(),
                },
            ));
        }
        match (c.above, i == last) {
            (None, false) => p.push(Problem::error(
                Some(c.span.clone()),
                ProblemKind::CategoryWithoutAbove {
                    code: c.code.clone(),
                },
            )),
            (Some(_), true) => p.push(Problem::error(
                Some(c.span.clone()),
                ProblemKind::LastCategoryHasAbove {
                    code: c.code.clone(),
                },
            )),
            (Some(a), false) => {
                if let Some(prev) = previous
                    && a >= prev
                {
                    p.push(Problem::error(
                        Some(c.span.clone()),
                        ProblemKind::CategoryOrder {
                            code: c.code.clone(),
                            above: a,
                            previous: prev,
                        },
                    ));
                }
                previous = Some(a);
            }
            (None, true) => {}
        }
    }
}

fn check_predicates(q: &Questionnaire, p: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for pr in &q.predicates {
        if !seen.insert(pr.code.as_str()) {
            p.push(Problem::error(
                Some(pr.span.clone()),
                ProblemKind::DuplicateCode2 {
                    what: "predicate",
                    code: pr.code.clone(),
                },
            ));
        }
        for r in &pr.require {
            let nodes = match r {
                Requirement::MinIndex(_) => continue,
                Requirement::MinPoints { nodes, .. } | Requirement::MinPercent { nodes, .. } => {
                    nodes
                }
            };
            let listed: HashSet<usize> = nodes.iter().filter_map(|id| q.node_index(id)).collect();
            for id in nodes {
                let Some(i) = q.node_index(id) else {
                    p.push(Problem::error(
                        Some(pr.span.clone()),
                        ProblemKind::PredicateUnknownNode {
                            code: pr.code.clone(),
                            node: id.clone(),
                        },
                    ));
                    continue;
                };
                // Points are summed over the listed nodes (SPEC §2.8), so a node inside
                // another listed one counts twice: allowed by the SPEC, but rarely meant.
                let mut up = q.nodes[i].parent;
                while let Some(a) = up {
                    if listed.contains(&a) {
                        p.push(Problem::warning(
                            Some(pr.span.clone()),
                            ProblemKind::PredicateNodesOverlap {
                                code: pr.code.clone(),
                                node: id.clone(),
                                within: q.nodes[a].id.clone(),
                            },
                        ));
                        break;
                    }
                    up = q.nodes[a].parent;
                }
            }
        }
    }
}

fn check_examples(q: &Questionnaire, p: &mut Vec<Problem>) {
    for ex in &q.examples {
        let s = scoring::score(q, &ex.answers);
        let mut sound = true;
        for id in &s.orphaned {
            sound = false;
            p.push(Problem::error(
                Some(ex.span.clone()),
                ProblemKind::ExampleUnknownQuestion {
                    name: ex.name.clone(),
                    id: id.clone(),
                },
            ));
        }
        for &i in &s.invalid {
            sound = false;
            if let State::Invalid(why) = &s.states[i] {
                p.push(Problem::error(
                    Some(ex.span.clone()),
                    ProblemKind::ExampleInvalidAnswer {
                        name: ex.name.clone(),
                        id: q.nodes[i].id.clone(),
                        why: why.clone(),
                    },
                ));
            }
        }
        if !sound {
            continue;
        }
        if (s.index_exact - ex.index).abs() > 0.005 + 1e-9 {
            p.push(Problem::error(
                Some(ex.span.clone()),
                ProblemKind::ExampleIndex {
                    name: ex.name.clone(),
                    expected: ex.index,
                    got: s.index_exact,
                },
            ));
        }
        for (code, expected) in &ex.predicates {
            match s.predicates.iter().find(|p| &p.code == code) {
                None => p.push(Problem::error(
                    Some(ex.span.clone()),
                    ProblemKind::ExampleUnknownPredicate {
                        name: ex.name.clone(),
                        code: code.clone(),
                    },
                )),
                Some(r) if r.holds != *expected => p.push(Problem::error(
                    Some(ex.span.clone()),
                    ProblemKind::ExamplePredicate {
                        name: ex.name.clone(),
                        code: code.clone(),
                        expected: *expected,
                    },
                )),
                Some(_) => {}
            }
        }
        let got = &q.categories[s.category].code;
        if got != &ex.category {
            p.push(Problem::error(
                Some(ex.span.clone()),
                ProblemKind::ExampleCategory {
                    name: ex.name.clone(),
                    expected: ex.category.clone(),
                    got: got.clone(),
                },
            ));
        }
    }
}
