//! Everything that can be wrong with a questionnaire or a draft file, as data. The words
//! for each problem live in `i18n`, so the same problem reads well in either language.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file, with the byte span it points at (when known).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    pub span: Option<Range<usize>>,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn error(span: Option<Range<usize>>, kind: ProblemKind) -> Self {
        Problem {
            severity: Severity::Error,
            span,
            kind,
        }
    }
    pub fn warning(span: Option<Range<usize>>, kind: ProblemKind) -> Self {
        Problem {
            severity: Severity::Warning,
            span,
            kind,
        }
    }
}

/// The kinds of problems. Field names are the TOML key names the user wrote.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// The TOML itself does not parse (message from the parser, in English).
    Syntax(String),
    /// Not UTF-8; the position of the first bad byte (the file has no text to point into).
    NotUtf8 {
        line: usize,
        col: usize,
    },
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// Arrays, inline tables or dotted keys nested deeper than the parser allows. No pmprb
    /// file needs more than a few levels; the limit keeps a hostile file from exhausting
    /// the stack.
    TooDeep,
    /// A questionnaire given where a draft is expected: its root names an `id` and no
    /// `questionnaire`.
    NotADraft,
    /// Not a problem of its own: the line that stands for the problems not shown when a
    /// file has very many.
    MoreProblems {
        count: usize,
    },
    Io(String),
    MissingField {
        field: String,
    },
    WrongType {
        field: String,
        expected: &'static str,
        found: &'static str,
    },
    UnknownField {
        field: String,
    },
    UnsupportedSchema {
        found: i64,
    },
    InvalidId {
        id: String,
    },
    DuplicateId {
        id: String,
        first_line: usize,
    },
    MissingParent {
        id: String,
        parent: String,
    },
    ParentNotGroup {
        id: String,
        parent: String,
    },
    MixedGroup {
        id: String,
    },
    EmptyGroup {
        id: String,
    },
    UnknownScale {
        id: String,
        scale: String,
    },
    UnknownScaleKind {
        scale: String,
        kind: String,
    },
    EmptyChoice {
        scale: String,
    },
    DuplicateCode {
        scale: String,
        code: String,
    },
    ScoreOutOfRange {
        scale: String,
        code: String,
        score: f64,
    },
    MinNotBelowMax {
        scale: String,
        min: f64,
        max: f64,
    },
    ZeroEqualsFull {
        scale: String,
    },
    BadNumber {
        field: String,
        value: f64,
    },
    NoCategories,
    CategoryOrder {
        code: String,
        above: f64,
        previous: f64,
    },
    CategoryWithoutAbove {
        code: String,
    },
    LastCategoryHasAbove {
        code: String,
    },
    DuplicateCode2 {
        what: &'static str,
        code: String,
    },
    CriteriaUnknownCode {
        id: String,
        code: String,
    },
    FieldIgnored {
        id: String,
        field: String,
    },
    WeightsDoNotAddUp {
        id: String,
        sum: f64,
        weight: f64,
    },
    PredicateUnknownNode {
        code: String,
        node: String,
    },
    /// A requirement lists a node together with a group it lies in: its points count twice
    /// (a warning: the SPEC sums over the listed nodes as written).
    PredicateNodesOverlap {
        code: String,
        node: String,
        within: String,
    },
    PredicateEmpty {
        code: String,
    },
    RequirementShape {
        code: String,
    },
    ExampleUnknownQuestion {
        name: String,
        id: String,
    },
    ExampleInvalidAnswer {
        name: String,
        id: String,
        why: crate::scoring::Invalid,
    },
    ExampleIndex {
        name: String,
        expected: f64,
        got: f64,
    },
    ExampleCategory {
        name: String,
        expected: String,
        got: String,
    },
    ExamplePredicate {
        name: String,
        code: String,
        expected: bool,
    },
    ExampleUnknownPredicate {
        name: String,
        code: String,
    },
    UnknownStatus {
        status: String,
    },
    IdDiffers {
        draft: String,
        questionnaire: String,
    },
}
