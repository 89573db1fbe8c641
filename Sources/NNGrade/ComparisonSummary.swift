import NNCore


extension ComparisonOutcome {
    /// Most wrong entries listed by `summary(revealExpected:)` before "… and k more".
    static let summaryEntryLimit = 8

    /// A one-line explanation with 1-based indices; expected values (to 6 s.f.), errors and bounds
    /// appear only when `revealExpected` is true, so the default form is safe to show students.
    public func summary(revealExpected: Bool) -> String {
        switch self {
        case .correct(let entries):
            return entries.count == 1 ? "within tolerance" : "all \(entries.count) entries within tolerance"
        case .partiallyCorrect(_, let entries):
            return Self.wrongEntriesSummary(entries, withheldCredit: false, revealExpected: revealExpected)
        case .incorrect(let entries):
            // Entries within tolerance in an `.incorrect` outcome mean partial credit was off.
            let withheld = entries.contains { $0.verdict.passed }
            return Self.wrongEntriesSummary(entries, withheldCredit: withheld, revealExpected: revealExpected)
        case .transposed(let expectedShape, let givenShape):
            if expectedShape == givenShape {
                return "the answer is the transpose of the expected \(Self.shapeText(expectedShape)) matrix"
            }
            return "shape \(Self.shapeText(givenShape)) but expected \(Self.shapeText(expectedShape))"
                + ": this is the transpose"
        case .shapeMismatch(let expectedShape, let givenShape):
            return "shape \(Self.shapeText(givenShape)) but expected \(Self.shapeText(expectedShape))"
        case .notFinite(let index):
            if index.isEmpty { return "the answer is not a finite number" }
            return "entry \(Self.indexText(index)) is not a finite number"
        }
    }

    /// "2 of 6 entries outside tolerance: [1,3], [2,1]", or the one-entry form "outside tolerance".
    private static func wrongEntriesSummary(_ entries: [EntryResult], withheldCredit: Bool,
                                            revealExpected: Bool) -> String {
        let wrong = entries.filter { !$0.verdict.passed }
        if entries.count == 1, let only = wrong.first {
            return "outside tolerance" + (revealExpected ? ": " + detail(only) : "")
        }
        var text = "\(wrong.count) of \(entries.count) entries outside tolerance"
        if withheldCredit {
            text += " (no partial credit)"
        }
        guard !wrong.isEmpty else { return text }
        text += ": "
        for (k, entry) in wrong.prefix(summaryEntryLimit).enumerated() {
            if k > 0 { text += ", " }
            text += indexText(entry.index)
            if revealExpected { text += " " + detail(entry) }
        }
        if wrong.count > summaryEntryLimit {
            text += ", … and \(wrong.count - summaryEntryLimit) more"
        }
        return text
    }

    /// "expected 0.250876, got 0.3 (off by 0.0491, allowed 0.00125)".
    private static func detail(_ entry: EntryResult) -> String {
        "expected \(NumberFormatting.significant(entry.expected, digits: 6)), "
            + "got \(NumberFormatting.short(entry.student)) "
            + "(off by \(NumberFormatting.significant(entry.verdict.error, digits: 3)), "
            + "allowed \(NumberFormatting.significant(entry.verdict.allowed, digits: 3)))"
    }

    /// 1-based "[2,1]", "[3]", or "" for a scalar.
    static func indexText(_ index: [Int]) -> String {
        guard !index.isEmpty else { return "" }
        // Built in place: "[12,3]" fits a small (inline) string, so this allocates nothing.
        var text = "["
        for (k, i) in index.enumerated() {
            if k > 0 { text += "," }
            text += String(i + 1)
        }
        return text + "]"
    }

    /// "scalar", "vector(3)", "2×3".
    static func shapeText(_ shape: [Int]) -> String {
        switch shape.count {
        case 0: return "scalar"
        case 1: return "vector(\(shape[0]))"
        default: return shape.map(String.init).joined(separator: "×")
        }
    }
}
