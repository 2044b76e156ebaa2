//! Laying text out in cells: word wrapping and cutting by display width (a CJK character
//! or an emoji takes two cells), so views know how many lines a text takes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The cells `c` takes (0 for a combining mark).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Wraps `text` to lines of at most `w` cells, at spaces where it can, inside a word
/// where a word is wider than a line. Newlines start new lines.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    if w == 0 {
        return out;
    }
    for para in text.split('\n') {
        let mut line = String::new();
        let mut lw = 0;
        for word in para.split(' ') {
            let ww = width(word);
            let sep = usize::from(!line.is_empty() || lw > 0);
            if lw + sep + ww <= w {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                lw += sep + ww;
                continue;
            }
            if word.is_empty() {
                // A space that falls at the end of a full line: the break takes its place
                // (else a paragraph ending in one would get a blank line after it).
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
                lw = 0;
            }
            // The word alone: split it when it is wider than a line.
            for c in word.chars() {
                let cw = char_width(c);
                if lw + cw > w && !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    lw = 0;
                }
                line.push(c);
                lw += cw;
            }
        }
        out.push(line);
    }
    out
}

/// `s` cut to at most `w` cells, with `…` where it was cut.
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw > w - 1 {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = fit(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// Like [`pad`] but aligned right.
pub fn pad_left(s: &str, w: usize) -> String {
    let cut = fit(s, w);
    let used = width(&cut);
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(used)).collect();
    out.push_str(&cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("satu dua tiga", 8), vec!["satu dua", "tiga"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert!(wrap("apa saja", 0).is_empty());
    }

    #[test]
    fn a_space_at_a_full_line_adds_no_blank_line() {
        assert_eq!(wrap("abcd ", 4), vec!["abcd"]);
        assert_eq!(wrap("abc  ", 4), vec!["abc "]);
        assert_eq!(wrap("abcd  efgh", 4), vec!["abcd", "efgh"]);
        assert_eq!(wrap("ab  cd", 10), vec!["ab  cd"]);
        assert_eq!(wrap("abcd \nef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("", 4), vec![""]);
    }

    #[test]
    fn no_line_is_wider_than_asked() {
        let text = "Pemantauan dan evaluasi 漢字漢字漢字 reformasi birokrasi 🙂🙂🙂 tahun berjalan";
        for w in 1..30 {
            for l in wrap(text, w) {
                assert!(width(&l) <= w.max(2), "{w}: {l:?}");
            }
        }
    }

    #[test]
    fn fit_marks_the_cut() {
        assert_eq!(fit("Dinas Kominfo", 6), "Dinas…");
        assert_eq!(fit("Dinas", 6), "Dinas");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad_left("ab", 4), "  ab");
    }
}
