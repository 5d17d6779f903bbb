//! The `policylint` binary: the command line (clap) is its own module, outside the
//! library, which computes and never prints.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
