import Testing
import NNCore
import NNGrade

/// A matrix tensor from rows (test helper; rows must be equally long).
private func matrix(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
}

private let absolute = ComparisonPolicy(tolerance: .absolute(0.001))

private func compare(_ student: Tensor, _ expected: Tensor,
                     _ policy: ComparisonPolicy = absolute) -> ComparisonOutcome {
    TensorComparison.compare(student, to: expected, policy: policy)
}

@Suite("TensorComparison: entries and partial credit")
struct TensorEntryTests {
    @Test func policyDefaults() {
        let policy = ComparisonPolicy()
        #expect(policy.tolerance == .default)
        #expect(policy.partialCredit)
        #expect(policy.vectorOrientation == .lenient)
        #expect(policy.detectTranspose)
    }

    @Test func correctScalar() {
        let outcome = compare(Tensor(0.2505), Tensor(0.25))
        guard case .correct(let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(entries.count == 1)
        #expect(entries[0].index == [])
        #expect(outcome.fraction == 1)
        #expect(outcome.summary(revealExpected: false) == "within tolerance")
    }

    @Test func wrongScalarIsIncorrectAndHidesTheKey() {
        let outcome = compare(Tensor(0.3), Tensor(0.250876))
        guard case .incorrect(let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(entries.count == 1)
        #expect(outcome.fraction == 0)
        #expect(outcome.summary(revealExpected: false) == "outside tolerance")
        let revealed = outcome.summary(revealExpected: true)
        #expect(revealed.hasPrefix("outside tolerance: expected 0.250876, got 0.3"))
    }

    @Test func correctMatrix() {
        let key = matrix([[1, 2, 3], [4, 5, 6]])
        let outcome = compare(matrix([[1, 2, 3.0005], [4, 5, 6]]), key)
        guard case .correct(let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(entries.map(\.index) == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]])
        #expect(outcome.summary(revealExpected: false) == "all 6 entries within tolerance")
    }

    @Test func partialFractionAndOneBasedSummary() {
        let key = matrix([[1, 2, 3], [4, 5, 6]])
        let outcome = compare(matrix([[1, 2, 9], [7, 5, 6]]), key)
        guard case .partiallyCorrect(let fraction, let entries) = outcome else {
            Issue.record("got \(outcome)"); return
        }
        #expect(fraction == 4.0 / 6.0)
        #expect(outcome.fraction == 4.0 / 6.0)
        #expect(entries.filter { !$0.verdict.passed }.map(\.index) == [[0, 2], [1, 0]])
        #expect(outcome.summary(revealExpected: false) == "2 of 6 entries outside tolerance: [1,3], [2,1]")
        let revealed = outcome.summary(revealExpected: true)
        #expect(revealed.contains("[1,3] expected 3, got 9"))
        #expect(revealed.contains("[2,1] expected 4, got 7"))
    }

    @Test func summaryWithoutRevealNeverShowsExpectedValues() {
        let key = Tensor(vector: [0.123456, 0.654321, 0.5])
        let outcome = compare(Tensor(vector: [0.9, 0.8, 0.5]), key)
        let text = outcome.summary(revealExpected: false)
        #expect(text == "2 of 3 entries outside tolerance: [1], [2]")
        #expect(!text.contains("0.123456") && !text.contains("0.654321"))
    }

    @Test func longListsAreTruncated() {
        let key = Tensor(vector: Array(repeating: 1, count: 20))
        let outcome = compare(Tensor(vector: Array(repeating: 2, count: 19) + [1]), key)
        #expect(outcome.fraction == 0.05)
        #expect(outcome.summary(revealExpected: false)
            == "19 of 20 entries outside tolerance: [1], [2], [3], [4], [5], [6], [7], [8], … and 11 more")
    }

