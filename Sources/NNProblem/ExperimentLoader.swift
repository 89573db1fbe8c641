import NNCore
import NNData
import NNYAML

/// Where the problem file being read is, so that data files can be found next to it.
public struct ProblemFileLocation: Sendable, Hashable {
    /// The path to open files relative to.
    public var path: String
    /// The name messages show.
    public var displayName: String

    /// Creates a location.
    public init(path: String, displayName: String) {
        self.path = path
        self.displayName = displayName
    }
}

/// Reads the experiment parts of a problem file: CSV data sets, the training experiment keys of
/// `training` (epochs, batch_size, shuffle, init) and `sweep`.
enum ExperimentLoader {
    static let dataKeys = ["csv", "target", "features", "exclude", "standardize", "split", "test_csv"]
    static let experimentTrainingKeys = ["epochs", "batch_size", "shuffle", "init"]
    static let sweepKeys = ["learning_rate", "hidden_units", "activation", "epochs", "batch_size"]
    /// The most a key may cost to compute for an experiment, in weight × sample × epoch units
    /// summed over every run (about half a minute of training on a laptop core).
    static let maximumExperimentWork = 20_000_000_000

    /// Whether `data` names a CSV file.
    static func isCSV(_ node: YAMLNode) -> Bool { node["csv"] != nil }

    /// Reads `data: {csv: …}` into a data set.
    static func dataSet(_ node: YAMLNode, file: ProblemFileLocation?) throws(InputError) -> DataSet {
        let pairs = try node.mapping("data")
        try YAMLValues.checkKeys(pairs, allowed: dataKeys, in: "data")
        guard let file else { throw InputError(at: node.location, "data.csv needs the problem to be read from a file") }
        func table(_ n: YAMLNode, _ what: String) throws(InputError) -> NumericTable {
            let written = try YAMLValues.string(n, what)
            let p = try DataPath.resolve(written, problemFile: file.path, displayFile: file.displayName, at: n.location)
            return try CSVTableReader.read(path: p.path, displayName: p.displayName)
        }
        guard let csv = node["csv"] else { throw InputError(at: node.location, "data needs csv") }
        guard let targetNode = node["target"] else { throw InputError(at: node.location, "data.csv needs a target column (target: NAME or a list)") }
        let targets = try names(targetNode, "data.target")
        var features = DataSetSpec.Features.all(excluding: try node["exclude"].map { n throws(InputError) in try names(n, "data.exclude") } ?? [])
        if let f = node["features"] {
            if case .scalar(let s) = f, s.text.trimmingWhitespace() == "all" {
                // the default
            } else {
                features = .named(try names(f, "data.features"))
            }
        }
        var spec = DataSetSpec(targets: targets, features: features)
        if let s = node["standardize"] {
            switch try YAMLValues.string(s, "data.standardize").trimmingWhitespace() {
            case "none": break
            case "features": spec.standardizeFeatures = true
            case "target": spec.standardizeTarget = true
            case "both": spec.standardizeFeatures = true; spec.standardizeTarget = true
            default: throw InputError(at: s.location, "data.standardize must be none, features, target or both")
            }
        }
        if let s = node["split"] {
            try YAMLValues.checkKeys(try s.mapping("data.split"), allowed: ["test", "seed"], in: "data.split")
            guard let t = s["test"] else { throw InputError(at: s.location, "data.split needs test (the fraction held out, e.g. 0.2)") }
            let fraction = try YAMLValues.number(t, "data.split.test")
            guard fraction > 0, fraction < 1 else { throw InputError(at: t.location, "data.split.test must be between 0 and 1") }
            let seed = try s["seed"].map { n throws(InputError) in try seedValue(n, "data.split.seed") } ?? 0
            spec.split = .init(testFraction: fraction, seed: seed)
        }
        var testTable: NumericTable?
        if let t = node["test_csv"] {
            guard spec.split == nil else { throw InputError(at: t.location, "data has both split and test_csv; use one") }
            testTable = try table(t, "data.test_csv")
        }
        return try DataSet.make(spec, table: try table(csv, "data.csv"), testTable: testTable, at: node.location)
    }

