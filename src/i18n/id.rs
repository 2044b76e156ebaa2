//! Bahasa Indonesia.

use super::Texts;
use crate::problem::ProblemKind as K;
use crate::scoring::Invalid;

pub static TEXTS: Texts = Texts {
    error: "galat",
    warning: "peringatan",
    index: "Indeks RB",
    category: "Kategori",
    band: "Rentang",
    settled: "kategori sudah pasti",
    not_settled: "kategori belum pasti",
    progress: "Terjawab",
    not_applicable: "tidak berlaku",
    invalid: "Jawaban tidak sah",
    orphaned: "Jawaban tanpa pertanyaan",
    group: "Komponen",
    earned: "Nilai",
    possible: "Bobot",
    percent: "%",
    answered: "Terjawab",
    predicates: "Predikat",
    holds: "terpenuhi",
    fails: "belum terpenuhi",
    status: "Status",
    status_draft: "draf",
    status_final: "final",
    unit: "Unit",
    period: "Periode",
    questionnaire: "Kuesioner",
    questions: "pertanyaan",
    updated: "Diubah",
    no_drafts: "Belum ada draf di {}. Buat dengan: pmprb new --unit \"Nama Unit\" --period 2024",
    drafts_in: "Draf di {}",
    created: "Draf baru dibuat: {}",
    check_summary: "{}: {} galat, {} peringatan",
    examples_ok: "{} contoh perhitungan cocok",
    req_min_index: "indeks minimal {}",
    req_min_points: "nilai {} minimal {}",
    req_min_percent: "capaian {} minimal {}%",
    no_data_dir: "Folder data tidak dapat ditentukan; setel PMPRB_HOME ke sebuah folder.",
    unknown_questionnaire: "Kuesioner \"{}\" tidak dikenal. Yang tersedia: {}. Atau berikan path berkas .toml.",
    exists: "{} sudah ada; tidak ditimpa.",
    cannot_write: "Tidak dapat menulis {}: {}",
    locked: "{} sedang dibuka untuk diubah oleh {}.",
    version_differs: "draf dibuat dengan kuesioner versi {}, sekarang versi {}; jawaban dicocokkan per id",
    embedded_list: "Kuesioner bawaan",
    draft_checked: "{}: draf cocok dengan kuesioner {} versi {}",
    report_title: "Lembar Kerja Evaluasi",
    basis: "Dasar",
    date: "Tanggal",
    col_question: "Pertanyaan",
    col_answer: "Jawaban",
    col_score: "Skor",
    col_note: "Penjelasan",
    col_evidence: "Data dukung",
    col_flag: "Tinjau",
    col_level: "Tingkat",
    summary_sheet: "Ringkasan",
    lke_sheet: "LKE",
    unanswered: "belum dijawab",
    invalid_answer: "tidak sah",
    flagged: "ditandai",
    xlsx_to_terminal: "Keluaran xlsx adalah berkas biner; berikan -o BERKAS.xlsx atau alihkan ke berkas.",
    written: "Ditulis: {}",
    finalize_blocked: "{} belum dapat difinalkan:",
    finalize_unanswered: "{} pertanyaan belum dijawab: {}",
    finalize_invalid: "{} jawaban tidak sah: {}",
    finalize_confirm: "Tandai {} ({} {}) sebagai final? Draf final hanya dapat dibaca. [y/T] ",
    finalize_need_yes: "Tidak ada terminal untuk bertanya; tambahkan --yes untuk memfinalkan.",
    finalize_done: "{} ditandai final oleh {}.",
    finalize_already: "{} sudah final.",
    cancelled: "Dibatalkan; tidak ada yang diubah.",
    summary_title: "Rekap {} draf",
    summary_stats: "Jumlah {}, rata-rata {}, median {}, terendah {}, tertinggi {}",
    summary_per_category: "Unit per kategori",
    summary_weakest: "Komponen terlemah (rata-rata capaian)",
    summary_errors: "{} draf tidak dapat dibaca",
    summary_none: "Tidak ada draf (*.toml) di {}",
    diff_title: "Perubahan {} → {}",
    diff_index: "Indeks RB: {} → {} ({})",
    diff_category: "Kategori: {} → {}",
    diff_old: "lama",
    diff_new: "baru",
    diff_changed: "Jawaban yang berubah",
    diff_added: "Pertanyaan baru",
    diff_removed: "Pertanyaan yang dihapus",
    diff_none: "Tidak ada jawaban yang berubah.",
    diff_units_differ: "peringatan: unit berbeda ({} / {})",
    points: "poin",
};

