use std::io;
use std::process::ExitCode;

use clap::Parser;

use pmprb::cli::Cli;
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
    if cli.command.is_none() {
        use clap::CommandFactory;
        let _ = Cli::command().print_help();
        return ExitCode::from(2);
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
