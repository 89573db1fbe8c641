import Testing
import NNCore
import NNProblem
@testable import NNGrade
import TestSupport

/// For random networks and every numeric ask, the formula written from the backpropagation
/// equations themselves is graded correct, and its mutations are graded wrong with the
/// diagnosis naming the mutation.
@Suite struct FormulaPropertyTests {
    struct RandomCase {
        var scenario: Scenario
        var spec: NetworkSpec
        var outputs: Int
        var lossKind: Loss.Kind
    }

    static func randomCase(_ rng: inout SeededGenerator) -> RandomCase {
        let depth = 2 + rng.below(2)
        let inputs = 2 + rng.below(2)
        var widths = (0..<depth).map { _ in 2 + rng.below(3) }
        let hidden: [Activation] = [.sigmoid, .tanh, .relu, .leakyRelu(slope: 0.1), .softplus(beta: 1), .gelu]
        let losses: [(Loss.Kind, Activation)] = [
            (.squaredError(.halfSum), .identity), (.squaredError(.sum), .sigmoid), (.squaredError(.mean), .tanh),
            (.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .sum), .sigmoid),
            (.crossEntropy(reduction: .sum), .softmax),
        ]
        let (lossKind, outputActivation) = rng.pick(losses)
        widths[depth - 1] = 2 + rng.below(2)
        var layers: [DenseLayer] = []
        var previous = inputs
        for l in 0..<depth {
            let w = Matrix(rows: widths[l], columns: previous, repeating: 0.1)
            layers.append(DenseLayer(weights: w, bias: Array(repeating: 0, count: widths[l]),
                                     activation: l == depth - 1 ? outputActivation : rng.pick(hidden)))
            previous = widths[l]
        }
        // Non-optional by construction: consecutive layers fit.
        let network = (try? Network(layers: layers)) ?? { preconditionFailure("layers do not fit") }()
        let spec = NetworkSpec(network: network, layout: rng.chance(50) ? .outIn : .inOut)
        let scenario = Scenario(network: spec, samples: [Sample(input: Array(repeating: 0.5, count: inputs),
                                                                target: Array(repeating: 0, count: widths[depth - 1]))],
                                loss: Loss(lossKind))
        return RandomCase(scenario: scenario, spec: spec, outputs: widths[depth - 1], lossKind: lossKind)
    }

    /// The backpropagation equations as formulas, in the symbols students use.
    static func equations(_ c: RandomCase) -> [(Quantity, String)] {
        let layers = c.spec.network.layers
        let last = layers.count
        func w(_ l: Int) -> String { c.spec.layout == .outIn ? "W\(l)" : "W\(l)^T" }
        func a(_ l: Int) -> String { l == 0 ? "x" : "a\(l)" }
        let dLdyhat: String
        let loss: String
        switch c.lossKind {
        case .squaredError(.halfSum): dLdyhat = "(y_hat - y)"; loss = "0.5 * sum((y_hat - y) .* (y_hat - y))"
        case .squaredError(.sum): dLdyhat = "2 * (y_hat - y)"; loss = "sum((y_hat - y) .* (y_hat - y))"
        case .squaredError(.mean): dLdyhat = "2/K * (y_hat - y)"; loss = "sum((y_hat - y) .* (y_hat - y)) / K"
        case .binaryCrossEntropy: dLdyhat = "(-y / y_hat + (1 - y) / (1 - y_hat))"
            loss = "-sum(y .* ln(y_hat) + (1 - y) .* ln(1 - y_hat))"
        default: dLdyhat = "(-y / y_hat)"; loss = "-sum(y .* ln(y_hat))"
        }
        var out: [(Quantity, String)] = [(.loss, loss), (.gradOutput, dLdyhat), (.output, "f\(last)(z\(last))")]
        for l in 1...last {
            out.append((.preActivation(l), "\(w(l)) * \(a(l - 1)) + b\(l)"))
            out.append((.activation(l), "f\(l)(z\(l))"))
            if l == last {
                let delta = layers[l - 1].activation == .softmax
                    ? "f\(l)'(z\(l))^T * \(dLdyhat)" : "\(dLdyhat) .* f\(l)'(z\(l))"
                out.append((.delta(l), delta))
                out.append((.gradActivation(l), dLdyhat))
            } else {
                out.append((.delta(l), "(\(w(l + 1))^T * delta\(l + 1)) .* f\(l)'(z\(l))"))
                out.append((.gradActivation(l), "\(w(l + 1))^T * delta\(l + 1)"))
            }
            out.append((.gradWeights(l), c.spec.layout == .outIn ? "delta\(l) * \(a(l - 1))^T" : "\(a(l - 1)) * delta\(l)^T"))
            out.append((.gradBias(l), "delta\(l)"))
        }
        out.append((.gradInput, "\(w(1))^T * delta1"))
        return out
    }

    @Test func backpropEquationsAreCorrectAndMutationsAreNamed() throws {
        var rng = SeededGenerator(seed: 12)
        var graded = 0
        for caseIndex in 0..<8 {
            let c = Self.randomCase(&rng)
            for (quantity, formula) in Self.equations(c) {
                let setting = FormulaSetting(
                    target: QuantityReference(quantity),
                    symbols: FormulaSymbols.quantities(for: c.spec, hasLoss: true),
                    constants: ["K": Double(c.outputs)], seed: "property-\(caseIndex)-\(quantity)")
                let grader = try FormulaGrader(setting: setting, scenario: c.scenario)
                let right = grader.grade(formula, reveal: false)
                #expect(right.verdict == .correct, "case \(caseIndex) \(quantity): \(formula): \(right.message)")
                graded += 1

                let doubled = grader.grade("2 * (\(formula))", reveal: false)
                // A bound constant equal to the factor is named first: K = 2 outputs reads as K.
                let factor = c.outputs == 2 ? "an extra factor of K" : "a factor of 2 too large"
                #expect(doubled.verdict == .incorrect && doubled.diagnosis == factor,
                        "case \(caseIndex) \(quantity): \(doubled.message) \(doubled.diagnosis ?? "-")")
                let negated = grader.grade("-(\(formula))", reveal: false)
                #expect(negated.verdict == .incorrect && negated.diagnosis == "sign error",
                        "case \(caseIndex) \(quantity): \(negated.diagnosis ?? "-")")
                if grader.instances[0].reference.scalars.count > 1 {
                    let transposed = grader.grade("(\(formula))^T", reveal: false)
                    #expect(transposed.verdict == .transposed, "case \(caseIndex) \(quantity): \(transposed.message)")
                }
                if formula.contains(".*") {
                    // Every hidden and output layer has at least 2 units, so `*` cannot stand in for `.*`.
                    let swapped = formula.replacingFirst(".*", with: "*")
                    let g = grader.grade(swapped, reveal: false)
                    #expect(g.verdict != .correct
                            && g.diagnosis == "a matrix product (*) where the element-wise product (.*) belongs",
                            "case \(caseIndex) \(quantity): \(swapped): \(g.verdict) \(g.diagnosis ?? "-")")
                }
            }
        }
        #expect(graded > 100)
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
