import NNCore
import NNData

/// A training experiment: epochs of mini-batch SGD from a given or seeded initialisation,
/// optionally swept over settings. The data, network, loss and learning rate are the scenario's.
public struct ExperimentSpec: Sendable, Hashable {
    /// Where the initial weights come from.
    public enum Initialisation: Sendable, Hashable {
        /// The weights written in the problem file.
        case given
        /// Drawn with a scheme from `SplitMix64(seed:)`.
        case seeded(InitialisationScheme, seed: UInt64)
    }

    /// Passes over the training split.
    public var epochs: Int
    /// Samples per step (nil: the whole training split).
    public var batchSize: Int?
    /// The shuffling seed (nil: the data's order every epoch).
    public var shuffleSeed: UInt64?
    /// The initial weights.
    public var initialisation: Initialisation
    /// The sweep's axes, outermost first (empty: no sweep).
    public var sweep: [SweepAxis]

    /// Creates an experiment.
    public init(epochs: Int, batchSize: Int? = nil, shuffleSeed: UInt64? = nil, initialisation: Initialisation = .given,
                sweep: [SweepAxis] = []) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffleSeed = shuffleSeed
        self.initialisation = initialisation
        self.sweep = sweep
    }

    /// Whether results depend on a random initialisation the student cannot reproduce.
    public var isSeeded: Bool {
        if case .seeded = initialisation { return true }
        return false
    }

    /// The settings of every run of the sweep, the first axis varying slowest (one empty setting
    /// without a sweep).
    public var sweepSettings: [ExperimentSetting] {
        var settings = [ExperimentSetting()]
        for axis in sweep {
            settings = settings.flatMap { s in (0..<axis.count).map { s.merged(axis.setting(at: $0)) } }
        }
        return settings
    }
}

/// One axis of a sweep: the values one setting takes.
public enum SweepAxis: Sendable, Hashable {
    /// Learning rates η.
    case learningRate([Double])
    /// Units of the first (hidden) layer; needs a seeded initialisation.
    case hiddenUnits([Int])
    /// The activation of every hidden layer (all but the output layer).
    case activation([Activation])
    /// Numbers of epochs.
    case epochs([Int])
    /// Batch sizes.
    case batchSize([Int])

    /// The number of values.
    public var count: Int {
        switch self {
        case .learningRate(let v): return v.count
        case .hiddenUnits(let v): return v.count
        case .activation(let v): return v.count
        case .epochs(let v): return v.count
        case .batchSize(let v): return v.count
        }
    }

    /// The setting of value `i`.
    public func setting(at i: Int) -> ExperimentSetting {
        var s = ExperimentSetting()
        switch self {
        case .learningRate(let v): s.learningRate = v[i]
        case .hiddenUnits(let v): s.hiddenUnits = v[i]
        case .activation(let v): s.hiddenActivation = v[i]
        case .epochs(let v): s.epochs = v[i]
        case .batchSize(let v): s.batchSize = v[i]
        }
        return s
    }
}

/// Settings that one run of an experiment changes (a sweep value, or a question's `given`).
public struct ExperimentSetting: Sendable, Hashable {
    /// The learning rate.
    public var learningRate: Double?
    /// Units of the first layer.
    public var hiddenUnits: Int?
    /// The activation of every hidden layer.
    public var hiddenActivation: Activation?
    /// Epochs.
    public var epochs: Int?
    /// Batch size.
    public var batchSize: Int?

    /// No change.
    public init() {}

    /// These settings, with every setting `other` makes replacing this one's.
    public func merged(_ other: ExperimentSetting) -> ExperimentSetting {
        var s = self
        if let v = other.learningRate { s.learningRate = v }
        if let v = other.hiddenUnits { s.hiddenUnits = v }
        if let v = other.hiddenActivation { s.hiddenActivation = v }
        if let v = other.epochs { s.epochs = v }
        if let v = other.batchSize { s.batchSize = v }
        return s
    }

    /// Whether nothing is changed.
    public var isEmpty: Bool { self == ExperimentSetting() }
}

/// How an experiment result that depends on a random initialisation is graded: nncheck trains
/// the experiment `runs` times (seed offsets 0 … runs − 1) and accepts what falls in the
/// reference runs' range widened by `margin` (see `SeedBand`).
public struct SeedBandSpec: Sendable, Hashable {
    /// The default number of reference runs.
    public static let defaultRuns = 20
    /// The default margin: 10 % of the band's width on each side.
    public static let defaultMargin = 0.1

    /// Reference runs, 2 … 200.
    public var runs: Int
    /// The widening on each side, as a fraction of the band's width.
    public var margin: Double

    /// Creates a specification.
    public init(runs: Int = SeedBandSpec.defaultRuns, margin: Double = SeedBandSpec.defaultMargin) {
        self.runs = runs
        self.margin = margin
    }
}
