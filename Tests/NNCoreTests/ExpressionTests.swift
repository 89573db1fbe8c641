import Testing
@testable import NNCore

private func value(_ source: String, _ bindings: [String: Double] = [:]) throws -> Double {
    try ExpressionParser.parse(source, variables: Set(bindings.keys)).evaluate(bindings)
}

private func parseError(_ source: String, variables: Set<String> = ["x"]) -> ExpressionError? {
    do {
        _ = try ExpressionParser.parse(source, variables: variables)
        return nil
    } catch {
        return error
    }
}

private func evaluationError(_ source: String, _ bindings: [String: Double] = [:]) -> ExpressionError? {
    do {
        _ = try ExpressionParser.parse(source, variables: ["x", "y"]).evaluate(bindings)
        return nil
    } catch {
        return error
    }
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

@Suite struct ExpressionTests {
    // MARK: Parsing and evaluating hand-worked values

    @Test func handWorkedArithmetic() throws {
        #expect(try value("-2 - 0.01*100") == -3)
        #expect(close(try value("e^-2"), 0.1353352832366127))
        #expect(close(try value("ln(0.373)"), -0.9861768593383216))
        #expect(try value("-2^2") == -4)
        #expect(try value("2^3^2") == 512)
        #expect(try value("(-2)^2") == 4)
        #expect(try value("-3/4") == -0.75)
        #expect(try value("1.5e-3") == 0.0015)
        #expect(try value("2**3") == 8)
        #expect(try value("2 × 3 − 1") == 5)
        #expect(try value("2 · 4") == 8)
        #expect(close(try value("2*π"), 2 * Double.pi))
        #expect(close(try value("pi/2"), Double.pi / 2))
        #expect(try value("+3 - -2") == 5)
        #expect(try value("2^-1") == 0.5)
        #expect(try value("10 - 4 - 3") == 3)
        #expect(try value("12 / 4 / 3") == 1)
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("log10(1000)") == 3)
        #expect(try value("log2(8)") == 3)
        #expect(close(try value("log(e)"), 1))
        #expect(try value("abs(-3) + sqrt(16)") == 7)
        #expect(try value("min(3, 1, 2) + max(3, 1, 2)") == 4)
        #expect(try value("clamp(5, 0, 1) + clamp(-5, 0, 1) + clamp(0.5, 0, 1)") == 1.5)
        #expect(try value("if(2 > 1, 10, 20)") == 10)
        #expect(try value("if(2 <= 1, 10, 20)") == 20)
        #expect(try value("if(1 == 1, 1, 0) + if(1 != 1, 1, 0)") == 1)
        #expect(try value("5*relu(x)", ["x": -1]) == 0)
        #expect(try value("5*relu(x)", ["x": 2]) == 10)
        #expect(try value("x^2", ["x": -3]) == 9)
        #expect(close(try value("gelu(1)"), 0.8413447460685429))
        #expect(try value("leaky_relu(-2, 0.1)") == -0.2)
        #expect(close(try value("elu(-1, 2)"), 2 * (Elementary.exp(-1.0) - 1)))
        #expect(close(try value("softplus(0)"), Elementary.log(2.0)))
        #expect(close(try value("softplus(1, 2)"), Elementary.log(1 + Elementary.exp(2.0)) / 2))
    }

    @Test func numberLiterals() throws {
        #expect(try value("12") == 12)
        #expect(try value("0.5") == 0.5)
        #expect(try value(".5") == 0.5)
        #expect(try value("5.") == 5)
        #expect(try value("1e-3") == 0.001)
        #expect(try value("1.5E+2") == 150)
        #expect(try value("1e-400") == 0)
    }

    @Test func constantsAndVariables() throws {
        #expect(try ExpressionParser.parse("e", variables: []) == .constant(.e))
        #expect(try ExpressionParser.parse("e", variables: ["e"]) == .variable("e"))
        #expect(try ExpressionParser.parse("π", variables: []) == .constant(.pi))
        let expression = try ExpressionParser.parse("x*y + if(x < 1, z, 2)", variables: ["x", "y", "z"])
        #expect(expression.freeVariables == ["x", "y", "z"])
        #expect(!expression.isConstant)
        #expect(try ExpressionParser.parse("e^-2 + ln(3)", variables: []).isConstant)
    }

    @Test func structure() throws {
        #expect(try ExpressionParser.parse("-2^2", variables: [])
            == .negate(.binary(.power, .number(2), .number(2))))
        #expect(try ExpressionParser.parse("2^3^2", variables: [])
            == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
        #expect(try ExpressionParser.parse("e^-x", variables: ["x"])
            == .binary(.power, .constant(.e), .negate(.variable("x"))))
    }

    @Test func descriptionRoundTrips() throws {
        let sources = [
            "-2^2", "(-2)^2", "2^3^2", "(2^3)^2", "e^-2", "a - (b - c)", "a - b - c", "a / (b * c)",
            "-(a + b) * c", "2^-(a * b)", "if(a < -1, -(e - 1/e), if(a > 1, e - 1/e, exp(a) - exp(-a)))",
            "clamp(a, b, c) + softplus(a, 2) + leaky_relu(a, 0.01)", "a - -b", "1e-05 * pi",
        ]
        for source in sources {
            let parsed = try ExpressionParser.parse(source, variables: ["a", "b", "c"])
            let reparsed = try ExpressionParser.parse(parsed.description, variables: ["a", "b", "c"])
            #expect(reparsed == parsed, "\(source) -> \(parsed.description)")
        }
        #expect(try ExpressionParser.parse("(-2)^2", variables: []).description == "(-2)^2")
        #expect(try ExpressionParser.parse("2*(3+4)", variables: []).description == "2 * (3 + 4)")
    }

    // MARK: Rejected forms

    @Test(arguments: [
        ("2x", "implicit multiplication is not allowed; write '*' between factors", 1),
        ("2 x", "implicit multiplication is not allowed; write '*' between factors", 2),
        ("2(3)", "implicit multiplication is not allowed; write '*' between factors", 1),
        ("(1)(2)", "implicit multiplication is not allowed; write '*' between factors", 3),
        ("0x1F", "hexadecimal numbers are not allowed", 0),
        ("inf", "unknown identifier 'inf'", 0),
        ("nan", "unknown identifier 'nan'", 0),
        ("-inf", "unknown identifier 'inf'", 1),
        (".inf", "unexpected '.'", 0),
        ("1:30", "unexpected character ':'", 1),
        ("1_000", "underscores are not allowed in numbers", 1),
        ("1e400", "number out of range: 1e400", 0),
        ("2 + 1e400", "number out of range: 1e400", 4),
        ("1.2.3", "unexpected '.'", 3),
        ("foo(1)", "unknown function 'foo'", 0),
        ("1 + foo", "unknown identifier 'foo'", 4),
        ("y", "unknown identifier 'y'", 0),
        ("x(2)", "'x' is not a function; write '*' for multiplication", 0),
        ("exp", "expected '(' after function 'exp'", 3),
        ("relu(1, 2)", "'relu' takes 1 argument, got 2", 0),
        ("1 + clamp(1, 2)", "'clamp' takes 3 arguments, got 2", 4),
        ("max(1)", "'max' takes at least 2 arguments, got 1", 0),
        ("leaky_relu(x)", "'leaky_relu' takes 2 arguments, got 1", 0),
        ("softplus()", "'softplus' takes 1 or 2 arguments, got 0", 0),
        ("if(x < 1, 2)", "expected ',' but found ')'", 11),
        ("if(x < 1, 2, 3, 4)", "'if' takes 3 arguments", 0),
        ("if(x, 1, 2)", "expected a comparison (<, <=, >, >=, ==, !=) as the first argument of 'if'", 4),
        ("x < 1", "a comparison is only allowed as the first argument of 'if'", 2),
        ("if(x < 1 < 2, 1, 2)", "a comparison is only allowed as the first argument of 'if'", 9),
        ("(1 + 2", "unexpected end of expression; expected ')'", 6),
        ("1 + 2)", "unexpected ')'", 5),
        (")", "unexpected ')'", 0),
        ("", "unexpected end of expression", 0),
        ("1 +", "unexpected end of expression", 3),
        ("2 * * 3", "unexpected '*'", 4),
        ("x = 1", "unexpected '='; use '==' to compare", 2),
        ("π + 2x", "implicit multiplication is not allowed; write '*' between factors", 5),
        ("2 ü", "unexpected character 'ü'", 2),
    ] as [(String, String, Int)])
    func rejectsWithOffset(source: String, message: String, offset: Int) {
        #expect(parseError(source) == ExpressionError(message: message, offset: offset))
    }

    @Test func nestingAndLengthLimits() throws {
        let deep = String(repeating: "(", count: 4000) + "1" + String(repeating: ")", count: 4000)
        #expect(parseError(deep)?.message.contains("nested too deeply") == true)
        #expect(parseError(String(repeating: "-", count: 5000) + "1")?.message.contains("nested too deeply") == true)
        #expect(parseError(String(repeating: "2^", count: 300) + "1")?.message.contains("nested too deeply") == true)
        #expect(parseError(String(repeating: "1+", count: 300) + "1")?.message.contains("nested too deeply") == true)
        let ok = String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        #expect(try value(ok) == 1)
        #expect(try value(String(repeating: "1+", count: 150) + "1") == 151)
        let long = String(repeating: "1+", count: 5001) + "1"
        #expect(parseError(long) == ExpressionError(message: "expression is longer than 10000 characters", offset: 10000))
    }

    // MARK: Evaluation errors

    @Test func evaluationErrors() {
        #expect(evaluationError("1/0")?.message == "division by zero")
        #expect(evaluationError("0^-1")?.message == "division by zero")
        #expect(evaluationError("ln(-1)")?.message == "ln of a non-positive number")
        #expect(evaluationError("log10(0)")?.message == "log10 of a non-positive number")
        #expect(evaluationError("sqrt(-1)")?.message == "sqrt of a negative number")
        #expect(evaluationError("(-8)^(1/3)")?.message == "negative base with a non-integer exponent")
        #expect(evaluationError("exp(1000)")?.message == "result is not a finite number")
        #expect(evaluationError("1e308 * 10")?.message == "result is not a finite number")
        #expect(evaluationError("x + 1")?.message == "unbound variable 'x'")
        #expect(evaluationError("x", ["x": .nan])?.message == "value of 'x' is not a finite number")
        #expect(evaluationError("clamp(1, 2, 0)")?.message == "clamp lower bound is greater than upper bound")
        #expect(evaluationError("softplus(1, 0)")?.message == "softplus beta must not be zero")
        // Only the chosen branch is evaluated.
        #expect(evaluationError("if(x > 0, ln(x), 0)", ["x": -1]) == nil)
    }

    @Test func stableSigmoidAndSoftplus() throws {
        let sigmoid = try ExpressionParser.parse("sigmoid(x)", variables: ["x"])
        #expect(try sigmoid.evaluate(["x": 1000]) == 1)
        #expect(try sigmoid.evaluate(["x": -1000]) == 0)
        #expect(try sigmoid.valueAndDerivative(withRespectTo: "x", at: 1000).derivative == 0)
        #expect(try sigmoid.valueAndDerivative(withRespectTo: "x", at: -1000).derivative == 0)
        let s = try sigmoid.evaluate(["x": 0.7])
        #expect(close(try sigmoid.valueAndDerivative(withRespectTo: "x", at: 0.7).derivative, s * (1 - s)))
        #expect(close(try sigmoid.evaluate(["x": -40]), Elementary.exp(-40.0) / (1 + Elementary.exp(-40.0))))
        let softplus = try ExpressionParser.parse("softplus(x)", variables: ["x"])
        #expect(try softplus.evaluate(["x": 1000]) == 1000)
        #expect(try softplus.evaluate(["x": -1000]) == 0)
        #expect(try softplus.valueAndDerivative(withRespectTo: "x", at: 1000).derivative == 1)
        #expect(try ExpressionParser.parse("softplus(x, 3)", variables: ["x"]).evaluate(["x": 1000]) == 1000)
    }

    // MARK: Derivatives

    @Test(arguments: [
        "exp(x)", "ln(x)", "log(x)", "log10(x)", "log2(x)", "sqrt(x)", "abs(x)", "sin(x)", "cos(x)",
        "tanh(x)", "sigmoid(x)", "relu(x)", "softplus(x)", "softplus(x, 2.5)", "softplus(1.5, x)",
        "softplus(x, -0.5)", "leaky_relu(x, 0.1)", "leaky_relu(-2, x)", "leaky_relu(3, x)", "elu(x, 1.5)",
        "elu(-1, x)", "gelu(x)", "min(x, 1)", "max(x, 1, -x)", "clamp(x, -1, 1)", "x^3", "x^2.5", "2^x",
        "x^x", "1/x", "x*x - 3*x + 1", "-x", "x/(1 + x^2)", "if(x < 0, x^2, sin(x))", "e^-x", "pi*x - e",
        "sigmoid(3*x)*tanh(x) + relu(x - 1)", "(x+1)^(x+2)",
    ])
    func derivativeMatchesFiniteDifferences(source: String) throws {
        let expression = try ExpressionParser.parse(source, variables: ["x"])
        let points = [-2.3, -1.7, -0.6, 0.4, 0.9, 1.3, 2.9]
        var checked = 0
        for x in points {
            let h = 1e-6
            guard let plus = try? expression.evaluate(["x": x + h]),
                  let minus = try? expression.evaluate(["x": x - h]),
                  let result = try? expression.valueAndDerivative(withRespectTo: "x", at: x)
            else { continue }
            let estimate = (plus - minus) / (2 * h)
            #expect(result.value == (try expression.evaluate(["x": x])))
            #expect(abs(result.derivative - estimate) <= 1e-5 * max(1, abs(estimate)),
                    "\(source) at \(x): AD \(result.derivative), FD \(estimate)")
            checked += 1
        }
        #expect(checked >= 3, "\(source): too few points in the domain")
    }

    @Test func derivativeConventionsAtKinks() throws {
        func derivative(_ source: String, at x: Double, options: EvaluationOptions = .init()) throws -> Double {
            try ExpressionParser.parse(source, variables: ["x", "y"])
                .valueAndDerivative(withRespectTo: "x", at: x, bindings: ["y": 2], options: options).derivative
        }
        #expect(try derivative("relu(x)", at: 0) == 0)
        #expect(try derivative("relu(x)", at: 0, options: EvaluationOptions(reluDerivativeAtZero: 1)) == 1)
        #expect(try derivative("relu(x)", at: 0, options: EvaluationOptions(reluDerivativeAtZero: 0.5)) == 0.5)
        #expect(try derivative("5*relu(x)", at: 3) == 5)
        #expect(try derivative("leaky_relu(x, 0.1)", at: 0) == 0.1)
        #expect(try derivative("leaky_relu(x, 0.1)", at: 0, options: EvaluationOptions(reluDerivativeAtZero: 1)) == 1)
        #expect(try derivative("abs(x)", at: 0) == 0)
        #expect(try derivative("max(x, y)", at: 3) == 1)
        #expect(try derivative("max(x, y)", at: 1) == 0)
        #expect(try derivative("min(x, y)", at: 1) == 1)
        #expect(try derivative("clamp(x, -1, 1)", at: 5) == 0)
        #expect(try derivative("clamp(x, -1, 1)", at: 0.5) == 1)
        #expect(try derivative("clamp(y, x, 5)", at: 3) == 1)
        #expect(try derivative("x*y", at: 3) == 2)
        #expect(try derivative("y", at: 3) == 0)
        #expect(try derivative("x^2", at: 0) == 0)
        #expect(try derivative("x^0", at: 0) == 0)
        #expect(try derivative("x^1", at: 0) == 1)
        // ∂((-2)^x)/∂x does not exist in the reals.
        #expect(throws: ExpressionError(message: "derivative is not a finite number", offset: 0)) {
            try derivative("(-2)^x", at: 2)
        }
        #expect(throws: ExpressionError(message: "derivative is not a finite number", offset: 0)) {
            try derivative("sqrt(x)", at: 0)
        }
        // Constant exponent of a negative base: the meaningless ∂/∂exponent never matters.
        #expect(try derivative("x^3", at: -2) == 12)
    }

    @Test func seed000PiecewiseActivation() throws {
        let z = try ExpressionParser.parse(
            "if(x < -1, -(e - 1/e), if(x > 1, e - 1/e, exp(x) - exp(-x)))", variables: ["x"])
        let inside = try z.valueAndDerivative(withRespectTo: "x", at: 0.5)
        #expect(abs(inside.value - 1.0421906) < 1e-7)
        // 2cosh(0.5) = 2.2552519 (the brief's 2.2551846 is off by 6.7e-5).
        #expect(abs(inside.derivative - 2.2552519) < 1e-7)
        let outside = try z.valueAndDerivative(withRespectTo: "x", at: 2)
        #expect(abs(outside.value - 2.3504024) < 1e-7)
        #expect(outside.derivative == 0)
        let below = try z.valueAndDerivative(withRespectTo: "x", at: -3)
        #expect(abs(below.value + 2.3504024) < 1e-7)
        #expect(below.derivative == 0)
    }

    @Test func tapeRecordsAndSweeps() {
        var tape = Tape()
        let x = tape.variable(3)
        let c = tape.constant(2)
        let product = tape.record(6, x, 2, c, 3)       // x * c
        let square = tape.record(36, product, 12)       // product²
        #expect(tape.count == 4)
        #expect(tape.isConstant(c) && !tape.isConstant(product))
        let adjoints = tape.gradient(of: square)
        #expect(adjoints[square] == 1)
        #expect(adjoints[product] == 12)
        #expect(adjoints[x] == 24)
        #expect(adjoints[c] == 0)   // edges to constants are not recorded
    }
}
