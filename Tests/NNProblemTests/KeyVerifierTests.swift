import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import NNCore
import NNYAML
import NNProblem

/// `KeyVerifier` and `VerificationRendering` on small problem files written to a temporary folder.
@Suite struct KeyVerifierTests {
    /// Seed 000's network; the key of question 1.4 (the updated w3,6) is `KEY14`. Line numbers
    /// matter: question 1.1's `answer:` value is at 28:13 and question 1.4's at 31:13.
    static func mlp(key14: String, key11: String = "0.627148") -> String {
        """
        nncheck: 1
        id: mlp
        network:
          input_size: 2
          parameter_naming: graph_nodes
          layers:
            - {units: 3, activation: relu}
            - {units: 1, activation: sigmoid}
          parameters:
            "w1,3": 0.4
            "w1,4": -0.2
            "w1,5": -0.3
            "w2,3": 0.0
            "w2,4": 0.7
            "w2,5": 0.1
            "w3,6": -0.2
            "w4,6": 0.5
            "w5,6": -0.6
        data:
          x: [1, 2]
          y: 0
        loss: bce
        training:
          learning_rate: 0.1
        questions:
          - id: "1.1"
            ask: y_hat
            answer: \(key11)
          - id: "1.4"
            ask: "updated.w3,6"
            answer: \(key14)

        """
    }

    /// Layer 2's weights are 1×3 but layer 1 has 2 outputs: the error is at the weights, 8:16.
    static let mismatchedWeights = """
        nncheck: 1
        id: bad
        network:
          layers:
            - weights: [[1, 2, 3],
                        [4, 5, 6]]
              activation: relu
            - weights: [[1, 2, 3]]
              activation: identity
        data:
          x: [1, 2, 3]
        questions:
          - id: "1"
            ask: y_hat
            answer: 1

        """

    /// W1 is 2×3; question T's key (11:13) is its transpose, question U (12:5) has no key.
    static let transposed = """
        nncheck: 1
        id: tr
        network:
          layers:
            - weights: [[1, 2, 3],
                        [4, 5, 6]]
              activation: identity
        questions:
          - id: "W"
            ask: W1
            answer: [[1, 4], [2, 5], [3, 6]]
          - {id: "U", ask: W1}

        """

