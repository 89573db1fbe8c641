import NNYAML

/// A student's answer read as words rather than numbers (for choice, text and manual
/// questions): one text, a list of texts, or why it is neither.
public enum WrittenAnswer: Sendable, Hashable {
    /// No answer for the question.
    case missing
    /// An explicit empty answer (`"1.3":` or `null`).
    case blank
    /// One text, as written.
    case text(String)
    /// A list of texts (a YAML list of scalars), as written.
    case list([String])
    /// A value that is neither (a mapping, a list of lists), with how reports show it.
    case unreadable(message: String, text: String, location: SourceLocation)

    /// Reads an answer node.
    public init(_ node: YAMLNode?) {
        guard let node else { self = .missing; return }
        switch node {
        case .scalar(let s):
            self = s.isNull || s.text.trimmingWhitespace().isEmpty ? .blank : .text(s.text)
        case .sequence(let items, let location):
            var texts: [String] = []
            for item in items {
                guard case .scalar(let s) = item, !s.isNull else {
                    self = .unreadable(message: "a list answer must list words or short texts", text: "[…]", location: item.location)
                    return
                }
                texts.append(s.text)
            }
            self = texts.isEmpty ? .unreadable(message: "the list is empty", text: "[]", location: location) : .list(texts)
        case .mapping(_, let location):
            self = .unreadable(message: "an answer must be a text or a list, not a mapping", text: "{…}", location: location)
        }
    }

    /// The answer as reports show it.
    public var given: String {
        switch self {
        case .missing, .blank: return ""
        case .unreadable(_, let text, _): return text
        case .text(let t): return t
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }

    /// Text compared case-insensitively with runs of white space as one space and none at the ends.
    public static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
