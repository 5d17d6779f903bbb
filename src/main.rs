fn main() -> std::process::ExitCode {
    policylint::cli::main()
}
