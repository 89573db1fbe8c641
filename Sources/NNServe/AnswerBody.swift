/// How an uploaded answer file is read: the name it is checked under, whose extension tells the
/// loader its format (as a file's name does for `nncheck check`).
enum AnswerBody {
    /// The name for an answer file sent with `contentType` (the request's `Content-Type`, without
    /// parameters) and these bytes: JSON for `application/json`, a notebook for
    /// `application/x-ipynb+json`, else YAML; without a type, a body that starts like a notebook
    /// (a JSON object with `"nbformat"` or `"cells"` near its start) is a notebook, one starting
    /// with `{` or `[` is JSON, anything else YAML. JSON is read by the YAML reader either way.
    static func displayName(contentType: String?, bytes: [UInt8]) -> String {
        let type = contentType.map { String($0.split(separator: ";", maxSplits: 1).first ?? "").trimmed.lowercased() }
        switch type {
        case "application/x-ipynb+json": return "answers.ipynb"
        case "application/json", "text/json": return looksLikeNotebook(bytes) ? "answers.ipynb" : "answers.json"
        case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml": return "answers.yaml"
        default: break
        }
        if looksLikeNotebook(bytes) { return "answers.ipynb" }
        let first = bytes.first { !Self.isSpace($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "answers.json" : "answers.yaml"
    }

    /// A JSON object whose first 4 KiB mention `"nbformat"` or `"cells"` as a key.
    static func looksLikeNotebook(_ bytes: [UInt8]) -> Bool {
        guard bytes.first(where: { !isSpace($0) }) == UInt8(ascii: "{") else { return false }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return head.contains("\"nbformat\"") || head.contains("\"cells\"")
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
