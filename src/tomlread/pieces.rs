//! Reading a large TOML file a piece at a time.
//!
//! toml's spanned document costs about twenty times the file's size while it is built (the
//! token list, the event list and the tree are all alive at once): 35 MB for a questionnaire
//! of 10 000 questions. Questionnaires and drafts are mostly a long run of independent
//! sections (`[[question]]`, `[[group]]`, `[answers."id"]`), so a large file is cut at those
//! section headers and each section is parsed on its own, while the rest of the file (its
//! root keys, scales, categories, examples) is parsed with the sections blanked out. Spans
//! in a piece are relative to the piece; [`Piece::range`] gives the offset to add.
//!
//! The cut is a fast path, never a second meaning: [`split`] gives up on anything it does
//! not fully understand, and the readers give up when a piece or the rest has a syntax
//! error or an unexpected shape, so the caller parses the whole file as one document and
//! reports exactly what it would have reported without the cut. The equivalence is tested
//! on random documents (tests/hostile.rs).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_parser::Source;
use toml_parser::lexer::TokenKind;

use crate::problem::Problem;

/// Files from this size on are read in pieces. Smaller files are parsed whole: cutting costs
/// a second pass of the lexer and a parser set-up per piece (pmprb-2020's 142 KB load 45 %
/// slower in pieces), and a whole parse of 256 KB peaks near 6 MB, which is nothing to save.
pub const FROM_SIZE: usize = 256 * 1024;

/// A key whose sections are cut out as pieces.
#[derive(Clone, Copy, Debug)]
pub struct Section {
    pub key: &'static str,
    /// `[[key]]` elements of an array of tables (true) or `[key.name]` tables (false).
    pub array: bool,
}

/// One section of the source: the header's line through the line before the next
/// header that does not belong to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Which of the [`Section`]s given to [`split`].
    pub section: usize,
    pub range: Range<usize>,
}

/// The source cut into pieces.
#[derive(Debug)]
pub struct Split {
    /// The source with every piece replaced by spaces: same length, same offsets, so its
    /// spans are the source's.
    pub rest: String,
    pub pieces: Vec<Piece>,
}

/// Cuts `src` at the headers of `sections`. `None` when the source has a shape the cut does
/// not handle (a header split over lines, a sub-table before its section, `[key]` for an
/// array, unbalanced brackets …): the caller then parses the whole source.
pub fn split(src: &str, sections: &[Section]) -> Option<Split> {
    let mut tokens = Source::new(src).lex();
    let mut pieces: Vec<Piece> = Vec::new();
    // The section being read and where it began.
    let mut current: Option<(usize, usize)> = None;
    let mut place = Place::default();
    while let Some(tok) = tokens.next() {
        let start = match place.step(&tok) {
            Step::Eof => break,
            Step::On => continue,
            Step::Stray => return None,
            Step::Header { line_start } => line_start,
        };
        let header = read_header(src, &mut tokens, tok.span().end())?;
        let close = |current: &mut Option<(usize, usize)>, pieces: &mut Vec<Piece>| {
            if let Some((section, from)) = current.take() {
                pieces.push(Piece {
                    section,
                    range: from..start,
                });
            }
        };
        let Some(which) = header
            .first
            .and_then(|k| sections.iter().position(|s| s.key == k))
        else {
            close(&mut current, &mut pieces);
            continue;
        };
        let s = sections[which];
        let element_keys = if s.array { 1 } else { 2 };
        if header.array == s.array && header.keys == element_keys {
            close(&mut current, &mut pieces);
            current = Some((which, start));
        } else if header.keys > element_keys && current.is_some_and(|(section, _)| section == which)
        {
            // A sub-table of the section being read: part of the same piece.
        } else {
            return None;
        }
    }
    if place.in_open_value() {
        return None;
    }
    if let Some((section, from)) = current {
        pieces.push(Piece {
            section,
            range: from..src.len(),
        });
    }
    let mut rest = String::with_capacity(src.len());
    let mut at = 0;
    for p in &pieces {
        rest.push_str(&src[at..p.range.start]);
        rest.extend(std::iter::repeat_n(' ', p.range.len()));
        at = p.range.end;
    }
    rest.push_str(&src[at..]);
    Some(Split { rest, pieces })
}

