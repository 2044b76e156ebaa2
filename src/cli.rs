//! The command line (SPEC §4).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "pmprb",
    version,
    about = "PMPRB: penilaian mandiri reformasi birokrasi (self-assessment of bureaucratic reform)",
    long_about = "PMPRB: isi Lembar Kerja Evaluasi, lihat Indeks RB dan kategorinya.\n\
                  Fill in the Lembar Kerja Evaluasi and see the RB index and its category.\n\n\
                  pmprb tanpa argumen membuka aplikasi terminal: lanjutkan draf atau mulai penilaian baru.\n\
                  pmprb with no arguments opens the terminal app: resume a draft or start a new assessment.\n\n\
                  Mulai / start:\n  pmprb\n  pmprb open <DRAF>\n  pmprb new --unit \"Dinas Kominfo\" --period 2024\n  pmprb score <DRAF>\n\n\
                  Draf disimpan di folder data (PMPRB_HOME untuk mengganti). Drafts live in the data folder (PMPRB_HOME overrides it)."
)]
pub struct Cli {
    /// Bahasa / language: id (default) or en. Also PMPRB_LANG.
    #[arg(long, global = true, value_name = "id|en")]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Buat draf baru (create a new draft)
    New {
        /// Nama unit kerja / OPD (unit name)
        #[arg(long)]
        unit: String,
        /// Periode penilaian, mis. 2024 (assessment period)
        #[arg(long)]
        period: String,
        /// Id kuesioner bawaan atau berkas .toml (embedded id or file); default pmprb-2020
        #[arg(long, value_name = "ID|FILE")]
        questionnaire: Option<String>,
        /// Nama penilai (assessor)
        #[arg(long)]
        assessor: Option<String>,
        /// Berkas draf (draft file); default: di folder data
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Daftar draf di folder data (list drafts in the data folder)
    Drafts,
    /// Hitung Indeks RB sebuah draf (score a draft)
    Score {
        /// Berkas draf (draft file)
        draft: PathBuf,
        /// Keluaran JSON (JSON output)
        #[arg(long)]
        json: bool,
        /// Kedalaman tabel komponen (depth of the group table)
        #[arg(long, default_value_t = 3)]
        depth: usize,
    },
    /// Periksa kuesioner atau draf (validate a questionnaire or a draft)
    Check {
        /// Berkas kuesioner atau draf (questionnaire or draft file)
        file: PathBuf,
    },
    /// Daftar kuesioner bawaan (list embedded questionnaires)
    Questionnaires,
    /// Buka draf di aplikasi (open a draft in the app)
    Open {
        /// Berkas draf (draft file)
        draft: PathBuf,
    },
    /// LKE terisi sebagai dokumen (the filled LKE as a document)
    Report {
        /// Berkas draf (draft file)
        draft: PathBuf,
        /// Format: md, csv, json, xlsx
        #[arg(long, value_enum)]
        format: ReportFormat,
        /// Berkas keluaran (output file); tanpa ini: layar (stdout)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Rekap banyak draf untuk Inspektorat (roll-up across many drafts)
    Summary {
        /// Berkas draf atau folder (draft files or folders)
        #[arg(required = true, value_name = "DRAFT|DIR")]
        paths: Vec<PathBuf>,
        /// Keluaran JSON (JSON output)
        #[arg(long)]
        json: bool,
        /// Keluaran CSV (CSV output)
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Bandingkan dua draf satu unit, mis. dua tahun (compare two drafts)
    Diff {
        /// Draf lama (older draft)
        old: PathBuf,
        /// Draf baru (newer draft)
        new: PathBuf,
        /// Keluaran JSON (JSON output)
        #[arg(long)]
        json: bool,
    },
    /// Tandai draf lengkap sebagai final (mark a complete draft final)
    Finalize {
        /// Berkas draf (draft file)
        draft: PathBuf,
        /// Jangan bertanya (do not ask; for scripts)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Csv,
    Json,
    Xlsx,
}
