/// Rewrites LaTeX in a formula into the formula language before it is parsed, keeping for every
/// output character the offset of the source character it came from (for error positions).
///
/// `\frac{a}{b}` → `((a)/(b))`, `\hat{y}` → `y_hat`, `\sigma` → `sigmoid` (so `\sigma'(z)` is
/// its derivative), `\delta` → `delta`, `\odot`/`\circ` → `.*`, `\cdot`/`\times` → `*`,
/// `^{T}`/`^\top`/`^{\intercal}` → `^T`, `W^{(2)}` → `W2` (and `W^{(2)T}` → `W2^T`), `z_{3}` → `z_3`,
/// `\sqrt{a}` → `sqrt(a)`, `\tanh`, `\exp`, `\log`, `\ln`, `\operatorname{diag}`, `\mathrm{…}`,
/// `\text{…}`, `\mathbf{…}` keep their content; `\left`, `\right`, `\big…`, spacing commands and
/// `$` are dropped; other braces group like parentheses. Any other command is an error.
enum FormulaLaTeX {
    /// Rewritten text with a source offset (in Characters) for each of its Characters.
    struct Rewritten {
        var characters: [Character] = []
        var offsets: [Int] = []
        /// Whether the source had LaTeX in it (then juxtaposition is a product).
        var wasLaTeX = false
        var text: String { String(characters) }

        mutating func append(_ text: String, from offset: Int) {
            for c in text { characters.append(c); offsets.append(offset) }
        }

        /// The source offset of output Character `i` (the end of the source past the end).
        func sourceOffset(ofCharacter i: Int) -> Int {
            guard !offsets.isEmpty else { return 0 }
            return i < offsets.count ? offsets[i] : (offsets[offsets.count - 1] + 1)
        }
    }

    /// The rewritten formula; sources without `\`, `{`, `}` or `$` are returned unchanged.
    static func rewrite(_ source: String) throws(ExpressionError) -> Rewritten {
        let characters = Array(source)
        guard characters.contains(where: { $0 == "\\" || $0 == "{" || $0 == "}" || $0 == "$" }) else {
            return Rewritten(characters: characters, offsets: Array(characters.indices))
        }
        var out = Rewritten()
        out.wasLaTeX = true
        var reader = Reader(characters: characters)
        try reader.rewrite(until: nil, into: &out)
        return out
    }

    private static let dropped: Set<String> = ["left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr",
                                               "Bigl", "Bigr", "displaystyle", "quad", "qquad"]
    private static let keepingContent: Set<String> = ["mathrm", "text", "operatorname", "mathbf", "mathit",
                                                      "boldsymbol", "bm", "mathsf", "textrm"]
    private static let renamed: [String: String] = [
        "sigma": "sigmoid", "delta": "delta", "tanh": "tanh", "exp": "exp", "log": "log", "ln": "ln",
        "sin": "sin", "cos": "cos", "odot": " .* ", "circ": " .* ", "cdot": " * ", "times": " * ",
        "top": "T", "intercal": "T", "prime": "'", "pi": "pi", "div": " / ",
    ]

    private struct Reader {
        let characters: [Character]
        var i = 0

        func error(_ message: String, _ at: Int) -> ExpressionError { ExpressionError(message: message, offset: at) }

        /// Rewrites up to (and consuming) `closer`, or to the end when `closer` is nil.
        mutating func rewrite(until closer: Character?, into out: inout Rewritten) throws(ExpressionError) {
            let start = i
            while i < characters.count {
                let c = characters[i]
                if let closer, c == closer { i += 1; return }
                switch c {
                case "\\": try command(into: &out)
                case "$": i += 1
                case "{":
                    out.append("(", from: i)
                    i += 1
                    try rewrite(until: "}", into: &out)
                    out.append(")", from: i - 1)
                case "}": throw error("unmatched '}'", i)
                case "^" where i + 1 < characters.count && characters[i + 1] == "{": try superscript(into: &out)
                case "_" where i + 1 < characters.count && characters[i + 1] == "{":
                    let at = i
                    i += 2
                    var inner = Rewritten()
                    try rewrite(until: "}", into: &inner)
                    let text = inner.text.filter { $0 != " " }
                    guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                        throw error("a subscript must be a name or a number, as in z_{2}", at)
                    }
                    out.append("_" + text, from: at)
                default:
                    out.append(String(c), from: i)
                    i += 1
                }
            }
            if closer != nil { throw error("missing '}'", start > 0 ? start - 1 : 0) }
        }

