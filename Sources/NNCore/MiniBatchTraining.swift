/// Epochs, mini-batches and shuffling for a training experiment.
///
/// Each epoch visits every training sample once. With a shuffle seed, the order of an epoch is a
/// fresh `SplitMix64.permutation(count:)` of 0..<n drawn from one generator seeded once for the
/// whole run (epoch 1 takes the first permutation, epoch 2 the next, …); without one, every epoch
/// uses the data's order. The order is cut into consecutive batches of `batchSize`; the last batch
/// of an epoch is smaller when `batchSize` does not divide n (PyTorch's `drop_last=False`).
/// `batchSize` nil means the whole training split in one batch.
public struct MiniBatchSchedule: Sendable, Hashable {
    /// Passes over the training split.
    public var epochs: Int
    /// Samples per step; nil for full-batch steps.
    public var batchSize: Int?
    /// The seed of the shuffling generator; nil to keep the data's order.
    public var shuffleSeed: UInt64?

    /// Creates a schedule.
    public init(epochs: Int, batchSize: Int? = nil, shuffleSeed: UInt64? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffleSeed = shuffleSeed
    }

    /// Steps per epoch for `count` training samples.
    public func stepsPerEpoch(count: Int) -> Int {
        guard count > 0 else { return 0 }
        let b = min(max(batchSize ?? count, 1), count)
        return (count + b - 1) / b
    }
}

/// What a training experiment records: one entry per epoch (metrics after the epoch, on the whole
/// split), and, when asked, the mini-batch loss of every step (before the step). Weights are not
/// kept per epoch, so memory is bounded by the model and the data, not by the epochs.
public struct TrainingCurves: Sendable, Hashable {
    /// Training-split metrics after each epoch.
    public var train: [SplitMetrics] = []
    /// Test-split metrics after each epoch (empty without test samples).
    public var test: [SplitMetrics] = []
    /// The loss of each step's mini-batch, before the step (empty unless recorded).
    public var iterationLosses: [Double] = []

    /// Empty curves.
    public init() {}
}

/// The result of a training experiment.
public struct ExperimentRun: Sendable, Hashable {
    /// The network before training.
    public var initial: Network
    /// The network after the last epoch.
    public var trained: Network
    /// The recorded metrics.
    public var curves: TrainingCurves
}

/// Mini-batch SGD over epochs, with metrics per epoch.
///
/// Every step is the `SGD` update with the gradient of the mini-batch's loss (the mean or sum of
/// the per-sample losses, as the loss says), computed with the weights from before the step. The
/// gradients equal `Network.evaluate` on the same batch bit for bit; the batch is evaluated in
/// flat buffers so that a step allocates a few arrays per layer, not per sample.
public struct MiniBatchTrainer: Sendable, Hashable {
    /// Learning rate and momentum (the schedule field of `SGD` is not used).
    public var optimiser: SGD
    /// The loss.
    public var loss: Loss
    /// Epochs, batches and shuffling.
    public var schedule: MiniBatchSchedule
    /// Derivative conventions at kinks.
    public var options: DifferentiationOptions
    /// Whether to keep the loss of every step.
    public var recordIterations: Bool

    /// Creates a trainer.
    public init(optimiser: SGD, loss: Loss, schedule: MiniBatchSchedule, options: DifferentiationOptions = .init(),
                recordIterations: Bool = false) {
        self.optimiser = optimiser
        self.loss = loss
        self.schedule = schedule
        self.options = options
        self.recordIterations = recordIterations
    }

    /// Trains `network` on `train` and records the metrics on `train` and `test` after each epoch.
    public func run(_ network: Network, train: [Sample], test: [Sample] = []) throws(NetworkError) -> ExperimentRun {
        guard schedule.epochs >= 0 else { throw NetworkError("the number of epochs must not be negative") }
        guard !train.isEmpty else { throw NetworkError("training needs at least one sample") }
        try Self.checkShapes(network, train + test)
        var net = network
        var workspace = BatchWorkspace(network: network)
        var velocity = network.layers.map { layer in
            (w: [Double](repeating: 0, count: layer.weights.elements.count),
             b: [Double](repeating: 0, count: layer.bias?.count ?? 0))
        }
        var curves = TrainingCurves()
        curves.train.reserveCapacity(schedule.epochs)
        if !test.isEmpty { curves.test.reserveCapacity(schedule.epochs) }
        if recordIterations { curves.iterationLosses.reserveCapacity(schedule.epochs * schedule.stepsPerEpoch(count: train.count)) }
        var generator = schedule.shuffleSeed.map { SplitMix64(seed: $0) }
        let batchSize = min(max(schedule.batchSize ?? train.count, 1), train.count)
        var order = Array(0..<train.count)
        for _ in 0..<schedule.epochs {
            if generator != nil {
                for i in order.indices { order[i] = i }
                generator?.permute(&order)
            }
            var start = 0
            while start < order.count {
                let end = min(start + batchSize, order.count)
                let batchLoss = try workspace.step(&net, samples: train, indices: order[start..<end], trainer: self,
                                                   velocity: &velocity)
                if recordIterations { curves.iterationLosses.append(batchLoss) }
                start = end
            }
            curves.train.append(try workspace.metrics(net, on: train, loss: loss, options: options))
            if !test.isEmpty { curves.test.append(try workspace.metrics(net, on: test, loss: loss, options: options)) }
        }
        return ExperimentRun(initial: network, trained: net, curves: curves)
    }

