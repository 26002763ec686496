fn main() -> std::process::ExitCode {
    okr::main()
}
