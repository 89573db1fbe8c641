import Testing
import NNCore
import NNProblem
import NNGrade
import NNYAML

/// Each question kind: reading its key, reading and grading answers, and its errors.
@Suite struct QuestionKindTests {
    /// Seed 000's network (1.2: BCE with y = 0 is 0.986573; 1.3: with y = 1, 0.466573), then
    /// `questions` (YAML list items, indented by two spaces).
    static func problem(_ questions: String) -> String {
        """
        id: kinds
        network:
          input_size: 2
          parameter_naming: graph_nodes
          layers:
            - {units: 3, activation: relu}
            - {units: 1, activation: sigmoid}
          parameters: {"w1,3": 0.4, "w1,4": -0.2, "w1,5": -0.3, "w2,3": 0.0, "w2,4": 0.7, "w2,5": 0.1,
                       "w3,6": -0.2, "w4,6": 0.5, "w5,6": -0.6}
        data: {x: [1, 2], y: 0}
        loss: bce
        questions:
          - {id: "1.2", ask: loss}
          - {id: "1.3", ask: loss, given: {y: 1}}
          - {id: "1.2-again", ask: loss}
          - {id: "z1", ask: z1}

        """ + questions
    }

    static func gradable(_ questions: String) throws(InputError) -> GradableProblem {
        try GradableProblem(problem: ProblemLoader.load(bytes: Array(problem(questions).utf8), file: "p.yaml"))
    }

    /// The error reading `questions` gives, as one line.
    static func error(_ questions: String) -> String? {
        do {
            _ = try gradable(questions)
            return nil
        } catch {
            return error.description
        }
    }

    /// Grades `answers` (YAML mapping lines, indented by two spaces) and returns question `id`'s result.
    static func grade(_ questions: String, _ answers: String, id: String,
                      audience: Audience = .student) throws -> QuestionResult {
        let grader = Grader(gradable: try gradable(questions), audience: audience)
        let submission = try SubmissionLoader.load(bytes: Array("student: s\nanswers:\n\(answers)".utf8), file: "s.yaml")
        return try #require(grader.grade(submission).questions.first { $0.id == id })
    }

    static let compare = """
          - id: cmp
            kind: choice
            options: [bigger, smaller, same]
            answer: {compare: ["1.3", "1.2"], labels: {less: smaller, greater: bigger, equal: same}}

        """

    // MARK: choice

    @Test func computedChoiceComparesTheTwoKeys() throws {
        // 0.466573 (1.3) < 0.986573 (1.2): "smaller", seed 000's answer.
        let right = try Self.grade(Self.compare, "  cmp: Smaller\n", id: "cmp")
        #expect(right.verdict == .correct && right.earned == 1)
        #expect(right.expected == nil)   // students do not see the key
        let wrong = try Self.grade(Self.compare, "  cmp: bigger\n", id: "cmp", audience: .instructor)
        #expect(wrong.verdict == .incorrect && wrong.earned == 0)
        #expect(wrong.expected == .text("smaller"))
        // Reversed, and two equal keys.
        let reversed = Self.compare.replacingOccurrences(of: "[\"1.3\", \"1.2\"]", with: "[\"1.2\", \"1.3\"]")
        #expect(try Self.grade(reversed, "  cmp: bigger\n", id: "cmp").verdict == .correct)
        let equal = Self.compare.replacingOccurrences(of: "[\"1.3\", \"1.2\"]", with: "[\"1.2\", \"1.2-again\"]")
        #expect(try Self.grade(equal, "  cmp: same\n", id: "cmp").verdict == .correct)
    }

    @Test func anAnswerThatIsNotAnOptionIsIncorrectNotUnreadable() throws {
        let r = try Self.grade(Self.compare, "  cmp: larger\n", id: "cmp")
        #expect(r.verdict == .incorrect)
        #expect(r.message == "'larger' is not one of: bigger, smaller, same")
        #expect(r.given == "larger")
        let list = try Self.grade(Self.compare, "  cmp: [smaller, bigger]\n", id: "cmp")
        #expect(list.verdict == .incorrect && list.message == "give one option, not a list")
        let mapping = try Self.grade(Self.compare, "  cmp: {a: 1}\n", id: "cmp")
        #expect(mapping.verdict == .unparseable && mapping.given == "{…}")
        #expect(try Self.grade(Self.compare, "", id: "cmp").verdict == .missing)
        #expect(try Self.grade(Self.compare, "  cmp:\n", id: "cmp").verdict == .missing)
    }