    static func names(_ node: YAMLNode, _ what: String) throws(InputError) -> [String] {
        if case .sequence(let items, _) = node {
            var out: [String] = []
            for item in items { out.append(try YAMLValues.string(item, what).trimmingWhitespace()) }
            guard !out.isEmpty else { throw InputError(at: node.location, "\(what) is empty") }
            return out
        }
        return [try YAMLValues.string(node, what).trimmingWhitespace()]
    }

    static func seedValue(_ node: YAMLNode, _ what: String) throws(InputError) -> UInt64 {
        UInt64(try YAMLValues.integer(node, what, range: 0...Int.max))
    }

    /// The experiment settings of `training`, or nil when it sets no `epochs`.
    static func experiment(_ node: YAMLNode) throws(InputError) -> ExperimentSpec? {
        guard let e = node["epochs"] else {
            for key in experimentTrainingKeys where node[key] != nil {
                throw InputError(at: node[key]?.location ?? node.location, "training.\(key) needs training.epochs (a training experiment)")
            }
            return nil
        }
        var spec = ExperimentSpec(epochs: try YAMLValues.integer(e, "training.epochs", range: 0...1_000_000))
        if let b = node["batch_size"] {
            if case .scalar(let s) = b, s.text.trimmingWhitespace() == "all" { spec.batchSize = nil } else {
                spec.batchSize = try YAMLValues.integer(b, "training.batch_size", range: 1...10_000_000)
            }
        }
        if let s = node["shuffle"] {
            if case .mapping = s {
                try YAMLValues.checkKeys(try s.mapping("training.shuffle"), allowed: ["seed"], in: "training.shuffle")
                guard let seed = s["seed"] else { throw InputError(at: s.location, "training.shuffle needs a seed") }
                spec.shuffleSeed = try seedValue(seed, "training.shuffle.seed")
            } else if try YAMLValues.bool(s, "training.shuffle") {
                spec.shuffleSeed = 0
            }
        }
        if let i = node["init"] {
            if case .mapping = i {
                try YAMLValues.checkKeys(try i.mapping("training.init"), allowed: ["scheme", "seed"], in: "training.init")
                guard let schemeNode = i["scheme"] else { throw InputError(at: i.location, "training.init needs a scheme") }
                let seed = try i["seed"].map { n throws(InputError) in try seedValue(n, "training.init.seed") } ?? 0
                spec.initialisation = try initialisation(schemeNode, seed: seed)
            } else {
                spec.initialisation = try initialisation(i, seed: 0)
            }
        }
        return spec
    }

    static func initialisation(_ node: YAMLNode, seed: UInt64) throws(InputError) -> ExperimentSpec.Initialisation {
        let name = try YAMLValues.string(node, "training.init").trimmingWhitespace()
        if name == "given" { return .given }
        guard let scheme = InitialisationScheme(rawValue: name) else {
            throw InputError(at: node.location, "training.init must be given, \(InitialisationScheme.allCases.map(\.rawValue).joined(separator: ", ")), got '\(YAMLValues.clip(name))'")
        }
        return .seeded(scheme, seed: seed)
    }

    /// Reads `sweep: {learning_rate: [...], hidden_units: [...], ...}`, axes in file order.
    static func sweep(_ node: YAMLNode, experiment: ExperimentSpec) throws(InputError) -> [SweepAxis] {
        let pairs = try node.mapping("sweep")
        try YAMLValues.checkKeys(pairs, allowed: sweepKeys, in: "sweep")
        guard !pairs.isEmpty else { throw InputError(at: node.location, "sweep is empty") }
        var axes: [SweepAxis] = []
        var runs = 1
        for p in pairs {
            let what = "sweep.\(p.key.text)"
            let items = try p.value.sequence(what)
            guard !items.isEmpty, items.count <= 100 else { throw InputError(at: p.value.location, "\(what) needs 1 to 100 values") }
            switch p.key.text {
            case "learning_rate":
                axes.append(.learningRate(try items.map { n throws(InputError) in try YAMLValues.number(n, what) }))
            case "hidden_units":
                guard experiment.isSeeded else {
                    throw InputError(at: p.key.location, "sweep.hidden_units needs a seeded initialisation (training.init: {scheme: pytorch_linear, seed: 1})")
                }
                axes.append(.hiddenUnits(try items.map { n throws(InputError) in try YAMLValues.integer(n, what, range: 1...100_000) }))
            case "activation":
                axes.append(.activation(try items.map { n throws(InputError) in try ScenarioLoader.activation(n, what) }))
            case "epochs":
                axes.append(.epochs(try items.map { n throws(InputError) in try YAMLValues.integer(n, what, range: 0...1_000_000) }))
            default:
                axes.append(.batchSize(try items.map { n throws(InputError) in try YAMLValues.integer(n, what, range: 1...10_000_000) }))
            }
            runs *= items.count
        }
        guard runs <= 1000 else { throw InputError(at: node.location, "the sweep has \(runs) runs; at most 1000") }
        return axes
    }

