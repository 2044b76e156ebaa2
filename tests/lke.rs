//! The embedded LKE questionnaires: the verified weights are pinned, every example holds,
//! and `pmprb score` reproduces each example's hand-computed index.

use std::fs;
use std::process::Command;

use pmprb::answer::Answers;
use pmprb::catalog::find_embedded;
use pmprb::questionnaire::Questionnaire;
use pmprb::scoring::score;

fn lke() -> Questionnaire {
    find_embedded("pmprb-2020").expect("pmprb-2020 is embedded")
}

fn points(q: &Questionnaire, answers: &Answers, id: &str) -> f64 {
    let s = score(q, answers);
    s.nodes[q.node_index(id).unwrap_or_else(|| panic!("{id} exists"))].points
}

fn assert_points(q: &Questionnaire, id: &str, expected: f64) {
    let got = points(q, &Answers::new(), id);
    assert!(
        (got - expected).abs() < 1e-9,
        "{id}: {got} points, reference says {expected}"
    );
}

#[test]
fn components_and_sub_components() {
    let q = lke();
    for (id, w) in [
        ("A", 60.0),
        ("B", 40.0),
        ("A.I", 20.0),
        ("A.II", 10.0),
        ("A.III", 30.0),
    ] {
        assert_points(&q, id, w);
    }
    for id in ["B.1", "B.2", "B.3", "B.4"] {
        assert_points(&q, id, 10.0);
    }
}

/// Reference §2 ("Bobot Penilaian Baru", verified): areas and indicators of Pemenuhan,
/// with the printed roundings (0.33, 0.67, 0.83, 1.33) as the exact fractions they stand for.
#[test]
fn pemenuhan_areas_and_indicators_score_their_reference_weights() {
    let q = lke();
    let third = 1.0 / 3.0;
    let table: &[(&str, f64, &[f64])] = &[
        ("A.I.1", 2.0, &[0.4, 0.4, 0.8, 0.4]),
        ("A.I.2", 1.0, &[0.5, 0.5]),
        ("A.I.3", 2.0, &[1.0, 1.0]),
        ("A.I.4", 2.0, &[0.6, 0.8, 0.6]),
        (
            "A.I.5",
            5.0,
            &[
                third,
                2.0 * third,
                third,
                2.0,
                2.0 * third,
                third,
                third,
                third,
            ],
        ),
        ("A.I.6", 2.0, &[2.0 * third, 4.0 * third]),
        (
            "A.I.7",
            4.0,
            &[0.5, 0.5, 2.0 * third, 0.5, 0.5, 5.0 / 6.0, 0.5],
        ),
        ("A.I.8", 2.0, &[third, third, 0.5, 0.5, third]),
    ];
    let numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"];
    for (area, w, indicators) in table {
        assert_points(&q, area, *w);
        let children = q.children(q.node_index(area).expect("area"));
        assert_eq!(
            children.len(),
            indicators.len(),
            "{area} has {} indicators",
            indicators.len()
        );
        for (k, iw) in indicators.iter().enumerate() {
            assert_points(&q, &format!("{area}.{}", numerals[k]), *iw);
        }
    }
}

#[test]
fn questions_split_their_indicator_equally() {
    // "Indicator score = mean of its question scores × indicator weight" (reference §5).
    let q = lke();
    let tim_rb = q.node_index("A.I.1.i").expect("A.I.1.i");
    let kids = q.children(tim_rb).to_vec();
    assert_eq!(kids.len(), 3);
    for k in kids {
        assert_points(&q, &q.nodes[k].id.clone(), 0.4 / 3.0);
    }
}

