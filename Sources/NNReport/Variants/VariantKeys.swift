import NNCore
import NNGrade
import NNOutput
import NNProblem

/// The instructor's key file of a roster's variants: per student the numbers drawn and every
/// numeric question's key.
///
///     {"problem": "<id>", "students": [{"student": "<id>", "draw": 1,
///       "values": {"w1,3": 0.3, "x": [2, 1]}, "answers": {"1.1": 0.61, ...}}, ...]}
public enum VariantKeys {
    /// The key file's JSON, the variants in the order given.
    public static func json(problemID: String, variants: [GradableProblem]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(problemID, key: "problem")
        w.beginArray("students")
        for g in variants {
            w.beginObject()
            w.string(g.problem.variant?.student ?? "", key: "student")
            if let v = g.problem.variant {
                w.number(Double(v.draw), key: "draw")
                w.beginObject("values")
                for d in v.values { w.tensor(d.value, key: d.name) }
                w.endObject()
            }
            w.beginObject("answers")
            for e in g.key.entries {
                switch e.result {
                case .success(let t): w.tensor(t, key: e.question.id)
                case .failure: w.raw("null", key: e.question.id)
                }
            }
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}
