/// Stochastic gradient descent with simultaneous updates.
///
/// Each step computes every gradient with the weights as they were before the step (seed 001's
/// convention), then updates all parameters at once: θ ← θ − η ∇θ L. With momentum μ > 0 the
/// update is v ← μ v − η ∇θ L, θ ← θ + v, with v starting at 0 (PyTorch-style velocity up to sign).
public struct SGD: Sendable, Hashable {
    /// How samples are consumed per step.
    public enum Schedule: String, Sendable, Hashable, CaseIterable {
        /// One step per pass over the whole batch (full-batch gradient descent).
        case batch
        /// One step per sample, in order (online SGD); k steps cycle through the samples.
        case perSample = "per_sample"
    }

    /// The learning rate η.
    public var learningRate: Double
    /// The momentum μ (0 for plain SGD).
    public var momentum: Double
    /// Whether a step uses the whole batch or one sample.
    public var schedule: Schedule

    /// Creates an optimiser.
    public init(learningRate: Double, momentum: Double = 0, schedule: Schedule = .batch) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.schedule = schedule
    }

    /// The state after each step of a training run.
    public struct Step: Sendable, Hashable {
        /// The network after the step.
        public var network: Network
        /// The loss evaluated before the step, on the data the step used.
        public var lossBefore: Double
    }

    /// Runs `steps` updates and returns the network after each one.
    public func train(_ network: Network, on samples: [Sample], loss: Loss, steps: Int,
                      options: DifferentiationOptions = .init()) throws(NetworkError) -> [Step] {
        guard steps >= 0 else { throw NetworkError("the number of steps must not be negative") }
        guard !samples.isEmpty else { throw NetworkError("training needs at least one sample") }
        var current = network
        var velocity: [(dW: Matrix, dB: [Double])] = network.layers.map {
            (Matrix(rows: $0.weights.rows, columns: $0.weights.columns), [Double](repeating: 0, count: $0.outputSize))
        }
        var history: [Step] = []
        for step in 0..<steps {
            let batch = schedule == .batch ? samples : [samples[step % samples.count]]
            let eval = try current.evaluate(batch, loss: loss, options: options)
            var next = current
            for l in next.layers.indices {
                let g = eval.gradients.layers[l]
                update(&next.layers[l].weights.elements, gradient: g.dW.elements, velocity: &velocity[l].dW.elements)
                if var bias = next.layers[l].bias {
                    update(&bias, gradient: g.dB, velocity: &velocity[l].dB)
                    next.layers[l].bias = bias
                }
            }
            history.append(Step(network: next, lossBefore: eval.loss))
            current = next
        }
        return history
    }

    /// The one update formula: v ← μ v − η g, θ ← θ + v, entry by entry (with μ = 0 this is
    /// θ + (−η g), which equals θ − η g exactly). Precondition: equal lengths.
    public func update(_ parameters: inout [Double], gradient: [Double], velocity: inout [Double]) {
        precondition(parameters.count == gradient.count && gradient.count == velocity.count, "SGD update shape mismatch")
        let mu = momentum, eta = learningRate
        for i in parameters.indices {
            velocity[i] = mu * velocity[i] - eta * gradient[i]
            parameters[i] += velocity[i]
        }
    }
}
