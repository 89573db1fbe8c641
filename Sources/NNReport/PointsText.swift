import NNCore

/// How points are written everywhere (reports, gradebooks, platform files, the terminal): up to
/// six significant figures, so 2/3 of a point is `0.666667` and whole points have no decimals.
enum PointsText {
    /// The text of a number of points.
    static func of(_ points: Double) -> String { NumberFormatting.significant(points, digits: 6) }
}
