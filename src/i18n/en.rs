//! English.

use super::Texts;
use crate::problem::ProblemKind as K;
use crate::scoring::Invalid;

pub static TEXTS: Texts = Texts {
    error: "error",
    warning: "warning",
    index: "RB index",
    category: "Category",
    band: "Band",
    settled: "category settled",
    not_settled: "category not settled yet",
    progress: "Answered",
    not_applicable: "not applicable",
    invalid: "Invalid answers",
    orphaned: "Answers without a question",
    group: "Group",
    earned: "Earned",
    possible: "Possible",
    percent: "%",
    answered: "Answered",
    predicates: "Predicates",
    holds: "holds",
    fails: "not met",
    status: "Status",
    status_draft: "draft",
    status_final: "final",
    unit: "Unit",
    period: "Period",
    questionnaire: "Questionnaire",
    questions: "questions",
    updated: "Updated",
    no_drafts: "No drafts in {} yet. Create one with: pmprb new --unit \"Unit name\" --period 2024",
    drafts_in: "Drafts in {}",
    created: "New draft created: {}",
    check_summary: "{}: {} errors, {} warnings",
    examples_ok: "{} scoring examples match",
    req_min_index: "index at least {}",
    req_min_points: "points of {} at least {}",
    req_min_percent: "{} at least {}%",
    no_data_dir: "Cannot tell where the data folder is; set PMPRB_HOME to a folder.",
    unknown_questionnaire: "Unknown questionnaire \"{}\". Available: {}. Or give the path of a .toml file.",
    exists: "{} already exists; not overwritten.",
    cannot_write: "Cannot write {}: {}",
    locked: "{} is open for editing by {}.",
    version_differs: "draft made with questionnaire version {}, now version {}; answers matched by id",
    embedded_list: "Embedded questionnaires",
    draft_checked: "{}: draft matches questionnaire {} version {}",
    report_title: "Evaluation worksheet",
    basis: "Basis",
    date: "Date",
    col_question: "Question",
    col_answer: "Answer",
    col_score: "Score",
    col_note: "Explanation",
    col_evidence: "Evidence",
    col_flag: "Review",
    col_level: "Level",
    summary_sheet: "Summary",
    lke_sheet: "LKE",
    unanswered: "not answered",
    invalid_answer: "invalid",
    flagged: "flagged",
    xlsx_to_terminal: "xlsx output is a binary file; give -o FILE.xlsx or redirect to a file.",
    written: "Written: {}",
    finalize_blocked: "{} cannot be finalized yet:",
    finalize_unanswered: "{} questions not answered: {}",
    finalize_invalid: "{} invalid answers: {}",
    finalize_confirm: "Mark {} ({} {}) as final? A final draft opens read-only. [y/N] ",
    finalize_need_yes: "No terminal to ask; add --yes to finalize.",
    finalize_done: "{} marked final by {}.",
    finalize_already: "{} is already final.",
    cancelled: "Cancelled; nothing changed.",
    summary_title: "Roll-up of {} drafts",
    summary_stats: "Count {}, mean {}, median {}, min {}, max {}",
    summary_per_category: "Units per category",
    summary_weakest: "Weakest groups (mean percent)",
    summary_errors: "{} drafts could not be read",
    summary_none: "No drafts (*.toml) in {}",
    diff_title: "Changes {} → {}",
    diff_index: "RB index: {} → {} ({})",
    diff_category: "Category: {} → {}",
    diff_old: "old",
    diff_new: "new",
    diff_changed: "Changed answers",
    diff_added: "Added questions",
    diff_removed: "Removed questions",
    diff_none: "No answers changed.",
    diff_units_differ: "warning: the units differ ({} / {})",
    points: "points",
};