    /// A fresh folder under the system's temporary folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("KeyVerifierTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `text` to `folder/name` (creating subfolders) and returns the path.
    @discardableResult
    static func write(_ text: String, _ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `body` with a fresh temporary folder and removes it afterwards.
    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    @Test func goodKeysExitZero() throws {
        try Self.withFolder { folder in
            try Self.write(Self.mlp(key14: "-0.225086"), "mlp.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [folder])
            #expect(report.exitStatus == 0)
            #expect(report.verifiedCount == 2)
            #expect(report.findings.isEmpty)
            #expect(VerificationRendering.text(report) == "verified 2 questions in 1 file: 0 mismatches, 0 invalid files\n")
        }
    }

    /// Issue 11, item 5: an instructor's key may be written in the answer grammar, as a student's
    /// answer is: a bracketed list or a LaTeX matrix in one (quoted) text, `\frac` entries.
    /// W1 is 2×3 [[1, 2, 3], [4, 5, 6]]; z1 for x = [1, 1, 1] is [6, 15].
    static func textKeys(w1: String, z1: String) -> String {
        """
        nncheck: 1
        id: text-keys
        network:
          layers:
            - weights: [[1, 2, 3],
                        [4, 5, 6]]
              activation: identity
        data:
          x: [1, 1, 1]
        questions:
          - id: "W"
            ask: W1
            answer: \(w1)
          - id: "z"
            ask: z1
            answer: \(z1)

        """
    }

    @Test func keysWrittenAsAnswerTextAreReadAndVerified() throws {
        try Self.withFolder { folder in
            let path = try Self.write(Self.textKeys(
                w1: #"'\begin{bmatrix} 1 & 2 & 3 \\ 4 & \frac{10}{2} & 6 \end{bmatrix}'"#,
                z1: #""[6, 15]""#), "text.yaml", in: folder)
            let problem = try ProblemLoader.load(path: path)
            #expect(problem.question("W")?.instructorKey == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
            #expect(problem.question("z")?.instructorKey == Tensor(vector: [6, 15]))
            let report = KeyVerifier.verify(paths: [folder])
            #expect(report.exitStatus == 0)
            #expect(report.verifiedCount == 2)
            #expect(report.findings.isEmpty)
        }
        try Self.withFolder { folder in
            try Self.write(Self.textKeys(w1: "[[1, 2, 3], [4, 5, 6]]", z1: #""[0.7, 1.7]""#), "text.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [folder])
            #expect(report.exitStatus == 1)
            #expect(report.failureCount == 1)
        }
    }

    @Test func aKeyTextOutsideTheGrammarIsRejectedAtItsPosition() throws {
        try Self.withFolder { folder in
            let path = try Self.write(Self.textKeys(w1: "[[1, 2, 3], [4, 5, 6]]", z1: #""[6, 15""#), "text.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [folder])
            #expect(report.exitStatus == 65)
            let text = VerificationRendering.text(report)
            #expect(text.hasPrefix("\(path):16:13: question z answer: '[6, 15' is not a number ("), "\(text)")
        }
    }

    @Test func wrongKeyExitsOneWithItsPosition() throws {
        try Self.withFolder { folder in
            let path = try Self.write(Self.mlp(key14: "-0.252"), "mlp.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [folder])
            #expect(report.exitStatus == 1)
            #expect(report.failureCount == 1)
            #expect(VerificationRendering.text(report) == """
                \(path):31:13: question 1.4: key says -0.252, solver computes -0.225086 (tolerance ≤ 1e-06 + 0.5%·|t|)
                verified 2 questions in 1 file: 1 mismatch, 0 invalid files

                """)
        }
    }

    @Test func invalidFileExits65WithTheLoaderError() throws {
        try Self.withFolder { folder in
            let bad = try Self.write(Self.mismatchedWeights, "bad.yaml", in: folder)
            try Self.write(Self.mlp(key14: "-0.252"), "mlp.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [folder])
            #expect(report.exitStatus == 65)
            #expect(report.invalidFileCount == 1)
            #expect(report.files.first?.invalid?.line == 8)
            let lines = VerificationRendering.text(report).split(separator: "\n").map(String.init)
            #expect(lines.first == "\(bad):8:16: layer 2 weights are 1×3 but the layer receives 2 inputs, so they should be 1×2 (out_in layout)")
            #expect(lines.last == "verified 2 questions in 2 files: 1 mismatch, 1 invalid file")
        }
    }

    @Test func transposedMatrixKeyAndUnkeyedNote() throws {
        try Self.withFolder { folder in
            let path = try Self.write(Self.transposed, "tr.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [path])
            #expect(report.exitStatus == 1)
            #expect(VerificationRendering.text(report) == """
                \(path):11:13: question W: key has shape 3×2 but the solver computes 2×3 (the transpose)
                \(path):12:5: note: question U: has no answer key
                verified 1 question in 1 file: 1 mismatch, 0 invalid files, 1 unkeyed

                """)
        }
    }

    @Test func unkeyedIsANoteUnlessKeysAreRequired() throws {
        try Self.withFolder { folder in
            let path = try Self.write("""
                nncheck: 1
                id: f
                functions:
                  f: "x^2"
                questions:
                  - {id: "a", ask: f(3), answer: 9}
                  - {id: "b", ask: f'(3)}

                """, "f.yml", in: folder)
            let lenient = KeyVerifier.verify(paths: [folder])
            #expect(lenient.exitStatus == 0)
            #expect(lenient.unkeyedCount == 1)
            #expect(lenient.findings == [.init(severity: .note, file: path, line: 7, column: 5, message: "question b: has no answer key")])

            let strict = KeyVerifier.verify(paths: [folder], requireKeys: true)
            #expect(strict.exitStatus == 1)
            #expect(strict.findings.map(\.severity) == [.error])
            #expect(VerificationRendering.text(strict) == """
                \(path):7:5: question b: has no answer key
                verified 1 question in 1 file: 1 mismatch, 0 invalid files, 1 unkeyed

                """)
        }
    }

    @Test func missingPathExits66() throws {
        try Self.withFolder { folder in
            let report = KeyVerifier.verify(paths: [folder + "/nope"])
            #expect(report.exitStatus == 66)
            #expect(report.unreadablePaths.map(\.description) == ["\(folder)/nope: no such file or directory"])
        }
    }

    @Test func foldersAreWalkedRecursivelyInPathOrder() throws {
        try Self.withFolder { folder in
            let good = Self.mlp(key14: "-0.225086")
            try Self.write(good, "b.yaml", in: folder)
            try Self.write(good, "a/z.YML", in: folder)
            try Self.write(good, "a/c.yaml", in: folder)
            try Self.write(good, ".hidden/x.yaml", in: folder)
            try Self.write(good, "a/.x.yaml", in: folder)
            try Self.write("not yaml", "notes.txt", in: folder)
            let found = KeyVerifier.problemFiles(in: [folder + "/", folder + "/b.yaml"])
            #expect(found.files == [folder + "/a/c.yaml", folder + "/a/z.YML", folder + "/b.yaml"])
            #expect(found.unreadable.isEmpty)
        }
    }

    @Test func defensiveChecksCatchBadPointsAndRepeatedIDs() throws {
        try Self.withFolder { folder in
            let path = try Self.write(Self.transposed, "tr.yaml", in: folder)
            var problem = try ProblemLoader.load(path: path)
            problem.questions[1].id = "W"
            problem.questions[1].points = 0
            let results = KeyVerifier.verify(problem: problem)
            #expect(results[1].findings.map(\.message) == [
                "question W: points must be positive, got 0",
                "question W: the id is used twice (first at line 9)",
                "question W: has no answer key",
            ])
            #expect(results[1].failed)
        }
    }

    @Test func junitIsWellFormedWithOneTestCasePerQuestion() throws {
        try Self.withFolder { folder in
            try Self.write(Self.mlp(key14: "-0.252"), "a.yaml", in: folder)
            try Self.write(Self.mismatchedWeights, "b.yaml", in: folder)
            try Self.write(Self.transposed, "c.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [folder])
            let counts = try Self.parseJUnit(VerificationRendering.junit(report))
            #expect(counts.suites == 3)
            #expect(counts.testcases == 2 + 1 + 2)
            #expect(counts.failures == 2)
            #expect(counts.errors == 1)
            #expect(counts.skipped == 1)
            #expect(counts.failureMessages.contains(
                "question 1.4: key says -0.252, solver computes -0.225086 (tolerance ≤ 1e-06 + 0.5%·|t|)"))
            #expect(counts.testcaseNames.contains("question 1.4"))
            #expect(counts.classNames == ["mlp", "mlp", folder + "/b.yaml", "tr", "tr"])
        }
    }

    @Test func junitEscapesMarkupAndControlCharacters() throws {
        let file = "dir/<odd> & \"name\".yaml"
        let message = "question 1<2>: key says 'x' & \u{1}\u{0}\u{1B} y\u{FFFE}\nz\tw"
        let report = VerificationReport(files: [
            .init(path: file, problemID: "p&q", questions: [
                .init(id: "1<2>", location: SourceLocation(file: file, line: 3, column: 5), keyed: true,
                      findings: [.init(severity: .error, file: file, line: 4, column: 13, message: message)]),
            ]),
            .init(path: "bad\u{7}.yaml", invalid: InputError(file: "bad\u{7}.yaml", line: 1, column: 1, message: "oops \u{8}")),
        ])
        let xml = VerificationRendering.junit(report)
        let counts = try Self.parseJUnit(xml)
        #expect(counts.testcases == 2)
        #expect(counts.failures == 1)
        #expect(counts.errors == 1)
        #expect(counts.failureMessages == ["question 1<2>: key says 'x' & \u{FFFD}\u{FFFD}\u{FFFD} y\u{FFFD}\nz\tw"])
        #expect(counts.testcaseNames.first == "question 1<2>")
        #expect(counts.classNames.first == "p&q")
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func githubAnnotationsAreExactAndEscaped() throws {
        try Self.withFolder { folder in
            let path = try Self.write(Self.mlp(key14: "-0.252"), "mlp.yaml", in: folder)
            let report = KeyVerifier.verify(paths: [path])
            #expect(VerificationRendering.github(report) == """
                ::error file=\(path),line=31,col=13,title=nncheck verify::question 1.4: key says -0.252, solver computes -0.225086 (tolerance ≤ 1e-06 + 0.5%25·|t|)
                verified 2 questions in 1 file: 1 mismatch, 0 invalid files

                """)
        }
        let file = "a,b:c%.yaml"
        let report = VerificationReport(files: [
            .init(path: file, problemID: "p", questions: [
                .init(id: "1", location: SourceLocation(file: file, line: 2, column: 5), keyed: true,
                      findings: [.init(severity: .error, file: file, line: 3, column: 13,
                                       message: "question 1: 50%, not 5%,\r\nreally: yes")]),
                .init(id: "2", location: SourceLocation(file: file, line: 4, column: 5), keyed: false,
                      findings: [.init(severity: .note, file: file, line: 4, column: 5, message: "question 2: has no answer key")]),
            ]),
            .init(path: "bad.yaml", invalid: InputError(file: "bad.yaml", message: "not a mapping")),
        ])
        #expect(VerificationRendering.github(report) == """
            ::error file=a%2Cb%3Ac%25.yaml,line=3,col=13,title=nncheck verify::question 1: 50%25, not 5%25,%0D%0Areally: yes
            ::notice file=a%2Cb%3Ac%25.yaml,line=4,col=5,title=nncheck verify::question 2: has no answer key
            ::error file=bad.yaml,title=nncheck verify::not a mapping
            verified 1 question in 2 files: 1 mismatch, 1 invalid file, 1 unkeyed

            """)
    }

    /// What a JUnit document contains, read back with `XMLParser`.
    struct JUnitCounts {
        var suites = 0
        var testcases = 0
        var failures = 0
        var errors = 0
        var skipped = 0
        var failureMessages: [String] = []
        var testcaseNames: [String] = []
        var classNames: [String] = []
    }

    /// Collects `JUnitCounts` while parsing.
    final class JUnitCounter: NSObject, XMLParserDelegate {
        var counts = JUnitCounts()

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            switch elementName {
            case "testsuite": counts.suites += 1
            case "testcase":
                counts.testcases += 1
                counts.testcaseNames.append(attributeDict["name"] ?? "")
                counts.classNames.append(attributeDict["classname"] ?? "")
            case "failure":
                counts.failures += 1
                counts.failureMessages.append(attributeDict["message"] ?? "")
            case "error": counts.errors += 1
            case "skipped": counts.skipped += 1
            default: break
            }
        }
    }

    /// Parses JUnit XML, failing the test when it is not well-formed.
    static func parseJUnit(_ xml: String) throws -> JUnitCounts {
        let parser = XMLParser(data: Data(xml.utf8))
        let counter = JUnitCounter()
        parser.delegate = counter
        let ok = parser.parse()
        #expect(ok, "not well-formed XML: \(String(describing: parser.parserError))\n\(xml)")
        try #require(ok)
        return counter.counts
    }
}
