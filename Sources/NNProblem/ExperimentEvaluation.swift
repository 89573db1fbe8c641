import NNCore
import NNData

/// The training runs a `ScenarioEvaluator` keeps for experiment questions (curves and final
/// networks only; no weight histories).
struct ExperimentCache: Sendable {
    var run: ExperimentRun?
    var recordedRun: ExperimentRun?
    var sweep: [ExperimentRun]?
}

extension ScenarioEvaluator {
    /// Trains the scenario's experiment once with `extra` settings on top of the scenario's own.
    ///
    /// `seedOffset` k shifts both the initialisation seed and the shuffling seed by k, as if another
    /// student had run the same experiment (the seed band's reference runs use k = 0 … K − 1).
    public func runExperiment(_ extra: ExperimentSetting = ExperimentSetting(), record: Bool = false) throws(SolveError) -> ExperimentRun {
        let s = scenario
        guard let experiment = s.experiment else {
            throw SolveError("this scenario defines no training experiment (training.epochs)")
        }
        guard let spec = s.network else { throw SolveError("this scenario has no network") }
        guard let loss = s.loss else { throw SolveError("this scenario defines no loss") }
        guard let sgd = s.training else { throw SolveError("this scenario defines no learning rate") }
        let setting = s.experimentSetting.merged(extra)
        var net = spec.network
        if let h = setting.hiddenUnits {
            guard experiment.isSeeded, net.layers.count >= 2 else {
                throw SolveError("changing the hidden units needs a network of at least two layers with a seeded initialisation (training.init)")
            }
            var layers = net.layers
            let first = layers[0], second = layers[1]
            layers[0] = DenseLayer(weights: Matrix(rows: h, columns: first.inputSize), bias: first.bias.map { _ in [Double](repeating: 0, count: h) },
                                   activation: first.activation)
            layers[1] = DenseLayer(weights: Matrix(rows: second.outputSize, columns: h), bias: second.bias, activation: second.activation)
            do { net = try Network(layers: layers) } catch { throw SolveError(error.message) }
        }
        if let f = setting.hiddenActivation {
            for l in 0..<(net.layers.count - 1) { net.layers[l].activation = f }
        }
        if case .seeded(let scheme, let seed) = experiment.initialisation {
            net = scheme.initialise(net, seed: seed &+ seedOffset)
        }
        let schedule = MiniBatchSchedule(epochs: setting.epochs ?? experiment.epochs,
                                         batchSize: setting.batchSize ?? experiment.batchSize,
                                         shuffleSeed: experiment.shuffleSeed.map { $0 &+ seedOffset })
        let trainer = MiniBatchTrainer(optimiser: SGD(learningRate: setting.learningRate ?? sgd.learningRate, momentum: sgd.momentum),
                                       loss: loss, schedule: schedule, options: s.options, recordIterations: record)
        do {
            return try trainer.run(net, train: s.dataSet?.train ?? s.samples, test: s.dataSet?.test ?? [])
        } catch {
            throw SolveError(error.message)
        }
    }

    /// The value of an experiment quantity.
    mutating func experimentValue(_ q: ExperimentQuantity) throws(SolveError) -> Tensor {
        switch q {
        case .sweepFinal(let metric, let split):
            guard let experiment = scenario.experiment, !experiment.sweep.isEmpty else {
                throw SolveError("this scenario has no sweep")
            }
            let runs: [ExperimentRun]
            if let cached = experimentCache.sweep {
                runs = cached
            } else {
                var made: [ExperimentRun] = []
                for setting in experiment.sweepSettings { made.append(try runExperiment(setting)) }
                experimentCache.sweep = made
                runs = made
            }
            var values: [Double] = []
            for run in runs { values.append(try Self.metric(metric, try finalMetrics(run, split))) }
            if experiment.sweep.count == 2 {
                return Tensor(shape: [experiment.sweep[0].count, experiment.sweep[1].count], scalars: values)
            }
            return Tensor(vector: values)
        case .iterationLoss:
            let run: ExperimentRun
            if let cached = experimentCache.recordedRun { run = cached } else { run = try runExperiment(record: true) }
            experimentCache.recordedRun = run
            return Tensor(vector: run.curves.iterationLosses)
        case .final(let metric, let split):
            return Tensor(try Self.metric(metric, try finalMetrics(try cachedRun(), split)))
        case .curve(let metric, let split):
            let run = try cachedRun()
            let curve = split == .train ? run.curves.train : run.curves.test
            if split == .test, scenario.dataSet?.test.isEmpty ?? true { throw SolveError("this experiment has no test split") }
            var values: [Double] = []
            for m in curve { values.append(try Self.metric(metric, m)) }
            return Tensor(vector: values)
        case .trainedWeights(let l), .trainedBias(let l):
            let run = try cachedRun()
            guard let spec = scenario.network, l >= 1, l <= run.trained.layers.count else {
                throw SolveError("layer \(l) does not exist")
            }
            let layer = run.trained.layers[l - 1]
            if case .trainedBias = q {
                guard let b = layer.bias else { throw SolveError("layer \(l) has no bias") }
                return Tensor(vector: b)
            }
            return Tensor(spec.courseWeights(layer: l - 1, weights: layer.weights, bias: layer.bias))
        }
    }

    mutating func cachedRun() throws(SolveError) -> ExperimentRun {
        if let run = experimentCache.run { return run }
        let run = try runExperiment()
        experimentCache.run = run
        return run
    }

    /// The metrics after the last epoch (before training when there are no epochs).
    func finalMetrics(_ run: ExperimentRun, _ split: ExperimentQuantity.Split) throws(SolveError) -> SplitMetrics {
        let samples = split == .train ? (scenario.dataSet?.train ?? scenario.samples) : (scenario.dataSet?.test ?? [])
        guard !samples.isEmpty else { throw SolveError("this experiment has no \(split == .test ? "test split" : "training data")") }
        if let last = (split == .train ? run.curves.train : run.curves.test).last { return last }
        guard let loss = scenario.loss else { throw SolveError("this scenario defines no loss") }
        do { return try MiniBatchTrainer.metrics(run.trained, on: samples, loss: loss, options: scenario.options) } catch {
            throw SolveError(error.message)
        }
    }

    static func metric(_ m: ExperimentQuantity.Metric, _ values: SplitMetrics) throws(SolveError) -> Double {
        switch m {
        case .loss: return values.loss
        case .mse: return values.mse
        case .accuracy:
            guard let a = values.accuracy else {
                throw SolveError("accuracy needs targets that are class labels (0 or 1 for one output, one-hot for several)")
            }
            return a
        }
    }
}
