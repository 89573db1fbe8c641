/// How a training experiment's samples are taken from CSV tables.
public struct DataSetSpec: Sendable, Hashable {
    /// Which columns are the network's inputs.
    public enum Features: Sendable, Hashable {
        /// Every column that is not a target and not excluded, in file order.
        case all(excluding: [String])
        /// These columns, in this order.
        case named([String])
    }

    /// A seeded train/test split of one table.
    public struct Split: Sendable, Hashable {
        /// The fraction of rows held out for testing, 0 < f < 1.
        public var testFraction: Double
        /// The seed of the `SplitMix64` permutation.
        public var seed: UInt64
        /// Creates a split.
        public init(testFraction: Double, seed: UInt64) {
            self.testFraction = testFraction
            self.seed = seed
        }
    }

    /// The target columns (one for regression or binary labels, several for one-hot classes).
    public var targets: [String]
    /// The input columns.
    public var features: Features
    /// Whether features are standardised (fitted on the training rows).
    public var standardizeFeatures: Bool
    /// Whether targets are standardised (fitted on the training rows).
    public var standardizeTarget: Bool
    /// A split of the training table, if any.
    public var split: Split?

    /// Creates a specification.
    public init(targets: [String], features: Features = .all(excluding: []), standardizeFeatures: Bool = false,
                standardizeTarget: Bool = false, split: Split? = nil) {
        self.targets = targets
        self.features = features
        self.standardizeFeatures = standardizeFeatures
        self.standardizeTarget = standardizeTarget
        self.split = split
    }
}
