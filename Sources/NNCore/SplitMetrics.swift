/// The metrics of a network on one data split (the training or the test samples).
///
/// - `loss`: the experiment's loss, per-sample values combined by the loss's batch reduction
///   (the mean over the split for the default `batch: mean`).
/// - `mse`: the mean over samples and outputs of (ŷ − y)², whatever the loss.
/// - `accuracy`: the fraction of samples classified right, or nil when the targets are not class
///   labels. One output: the class is 1 when ŷ ≥ 0.5 (a sigmoid output's threshold), else 0, and
///   every target must be 0 or 1. Several outputs: the class is the index of the largest ŷ (the
///   first one on a tie), compared with the index of the largest y.
public struct SplitMetrics: Sendable, Hashable {
    /// The loss over the split.
    public var loss: Double
    /// The mean squared error over the split.
    public var mse: Double
    /// The classification accuracy, or nil for targets that are not labels.
    public var accuracy: Double?

    /// Creates metrics.
    public init(loss: Double, mse: Double, accuracy: Double?) {
        self.loss = loss
        self.mse = mse
        self.accuracy = accuracy
    }
}

/// Accumulates `SplitMetrics` one sample at a time, so that no per-sample values are kept.
struct SplitMetricsAccumulator {
    private var lossSum = 0.0
    private var squaredErrorSum = 0.0
    private var entries = 0
    private var samples = 0
    private var correct = 0
    private var labelled = true

    /// Adds one sample's prediction, target and loss.
    mutating func add(prediction yHat: ArraySlice<Double>, target y: [Double], loss: Double) {
        lossSum += loss
        samples += 1
        for (p, t) in zip(yHat, y) { let d = p - t; squaredErrorSum += d * d }
        entries += y.count
        guard labelled else { return }
        if y.count == 1 {
            guard y[0] == 0 || y[0] == 1 else { labelled = false; return }
            let predicted: Double = (yHat.first ?? 0) >= 0.5 ? 1 : 0
            if predicted == y[0] { correct += 1 }
        } else if Self.argmax(yHat) == Self.argmax(y[...]) {
            correct += 1
        }
    }

    /// The metrics; `meanLoss` says whether the loss is averaged (batch reduction mean) or summed.
    func metrics(meanLoss: Bool) -> SplitMetrics {
        let n = Double(max(samples, 1))
        return SplitMetrics(loss: meanLoss ? lossSum * (1 / n) : lossSum,  // as Network.evaluate reduces
                            mse: squaredErrorSum / Double(max(entries, 1)),
                            accuracy: labelled && samples > 0 ? Double(correct) / n : nil)
    }

    /// The index of the first largest entry.
    static func argmax(_ v: ArraySlice<Double>) -> Int {
        var best = v.startIndex
        for i in v.indices where v[i] > v[best] { best = i }
        return best - v.startIndex
    }
}
