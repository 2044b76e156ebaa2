//! Every rule of SPEC §1, each tripped by a bad file, with the message and its position.

mod common;

use common::{header, problems};

/// Asserts that one problem line contains every fragment.
fn has(lines: &[String], fragments: &[&str]) {
    assert!(
        lines
            .iter()
            .any(|l| fragments.iter().all(|f| l.contains(f))),
        "no problem with {fragments:?} in:\n{}",
        lines.join("\n")
    );
}

fn with_nodes(nodes: &str) -> String {
    format!("{}\n{nodes}", header(100.0))
}

/// Line number (1-based) of the first line containing `needle`.
fn line_of(src: &str, needle: &str) -> usize {
    src.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn syntax_error_has_line_and_column() {
    let src = "schema = 1\nid = \"x\"\ntitle = \n";
    let p = problems(src);
    has(&p, &["q.toml:3:", "error: invalid TOML"]);
}

#[test]
fn duplicate_ids_across_groups_and_questions() {
    let src = with_nodes(
        r#"
[[group]]
id = "A"
title = "A"
[[question]]
id = "A.a"
text = "q"
scale = "YT"
[[question]]
id = "A"
text = "dup"
scale = "YT"
"#,
    );
    let first = line_of(&src, "id = \"A\"");
    let dup = src
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "id = \"A\"")
        .nth(1)
        .expect("two")
        .0
        + 1;
    has(
        &problems(&src),
        &[
            &format!("q.toml:{dup}:6:"),
            &format!("id \"A\" is already used on line {first}"),
        ],
    );
}

#[test]
fn parent_must_exist() {
    let src = with_nodes(
        "[[group]]\nid = \"A\"\ntitle = \"A\"\n[[question]]\nid = \"A.a\"\ntext = \"q\"\nscale = \"YT\"\n[[question]]\nid = \"Z.b\"\ntext = \"q\"\nscale = \"YT\"\n",
    );
    let line = line_of(&src, "id = \"Z.b\"");
    has(
        &problems(&src),
        &[
            &format!("q.toml:{line}:6:"),
            "\"Z.b\": its parent \"Z\" does not exist",
        ],
    );
}

#[test]
fn parent_must_be_a_group() {
    let src = with_nodes(
        "[[group]]\nid = \"A\"\ntitle = \"A\"\n[[question]]\nid = \"A.a\"\ntext = \"q\"\nscale = \"YT\"\n[[question]]\nid = \"A.a.x\"\ntext = \"q\"\nscale = \"YT\"\n",
    );
    let line = line_of(&src, "id = \"A.a.x\"");
    has(
        &problems(&src),
        &[
            &format!("q.toml:{line}:"),
            "parent \"A.a\" is a question, not a group",
        ],
    );
}

#[test]
fn ids_must_be_well_formed() {
    let src = with_nodes(
        "[[group]]\nid = \"A..b\"\ntitle = \"A\"\n[[group]]\nid = \"B\"\ntitle = \"B\"\n[[question]]\nid = \"B.a\"\ntext = \"q\"\nscale = \"YT\"\n",
    );
    has(&problems(&src), &["id \"A..b\" is not valid"]);
}

#[test]
fn group_never_mixes_groups_and_questions() {
    let src = with_nodes(
        "[[group]]\nid = \"A\"\ntitle = \"A\"\n[[group]]\nid = \"A.I\"\ntitle = \"I\"\n[[question]]\nid = \"A.I.a\"\ntext = \"q\"\nscale = \"YT\"\n[[question]]\nid = \"A.b\"\ntext = \"q\"\nscale = \"YT\"\n",
    );
    let line = line_of(&src, "[[group]]");
    has(
        &problems(&src),
        &[
            &format!("q.toml:{line}:"),
            "group \"A\" holds both groups and questions",
        ],
    );
}

#[test]
fn group_never_empty() {
    let src = with_nodes(
        "[[group]]\nid = \"A\"\ntitle = \"A\"\n[[group]]\nid = \"B\"\ntitle = \"B\"\n[[question]]\nid = \"B.a\"\ntext = \"q\"\nscale = \"YT\"\n",
    );
    has(&problems(&src), &["group \"A\" holds nothing"]);
}

#[test]
fn question_scale_must_exist() {
    let src = with_nodes(
        "[[group]]\nid = \"A\"\ntitle = \"A\"\n[[question]]\nid = \"A.a\"\ntext = \"q\"\nscale = \"XYZ\"\n",
    );
    let line = line_of(&src, "scale = \"XYZ\"");
    has(
        &problems(&src),
        &[&format!("q.toml:{line}:9:"), "scale \"XYZ\" is not defined"],
    );
}

const ONE_QUESTION: &str = "[[group]]\nid = \"A\"\ntitle = \"A\"\n[[question]]\nid = \"A.a\"\ntext = \"q\"\nscale = \"YT\"\n";

fn with_scale(scale: &str) -> String {
    format!("{}\n{scale}\n{ONE_QUESTION}", header(100.0))
}

