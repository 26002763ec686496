//! The `okr` binary: everything is in the library (`okr::main`).

fn main() -> std::process::ExitCode {
    okr::main()
}
