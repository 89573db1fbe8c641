import NNProblem

/// One fuzz input: `AnswerValueParser.parse` and `parseScalar` on arbitrary text.
///
/// Invariants checked: parsing never crashes, and every returned value is finite and consistent
/// with its shape.
func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) -> CInt {
    let text = String(decoding: input, as: UTF8.self)
    if let tensor = try? AnswerValueParser.parse(text) {
        precondition(tensor.scalars.allSatisfy(\.isFinite), "parse returned a non-finite value for \(text.debugDescription)")
        precondition(tensor.shape.reduce(1, *) == tensor.scalars.count, "shape does not match the entries")
    }
    if let value = try? AnswerValueParser.parseScalar(text) {
        precondition(value.isFinite, "parseScalar returned a non-finite value for \(text.debugDescription)")
    }
    return 0
}
