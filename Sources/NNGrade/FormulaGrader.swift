import NNCore
import NNProblem

/// Grades a formula answer by what it computes: the student's formula and the solver's quantity
/// are evaluated on random instances of the scenario (and on the problem's own numbers), and the
/// formula is correct when every entry agrees on every instance.
///
/// Diagnosis of a wrong formula compares it with what typical mistakes produce, without ever
/// writing the reference formula: a constant factor (2, ½, a bound constant such as N or K), a
/// sign, the transpose, `*` where `.*` belongs or the reverse, an activation where its derivative
/// belongs or the reverse, and a missing activation derivative (the reference with one layer's
/// f′ replaced by 1).
public struct FormulaGrader: Sendable {
    /// What is asked and which names may be used.
    public let setting: FormulaSetting
    /// The random instances (at least 20).
    public let instances: [FormulaInstance]
    /// The problem's own numbers, when they can be evaluated.
    public let own: FormulaInstance?
    /// Relative agreement required of every entry.
    public let relativeTolerance: Double
    /// The scenario the instances were drawn from.
    public let scenario: Scenario

    /// Draws the instances; throws when the scenario cannot produce the asked quantity.
    public init(setting: FormulaSetting, scenario: Scenario, relativeTolerance: Double = 1e-6) throws(SolveError) {
        self.setting = setting
        self.scenario = scenario
        self.instances = try FormulaInstances.random(setting, in: scenario)
        self.own = try? FormulaInstances.own(setting, in: scenario)
        self.relativeTolerance = relativeTolerance
    }

    /// The names a formula may use as values.
    public var symbolNames: Set<String> { setting.symbolNames }

    /// The names a formula may call as functions.
    public var functionNames: Set<String> {
        guard let first = instances.first else { return [] }
        return Set(first.environment.functions.keys)
    }

    /// Grades the formula `source`; `reveal` allows the key's value on the problem's numbers.
    public func grade(_ source: String, reveal: Bool) -> FormulaGrade {
        let expression: Expression
        do {
            expression = try ExpressionParser.parseFormula(source, symbols: symbolNames, functions: functionNames)
        } catch {
            return FormulaGrade(verdict: .unparseable, message: "column \(error.offset + 1) of the formula: \(error.message)")
        }
        var disagreements = 0
        var transposes = 0
        var firstProblem: String?
        for (k, instance) in instances.enumerated() {
            let value: Tensor
            do {
                value = try expression.evaluateFormula(in: instance.environment)
            } catch {
                switch error {
                case .shape(let m):
                    return FormulaGrade(verdict: .wrongShape, message: "shape error in the formula: \(m)",
                                        diagnosis: diagnoseMutations(expression))
                case .tooCostly(let m), .invalid(let m): return FormulaGrade(verdict: .unparseable, message: m)
                case .domain(let m):
                    disagreements += 1
                    if firstProblem == nil { firstProblem = "on random instance \(k + 1) the formula has no value: \(m)" }
                    continue
                }
            }
            switch FormulaAgreement.compare(value, instance.reference, rtol: relativeTolerance) {
            case .agrees: break
            case .transposed: transposes += 1
            case .differs: disagreements += 1
            case .shapeMismatch(let s, let r):
                return FormulaGrade(verdict: .wrongShape,
                                    message: "the formula gives a \(s) value; the question asks for a \(r) value")
            }
        }
        let n = instances.count
        if disagreements == 0 && transposes == 0 {
            return FormulaGrade(verdict: .correct, fraction: 1,
                                message: "agrees with the network on all \(n) random instances")
        }
        if disagreements == 0 {
            // Instances where the asked matrix happens to be symmetric agree either way.
            return FormulaGrade(verdict: .transposed, message: "the formula gives the transpose of the asked quantity on the random instances")
        }
        var message = "disagrees with the network on \(disagreements + transposes) of \(n) random instances"
        if let firstProblem { message += "; \(firstProblem)" }
        if let ownText = ownNumbers(expression, reveal: reveal) { message += "; \(ownText)" }
        return FormulaGrade(verdict: .incorrect, message: message, diagnosis: diagnose(expression))
    }

    /// "your formula gives 0.25 on the question's numbers (the key is 0.251)".
    func ownNumbers(_ expression: Expression, reveal: Bool) -> String? {
        guard let own, let value = try? expression.evaluateFormula(in: own.environment) else { return nil }
        var text = "on the question's own numbers your formula gives \(Self.text(value))"
        if reveal { text += ", the key is \(Self.text(own.reference))" }
        return text
    }

