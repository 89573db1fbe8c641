import ArgumentParser

/// Exit statuses, documented in the README.
extension ExitCode {
    /// 65 (EX_DATAERR): an input file is invalid.
    static let dataError = ExitCode(65)
    /// 66 (EX_NOINPUT): an input file or folder cannot be opened.
    static let noInput = ExitCode(66)
    /// 73 (EX_CANTCREAT): an output cannot be written.
    static let cannotCreate = ExitCode(73)
}