#[test]
fn choice_codes_unique() {
    let src = with_scale(
        "[scales.dup]\nkind = \"choice\"\noptions = [ { code = \"A\", score = 1.0 }, { code = \"A\", score = 0.0 } ]\n",
    );
    let line = line_of(&src, "[scales.dup]") + 2;
    has(
        &problems(&src),
        &[
            &format!("q.toml:{line}:"),
            "scale \"dup\": code \"A\" appears twice",
        ],
    );
}

#[test]
fn choice_scores_within_0_and_1() {
    let src = with_scale(
        "[scales.big]\nkind = \"choice\"\noptions = [ { code = \"A\", score = 1.5 }, { code = \"B\", score = -0.1 } ]\n",
    );
    let p = problems(&src);
    has(&p, &["scale \"big\": score 1.5 of \"A\" is outside 0..1"]);
    has(&p, &["scale \"big\": score -0.1 of \"B\" is outside 0..1"]);
}

#[test]
fn number_scale_min_below_max() {
    let src = with_scale("[scales.n]\nkind = \"number\"\nmin = 4\nmax = 4\n");
    let line = line_of(&src, "[scales.n]") + 2;
    has(
        &problems(&src),
        &[
            &format!("q.toml:{line}:7:"),
            "min (4) must be below max (4)",
        ],
    );
}

#[test]
fn number_scale_zero_differs_from_full() {
    let src = with_scale("[scales.n]\nkind = \"number\"\nmin = 0\nmax = 4\nzero = 2\nfull = 2\n");
    has(&problems(&src), &["scale \"n\": zero and full must differ"]);
}

#[test]
fn unknown_scale_kind() {
    let src = with_scale("[scales.n]\nkind = \"slider\"\n");
    has(&problems(&src), &["unknown kind \"slider\""]);
}

#[test]
fn categories_strictly_decreasing() {
    let src = format!(
        "schema = 1\nid = \"x\"\nversion = \"1\"\ntitle = \"x\"\n[scales.YT]\nkind = \"choice\"\noptions = [ {{ code = \"Y\", score = 1.0 }} ]\n[[category]]\ncode = \"A\"\nabove = 50\n[[category]]\ncode = \"B\"\nabove = 60\n[[category]]\ncode = \"C\"\n{ONE_QUESTION}"
    );
    has(
        &problems(&src),
        &["category \"B\": above = 60 must be below the previous category's (50)"],
    );
}

#[test]
fn only_the_last_category_lacks_above() {
    let src = format!(
        "schema = 1\nid = \"x\"\nversion = \"1\"\ntitle = \"x\"\n[scales.YT]\nkind = \"choice\"\noptions = [ {{ code = \"Y\", score = 1.0 }} ]\n[[category]]\ncode = \"A\"\n[[category]]\ncode = \"B\"\nabove = 10\n{ONE_QUESTION}"
    );
    let p = problems(&src);
    has(&p, &["category \"A\" has no `above`"]);
    has(&p, &["the last category \"B\" must not have `above`"]);
}

#[test]
fn no_categories_is_an_error() {
    let src = format!(
        "schema = 1\nid = \"x\"\nversion = \"1\"\ntitle = \"x\"\n[scales.YT]\nkind = \"choice\"\noptions = [ {{ code = \"Y\", score = 1.0 }} ]\n{ONE_QUESTION}"
    );
    has(&problems(&src), &["no [[category]]"]);
}

#[test]
fn examples_must_score_as_written() {
    let src = format!(
        "{}\n{ONE_QUESTION}\n[[example]]\nname = \"salah\"\nindex = 50.0\ncategory = \"CC\"\n[example.answers.\"A.a\"]\nvalue = \"Y\"\n",
        header(100.0)
    );
    let p = problems(&src);
    let line = line_of(&src, "[[example]]");
    has(
        &p,
        &[
            &format!("q.toml:{line}:"),
            "example \"salah\": index should be 50, computed 100.0000",
        ],
    );
    has(
        &p,
        &["example \"salah\": category should be CC, computed AA"],
    );
}

#[test]
fn example_within_half_a_hundredth_passes() {
    let src = format!(
        "{}\n{ONE_QUESTION}\n[[example]]\nname = \"dekat\"\nindex = 99.995\ncategory = \"AA\"\n[example.answers.\"A.a\"]\nvalue = \"Y\"\n",
        header(100.0)
    );
    common::load_ok(&src);
}

#[test]
fn example_answers_must_fit() {
    let src = format!(
        "{}\n{ONE_QUESTION}\n[[example]]\nname = \"x\"\nindex = 0.0\ncategory = \"D\"\n[example.answers.\"A.a\"]\nvalue = \"Q\"\n[example.answers.\"A.zz\"]\nvalue = \"Y\"\n",
        header(100.0)
    );
    let p = problems(&src);
    has(
        &p,
        &["example \"x\": answer to \"A.a\" is invalid: option \"Q\" is not on this scale"],
    );
    has(&p, &["example \"x\": question \"A.zz\" does not exist"]);
}