/// The text before the first table header: the file's root keys. Found with the lexer,
/// which stops there, so a large file costs only its first lines. On text that does not
/// lex as TOML the cut may be early or late; callers only classify files with it.
pub fn root_section(src: &str) -> &str {
    let mut place = Place::default();
    for tok in Source::new(src).lex() {
        match place.step(&tok) {
            Step::Eof => break,
            Step::Header { line_start } => return &src[..line_start],
            Step::On | Step::Stray => {}
        }
    }
    src
}

/// Where the lexer is in the file's layout: among keys and headers, or in a value (and how
/// deep in its brackets, which may span lines), and where the current line began. A table
/// header is a `[` at the start of a line outside any value.
#[derive(Default)]
struct Place {
    line_start: usize,
    /// Only whitespace since the line began (false at the start of the file until set).
    line_begun: bool,
    in_value: bool,
    depth: usize,
}

enum Step {
    On,
    /// A header's `[`; its line begins at `line_start`.
    Header {
        line_start: usize,
    },
    /// A bracket that closes nothing, or a `[` after a key: not TOML as the cut knows it.
    Stray,
    Eof,
}

impl Place {
    fn step(&mut self, tok: &toml_parser::lexer::Token) -> Step {
        let at_line_start = !self.line_begun;
        match tok.kind() {
            TokenKind::Eof => return Step::Eof,
            TokenKind::Newline => {
                if !self.in_value || self.depth == 0 {
                    self.in_value = false;
                    self.line_begun = false;
                    self.line_start = tok.span().end();
                }
            }
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket if self.in_value => {
                self.depth += 1;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket if self.in_value => {
                match self.depth.checked_sub(1) {
                    Some(d) => self.depth = d,
                    None => return Step::Stray,
                }
            }
            _ if self.in_value => {}
            TokenKind::Equals => {
                self.in_value = true;
                self.depth = 0;
                self.line_begun = true;
            }
            TokenKind::LeftSquareBracket => {
                self.line_begun = true;
                return if at_line_start {
                    Step::Header {
                        line_start: self.line_start,
                    }
                } else {
                    Step::Stray
                };
            }
            _ => self.line_begun = true,
        }
        Step::On
    }

    /// Inside brackets still open at the end of the file.
    fn in_open_value(&self) -> bool {
        self.in_value && self.depth > 0
    }
}

struct Header<'s> {
    /// The first key when it is written bare (a quoted first key never starts a piece).
    first: Option<&'s str>,
    keys: usize,
    array: bool,
}

/// Reads a table header after its opening `[`, through its closing bracket(s).
fn read_header<'s>(
    src: &'s str,
    tokens: &mut toml_parser::lexer::Lexer<'s>,
    open_end: usize,
) -> Option<Header<'s>> {
    let mut tok = tokens.next()?;
    let array = tok.kind() == TokenKind::LeftSquareBracket && tok.span().start() == open_end;
    if array {
        tok = tokens.next()?;
    }
    let mut first = None;
    let mut first_seen = false;
    let mut keys = 1;
    loop {
        match tok.kind() {
            TokenKind::Whitespace => {}
            TokenKind::Dot => keys += 1,
            TokenKind::Atom => {
                if !first_seen {
                    first = src.get(tok.span().start()..tok.span().end());
                }
                first_seen = true;
            }
            TokenKind::BasicString | TokenKind::LiteralString => first_seen = true,
            TokenKind::RightSquareBracket => break,
            _ => return None,
        }
        tok = tokens.next()?;
    }
    if array {
        let end = tok.span().end();
        let tok = tokens.next()?;
        if tok.kind() != TokenKind::RightSquareBracket || tok.span().start() != end {
            return None;
        }
    }
    first_seen.then_some(Header { first, keys, array })
}

/// A piece parsed on its own: `None` on any syntax error (the caller then parses the whole
/// file, which reports it with the right context).
pub fn parse_piece<'s>(src: &'s str, piece: &Piece) -> Option<Spanned<DeTable<'s>>> {
    let (doc, errors) = DeTable::parse_recoverable(&src[piece.range.clone()]);
    errors.is_empty().then_some(doc)
}

/// The one `[[key]]` element of an array piece, with its span (relative to the piece).
pub fn array_element<'d, 's>(
    doc: &'d Spanned<DeTable<'s>>,
    key: &str,
) -> Option<&'d Spanned<DeValue<'s>>> {
    let table = doc.get_ref();
    if table.len() != 1 {
        return None;
    }
    match table.get(key)?.get_ref() {
        DeValue::Array(a) if a.len() == 1 => {
            let item = a.iter().next()?;
            matches!(item.get_ref(), DeValue::Table(_)).then_some(item)
        }
        _ => None,
    }
}

