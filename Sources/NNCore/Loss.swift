/// A per-sample loss L(ŷ, y) and how it is reduced over a batch.
///
/// Conventions, with k outputs:
/// - `squaredError(.halfSum)`: ½ Σᵢ (ŷᵢ − yᵢ)²  (seeds 001, 002)
/// - `squaredError(.sum)`: Σᵢ (ŷᵢ − yᵢ)²  (seed 003's ‖ŷ − y‖²)
/// - `squaredError(.mean)`: (1/k) Σᵢ (ŷᵢ − yᵢ)²
/// - `squaredError(.halfMean)`: (1/2k) Σᵢ (ŷᵢ − yᵢ)²
/// - `binaryCrossEntropy(α, β, reduction)`: −[α y ln ŷ + β (1 − y) ln(1 − ŷ)] per output, natural log,
///   summed or averaged over outputs. With a sigmoid output layer it is evaluated from the logit z
///   as α y·softplus(−z) + β (1 − y)·softplus(z), so it stays finite when ŷ rounds to 0 or 1.
/// - `crossEntropy(reduction)`: −Σᵢ yᵢ ln ŷᵢ on probabilities. With a softmax output layer it is
///   evaluated from the logits as log-sum-exp(z) − Σ yᵢ zᵢ (for one-hot or any y summing to 1).
///
/// A batch loss is the mean (default) or the sum of the per-sample losses.
public struct Loss: Sendable, Hashable {
    /// The per-sample formula.
    public var kind: Kind
    /// How per-sample losses combine over a batch.
    public var batchReduction: Reduction

    /// Creates a loss.
    public init(_ kind: Kind, batchReduction: Reduction = .mean) {
        self.kind = kind
        self.batchReduction = batchReduction
    }

    /// The per-sample loss formulas.
    public enum Kind: Sendable, Hashable {
        /// Squared error with the given scaling.
        case squaredError(SquaredErrorScale)
        /// Binary cross-entropy with class weights α (for y = 1) and β (for y = 0).
        case binaryCrossEntropy(positiveWeight: Double, negativeWeight: Double, reduction: Reduction)
        /// Categorical cross-entropy −Σ y ln ŷ.
        case crossEntropy(reduction: Reduction)
    }

    /// The scalings of squared error in use across courses.
    public enum SquaredErrorScale: String, Sendable, Hashable, CaseIterable {
        /// ½ Σ (ŷ − y)².
        case halfSum = "half_sum"
        /// Σ (ŷ − y)².
        case sum
        /// (1/k) Σ (ŷ − y)².
        case mean
        /// (1/2k) Σ (ŷ − y)².
        case halfMean = "half_mean"
    }

    /// Sum or mean.
    public enum Reduction: String, Sendable, Hashable, CaseIterable {
        /// Add the terms.
        case sum
        /// Average the terms.
        case mean
    }

    /// A short formula for tables, e.g. `½Σ(ŷ−y)²`.
    public var formula: String {
        switch kind {
        case .squaredError(.halfSum): return "½Σ(ŷ−y)²"
        case .squaredError(.sum): return "Σ(ŷ−y)²"
        case .squaredError(.mean): return "(1/k)Σ(ŷ−y)²"
        case .squaredError(.halfMean): return "(1/2k)Σ(ŷ−y)²"
        case .binaryCrossEntropy(let a, let b, _):
            return a == 1 && b == 1 ? "−[y ln ŷ + (1−y) ln(1−ŷ)]"
                : "−[\(NumberFormatting.short(a))·y ln ŷ + \(NumberFormatting.short(b))·(1−y) ln(1−ŷ)]"
        case .crossEntropy: return "−Σ y ln ŷ"
        }
    }

