//! The Inspektorat's roll-up: one row per draft, and per questionnaire the count, mean,
//! median, min, max, units per category and the groups where units are weakest.

use std::collections::BTreeMap;

use crate::draft::Draft;
use crate::questionnaire::{NodeKind, Questionnaire};
use crate::scoring::Score;

/// One draft in the roll-up; `error` set when it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub path: String,
    pub unit: String,
    pub period: String,
    pub questionnaire: String,
    pub status: String,
    pub answered: usize,
    pub questions: usize,
    pub index: Option<f64>,
    pub category: Option<String>,
    pub floor: Option<f64>,
    pub ceiling: Option<f64>,
    pub error: Option<String>,
}

impl Row {
    pub fn scored(path: &str, q: &Questionnaire, d: &Draft, s: &Score) -> Row {
        Row {
            path: path.to_string(),
            unit: d.unit.clone(),
            period: d.period.clone(),
            questionnaire: format!("{} {}", q.id, q.version),
            status: d.status.as_str().to_string(),
            answered: s.answered,
            questions: s.questions,
            index: Some(s.index),
            category: Some(q.categories[s.category].code.clone()),
            floor: Some(s.floor),
            ceiling: Some(s.ceiling),
            error: None,
        }
    }

    pub fn failed(path: &str, error: String) -> Row {
        Row {
            path: path.to_string(),
            unit: String::new(),
            period: String::new(),
            questionnaire: String::new(),
            status: String::new(),
            answered: 0,
            questions: 0,
            index: None,
            category: None,
            floor: None,
            ceiling: None,
            error: Some(error),
        }
    }
}

/// Figures for the drafts of one questionnaire (id and version).
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub questionnaire: String,
    pub count: usize,
    pub mean: f64,
    pub median: f64,
    pub min: f64,
    pub max: f64,
    /// Units per category code, in the questionnaire's band order.
    pub categories: Vec<(String, usize)>,
    /// Groups (down to areas) with the lowest mean percentage, weakest first.
    pub weakest: Vec<WeakGroup>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WeakGroup {
    pub id: String,
    pub title: String,
    pub mean_percent: f64,
    pub units: usize,
}

/// Collects rows and per-questionnaire figures as drafts are added.
#[derive(Default)]
pub struct Rollup {
    pub rows: Vec<Row>,
    groups: BTreeMap<String, Acc>,
}

struct Acc {
    indexes: Vec<f64>,
    categories: Vec<(String, usize)>,
    /// id → (title, depth, sum of percent, units counted), in walking order.
    groups: Vec<(String, String, f64, usize)>,
}

/// Groups this deep and shallower are compared in `weakest` (components, sub-components,
/// areas); deeper ones are too many to read.
const WEAK_DEPTH: usize = 2;
const WEAK_SHOWN: usize = 5;

impl Rollup {
    pub fn add(&mut self, path: &str, q: &Questionnaire, d: &Draft, s: &Score) {
        let row = Row::scored(path, q, d, s);
        let acc = self
            .groups
            .entry(row.questionnaire.clone())
            .or_insert_with(|| Acc {
                indexes: Vec::new(),
                categories: q.categories.iter().map(|c| (c.code.clone(), 0)).collect(),
                groups: q
                    .nodes
                    .iter()
                    .filter(|n| matches!(n.kind, NodeKind::Group { .. }) && n.depth <= WEAK_DEPTH)
                    .map(|n| (n.id.clone(), crate::text::clean_line(&n.text), 0.0, 0))
                    .collect(),
            });
        acc.indexes.push(s.index);
        if let Some(c) = acc.categories.get_mut(s.category) {
            c.1 += 1;
        }
        for g in acc.groups.iter_mut() {
            if let Some(p) = q.node_index(&g.0).and_then(|i| s.nodes[i].percent()) {
                g.2 += p;
                g.3 += 1;
            }
        }
        self.rows.push(row);
    }

    pub fn add_error(&mut self, path: &str, error: String) {
        self.rows.push(Row::failed(path, error));
    }

    pub fn errors(&self) -> usize {
        self.rows.iter().filter(|r| r.error.is_some()).count()
    }

    /// Rows by index, highest first; unreadable drafts last, by path.
    pub fn sorted_rows(&self) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by(|a, b| match (a.index, b.index) {
            (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.unit.cmp(&b.unit)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.path.cmp(&b.path),
        });
        rows
    }

    pub fn stats(&self) -> Vec<Stats> {
        self.groups
            .iter()
            .map(|(id, acc)| {
                let mut v = acc.indexes.clone();
                v.sort_by(f64::total_cmp);
                let n = v.len();
                let median = if n == 0 {
                    0.0
                } else if n % 2 == 1 {
                    v[n / 2]
                } else {
                    (v[n / 2 - 1] + v[n / 2]) / 2.0
                };
                let mut weakest: Vec<WeakGroup> = acc
                    .groups
                    .iter()
                    .filter(|g| g.3 > 0)
                    .map(|g| WeakGroup {
                        id: g.0.clone(),
                        title: g.1.clone(),
                        mean_percent: g.2 / g.3 as f64,
                        units: g.3,
                    })
                    .collect();
                weakest.sort_by(|a, b| a.mean_percent.total_cmp(&b.mean_percent));
                weakest.truncate(WEAK_SHOWN);
                Stats {
                    questionnaire: id.clone(),
                    count: n,
                    mean: if n == 0 {
                        0.0
                    } else {
                        v.iter().sum::<f64>() / n as f64
                    },
                    median,
                    min: v.first().copied().unwrap_or(0.0),
                    max: v.last().copied().unwrap_or(0.0),
                    categories: acc.categories.clone(),
                    weakest,
                }
            })
            .collect()
    }
}