        /// `^{…}` at `i`: `^{T}` → `^T`, `^{(2)}` → `2`, `^{(2)T}` → `2^T`, else `^(…)`.
        mutating func superscript(into out: inout Rewritten) throws(ExpressionError) {
            let at = i
            i += 2
            var inner = Rewritten()
            try rewrite(until: "}", into: &inner)
            var text = inner.text.filter { $0 != " " }
            var layer = ""
            if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
                let digits = text[text.index(after: text.startIndex)..<close]
                if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    layer = String(digits)
                    text = String(text[text.index(after: close)...])
                }
            }
            if !layer.isEmpty { out.append(layer, from: at) }
            if text == "T" || text == "(T)" {
                out.append("^T", from: at)
            } else if text == "'" {
                out.append("'", from: at)
            } else if !text.isEmpty {
                guard layer.isEmpty else {
                    throw error("after a layer number such as ^{(2)} only T may follow in the braces", at)
                }
                out.append("^(", from: at)
                for (c, offset) in zip(inner.characters, inner.offsets) where c != " " {
                    out.characters.append(c)
                    out.offsets.append(offset)
                }
                out.append(")", from: i - 1)
            } else if layer.isEmpty {
                throw error("empty superscript", at)
            }
        }

        /// A command at `i` (the backslash).
        mutating func command(into out: inout Rewritten) throws(ExpressionError) {
            let at = i
            i += 1
            guard i < characters.count else { throw error("unexpected '\\' at the end", at) }
            let first = characters[i]
            if !first.isLetter {
                i += 1
                switch first {
                case ",", ";", ":", "!", " ": out.append(" ", from: at); return
                case "{", "}": out.append(first == "{" ? "(" : ")", from: at); return
                default: throw error("unsupported LaTeX command '\\\(first)'", at)
                }
            }
            var name = ""
            while i < characters.count, characters[i].isLetter, characters[i].isASCII { name.append(characters[i]); i += 1 }
            switch name {
            case "frac", "dfrac", "tfrac":
                out.append("((", from: at)
                try group(into: &out, command: name)
                out.append(")/(", from: at)
                try group(into: &out, command: name)
                out.append("))", from: i - 1)
            case "hat", "widehat":
                var inner = Rewritten()
                try group(into: &inner, command: name)
                out.append(inner.text.filter { $0 != " " } + "_hat", from: at)
            case "sqrt":
                out.append("sqrt(", from: at)
                try group(into: &out, command: name)
                out.append(")", from: i - 1)
            case _ where FormulaLaTeX.keepingContent.contains(name):
                var inner = Rewritten()
                try group(into: &inner, command: name)
                out.append(inner.text, from: at)
            case _ where FormulaLaTeX.dropped.contains(name):
                return
            default:
                guard let replacement = FormulaLaTeX.renamed[name] else {
                    throw error("unsupported LaTeX command '\\\(name)'", at)
                }
                out.append(replacement, from: at)
            }
        }

        /// A `{…}` argument of `command`, rewritten into `out` (a single character also counts).
        mutating func group(into out: inout Rewritten, command: String) throws(ExpressionError) {
            while i < characters.count, characters[i] == " " { i += 1 }
            guard i < characters.count else { throw error("missing argument of '\\\(command)'", i) }
            if characters[i] == "{" {
                i += 1
                try rewrite(until: "}", into: &out)
            } else {
                out.append(String(characters[i]), from: i)
                i += 1
            }
        }
    }
}