    @Test func multipleChoiceIsScoredPerOption() throws {
        let q = """
              - id: act
                kind: choice
                multiple: true
                points: 4
                options: [relu, sigmoid, tanh, identity]
                answer: [sigmoid, tanh]

            """
        // Each of the four options chosen or left out as the key has it scores a quarter.
        #expect(try Self.grade(q, "  act: [tanh, Sigmoid]\n", id: "act").earned == 4)
        let three = try Self.grade(q, "  act: [sigmoid]\n", id: "act")
        #expect(three.verdict == .partial && three.earned == 3 && three.message == "1 of 4 options wrong")
        let half = try Self.grade(q, "  act: [sigmoid, relu]\n", id: "act")
        #expect(half.verdict == .partial && half.earned == 2)
        let none = try Self.grade(q, "  act: [relu, identity]\n", id: "act")
        #expect(none.verdict == .incorrect && none.earned == 0)
        #expect(try Self.grade(q, "  act: tanh\n", id: "act").earned == 3)
        #expect(try Self.grade(q, "  act: [tanh, softmax]\n", id: "act").message == "'softmax' is not one of: relu, sigmoid, tanh, identity")
    }

    @Test func verifyChecksAWrittenChoiceKeyAgainstTheComputedOne() throws {
        let both = """
              - id: cmp
                kind: choice
                options: [bigger, smaller, same]
                answer: bigger
                computed: {compare: ["1.3", "1.2"], labels: {less: smaller, greater: bigger, equal: same}}

            """
        let results = KindVerifier.verify(try Self.gradable(both))
        let cmp = try #require(results.first { $0.id == "cmp" })
        #expect(cmp.findings.map(\.description) == ["p.yaml:20:13: question cmp: key says bigger, solver computes smaller"])
        let agreeing = both.replacingOccurrences(of: "answer: bigger", with: "answer: smaller")
        #expect(try #require(KindVerifier.verify(try Self.gradable(agreeing)).first { $0.id == "cmp" }).findings.isEmpty)
        // Grading uses the solver's key.
        #expect(try Self.grade(both, "  cmp: smaller\n", id: "cmp").verdict == .correct)
    }

    @Test(arguments: [
        ("    options: [a, b]\n    answer: c\n", "p.yaml:23:13: question q: the answer 'c' is not one of: a, b"),
        ("    options: [a]\n    answer: a\n", "p.yaml:22:14: question q: options must list at least two choices"),
        ("    options: [a, A]\n    answer: a\n", "p.yaml:22:18: question q: option 'A' is listed twice"),
        ("    options: [a, b]\n", "p.yaml:20:5: question q has no 'answer'"),
        ("    options: [a, b]\n    answer: [a, b]\n", "p.yaml:23:13: question q: the answer is a list, but the question asks for one option (set multiple: true)"),
        ("    options: [a, b]\n    answer: {compare: [\"1.3\", \"9.9\"], labels: {less: a}}\n",
         "p.yaml:23:31: question q: compare names question '9.9', which does not exist"),
        ("    options: [a, b]\n    answer: {compare: [\"1.3\", \"t\"], labels: {less: a}}\n",
         "p.yaml:23:31: question q: compare names question 't', which is not numeric"),
        ("    options: [a, b]\n    answer: {compare: [\"1.3\", \"1.2\"], labels: {less: c}}\n",
         "p.yaml:23:54: question q: label 'c' is not one of: a, b"),
        ("    options: [a, b]\n    answer: {compare: [\"1.3\"], labels: {less: a}}\n",
         "p.yaml:23:23: question q: compare names exactly two questions"),
        ("    options: [a, b]\n    answer: a\n    accept: [a]\n", "p.yaml:24:5: unknown key 'accept' in question q; expected one of: id, kind, text, points, show_key, options, multiple, answer, computed"),
    ])
    func badChoiceQuestionsAreLocated(body: String, message: String) {
        let q = "  - id: t\n    kind: text\n    accept: [x]\n  - id: q\n    kind: choice\n" + body
        #expect(Self.error(q) == message)
    }

    @Test func aComputedChoiceOnAVectorIsUngraded() throws {
        let q = Self.compare.replacingOccurrences(of: "[\"1.3\", \"1.2\"]", with: "[\"z1\", \"1.2\"]")
        let r = try Self.grade(q, "  cmp: smaller\n", id: "cmp")
        #expect(r.verdict == .ungraded)
        #expect(r.message == "the key could not be computed: compare needs two questions whose keys are single numbers")
        let finding = try #require(KindVerifier.verify(try Self.gradable(q)).first { $0.id == "cmp" }).findings
        #expect(finding.count == 1 && finding[0].severity == .error)
    }

    // MARK: text

    static let text = """
          - id: B.2
            kind: text
            accept: ["no", "no it cannot"]
            accept_regex: ["no\\\\b.*"]

        """

    @Test func textAnswersAreMatchedWithoutCaseOrSpacing() throws {
        for answer in ["No", "  NO ", "no  it   cannot", "No; identity will not perform any transformation"] {
            let r = try Self.grade(Self.text, "  B.2: \"\(answer)\"\n", id: "B.2")
            #expect(r.verdict == .correct && r.earned == 1, "\(answer)")
        }
        for answer in ["yes", "not sure", "nope"] {
            let r = try Self.grade(Self.text, "  B.2: \"\(answer)\"\n", id: "B.2")
            #expect(r.verdict == .incorrect && r.message == "not an accepted answer", "\(answer)")
        }
        // A number is read as its text.
        let number = "  - {id: n, kind: text, accept: [\"42\"]}\n"
        #expect(try Self.grade(number, "  n: 42\n", id: "n").verdict == .correct)
        #expect(try Self.grade(Self.text, "  B.2: [no]\n", id: "B.2").verdict == .incorrect)
        let instructor = try Self.grade(Self.text, "  B.2: yes\n", id: "B.2", audience: .instructor)
        #expect(instructor.expected == .text("no"))
    }