pub fn problem(k: &K) -> String {
    match k {
        K::Syntax(m) => format!("TOML tidak sah: {m}"),
        K::NotUtf8 { .. } => "berkas bukan teks UTF-8".into(),
        K::TooLarge { bytes, limit } => {
            format!("berkas terlalu besar ({bytes} byte; batas {limit} byte)")
        }
        K::TooDeep => "larik, tabel sebaris, atau kunci bertitik bersarang terlalu dalam; berkas pmprb hanya perlu beberapa tingkat".into(),
        K::NotADraft => "berkas ini kuesioner, bukan draf penilaian; buat draf darinya dengan: pmprb new --unit \"Nama Unit\" --period 2024 --questionnaire BERKAS".into(),
        K::MoreProblems { count } => format!("… dan {count} masalah lain tidak ditampilkan"),
        K::Io(e) => format!("tidak dapat dibaca: {e}"),
        K::MissingField { field } => format!("kolom `{field}` wajib ada"),
        K::WrongType {
            field,
            expected,
            found,
        } => format!(
            "`{field}` harus berupa {}, bukan {}",
            ty(expected),
            ty(found)
        ),
        K::UnknownField { field } => {
            format!("kolom `{field}` tidak dikenal dan diabaikan (salah ketik?)")
        }
        K::UnsupportedSchema { found } => {
            format!("schema = {found} tidak didukung; versi ini membaca schema = 1")
        }
        K::InvalidId { id } => format!(
            "id \"{id}\" tidak sah: gunakan bagian tanpa spasi yang dipisah titik, mis. A.I.1"
        ),
        K::DuplicateId { id, first_line } => {
            format!("id \"{id}\" sudah dipakai di baris {first_line}")
        }
        K::MissingParent { id, parent } => format!("\"{id}\": induknya \"{parent}\" tidak ada"),
        K::ParentNotGroup { id, parent } => {
            format!("\"{id}\": induknya \"{parent}\" adalah pertanyaan, bukan kelompok")
        }
        K::MixedGroup { id } => {
            format!("kelompok \"{id}\" berisi kelompok dan pertanyaan sekaligus")
        }
        K::EmptyGroup { id } => format!("kelompok \"{id}\" tidak berisi apa pun"),
        K::UnknownScale { id, scale } => {
            format!("pertanyaan \"{id}\": skala \"{scale}\" tidak didefinisikan di [scales]")
        }
        K::UnknownScaleKind { scale, kind } => format!(
            "skala \"{scale}\": jenis \"{kind}\" tidak dikenal (choice, percent, number, ratio)"
        ),
        K::EmptyChoice { scale } => format!("skala \"{scale}\" tidak punya pilihan"),
        K::DuplicateCode { scale, code } => format!("skala \"{scale}\": kode \"{code}\" ganda"),
        K::ScoreOutOfRange { scale, code, score } => {
            format!("skala \"{scale}\": skor {score} untuk \"{code}\" di luar 0..1")
        }
        K::MinNotBelowMax { scale, min, max } => {
            format!("skala \"{scale}\": min ({min}) harus lebih kecil dari max ({max})")
        }
        K::ZeroEqualsFull { scale } => format!("skala \"{scale}\": zero dan full tidak boleh sama"),
        K::BadNumber { field, value } => format!("`{field}` = {value} tidak sah"),
        K::NoCategories => "tidak ada [[category]]: minimal satu kategori diperlukan".into(),
        K::CategoryOrder {
            code,
            above,
            previous,
        } => format!(
            "kategori \"{code}\": above = {above} harus lebih kecil dari kategori sebelumnya ({previous})"
        ),
        K::CategoryWithoutAbove { code } => {
            format!("kategori \"{code}\" tanpa `above`: hanya kategori terakhir yang boleh")
        }
        K::LastCategoryHasAbove { code } => {
            format!("kategori terakhir \"{code}\" tidak boleh punya `above`")
        }
        K::DuplicateCode2 { what, code } => format!("kode {} \"{code}\" ganda", ty(what)),
        K::CriteriaUnknownCode { id, code } => {
            format!("pertanyaan \"{id}\": criteria untuk \"{code}\" bukan pilihan skalanya")
        }
        K::FieldIgnored { id, field } => {
            format!("\"{id}\": `{field}` tidak berlaku untuk skala ini dan diabaikan")
        }
        K::WeightsDoNotAddUp { id, sum, weight } => {
            let who = if id.is_empty() {
                "total".to_string()
            } else {
                format!("kelompok \"{id}\"")
            };
            format!(
                "{who}: jumlah bobot anak {sum} tidak sama dengan {weight} (sah sebagai bobot relatif; tulis relative_weights = true bila disengaja)"
            )
        }
        K::PredicateUnknownNode { code, node } => {
            format!("predikat \"{code}\": id \"{node}\" tidak ada")
        }
        K::PredicateNodesOverlap { code, node, within } => format!(
            "predikat \"{code}\": \"{node}\" sudah termasuk dalam \"{within}\" di syarat yang sama; poinnya terhitung dua kali"
        ),
        K::PredicateEmpty { code } => format!("predikat \"{code}\" tanpa syarat (`require`)"),
        K::RequirementShape { code } => format!(
            "predikat \"{code}\": tiap syarat berisi tepat satu dari min_index, atau nodes dengan min_points atau min_percent"
        ),
        K::ExampleUnknownQuestion { name, id } => {
            format!("contoh \"{name}\": pertanyaan \"{id}\" tidak ada")
        }
        K::ExampleInvalidAnswer { name, id, why } => format!(
            "contoh \"{name}\": jawaban \"{id}\" tidak sah: {}",
            invalid(why)
        ),
        K::ExampleIndex {
            name,
            expected,
            got,
        } => format!(
            "contoh \"{name}\": indeks seharusnya {expected}, hasil hitung {got:.4} (selisih {:.4})",
            got - expected
        ),
        K::ExampleCategory {
            name,
            expected,
            got,
        } => format!("contoh \"{name}\": kategori seharusnya {expected}, hasil hitung {got}"),
        K::ExamplePredicate {
            name,
            code,
            expected,
        } => format!(
            "contoh \"{name}\": predikat {code} seharusnya {}, hasil hitung {}",
            if *expected {
                "terpenuhi"
            } else {
                "tidak terpenuhi"
            },
            if *expected {
                "tidak terpenuhi"
            } else {
                "terpenuhi"
            }
        ),
        K::ExampleUnknownPredicate { name, code } => {
            format!("contoh \"{name}\": predikat \"{code}\" tidak ada")
        }
        K::UnknownStatus { status } => {
            format!("status \"{status}\" tidak dikenal (draft atau final)")
        }
        K::IdDiffers {
            draft,
            questionnaire,
        } => format!("draf untuk kuesioner \"{draft}\", tetapi berkasnya \"{questionnaire}\""),
    }
}