    /// The metrics of `network` on `samples` without training.
    public static func metrics(_ network: Network, on samples: [Sample], loss: Loss,
                               options: DifferentiationOptions = .init()) throws(NetworkError) -> SplitMetrics {
        guard !samples.isEmpty else { throw NetworkError("metrics need at least one sample") }
        try checkShapes(network, samples)
        var workspace = BatchWorkspace(network: network)
        return try workspace.metrics(network, on: samples, loss: loss, options: options)
    }

    static func checkShapes(_ network: Network, _ samples: [Sample]) throws(NetworkError) {
        for (i, s) in samples.enumerated() {
            guard s.input.count == network.inputSize else {
                throw NetworkError("sample \(i + 1) has \(s.input.count) inputs but the network takes \(network.inputSize)")
            }
            guard s.target.count == network.outputSize else {
                throw NetworkError("sample \(i + 1) has \(s.target.count) targets but the network has \(network.outputSize) outputs")
            }
        }
    }
}

/// Flat per-layer buffers for a batch: row b of layer l's z is `z[l][b·units ..< (b+1)·units]`.
///
/// The arithmetic is written in the same order as `Network.forward`, `Network.backward` and
/// `BackwardPass.combine`, so that a mini-batch gradient equals `Network.evaluate`'s exactly.
struct BatchWorkspace {
    private var input: [Double] = []
    private var z: [[Double]]
    private var a: [[Double]]
    private var gradW: [[Double]]
    private var gradB: [[Double]]

    init(network: Network) {
        z = Array(repeating: [], count: network.layers.count)
        a = z
        gradW = network.layers.map { [Double](repeating: 0, count: $0.weights.elements.count) }
        gradB = network.layers.map { [Double](repeating: 0, count: $0.outputSize) }
    }

    /// The forward pass of the samples at `indices`; fills `z` and `a`.
    mutating func forward(_ net: Network, samples: [Sample], indices: ArraySlice<Int>,
                          options: DifferentiationOptions) throws(NetworkError) {
        let rows = indices.count
        input.removeAll(keepingCapacity: true)
        for i in indices { input.append(contentsOf: samples[i].input) }
        for (l, layer) in net.layers.enumerated() {
            let units = layer.outputSize, fanIn = layer.inputSize
            var zl = [Double](repeating: 0, count: rows * units)
            let previous = l == 0 ? input : a[l - 1]
            layer.weights.elements.withUnsafeBufferPointer { w in
                previous.withUnsafeBufferPointer { p in
                    zl.withUnsafeMutableBufferPointer { out in
                        for b in 0..<rows {
                            let pBase = b * fanIn
                            for j in 0..<units {
                                var s = 0.0
                                let wBase = j * fanIn
                                for c in 0..<fanIn { s += w[wBase + c] * p[pBase + c] }
                                out[b * units + j] = s
                            }
                        }
                    }
                }
            }
            if let bias = layer.bias {
                for b in 0..<rows { for j in 0..<units { zl[b * units + j] += bias[j] } }
            }
            a[l] = try Self.activate(layer.activation, zl, rows: rows, units: units, options: options)
            z[l] = zl
        }
    }

    static func activate(_ f: Activation, _ zl: [Double], rows: Int, units: Int,
                         options: DifferentiationOptions) throws(NetworkError) -> [Double] {
        if f.isElementwise { return try f.apply(zl, options: options) }
        var out: [Double] = []
        out.reserveCapacity(zl.count)
        for b in 0..<rows { out.append(contentsOf: try f.apply(Array(zl[(b * units)..<((b + 1) * units)]), options: options)) }
        return out
    }

