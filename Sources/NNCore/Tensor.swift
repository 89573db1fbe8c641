/// A numeric value of rank 0 (scalar), 1 (vector) or 2 (matrix): the unit in which answers are
/// stated, computed and compared.
///
/// Storage is flat and row-major. A rank-1 tensor of length n is a plain vector; it is neither a
/// row nor a column. `[[1],[2]]` (a 2 × 1 matrix) and `[1, 2]` (a vector) are different shapes,
/// and the grader decides how lenient to be between them.
public struct Tensor: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The extent of each dimension: `[]` for a scalar, `[n]` for a vector, `[r, c]` for a matrix.
    public let shape: [Int]
    /// The entries in row-major order; `scalars.count` is the product of `shape`.
    public let scalars: [Double]

    /// Creates a tensor. Precondition: the shape has rank ≤ 2 and matches the entry count.
    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.count <= 2 && shape.allSatisfy { $0 >= 0 }, "tensor rank must be 0, 1 or 2")
        precondition(shape.reduce(1, *) == scalars.count, "tensor shape does not match its entries")
        self.shape = shape
        self.scalars = scalars
    }

    /// A scalar.
    public init(_ scalar: Double) { self.init(shape: [], scalars: [scalar]) }

    /// A vector.
    public init(vector: [Double]) { self.init(shape: [vector.count], scalars: vector) }

    /// A matrix.
    public init(_ matrix: Matrix) { self.init(shape: [matrix.rows, matrix.columns], scalars: matrix.elements) }

    /// Number of dimensions: 0, 1 or 2.
    public var rank: Int { shape.count }

    /// The single value of a scalar, or of any tensor that has exactly one entry.
    public var scalarValue: Double? { scalars.count == 1 ? scalars[0] : nil }

    /// The tensor as a matrix: a vector of length n becomes n × 1, a scalar 1 × 1.
    public var asMatrix: Matrix {
        switch shape.count {
        case 0: return Matrix(rows: 1, columns: 1, elements: scalars)
        case 1: return Matrix(rows: shape[0], columns: 1, elements: scalars)
        default: return Matrix(rows: shape[0], columns: shape[1], elements: scalars)
        }
    }

    /// A human-readable shape such as `scalar`, `vector(3)` or `2×3`.
    public var shapeDescription: String {
        switch shape.count {
        case 0: return "scalar"
        case 1: return "vector(\(shape[0]))"
        default: return "\(shape[0])×\(shape[1])"
        }
    }

    /// The entry at 0-based indices (none for a scalar, one for a vector, two for a matrix).
    public func element(at indices: [Int]) -> Double? {
        guard indices.count == shape.count else { return nil }
        var flat = 0
        for (i, idx) in indices.enumerated() {
            guard idx >= 0 && idx < shape[i] else { return nil }
            flat = flat * shape[i] + idx
        }
        return scalars[flat]
    }

    /// Nested-array form: a `Double`, `[Double]` or `[[Double]]`.
    public var nested: NestedNumbers {
        switch shape.count {
        case 0: return .scalar(scalars[0])
        case 1: return .vector(scalars)
        default: return .matrix(asMatrix.rowArrays)
        }
    }

    public var description: String {
        switch nested {
        case .scalar(let v): return NumberFormatting.short(v)
        case .vector(let v): return "[" + v.map(NumberFormatting.short).joined(separator: ", ") + "]"
        case .matrix(let m):
            return "[" + m.map { "[" + $0.map(NumberFormatting.short).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
        }
    }
}

/// A tensor's entries as nested Swift arrays.
public enum NestedNumbers: Equatable, Sendable {
    /// A single number.
    case scalar(Double)
    /// A flat list.
    case vector([Double])
    /// A list of rows.
    case matrix([[Double]])
}
