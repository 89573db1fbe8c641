/// A dense row-major matrix of `Double`, the storage type of weights, activations and gradients.
///
/// Convention: a layer's weight matrix has one row per output unit and one column per input
/// (out × in), so a layer computes `z = W a + b`. Vectors are plain `[Double]`.
public struct Matrix: Equatable, Hashable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in row-major order; `elements.count == rows * columns`.
    public var elements: [Double]

    /// Creates a matrix from row-major entries. Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns, "matrix shape mismatch")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// Creates a `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// Creates a matrix from an array of equally long rows; returns nil when the rows are ragged.
    public init?(rowArrays: [[Double]]) {
        let width = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == width }) else { return nil }
        self.init(rows: rowArrays.count, columns: width, elements: rowArrays.flatMap { $0 })
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// A square matrix with `diagonal` on its diagonal and zeros elsewhere.
    public static func diagonal(_ diagonal: [Double]) -> Matrix {
        var m = Matrix(rows: diagonal.count, columns: diagonal.count)
        for (i, v) in diagonal.enumerated() { m[i, i] = v }
        return m
    }

    /// The entry at 0-based `(row, column)`.
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// The rows as arrays.
    public var rowArrays: [[Double]] {
        (0..<rows).map { r in Array(elements[(r * columns)..<((r + 1) * columns)]) }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for r in 0..<rows { for c in 0..<columns { t[c, r] = self[r, c] } }
        return t
    }

    /// Matrix–vector product `self · v`. Precondition: `v.count == columns`.
    public func multiply(_ v: [Double]) -> [Double] {
        precondition(v.count == columns, "matrix-vector shape mismatch")
        var out = [Double](repeating: 0, count: rows)
        elements.withUnsafeBufferPointer { e in
            for r in 0..<rows {
                var s = 0.0
                let base = r * columns
                for c in 0..<columns { s += e[base + c] * v[c] }
                out[r] = s
            }
        }
        return out
    }

    /// Transposed matrix–vector product `selfᵀ · v`. Precondition: `v.count == rows`.
    public func transposeMultiply(_ v: [Double]) -> [Double] {
        precondition(v.count == rows, "matrix-vector shape mismatch")
        var out = [Double](repeating: 0, count: columns)
        elements.withUnsafeBufferPointer { e in
            for r in 0..<rows {
                let vr = v[r]
                if vr == 0 { continue }
                let base = r * columns
                for c in 0..<columns { out[c] += e[base + c] * vr }
            }
        }
        return out
    }

    /// Matrix product `self · other`. Precondition: `columns == other.rows`.
    public func multiply(_ other: Matrix) -> Matrix {
        precondition(columns == other.rows, "matrix-matrix shape mismatch")
        var out = Matrix(rows: rows, columns: other.columns)
        for r in 0..<rows {
            for k in 0..<columns {
                let a = self[r, k]
                if a == 0 { continue }
                for c in 0..<other.columns { out.elements[r * other.columns + c] += a * other[k, c] }
            }
        }
        return out
    }

    /// The outer product `u vᵀ`.
    public static func outer(_ u: [Double], _ v: [Double]) -> Matrix {
        var m = Matrix(rows: u.count, columns: v.count)
        for r in 0..<u.count { for c in 0..<v.count { m[r, c] = u[r] * v[c] } }
        return m
    }

    /// Entry-wise sum. Precondition: equal shapes.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "matrix shape mismatch")
        return Matrix(rows: lhs.rows, columns: lhs.columns, elements: zip(lhs.elements, rhs.elements).map(+))
    }

    /// Entry-wise difference. Precondition: equal shapes.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "matrix shape mismatch")
        return Matrix(rows: lhs.rows, columns: lhs.columns, elements: zip(lhs.elements, rhs.elements).map(-))
    }

    /// Scales every entry by `s`.
    public static func * (s: Double, m: Matrix) -> Matrix {
        Matrix(rows: m.rows, columns: m.columns, elements: m.elements.map { s * $0 })
    }
}