    /// Reads the experiment keys of a question's `given`.
    static func setting(_ node: YAMLNode, label: String) throws(InputError) -> ExperimentSetting {
        var s = ExperimentSetting()
        if let n = node["hidden_units"] { s.hiddenUnits = try YAMLValues.integer(n, "\(label) given hidden_units", range: 1...100_000) }
        if let n = node["activation"] { s.hiddenActivation = try ScenarioLoader.activation(n, "\(label) given activation") }
        if let n = node["epochs"] { s.epochs = try YAMLValues.integer(n, "\(label) given epochs", range: 0...1_000_000) }
        if let n = node["batch_size"] { s.batchSize = try YAMLValues.integer(n, "\(label) given batch_size", range: 1...10_000_000) }
        return s
    }

    /// The seed band of `tolerance: seeds` or `tolerance: {seeds: K, margin: 10%}`; nil for any other tolerance.
    static func seedBand(_ node: YAMLNode, label: String) throws(InputError) -> SeedBandSpec? {
        if case .scalar(let s) = node, s.text.trimmingWhitespace() == "seeds" { return SeedBandSpec() }
        guard case .mapping = node, let k = node["seeds"] else { return nil }
        try YAMLValues.checkKeys(try node.mapping("\(label) tolerance"), allowed: ["seeds", "margin"], in: "\(label) tolerance")
        var spec = SeedBandSpec(runs: try YAMLValues.integer(k, "\(label) tolerance seeds", range: 2...200))
        if let m = node["margin"] {
            var text = try YAMLValues.string(m, "\(label) tolerance margin").trimmingWhitespace()
            let percent = text.hasSuffix("%")
            if percent { text.removeLast() }
            guard let v = Double(text.trimmingWhitespace()), v >= 0, v <= (percent ? 1000 : 10) else {
                throw InputError(at: m.location, "\(label) tolerance margin must be a fraction like 0.1 or a percentage like 10%")
            }
            spec.margin = percent ? v / 100 : v
        }
        return spec
    }

    /// The training work of the experiment runs one question needs (runs × epochs × samples × weights).
    static func work(_ scenario: Scenario, quantity: ExperimentQuantity, band: SeedBandSpec?) -> Int {
        guard let e = scenario.experiment, let net = scenario.network?.network else { return 0 }
        let settings: [ExperimentSetting]
        if case .sweepFinal = quantity { settings = e.sweepSettings } else { settings = [ExperimentSetting()] }
        let n = (scenario.dataSet?.train.count ?? scenario.samples.count) + (scenario.dataSet?.test.count ?? 0)
        var total = 0
        for s in settings {
            let setting = scenario.experimentSetting.merged(s)
            let epochs = setting.epochs ?? e.epochs
            let h = setting.hiddenUnits.map { Double($0) / Double(max(net.layers[0].outputSize, 1)) } ?? 1
            let weights = Int(Double(net.parameterCount) * max(h, 1))
            let (a, o1) = epochs.multipliedReportingOverflow(by: max(n, 1))
            let (b, o2) = a.multipliedReportingOverflow(by: weights)
            let (c, o3) = total.addingReportingOverflow(b)
            if o1 || o2 || o3 { return Int.max }
            total = c
        }
        let (t, o) = total.multipliedReportingOverflow(by: band?.runs ?? 1)
        return o ? Int.max : t
    }
}
