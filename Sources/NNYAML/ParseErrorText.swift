internal import CYaml

/// Turns libyaml's error state into a one-line `InputError` at the problem position.
enum ParseErrorText {
    /// libyaml's default `MAX_NESTING_LEVEL`, which NNYAML never changes (it is process-global).
    static let libyamlNestingLimit = 1000

    /// The error libyaml reported for `parser`, located with its problem mark.
    ///
    /// libyaml's own nesting limit (1000 levels, which its scanner can hit before the first event
    /// when a line starts with many `[` or `{`) is reported like `YAMLLimits.maxDepth`.
    static func inputError(for parser: UnsafeMutablePointer<yaml_parser_t>, file: String,
                           text: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) -> InputError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        if problem.hasPrefix("Maximum nesting level reached") {
            let levels = min(limits.maxDepth, libyamlNestingLimit)
            return InputError(file: file, line: state.problem_mark.line + 1, column: state.problem_mark.column + 1,
                              message: "nesting is too deep: more than \(levels) levels of lists and mappings"
                                + " (the limit for \(limits.fileKind))")
        }
        switch state.error {
        case YAML_MEMORY_ERROR:
            return InputError(file: file, message: "out of memory while parsing YAML")
        case YAML_READER_ERROR:
            let (line, column) = TextCheck.position(ofByte: state.problem_offset, in: text)
            return InputError(file: file, line: line, column: column, message: "cannot read text: \(clean(problem))")
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let line = state.problem_mark.line + 1
            let column = state.problem_mark.column + 1
            var message = "YAML syntax error: " + explanation(of: problem, line: line, column: column, text: text)
            if let contextPointer = state.context {
                let context = clean(String(cString: contextPointer))
                let contextLine = state.context_mark.line + 1
                let contextColumn = state.context_mark.column + 1
                if contextLine == line && contextColumn == column {
                    message += " (\(context))"
                } else {
                    message += " (\(context) at line \(contextLine), column \(contextColumn))"
                }
            }
            return InputError(file: file, line: line, column: column, message: message)
        default:
            return InputError(file: file, message: "YAML error: \(clean(problem))")
        }
    }

    /// libyaml's problem text, with hints for the mistakes students make most often.
    private static func explanation(of problem: String, line: Int, column: Int,
                                    text: UnsafeBufferPointer<UInt8>) -> String {
        let cleaned = clean(problem)
        if problem == "found character that cannot start any token",
           let character = TextCheck.scalar(atLine: line, column: column, in: text) {
            if character == "\t" {
                return cleaned + ": a tab; indent with spaces, YAML does not allow tabs for indentation"
            }
            return cleaned + ": '\(Character(character))'; put values starting with it in quotes"
        }
        if problem == "mapping values are not allowed in this context" {
            return cleaned + " (a value containing ': ' must be quoted, or the indentation is off)"
        }
        return cleaned
    }

    /// Collapses whitespace runs to single spaces and trims the text.
    private static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
