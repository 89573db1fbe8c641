import NNCore

/// How a formula's value on one instance relates to the reference value there.
///
/// Vectors are columns: a reference vector of length n matches an n × 1 (or n-vector) value;
/// a one-entry reference matches any one-entry value. Entries agree when
/// |s − t| ≤ rtol·|t| + 1e-12 (the floor absorbs rounding noise where t is exactly 0).
enum FormulaAgreement: Equatable {
    /// Same shape and every entry agrees.
    case agrees
    /// Same shape, some entry differs; the student's and reference's entries, in reference order.
    case differs(student: [Double], reference: [Double])
    /// The value equals the reference's transpose.
    case transposed
    /// Shapes that cannot be compared; the two shapes as "r×c".
    case shapeMismatch(student: String, reference: String)

    /// The reference shape as rows × columns (vectors as columns).
    static func grid(_ t: Tensor) -> (rows: Int, columns: Int) {
        switch t.rank {
        case 0: return (1, 1)
        case 1: return (t.shape[0], 1)
        default: return (t.shape[0], t.shape[1])
        }
    }

    static func shapeText(_ t: Tensor) -> String {
        let g = grid(t)
        return "\(g.rows)×\(g.columns)"
    }

    static func close(_ s: Double, _ t: Double, rtol: Double) -> Bool {
        s.isFinite && abs(s - t) <= rtol * abs(t) + 1e-12
    }

    static func allClose(_ s: [Double], _ t: [Double], rtol: Double) -> Bool {
        s.count == t.count && zip(s, t).allSatisfy { close($0, $1, rtol: rtol) }
    }

    static func compare(_ student: Tensor, _ reference: Tensor, rtol: Double) -> FormulaAgreement {
        let s = grid(student), r = grid(reference)
        if s == r || student.scalars.count == 1 && reference.scalars.count == 1 {
            if allClose(student.scalars, reference.scalars, rtol: rtol) { return .agrees }
            if s.rows == s.columns, s.rows > 1, allClose(student.asMatrix.transposed.elements, reference.scalars, rtol: rtol) {
                return .transposed
            }
            return .differs(student: student.scalars, reference: reference.scalars)
        }
        if s.rows == r.columns && s.columns == r.rows {
            if allClose(student.asMatrix.transposed.elements, reference.scalars, rtol: rtol) { return .transposed }
            return .shapeMismatch(student: shapeText(student), reference: shapeText(reference))
        }
        return .shapeMismatch(student: shapeText(student), reference: shapeText(reference))
    }
}
