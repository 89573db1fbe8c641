import NNGrade

/// One fuzz input: `SubmissionLoader.load(bytes:file:)` on arbitrary bytes.
///
/// Invariants checked: loading never crashes; a loaded submission has a one-line student id and
/// only finite values, except where a NaN or infinity word was written; errors describe themselves on one line.
func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) -> CInt {
    do {
        let submission = try SubmissionLoader.load(bytes: Array(input), file: "fuzz.yaml")
        precondition(!submission.student.isEmpty && !submission.student.contains("\n"), "bad student id")
        for (_, entry) in submission.answers {
            if case .value(let tensor, let text) = entry {
                // Non-finite values come only from a NaN or infinity word (graded not_finite).
                let lower = text.lowercased()
                precondition(tensor.scalars.allSatisfy(\.isFinite) || lower.contains("nan") || lower.contains("inf")
                             || text.contains("∞"), "non-finite answer value")
            }
        }
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error: \(error.description)")
    }
    return 0
}
