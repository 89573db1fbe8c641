import NNCore
import NNYAML

/// Reads a problem file's `randomize:` section, checking every name against the default scenario.
///
/// ```yaml
/// randomize:
///   seed_secret_env: NNCHECK_SECRET
///   max_draws: 100                        # optional; at most 10000
///   values:
///     "w1,3": {range: [-1, 1], step: 0.1}
///     x: {choose: [[1, 2], [2, 1]]}
///   require:
///     - "abs(z1[3]) > 0.05"
/// ```
enum RandomizationLoader {
    static let keys = ["seed_secret_env", "values", "require", "max_draws"]
    /// The most grid points a `range` may have.
    static let maximumGridPoints = 1_000_000
    /// The most values `randomize.values` may have.
    static let maximumValues = 1_000

    static func read(_ node: YAMLNode, scenarios: [String: Scenario]) throws(InputError) -> Randomization {
        try YAMLValues.checkKeys(try node.mapping("randomize"), allowed: keys, in: "randomize")
        guard let secretNode = node["seed_secret_env"] else {
            throw InputError(at: node.location, "randomize needs seed_secret_env: the name of the environment variable that holds the course secret")
        }
        let variable = try YAMLValues.string(secretNode, "randomize.seed_secret_env").trimmingWhitespace()
        guard isVariableName(variable) else {
            throw InputError(at: secretNode.location, "randomize.seed_secret_env must name an environment variable (letters, digits and _, not starting with a digit), got '\(YAMLValues.clip(variable))'; the secret itself never goes in the problem file")
        }
        guard let base = scenarios["default"] else { throw InputError(at: node.location, "randomize: the problem has no default scenario") }
        let all = Array(scenarios.values)
        guard let valuesNode = node["values"] else { throw InputError(at: node.location, "randomize needs values: the numbers that vary") }
        let pairs = try valuesNode.mapping("randomize.values")
        guard !pairs.isEmpty else { throw InputError(at: valuesNode.location, "randomize.values is empty") }
        guard pairs.count <= maximumValues else { throw InputError(at: valuesNode.location, "randomize.values has more than \(maximumValues) entries") }
        var values: [RandomizedValue] = []
        var seen: Set<VariantTarget> = []
        for p in pairs {
            let v = try value(name: p.key, spec: p.value, base: base, scenarios: all)
            guard seen.insert(v.target).inserted else {
                throw InputError(at: p.key.location, "randomize.values: '\(YAMLValues.clip(v.name))' sets the same number as an earlier entry")
            }
            values.append(v)
        }
        var constraints: [VariantConstraint] = []
        if let r = node["require"] {
            for item in try r.sequence("randomize.require") {
                constraints.append(try constraint(item, base: base))
            }
        }
        let draws = try node["max_draws"].map { n throws(InputError) in
            try YAMLValues.integer(n, "randomize.max_draws", range: 1...Randomization.maximumDrawsLimit)
        } ?? Randomization.defaultMaximumDraws
        return Randomization(secretVariable: variable, values: values, constraints: constraints, maximumDraws: draws,
                             location: node.location)
    }

