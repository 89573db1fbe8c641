import Testing
@testable import NNCore

/// Environment: a 2-1 style network's quantities with hand-chosen numbers.
private let environment = FormulaEnvironment(
    symbols: [
        "y_hat": Tensor(vector: [0.5, 0.25]),
        "y": Tensor(vector: [1, 0]),
        "a1": Tensor(vector: [1, 2, 3]),
        "z1": Tensor(vector: [-1, 0.5, 2]),
        "delta2": Tensor(vector: [2, -1]),
        "W2": Tensor(Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])),
        "N": Tensor(2),
    ],
    functions: ["f": .custom(.binary(.multiply, .number(5), .call(.relu, [.variable("x")])), source: "5*relu(x)")])

private let symbols = Set(environment.symbols.keys)

private func formula(_ source: String) throws -> Tensor {
    try ExpressionParser.parseFormula(source, symbols: symbols, functions: ["f"]).evaluateFormula(in: environment)
}

private func formulaError(_ source: String) -> FormulaError? {
    do {
        _ = try ExpressionParser.parseFormula(source, symbols: symbols, functions: ["f"]).evaluateFormula(in: environment)
        return nil
    } catch let error as FormulaError {
        return error
    } catch {
        return nil
    }
}

private func parseError(_ source: String) -> ExpressionError? {
    do {
        _ = try ExpressionParser.parseFormula(source, symbols: symbols, functions: ["f"])
        return nil
    } catch {
        return error
    }
}

private func sigmoid(_ x: Double) -> Double { 1 / (1 + Elementary.exp(-x)) }

@Suite struct TensorFormulaTests {
    @Test func starIsMatrixProductOrScaling() throws {
        // δ₂ a₁ᵀ: 2×1 times 1×3 is the outer product [[2, 4, 6], [-1, -2, -3]].
        #expect(try formula("delta2 * a1^T") == Tensor(Matrix(rows: 2, columns: 3, elements: [2, 4, 6, -1, -2, -3])))
        // W₂ᵀ δ₂ = [1·2 − 4, 2·2 − 5, 3·2 − 6] = [-2, -1, 0].
        #expect(try formula("W2^T * delta2") == Tensor(Matrix(rows: 3, columns: 1, elements: [-2, -1, 0])))
        #expect(try formula("2*(y_hat - y)") == Tensor(Matrix(rows: 2, columns: 1, elements: [-1, 0.5])))
        // A row times a column is 1×1: a₁ᵀa₁ = 14.
        #expect(try formula("a1^T * a1") == Tensor(Matrix(rows: 1, columns: 1, elements: [14])))
        // The 1×1 result scales when no matrix product exists.
        #expect(try formula("(a1^T * a1) * delta2") == Tensor(Matrix(rows: 2, columns: 1, elements: [28, -14])))
    }

    @Test func elementwiseSpellingsAgree() throws {
        let expected = Tensor(Matrix(rows: 2, columns: 1, elements: [1, -0.25]))
        for source in ["delta2 .* y_hat", "delta2 ⊙ y_hat", "delta2 ∘ y_hat", #"\delta_2 \odot \hat{y}"#] {
            #expect(try formula(source) == expected, "\(source)")
        }
    }

    @Test func transposeSpellingsAgree() throws {
        let expected = try formula("a1^T")
        #expect(expected.shape == [1, 3])
        for source in ["a1ᵀ", "transpose(a1)", "a_1^T", #"a_{1}^{T}"#, #"a^{(1)\top}"#, #"a_1^\top"#] {
            #expect(try formula(source) == expected, "\(source)")
        }
    }

    @Test func primeIsDerivativeNeverTranspose() throws {
        // sigmoid'(z) = σ(z)(1 − σ(z)) at z1 = (-1, 0.5, 2).
        let d = try formula("sigmoid'(z1)")
        for (i, z) in [-1.0, 0.5, 2].enumerated() {
            #expect(abs(d.scalars[i] - sigmoid(z) * (1 - sigmoid(z))) < 1e-15)
        }
        #expect(try formula(#"\sigma'(z_1)"#) == d)
        #expect(try formula("σ'(z1)") == d)
        #expect(try formula("relu'(z1)").scalars == [0, 1, 1])
        #expect(try formula("f'(z1)").scalars == [0, 5, 5])
        #expect(try formula("f(z1)").scalars == [0, 2.5, 10])
        #expect(parseError("a1'")?.message.contains("derivative") == true)
    }

