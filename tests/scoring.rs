//! Scoring vectors computed by hand from SPEC §2. Each comment shows the arithmetic.

mod common;

use common::{header, load_ok};
use pmprb::answer::Answers;
use pmprb::draft::Draft;
use pmprb::questionnaire::Questionnaire;
use pmprb::scoring::{Invalid, Score, State, score};

/// A: weight 3, B: weight 1 (total 100 → A 75, B 25).
/// A.i weight 2, A.ii weight 1 → 50, 25. A.i.a weight 1, A.i.b weight 3 → 12.5, 37.5.
/// A.ii.c → 25. B.d, B.e default weight → 12.5 each.
fn tree() -> Questionnaire {
    load_ok(&format!(
        "{}
[[group]]
id = \"A\"
title = \"A\"
weight = 3
[[group]]
id = \"A.i\"
title = \"i\"
weight = 2
[[question]]
id = \"A.i.a\"
text = \"a\"
scale = \"YT\"
[[question]]
id = \"A.i.b\"
text = \"b\"
scale = \"ABCD\"
weight = 3
[[group]]
id = \"A.ii\"
title = \"ii\"
weight = 1
[[question]]
id = \"A.ii.c\"
text = \"c\"
scale = \"persen\"
na = true
[[group]]
id = \"B\"
title = \"B\"
weight = 1
[[question]]
id = \"B.d\"
text = \"d\"
scale = \"ipak\"
na = true
[[question]]
id = \"B.e\"
text = \"e\"
scale = \"rasio\"
",
        header(100.0)
    ))
}

fn answers(body: &str) -> Answers {
    let src = format!("schema = 1\nquestionnaire = \"uji\"\nunit = \"u\"\nperiod = \"p\"\n{body}");
    match Draft::parse(&src) {
        Ok(d) => d.answers,
        Err(p) => panic!("draft should parse: {p:?}"),
    }
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

fn points(q: &Questionnaire, s: &Score, id: &str) -> f64 {
    s.nodes[q.node_index(id).expect("id")].points
}

fn cat<'a>(q: &'a Questionnaire, s: &Score) -> &'a str {
    &q.categories[s.category].code
}

const FULL: &str = r#"
[answers."A.i.a"]
value = "Y"
[answers."A.i.b"]
value = "B"
[answers."A.ii.c"]
value = 50
[answers."B.d"]
value = 3
[answers."B.e"]
value = [1, 3]
"#;

#[test]
fn nested_relative_weights() {
    let q = tree();
    let s = score(&q, &answers(FULL));
    for (id, p) in [
        ("A", 75.0),
        ("A.i", 50.0),
        ("A.ii", 25.0),
        ("A.i.a", 12.5),
        ("A.i.b", 37.5),
        ("A.ii.c", 25.0),
        ("B", 25.0),
        ("B.d", 12.5),
        ("B.e", 12.5),
    ] {
        close(points(&q, &s, id), p);
    }
    // 12.5·1 + 37.5·0.67 + 25·0.5 + 12.5·(3/4) + 12.5·(1/3)
    // = 12.5 + 25.125 + 12.5 + 9.375 + 4.1666… = 63.6666…
    close(s.index_exact, 63.666_666_666_666_66);
    assert_eq!(s.index, 63.67);
    assert_eq!(cat(&q, &s), "B");
    close(s.floor, s.index_exact);
    close(s.ceiling, s.index_exact);
    assert!(s.settled());
    assert_eq!((s.answered, s.questions), (5, 5));
}

#[test]
fn not_applicable_question_rescales_its_siblings() {
    let q = tree();
    let a = answers(&FULL.replace(
        "[answers.\"B.d\"]\nvalue = 3",
        "[answers.\"B.d\"]\nna = true",
    ));
    let s = score(&q, &a);
    // B.d drops out: B.e gets all of B's 25 → 25·(1/3) = 8.3333…
    close(points(&q, &s, "B.d"), 0.0);
    close(points(&q, &s, "B.e"), 25.0);
    // 12.5 + 25.125 + 12.5 + 8.3333… = 58.4583…
    close(s.index_exact, 58.458_333_333_333_33);
    assert_eq!(s.index, 58.46);
    assert_eq!(cat(&q, &s), "CC");
    assert_eq!(s.not_applicable, 1);
    assert_eq!(s.answered, 5);
}

