//! Properties of SPEC §2 on random questionnaires and answers.

mod common;

use common::{GenQuestion, Rng, best_value, load_ok, random_questionnaire, random_value};
use pmprb::answer::Answers;
use pmprb::draft::Draft;
use pmprb::scoring::score;
use proptest::prelude::*;

const EPS: f64 = 1e-9;

fn parse_answers(body: &str) -> Answers {
    let src = format!("schema = 1\nquestionnaire = \"uji\"\nunit = \"u\"\nperiod = \"p\"\n{body}");
    match Draft::parse(&src) {
        Ok(d) => d.answers,
        Err(p) => panic!("draft should parse: {p:?}\n{src}"),
    }
}

/// Random answers: unanswered, valid, N/A (where allowed or not) and invalid ones.
fn random_answers(rng: &mut Rng, qs: &[GenQuestion]) -> String {
    let mut body = String::new();
    for q in qs {
        let roll = rng.below(100);
        let line = if roll < 25 {
            continue;
        } else if roll < 75 {
            format!("value = {}", random_value(rng, q.scale).0)
        } else if roll < 90 {
            "na = true".to_string()
        } else {
            "value = \"??\"".to_string()
        };
        body.push_str(&format!("[answers.\"{}\"]\n{line}\n", q.id));
    }
    body
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn floor_index_ceiling_are_ordered_within_the_total(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let (src, qs) = random_questionnaire(&mut rng, false);
        let q = load_ok(&src);
        let s = score(&q, &parse_answers(&random_answers(&mut rng, &qs)));
        prop_assert!(0.0 <= s.floor + EPS);
        prop_assert!(s.floor <= s.index_exact + EPS);
        prop_assert!(s.index_exact <= s.ceiling + EPS);
        prop_assert!(s.ceiling <= q.total + EPS);
    }

    #[test]
    fn improving_one_answer_never_lowers_the_index(seed in any::<u64>(), pick in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let (src, qs) = random_questionnaire(&mut rng, false);
        let q = load_ok(&src);
        let body = random_answers(&mut rng, &qs);
        let before = score(&q, &parse_answers(&body));
        let target = &qs[(pick % qs.len() as u64) as usize];
        // Skip a question that is N/A now: giving it a value changes the rescaling.
        let node = q.node_index(&target.id).expect("generated id");
        prop_assume!(before.states[node] != pmprb::scoring::State::NotApplicable);
        let mut answers = parse_answers(&body);
        answers.insert(target.id.clone(), parse_answers(&format!("[answers.\"x\"]\nvalue = {}\n", best_value(target.scale)))["x"].clone());
        let after = score(&q, &answers);
        prop_assert!(after.index_exact + EPS >= before.index_exact, "{} < {}", after.index_exact, before.index_exact);
    }

    #[test]
    fn band_collapses_when_every_question_is_answered(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let (src, qs) = random_questionnaire(&mut rng, false);
        let q = load_ok(&src);
        let mut body = String::new();
        for gq in &qs {
            body.push_str(&format!("[answers.\"{}\"]\nvalue = {}\n", gq.id, random_value(&mut rng, gq.scale).0));
        }
        let s = score(&q, &parse_answers(&body));
        prop_assert_eq!(s.answered, s.questions);
        prop_assert!((s.floor - s.index_exact).abs() < EPS);
        prop_assert!((s.ceiling - s.index_exact).abs() < EPS);
        prop_assert!(s.settled());
    }

    #[test]
    fn all_but_one_not_applicable_leaves_that_question_worth_the_total(seed in any::<u64>(), pick in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let (src, qs) = random_questionnaire(&mut rng, true);
        let q = load_ok(&src);
        let keep = (pick % qs.len() as u64) as usize;
        let mut body = String::new();
        for (i, gq) in qs.iter().enumerate() {
            if i != keep {
                body.push_str(&format!("[answers.\"{}\"]\nna = true\n", gq.id));
            }
        }
        let s = score(&q, &parse_answers(&body));
        let node = q.node_index(&qs[keep].id).expect("generated id");
        prop_assert!((s.nodes[node].points - q.total).abs() < 1e-9, "{} vs {}", s.nodes[node].points, q.total);
        prop_assert!((s.ceiling - q.total).abs() < 1e-9);
    }
}
