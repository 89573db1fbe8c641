import NNCore
import NNProblem
import NNGrade
import NNOutput

/// The class summary of a batch: success rate per question and the most frequent wrong answers.
public enum ClassSummary {
    /// The Markdown summary.
    public static func markdown(_ results: [SubmissionResult], problem: Problem) -> String {
        let graded = results.filter(\.isGradable)
        var out = "# \(SubmissionReport.escape(problem.title)): class summary\n\n"
        out += "- Problem: `\(problem.id)`\n- Submissions: \(results.count) (\(graded.count) graded, \(results.count - graded.count) ungradable)\n"
        if !graded.isEmpty {
            let totals = graded.map(\.earned).sorted()
            let mean = totals.reduce(0, +) / Double(totals.count)
            let median = totals.count % 2 == 1 ? totals[totals.count / 2] : (totals[totals.count / 2 - 1] + totals[totals.count / 2]) / 2
            out += "- Mean score: \(sig(mean)) / \(sig(problem.totalPoints)); median \(sig(median))\n"
        }
        out += "\n| Question | Correct | Partial | Wrong | Missing or unreadable | Most frequent wrong answers | Likely mistakes |\n|---|---|---|---|---|---|---|\n"
        var pending: [(id: String, count: Int)] = []
        for (i, q) in problem.declarations.enumerated() {
            var correct = 0, partial = 0, wrong = 0, missing = 0, waiting = 0
            var wrongValues: [String: Int] = [:]
            var diagnoses: [String: Int] = [:]
            // Fields are read in place: copying every result and question result costs more than the counting.
            for k in graded.indices {
                let verdict = graded[k].questions[i].verdict
                switch verdict {
                case .correct: correct += 1
                case .partial: partial += 1
                case .missing, .unparseable, .notFinite, .ungraded: missing += 1
                case .needsReview: waiting += 1
                case .incorrect, .transposed, .wrongShape:
                    wrong += 1
                    wrongValues[normalized(graded[k].questions[i].given), default: 0] += 1
                }
                if verdict == .partial { wrongValues[normalized(graded[k].questions[i].given), default: 0] += 1 }
                if let d = graded[k].questions[i].diagnosis { diagnoses[d, default: 0] += 1 }
                if verdict == .transposed { diagnoses["transposed", default: 0] += 1 }
            }
            if waiting > 0 { pending.append((q.id, waiting)) }
            let n = max(graded.count, 1)
            func pct(_ k: Int) -> String { "\(k) (\(NumberFormatting.fixed(100 * Double(k) / Double(n), decimals: 0))%)" }
            out += "| \(SubmissionReport.escape(q.id)) | \(pct(correct)) | \(pct(partial)) | \(pct(wrong)) | \(pct(missing)) | \(top(wrongValues)) | \(SubmissionReport.escape(topPlain(diagnoses))) |\n"
        }
        if !pending.isEmpty {
            out += "\nPending review (not yet in the scores): "
            out += pending.map { "\(SubmissionReport.escape($0.id)) (\($0.count) answer\($0.count == 1 ? "" : "s"))" }
                .joined(separator: ", ")
            out += "\n"
        }
        return out
    }

    static func sig(_ v: Double) -> String { NumberFormatting.significant(v, digits: 4) }

    static func normalized(_ s: String) -> String {
        let t = s.trimmingWhitespace()
        return t.count > 40 ? String(t.prefix(37)) + "..." : t
    }

    /// Up to three values, most frequent first, ties broken by text for determinism.
    static func mostFrequent(_ counts: [String: Int]) -> ArraySlice<(key: String, value: Int)> {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
    }

    /// The most frequent wrong values as code spans: "`0.225` ×2, `0.2` ×1", or "—".
    static func top(_ counts: [String: Int]) -> String {
        let items = mostFrequent(counts)
        if items.isEmpty { return "—" }
        return items.map { "\(SubmissionReport.code($0.key)) ×\($0.value)" }.joined(separator: ", ")
    }

    /// The most frequent diagnoses as plain text: "sign error ×2; transposed ×1", or "—".
    static func topPlain(_ counts: [String: Int]) -> String {
        let items = mostFrequent(counts)
        if items.isEmpty { return "—" }
        return items.map { "\($0.key) ×\($0.value)" }.joined(separator: "; ")
    }
}