#[test]
fn not_applicable_group_rescales_the_level_above() {
    let q = tree();
    let a = answers(&FULL.replace(
        "[answers.\"A.ii.c\"]\nvalue = 50",
        "[answers.\"A.ii.c\"]\nna = true",
    ));
    let s = score(&q, &a);
    // A.ii has only N/A children → excluded; A.i gets all of A's 75:
    // A.i.a = 75·1/4 = 18.75, A.i.b = 75·3/4 = 56.25.
    close(points(&q, &s, "A.ii"), 0.0);
    assert!(s.nodes[q.node_index("A.ii").expect("id")].excluded);
    close(points(&q, &s, "A.i"), 75.0);
    close(points(&q, &s, "A.i.a"), 18.75);
    // 18.75 + 56.25·0.67 + 9.375 + 4.1666… = 18.75 + 37.6875 + 9.375 + 4.1666… = 69.979166…
    close(s.index_exact, 69.979_166_666_666_67);
    assert_eq!(s.index, 69.98);
    assert_eq!(cat(&q, &s), "B");
}

#[test]
fn everything_not_applicable_but_one_question_is_worth_the_total() {
    let q = tree();
    let a = answers("[answers.\"A.ii.c\"]\nna = true\n[answers.\"B.d\"]\nna = true\n");
    let s = score(&q, &a);
    // A.ii excluded → A.i 75; B.d excluded → B.e 25. Nothing else can be N/A.
    close(points(&q, &s, "B.e"), 25.0);
    // Open: A.i.a (18.75, YT 0..1), A.i.b (56.25, ABCD 0..1), B.e (25, ratio 0..1).
    close(s.floor, 0.0);
    close(s.ceiling, 100.0);
    assert!(!s.settled());
}

#[test]
fn unanswered_questions_score_zero_and_open_the_band() {
    let q = tree();
    let s = score(&q, &answers("[answers.\"A.i.a\"]\nvalue = \"Y\"\n"));
    close(s.index_exact, 12.5);
    close(s.floor, 12.5);
    close(s.ceiling, 100.0);
    assert_eq!((s.answered, s.questions), (1, 5));
    assert_eq!(s.floor_category, q.categories.len() - 1);
    assert_eq!(q.categories[s.ceiling_category].code, "AA");
}

#[test]
fn floor_uses_the_lowest_option_score() {
    let src = format!(
        "{}\n[scales.mid]\nkind = \"choice\"\noptions = [ {{ code = \"A\", score = 0.9 }}, {{ code = \"B\", score = 0.2 }} ]\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"mid\"\n[[question]]\nid = \"G.b\"\ntext = \"b\"\nscale = \"YT\"\n",
        header(100.0)
    );
    let q = load_ok(&src);
    let s = score(&q, &answers("[answers.\"G.b\"]\nvalue = \"Y\"\n"));
    // G.a open worth 50: floor adds 50·0.2 = 10, ceiling adds 50·0.9 = 45. The floor is
    // above the index here: whatever G.a gets, the final index is at least 60.
    close(s.index_exact, 50.0);
    close(s.floor, 60.0);
    close(s.ceiling, 95.0);
}

fn single(scale: &str, extra_scale: &str) -> Questionnaire {
    load_ok(&format!(
        "{}\n{extra_scale}\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"{scale}\"\nna = true\n",
        header(100.0)
    ))
}

fn one(q: &Questionnaire, value: &str) -> Score {
    score(
        q,
        &answers(&format!("[answers.\"G.a\"]\nvalue = {value}\n")),
    )
}

#[test]
fn percent_scale() {
    let q = single("persen", "");
    close(one(&q, "85").index_exact, 85.0);
    close(one(&q, "\"85,5\"").index_exact, 85.5);
    close(one(&q, "\"85.5\"").index_exact, 85.5);
    close(one(&q, "150").index_exact, 100.0);
    close(one(&q, "0").index_exact, 0.0);
    let s = one(&q, "-1");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::Negative(-1.0))
    );
    close(s.index_exact, 0.0);
    assert_eq!(s.invalid.len(), 1);
    let s = one(&q, "\"banyak\"");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::NotANumber("banyak".into()))
    );
}

#[test]
fn number_scale_with_default_zero_and_full() {
    // ipak: min 1, max 4, zero 0, full 4 → 3 scores 3/4.
    let q = single("ipak", "");
    close(one(&q, "3").index_exact, 75.0);
    close(one(&q, "\"3,6\"").index_exact, 90.0);
    close(one(&q, "1").index_exact, 25.0);
    let s = one(&q, "4.5");
    assert!(matches!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::OutOfRange { .. })
    ));
    close(s.index_exact, 0.0);
}