#[test]
fn wrong_types_and_missing_fields_are_named() {
    let src = format!(
        "{}\n[[group]]\nid = \"A\"\ntitle = 5\nweight = \"dua\"\n[[question]]\nid = \"A.a\"\nscale = \"YT\"\n",
        header(100.0)
    );
    let p = problems(&src);
    let line = line_of(&src, "title = 5");
    has(
        &p,
        &[
            &format!("q.toml:{line}:9:"),
            "`title` must be text, not a whole number",
        ],
    );
    has(&p, &["`weight` must be a number, not text"]);
    has(&p, &["field `text` is required"]);
}

#[test]
fn schema_must_be_1() {
    let src = header(100.0).replacen("schema = 1", "schema = 2", 1) + ONE_QUESTION;
    has(
        &problems(&src),
        &["q.toml:1:10:", "schema = 2 is not supported"],
    );
}

#[test]
fn predicates_name_existing_nodes_and_have_a_shape() {
    let src = format!(
        "{}\n{ONE_QUESTION}\n[[predicate]]\ncode = \"WBK\"\nrequire = [ {{ nodes = [\"Q.Z\"], min_points = 4 }}, {{ min_points = 3 }} ]\n",
        header(100.0)
    );
    let p = problems(&src);
    has(&p, &["predicate \"WBK\": id \"Q.Z\" does not exist"]);
    has(
        &p,
        &["predicate \"WBK\": each requirement holds exactly one of"],
    );
}

#[test]
fn a_predicate_that_counts_a_node_twice_is_warned_about() {
    let src = format!(
        "{}\n{ONE_QUESTION}\n[[predicate]]\ncode = \"WBK\"\nrequire = [ {{ nodes = [\"A\", \"A.a\"], min_points = 4 }}, {{ nodes = [\"A.a\"], min_percent = 50 }} ]\n",
        header(100.0)
    );
    let p = problems(&src);
    has(
        &p,
        &["warning: predicate \"WBK\": \"A.a\" lies within \"A\" in the same requirement"],
    );
    assert_eq!(p.len(), 1, "{p:?}");
    common::load_ok(&src);
}

#[test]
fn unknown_fields_are_warnings_not_errors() {
    let src = format!(
        "{}\n{}",
        header(100.0),
        ONE_QUESTION.replace("text = \"q\"", "text = \"q\"\nwieght = 2")
    );
    let p = problems(&src);
    has(&p, &["warning: unknown field `wieght`"]);
    common::load_ok(&src);
}

#[test]
fn weights_that_do_not_add_up_warn_unless_marked_relative() {
    let body = "[[group]]\nid = \"A\"\ntitle = \"A\"\nweight = 5\n[[group]]\nid = \"A.i\"\ntitle = \"i\"\nweight = 1\n[[question]]\nid = \"A.i.a\"\ntext = \"q\"\nscale = \"YT\"\n[[group]]\nid = \"A.ii\"\ntitle = \"ii\"\nweight = 2\n[[question]]\nid = \"A.ii.a\"\ntext = \"q\"\nscale = \"YT\"\n";
    let src = format!("{}\n{body}", header(5.0));
    has(
        &problems(&src),
        &["warning: group \"A\": the children's weights add up to 3, not 5"],
    );
    let marked = src.replace("weight = 5\n", "weight = 5\nrelative_weights = true\n");
    assert!(problems(&marked).is_empty(), "{:?}", problems(&marked));
}

#[test]
fn criteria_must_name_options() {
    let src = format!(
        "{}\n{}",
        header(100.0),
        ONE_QUESTION.replace(
            "scale = \"YT\"",
            "scale = \"YT\"\ncriteria = { Y = \"ya\", Q = \"?\" }"
        )
    );
    has(&problems(&src), &["question \"A.a\": criteria for \"Q\""]);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let src = format!(
        "{}\n[[group]]\nid = \"A\"\ntitle = \"A\"\n[[question]]\nid = \"A.a\"\ntext = \"q\"\nscale = \"NOPE\"\n[[question]]\nid = \"A.a\"\ntext = \"q\"\nscale = \"YT\"\n[[question]]\nid = \"B.a\"\ntext = \"q\"\nscale = \"YT\"\n[[group]]\nid = \"C\"\ntitle = \"C\"\n",
        header(100.0)
    );
    let p = problems(&src);
    has(&p, &["scale \"NOPE\""]);
    has(&p, &["id \"A.a\" is already used"]);
    has(&p, &["parent \"B\" does not exist"]);
    has(&p, &["group \"C\" holds nothing"]);
}

#[test]
fn indonesian_messages_by_default() {
    let src = with_nodes("[[group]]\nid = \"A\"\ntitle = \"A\"\n");
    let r = pmprb::questionnaire::load_str(&src);
    let lines: Vec<String> = r
        .problems
        .iter()
        .map(|p| pmprb::diagnostics::render(pmprb::i18n::Lang::Id, "q.toml", Some(&src), p))
        .collect();
    has(&lines, &["galat: kelompok \"A\" tidak berisi apa pun"]);
}
