import NNCore
import NNYAML

/// The samples of a training experiment: training and test splits, prepared from CSV tables.
///
/// Conventions:
/// - **Split** (`split: {test: f, seed: s}`): the row indices 0..<n are permuted with
///   `SplitMix64(seed: s).permutation(count: n)`; the first round(f·n) indices of the
///   permutation (half away from zero) are the test rows, the rest the training rows; both keep
///   the file's row order. A separate test table is used as it is.
/// - **Standardisation**: x′ = (x − mean) / sd with the mean and the population standard deviation
///   (divisor n, as scikit-learn's `StandardScaler`) of the *training* rows only, applied to both
///   splits; a column that is constant on the training rows is only centred (sd taken as 1).
public struct DataSet: Sendable, Hashable {
    /// The training samples.
    public var train: [Sample]
    /// The test samples (possibly none).
    public var test: [Sample]
    /// The feature column names, in input order.
    public var featureNames: [String]
    /// The target column names, in output order.
    public var targetNames: [String]
    /// The fitted feature scaling (mean, sd) per feature, when standardised.
    public var featureScaling: [Scaling]?
    /// The fitted target scaling per target, when standardised.
    public var targetScaling: [Scaling]?

    /// A column's fitted mean and standard deviation.
    public struct Scaling: Sendable, Hashable {
        /// The training mean.
        public var mean: Double
        /// The training standard deviation (1 for a constant column).
        public var sd: Double
    }

    /// Prepares the samples; errors are located at `location` (the problem file's `data` entry).
    public static func make(_ spec: DataSetSpec, table: NumericTable, testTable: NumericTable?,
                            at location: SourceLocation) throws(InputError) -> DataSet {
        func column(_ name: String, in t: NumericTable) throws(InputError) -> Int {
            guard let i = t.index(of: name) else {
                throw InputError(at: location, "\(t.file) has no column '\(name)' (its columns: \(t.columns.prefix(20).joined(separator: ", ")))")
            }
            return i
        }
        guard !spec.targets.isEmpty else { throw InputError(at: location, "data needs a target column") }
        let targetColumns = try spec.targets.map { name throws(InputError) in try column(name, in: table) }
        let featureNames: [String]
        switch spec.features {
        case .named(let names): featureNames = names
        case .all(let excluded):
            for name in excluded { _ = try column(name, in: table) }
            featureNames = table.columns.filter { !spec.targets.contains($0) && !excluded.contains($0) }
        }
        guard !featureNames.isEmpty else { throw InputError(at: location, "data has no feature columns left") }
        for name in featureNames where spec.targets.contains(name) {
            throw InputError(at: location, "column '\(name)' is both a feature and a target")
        }
        let featureColumns = try featureNames.map { name throws(InputError) in try column(name, in: table) }
        func samples(_ t: NumericTable, rows: [Int], features: [Int], targets: [Int]) -> [Sample] {
            rows.map { r in Sample(input: features.map { t[r, $0] }, target: targets.map { t[r, $0] }) }
        }
        var trainRows = Array(0..<table.rowCount)
        var testRows: [Int] = []
        if let split = spec.split {
            var g = SplitMix64(seed: split.seed)
            let p = g.permutation(count: table.rowCount)
            let k = Int((split.testFraction * Double(table.rowCount)).rounded(.toNearestOrAwayFromZero))
            guard k >= 1, k < table.rowCount else {
                throw InputError(at: location, "a test fraction of \(split.testFraction) leaves \(k) of \(table.rowCount) rows for testing; both splits need at least one row")
            }
            testRows = p[..<k].sorted()
            trainRows = p[k...].sorted()
        }
        var train = samples(table, rows: trainRows, features: featureColumns, targets: targetColumns)
        var test = samples(table, rows: testRows, features: featureColumns, targets: targetColumns)
        if let t = testTable {
            let f = try featureNames.map { name throws(InputError) in try column(name, in: t) }
            let y = try spec.targets.map { name throws(InputError) in try column(name, in: t) }
            test = samples(t, rows: Array(0..<t.rowCount), features: f, targets: y)
        }
        var set = DataSet(train: train, test: test, featureNames: featureNames, targetNames: spec.targets,
                          featureScaling: nil, targetScaling: nil)
        if spec.standardizeFeatures {
            let s = fit(train.map(\.input), width: featureNames.count)
            set.featureScaling = s
            train = train.map { Sample(input: apply(s, $0.input), target: $0.target) }
            test = test.map { Sample(input: apply(s, $0.input), target: $0.target) }
        }
        if spec.standardizeTarget {
            let s = fit(train.map(\.target), width: spec.targets.count)
            set.targetScaling = s
            train = train.map { Sample(input: $0.input, target: apply(s, $0.target)) }
            test = test.map { Sample(input: $0.input, target: apply(s, $0.target)) }
        }
        set.train = train
        set.test = test
        return set
    }

    /// The mean and population standard deviation of each column of `rows` (two passes).
    static func fit(_ rows: [[Double]], width: Int) -> [Scaling] {
        let n = Double(rows.count)
        return (0..<width).map { c in
            var sum = 0.0
            for r in rows { sum += r[c] }
            let mean = sum / n
            var squares = 0.0
            for r in rows { let d = r[c] - mean; squares += d * d }
            let sd = (squares / n).squareRoot()
            return Scaling(mean: mean, sd: sd > 0 ? sd : 1)
        }
    }

    static func apply(_ s: [Scaling], _ v: [Double]) -> [Double] {
        v.indices.map { (v[$0] - s[$0].mean) / s[$0].sd }
    }
}
