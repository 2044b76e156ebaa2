//! Two drafts of one unit side by side (e.g. two years): the index and category change,
//! every group's change, and each question whose answer changed with its effect in points.
//! The questionnaires may differ in version; questions are matched by id.

use crate::draft::Draft;
use crate::questionnaire::{NodeKind, Questionnaire};
use crate::scoring::Score;

pub struct Side<'a> {
    pub q: &'a Questionnaire,
    pub d: &'a Draft,
    pub s: &'a Score,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupChange {
    pub id: String,
    pub title: String,
    /// Nesting in the questionnaire's tree (the new one's, for a group both have); 0 at the top.
    pub depth: usize,
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub change: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionChange {
    pub id: String,
    pub text: String,
    /// The answer as written in each draft (`None` when there is none).
    pub old: Option<Answered>,
    pub new: Option<Answered>,
    pub points_change: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answered {
    Value(toml::Value),
    NotApplicable,
}

pub struct Comparison {
    pub index_old: f64,
    pub index_new: f64,
    pub category_old: String,
    pub category_new: String,
    pub groups: Vec<GroupChange>,
    pub questions: Vec<QuestionChange>,
    /// Question ids only the new questionnaire has, and only the old one had.
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Comparison {
    pub fn index_change(&self) -> f64 {
        crate::text::round2(self.index_new - self.index_old)
    }
}

fn answered(side: &Side<'_>, id: &str) -> Option<Answered> {
    let a = side.d.answers.get(id)?;
    if a.na {
        return Some(Answered::NotApplicable);
    }
    a.value.clone().map(Answered::Value)
}

fn earned(side: &Side<'_>, id: &str) -> Option<f64> {
    side.q.node_index(id).map(|i| side.s.nodes[i].earned)
}

pub fn compare(old: &Side<'_>, new: &Side<'_>) -> Comparison {
    // Groups: the new questionnaire's order, then groups only the old one had.
    let mut groups = Vec::new();
    let group_ids = |q: &Questionnaire| -> Vec<(String, String, usize)> {
        q.nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Group { .. }))
            .map(|n| (n.id.clone(), n.text.clone(), n.depth))
            .collect()
    };
    let new_groups = group_ids(new.q);
    let old_groups = group_ids(old.q);
    for (id, title, depth) in new_groups.iter().chain(
        old_groups
            .iter()
            .filter(|(id, _, _)| new.q.node_index(id).is_none()),
    ) {
        let (o, n) = (earned(old, id), earned(new, id));
        groups.push(GroupChange {
            id: id.clone(),
            title: title.clone(),
            depth: *depth,
            old: o,
            new: n,
            change: n.unwrap_or(0.0) - o.unwrap_or(0.0),
        });
    }
    // Questions whose answer changed, or whose points changed (a reweighted questionnaire).
    let mut questions = Vec::new();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let ids: Vec<(usize, &Questionnaire)> = new
        .q
        .questions
        .iter()
        .map(|&i| (i, new.q))
        .chain(
            old.q
                .questions
                .iter()
                .filter(|&&i| new.q.node_index(&old.q.nodes[i].id).is_none())
                .map(|&i| (i, old.q)),
        )
        .collect();
    for (i, q) in ids {
        let id = &q.nodes[i].id;
        let in_old = old.q.node_index(id).is_some_and(|j| !old.q.is_group(j));
        let in_new = new.q.node_index(id).is_some_and(|j| !new.q.is_group(j));
        if in_new && !in_old {
            added.push(id.clone());
        }
        if in_old && !in_new {
            removed.push(id.clone());
        }
        let (a_old, a_new) = (answered(old, id), answered(new, id));
        let change = earned(new, id).unwrap_or(0.0) - earned(old, id).unwrap_or(0.0);
        if a_old != a_new || change.abs() > 1e-9 {
            questions.push(QuestionChange {
                id: id.clone(),
                text: q.nodes[i].text.clone(),
                old: a_old,
                new: a_new,
                points_change: change,
            });
        }
    }
    Comparison {
        index_old: old.s.index,
        index_new: new.s.index,
        category_old: old.q.categories[old.s.category].code.clone(),
        category_new: new.q.categories[new.s.category].code.clone(),
        groups,
        questions,
        added,
        removed,
    }
}