#[test]
fn scales_score_as_the_reference_says() {
    let q = lke();
    let scale = |id: &str| {
        q.scales
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("scale {id}"))
    };
    let scores = |id: &str| match &scale(id).kind {
        pmprb::questionnaire::ScaleKind::Choice { options } => options
            .iter()
            .map(|o| (o.code.clone(), o.score))
            .collect::<Vec<_>>(),
        _ => panic!("{id} is a choice scale"),
    };
    assert_eq!(scores("YT"), vec![("Y".into(), 1.0), ("T".into(), 0.0)]);
    assert_eq!(
        scores("ABC"),
        vec![("A".into(), 1.0), ("B".into(), 0.5), ("C".into(), 0.0)]
    );
    assert_eq!(
        scores("ABCD"),
        vec![
            ("A".into(), 1.0),
            ("B".into(), 0.67),
            ("C".into(), 0.33),
            ("D".into(), 0.0)
        ]
    );
    assert_eq!(
        scores("ABCDE"),
        vec![
            ("A".into(), 1.0),
            ("B".into(), 0.75),
            ("C".into(), 0.5),
            ("D".into(), 0.25),
            ("E".into(), 0.0)
        ]
    );
}

#[test]
fn every_choice_question_has_criteria_and_every_indicator_guidance_and_evidence() {
    for id in ["pmprb-2020", "zi-2021"] {
        let q = find_embedded(id).expect("embedded");
        for &i in &q.questions {
            let question = q.question(i).expect("question");
            if let pmprb::questionnaire::ScaleKind::Choice { options } = &q.scale_of(question).kind
            {
                for o in options {
                    assert!(
                        question.criteria.contains_key(&o.code),
                        "{id} {}: no criteria for {}",
                        q.nodes[i].id,
                        o.code
                    );
                }
            }
            let parent = q.nodes[i].parent.expect("questions sit in groups");
            let p = &q.nodes[parent];
            assert!(
                p.guidance.is_some() || q.nodes[i].guidance.is_some(),
                "{id} {}: no guidance",
                q.nodes[i].id
            );
            assert!(
                !p.evidence.is_empty() || !q.nodes[i].evidence.is_empty(),
                "{id} {}: no expected evidence",
                q.nodes[i].id
            );
        }
    }
}

#[test]
fn new_drafts_default_to_pmprb_2020() {
    assert_eq!(
        pmprb::catalog::default_questionnaire().expect("default").id,
        "pmprb-2020"
    );
}

#[test]
fn zi_has_six_areas_and_the_wbk_wbbm_predicates() {
    let q = find_embedded("zi-2021").expect("zi-2021");
    let codes: Vec<&str> = q.predicates.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, vec!["WBK", "WBBM"]);
    let pemenuhan = q.node_index("A.I").expect("A.I");
    assert_eq!(q.children(pemenuhan).len(), 6);
    for (id, w) in [("A", 60.0), ("A.I", 30.0), ("A.II", 30.0), ("B", 40.0)] {
        assert_points(&q, id, w);
    }
}

/// Writes each example of each embedded questionnaire as a draft and scores it with the
/// real binary: the index must be the one computed by hand in the file.
#[test]
fn score_command_reproduces_every_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut checked = 0;
    for id in ["contoh", "pmprb-2020", "zi-2021"] {
        let q = find_embedded(id).expect("embedded");
        assert!(q.examples.len() >= 5, "{id} has at least five examples");
        for (k, ex) in q.examples.iter().enumerate() {
            let mut d = pmprb::draft::Draft::new(&q.id, &q.version, "Uji", "2024");
            d.answers = ex.answers.clone();
            let path = dir.path().join(format!("{id}-{k}.toml"));
            fs::write(&path, d.to_toml()).expect("write");
            let o = Command::new(env!("CARGO_BIN_EXE_pmprb"))
                .args(["score", path.to_str().expect("utf8"), "--json"])
                .output()
                .expect("run");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
            let index = v["index_exact"].as_f64().expect("index");
            assert!(
                (index - ex.index).abs() <= 0.005,
                "{id} example {:?}: {index} vs {}",
                ex.name,
                ex.index
            );
            assert_eq!(
                v["category"],
                ex.category.as_str(),
                "{id} example {:?}",
                ex.name
            );
            for (code, holds) in &ex.predicates {
                let p = v["predicates"]
                    .as_array()
                    .expect("predicates")
                    .iter()
                    .find(|p| p["code"] == code.as_str())
                    .expect("predicate");
                assert_eq!(
                    p["holds"], *holds,
                    "{id} example {:?} predicate {code}",
                    ex.name
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20);
}