#[test]
fn number_scale_with_zero_and_full_and_clamping() {
    // zero 1, full 3 on 0..5: 2 → 0.5; 0.5 → clamped 0; 4 → clamped 1.
    let q = single(
        "n",
        "[scales.n]\nkind = \"number\"\nmin = 0\nmax = 5\nzero = 1\nfull = 3\n",
    );
    close(one(&q, "2").index_exact, 50.0);
    close(one(&q, "0.5").index_exact, 0.0);
    close(one(&q, "4").index_exact, 100.0);
    // Inverted: zero 5, full 1 (lower is better): 2 → (2-5)/(1-5) = 0.75.
    let q = single(
        "inv",
        "[scales.inv]\nkind = \"number\"\nmin = 0\nmax = 5\nzero = 5\nfull = 1\n",
    );
    close(one(&q, "2").index_exact, 75.0);
}

#[test]
fn ratio_scale() {
    let q = single("rasio", "");
    close(one(&q, "[3, 4]").index_exact, 75.0);
    close(one(&q, "[5, 4]").index_exact, 100.0);
    close(one(&q, "[\"1,5\", 2]").index_exact, 75.0);
    let s = one(&q, "[3, 0]");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::ZeroDenominator)
    );
    close(s.index_exact, 0.0);
    close(s.ceiling, 100.0);
    let s = one(&q, "[-1, 4]");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::Negative(-1.0))
    );
    let s = one(&q, "3");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::WrongType { expected: "pair" })
    );
}

#[test]
fn choice_scale() {
    let q = single("ABCD", "");
    close(one(&q, "\"C\"").index_exact, 33.0);
    let s = one(&q, "\"c\"");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::UnknownCode("c".into()))
    );
    let s = one(&q, "1");
    assert_eq!(
        s.states[q.node_index("G.a").expect("id")],
        State::Invalid(Invalid::WrongType { expected: "code" })
    );
}

#[test]
fn not_applicable_rules() {
    let q = tree();
    // A.i.a does not allow N/A: invalid, scored as unanswered.
    let s = score(&q, &answers("[answers.\"A.i.a\"]\nna = true\n"));
    assert_eq!(
        s.states[q.node_index("A.i.a").expect("id")],
        State::Invalid(Invalid::NaNotAllowed)
    );
    close(points(&q, &s, "A.i.a"), 12.5);
    // N/A together with a value is contradictory.
    let s = score(&q, &answers("[answers.\"B.d\"]\nna = true\nvalue = 2\n"));
    assert_eq!(
        s.states[q.node_index("B.d").expect("id")],
        State::Invalid(Invalid::NaWithValue)
    );
    // A note alone is not an answer.
    let s = score(&q, &answers("[answers.\"B.d\"]\nnote = \"nanti\"\n"));
    assert_eq!(
        s.states[q.node_index("B.d").expect("id")],
        State::Unanswered
    );
    assert!(s.invalid.is_empty());
}

#[test]
fn orphaned_answers_are_reported_in_draft_order() {
    let q = tree();
    let s = score(
        &q,
        &answers(
            "[answers.\"Z.9\"]\nvalue = 1\n[answers.\"A.i.a\"]\nvalue = \"Y\"\n[answers.\"A\"]\nvalue = \"Y\"\n",
        ),
    );
    assert_eq!(s.orphaned, vec!["Z.9".to_string(), "A".to_string()]);
    close(s.index_exact, 12.5);
}

#[test]
fn rounding_half_away_from_zero_at_the_midpoint() {
    let q = single("persen", "");
    // 90.005 → 90.01 (AA, since 90.01 > 90); 90.004 → 90.00 (A).
    let s = one(&q, "90.005");
    assert_eq!(s.index, 90.01);
    assert_eq!(cat(&q, &s), "AA");
    let s = one(&q, "90.004");
    assert_eq!(s.index, 90.0);
    assert_eq!(cat(&q, &s), "A");
    // 2.675 is stored as 2.67499999…; decimal rounding gives 2.68.
    assert_eq!(one(&q, "2.675").index, 2.68);
    assert_eq!(one(&q, "1.005").index, 1.01);
    assert_eq!(one(&q, "0.125").index, 0.13);
}

