import NNCore

/// The worked computation behind a key, written the way the seeds write it:
/// `z₁ = W₁x = (0.4, 1.2, −0.1)ᵀ`, then the loss, the backward pass and the updates.
public enum WorkedSteps {
    /// Steps for every distinct scenario the problem's questions use, then each question's value.
    public static func render(problem: Problem, key: AnswerKey) -> String {
        var out = ""
        var seen: [Solver.CacheKey] = []
        for q in problem.questions {
            let ck = Solver.CacheKey(scenario: q.scenario, variation: q.variation)
            if seen.contains(ck) { continue }
            seen.append(ck)
            guard let base = problem.scenarios[q.scenario] else { continue }
            let scenario = q.variation.applied(to: base)
            let users = problem.questions.filter { $0.scenario == q.scenario && $0.variation == q.variation }.map(\.id)
            out += "Scenario \(q.scenario)\(q.variation.isEmpty ? "" : " (as varied by \(q.id))") — questions \(users.joined(separator: ", "))\n"
            out += steps(for: scenario).map { "  " + $0 + "\n" }.joined()
            out += "\n"
        }
        out += "Answers\n"
        for e in key.entries {
            switch e.result {
            case .success(let t): out += "  \(e.question.id): \(e.question.ask) = \(AnswerKeyRendering.formatted(t))\n"
            case .failure(let err): out += "  \(e.question.id): \(e.question.ask): error: \(err.message)\n"
            }
        }
        return out
    }

    /// The lines of a scenario's forward pass, loss, backward pass and SGD updates.
    public static func steps(for scenario: Scenario) -> [String] {
        var lines: [String] = []
        if let g = scenario.graph {
            lines.append("graph inputs: " + g.order.filter { g.inputs[$0] != nil }.map { "\($0) = \(f(g.inputs[$0] ?? 0))" }.joined(separator: ", "))
            if let values = try? g.graph.evaluate(inputs: g.inputs, options: scenario.options.evaluation) {
                for node in g.graph.nodes { lines.append("\(node.name) = \(node.expression) = \(f(values[node.name] ?? .nan))") }
                if let last = g.graph.nodes.last, let grads = try? g.graph.gradient(of: last.name, inputs: g.inputs, options: scenario.options.evaluation) {
                    for n in g.order where n != last.name { lines.append("∂\(last.name)/∂\(n) = \(f(grads[n] ?? 0))") }
                }
            }
        }
        for (name, fn) in scenario.functions.sorted(by: { $0.key < $1.key }) {
            lines.append("\(name)(x) = \(fn.source)")
        }
        guard let spec = scenario.network, !scenario.samples.isEmpty else { return lines }
        let net = spec.network
        for (s, sample) in scenario.samples.enumerated() {
            if scenario.samples.count > 1 { lines.append("sample \(s + 1):") }
            lines.append("x = \(vec(sample.input))" + (sample.target.isEmpty ? "" : ", y = \(vec(sample.target))"))
            guard let pass = try? net.forward(sample.input, options: scenario.options) else {
                lines.append("forward pass failed")
                return lines
            }
            for (l, layer) in net.layers.enumerated() {
                let n = sub(l + 1), prev = l == 0 ? "x" : "a" + sub(l)
                lines.append("z\(n) = W\(n)\(prev)\(layer.bias == nil ? "" : " + b\(n)") = \(vec(pass.layers[l].z))")
                lines.append("a\(n) = \(layer.activation.name)(z\(n)) = \(vec(pass.layers[l].a))" + (l == net.layers.count - 1 ? " = ŷ" : ""))
            }
            guard let loss = scenario.loss, !sample.target.isEmpty,
                  let value = try? loss.value(prediction: pass.output, target: sample.target,
                                              logits: pass.layers[net.layers.count - 1].z,
                                              outputActivation: net.layers[net.layers.count - 1].activation),
                  let back = try? net.backward(pass, target: sample.target, loss: loss, options: scenario.options)
            else { continue }
            lines.append("L = \(loss.formula) = \(f(value))")
            lines.append("∂L/∂ŷ = \(vec(back.dOutput))")
            for l in stride(from: net.layers.count - 1, through: 0, by: -1) {
                let n = sub(l + 1), prev = l == 0 ? "x" : "a" + sub(l)
                let how = l == net.layers.count - 1 ? "∂L/∂ŷ ⊙ \(net.layers[l].activation.name)′(z\(n))"
                                                    : "(W\(sub(l + 2))ᵀ δ\(sub(l + 2))) ⊙ \(net.layers[l].activation.name)′(z\(n))"
                lines.append("δ\(n) = ∂L/∂z\(n) = \(how) = \(vec(back.layers[l].delta))")
                lines.append("∂L/∂W\(n) = δ\(n) \(prev)ᵀ = \(mat(back.layers[l].dW))")
            }
        }
        if let sgd = scenario.training, scenario.loss != nil,
           let steps = try? sgd.train(net, on: scenario.samples, loss: scenario.loss ?? Loss(.squaredError(.halfSum)),
                                      steps: scenario.steps, options: scenario.options) {
            for (k, step) in steps.enumerated() {
                lines.append("step \(k + 1): L = \(f(step.lossBefore)), η = \(f(sgd.learningRate))\(sgd.momentum == 0 ? "" : ", μ = \(f(sgd.momentum))")")
                for (l, layer) in step.network.layers.enumerated() {
                    let n = sub(l + 1)
                    lines.append("  W\(n) ← W\(n) − η ∂L/∂W\(n) = \(mat(spec.courseWeights(layer: l, weights: layer.weights, bias: layer.bias)))")
                    if let b = layer.bias, spec.biasPlacement == .separate { lines.append("  b\(n) ← b\(n) − η ∂L/∂b\(n) = \(vec(b))") }
                }
            }
        }
        return lines
    }

    static func f(_ v: Double) -> String { NumberFormatting.significant(v, digits: 6) }
    static func vec(_ v: [Double]) -> String { v.count == 1 ? f(v[0]) : "(" + v.map(f).joined(separator: ", ") + ")ᵀ" }
    static func mat(_ m: Matrix) -> String {
        m.rows == 1 && m.columns == 1 ? f(m[0, 0]) : "[" + m.rowArrays.map { $0.map(f).joined(separator: ", ") }.joined(separator: "; ") + "]"
    }
    static func sub(_ n: Int) -> String {
        let digits = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } }.joined()
    }
}
