//! pmprb: the PMPRB self-assessment (Penilaian Mandiri Pelaksanaan Reformasi Birokrasi)
//! as a library: questionnaires, drafts, the scoring of SPEC §2, and the front ends.

pub mod answer;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod diagnostics;
pub mod draft;
pub mod i18n;
pub mod problem;
pub mod questionnaire;
pub mod report;
pub mod review;
pub mod rollup;
pub mod scoring;
pub mod synth;
pub mod text;
mod tomlread;
pub mod tui;