    static func isVariableName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first), s.count <= 100 else { return false }
        return s.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// What a name in `randomize.values` sets.
    static func target(_ key: YAMLScalar, base: Scenario, scenarios: [Scenario]) throws(InputError) -> VariantTarget {
        let name = key.text.trimmingWhitespace()
        if name == "learning_rate" { return .learningRate }
        let parameters = Set(scenarios.flatMap { $0.network?.parameterNames.keys.map { $0 } ?? [] })
        let reference: QuantityReference
        do {
            reference = try QuantityParser.parse(name, parameterNames: parameters, functionNames: [])
        } catch {
            throw InputError(at: key.location, "randomize.values: '\(YAMLValues.clip(name))' is not something that can vary (\(error.message))")
        }
        let e = reference.element
        let target: VariantTarget?
        switch reference.quantity {
        case .parameter(let n) where e == nil:
            target = scenarios.lazy.compactMap { $0.network?.parameterNames[n] }.first.map(VariantTarget.parameter)
        case .weights(let l) where e?.count == 2:
            target = .weight(ParameterAddress(layer: l, row: e?[0] ?? 1, column: e?[1] ?? 1))
        case .bias(let l) where e?.count == 1:
            target = .bias(layer: l, unit: e?[0] ?? 1)
        case .input where e == nil || e?.count == 1: target = .input(entry: e?[0])
        case .target where e == nil || e?.count == 1: target = .target(entry: e?[0])
        case .graphValue(let n) where e == nil: target = .graphInput(n)
        default: target = nil
        }
        guard let target else {
            throw InputError(at: key.location, "randomize.values: '\(YAMLValues.clip(name))' cannot vary; a value may be a parameter name (w3,6), a weight or bias entry (W1[2,1], b1[2]), x, y, x[i], y[i], learning_rate or a graph input (graph.x)")
        }
        guard scenarios.contains(where: target.applies) else {
            throw InputError(at: key.location, "randomize.values: the problem has no '\(YAMLValues.clip(name))' to vary\(target == .input(entry: nil) || target == .target(entry: nil) ? " (x and y vary only with a single sample)" : "")")
        }
        return target
    }

    static func value(name key: YAMLScalar, spec: YAMLNode, base: Scenario, scenarios: [Scenario]) throws(InputError) -> RandomizedValue {
        let name = key.text.trimmingWhitespace()
        let what = "randomize.values.\(YAMLValues.clip(name))"
        let target = try target(key, base: base, scenarios: scenarios)
        try YAMLValues.checkKeys(try spec.mapping(what), allowed: ["range", "step", "choose"], in: what)
        let distribution: RandomizedValue.Distribution
        if let rangeNode = spec["range"] {
            guard spec["choose"] == nil else { throw InputError(at: spec.location, "\(what): give either range (with step) or choose, not both") }
            guard target.isScalar else { throw InputError(at: rangeNode.location, "\(what): \(name) is a vector; draw it with choose: [[...], ...], or vary its entries (\(name)[1])") }
            let bounds = try YAMLValues.vector(rangeNode, "\(what) range")
            guard bounds.count == 2, bounds[0] < bounds[1] else {
                throw InputError(at: rangeNode.location, "\(what) range must be [lower, upper] with lower < upper")
            }
            guard let stepNode = spec["step"] else { throw InputError(at: spec.location, "\(what) needs a step for its range (values are lower, lower + step, … up to upper)") }
            let step = try YAMLValues.number(stepNode, "\(what) step")
            guard step > 0 else { throw InputError(at: stepNode.location, "\(what) step must be positive") }
            let span = (bounds[1] - bounds[0]) / step
            guard span < Double(maximumGridPoints) else {
                throw InputError(at: stepNode.location, "\(what): the range has more than \(maximumGridPoints) steps")
            }
            // Both ends count when the step divides the range (up to float noise of 1e-9 steps).
            let count = Int((span + 1e-9).rounded(.down)) + 1
            let decimals = max(decimalPlaces(bounds[0]), decimalPlaces(step))
            distribution = .grid(lower: bounds[0], step: step, count: count, decimals: decimals)
        } else if let chooseNode = spec["choose"] {
            guard spec["step"] == nil else { throw InputError(at: spec["step"]?.location ?? spec.location, "\(what): step belongs with range, not choose") }
            let items = try chooseNode.sequence("\(what) choose")
            guard !items.isEmpty else { throw InputError(at: chooseNode.location, "\(what) choose is empty") }
            guard items.count <= maximumGridPoints else { throw InputError(at: chooseNode.location, "\(what) choose has too many values") }
            var options: [Tensor] = []
            for (i, item) in items.enumerated() {
                let label = "\(what) choose[\(i + 1)]"
                let option: Tensor
                if target.isScalar {
                    option = Tensor(try YAMLValues.number(item, label))
                } else {
                    let v = try YAMLValues.vector(item, label)
                    for s in scenarios where target.applies(to: s) {
                        if let n = target.vectorSize(in: s), n != v.count {
                            throw InputError(at: item.location, "\(label) has \(v.count) entries but \(name) has \(n)")
                        }
                    }
                    option = Tensor(vector: v)
                }
                options.append(option)
            }
            distribution = .choice(options)
        } else {
            throw InputError(at: spec.location, "\(what) needs range (with step) or choose")
        }
        return RandomizedValue(name: name, target: target, distribution: distribution, location: key.location)
    }

    /// The fewest decimal places (at most 12) that write `v` to within 1e-9 of a unit there.
    static func decimalPlaces(_ v: Double) -> Int {
        var scaled = abs(v)
        for d in 0...12 {
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, scaled) { return d }
            scaled *= 10
        }
        return 12
    }

    static func constraint(_ node: YAMLNode, base: Scenario) throws(InputError) -> VariantConstraint {
        let s = try node.scalar("randomize.require")
        let text = s.text.trimmingWhitespace()
        let parameters = Set(base.network?.parameterNames.keys.map { $0 } ?? [])
        let functions = Set(base.functions.keys)
        let isAsk: (String) -> Bool = { name in
            (try? QuantityParser.parse(name, parameterNames: parameters, functionNames: functions)) != nil
                && Expression.Constant(rawValue: name) == nil
        }
        let condition: Expression.Condition
        do {
            condition = try ExpressionParser.parseComparison(text, isName: isAsk)
        } catch {
            var loc = s.location
            if !s.isQuoted && !text.contains("\n") { loc.column += error.offset }
            throw InputError(at: loc, "randomize.require: '\(YAMLValues.clip(text))' is not a comparison of asks (\(error.message))")
        }
        var asks: [String: QuantityReference] = [:]
        var names = condition.lhs.freeVariables
        names.formUnion(condition.rhs.freeVariables)
        var evaluator = ScenarioEvaluator(scenario: base)
        for name in names.sorted() {
            guard let ref = try? QuantityParser.parse(name, parameterNames: parameters, functionNames: functions) else { continue }
            try ProblemLoader.checkAnswerable(ref, scenario: base, at: s.location, label: "randomize.require '\(YAMLValues.clip(text))'")
            if let value = try? evaluator.value(of: ref), value.scalarValue == nil {
                throw InputError(at: s.location, "randomize.require: \(name) is \(value.shapeDescription), not one number; name one entry, e.g. \(name)[1]")
            }
            asks[name] = ref
        }
        return VariantConstraint(source: text, condition: condition, asks: asks, location: s.location)
    }
}
