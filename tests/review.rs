//! Ranking of gains and the shortest path to the next category, on hand-built cases.

mod common;

use common::{header, load_ok};
use pmprb::draft::Draft;
use pmprb::questionnaire::Questionnaire;
use pmprb::review::{NextCategory, best_answer, gains, next_category};
use pmprb::scoring::score;

/// Four questions: a 40 (YT), b 30 (ABCD), c 20 (YT), d 10 (persen, N/A allowed).
fn q4() -> Questionnaire {
    load_ok(&format!(
        "{}\n[[group]]\nid = \"G\"\ntitle = \"G\"\n\
         [[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"YT\"\nweight = 40\n\
         [[question]]\nid = \"G.b\"\ntext = \"b\"\nscale = \"ABCD\"\nweight = 30\n\
         [[question]]\nid = \"G.c\"\ntext = \"c\"\nscale = \"YT\"\nweight = 20\n\
         [[question]]\nid = \"G.d\"\ntext = \"d\"\nscale = \"persen\"\nweight = 10\nna = true\n",
        header(100.0)
    ))
}

fn answers(body: &str) -> pmprb::answer::Answers {
    Draft::parse(&format!(
        "schema = 1\nquestionnaire = \"uji\"\nunit = \"u\"\nperiod = \"p\"\n{body}"
    ))
    .expect("draft")
    .answers
}

fn ids(q: &Questionnaire, g: &[pmprb::review::Gain]) -> Vec<String> {
    g.iter().map(|x| q.nodes[x.node].id.clone()).collect()
}

#[test]
fn gains_rank_largest_first_and_include_answered_questions() {
    let q = q4();
    // b answered C (0.33 of 30 = 9.9): gain 30 · 0.67 = 20.1. a, c, d open: 40, 20, 10.
    let s = score(&q, &answers("[answers.\"G.b\"]\nvalue = \"C\"\n"));
    let g = gains(&q, &s);
    assert_eq!(ids(&q, &g), vec!["G.a", "G.b", "G.c", "G.d"]);
    assert!((g[1].gain - 20.1).abs() < 1e-9);
}

#[test]
fn equal_gains_keep_walking_order() {
    let q = load_ok(&format!(
        "{}\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.z\"\ntext = \"z\"\nscale = \"YT\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"YT\"\n",
        header(100.0)
    ));
    let s = score(&q, &answers(""));
    assert_eq!(ids(&q, &gains(&q, &s)), vec!["G.z", "G.a"]);
}

#[test]
fn full_marks_and_not_applicable_bring_no_gain() {
    let q = q4();
    let s = score(
        &q,
        &answers("[answers.\"G.a\"]\nvalue = \"Y\"\n[answers.\"G.d\"]\nna = true\n"),
    );
    assert_eq!(ids(&q, &gains(&q, &s)), vec!["G.b", "G.c"]);
}