pub fn problem(k: &K) -> String {
    match k {
        K::Syntax(m) => format!("invalid TOML: {m}"),
        K::NotUtf8 { .. } => "the file is not UTF-8 text".into(),
        K::TooLarge { bytes, limit } => {
            format!("the file is too large ({bytes} bytes; limit {limit} bytes)")
        }
        K::TooDeep => "arrays, inline tables or dotted keys are nested too deeply; a pmprb file needs only a few levels".into(),
        K::NotADraft => "this file is a questionnaire, not a draft; make a draft from it with: pmprb new --unit \"Unit Name\" --period 2024 --questionnaire FILE".into(),
        K::MoreProblems { count } => format!("… and {count} more problems not shown"),
        K::Io(e) => format!("cannot be read: {e}"),
        K::MissingField { field } => format!("field `{field}` is required"),
        K::WrongType {
            field,
            expected,
            found,
        } => format!("`{field}` must be {}, not {}", ty(expected), ty(found)),
        K::UnknownField { field } => format!("unknown field `{field}` is ignored (a typo?)"),
        K::UnsupportedSchema { found } => {
            format!("schema = {found} is not supported; this version reads schema = 1")
        }
        K::InvalidId { id } => {
            format!("id \"{id}\" is not valid: use dot-separated parts without spaces, e.g. A.I.1")
        }
        K::DuplicateId { id, first_line } => {
            format!("id \"{id}\" is already used on line {first_line}")
        }
        K::MissingParent { id, parent } => {
            format!("\"{id}\": its parent \"{parent}\" does not exist")
        }
        K::ParentNotGroup { id, parent } => {
            format!("\"{id}\": its parent \"{parent}\" is a question, not a group")
        }
        K::MixedGroup { id } => format!("group \"{id}\" holds both groups and questions"),
        K::EmptyGroup { id } => format!("group \"{id}\" holds nothing"),
        K::UnknownScale { id, scale } => {
            format!("question \"{id}\": scale \"{scale}\" is not defined in [scales]")
        }
        K::UnknownScaleKind { scale, kind } => {
            format!("scale \"{scale}\": unknown kind \"{kind}\" (choice, percent, number, ratio)")
        }
        K::EmptyChoice { scale } => format!("scale \"{scale}\" has no options"),
        K::DuplicateCode { scale, code } => {
            format!("scale \"{scale}\": code \"{code}\" appears twice")
        }
        K::ScoreOutOfRange { scale, code, score } => {
            format!("scale \"{scale}\": score {score} of \"{code}\" is outside 0..1")
        }
        K::MinNotBelowMax { scale, min, max } => {
            format!("scale \"{scale}\": min ({min}) must be below max ({max})")
        }
        K::ZeroEqualsFull { scale } => format!("scale \"{scale}\": zero and full must differ"),
        K::BadNumber { field, value } => format!("`{field}` = {value} is not valid"),
        K::NoCategories => "no [[category]]: at least one category is needed".into(),
        K::CategoryOrder {
            code,
            above,
            previous,
        } => format!(
            "category \"{code}\": above = {above} must be below the previous category's ({previous})"
        ),
        K::CategoryWithoutAbove { code } => {
            format!("category \"{code}\" has no `above`: only the last category may omit it")
        }
        K::LastCategoryHasAbove { code } => {
            format!("the last category \"{code}\" must not have `above`")
        }
        K::DuplicateCode2 { what, code } => format!("{what} code \"{code}\" appears twice"),
        K::CriteriaUnknownCode { id, code } => format!(
            "question \"{id}\": criteria for \"{code}\", which is not an option of its scale"
        ),
        K::FieldIgnored { id, field } => {
            format!("\"{id}\": `{field}` does not apply to this scale and is ignored")
        }
        K::WeightsDoNotAddUp { id, sum, weight } => {
            let who = if id.is_empty() {
                "total".to_string()
            } else {
                format!("group \"{id}\"")
            };
            format!(
                "{who}: the children's weights add up to {sum}, not {weight} (legal as relative weights; write relative_weights = true if intended)"
            )
        }
        K::PredicateUnknownNode { code, node } => {
            format!("predicate \"{code}\": id \"{node}\" does not exist")
        }
        K::PredicateNodesOverlap { code, node, within } => format!(
            "predicate \"{code}\": \"{node}\" lies within \"{within}\" in the same requirement; its points count twice"
        ),
        K::PredicateEmpty { code } => {
            format!("predicate \"{code}\" has no requirements (`require`)")
        }
        K::RequirementShape { code } => format!(
            "predicate \"{code}\": each requirement holds exactly one of min_index, or nodes with min_points or min_percent"
        ),
        K::ExampleUnknownQuestion { name, id } => {
            format!("example \"{name}\": question \"{id}\" does not exist")
        }
        K::ExampleInvalidAnswer { name, id, why } => format!(
            "example \"{name}\": answer to \"{id}\" is invalid: {}",
            invalid(why)
        ),
        K::ExampleIndex {
            name,
            expected,
            got,
        } => format!(
            "example \"{name}\": index should be {expected}, computed {got:.4} (off by {:.4})",
            got - expected
        ),
        K::ExampleCategory {
            name,
            expected,
            got,
        } => format!("example \"{name}\": category should be {expected}, computed {got}"),
        K::ExamplePredicate {
            name,
            code,
            expected,
        } => format!(
            "example \"{name}\": predicate {code} should {}hold, computed it {}",
            if *expected { "" } else { "not " },
            if *expected { "does not" } else { "holds" }
        ),
        K::ExampleUnknownPredicate { name, code } => {
            format!("example \"{name}\": predicate \"{code}\" does not exist")
        }
        K::UnknownStatus { status } => format!("unknown status \"{status}\" (draft or final)"),
        K::IdDiffers {
            draft,
            questionnaire,
        } => format!("draft is for questionnaire \"{draft}\", but the file is \"{questionnaire}\""),
    }
}

pub fn invalid(k: &Invalid) -> String {
    match k {
        Invalid::UnknownCode(c) => format!("option \"{c}\" is not on this scale"),
        Invalid::OutOfRange { value, min, max } => format!("{value} is outside {min}..{max}"),
        Invalid::Negative(v) => format!("{v} must not be negative"),
        Invalid::ZeroDenominator => "the denominator must not be 0".into(),
        Invalid::WrongType { expected } => format!("must be {}", ty(expected)),
        Invalid::NotANumber(s) => format!("\"{s}\" is not a number"),
        Invalid::NaNotAllowed => "this question cannot be answered \"not applicable\"".into(),
        Invalid::NaWithValue => "marked not applicable but also has a value".into(),
    }
}

fn ty(t: &str) -> &str {
    match t {
        "string" => "text",
        "integer" => "a whole number",
        "float" | "number" => "a number",
        "boolean" => "true/false",
        "datetime" => "a date-time",
        "array" => "a list [..]",
        "table" => "a table",
        "code" => "an option code (text)",
        "pair" => "a pair [numerator, denominator]",
        other => other,
    }
}
