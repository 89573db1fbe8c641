import NNCore
import NNYAML
import NNOutput

/// Reads tolerances as written in problem files and on the command line.
///
/// Accepted forms: `default`; `3 s.f.` (also `3sf`, `3 sig figs`); `2 d.p.` (also `2dp`);
/// `±0.001` (also `abs 0.001`, `+-0.001`); `1%` or `rel 0.01`; `rel 1% abs 1e-6`; and the mappings
/// `{abs: 0.001}`, `{rel: 0.01}`, `{rtol: 0.005, atol: 1e-6}`, `{sig_figs: 3}`, `{decimals: 2}`.
public enum ToleranceParser {
    /// Parses the text form; returns nil with no side effects when it is not recognised.
    public static func parse(_ raw: String) -> Tolerance? {
        let text = raw.trimmingWhitespace().lowercased()
        if text == "default" { return .default }
        func num(_ s: Substring) -> Double? {
            let t = s.trimmingWhitespace()
            if t.hasSuffix("%"), let v = Double(t.dropLast().trimmingWhitespace()), v.isFinite, v >= 0 { return v / 100 }
            guard let v = Double(t), v.isFinite, v >= 0 else { return nil }
            return v
        }
        for suffix in ["s.f.", "sf", "sig figs", "sig. figs.", "significant figures"] where text.hasSuffix(suffix) {
            if let n = Int(text.dropLast(suffix.count).trimmingWhitespace()), (1...15).contains(n) { return .significantFigures(n) }
        }
        for suffix in ["d.p.", "dp", "decimals", "decimal places"] where text.hasSuffix(suffix) {
            if let n = Int(text.dropLast(suffix.count).trimmingWhitespace()), (-10...15).contains(n) { return .decimalPlaces(n) }
        }
        for prefix in ["±", "+-", "abs "] where text.hasPrefix(prefix) {
            if let v = num(text.dropFirst(prefix.count)) { return .absolute(v) }
        }
        if text.hasPrefix("rel ") {
            let rest = text.dropFirst(4)
            let parts = rest.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 3, parts[1] == "abs" {
                if let r = num(parts[0]), let a = num(parts[2]) { return .relativeOrAbsolute(rtol: r, atol: a) }
                return nil
            }
            if let v = num(rest) { return .relative(v) }
        }
        if text.hasSuffix("%"), let v = num(Substring(text)) { return .relative(v) }
        return nil
    }

    static let help = "expected default, '3 s.f.', '2 d.p.', '±0.001', '1%', 'rel 1% abs 1e-6', or a mapping {abs:}, {rel:}, {rtol:, atol:}, {sig_figs:}, {decimals:}"

    /// Reads a tolerance from a YAML node (text or mapping).
    static func read(_ node: YAMLNode, _ what: String) throws(InputError) -> Tolerance {
        switch node {
        case .scalar(let s):
            guard let t = parse(s.text) else { throw InputError(at: s.location, "\(what): '\(YAMLValues.clip(s.text))' is not a tolerance; \(help)") }
            return t
        case .mapping(let pairs, let loc):
            try YAMLValues.checkKeys(pairs, allowed: ["abs", "rel", "rtol", "atol", "sig_figs", "decimals"], in: what)
            func value(_ k: String) throws(InputError) -> Double? {
                guard let n = node[k] else { return nil }
                let v = try YAMLValues.number(n, "\(what).\(k)")
                guard v >= 0 else { throw InputError(at: n.location, "\(what).\(k) must not be negative") }
                return v
            }
            if let n = node["sig_figs"] { return .significantFigures(try YAMLValues.integer(n, "\(what).sig_figs", range: 1...15)) }
            if let n = node["decimals"] { return .decimalPlaces(try YAMLValues.integer(n, "\(what).decimals", range: -10...15)) }
            var rtol = try value("rtol")
            if rtol == nil { rtol = try value("rel") }
            var atol = try value("atol")
            if atol == nil { atol = try value("abs") }
            switch (rtol, atol) {
            case let (r?, a?): return .relativeOrAbsolute(rtol: r, atol: a)
            case let (r?, nil): return .relative(r)
            case let (nil, a?): return .absolute(a)
            default: throw InputError(at: loc, "\(what) is empty; \(help)")
            }
        case .sequence(_, let loc):
            throw InputError(at: loc, "\(what) is a list; \(help)")
        }
    }
}
