import NNCore
import NNProblem
import NNYAML
import NNOutput

/// Keys and answer handling shared by the formula, function and network kinds.
enum KindKeys {
    /// The question's scenario (`scenario:`, default the top-level one).
    static func scenario(_ node: YAMLNode, context: KindContext, label: String) throws(InputError) -> Scenario {
        let name = try node["scenario"].map { n throws(InputError) in try YAMLValues.string(n, "\(label) scenario") } ?? "default"
        guard let scenario = context.problem.scenarios[name] else {
            throw InputError(at: node["scenario"]?.location ?? node.location,
                             "\(label) uses scenario '\(YAMLValues.clip(name))', which is not defined; defined: \(context.problem.scenarios.keys.sorted().joined(separator: ", "))")
        }
        return scenario
    }

    /// `relative_tolerance`, in (0, 0.1]; 1e-6 when absent.
    static func relativeTolerance(_ node: YAMLNode, label: String) throws(InputError) -> Double {
        guard let n = node["relative_tolerance"] else { return 1e-6 }
        let v = try YAMLValues.number(n, "\(label) relative_tolerance")
        guard v > 0, v <= 0.1 else { throw InputError(at: n.location, "\(label): relative_tolerance must be in (0, 0.1]") }
        return v
    }

    /// `domain: [lo, hi]` with lo < hi, both finite and at most 1e6 in size.
    static func domain(_ node: YAMLNode, label: String) throws(InputError) -> ClosedRange<Double> {
        guard let n = node["domain"] else { throw InputError(at: node.location, "\(label) has no 'domain: [lo, hi]'") }
        let v = try YAMLValues.vector(n, "\(label) domain")
        guard v.count == 2, v[0] < v[1], abs(v[0]) <= 1e6, abs(v[1]) <= 1e6 else {
            throw InputError(at: n.location, "\(label): domain must be [lo, hi] with lo < hi")
        }
        return v[0]...v[1]
    }

    /// Whether `s` is a name: a letter or `_`, then letters, digits and `_`.
    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else { return false }
        return s.count <= 40 && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_") }
    }

    /// The formula a student wrote, or nil with `result` set to missing / unreadable.
    static func text(of answer: AnswerEntry?, result: inout QuestionResult) -> String? {
        switch answer {
        case nil:
            result.message = "no answer given"
        case .blank:
            result.message = "the answer is empty"
        case .value(_, let text), .unparseable(_, let text, _):
            if !text.trimmingWhitespace().isEmpty { return text }
            result.message = "the answer is empty"
        case .fields(_, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): the answer must be a formula, not a mapping"
        }
        return nil
    }
}

extension QuestionResult {
    /// Takes a formula, function or network grade.
    mutating func apply(_ grade: FormulaGrade, points: Double) {
        verdict = grade.verdict
        earned = points
        message = grade.message
        diagnosis = grade.diagnosis
    }
}


extension KindKeys {
    /// A formula written in the problem file (a target), parsed; errors point into the file.
    static func formula(_ node: YAMLNode, symbols: Set<String>, functions: Set<String>, label: String) throws(InputError) -> Expression {
        let text = try YAMLValues.string(node, label)
        do {
            return try ExpressionParser.parseFormula(text, symbols: symbols, functions: functions)
        } catch {
            throw InputError(at: node.location, "\(label): '\(YAMLValues.clip(text))' is not a formula in x: \(error.message) (column \(error.offset + 1))")
        }
    }
}
