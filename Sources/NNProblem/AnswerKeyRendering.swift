import NNCore
import NNOutput

/// Text renderings of an answer key: an aligned table for people and JSON for machines.
public enum AnswerKeyRendering {
    /// `{"problem": "<id>", "answers": {"<question id>": <number | nested arrays>}}`; questions
    /// that cannot be answered map to null and are listed under "errors".
    public static func json(_ key: AnswerKey) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(key.problemID, key: "problem")
        w.beginObject("answers")
        for e in key.entries {
            switch e.result {
            case .success(let t): w.tensor(t, key: e.question.id)
            case .failure: w.raw("null", key: e.question.id)
            }
        }
        w.endObject()
        let failures = key.entries.compactMap { e -> (String, String)? in
            if case .failure(let err) = e.result { return (e.question.id, err.message) }
            return nil
        }
        if !failures.isEmpty {
            w.beginObject("errors")
            for (id, msg) in failures { w.string(msg, key: id) }
            w.endObject()
        }
        w.endObject()
        return w.text + "\n"
    }

    /// A table: question id, what is asked, points and the value, with matrices on several lines.
    public static func table(_ key: AnswerKey, problem: Problem) -> String {
        var rows: [[String]] = [["question", "ask", "points", "answer"]]
        for e in key.entries {
            let value: String
            switch e.result {
            case .success(let t): value = formatted(t)
            case .failure(let err): value = "error: \(err.message)"
            }
            rows.append([e.question.id, e.question.ask, NumberFormatting.short(e.question.points), value])
        }
        var out = "\(problem.title)\(problem.course.map { " (\($0))" } ?? "")\n"
        out += TextTable.render(rows)
        return out
    }

    /// A value with up to 6 significant figures: `0.627148`, `[0.4, 1.2, -0.1]`, `[[1, 2], [3, 4]]`.
    public static func formatted(_ t: Tensor, digits: Int = 6) -> String {
        func f(_ v: Double) -> String { NumberFormatting.significant(v, digits: digits) }
        switch t.nested {
        case .scalar(let v): return f(v)
        case .vector(let v): return "[" + v.map(f).joined(separator: ", ") + "]"
        case .matrix(let m): return "[" + m.map { "[" + $0.map(f).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
    }
}