    /// The per-sample loss. `logits` (the output layer's z) and `outputActivation` let
    /// cross-entropy losses use their stable fused forms.
    public func value(prediction yHat: [Double], target y: [Double], logits: [Double]? = nil,
                      outputActivation: Activation? = nil) throws(NetworkError) -> Double {
        guard yHat.count == y.count else {
            throw NetworkError("loss: prediction has \(yHat.count) entries but the target has \(y.count)")
        }
        let k = Double(y.count)
        switch kind {
        case .squaredError(let scale):
            var s = 0.0
            for i in y.indices { let d = yHat[i] - y[i]; s += d * d }
            switch scale {
            case .halfSum: return 0.5 * s
            case .sum: return s
            case .mean: return s / k
            case .halfMean: return 0.5 * s / k
            }
        case .binaryCrossEntropy(let alpha, let beta, let reduction):
            var s = 0.0
            for i in y.indices {
                let lnP: Double, ln1mP: Double
                if let z = logits, outputActivation == .sigmoid {
                    lnP = -Activation.softplus(-z[i])
                    ln1mP = -Activation.softplus(z[i])
                } else {
                    guard yHat[i] > 0 || y[i] == 0, yHat[i] < 1 || y[i] == 1, (0...1).contains(yHat[i]) else {
                        throw NetworkError("binary cross-entropy needs 0 < ŷ < 1, got ŷ = \(NumberFormatting.short(yHat[i]))")
                    }
                    lnP = y[i] == 0 ? 0 : Elementary.log(yHat[i])
                    ln1mP = y[i] == 1 ? 0 : Elementary.log1p(-yHat[i])
                }
                s -= alpha * y[i] * lnP + beta * (1 - y[i]) * ln1mP
            }
            return reduction == .mean ? s / k : s
        case .crossEntropy(let reduction):
            var s = 0.0
            if let z = logits, outputActivation == .softmax {
                let lse = Activation.logSumExp(z)
                for i in y.indices where y[i] != 0 { s -= y[i] * (z[i] - lse) }
            } else {
                for i in y.indices where y[i] != 0 {
                    guard yHat[i] > 0 else {
                        throw NetworkError("cross-entropy needs ŷ > 0 where y ≠ 0, got ŷ\(i + 1) = \(NumberFormatting.short(yHat[i]))")
                    }
                    s -= y[i] * Elementary.log(yHat[i])
                }
            }
            return reduction == .mean ? s / k : s
        }
    }

    /// ∂L/∂ŷ for one sample.
    public func gradient(prediction yHat: [Double], target y: [Double]) throws(NetworkError) -> [Double] {
        guard yHat.count == y.count else {
            throw NetworkError("loss: prediction has \(yHat.count) entries but the target has \(y.count)")
        }
        let k = Double(y.count)
        switch kind {
        case .squaredError(let scale):
            let factor: Double
            switch scale {
            case .halfSum: factor = 1
            case .sum: factor = 2
            case .mean: factor = 2 / k
            case .halfMean: factor = 1 / k
            }
            return y.indices.map { factor * (yHat[$0] - y[$0]) }
        case .binaryCrossEntropy(let alpha, let beta, let reduction):
            let scale = reduction == .mean ? 1 / k : 1
            return y.indices.map { i in
                let pos = y[i] == 0 ? 0 : -alpha * y[i] / yHat[i]
                let neg = y[i] == 1 ? 0 : beta * (1 - y[i]) / (1 - yHat[i])
                return scale * (pos + neg)
            }
        case .crossEntropy(let reduction):
            let scale = reduction == .mean ? 1 / k : 1
            return y.indices.map { i in y[i] == 0 ? 0 : -scale * y[i] / yHat[i] }
        }
    }

    /// ∂L/∂z at the output layer when the loss and output activation have a fused stable form
    /// (sigmoid with BCE, softmax with cross-entropy); nil otherwise.
    public func fusedOutputDelta(prediction yHat: [Double], target y: [Double], outputActivation: Activation) -> [Double]? {
        let k = Double(y.count)
        switch (kind, outputActivation) {
        case (.binaryCrossEntropy(let alpha, let beta, let reduction), .sigmoid):
            let scale = reduction == .mean ? 1 / k : 1
            return y.indices.map { i in scale * (-alpha * y[i] * (1 - yHat[i]) + beta * (1 - y[i]) * yHat[i]) }
        case (.crossEntropy(let reduction), .softmax):
            let scale = reduction == .mean ? 1 / k : 1
            let total = y.reduce(0, +)
            return y.indices.map { i in scale * (total * yHat[i] - y[i]) }
        default:
            return nil
        }
    }
}
