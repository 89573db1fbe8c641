import NNCore

/// One fuzz input: `ExpressionParser.parse` on arbitrary text, then evaluation, differentiation
/// in `x`, and a round trip through `description`.
///
/// Invariants checked: nothing crashes; evaluation returns finite values or throws; the printed
/// form of a parsed expression parses again (when it is within the length limit).
func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) -> CInt {
    let text = String(decoding: input, as: UTF8.self)
    guard let expression = try? ExpressionParser.parse(text, variables: ["x"]) else { return 0 }
    for x in [0.0, 0.5, -2.0] {
        if let value = try? expression.evaluate(["x": x]) {
            precondition(value.isFinite, "evaluate returned a non-finite value for \(text.debugDescription)")
        }
        if let (value, derivative) = try? expression.valueAndDerivative(withRespectTo: "x", at: x) {
            precondition(value.isFinite && derivative.isFinite, "non-finite derivative for \(text.debugDescription)")
        }
    }
    let printed = expression.description
    // Printing adds spaces, so a source near the length limit can print longer than the limit.
    guard printed.count <= ExpressionParser.maximumLength else { return 0 }
    precondition((try? ExpressionParser.parse(printed, variables: ["x"])) != nil,
                 "\(text.debugDescription) printed as \(printed.debugDescription), which does not parse")
    return 0
}
