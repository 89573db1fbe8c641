import NNCore
import Testing

/// `ExpressionParser.parseComparison`: constraints over long names such as `updated.w3,6`.
struct ComparisonParsingTests {
    /// The names the tests accept, as a problem's asks would.
    static let names: Set<String> = ["z1[3]", "z1", "updated.w3,6", "w3,6", "dL/dw3,6", "x", "a", "b"]
    static func isName(_ s: String) -> Bool { names.contains(s) }

    @Test func parsesLongNamesAsSingleVariables() throws {
        let c = try ExpressionParser.parseComparison("abs(updated.w3,6 - w3,6) > 0.01", isName: Self.isName)
        #expect(c.relation == .greater)
        #expect(c.lhs.freeVariables == ["updated.w3,6", "w3,6"])
        #expect(try c.lhs.evaluate(["updated.w3,6": -0.225086, "w3,6": -0.2]) == abs(-0.225086 + 0.2))
        #expect(try c.rhs.evaluate() == 0.01)
    }

    @Test func indexedAndDerivativeNames() throws {
        let c = try ExpressionParser.parseComparison("abs(z1[3]) >= dL/dw3,6 / 2", isName: Self.isName)
        #expect(c.relation == .greaterOrEqual)
        #expect(c.lhs.freeVariables == ["z1[3]"])
        #expect(c.rhs.freeVariables == ["dL/dw3,6"])
        #expect(try c.rhs.evaluate(["dL/dw3,6": 0.5]) == 0.25)
    }

    @Test func aCommaAfterANameThatIsNotLongerStaysAnArgumentSeparator() throws {
        let c = try ExpressionParser.parseComparison("max(a,b) < 3", isName: Self.isName)
        #expect(c.lhs.freeVariables == ["a", "b"])
        #expect(try c.lhs.evaluate(["a": 1, "b": 2.5]) == 2.5)
        // A slash after a plain name is division when the longer name does not exist.
        let d = try ExpressionParser.parseComparison("a/b == 2", isName: Self.isName)
        #expect(try d.lhs.evaluate(["a": 4, "b": 2]) == 2)
    }

    @Test func functionsAndConstantsKeepTheirMeaning() throws {
        let c = try ExpressionParser.parseComparison("exp(x) - e != 0", isName: Self.isName)
        #expect(c.lhs.freeVariables == ["x"])
        #expect(try c.lhs.evaluate(["x": 1]) == 0)
    }

    @Test func errorsAreReportedWithTheirOffset() {
        #expect(throws: ExpressionError(message: "expected a comparison (<, <=, >, >=, ==, !=)", offset: 9)) {
            try ExpressionParser.parseComparison("z1[3] + 1", isName: Self.isName)
        }
        #expect(throws: ExpressionError(message: "unknown identifier 'q'", offset: 0)) {
            try ExpressionParser.parseComparison("q > 1", isName: Self.isName)
        }
        #expect(throws: ExpressionError.self) { try ExpressionParser.parseComparison("a > 1 > 2", isName: Self.isName) }
    }
}