    @Test(arguments: [
        ("    accept: []\n", "p.yaml:19:13: question t: 'accept' (or 'accept_regex') must list at least one accepted answer"),
        ("    text: \"?\"\n", "p.yaml:17:5: question t: 'accept' (or 'accept_regex') must list at least one accepted answer"),
        ("    accept: [\"  \"]\n", "p.yaml:19:14: question t accept lists an empty answer"),
        ("    accept_regex: [\"(unclosed\"]\n", "p.yaml:19:20: question t: accept_regex '(unclosed' is not a regular expression"),
        ("    accept: [a]\n    options: [a, b]\n", "p.yaml:20:5: unknown key 'options' in question t; expected one of: id, kind, text, points, show_key, accept, accept_regex"),
    ])
    func badTextQuestionsAreLocated(body: String, message: String) {
        let error = Self.error("  - id: t\n    kind: text\n" + body)
        #expect(error?.hasPrefix(message) == true, "\(error ?? "no error") instead of \(message)")
    }

    // MARK: manual

    static let manual = """
          - id: why
            kind: manual
            points: 2
            rubric: "0.627 is closer to 1 than to 0."

        """

    @Test func manualAnswersWaitForReview() throws {
        let r = try Self.grade(Self.manual, "  why: \"Because the output is closer to 1.\"\n", id: "why")
        #expect(r.verdict == .needsReview && r.earned == 0 && r.possible == 2)
        #expect(r.given == "Because the output is closer to 1.")
        #expect(r.message == "waiting for review")
        let instructor = try Self.grade(Self.manual, "  why: \"x\"\n", id: "why", audience: .instructor)
        #expect(instructor.message == "waiting for review (rubric: 0.627 is closer to 1 than to 0.)")
        #expect(try Self.grade(Self.manual, "", id: "why").verdict == .missing)
        #expect(try Self.grade(Self.manual, "  why: [a, [b]]\n", id: "why").verdict == .unparseable)
        // A self-check is not failed by answers that only a person can grade.
        let grader = Grader(gradable: try Self.gradable(Self.manual))
        let submission = try SubmissionLoader.load(bytes: Array("student: s\nanswers:\n  \"1.2\": 0.987\n  \"1.3\": 0.467\n  \"1.2-again\": 0.987\n  z1: [0.4, 1.2, -0.1]\n  why: x\n".utf8), file: "s.yaml")
        let result = grader.grade(submission)
        #expect(result.allPassed && result.pendingCount == 1 && result.earned == 4)
    }

    @Test func manualQuestionKeys() {
        #expect(Self.error("  - id: m\n    kind: manual\n    accept: [x]\n")
                == "p.yaml:19:5: unknown key 'accept' in question m; expected one of: id, kind, text, points, show_key, rubric")
        #expect(Self.error("  - id: m\n    kind: manual\n    rubric: [x]\n")?.hasPrefix("p.yaml:19:13:") == true)
    }

    // MARK: the registry

    @Test func anUnknownKindIsLocatedAtItsKindKey() {
        #expect(Self.error("  - id: q\n    kind: essay\n")
                == "p.yaml:18:11: question q: unknown kind 'essay'; expected one of: numeric, choice, text, manual, formula, function, network, experiment")
        #expect(Self.error("  - id: q\n    kind: [a]\n")?.hasPrefix("p.yaml:18:11:") == true)
    }

    @Test func kindNumericIsTheDefault() throws {
        let explicit = try Self.gradable("  - {id: q, kind: numeric, ask: y_hat}\n")
        #expect(explicit.questions.map { type(of: $0).name } == ["numeric", "numeric", "numeric", "numeric", "numeric"])
        #expect(QuestionKinds.registered.map { $0.name } == ["numeric", "choice", "text", "manual", "formula", "function", "network", "experiment"])
        #expect(Set(QuestionKinds.registered.map { $0.name }).count == QuestionKinds.registered.count)
    }

    @Test func questionsOfEveryKindKeepFileOrderInResults() throws {
        let grader = Grader(gradable: try Self.gradable(Self.compare + Self.text + Self.manual))
        let submission = try SubmissionLoader.load(bytes: Array("student: s\nanswers:\n  cmp: smaller\n".utf8), file: "s.yaml")
        let r = grader.grade(submission)
        #expect(r.questions.map(\.id) == ["1.2", "1.3", "1.2-again", "z1", "cmp", "B.2", "why"])
        #expect(r.possible == 8)
        #expect(r.earned == 1)
    }
}