/// The one `name` of a `[key.name]` piece, with its value (spans relative to the piece).
pub fn table_entry<'d, 's>(
    doc: &'d Spanned<DeTable<'s>>,
    key: &str,
) -> Option<(
    &'d Spanned<std::borrow::Cow<'s, str>>,
    &'d Spanned<DeValue<'s>>,
)> {
    let table = doc.get_ref();
    if table.len() != 1 {
        return None;
    }
    match table.get(key)?.get_ref() {
        DeValue::Table(t) if t.len() == 1 => t.iter().next(),
        _ => None,
    }
}

/// Adds `by` to a span read from a piece.
pub fn shift(span: &mut Range<usize>, by: usize) {
    span.start += by;
    span.end += by;
}

/// Adds `by` to the spans of the problems found in a piece.
pub fn shift_problems(problems: &mut [Problem], by: usize) {
    for p in problems {
        if let Some(s) = p.span.as_mut() {
            shift(s, by);
        }
    }
}

/// Random edits for the tests that compare the cut with a whole parse.
#[cfg(test)]
pub(crate) mod testing {
    use proptest::prelude::*;

    /// Text that moves section boundaries or breaks the syntax where it lands.
    const SNIPPETS: &[&str] = &[
        "[[question]]\n",
        "[[group]]\n",
        "[question.criteria]\nY = \"y\"\n",
        "[group.x]\n",
        "[[question.x]]\n",
        "[question]\n",
        "[answers.\"A.I.1.0.0\"]\nvalue = 1\n",
        "[answers.\"A.I.1.0.0\".x]\ny = 2\n",
        "[answers]\n",
        "[[answers.x]]\n",
        "answers.\"q\".value = 2\n",
        "question = []\n",
        "[[\"question\"]]\n",
        "[\"answers\".\"A.2\"]\n",
        "[scales.X]\nkind = \"percent\"\n",
        "id = \"Z\"\n",
        "\"",
        "'''",
        "\"\"\"",
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        "=",
        "\n",
        "#",
        " = [\n",
        "\r\n",
        "\u{FEFF}",
        "x.y = 1\n",
        "    ",
    ];

    /// Edits: (what, where as a thousandth of the length, how many bytes, which snippet).
    pub fn edits() -> impl Strategy<Value = Vec<(u8, u16, u8, u8)>> {
        proptest::collection::vec((0u8..5, 0u16..=1000, 0u8..60, any::<u8>()), 0..6)
    }