#[test]
fn every_category_boundary() {
    let q = single("persen", "");
    let cases = [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90", "A"),
        ("80.01", "A"),
        ("80", "BB"),
        ("70.01", "BB"),
        ("70", "B"),
        ("60.01", "B"),
        ("60", "CC"),
        ("50.01", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ];
    for (v, want) in cases.iter() {
        let s = one(&q, v);
        assert_eq!(cat(&q, &s), *want, "value {v}");
    }
    // The category is taken on the rounded index: 89.996 rounds to 90.00, which is A.
    let s = one(&q, "89.996");
    assert_eq!(s.index, 90.0);
    assert_eq!(cat(&q, &s), "A");
    // 90.0049 rounds to 90.00: A, even though the exact index is above 90.
    assert_eq!(cat(&q, &one(&q, "90.0049")), "A");
}

#[test]
fn total_other_than_100() {
    // total 40, two questions of 20 each; categories still compare the index.
    let q = load_ok(&format!(
        "{}\n[[group]]\nid = \"G\"\ntitle = \"G\"\n[[question]]\nid = \"G.a\"\ntext = \"a\"\nscale = \"YT\"\n[[question]]\nid = \"G.b\"\ntext = \"b\"\nscale = \"persen\"\n",
        header(40.0)
    ));
    let s = score(
        &q,
        &answers("[answers.\"G.a\"]\nvalue = \"Y\"\n[answers.\"G.b\"]\nvalue = 50\n"),
    );
    close(s.index_exact, 30.0);
    close(s.ceiling, 30.0);
}

fn with_predicate(require: &str) -> Questionnaire {
    load_ok(&format!(
        "{}\n[[group]]\nid = \"A\"\ntitle = \"A\"\nweight = 60\n[[question]]\nid = \"A.a\"\ntext = \"a\"\nscale = \"persen\"\n[[group]]\nid = \"B\"\ntitle = \"B\"\nweight = 40\n[[question]]\nid = \"B.a\"\ntext = \"a\"\nscale = \"persen\"\nna = true\n[[predicate]]\ncode = \"WBK\"\nlabel = \"Wilayah Bebas dari Korupsi\"\nrequire = [ {require} ]\n",
        header(100.0)
    ))
}

#[test]
fn predicates_hold_and_list_failing_requirements() {
    let q = with_predicate(
        "{ min_index = 75 }, { nodes = [\"A\"], min_points = 40 }, { nodes = [\"A\", \"B\"], min_percent = 60 }",
    );
    // A.a 70 % → 42 points; B.a 80 % → 32 points; index 74 → min_index fails.
    let s = score(
        &q,
        &answers("[answers.\"A.a\"]\nvalue = 70\n[answers.\"B.a\"]\nvalue = 80\n"),
    );
    close(s.index_exact, 74.0);
    let p = &s.predicates[0];
    assert!(!p.holds);
    let holds: Vec<bool> = p.requirements.iter().map(|r| r.holds).collect();
    assert_eq!(holds, vec![false, true, true]);
    assert_eq!(p.requirements[1].actual, Some(42.0));
    assert_eq!(p.requirements[2].actual, Some(74.0));
    // A.a 100 %, B.a 50 % → 60 + 20 = 80: every requirement holds.
    let s = score(
        &q,
        &answers("[answers.\"A.a\"]\nvalue = 100\n[answers.\"B.a\"]\nvalue = 50\n"),
    );
    assert!(s.predicates[0].holds);
}

#[test]
fn predicate_thresholds_compare_rounded_figures() {
    // min_points 39.995 on A: 66.658 % of 60 = 39.9948 → rounds to 39.99 → fails;
    // 66.6584 % → 39.99504 → 40.00 → holds.
    let q = with_predicate("{ nodes = [\"A\"], min_points = 40 }");
    let s = score(&q, &answers("[answers.\"A.a\"]\nvalue = 66.658\n"));
    assert!(!s.predicates[0].holds);
    let s = score(&q, &answers("[answers.\"A.a\"]\nvalue = 66.6584\n"));
    assert_eq!(s.predicates[0].requirements[0].actual, Some(40.0));
    assert!(s.predicates[0].holds);
}

#[test]
fn min_percent_over_excluded_nodes_holds() {
    let q = with_predicate("{ nodes = [\"B\"], min_percent = 60 }");
    let s = score(&q, &answers("[answers.\"B.a\"]\nna = true\n"));
    assert_eq!(s.predicates[0].requirements[0].actual, None);
    assert!(s.predicates[0].holds);
}

#[test]
fn sample_questionnaire_examples_hold() {
    let q = pmprb::catalog::find_embedded("contoh").expect("contoh embedded");
    assert_eq!(q.examples.len(), 5);
    for ex in &q.examples {
        let s = score(&q, &ex.answers);
        assert!((s.index_exact - ex.index).abs() <= 0.005, "{}", ex.name);
        assert_eq!(q.categories[s.category].code, ex.category, "{}", ex.name);
    }
}
