import Testing
import NNCore
@testable import NNProblem

private func parsed(_ text: String) throws -> Tensor { try AnswerValueParser.parse(text) }

private func failure(_ text: String) -> AnswerValueParser.ParseError? {
    do {
        _ = try AnswerValueParser.parse(text)
        return nil
    } catch {
        return error
    }
}

private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a), abs(b)) }

@Suite struct AnswerValueParserTests {
    // MARK: Scalars

    @Test func scalarExpressions() throws {
        #expect(try parsed("0.4") == Tensor(0.4))
        #expect(try parsed("  -3 ") == Tensor(-3))
        #expect(try parsed("-2 - 0.01*100") == Tensor(-3))
        #expect(try parsed("−0.2") == Tensor(-0.2))
        #expect(try parsed("1.5e-3") == Tensor(0.0015))
        #expect(try parsed("-3/4") == Tensor(-0.75))
        #expect(close(try AnswerValueParser.parseScalar("e^-2"), Elementary.exp(-2)))
        #expect(close(try AnswerValueParser.parseScalar("ln(0.373)"), Elementary.log(0.373)))
        #expect(try parsed("$0.5$") == Tensor(0.5))
        #expect(try AnswerValueParser.parseScalar(" 7 ") == 7)
    }

    @Test func latexScalars() throws {
        #expect(try AnswerValueParser.parseScalar("\\frac{1}{2}") == 0.5)
        #expect(try AnswerValueParser.parseScalar("\\frac12") == 0.5)
        #expect(try AnswerValueParser.parseScalar("-\\frac{3}{4}") == -0.75)
        #expect(try AnswerValueParser.parseScalar("\\frac{1+2}{4-1}") == 1)
        #expect(try AnswerValueParser.parseScalar("\\frac{\\frac{1}{2}}{4}") == 0.125)
        #expect(close(try AnswerValueParser.parseScalar("\\dfrac{\\pi}{2}"), Double.pi / 2))
        #expect(close(try AnswerValueParser.parseScalar("e^{-2}"), Elementary.exp(-2)))
        #expect(try AnswerValueParser.parseScalar("2 \\cdot 3") == 6)
        #expect(close(try AnswerValueParser.parseScalar("1.5 \\times 10^{-3}"), 0.0015))
        #expect(try AnswerValueParser.parseScalar("\\sqrt{16}") == 4)
        #expect(try AnswerValueParser.parseScalar("\\ln(1)") == 0)
        #expect(close(try AnswerValueParser.parseScalar("\\ln{e}"), 1))
        #expect(try AnswerValueParser.parseScalar("\\exp(0)") == 1)
        #expect(try AnswerValueParser.parseScalar("\\left(1 + 2\\right) \\cdot 2") == 6)
        #expect(close(try AnswerValueParser.parseScalar("\\mathrm{e}^{2}"), Elementary.exp(2)))
    }

    // MARK: Lists

    @Test func lists() throws {
        #expect(try parsed("[0.4, 1.2]") == Tensor(vector: [0.4, 1.2]))
        #expect(try parsed("[5]") == Tensor(vector: [5]))
        #expect(try parsed("[ -1 , e^-2 ,max(1, 2)]") == Tensor(vector: [-1, Elementary.exp(-2), 2]))
        #expect(try parsed("[[1, 2], [3, 4]]") == Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        #expect(try parsed("[[1], [2]]") == Tensor(shape: [2, 1], scalars: [1, 2]))
        #expect(try parsed("[[1, 2]]") == Tensor(shape: [1, 2], scalars: [1, 2]))
        #expect(try parsed("[[\\frac{1}{2}, -0.5],\n [0, 1e-3]]") == Tensor(shape: [2, 2], scalars: [0.5, -0.5, 0, 0.001]))
        #expect(try parsed("$$[1, 2]$$") == Tensor(vector: [1, 2]))
    }

    // MARK: LaTeX matrices

