use std::io;
use std::process::ExitCode;

use clap::Parser;

use pmprb::cli::{Cli, Command};
use pmprb::i18n::Lang;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let lang = Lang::detect(cli.lang.as_deref());
    // `pmprb` alone and `pmprb open DRAFT` are the terminal app.
    match &cli.command {
        None => return pmprb::tui::run(lang, None),
        Some(Command::Open { draft }) => return pmprb::tui::run(lang, Some(draft)),
        Some(_) => {}
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match pmprb::commands::run(cli, lang, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            for l in &f.lines {
                eprintln!("{l}");
            }
            ExitCode::from(f.code as u8)
        }
    }
}