    @Test func latexFractionAndHat() throws {
        // (2/N)(ŷ − y) with N = 2 is ŷ − y = (-0.5, 0.25).
        let expected = Tensor(Matrix(rows: 2, columns: 1, elements: [-0.5, 0.25]))
        #expect(try formula(#"\frac{2}{N}(\hat{y} - y)"#) == expected)
        #expect(try formula(#"\frac{2}{N} \cdot \left(\hat{y} - y\right)"#) == expected)
        // −y/ŷ + (1−y)/(1−ŷ) entry-wise: (−2, 4/3).
        let bce = try formula(#"-\frac{y}{\hat{y}} + \frac{1-y}{1-\hat{y}}"#)
        #expect(abs(bce.scalars[0] + 2) < 1e-15 && abs(bce.scalars[1] - 4.0 / 3) < 1e-15)
        #expect(try formula(#"W^{(2)T} \cdot \delta^{(2)}"#) == (try formula("W2^T * delta2")))
    }

    @Test func tensorFunctions() throws {
        #expect(try formula("diag(a1)") == Tensor(Matrix.diagonal([1, 2, 3])))
        #expect(try formula("sum(a1)") == Tensor(6))
        #expect(try formula("outer(delta2, a1)") == (try formula("delta2 * a1^T")))
        #expect(try formula("I * delta2") == (try formula("delta2")))
        #expect(try formula("ones^T * a1") == Tensor(Matrix(rows: 1, columns: 1, elements: [6])))
        #expect(try formula("ones - y") == Tensor(Matrix(rows: 2, columns: 1, elements: [0, 1])))
        #expect(try formula("I(2)") == Tensor(Matrix.identity(2)))
        #expect(try formula("1 - y") == (try formula("ones - y")))
        // softmax'(v) is the Jacobian diag(s) − s sᵀ.
        let s = Activation.softmax([2, -1])
        let j = try formula("softmax'(delta2)")
        #expect(abs(j.scalars[1] + s[0] * s[1]) < 1e-15 && abs(j.scalars[0] - s[0] * (1 - s[0])) < 1e-15)
    }

    @Test func shapeErrorsAreValuesNamingShapes() {
        #expect(formulaError("a1 * a1") == .shape("matrix product of 3×1 and 3×1: 1 columns against 3 rows"))
        #expect(formulaError("a1 .* delta2") == .shape("element-wise product of 3×1 and 2×1: the shapes differ"))
        #expect(formulaError("a1 + delta2") == .shape("a 2×1 value cannot be added to a 3×1 value"))
        #expect(formulaError("I + a1") != nil)
        #expect(formulaError("I") != nil)
    }

    @Test func domainErrorsSayWhere() {
        #expect(formulaError("ln(z1)") == .domain("ln: ln of a non-positive number (entry 1)"))
        #expect(formulaError("a1 / (y - y)") != nil)
    }

    @Test func unknownSymbolListsTheAllowedOnes() {
        let e = parseError("w3 * a1")
        #expect(e?.message == "unknown symbol 'w3'; allowed: N, W2, a1, delta2, y, y_hat, z1")
        #expect(e?.offset == 0)
        #expect(parseError("delta2 a1")?.message.contains("implicit multiplication") == true)
        #expect(parseError(#"\frac{1}{2"#) != nil)
        #expect(parseError(#"\unknown{x}"#)?.message == "unsupported LaTeX command '\\unknown'")
    }

    @Test func evaluationCostIsBounded() throws {
        // A 1000×1000 outer product is 10⁶ entry operations, over the 10⁵ budget.
        #expect(formulaError("sum(outer(ones(1000), ones(1000)))")
                == .tooCostly("the formula needs more than 100000 operations to evaluate"))
        #expect(try formula("sum(outer(ones(100), ones(100)))") == Tensor(10_000))
        let deep = String(repeating: "(", count: 300) + "a1" + String(repeating: ")", count: 300)
        #expect(parseError(deep)?.message.contains("nested too deeply") == true)
    }

    @Test func iteratedFunction() throws {
        let z = Activation.custom(try ExpressionParser.parse("2*x", variables: ["x"]), source: "2*x")
        let env = FormulaEnvironment(symbols: ["x": Tensor(0.75)], functions: ["z": z])
        let e = try ExpressionParser.parseFormula("z^10(x)", symbols: ["x"], functions: ["z"])
        #expect(try e.evaluateFormula(in: env) == Tensor(768))
        let latex = try ExpressionParser.parseFormula("z^{10}(x)", symbols: ["x"], functions: ["z"])
        #expect(latex == e)
    }

    @Test func descriptionReparses() throws {
        for source in ["delta2 * a1^T", "W2^T * delta2 .* relu'(z1)", "f'(z1) .* (W2^T * delta2)", "sum(a1) * I(2)"] {
            let e = try ExpressionParser.parseFormula(source, symbols: symbols, functions: ["f"])
            #expect(try ExpressionParser.parseFormula(e.description, symbols: symbols, functions: ["f"]) == e)
        }
    }
}