    @Test func everyEntryWrongIsIncorrect() {
        let outcome = compare(Tensor(vector: [9, 9]), Tensor(vector: [1, 2]))
        guard case .incorrect(let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(entries.count == 2)
        #expect(outcome.summary(revealExpected: false) == "2 of 2 entries outside tolerance: [1], [2]")
    }

    @Test func partialCreditOffStillReportsEntries() {
        var policy = absolute
        policy.partialCredit = false
        let outcome = compare(matrix([[1, 2], [3, 9]]), matrix([[1, 2], [3, 4]]), policy)
        guard case .incorrect(let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(outcome.fraction == 0)
        #expect(entries.count == 4)
        #expect(entries.filter(\.verdict.passed).count == 3)
        #expect(outcome.summary(revealExpected: false)
            == "1 of 4 entries outside tolerance (no partial credit): [2,2]")
        #expect(outcome.entries == entries)
    }

    @Test func zeroExpectedEntriesUnderTheDefault() {
        let policy = ComparisonPolicy()
        let key = Tensor(vector: [0, 0, 0.5])
        #expect(compare(Tensor(vector: [0, 1e-7, 0.501]), key, policy).fraction == 1)
        let outcome = compare(Tensor(vector: [0, 0.001, 0.5]), key, policy)
        #expect(outcome.fraction == 2.0 / 3.0)
    }

    @Test func seed000GradientMatrixUnderTheDefault() {
        let key = matrix([[-0.2250876, 0.250876], [0.98733, 0.23385]])
        let hand = matrix([[-0.225, 0.251], [0.987, 0.234]])
        let outcome = compare(hand, key, ComparisonPolicy())
        guard case .correct(let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(entries.allSatisfy { $0.verdict.error < 0.0004 })
        let slip = matrix([[-0.252, 0.251], [0.987, -0.234]])
        #expect(compare(slip, key, ComparisonPolicy()).fraction == 0.5)
    }

    @Test func emptyTensorsAreTriviallyCorrect() {
        let outcome = compare(Tensor(vector: []), Tensor(vector: []))
        #expect(outcome == .correct(entries: []))
    }

    @Test func entryResultIndexRoundTrips() {
        let verdict = NumericVerdict(passed: true, error: 0, allowed: 1)
        var entry = EntryResult(index: [1, 2], student: 1, expected: 1, verdict: verdict)
        #expect(entry.index == [1, 2])
        entry.index = [3]
        #expect(entry.index == [3])
        entry.index = [1, 2, 3]
        #expect(entry.index == [1, 2, 3])
        entry.index = [1, 2]
        #expect(entry == EntryResult(index: [1, 2], student: 1, expected: 1, verdict: verdict))
        let fromComparison = compare(matrix([[0, 0], [0, 1]]), matrix([[0, 0], [0, 1]])).entries[3]
        #expect(fromComparison == EntryResult(index: [1, 1], student: 1, expected: 1,
                                              verdict: fromComparison.verdict))
    }
}

@Suite("TensorComparison: non-finite answers")
struct TensorNonFiniteTests {
    @Test func nanScalar() {
        let outcome = compare(Tensor(.nan), Tensor(1))
        #expect(outcome == .notFinite(index: []))
        #expect(outcome.fraction == 0)
        #expect(outcome.summary(revealExpected: false) == "the answer is not a finite number")
    }

    @Test func infinityInMatrix() {
        let outcome = compare(matrix([[1, 2], [.infinity, 4]]), matrix([[1, 2], [3, 4]]))
        #expect(outcome == .notFinite(index: [1, 0]))
        #expect(outcome.summary(revealExpected: false) == "entry [2,1] is not a finite number")
    }

    @Test func indexIsInTheKeysShape() {
        let outcome = compare(matrix([[1, -.infinity, 3]]), Tensor(vector: [1, 2, 3]))
        #expect(outcome == .notFinite(index: [1]))
    }
}

@Suite("TensorComparison: transposes")
struct TensorTransposeTests {
    let key = matrix([[1, 2, 3], [4, 5, 6]])

    @Test func rectangularTranspose() {
        let outcome = compare(matrix([[1, 4], [2, 5], [3, 6.0004]]), key)
        #expect(outcome == .transposed(expectedShape: [2, 3], givenShape: [3, 2]))
        #expect(outcome.fraction == 0)
        #expect(outcome.summary(revealExpected: false) == "shape 3×2 but expected 2×3: this is the transpose")
    }

    @Test func rectangularWrongShapeThatIsNotTheTranspose() {
        let outcome = compare(matrix([[1, 4], [2, 5], [3, 7]]), key)
        #expect(outcome == .shapeMismatch(expectedShape: [2, 3], givenShape: [3, 2]))
    }

    @Test func rectangularTransposeDetectionOff() {
        var policy = absolute
        policy.detectTranspose = false
        let outcome = compare(matrix([[1, 4], [2, 5], [3, 6]]), key, policy)
        #expect(outcome == .shapeMismatch(expectedShape: [2, 3], givenShape: [3, 2]))
    }

    @Test func squareTranspose() {
        let square = matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        let outcome = compare(matrix([[1, 4, 7], [2, 5, 8], [3, 6, 9]]), square)
        #expect(outcome == .transposed(expectedShape: [3, 3], givenShape: [3, 3]))
        #expect(outcome.summary(revealExpected: false) == "the answer is the transpose of the expected 3×3 matrix")
    }

    @Test func squareTransposeDetectionOffGivesPartialCredit() {
        var policy = absolute
        policy.detectTranspose = false
        let outcome = compare(matrix([[1, 3], [2, 4]]), matrix([[1, 2], [3, 4]]), policy)
        #expect(outcome.fraction == 0.5)
    }

    @Test func symmetricKeyIsNeverTransposed() {
        // Exactly symmetric: a wrong answer is just wrong.
        let outcome = compare(matrix([[1, 2], [2, 5]]), matrix([[1, 2], [2, 1]]))
        #expect(outcome.fraction == 0.75)
        // Symmetric only within tolerance: the answer matches the transpose but not the key, and
        // is still graded entry by entry.
        let nearlySymmetric = matrix([[0, 1.0], [1.0009, 0]])
        let student = matrix([[0, 1.0018], [0.9991, 0]])
        let graded = compare(student, nearlySymmetric)
        guard case .partiallyCorrect(let fraction, _) = graded else { Issue.record("got \(graded)"); return }
        #expect(fraction == 0.5)
    }

