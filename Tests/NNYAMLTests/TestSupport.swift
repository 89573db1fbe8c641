import NNYAML

/// Reads `text` as a file named "a.yaml".
func read(_ text: String, limits: YAMLLimits = .answerFile) throws(InputError) -> YAMLNode {
    try YAMLReader.read(Array(text.utf8), file: "a.yaml", limits: limits)
}

/// The error reading `bytes` produces, or `nil` if it reads fine.
func readError(_ bytes: [UInt8], limits: YAMLLimits = .answerFile) -> InputError? {
    do {
        _ = try YAMLReader.read(bytes, file: "a.yaml", limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The error reading `text` produces, or `nil` if it reads fine.
func readError(_ text: String, limits: YAMLLimits = .answerFile) -> InputError? {
    readError(Array(text.utf8), limits: limits)
}

/// A "billion laughs" document: `levels` anchored lists, each holding `width` aliases of the previous one.
func billionLaughs(levels: Int, width: Int = 10) -> String {
    var lines = ["lol0: &a0 [\"lol\"]"]
    for level in 1...levels {
        let aliases = Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ")
        lines.append("lol\(level): &a\(level) [\(aliases)]")
    }
    return lines.joined(separator: "\n") + "\n"
}
