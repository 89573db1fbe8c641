/// Conventions applied when evaluating and differentiating expressions.
public struct EvaluationOptions: Sendable, Hashable {
    /// The value used for relu'(0) (and to blend leaky_relu'(0) between its slopes).
    public var reluDerivativeAtZero: Double = 0

    /// Creates options.
    public init(reluDerivativeAtZero: Double = 0) {
        self.reluDerivativeAtZero = reluDerivativeAtZero
    }
}
