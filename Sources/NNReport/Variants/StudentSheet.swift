import NNCore
import NNGrade
import NNOutput
import NNProblem

/// A student's Markdown problem sheet: the problem's numbers (a variant's own for a randomised
/// problem), every question with its points and the expected answer's form, and no key.
public enum StudentSheet {
    /// The sheet of `gradable` (one student's variant, or a fixed problem).
    public static func markdown(_ gradable: GradableProblem) -> String {
        let p = gradable.problem
        var out = "# \(SubmissionReport.escape(p.title))\n\n- Problem: `\(p.id)`\n"
        if let c = p.course { out += "- Course: \(SubmissionReport.escape(c))\n" }
        if let v = p.variant {
            out += "- Student: `\(SubmissionReport.escape(v.student))` (these numbers are yours; write this id as `student:` in your answer file)\n"
            out += "\n## Your numbers\n\n| Value | Yours |\n|---|---|\n"
            for d in v.values { out += "| `\(d.name)` | \(AnswerKeyRendering.formatted(d.value)) |\n" }
        }
        if let s = p.scenarios["default"] { out += given(s) }
        out += "\n## Questions\n\n| Question | Points | What is asked | Answer |\n|---|---|---|---|\n"
        for q in gradable.questions {
            let d = q.declaration
            out += "| \(SubmissionReport.escape(d.id)) | \(PointsText.of(d.points)) | \(SubmissionReport.escape(d.summary)) | \(SubmissionReport.escape(q.answerHint)) |\n"
        }
        return out
    }

    /// The default scenario's numbers: weights in the course layout, biases, data, loss, training.
    static func given(_ s: Scenario) -> String {
        var lines: [String] = []
        if let spec = s.network {
            for (l, layer) in spec.network.layers.enumerated() {
                let w = spec.courseWeights(layer: l, weights: layer.weights, bias: layer.bias)
                var line = "- Layer \(l + 1) (\(layer.activation.name)): W\(l + 1) = \(AnswerKeyRendering.formatted(Tensor(w)))"
                if spec.biasPlacement == .separate, let b = layer.bias { line += ", b\(l + 1) = \(AnswerKeyRendering.formatted(Tensor(vector: b)))" }
                lines.append(line)
            }
            let named = spec.parameterNames.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            if !named.isEmpty, named.count <= 64 {
                let values = named.map { name, a -> String in
                    let w = spec.courseWeights(layer: a.layer - 1, weights: spec.network.layers[a.layer - 1].weights,
                                               bias: spec.network.layers[a.layer - 1].bias)
                    return "\(name) = \(NumberFormatting.significant(w[a.row - 1, a.column - 1], digits: 6))"
                }
                lines.append("- Weights by name: " + values.joined(separator: ", "))
            }
        }
        for (i, sample) in s.samples.enumerated() {
            let label = s.samples.count == 1 ? "" : " \(i + 1)"
            var line = "- Sample\(label): x = \(AnswerKeyRendering.formatted(Tensor(vector: sample.input)))"
            if !sample.target.isEmpty { line += ", y = \(AnswerKeyRendering.formatted(Tensor(vector: sample.target)))" }
            lines.append(line)
        }
        if let t = s.training {
            lines.append("- Learning rate: \(NumberFormatting.significant(t.learningRate, digits: 6)); \(s.steps) SGD step\(s.steps == 1 ? "" : "s")")
        }
        if let g = s.graph {
            let inputs = g.order.compactMap { n in g.inputs[n].map { "\(n) = \(NumberFormatting.significant($0, digits: 6))" } }
            if !inputs.isEmpty { lines.append("- Graph inputs: " + inputs.joined(separator: ", ")) }
        }
        guard !lines.isEmpty else { return "" }
        return "\n## Given\n\n" + lines.map(SubmissionReport.escape).joined(separator: "\n") + "\n"
    }
}
