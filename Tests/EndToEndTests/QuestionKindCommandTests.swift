import Foundation
import Testing

/// The built binary on a problem that mixes all four question kinds, and the review round trip.
@Suite struct QuestionKindCommandTests {
    /// Seed 000's network with one question of each kind (and the two losses the choice compares).
    static let problem = """
        id: mixed
        title: Mixed kinds
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
          - {id: "1.2", ask: loss, answer: 0.986573}
          - {id: "1.3", ask: loss, given: {y: 1}, answer: 0.466573}
          - id: "1.3-compare"
            kind: choice
            options: [bigger, smaller, same]
            answer: {compare: ["1.3", "1.2"], labels: {less: smaller, greater: bigger, equal: same}}
          - id: "1.3-why"
            kind: manual
            points: 2
            rubric: "0.627 is closer to 1 than to 0."
          - id: "B.2"
            kind: text
            accept: ["no"]

        """

    static let answers = [
        "a.yaml": "student: s1\nanswers:\n  \"1.2\": 0.987\n  \"1.3\": 0.467\n  \"1.3-compare\": smaller\n  \"1.3-why\": \"closer to 1\"\n  \"B.2\": \"No\"\n",
        "b.yaml": "student: s2\nanswers:\n  \"1.2\": 0.987\n  \"1.3-compare\": larger\n  \"B.2\": \"yes\"\n",
    ]

    /// A folder with `p.yaml` and `subs/` holding the answer files.
    static func setUp(_ label: String) throws -> String {
        let dir = try NNCheckBinary.temporaryFolder(label)
        try problem.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/subs", withIntermediateDirectories: true)
        for (name, text) in answers { try text.write(toFile: dir + "/subs/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func gradesAProblemMixingAllFourKinds() throws {
        let dir = try Self.setUp("kinds")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--out", "out", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let gradebook = try Self.read(dir + "/out/mixed/gradebook.csv")
        #expect(gradebook == "student,file,status,1.2,1.3,1.3-compare,1.3-why,B.2,total,max,percent,reason\r\n"
                + "s1,a.yaml,graded,1,1,1,pending,1,4,6,66.7,1 answer pending review\r\n"
                + "s2,b.yaml,graded,1,0,0,0,0,1,6,16.7,\r\n")
        let a = try Self.read(dir + "/out/mixed/a.md")
        #expect(a.contains("| 1.3-compare | 1 / 1 | correct | `smaller` | the right option |"))
        #expect(a.contains("| 1.3-why | 0 / 2 | needs_review | `closer to 1` | waiting for review |"))
        #expect(a.contains("| B.2 | 1 / 1 | correct | `No` | an accepted answer |"))
        #expect(a.contains("- Pending: 1 answer pending review (not yet in the score)"))
        let b = try Self.read(dir + "/out/mixed/b.md")
        #expect(b.contains("| 1.3-compare | 0 / 1 | incorrect | `larger` | 'larger' is not one of: bigger, smaller, same |"))
        #expect(b.contains("| B.2 | 0 / 1 | incorrect | `yes` | not an accepted answer |"))
        #expect(!a.contains("0.627 is closer") && !b.contains("0.627 is closer"))   // the rubric is the instructor's
        let summary = try Self.read(dir + "/out/mixed/summary.md")
        #expect(summary.contains("Pending review (not yet in the scores): 1.3-why (1 answer)"))

        let check = try NNCheckBinary.run(["check", "p.yaml", "subs/a.yaml"], in: dir)
        #expect(check.status == 0, "a manual answer waiting for review does not fail a self-check:\n\(check.stdout)")
        #expect(try NNCheckBinary.run(["check", "p.yaml", "subs/b.yaml"], in: dir).status == 1)
        let verify = try NNCheckBinary.run(["verify", "p.yaml"], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
        let template = try NNCheckBinary.run(["template", "p.yaml"], in: dir)
        #expect(template.stdout.contains("  # one of: bigger, smaller, same; 1 point\n  \"1.3-compare\":\n"))
        #expect(template.stdout.contains("  # a written answer, graded by hand; 2 points\n  \"1.3-why\":\n"))
    }

    @Test func reviewTemplateFilledAndMergedReachesTheGradebook() throws {
        let dir = try Self.setUp("review")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let template = try NNCheckBinary.run(["review-template", "p.yaml", "subs"], in: dir)
        #expect(template.status == 0, "\(template.stderr)")
        #expect(template.stdout == "file,student,question,max_points,points,comment,answer\r\n"
                + "a.yaml,s1,1.3-why,2,,,closer to 1\r\n")
        let filled = template.stdout.replacingOccurrences(of: "1.3-why,2,,,", with: "1.3-why,2,1.5,\"Right; say why, too\",")
        try filled.write(toFile: dir + "/review.csv", atomically: true, encoding: .utf8)
        let run = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--out", "out", "--review", "review.csv", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let gradebook = try Self.read(dir + "/out/mixed/gradebook.csv")
        #expect(gradebook.contains("s1,a.yaml,graded,1,1,1,1.5,1,5.5,6,91.7,\r\n"))
        let a = try Self.read(dir + "/out/mixed/a.md")
        #expect(a.contains("| 1.3-why | 1.5 / 2 | partial | `closer to 1` | reviewed: 1.5 / 2 points; comment: Right; say why, too |"))
        let json = try Self.read(dir + "/out/mixed/gradebook.json")
        #expect(json.contains("\"comment\": \"Right; say why, too\""))
        // The platform exports carry the review too.
        let export = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--out", "ex", "--format", "gradescope", "--review", "review.csv", "--quiet"], in: dir)
        #expect(export.status == 0)
        let results = try Self.read(dir + "/ex/mixed/a/results.json")
        #expect(results.contains("\"score\": 5.5") && results.contains("Comment: Right; say why, too"))
    }

    @Test func badReviewRowsAndBadKindsExit65WithTheirPosition() throws {
        let dir = try Self.setUp("bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "file,question,points\na.yaml,1.3-why,3\n".write(toFile: dir + "/over.csv", atomically: true, encoding: .utf8)
        let over = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--out", "out", "--review", "over.csv"], in: dir)
        #expect(over.status == 65)
        #expect(over.stderr == "over.csv:2: 3 points is above question 1.3-why's maximum of 2\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))   // nothing written
        try "student,question,points\nnobody,1.3-why,1\n".write(toFile: dir + "/who.csv", atomically: true, encoding: .utf8)
        let who = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--out", "out", "--review", "who.csv"], in: dir)
        #expect(who.status == 65)
        #expect(who.stderr == "who.csv:2: student 'nobody' has no gradable submission in the folder\n")
        let missing = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--review", "none.csv"], in: dir)
        #expect(missing.status == 66)

        try Self.problem.replacingOccurrences(of: "kind: text", with: "kind: essay")
            .write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let kind = try NNCheckBinary.run(["grade", "p.yaml", "subs", "--out", "out"], in: dir)
        #expect(kind.status == 65)
        #expect(kind.stderr == "p.yaml:25:11: question B.2: unknown kind 'essay'; expected one of: numeric, choice, text, manual, formula, function, network, experiment\n")
        try Self.problem.replacingOccurrences(of: "accept: [\"no\"]", with: "accept: []")
            .write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let empty = try NNCheckBinary.run(["verify", "p.yaml"], in: dir)
        #expect(empty.status == 65)
        #expect(empty.stdout.contains("p.yaml:26:13: question B.2: 'accept' (or 'accept_regex') must list at least one accepted answer"))
        #expect(try NNCheckBinary.run(["template", "p.yaml"], in: dir).status == 65)
    }
}
