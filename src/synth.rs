//! Synthetic questionnaires and drafts of any size with the LKE's shape (components, sub-
//! components, areas, indicators, questions: five levels; mixed scales; N/A), for the
//! benchmarks and the stress tests. Deterministic: the same size gives the same file.

use std::fmt::Write;

use crate::answer::Answer;
use crate::draft::Draft;
use crate::questionnaire::{Questionnaire, ScaleKind};

const SCALES: &str = r#"
[scales.YT]
kind = "choice"
options = [ { code = "Y", label = "Ya", score = 1.0 }, { code = "T", label = "Tidak", score = 0.0 } ]

[scales.ABC]
kind = "choice"
options = [ { code = "A", score = 1.0 }, { code = "B", score = 0.5 }, { code = "C", score = 0.0 } ]

[scales.ABCD]
kind = "choice"
options = [ { code = "A", score = 1.0 }, { code = "B", score = 0.67 }, { code = "C", score = 0.33 }, { code = "D", score = 0.0 } ]

[scales.persen]
kind = "percent"

[scales.skala4]
kind = "number"
min = 1
max = 4

[scales.rasio]
kind = "ratio"

[[category]]
code = "AA"
above = 90
[[category]]
code = "A"
above = 80
[[category]]
code = "BB"
above = 70
[[category]]
code = "B"
above = 60
[[category]]
code = "CC"
above = 50
[[category]]
code = "C"
above = 30
[[category]]
code = "D"
"#;

/// A questionnaire with about `questions` questions: 2 components × 3 sub-components ×
/// 8 areas × indicators of 5 questions each.
pub fn questionnaire_toml(questions: usize) -> String {
    let per_indicator = 5;
    let areas = 2 * 3 * 8;
    let indicators = questions.div_ceil(areas * per_indicator).max(1);
    let mut out = String::with_capacity(questions * 200);
    let _ = write!(
        out,
        "schema = 1\nid = \"sintetis\"\nversion = \"{questions}\"\ntitle = \"Sintetis\"\n{SCALES}"
    );
    let scales = ["YT", "ABC", "ABCD", "persen", "skala4", "rasio"];
    let mut made = 0;
    'outer: for c in ["A", "B"] {
        let _ = write!(
            out,
            "\n[[group]]\nid = \"{c}\"\ntitle = \"Komponen {c}\"\nweight = {}\n",
            if c == "A" { 60 } else { 40 }
        );
        for s in ["I", "II", "III"] {
            let sid = format!("{c}.{s}");
            let _ = write!(out, "\n[[group]]\nid = \"{sid}\"\ntitle = \"Sub {sid}\"\n");
            for a in 1..=8 {
                let aid = format!("{sid}.{a}");
                let _ = write!(
                    out,
                    "\n[[group]]\nid = \"{aid}\"\ntitle = \"Area {aid}\"\nweight = {a}\n"
                );
                for i in 0..indicators {
                    let iid = format!("{aid}.{i}");
                    let _ = write!(
                        out,
                        "\n[[group]]\nid = \"{iid}\"\ntitle = \"Indikator {iid}\"\nguidance = \"Periksa dokumen.\"\nevidence = [\"SK\", \"Laporan\"]\n"
                    );
                    for k in 0..per_indicator {
                        let scale = scales[(made + k) % scales.len()];
                        let _ = write!(
                            out,
                            "\n[[question]]\nid = \"{iid}.{k}\"\ntext = \"Pertanyaan nomor {made} tentang pelaksanaan reformasi birokrasi di unit ini.\"\nscale = \"{scale}\"\nna = {}\n",
                            made % 7 == 0
                        );
                        if scale == "rasio" {
                            out.push_str("numerator = \"Jumlah yang selesai\"\ndenominator = \"Jumlah seluruhnya\"\n");
                        }
                        made += 1;
                        if made >= questions {
                            break 'outer;
                        }
                    }
                }
            }
        }
    }
    out
}

/// A draft answering every `every`-th question (1 = all), with a penjelasan and evidence,
/// and every 13th answered one marked N/A where allowed.
pub fn draft(q: &Questionnaire, every: usize) -> Draft {
    let mut d = Draft::new(&q.id, &q.version, "Unit Sintetis", "2024");
    for (n, &i) in q.questions.iter().enumerate() {
        if n % every.max(1) != 0 {
            continue;
        }
        let Some(question) = q.question(i) else {
            continue;
        };
        let value = match &q.scale_of(question).kind {
            ScaleKind::Choice { options } => {
                toml::Value::String(options[n % options.len()].code.clone())
            }
            ScaleKind::Percent => toml::Value::Float((n % 120) as f64 + 0.5),
            ScaleKind::Number { min, max, .. } => {
                toml::Value::Float(min + (max - min) * ((n % 10) as f64 / 10.0))
            }
            ScaleKind::Ratio => toml::Value::Array(vec![
                toml::Value::Integer((n % 7) as i64),
                toml::Value::Integer(6),
            ]),
        };
        let mut a = if question.na && n % 13 == 0 {
            Answer::not_applicable()
        } else {
            Answer::with_value(value)
        };
        a.note = format!("Penjelasan untuk pertanyaan {n}.\nDokumen tersedia di bagian umum.\n");
        a.evidence = vec![format!("bukti/{n}.pdf")];
        a.updated = d.updated;
        d.answers.insert(q.nodes[i].id.clone(), a);
    }
    d
}
