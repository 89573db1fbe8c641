import NNGrade

/// One fuzz input: `SubmissionLoader.load(bytes:file:)` on arbitrary bytes.
///
/// Invariants checked: loading never crashes; a loaded submission has a one-line student id and
/// only finite values; errors describe themselves on one line.
func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) -> CInt {
    do {
        let submission = try SubmissionLoader.load(bytes: Array(input), file: "fuzz.yaml")
        precondition(!submission.student.isEmpty && !submission.student.contains("\n"), "bad student id")
        for (_, entry) in submission.answers {
            if case .value(let tensor, _) = entry {
                precondition(tensor.scalars.allSatisfy(\.isFinite), "non-finite answer value")
            }
        }
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error: \(error.description)")
    }
    return 0
}
