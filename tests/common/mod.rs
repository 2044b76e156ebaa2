//! Helpers shared by the integration tests.
#![allow(dead_code)]

use pmprb::i18n::Lang;
use pmprb::problem::{Problem, Severity};
use pmprb::questionnaire::{Questionnaire, load_str};

/// The categories of the LKE, as TOML.
pub const CATEGORIES: &str = r#"
[[category]]
code = "AA"
label = "Sangat Memuaskan"
above = 90
[[category]]
code = "A"
label = "Memuaskan"
above = 80
[[category]]
code = "BB"
label = "Sangat Baik"
above = 70
[[category]]
code = "B"
label = "Baik"
above = 60
[[category]]
code = "CC"
label = "Cukup"
above = 50
[[category]]
code = "C"
label = "Kurang"
above = 30
[[category]]
code = "D"
label = "Sangat Kurang"
"#;

/// A questionnaire header with the common scales.
pub fn header(total: f64) -> String {
    format!(
        r#"schema = 1
id = "uji"
version = "1"
title = "Uji"
total = {total}

[scales.YT]
kind = "choice"
options = [ {{ code = "Y", score = 1.0 }}, {{ code = "T", score = 0.0 }} ]

[scales.ABCD]
kind = "choice"
options = [ {{ code = "A", score = 1.0 }}, {{ code = "B", score = 0.67 }}, {{ code = "C", score = 0.33 }}, {{ code = "D", score = 0.0 }} ]

[scales.persen]
kind = "percent"

[scales.ipak]
kind = "number"
min = 1
max = 4

[scales.rasio]
kind = "ratio"
{CATEGORIES}"#
    )
}

pub fn load_ok(src: &str) -> Questionnaire {
    let r = load_str(src);
    let errs: Vec<String> = r
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| pmprb::diagnostics::render(Lang::En, "q.toml", Some(src), p))
        .collect();
    match r.questionnaire {
        Some(q) if errs.is_empty() => q,
        _ => panic!("questionnaire should load, got:\n{}", errs.join("\n")),
    }
}

/// Every problem rendered in English as `q.toml:L:C: severity: message`.
pub fn problems(src: &str) -> Vec<String> {
    let r = load_str(src);
    r.problems
        .iter()
        .map(|p: &Problem| pmprb::diagnostics::render(Lang::En, "q.toml", Some(src), p))
        .collect()
}

/// A tiny deterministic generator, so a failing case is reproduced by its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One generated question: id, scale, whether N/A is allowed.
pub struct GenQuestion {
    pub id: String,
    pub scale: &'static str,
    pub na: bool,
}

/// A random questionnaire with the LKE's shape (groups of groups, then questions),
/// scales whose lowest score is 0, random relative weights and N/A permissions.
pub fn random_questionnaire(rng: &mut Rng, all_na: bool) -> (String, Vec<GenQuestion>) {
    let mut src = header(if rng.chance(30) { 40.0 } else { 100.0 });
    let mut qs = Vec::new();
    let roots = 1 + rng.below(3);
    for r in 0..roots {
        let id = format!("G{r}");
        let depth = 1 + rng.below(4) as usize;
        gen_group(rng, &mut src, &mut qs, &id, depth, all_na);
    }
    (src, qs)
}

fn weight(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => String::new(),
        1 => format!("weight = {}\n", 1 + rng.below(6)),
        2 => format!("weight = {}.{}\n", rng.below(5), 1 + rng.below(9)),
        _ => "weight = 0.4\n".to_string(),
    }
}

fn gen_group(
    rng: &mut Rng,
    src: &mut String,
    qs: &mut Vec<GenQuestion>,
    id: &str,
    depth: usize,
    all_na: bool,
) {
    let w = weight(rng);
    src.push_str(&format!(
        "\n[[group]]\nid = \"{id}\"\ntitle = \"{id}\"\n{w}"
    ));
    let n = 1 + rng.below(4);
    if depth > 1 && rng.chance(70) {
        for c in 0..n {
            gen_group(rng, src, qs, &format!("{id}.{c}"), depth - 1, all_na);
        }
    } else {
        for c in 0..n {
            let qid = format!("{id}.q{c}");
            let scale = ["YT", "ABCD", "persen", "ipak", "rasio"][rng.below(5) as usize];
            let na = all_na || rng.chance(40);
            let w = weight(rng);
            src.push_str(&format!(
                "\n[[question]]\nid = \"{qid}\"\ntext = \"{qid}\"\nscale = \"{scale}\"\nna = {na}\n{w}"
            ));
            qs.push(GenQuestion { id: qid, scale, na });
        }
    }
}

/// A valid answer value on a scale, as TOML text, and its score.
pub fn random_value(rng: &mut Rng, scale: &str) -> (String, f64) {
    match scale {
        "YT" => {
            if rng.chance(50) {
                ("\"Y\"".into(), 1.0)
            } else {
                ("\"T\"".into(), 0.0)
            }
        }
        "ABCD" => {
            let (c, s) = [("A", 1.0), ("B", 0.67), ("C", 0.33), ("D", 0.0)][rng.below(4) as usize];
            (format!("\"{c}\""), s)
        }
        "persen" => {
            let v = rng.below(12_001) as f64 / 100.0;
            (format!("{v:?}"), v.min(100.0) / 100.0)
        }
        "ipak" => {
            let v = 1.0 + rng.below(301) as f64 / 100.0;
            (format!("{v:?}"), (v / 4.0).clamp(0.0, 1.0))
        }
        _ => {
            let d = 1 + rng.below(20);
            let n = rng.below(25);
            (format!("[{n}, {d}]"), (n as f64 / d as f64).min(1.0))
        }
    }
}

/// The best answer on a scale.
pub fn best_value(scale: &str) -> &'static str {
    match scale {
        "YT" => "\"Y\"",
        "ABCD" => "\"A\"",
        "persen" => "100",
        "ipak" => "4",
        _ => "[1, 1]",
    }
}
