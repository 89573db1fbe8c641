import Testing
import NNCore
import NNYAML
import NNGrade

@Suite struct SubmissionLoaderTests {
    static func load(_ text: String) throws(InputError) -> Submission {
        try SubmissionLoader.load(bytes: Array(text.utf8), file: "a.yaml")
    }

    @Test func valuesAreReadWithTheProjectsGrammarNotYAMLs() throws {
        let s = try Self.load("""
            student: 42
            answers:
              a: 1:30
              b: 0x10
              c: 1e400
              h: .inf
              d: -3/4
              e: [1, "2/4"]
              f: [[1, 2], [3, 4]]
              g: 'e^-2'
            """)
        #expect(s.student == "42")
        for id in ["a", "b", "c"] {
            guard case .unparseable = s.answers[id] else { Issue.record("\(id) should not parse"); continue }
        }
        // YAML's .inf is kept as infinity, so that it is graded not_finite rather than unreadable.
        #expect(s.answers["h"] == .value(Tensor(.infinity), text: ".inf"))
        #expect(s.answers["d"] == .value(Tensor(-0.75), text: "-3/4"))
        #expect(s.answers["e"] == .value(Tensor(vector: [1, 0.5]), text: "[1, 2/4]"))
        if case .value(let t, _) = s.answers["f"] { #expect(t.shape == [2, 2] && t.scalars == [1, 2, 3, 4]) } else { Issue.record("f") }
        if case .value(let t, _) = s.answers["g"] { #expect(abs((t.scalarValue ?? 0) - 0.1353352832366127) < 1e-15) } else { Issue.record("g") }
    }

    @Test func raggedMatrixIsUnparseableWithItsLine() throws {
        let s = try Self.load("student: s\nanswers:\n  m: [[1, 2], [3]]\n")
        guard case .unparseable(let message, _, let loc) = s.answers["m"] else { Issue.record("expected unparseable"); return }
        #expect(message == "row 2 has 1 entries, row 1 has 2")
        #expect(loc.line == 3)
    }

    @Test func fileLevelErrorsAreLocated() {
        #expect(throws: InputError(file: "a.yaml", line: 1, column: 1, message: "the answer file has no 'student' id")) {
            try Self.load("answers: {}\n")
        }
        #expect(throws: InputError(file: "a.yaml", line: 2, column: 1, message: "unknown key 'answer' in the answer file; expected student, problem and answers")) {
            try Self.load("student: s\nanswer: {}\n")
        }
        do {
            _ = try Self.load("student: s\nanswers:\n  a: 1\n  a: 2\n")
            Issue.record("duplicate keys accepted")
        } catch {
            #expect(error.line == 4)
        }
    }
}