    @Test func partlyTransposedSquareIsGradedByEntry() {
        let outcome = compare(matrix([[1, 3], [2, 9]]), matrix([[1, 2], [3, 4]]))
        #expect(outcome.fraction == 0.25)
    }
}

@Suite("TensorComparison: vector orientation and shapes")
struct TensorShapeTests {
    let vector = Tensor(vector: [1, 2, 3])
    let column = matrix([[1], [2], [3]])
    let row = matrix([[1, 2, 3]])

    var strict: ComparisonPolicy {
        var policy = absolute
        policy.vectorOrientation = .strict
        return policy
    }

    @Test func lenientVectorsAreInterchangeable() {
        for student in [vector, column, row] {
            for key in [vector, column, row] {
                #expect(compare(student, key).fraction == 1, "\(student.shape) vs \(key.shape)")
            }
        }
    }

    @Test func lenientRowVersusColumnIsNeverTransposed() {
        let outcome = compare(matrix([[1, 2, 9]]), column)
        guard case .partiallyCorrect(_, let entries) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(entries.filter { !$0.verdict.passed }.map(\.index) == [[2, 0]])
        #expect(outcome.summary(revealExpected: false) == "1 of 3 entries outside tolerance: [3,1]")
    }

    @Test func strictVectorAgainstMatrixIsAShapeMismatch() {
        #expect(compare(column, vector, strict) == .shapeMismatch(expectedShape: [3], givenShape: [3, 1]))
        #expect(compare(vector, row, strict) == .shapeMismatch(expectedShape: [1, 3], givenShape: [3]))
        #expect(compare(vector, vector, strict).fraction == 1)
        #expect(compare(column, column, strict).fraction == 1)
    }

    @Test func strictRowVersusColumnCanBeTransposed() {
        #expect(compare(row, column, strict) == .transposed(expectedShape: [3, 1], givenShape: [1, 3]))
        #expect(compare(matrix([[1, 2, 4]]), column, strict)
            == .shapeMismatch(expectedShape: [3, 1], givenShape: [1, 3]))
    }

    @Test func scalarAndOneEntryTensorsAreAlwaysInterchangeable() {
        for policy in [absolute, strict] {
            #expect(compare(Tensor(vector: [2]), Tensor(2), policy).fraction == 1)
            #expect(compare(matrix([[2]]), Tensor(2), policy).fraction == 1)
            #expect(compare(Tensor(2), Tensor(vector: [2]), policy).fraction == 1)
            #expect(compare(Tensor(2), matrix([[2]]), policy).fraction == 1)
            #expect(compare(Tensor(3), matrix([[2]]), policy).fraction == 0)
        }
        #expect(compare(Tensor(vector: [2]), matrix([[2]])).fraction == 1)
        #expect(compare(Tensor(vector: [2]), matrix([[2]]), strict)
            == .shapeMismatch(expectedShape: [1, 1], givenShape: [1]))
    }

    @Test func shapeMismatches() {
        let outcome = compare(Tensor(vector: [1, 2, 3, 4]), vector)
        #expect(outcome == .shapeMismatch(expectedShape: [3], givenShape: [4]))
        #expect(outcome.summary(revealExpected: false) == "shape vector(4) but expected vector(3)")
        let matrices = compare(matrix([[1, 2], [3, 4]]), matrix([[1, 2, 3], [4, 5, 6]]))
        #expect(matrices.summary(revealExpected: false) == "shape 2×2 but expected 2×3")
        #expect(compare(vector, Tensor(1)) == .shapeMismatch(expectedShape: [], givenShape: [3]))
        #expect(compare(vector, Tensor(1)).summary(revealExpected: true) == "shape vector(3) but expected scalar")
        #expect(compare(matrix([[1, 2], [3, 4]]), Tensor(vector: [1, 2, 3, 4])).fraction == 0)
    }
}

@Suite("TensorComparison: speed")
struct TensorSpeedTests {
    /// Speed is measured in bench/; the time limit only catches a hang.
    @Test(.timeLimit(.minutes(1)))
    func millionEntryMatrices() {
        let n = 1000
        let key = Tensor(shape: [n, n], scalars: (0..<(n * n)).map { Double($0 % 977) * 0.013 + 0.1 })
        var answer = key.scalars
        answer[n + 2] += 1
        let outcome = compare(Tensor(shape: [n, n], scalars: answer), key, ComparisonPolicy())
        #expect(outcome.fraction == Double(n * n - 1) / Double(n * n))
        #expect(outcome.entries.count == n * n)
        #expect(outcome.entries.filter { !$0.verdict.passed }.map(\.index) == [[1, 2]])
        let transposed = Tensor(shape: [n, n], scalars: (0..<(n * n)).map { key.scalars[($0 % n) * n + $0 / n] })
        #expect(compare(transposed, key, ComparisonPolicy()) == .transposed(expectedShape: [n, n], givenShape: [n, n]))
    }
}