    @Test func latexMatrices() throws {
        #expect(try parsed("\\begin{bmatrix} 0.4 & 0 \\\\ -0.2 & 0.7 \\end{bmatrix}")
            == Tensor(shape: [2, 2], scalars: [0.4, 0, -0.2, 0.7]))
        #expect(try parsed("\\begin{pmatrix}1&2&3\\\\4&5&6\\end{pmatrix}")
            == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(try parsed("\\begin{matrix} 1 \\\\ 2 \\\\ 3 \\end{matrix}") == Tensor(shape: [3, 1], scalars: [1, 2, 3]))
        #expect(try parsed("\\begin{bmatrix} 1 & 2 \\end{bmatrix}") == Tensor(shape: [1, 2], scalars: [1, 2]))
        #expect(try parsed("\\begin{bmatrix}\n  1 & 2 \\\\\n  3 & 4 \\\\\n\\end{bmatrix}")
            == Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        let fancy = try parsed("$\\begin{bmatrix} \\frac{1}{2} & -\\frac{3}{4} \\\\ e^{-1} & 2 \\cdot 10^{-3} \\end{bmatrix}$")
        #expect(fancy.shape == [2, 2])
        #expect(fancy.scalars[0] == 0.5 && fancy.scalars[1] == -0.75)
        #expect(close(fancy.scalars[2], Elementary.exp(-1)) && close(fancy.scalars[3], 0.002))
        #expect(try parsed("\\begin{bmatrix} 1 \\\\[2pt] 2 \\end{bmatrix}") == Tensor(shape: [2, 1], scalars: [1, 2]))
        #expect(try parsed("\\begin{bmatrix} \\max(1,2) & (1) \\end{bmatrix}") == Tensor(shape: [1, 2], scalars: [2, 1]))
    }

    // MARK: Errors

    @Test(arguments: [
        ("", "empty answer", 0),
        ("   ", "empty answer", 0),
        ("[]", "empty answer", 0),
        ("[ ]", "empty answer", 0),
        ("[[]]", "empty answer", 0),
        ("[[1, 2], [3, 4, 5]]", "row 2 has 3 entries, row 1 has 2", 9),
        ("[[1, 2], [3]]", "row 2 has 1 entry, row 1 has 2", 9),
        ("[[[1]]]", "nested lists deeper than 2 are not supported", 2),
        ("[1, [2]]", "cannot mix numbers and lists", 4),
        ("[[1], 2]", "cannot mix numbers and lists", 6),
        ("[1, 2", "missing ']'", 5),
        ("[1, 2] x", "unexpected text after ']'", 7),
        ("[1, , 2]", "entry 2: empty entry", 4),
        ("[1, 2,]", "entry 3: empty entry", 6),
        ("[1/0, 2]", "entry 1: division by zero", 1),
        ("[1, 2x]", "entry 2: implicit multiplication is not allowed; write '*' between factors", 5),
        ("[π, 2x]", "entry 2: implicit multiplication is not allowed; write '*' between factors", 5),
        ("[[1, 2], [3, ln(-1)]]", "row 2, column 2: ln of a non-positive number", 13),
        ("[1e400]", "entry 1: number out of range: 1e400", 1),
        ("x", "unknown identifier 'x'", 0),
        ("1e400", "number out of range: 1e400", 0),
        ("-1e400", "number out of range: 1e400", 1),
        ("exp(1000)", "result is not a finite number", 0),
        ("nan", "unknown identifier 'nan'", 0),
        ("inf", "unknown identifier 'inf'", 0),
        ("\\foo{1}", "unsupported LaTeX command '\\foo'", 0),
        ("\\frac{1}{2", "missing '}'", 8),
        ("\\frac{1}", "missing argument of '\\frac'", 8),
        ("\\sqrt[3]{8}", "\\sqrt[n]{…} is not supported; write x^(1/n)", 0),
        ("2 \\cdot (1 + \\frac{1}{0})", "division by zero", 0),
        ("\\begin{vmatrix} 1 \\end{vmatrix}", "vmatrix is not allowed: it denotes a determinant or norm; use bmatrix", 0),
        ("\\begin{array}{cc} 1 \\end{array}", "unsupported environment 'array'", 0),
        ("\\begin{bmatrix} 1 & 2", "missing \\end{bmatrix}", 21),
        ("\\begin{bmatrix} 1 \\end{pmatrix}", "\\begin{bmatrix} is closed by \\end{pmatrix}", 18),
        ("\\begin{bmatrix} 1 \\end{bmatrix} 2", "unexpected text after \\end{bmatrix}", 32),
        ("\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 & 5 \\end{bmatrix}", "row 2 has 3 entries, row 1 has 2", 25),
        ("\\begin{bmatrix} 1 & & 2 \\end{bmatrix}", "row 1, column 2: empty entry", 20),
        ("\\begin{bmatrix} 1 \\\\ \\\\ 2 \\end{bmatrix}", "row 2 is empty", 21),
        ("\\begin{bmatrix} \\end{bmatrix}", "empty answer", 0),
        ("\\begin{bmatrix} 1 & 2x \\end{bmatrix}",
         "row 1, column 2: implicit multiplication is not allowed; write '*' between factors", 21),
        ("\\begin{bmatrix} \\begin{bmatrix} 1 \\end{bmatrix} \\end{bmatrix}", "nested environments are not supported", 16),
    ] as [(String, String, Int)])
    func rejects(text: String, message: String, offset: Int) {
        #expect(failure(text) == AnswerValueParser.ParseError(message: message, offset: offset))
    }

    @Test func rejectsOverlongText() {
        let text = String(repeating: " ", count: 1_000_001)
        #expect(failure(text) == AnswerValueParser.ParseError(message: "answer is longer than 1000000 characters", offset: 1_000_000))
    }

    @Test func scalarEntryErrors() {
        #expect(throws: AnswerValueParser.ParseError(message: "empty answer", offset: 0)) {
            try AnswerValueParser.parseScalar("  ")
        }
        #expect(throws: AnswerValueParser.ParseError(message: "unexpected character '['", offset: 0)) {
            try AnswerValueParser.parseScalar("[1]")
        }
    }

    /// A 100×100 matrix in both written forms. Speed is measured in bench/; the time limit only
    /// catches a hang.
    @Test(.timeLimit(.minutes(1)))
    func largeMatricesParse() throws {
        let rows = (0..<100).map { r in (0..<100).map { c in "\(Double(r * 100 + c) / 8 - 600)" } }
        let latex = "\\begin{bmatrix}\n" + rows.map { $0.joined(separator: " & ") }.joined(separator: " \\\\\n")
            + "\n\\end{bmatrix}"
        let list = "[" + rows.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ",\n") + "]"
        let expected = (0..<10_000).map { Double($0) / 8 - 600 }
        #expect(try AnswerValueParser.parse(latex) == Tensor(shape: [100, 100], scalars: expected))
        #expect(try AnswerValueParser.parse(list) == Tensor(shape: [100, 100], scalars: expected))
    }
}