pub fn invalid(k: &Invalid) -> String {
    match k {
        Invalid::UnknownCode(c) => format!("pilihan \"{c}\" tidak ada pada skala ini"),
        Invalid::OutOfRange { value, min, max } => {
            format!(
                "{} di luar rentang {}..{}",
                num(*value),
                num(*min),
                num(*max)
            )
        }
        Invalid::Negative(v) => format!("{} tidak boleh negatif", num(*v)),
        Invalid::ZeroDenominator => "penyebut tidak boleh 0".into(),
        Invalid::WrongType { expected } => format!("harus berupa {}", ty(expected)),
        Invalid::NotANumber(s) => format!("\"{s}\" bukan angka"),
        Invalid::NaNotAllowed => "pertanyaan ini tidak boleh dijawab \"tidak berlaku\"".into(),
        Invalid::NaWithValue => "ditandai tidak berlaku tetapi juga punya nilai".into(),
    }
}

/// A number as the user typed it, with a decimal comma.
fn num(x: f64) -> String {
    crate::report::plain(super::Lang::Id, x)
}

fn ty(t: &str) -> &str {
    match t {
        "string" => "teks",
        "integer" => "bilangan bulat",
        "float" | "number" => "angka",
        "boolean" => "true/false",
        "datetime" => "tanggal-waktu",
        "array" => "daftar [..]",
        "table" => "tabel",
        "code" => "kode pilihan (teks)",
        "pair" => "pasangan [pembilang, penyebut]",
        "category" => "kategori",
        "predicate" => "predikat",
        other => other,
    }
}
