//! The questionnaire model: a tree of weighted groups and questions, the answer scales,
//! the category bands, optional predicates (e.g. WBK/WBBM) and scoring examples.

mod load;
mod validate;

use std::ops::Range;

use indexmap::IndexMap;

use crate::answer::Answers;

pub use load::{LoadResult, load_str};

#[derive(Clone, Debug)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub basis: String,
    /// Points of the whole questionnaire (the index scale), 100 unless the file says.
    pub total: f64,
    pub scales: Vec<Scale>,
    pub categories: Vec<Category>,
    /// Every group and question in walking order (depth first, children in file order).
    pub nodes: Vec<Node>,
    /// Top-level nodes.
    pub roots: Vec<usize>,
    /// Node indices of the questions, in walking order.
    pub questions: Vec<usize>,
    pub predicates: Vec<Predicate>,
    pub examples: Vec<Example>,
    /// Node index by id. A fast (non-SipHash) hasher: scoring looks up every answer here.
    by_id: foldhash::HashMap<String, usize>,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub id: String,
    /// Group title or question text.
    pub text: String,
    pub weight: f64,
    /// Whether the file gave the weight (for the "weights do not add up" warning).
    pub weight_given: bool,
    pub parent: Option<usize>,
    pub depth: usize,
    pub guidance: Option<String>,
    pub evidence: Vec<String>,
    pub kind: NodeKind,
    /// Byte span of the table in the source file.
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub enum NodeKind {
    Group { children: Vec<usize> },
    Question(Question),
}

#[derive(Clone, Debug)]
pub struct Question {
    /// Index into `Questionnaire::scales`.
    pub scale: usize,
    /// What each option means for this question, by option code.
    pub criteria: IndexMap<String, String>,
    pub na: bool,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Scale {
    pub id: String,
    pub kind: ScaleKind,
}

#[derive(Clone, Debug)]
pub enum ScaleKind {
    Choice {
        options: Vec<Choice>,
    },
    Percent,
    Number {
        min: f64,
        max: f64,
        zero: f64,
        full: f64,
    },
    Ratio,
}

#[derive(Clone, Debug)]
pub struct Choice {
    pub code: String,
    pub label: String,
    pub score: f64,
}

impl Scale {
    /// Lowest and highest score an answer on this scale can get, as SPEC §2.5 defines
    /// them for the band: choice options' min and max, 0 and 1 for the rest.
    pub fn score_range(&self) -> (f64, f64) {
        match &self.kind {
            ScaleKind::Choice { options } => {
                let lo = options
                    .iter()
                    .map(|o| o.score)
                    .fold(f64::INFINITY, f64::min);
                let hi = options
                    .iter()
                    .map(|o| o.score)
                    .fold(f64::NEG_INFINITY, f64::max);
                if options.is_empty() {
                    (0.0, 0.0)
                } else {
                    (lo, hi)
                }
            }
            _ => (0.0, 1.0),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Category {
    pub code: String,
    pub label: String,
    /// The index must be strictly above this to get the band; `None` for the last band.
    pub above: Option<f64>,
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Predicate {
    pub code: String,
    pub label: String,
    pub require: Vec<Requirement>,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Requirement {
    MinIndex(f64),
    MinPoints { nodes: Vec<String>, min: f64 },
    MinPercent { nodes: Vec<String>, min: f64 },
}

#[derive(Clone, Debug)]
pub struct Example {
    pub name: String,
    pub index: f64,
    pub category: String,
    pub answers: Answers,
    /// Expected predicate results (`predicates = { WBK = true }`), checked like the index.
    pub predicates: Vec<(String, bool)>,
    pub span: Range<usize>,
}

impl Questionnaire {
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|i| &self.nodes[i])
    }

    /// The question at node index `i`, if that node is a question.
    pub fn question(&self, i: usize) -> Option<&Question> {
        match &self.nodes.get(i)?.kind {
            NodeKind::Question(q) => Some(q),
            NodeKind::Group { .. } => None,
        }
    }

    pub fn scale_of(&self, q: &Question) -> &Scale {
        &self.scales[q.scale]
    }

    pub fn children(&self, i: usize) -> &[usize] {
        match &self.nodes[i].kind {
            NodeKind::Group { children } => children,
            NodeKind::Question(_) => &[],
        }
    }

    pub fn is_group(&self, i: usize) -> bool {
        matches!(self.nodes[i].kind, NodeKind::Group { .. })
    }

    /// Node indices from the top-level ancestor down to `i`, inclusive.
    pub fn path(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut cur = self.nodes[i].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.nodes[p].parent;
        }
        out.reverse();
        out
    }

    /// The category band a rounded index falls in (SPEC §2.6).
    pub fn category_for(&self, index_rounded: f64) -> usize {
        self.categories
            .iter()
            .position(|c| c.above.is_some_and(|a| index_rounded > a))
            .unwrap_or(self.categories.len().saturating_sub(1))
    }
}
