import NNCore

/// What a question can ask of a training experiment (the `ask` forms, split `train` unless `test.`
/// is written):
///
/// | ask | value |
/// |---|---|
/// | `final.loss`, `final.mse`, `final.accuracy`, `final.test.mse`, … | a metric after the last epoch |
/// | `curve.loss`, `curve.test.accuracy`, … | the metric after each epoch (a vector, one per epoch) |
/// | `iterations.loss` | the mini-batch loss of every step, before the step (a vector) |
/// | `sweep.final.mse`, `sweep.final.test.accuracy`, … | the final metric of every run of the sweep (a vector; a matrix for two axes, one row per value of the first) |
/// | `trained.W1`, `trained.b1` | the weights and biases after training (course layout) |
public enum ExperimentQuantity: Sendable, Hashable, CustomStringConvertible {
    /// A metric.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// The experiment's loss.
        case loss
        /// The mean squared error.
        case mse
        /// The classification accuracy.
        case accuracy
    }
    /// Which data split.
    public enum Split: String, Sendable, Hashable {
        /// The training samples.
        case train
        /// The test samples.
        case test
    }

    /// A metric after the last epoch.
    case final(Metric, Split)
    /// A metric after each epoch.
    case curve(Metric, Split)
    /// The loss of each mini-batch step.
    case iterationLoss
    /// The final metric of each run of the sweep.
    case sweepFinal(Metric, Split)
    /// The trained weights of a 1-based layer.
    case trainedWeights(Int)
    /// The trained bias of a 1-based layer.
    case trainedBias(Int)

    /// Whether a curve or sweep is asked (a vector compared point by point).
    public var isCurve: Bool {
        switch self {
        case .curve, .iterationLoss, .sweepFinal: return true
        default: return false
        }
    }

    public var description: String {
        func m(_ metric: Metric, _ split: Split) -> String { (split == .test ? "test." : "") + metric.rawValue }
        switch self {
        case .final(let metric, let split): return "final." + m(metric, split)
        case .curve(let metric, let split): return "curve." + m(metric, split)
        case .iterationLoss: return "iterations.loss"
        case .sweepFinal(let metric, let split): return "sweep.final." + m(metric, split)
        case .trainedWeights(let l): return "trained.W\(l)"
        case .trainedBias(let l): return "trained.b\(l)"
        }
    }

    /// Parses the experiment forms of `ask`; nil when `s` is not one of them.
    static func parse(_ s: String) throws(QuantityParser.ParseError) -> ExperimentQuantity? {
        func metric(_ rest: Substring, _ form: String) throws(QuantityParser.ParseError) -> (Metric, Split) {
            var r = rest
            var split = Split.train
            if r.hasPrefix("train.") { r = r.dropFirst(6) } else if r.hasPrefix("test.") { split = .test; r = r.dropFirst(5) }
            guard let m = Metric(rawValue: String(r)) else {
                throw QuantityParser.ParseError(message: "'\(s)': expected \(form).loss, \(form).mse or \(form).accuracy (optionally \(form).test.…)")
            }
            return (m, split)
        }
        if s.hasPrefix("sweep.final.") { let (m, sp) = try metric(s.dropFirst(12), "sweep.final"); return .sweepFinal(m, sp) }
        if s.hasPrefix("sweep.") { throw QuantityParser.ParseError(message: "'\(s)': a sweep is asked as sweep.final.<metric>") }
        if s.hasPrefix("final.") { let (m, sp) = try metric(s.dropFirst(6), "final"); return .final(m, sp) }
        if s.hasPrefix("curve.") { let (m, sp) = try metric(s.dropFirst(6), "curve"); return .curve(m, sp) }
        if s == "iterations.loss" { return .iterationLoss }
        if s.hasPrefix("trained.") {
            let rest = String(s.dropFirst(8))
            if let l = QuantityParser.layerNumber(rest, prefix: "W") { return .trainedWeights(l) }
            if let l = QuantityParser.layerNumber(rest, prefix: "b") { return .trainedBias(l) }
            throw QuantityParser.ParseError(message: "'\(s)': after training, W<layer> and b<layer> can be asked")
        }
        return nil
    }
}
