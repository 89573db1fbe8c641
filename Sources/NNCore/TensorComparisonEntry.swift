/// One entry of a tensor comparison: where it is, both values and its tolerance check.
public struct EntryResult: Sendable, Hashable {
    /// 0-based position in the key's shape: `[]` for a scalar, `[i]` for a vector, `[row, column]`
    /// for a matrix.
    public var index: [Int] {
        get { position.index }
        set { position = EntryPosition(newValue) }
    }
    /// The student's value.
    public var student: Double
    /// The key's value.
    public var expected: Double
    /// How the entry fared against the tolerance (a math result; grading verdicts are NNGrade's `Verdict`).
    public var check: ToleranceCheck

    /// The index, stored without a heap allocation for ranks 0–2 (1000×1000 comparisons stay fast).
    private var position: EntryPosition

    /// Creates an entry result.
    public init(index: [Int], student: Double, expected: Double, check: ToleranceCheck) {
        self.init(position: EntryPosition(index), student: student, expected: expected, check: check)
    }

    /// Creates an entry result from an already packed position.
    init(position: EntryPosition, student: Double, expected: Double, check: ToleranceCheck) {
        self.position = position
        self.student = student
        self.expected = expected
        self.check = check
    }
}

/// A tensor index packed by rank; each index has exactly one representation, so synthesized
/// equality and hashing agree with equality of `index`.
enum EntryPosition: Sendable, Hashable {
    /// `[]`.
    case scalar
    /// `[i]`.
    case vector(Int)
    /// `[row, column]`.
    case matrix(Int, Int)
    /// Any other index (never produced by the comparison itself).
    case other([Int])

    /// Packs an index.
    init(_ index: [Int]) {
        switch index.count {
        case 0: self = .scalar
        case 1: self = .vector(index[0])
        case 2: self = .matrix(index[0], index[1])
        default: self = .other(index)
        }
    }

    /// The position of flat row-major `offset` in a tensor of `shape`.
    init(offset: Int, shape: [Int]) {
        switch shape.count {
        case 0: self = .scalar
        case 1: self = .vector(offset)
        default:
            let columns = shape[1]
            self = columns > 0 ? .matrix(offset / columns, offset % columns) : .matrix(offset, 0)
        }
    }

    /// The unpacked index.
    var index: [Int] {
        switch self {
        case .scalar: return []
        case .vector(let i): return [i]
        case .matrix(let row, let column): return [row, column]
        case .other(let index): return index
        }
    }
}