    /// A value with 6 significant figures per entry.
    static func text(_ t: Tensor) -> String {
        func entry(_ v: Double) -> String { NumberFormatting.significant(v, digits: 6) }
        if t.scalars.count == 1 { return entry(t.scalars[0]) }
        let m = t.asMatrix
        if m.columns == 1 { return "[" + m.elements.map(entry).joined(separator: ", ") + "]ᵀ" }
        return "[" + m.rowArrays.map { "[" + $0.map(entry).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }

    // MARK: Diagnosis

    /// The first likely mistake that explains the formula's values on every instance.
    func diagnose(_ expression: Expression) -> String? {
        guard let values = values(of: expression) else { return nil }
        if let factor = constantFactor(values) { return factor }
        if let mutation = diagnoseMutations(expression) { return mutation }
        if let missing = missingDerivative(values) { return missing }
        return nil
    }

    /// The name of the single mutation (`*` ↔ `.*`, f ↔ f′) that makes the formula right.
    func diagnoseMutations(_ expression: Expression) -> String? {
        let references = instances.map(\.reference)
        for (mutated, name) in FormulaMutations.all(of: expression) {
            if let v = values(of: mutated), agreesEverywhere(v, references) { return name }
        }
        return nil
    }

    /// The student's value on every instance, or nil when any fails.
    func values(of expression: Expression) -> [Tensor]? {
        var out: [Tensor] = []
        for instance in instances {
            guard let v = try? expression.evaluateFormula(in: instance.environment) else { return nil }
            out.append(v)
        }
        return out
    }

    func agreesEverywhere(_ values: [Tensor], _ references: [Tensor]) -> Bool {
        zip(values, references).allSatisfy {
            FormulaAgreement.compare($0, $1, rtol: relativeTolerance) == .agrees
        }
    }

    /// s = c·t on every instance for one constant c ≠ 1: named as a sign or a factor.
    func constantFactor(_ values: [Tensor]) -> String? {
        var c: Double?
        for (value, instance) in zip(values, instances) {
            let s = value.scalars, t = instance.reference.scalars
            guard s.count == t.count else { return nil }
            if c == nil {
                let tt = t.reduce(0) { $0 + $1 * $1 }
                guard tt > 0 else { continue }
                c = zip(s, t).reduce(0) { $0 + $1.0 * $1.1 } / tt
            }
            guard let c, FormulaAgreement.allClose(s, t.map { c * $0 }, rtol: 1e-6) else { return nil }
        }
        guard let c, abs(c - 1) > 1e-6, c.isFinite else { return nil }
        let magnitude = abs(c)
        let sign = c < 0 ? "sign error" : nil
        if abs(magnitude - 1) <= 1e-6 { return "sign error" }
        // A bound constant (N, K) is named before the plain 2 and ½ it may equal.
        var factor: String?
        for (name, value) in setting.constants.sorted(by: { $0.key < $1.key }) where value != 0 && abs(value) != 1 {
            if abs(magnitude - abs(value)) < 1e-6 * abs(value) { factor = "an extra factor of \(name)"; break }
            if abs(magnitude * abs(value) - 1) < 1e-6 { factor = "a missing factor of \(name)"; break }
        }
        if factor == nil {
            switch magnitude {
            case _ where abs(magnitude - 2) < 1e-6: factor = "a factor of 2 too large"
            case _ where abs(magnitude - 0.5) < 1e-6: factor = "a factor of ½ (half the right value)"
            default: factor = "off by a constant factor of \(NumberFormatting.significant(magnitude, digits: 6))"
            }
        }
        let named = factor ?? ""
        return sign.map { "\($0) and \(named)" } ?? named
    }

    /// The reference with one layer's activation derivative replaced by 1 matches the formula.
    func missingDerivative(_ values: [Tensor]) -> String? {
        guard let spec = scenario.network, setting.target.quantity.dependsOnForwardPass else { return nil }
        for l in spec.network.layers.indices where spec.network.layers[l].activation != .identity {
            var references: [Tensor] = []
            for instance in instances {
                var s = instance.scenario
                guard let net = s.network?.network else { return nil }
                var evaluator = ScenarioEvaluator(scenario: s)
                guard let passes = try? evaluator.forwardPasses(), let a = passes.first?.layers[l].a else { return nil }
                var layers = net.layers
                layers[l].activation = .identity
                guard let changed = try? Network(layers: layers) else { return nil }
                s.network?.network = changed
                guard let alternative = try? FormulaInstances.evaluate(
                    setting, in: s, checkingKinks: false,
                    overrides: [ForwardOverride(layer: l, quantity: .activation, value: a)]) else { break }
                references.append(alternative.reference)
            }
            guard references.count == instances.count else { continue }
            if agreesEverywhere(values, references), !agreesEverywhere(values, instances.map(\.reference)) {
                return "missing activation derivative: the derivative of layer \(l + 1)'s \(spec.network.layers[l].activation.name) is left out"
            }
        }
        return nil
    }
}
