//! Small text helpers shared by every front end: cleaning untrusted text before it is
//! drawn, reading numbers the way Indonesian users type them, and rounding the index.

/// Removes characters that could move the cursor, recolour the terminal or reorder text
/// when drawn: C0/C1 controls (except newline and tab, which callers lay out themselves),
/// bidi overrides and isolates, and other invisible format characters.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\n' || c == '\t' || !is_hostile(c))
        .collect()
}

/// Like [`clean`] but for one-line fields: newlines and tabs become spaces.
pub fn clean_line(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\t' | '\r' => Some(' '),
            c if is_hostile(c) => None,
            c => Some(c),
        })
        .collect()
}

fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206A}'..='\u{206F}' // deprecated format controls
            | '\u{FEFF}'              // byte order mark
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
            | '\u{061C}'              // arabic letter mark
            | '\u{00AD}'              // soft hyphen
        )
}

/// Parses a decimal number as typed by a user: `85`, `85.5`, `85,5`, ` 85,50 `.
/// A single comma is a decimal separator (Indonesian usage); thousands separators are
/// not accepted because `1.000` would be ambiguous. Returns `None` for anything else,
/// including NaN and infinities.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    if t.contains(',') && t.contains('.') {
        return None;
    }
    if t.matches(',').count() > 1 {
        return None;
    }
    let t = t.replace(',', ".");
    let body = t.strip_prefix(['-', '+']).unwrap_or(&t);
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
        || body.matches('.').count() > 1
        || body == "."
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Rounds half away from zero to two decimals. Sums of floats can land a hair below an
/// exact `x.xx5` (e.g. 2.675 is stored as 2.67499999…); values within 1e-9 of the
/// midpoint are treated as on it, so the result matches decimal arithmetic.
pub fn round2(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let y = (x * 100.0).abs();
    let whole = y.floor();
    let frac = y - whole;
    let tol = 1e-7_f64.max(y * 1e-13);
    let r = if frac >= 0.5 - tol {
        whole + 1.0
    } else {
        whole
    };
    let r = r.copysign(x) / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Formats a figure with two decimals and the decimal separator of the language.
pub fn fmt2(x: f64, comma: bool) -> String {
    let s = format!("{:.2}", round2(x));
    if comma { s.replace('.', ",") } else { s }
}

/// 1-based line and column (in characters) of a byte offset in `src`.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let mut off = offset;
    while off > 0 && !src.is_char_boundary(off) {
        off -= 1;
    }
    let before = &src[..off];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The line starts of a text, so that many byte offsets can be turned into lines and
/// columns without rescanning the text from the top for each one (a hostile file can have
/// a hundred thousand problems).
pub struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { src, starts }
    }

    /// The same as [`line_col`], in logarithmic time plus the length of the line.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut off = offset.min(self.src.len());
        while off > 0 && !self.src.is_char_boundary(off) {
            off -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= off);
        let start = self.starts[line - 1];
        (line, self.src[start..off].chars().count() + 1)
    }
}

/// Cuts `s` to at most `max` characters, marking the cut with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_escape_and_bidi_but_keeps_newlines() {
        assert_eq!(clean("a\x1b[31mb\u{202E}c\nd\u{7}"), "a[31mbc\nd");
        assert_eq!(clean_line("a\nb\tc\u{2066}"), "a b c");
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let src = "a = 1\r\nbé = \"x\"\n\n[answers.\"ü\"]\nvalue = 2";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(index.line_col(offset), line_col(src, offset), "{offset}");
        }
        assert_eq!(LineIndex::new("").line_col(5), (1, 1));
    }

    #[test]
    fn decimal_comma_and_dot() {
        assert_eq!(parse_decimal("85,5"), Some(85.5));
        assert_eq!(parse_decimal(" 85.5 "), Some(85.5));
        assert_eq!(parse_decimal("100"), Some(100.0));
        assert_eq!(parse_decimal("-2,25"), Some(-2.25));
        for bad in [
            "", ",", "1,2,3", "1.2.3", "1.000,5", "abc", "1e5", "NaN", "inf", "1 000",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn round_half_away_from_zero_at_the_midpoint() {
        assert_eq!(round2(2.675), 2.68);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(90.005), 90.01);
        assert_eq!(round2(90.0049), 90.0);
        assert_eq!(round2(-2.675), -2.68);
        assert_eq!(round2(0.125), 0.13);
        assert_eq!(round2(89.994999), 89.99);
        assert_eq!(round2(-0.001), 0.0);
    }

    #[test]
    fn line_col_counts_characters() {
        let s = "ab\ncé\nx";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 6), (2, 3));
        assert_eq!(line_col(s, 7), (3, 1));
        assert_eq!(line_col(s, 999), (3, 2));
    }
}
