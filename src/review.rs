//! What to work on next: which questions raise the index most, and the fewest questions
//! that lift the rounded index into the next category. Pure, like `scoring`.

use crate::questionnaire::{Questionnaire, ScaleKind};
use crate::scoring::{Score, State};
use crate::text::round2;

/// One question that could raise the index, and by how much at its best answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Gain {
    /// Node index of the question.
    pub node: usize,
    /// Points the index gains when this question gets its best answer.
    pub gain: f64,
}

/// The best answer a question can get, as the user would type or choose it.
pub fn best_answer(q: &Questionnaire, node: usize) -> Option<String> {
    let question = q.question(node)?;
    Some(match &q.scale_of(question).kind {
        ScaleKind::Choice { options } => {
            let best = options.iter().max_by(|a, b| a.score.total_cmp(&b.score))?;
            best.code.clone()
        }
        ScaleKind::Percent => "100".into(),
        ScaleKind::Number { min, max, full, .. } => {
            let best = best_number(*min, *max, *full);
            // Two decimals unless that would round the value (3.999 is not 4.00).
            let short = crate::text::fmt2(best, false);
            if short.parse::<f64>() == Ok(best) {
                short
            } else {
                best.to_string()
            }
        }
        ScaleKind::Ratio => "1/1".into(),
    })
}

/// The allowed value of a number scale closest to `full`: a file may put `full` outside
/// `[min, max]`, and then the best answer is the bound on its side.
fn best_number(min: f64, max: f64, full: f64) -> f64 {
    full.clamp(min, max)
}

/// The highest score an answer can get on a scale: `score_range`'s top, except on a number
/// scale whose `full` lies outside `[min, max]`, where the best allowed value scores less.
fn best_score(scale: &crate::questionnaire::Scale) -> f64 {
    match scale.kind {
        ScaleKind::Number {
            min,
            max,
            zero,
            full,
        } => ((best_number(min, max, full) - zero) / (full - zero)).clamp(0.0, 1.0),
        _ => scale.score_range().1,
    }
}

/// Every question whose best answer would raise the index, largest gain first (ties in
/// walking order). Unanswered and invalid questions count as scoring 0 now; answers marked
/// not applicable are left alone, since changing them rescales the rest.
pub fn gains(q: &Questionnaire, s: &Score) -> Vec<Gain> {
    let mut out: Vec<Gain> = q
        .questions
        .iter()
        .filter_map(|&i| {
            let question = q.question(i)?;
            let hi = best_score(q.scale_of(question));
            let now = match s.states[i] {
                State::Answered(x) => x,
                State::Unanswered | State::Invalid(_) => 0.0,
                State::NotApplicable => return None,
            };
            let gain = s.nodes[i].points * (hi - now);
            (gain > 1e-12).then_some(Gain { node: i, gain })
        })
        .collect();
    // Stable sort keeps walking order among equal gains.
    out.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    out
}

/// The way to the next category up.
#[derive(Clone, Debug, PartialEq)]
pub enum NextCategory {
    /// Already in the highest category.
    Top,
    /// The floor is already in a higher category: whatever the open answers, it is reached.
    Secured { category: usize },
    /// Even every question at its best stays below the next category; `best` is that
    /// highest reachable index (the ceiling, plus what better answers to answered
    /// questions would add).
    OutOfReach { category: usize, best: f64 },
    /// These questions at their best lift the rounded index into `category`.
    Path {
        category: usize,
        /// Points still needed beyond the current index.
        needed: f64,
        steps: Vec<Gain>,
        index_after: f64,
    },
}

/// The fewest questions that, answered at their best, lift the rounded index above the
/// next band's threshold. Gains add up independently (no answer here changes exclusion),
/// so taking the largest first is optimal.
pub fn next_category(q: &Questionnaire, s: &Score) -> NextCategory {
    next_category_with(q, s, || gains(q, s))
}

/// [`next_category`] with the gains (as [`gains`] returns them for `s`) from the caller,
/// who may have them already: the terminal app keeps them while the score stands.
pub fn next_category_with<G: AsRef<[Gain]>>(
    q: &Questionnaire,
    s: &Score,
    gains: impl FnOnce() -> G,
) -> NextCategory {
    if s.category == 0 {
        return NextCategory::Top;
    }
    let target = s.category - 1;
    if s.floor_category < s.category {
        return NextCategory::Secured {
            category: s.floor_category,
        };
    }
    let Some(above) = q.categories[target].above else {
        return NextCategory::Top;
    };
    // The rounded index must be strictly above `above`: at least above + 0.01, which the
    // exact index reaches at above + 0.005 (rounding half away from zero).
    let goal = above + 0.005;
    let all = gains();
    let mut index = s.index_exact;
    let mut steps = Vec::new();
    for g in all.as_ref().iter().cloned() {
        if round2(index) > above {
            break;
        }
        index += g.gain;
        steps.push(g);
    }
    if round2(index) > above {
        NextCategory::Path {
            category: target,
            needed: (goal - s.index_exact).max(0.0),
            steps,
            index_after: index,
        }
    } else {
        NextCategory::OutOfReach {
            category: target,
            best: index,
        }
    }
}
