
/// Compares a student's tensor with the key entry by entry, with shape leniency and named mistakes.
///
/// Order of decisions:
/// 1. Shapes are compatible when equal; when one is a scalar and both have exactly one entry
///    (always); or, with `.lenient` vector orientation, when both are vector-like (vector(n), n×1
///    or 1×n) with the same number of entries. Compatible shapes share the row-major entry order.
/// 2. Incompatible shapes: r×c against c×r (r ≠ c, at least one entry) whose entries equal the
///    key's transpose within tolerance give `.transposed` (when `detectTranspose`); anything else
///    gives `.shapeMismatch`.
/// 3. A NaN or infinite student entry gives `.notFinite` with its index in the key's shape.
/// 4. Every entry within tolerance gives `.correct`. Otherwise a square n×n answer (n ≥ 2) that
///    equals the key's transpose within tolerance, when the key itself is not symmetric within
///    tolerance, gives `.transposed` (when `detectTranspose`). Otherwise no entry within, or partial
///    credit off, gives `.incorrect`; else `.partiallyCorrect` with the fraction of entries within.
///
/// Entry indices are 0-based in the key's shape. No strings are built; the cost is one tolerance
/// check per entry (plus a transpose scan only for wrong answers).
public enum TensorComparison {
    /// Compares `student` with `expected` under `policy`.
    public static func compare(_ student: Tensor, to expected: Tensor,
                               policy: ComparisonPolicy) -> ComparisonOutcome {
        let tolerance = policy.tolerance
        guard shapesCompatible(student, expected, lenient: policy.vectorOrientation == .lenient) else {
            if policy.detectTranspose, isRectangularTranspose(student.shape, of: expected.shape),
               !expected.scalars.isEmpty,
               matchesTranspose(student.scalars, of: expected.scalars, rows: expected.shape[0],
                                columns: expected.shape[1], tolerance: tolerance) {
                return .transposed(expectedShape: expected.shape, givenShape: student.shape)
            }
            return .shapeMismatch(expectedShape: expected.shape, givenShape: student.shape)
        }

        let given = student.scalars
        let key = expected.scalars
        if let bad = given.firstIndex(where: { !$0.isFinite }) {
            return .notFinite(index: EntryPosition(offset: bad, shape: expected.shape).index)
        }

        let (entries, passedCount) = compareEntries(given, key, shape: expected.shape, tolerance: tolerance)
        if passedCount == entries.count {
            return .correct(entries: entries)
        }
        if policy.detectTranspose, expected.shape.count == 2, student.shape == expected.shape,
           expected.shape[0] == expected.shape[1], expected.shape[0] >= 2 {
            let n = expected.shape[0]
            if matchesTranspose(given, of: key, rows: n, columns: n, tolerance: tolerance),
               !isSymmetric(key, size: n, tolerance: tolerance) {
                return .transposed(expectedShape: expected.shape, givenShape: student.shape)
            }
        }
        if passedCount == 0 || !policy.partialCredit {
            return .incorrect(entries: entries)
        }
        return .partiallyCorrect(fraction: Double(passedCount) / Double(entries.count), entries: entries)
    }

    /// Whether the two tensors can be compared entry by entry in row-major order.
    static func shapesCompatible(_ student: Tensor, _ expected: Tensor, lenient: Bool) -> Bool {
        if student.shape == expected.shape { return true }
        let oneEntryEach = student.scalars.count == 1 && expected.scalars.count == 1
        if oneEntryEach && (student.rank == 0 || expected.rank == 0) { return true }
        return lenient && isVectorLike(student.shape) && isVectorLike(expected.shape)
            && student.scalars.count == expected.scalars.count
    }

    /// A vector, or a matrix with one row or one column.
    static func isVectorLike(_ shape: [Int]) -> Bool {
        shape.count == 1 || (shape.count == 2 && (shape[0] == 1 || shape[1] == 1))
    }

    /// Whether `given` is c×r for an r×c `expected` with r ≠ c.
    static func isRectangularTranspose(_ given: [Int], of expected: [Int]) -> Bool {
        given.count == 2 && expected.count == 2 && expected[0] != expected[1]
            && given[0] == expected[1] && given[1] == expected[0]
    }

    /// Whether the c×r `given` equals the transpose of the r×c `key` entry by entry within tolerance.
    static func matchesTranspose(_ given: [Double], of key: [Double], rows: Int, columns: Int,
                                 tolerance: Tolerance) -> Bool {
        guard given.count == rows * columns, key.count == rows * columns else { return false }
        for i in 0..<rows {
            for j in 0..<columns {
                if !tolerance.compare(given[j * rows + i], to: key[i * columns + j]).passed { return false }
            }
        }
        return true
    }

    /// Whether the n×n `key` equals its own transpose within tolerance.
    static func isSymmetric(_ key: [Double], size n: Int, tolerance: Tolerance) -> Bool {
        for i in 0..<n {
            for j in (i + 1)..<n where !tolerance.compare(key[j * n + i], to: key[i * n + j]).passed {
                return false
            }
        }
        return true
    }

    /// Compares equal-length row-major entry arrays, indexing results in `shape`.
    static func compareEntries(_ given: [Double], _ key: [Double], shape: [Int],
                               tolerance: Tolerance) -> (entries: [EntryResult], passed: Int) {
        var entries: [EntryResult] = []
        entries.reserveCapacity(key.count)
        var passed = 0
        func record(_ offset: Int, _ position: EntryPosition) {
            let check = tolerance.compare(given[offset], to: key[offset])
            if check.passed { passed += 1 }
            entries.append(EntryResult(position: position, student: given[offset],
                                       expected: key[offset], check: check))
        }
        switch shape.count {
        case 0:
            for offset in 0..<key.count { record(offset, .scalar) }
        case 1:
            for offset in 0..<key.count { record(offset, .vector(offset)) }
        default:
            let columns = shape[1]
            for row in 0..<shape[0] {
                for column in 0..<columns { record(row * columns + column, .matrix(row, column)) }
            }
        }
        return (entries, passed)
    }
}
