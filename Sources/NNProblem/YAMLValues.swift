import NNCore
import NNYAML
import NNOutput

/// Reading numbers, vectors and matrices from YAML nodes, with errors located at the node.
///
/// Numbers are read from the scalar's text with the answer grammar (`AnswerValueParser`, the same
/// as students' answers), never with YAML's number rules: `0.4`, `-3/4`, `e - 1/e`, `1e-3` and
/// `\frac{1}{2}` are numbers; `.inf`, `0x10`, `1:30` and `1e400` are errors. A tensor (an answer
/// key) may also be written as one text, `"[0.7, 1.7]"` or a LaTeX matrix, as in answer files.
public enum YAMLValues {
    public static func number(_ node: YAMLNode, _ what: String) throws(InputError) -> Double {
        let s = try node.scalar(what)
        guard !s.isNull else { throw InputError(at: s.location, "\(what) is empty; expected a number") }
        let text = s.text.trimmingWhitespace()
        do {
            return try AnswerValueParser.parseScalar(text)
        } catch {
            throw notANumber(s, text, what, error)
        }
    }

    /// A number, vector or matrix written as one scalar's text, in the answer grammar:
    /// `0.5`, `"[0.7, 1.7]"`, `"[[1, 2], [3, 4]]"`, `\begin{bmatrix} … \end{bmatrix}`.
    public static func tensorText(_ node: YAMLNode, _ what: String) throws(InputError) -> Tensor {
        let s = try node.scalar(what)
        guard !s.isNull else { throw InputError(at: s.location, "\(what) is empty; expected a number") }
        let text = s.text.trimmingWhitespace()
        do {
            return try AnswerValueParser.parse(text)
        } catch {
            throw notANumber(s, text, what, error)
        }
    }

    /// The error for a scalar whose text the grammar rejects, at the offending character when the
    /// text is plain (unquoted, one line).
    private static func notANumber(_ s: YAMLScalar, _ text: String, _ what: String,
                                   _ error: AnswerValueParser.ParseError) -> InputError {
        var loc = s.location
        if !s.isQuoted && !text.contains("\n") { loc.column += error.offset }
        return InputError(at: loc, "\(what): '\(Self.clip(text))' is not a number (\(error.message))")
    }

    public static func integer(_ node: YAMLNode, _ what: String, range: ClosedRange<Int>) throws(InputError) -> Int {
        let s = try node.scalar(what)
        guard let v = Int(s.text.trimmingWhitespace()), range.contains(v) else {
            throw InputError(at: s.location, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(clip(s.text))'")
        }
        return v
    }

    public static func bool(_ node: YAMLNode, _ what: String) throws(InputError) -> Bool {
        let s = try node.scalar(what)
        switch s.text.trimmingWhitespace().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw InputError(at: s.location, "\(what) must be true or false, got '\(clip(s.text))'")
        }
    }

    public static func string(_ node: YAMLNode, _ what: String) throws(InputError) -> String {
        let s = try node.scalar(what)
        guard !s.isNull else { throw InputError(at: s.location, "\(what) is empty") }
        return s.text
    }

    /// A vector: a list of numbers, or a single number (a 1-vector).
    public static func vector(_ node: YAMLNode, _ what: String) throws(InputError) -> [Double] {
        if case .scalar = node { return [try number(node, what)] }
        let items = try node.sequence(what)
        guard !items.isEmpty else { throw InputError(at: node.location, "\(what) is an empty list") }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            if case .sequence(let inner, _) = item, inner.count == 1 {
                out.append(try number(inner[0], "\(what)[\(i + 1)]"))   // column-vector form [[1],[2]]
            } else {
                out.append(try number(item, "\(what)[\(i + 1)]"))
            }
        }
        return out
    }

    /// A matrix: a list of equally long rows. A flat list is read as a single row.
    public static func matrix(_ node: YAMLNode, _ what: String) throws(InputError) -> Matrix {
        let rows = try node.sequence(what)
        guard !rows.isEmpty else { throw InputError(at: node.location, "\(what) is an empty list") }
        if rows.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
            let v = try vector(node, what)
            return Matrix(rows: 1, columns: v.count, elements: v)
        }
        var arrays: [[Double]] = []
        for (r, row) in rows.enumerated() {
            let items = try row.sequence("\(what) row \(r + 1)")
            var values: [Double] = []
            for (c, item) in items.enumerated() { values.append(try number(item, "\(what)[\(r + 1),\(c + 1)]")) }
            if let first = arrays.first, first.count != values.count {
                throw InputError(at: row.location, "\(what): row \(r + 1) has \(values.count) entries but row 1 has \(first.count)")
            }
            arrays.append(values)
        }
        guard let m = Matrix(rowArrays: arrays), m.columns > 0 else {
            throw InputError(at: node.location, "\(what) has empty rows")
        }
        return m
    }

    /// Rejects keys outside `allowed`, naming the first unknown one at its position.
    public static func checkKeys(_ pairs: [YAMLPair], allowed: [String], in what: String) throws(InputError) {
        for p in pairs where !allowed.contains(p.key.text) {
            throw InputError(at: p.key.location,
                             "unknown key '\(clip(p.key.text))' in \(what); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    public static func clip(_ s: String) -> String {
        let flat = s.replacingNewlines()
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}
