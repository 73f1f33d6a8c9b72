//! The troopmap program: the web map in a browser (wasm32), and the command
//! line natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    troopmap::web::start();
}

/// Runs the command line; only the exit code is decided here: 0 done,
/// 1 failed, 2 a call the command line refuses.
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match cli::run(std::env::args_os().skip(1)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("troopmap: {error}");
            std::process::ExitCode::from(error.exit_code())
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod cli;