    fn boundary(s: &str, mut i: usize) -> usize {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    fn line_start(s: &str, i: usize) -> usize {
        s[..i].rfind('\n').map_or(0, |n| n + 1)
    }

    /// For each edit in turn: delete a range, insert a snippet at a line start (anywhere,
    /// or in the file's first twentieth, where the root keys are), insert one anywhere, or
    /// repeat a range.
    pub fn apply(src: &str, edits: &[(u8, u16, u8, u8)]) -> String {
        let mut s = src.to_string();
        for &(what, at, len, which) in edits {
            let snippet = SNIPPETS[which as usize % SNIPPETS.len()];
            let at_ = boundary(&s, s.len() * at as usize / 1000);
            let end = boundary(&s, at_ + len as usize);
            match what {
                0 => s.replace_range(at_..end, ""),
                1 => s.insert_str(line_start(&s, at_), snippet),
                2 => {
                    let near_top = boundary(&s, s.len() * at as usize / 20_000);
                    s.insert_str(line_start(&s, near_top), snippet)
                }
                3 => s.insert_str(at_, snippet),
                _ => {
                    let copy = s[at_..end].to_string();
                    s.insert_str(at_, &copy);
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: [Section; 2] = [
        Section {
            key: "group",
            array: true,
        },
        Section {
            key: "question",
            array: true,
        },
    ];
    const A: [Section; 1] = [Section {
        key: "answers",
        array: false,
    }];

    fn texts<'s>(src: &'s str, s: &Split) -> Vec<&'s str> {
        s.pieces.iter().map(|p| &src[p.range.clone()]).collect()
    }

    #[test]
    fn cuts_at_section_headers_and_keeps_sub_tables_with_their_section() {
        let src = "schema = 1\n[scales.YT]\nkind = \"choice\"\n\n  [[group]]\nid = \"A\"\n# c\n\
                   [[question]]\nid = \"A.1\"\n[question.criteria]\nY = \"y\"\n\
                   [[category]]\ncode = \"B\"\n[[question]]\nid = \"A.2\"";
        let s = split(src, &Q).expect("cut");
        assert_eq!(
            texts(src, &s),
            [
                "  [[group]]\nid = \"A\"\n# c\n",
                "[[question]]\nid = \"A.1\"\n[question.criteria]\nY = \"y\"\n",
                "[[question]]\nid = \"A.2\"",
            ]
        );
        assert_eq!(s.pieces[1].section, 1);
        assert_eq!(s.rest.len(), src.len());
        assert!(s.rest.contains("[scales.YT]") && s.rest.contains("[[category]]"));
        assert!(!s.rest.contains("group") && !s.rest.contains("question"));
    }

    #[test]
    fn brackets_inside_values_strings_and_comments_are_not_headers() {
        let src = "a = [\n[1],\n[2]]\nb = \"\"\"\n[[question]]\n\"\"\"\n# [[question]]\n\
                   c = { d = [1,\n2] }\n[[question]]\nid = 'x'\n";
        let s = split(src, &Q).expect("cut");
        assert_eq!(texts(src, &s), ["[[question]]\nid = 'x'\n"]);
    }

    #[test]
    fn table_sections_cut_per_name() {
        let src = "schema = 1\n[answers.\"A.1\"]\nvalue = \"Y\"\n[answers.\"A.1\".x]\ny = 1\n\
                   [answers.\"A.2\"]\nna = true\n[[history]]\nevent = \"final\"\n";
        let s = split(src, &A).expect("cut");
        assert_eq!(
            texts(src, &s),
            [
                "[answers.\"A.1\"]\nvalue = \"Y\"\n[answers.\"A.1\".x]\ny = 1\n",
                "[answers.\"A.2\"]\nna = true\n"
            ]
        );
        let doc = parse_piece(src, &s.pieces[0]).expect("parses");
        let (k, v) = table_entry(&doc, "answers").expect("one answer");
        assert_eq!(k.get_ref(), "A.1");
        assert!(matches!(v.get_ref(), DeValue::Table(t) if t.len() == 2));
    }

    #[test]
    fn shapes_it_does_not_handle_give_up() {
        for src in [
            "[question]\nid = 1\n",                    // a plain table for an array key
            "[question.criteria]\nY = 1\n",            // a sub-table with no section
            "[[question]]\n[[group]]\n[question.x]\n", // a sub-table after another section
            "[answers]\n\"A.1\" = { value = 1 }\n",    // the whole table at once
            "[[answers.x]]\n",                         // an array where a table is expected
            "a = [1,\n",                               // an unclosed value
            "a = 1]\n",                                // a stray bracket
            "[[question]\n",                           // a broken header
            "[\nquestion]\n",                          // a header over two lines
            "a [b]\n",                                 // a header not at a line start
        ] {
            let sections = if src.contains("answers") {
                &A[..]
            } else {
                &Q[..]
            };
            assert!(split(src, sections).is_none(), "{src:?}");
        }
    }

    #[test]
    fn the_root_section_ends_at_the_first_header() {
        let src = "schema = 1\nid = \"x\" # [a]\nlist = [\n[1],\n]\n  [scales.YT]\nkind = 1\n";
        assert_eq!(
            root_section(src),
            "schema = 1\nid = \"x\" # [a]\nlist = [\n[1],\n]\n"
        );
        assert_eq!(root_section("a = 1\n"), "a = 1\n");
        assert_eq!(root_section("[[question]]\n"), "");
    }

    #[test]
    fn a_quoted_first_key_stays_in_the_rest() {
        let src = "[[\"question\"]]\nid = \"A\"\n";
        let s = split(src, &Q).expect("cut");
        assert!(s.pieces.is_empty());
        assert_eq!(s.rest, src);
    }

    #[test]
    fn pieces_report_their_element() {
        let src = "[[question]]\nid = \"A\"\n[question.criteria]\nY = \"y\"\n";
        let s = split(src, &Q).expect("cut");
        let doc = parse_piece(src, &s.pieces[0]).expect("parses");
        let item = array_element(&doc, "question").expect("one element");
        assert!(matches!(item.get_ref(), DeValue::Table(t) if t.len() == 2));
        let broken = "[[question]]\nid = \n";
        let s = split(broken, &Q).expect("cut");
        assert!(parse_piece(broken, &s.pieces[0]).is_none());
    }
}
