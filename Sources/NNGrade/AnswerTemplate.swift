import NNCore
import NNProblem
import NNOutput

/// A fill-in answer file listing every question id with its text and the expected shape.
public enum AnswerTemplate {
    /// The template as YAML text.
    public static func yaml(gradable: GradableProblem) -> String {
        let problem = gradable.problem
        var out = "# Answer file for \(oneLine(problem.title)) (problem \(problem.id)).\n"
        out += "# Fill in each answer after its colon: a number (0.627), arithmetic in quotes (\"-ln(1 - 0.627)\", \"-3/4\"),\n"
        out += "# a vector [0.4, 1.2, -0.1], a matrix as a list of rows [[1, 2], [3, 4]], or a LaTeX matrix in single quotes.\n"
        out += "# Check it with: nncheck check \(problem.file) THIS_FILE\n"
        out += "student: \"\"\nproblem: \(problem.id)\nanswers:\n"
        for q in gradable.questions {
            let d = q.declaration
            if let text = d.text { out += "  # \(oneLine(text))\n" }
            out += "  # \(q.answerHint); \(NumberFormatting.short(d.points)) point\(d.points == 1 ? "" : "s")\n"
            out += "  \(JSONWriter.quote(d.id)):\n"
        }
        return out
    }

    static func describe(_ t: Tensor) -> String {
        switch t.rank {
        case 0: return "a number"
        case 1: return "a vector of \(t.shape[0])"
        default: return "a \(t.shape[0])×\(t.shape[1]) matrix (\(t.shape[0]) row\(t.shape[0] == 1 ? "" : "s") of \(t.shape[1]))"
        }
    }

    static func oneLine(_ s: String) -> String { s.replacingNewlines().trimmingWhitespace() }
}