#[test]
fn shortest_path_takes_the_fewest_questions() {
    let q = q4();
    // a Y (40) + c Y (20) = 60 → CC (60.00 is not above 60). Next: B needs > 60.
    // b open is worth 30: one question (b = A) lifts it to 90 → B reached.
    let s = score(
        &q,
        &answers("[answers.\"G.a\"]\nvalue = \"Y\"\n[answers.\"G.c\"]\nvalue = \"Y\"\n"),
    );
    assert_eq!(q.categories[s.category].code, "CC");
    match next_category(&q, &s) {
        NextCategory::Path {
            category,
            needed,
            steps,
            index_after,
        } => {
            assert_eq!(q.categories[category].code, "B");
            assert!((needed - 0.005).abs() < 1e-9, "{needed}");
            assert_eq!(ids(&q, &steps), vec!["G.b"]);
            assert!((index_after - 90.0).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn path_uses_several_questions_when_needed() {
    let q = q4();
    // Nothing answered: D (0). Next is C (> 30): a alone (40) suffices.
    let s = score(&q, &answers(""));
    match next_category(&q, &s) {
        NextCategory::Path {
            steps, category, ..
        } => {
            assert_eq!(q.categories[category].code, "C");
            assert_eq!(ids(&q, &steps), vec!["G.a"]);
        }
        other => panic!("{other:?}"),
    }
    // a T, b D, c T, d 0 % answered... only improvements of answered ones remain.
    // From C (b = A: 30 + d 10 % = 1 → 31): next is CC (> 50): a (40) gets there.
    let s = score(
        &q,
        &answers("[answers.\"G.b\"]\nvalue = \"A\"\n[answers.\"G.d\"]\nvalue = 10\n"),
    );
    assert_eq!(q.categories[s.category].code, "C");
    match next_category(&q, &s) {
        NextCategory::Path {
            steps, index_after, ..
        } => {
            assert_eq!(ids(&q, &steps), vec!["G.a"]);
            assert!((index_after - 71.0).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
    // Four questions of 25: C needs more than 30, one gives 25, so two it is (50).
    let q = load_ok(&format!(
        "{}\n[[group]]\nid = \"G\"\ntitle = \"G\"\n{}",
        header(100.0),
        ["a", "b", "c", "d"]
            .map(|x| format!("[[question]]\nid = \"G.{x}\"\ntext = \"{x}\"\nscale = \"YT\"\n"))
            .concat()
    ));
    match next_category(&q, &score(&q, &answers(""))) {
        NextCategory::Path {
            steps,
            index_after,
            category,
            needed,
        } => {
            assert_eq!(q.categories[category].code, "C");
            assert_eq!(ids(&q, &steps), vec!["G.a", "G.b"]);
            assert!((index_after - 50.0).abs() < 1e-9);
            // The rounded index must exceed 30.00: 30.005 rounds to 30.01.
            assert!((needed - 30.005).abs() < 1e-9, "{needed}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn out_of_reach_when_even_the_best_answers_fall_short() {
    let q = q4();
    // 40 + 30 + 20 + 8.5 = 98.5 → AA: nothing above.
    let s = score(
        &q,
        &answers(
            "[answers.\"G.a\"]\nvalue = \"Y\"\n[answers.\"G.b\"]\nvalue = \"A\"\n[answers.\"G.c\"]\nvalue = \"Y\"\n[answers.\"G.d\"]\nvalue = 85\n",
        ),
    );
    assert_eq!(next_category(&q, &s), NextCategory::Top);

    // A questionnaire whose best possible answers reach only 80 (a choice scale capped at 0.8).
    let capped = load_ok(&format!(
        "{}\n[scales.cap]\nkind = \"choice\"\noptions = [ {{ code = \"A\", score = 0.8 }}, {{ code = \"B\", score = 0.0 }} ]\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"cap\"\n[[question]]\nid = \"G.b\"\ntext = \"b\"\nscale = \"cap\"\n",
        header(100.0)
    ));
    let s = score(
        &capped,
        &answers("[answers.\"G.a\"]\nvalue = \"A\"\n[answers.\"G.b\"]\nvalue = \"A\"\n"),
    );
    // 80.00 → BB; next is A (> 80): unreachable, best is 80.
    assert_eq!(capped.categories[s.category].code, "BB");
    match next_category(&capped, &s) {
        NextCategory::OutOfReach { category, best } => {
            assert_eq!(capped.categories[category].code, "A");
            assert!((best - 80.0).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn secured_when_the_floor_is_already_higher() {
    // Lowest option scores 0.7. a answered B: the index is 0.7 · 50 = 35 (C), counting the
    // open b as 0; the floor counts b at its lowest, 35 + 0.7 · 50 = 70 (B). Whatever b gets,
    // the unit ends at least in B, above the next category (CC): secured.
    let q = load_ok(&format!(
        "{}\n[scales.high]\nkind = \"choice\"\noptions = [ {{ code = \"A\", score = 1.0 }}, {{ code = \"B\", score = 0.7 }} ]\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"high\"\n[[question]]\nid = \"G.b\"\ntext = \"b\"\nscale = \"high\"\n",
        header(100.0)
    ));
    let s = score(&q, &answers("[answers.\"G.a\"]\nvalue = \"B\"\n"));
    assert!((s.index_exact - 35.0).abs() < 1e-9);
    assert!((s.floor - 70.0).abs() < 1e-9);
    match next_category(&q, &s) {
        NextCategory::Secured { category } => assert_eq!(q.categories[category].code, "B"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn rounding_decides_the_threshold() {
    // AA needs a rounded index above 90, i.e. an exact index of at least 90.005.
    let q = load_ok(&format!(
        "{}\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"persen\"\nweight = 99\n[[question]]\nid = \"G.b\"\ntext = \"b\"\nscale = \"persen\"\nweight = 1\n",
        header(100.0)
    ));
    // a 90.904 % of 99 = 89.99496 → 89.99 (A). b open worth 1.
    let s = score(&q, &answers("[answers.\"G.a\"]\nvalue = 90.904\n"));
    assert_eq!(q.categories[s.category].code, "A");
    match next_category(&q, &s) {
        NextCategory::Path { needed, steps, .. } => {
            assert!((needed - (90.005 - 89.99496)).abs() < 1e-9, "{needed}");
            assert_eq!(steps.len(), 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn best_answer_names_what_to_enter() {
    let q = q4();
    let id = |s: &str| q.node_index(s).expect("id");
    assert_eq!(best_answer(&q, id("G.a")).as_deref(), Some("Y"));
    assert_eq!(best_answer(&q, id("G.b")).as_deref(), Some("A"));
    assert_eq!(best_answer(&q, id("G.d")).as_deref(), Some("100"));
}

/// A number scale may put `full` beyond `max` (here full marks at 5 on a 1–4 scale): the
/// best answer is then 4, which scores (4 − 0) / 5 = 0.8, so the gain of an open question
/// of 50 points is 40, not 50, and the path does not promise what no answer can give.
#[test]
fn a_full_beyond_max_is_not_promised() {
    let q = load_ok(&format!(
        "{}
[scales.skala]
kind = \"number\"
min = 1
max = 4
full = 5
\
         [scales.halus]
kind = \"number\"
min = 0
max = 3.999
\
         [[group]]
id = \"G\"
title = \"G\"
\
         [[question]]
id = \"G.a\"
text = \"a\"
scale = \"skala\"
weight = 50
\
         [[question]]
id = \"G.b\"
text = \"b\"
scale = \"halus\"
weight = 50
",
        header(100.0)
    ));
    let a = q.node_index("G.a").expect("G.a");
    let b = q.node_index("G.b").expect("G.b");
    assert_eq!(best_answer(&q, a).as_deref(), Some("4.00"));
    // Two decimals would round 3.999 up past the maximum.
    assert_eq!(best_answer(&q, b).as_deref(), Some("3.999"));
    let s = score(&q, &answers(""));
    let g = gains(&q, &s);
    assert_eq!(ids(&q, &g), vec!["G.b", "G.a"]);
    assert!((g[0].gain - 50.0).abs() < 1e-9, "{g:?}");
    assert!((g[1].gain - 40.0).abs() < 1e-9, "{g:?}");
    // Entering the suggested answers scores exactly what the gains said.
    let both = score(
        &q,
        &answers("[answers.\"G.a\"]\nvalue = 4\n[answers.\"G.b\"]\nvalue = 3.999\n"),
    );
    assert!(
        (both.index_exact - 90.0).abs() < 1e-9,
        "{}",
        both.index_exact
    );
}