    /// One SGD step on the batch at `indices`; returns the batch loss before the step.
    mutating func step(_ net: inout Network, samples: [Sample], indices: ArraySlice<Int>, trainer: MiniBatchTrainer,
                       velocity: inout [(w: [Double], b: [Double])]) throws(NetworkError) -> Double {
        let options = trainer.options, loss = trainer.loss
        try forward(net, samples: samples, indices: indices, options: options)
        let rows = indices.count
        let last = net.layers.count - 1
        let outputLayer = net.layers[last]
        let units = outputLayer.outputSize
        // δ at the output, sample by sample, as Network.backward computes it.
        var delta = [Double](repeating: 0, count: rows * units)
        var lossSum = 0.0
        for (b, i) in indices.enumerated() {
            let range = (b * units)..<((b + 1) * units)
            let yHat = Array(a[last][range]), target = samples[i].target
            if trainer.recordIterations {
                lossSum += try loss.value(prediction: yHat, target: target, logits: Array(z[last][range]),
                                          outputActivation: outputLayer.activation)
            }
            let d: [Double]
            if let fused = loss.fusedOutputDelta(prediction: yHat, target: target, outputActivation: outputLayer.activation) {
                d = fused
            } else {
                let upstream = try loss.gradient(prediction: yHat, target: target)
                d = try outputLayer.activation.backward(z: Array(z[last][range]), a: yHat, upstream: upstream, options: options)
            }
            delta.replaceSubrange(range, with: d)
        }
        let scale = loss.batchReduction == .mean ? 1 / Double(rows) : 1
        for l in stride(from: last, through: 0, by: -1) {
            let layer = net.layers[l]
            let unitsL = layer.outputSize, fanIn = layer.inputSize
            let previous = l == 0 ? input : a[l - 1]
            // ∂L/∂W = Σ_b δ_b a_prev,bᵀ and ∂L/∂b = Σ_b δ_b, then scaled, as BackwardPass.combine does.
            for k in gradW[l].indices { gradW[l][k] = 0 }
            for k in gradB[l].indices { gradB[l][k] = 0 }
            delta.withUnsafeBufferPointer { d in
                previous.withUnsafeBufferPointer { p in
                    gradW[l].withUnsafeMutableBufferPointer { g in
                        for b in 0..<rows {
                            for j in 0..<unitsL {
                                let dj = d[b * unitsL + j]
                                let gBase = j * fanIn, pBase = b * fanIn
                                for c in 0..<fanIn { g[gBase + c] += dj * p[pBase + c] }
                            }
                        }
                    }
                }
                for b in 0..<rows { for j in 0..<unitsL { gradB[l][j] += d[b * unitsL + j] } }
            }
            if scale != 1 {
                for k in gradW[l].indices { gradW[l][k] = scale * gradW[l][k] }
                for k in gradB[l].indices { gradB[l][k] = gradB[l][k] * scale }
            }
            if l > 0 {
                // ∂L/∂a_prev = Wᵀ δ per sample (Matrix.transposeMultiply's order), then through f'.
                var upstream = [Double](repeating: 0, count: rows * fanIn)
                layer.weights.elements.withUnsafeBufferPointer { w in
                    delta.withUnsafeBufferPointer { d in
                        upstream.withUnsafeMutableBufferPointer { u in
                            for b in 0..<rows {
                                for r in 0..<unitsL {
                                    let vr = d[b * unitsL + r]
                                    if vr == 0 { continue }
                                    let base = r * fanIn
                                    for c in 0..<fanIn { u[b * fanIn + c] += w[base + c] * vr }
                                }
                            }
                        }
                    }
                }
                let f = net.layers[l - 1].activation
                if f.isElementwise {
                    delta = try f.backward(z: z[l - 1], a: a[l - 1], upstream: upstream, options: options)
                } else {
                    var next: [Double] = []
                    next.reserveCapacity(upstream.count)
                    for b in 0..<rows {
                        let r = (b * fanIn)..<((b + 1) * fanIn)
                        next.append(contentsOf: try f.backward(z: Array(z[l - 1][r]), a: Array(a[l - 1][r]),
                                                               upstream: Array(upstream[r]), options: options))
                    }
                    delta = next
                }
            }
        }
        // Simultaneous update: every gradient above used the weights from before the step.
        for l in net.layers.indices {
            trainer.optimiser.update(&net.layers[l].weights.elements, gradient: gradW[l], velocity: &velocity[l].w)
            if var bias = net.layers[l].bias {
                trainer.optimiser.update(&bias, gradient: gradB[l], velocity: &velocity[l].b)
                net.layers[l].bias = bias
            }
        }
        return trainer.recordIterations ? lossSum * scale : .nan
    }

    /// The metrics of `net` on all of `samples`, evaluated in chunks of 256.
    mutating func metrics(_ net: Network, on samples: [Sample], loss: Loss,
                          options: DifferentiationOptions) throws(NetworkError) -> SplitMetrics {
        var acc = SplitMetricsAccumulator()
        let last = net.layers.count - 1
        let units = net.outputSize
        let f = net.layers[last].activation
        var start = 0
        let all = Array(0..<samples.count)
        while start < samples.count {
            let end = min(start + 256, samples.count)
            try forward(net, samples: samples, indices: all[start..<end], options: options)
            for b in 0..<(end - start) {
                let range = (b * units)..<((b + 1) * units)
                let target = samples[start + b].target
                let l = try loss.value(prediction: Array(a[last][range]), target: target,
                                       logits: Array(z[last][range]), outputActivation: f)
                acc.add(prediction: a[last][range], target: target, loss: l)
            }
            start = end
        }
        return acc.metrics(meanLoss: loss.batchReduction == .mean)
    }
}
