import Foundation

/// What a leaked key value looks like in text, for the tests that prove student output never
/// contains one (`nncheck check`, `grade`, and `nncheck serve`'s pages and API).
public enum KeyLeakText {
    /// A wrong value that shares no run of three digits with typical keys.
    public static let wrong = "12345.678"

    /// Every number in a JSON value (a number, a list or a list of rows).
    public static func numbers(in value: Any) -> [Double] {
        if let number = value as? NSNumber { return [number.doubleValue] }
        if let list = value as? [Any] { return list.flatMap(numbers(in:)) }
        return []
    }

    /// The same shape as the key's value, every entry the wrong value, as YAML flow text.
    public static func wrongAnswer(shapedLike value: Any) -> String {
        if let list = value as? [Any] { return "[" + list.map(wrongAnswer(shapedLike:)).joined(separator: ", ") + "]" }
        return wrong
    }

    /// The texts a leaked key value would show up as: 3 to 6 significant figures, without the
    /// sign (so both `-0.225` and `0.225` are caught). Values with fewer than 3 significant
    /// digits (0, 1, 0.5, 100, …) are skipped, as they occur in ordinary text.
    public static func renderings(of value: Double) -> Set<String> {
        let magnitude = abs(value)
        guard magnitude > 0, magnitude.isFinite else { return [] }
        var texts: Set<String> = []
        for digits in 3...6 {
            let text = String(format: "%.\(digits)g", magnitude)
            let significant = text.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
            if significant.count >= 3 { texts.insert(text) }
        }
        return texts
    }

    /// A problem file without its comments and its `answer:` values: what a student may see.
    public static func publicText(of problemFile: String) -> String {
        var kept = ""
        for line in problemFile.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = Substring(line)
            if let hash = text.firstIndex(of: "#"), hash == text.startIndex || text[text.index(before: hash)] == " " {
                text = text[..<hash]
            }
            var result = ""
            while let range = text.range(of: "answer:") {
                result += text[..<range.lowerBound]
                var index = range.upperBound
                while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
                var depth = 0
                while index < text.endIndex {
                    let character = text[index]
                    if character == "[" { depth += 1 }
                    if character == "]" { depth -= 1 }
                    if depth <= 0 && (character == "," || character == "}") { break }
                    index = text.index(after: index)
                    if depth == 0 && character == "]" { break }
                }
                text = text[index...]
            }
            kept += result + text + "\n"
        }
        return kept
    }
}
