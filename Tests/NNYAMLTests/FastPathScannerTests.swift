import Foundation
import Testing
@testable import NNYAML
import TestSupport

/// One text read both ways: by `FastPathScanner` and by the libyaml-based `EventReader`.
struct FastPathComparison {
    /// The fast path's node, or `nil` when it declined.
    var fast: YAMLNode?
    /// libyaml's result, or `nil` when the text fails `TextCheck` (then neither reader runs).
    var slow: Result<YAMLNode, InputError>?

    /// Reads `bytes` exactly as `YAMLReader` prepares them (BOM skipped, encoding checked).
    init(_ bytes: [UInt8], limits: YAMLLimits = .answerFile) {
        let outcome: (YAMLNode?, Result<YAMLNode, InputError>?) = bytes.withUnsafeBufferPointer { buffer in
            var text = buffer
            if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
                text = UnsafeBufferPointer(rebasing: text[3...])
            }
            let (problem, layout) = TextCheck.inspect(text)
            guard problem == nil else { return (nil, nil) }
            let fast = FastPathScanner.read(text, layout: layout, file: "a.yaml", limits: limits)
            let slow = Result { () throws(InputError) -> YAMLNode in
                try EventReader.read(text, file: "a.yaml", limits: limits)
            }
            return (fast, slow)
        }
        fast = outcome.0
        slow = outcome.1
    }

    /// Reads a string's UTF-8 bytes.
    init(_ text: String, limits: YAMLLimits = .answerFile) {
        self.init(Array(text.utf8), limits: limits)
    }

    /// Whether the fast path produced a node.
    var tookFastPath: Bool { fast != nil }

    /// The fast path's invariant: no node, or exactly libyaml's node (never a node where libyaml fails).
    var agrees: Bool {
        guard let fast else { return true }
        guard case .success(let node) = slow else { return false }
        return fast == node
    }

    /// Both results, for failure messages.
    var explanation: String {
        "fast path: \(fast.map { String(describing: $0) } ?? "nil")\nlibyaml: \(slow.map { String(describing: $0) } ?? "text check failed")"
    }
}

@Suite struct FastPathScannerTests {
    /// The repository root.
    static var root: String { RepositoryRoot.path }

    /// Every file the corpus test reads: YAML and JSON under the sample folders, all fuzz regressions.
    static func corpusFiles() -> [String] {
        var paths: [String] = []
        let fileManager = FileManager.default
        for folder in ["submissions", "problems", "fuzz/corpus", "fuzz/regressions"] {
            let base = root + "/" + folder
            guard let enumerator = fileManager.enumerator(atPath: base) else { continue }
            for case let relative as String in enumerator {
                let path = base + "/" + relative
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    continue
                }
                let isYAML = [".yaml", ".yml", ".json"].contains { relative.hasSuffix($0) }
                if isYAML || folder == "fuzz/regressions" {
                    paths.append(path)
                }
            }
        }
        return paths.sorted()
    }

    /// The bundled answer files shaped like the typical one (comments, `key: value`, quoted keys,
    /// flow lists); each must take the fast path.
    static let simpleAnswerFiles = [
        "submissions/cs2109s-t7/perfect.yaml",
        "submissions/cs2109s-t7/sign-error.yaml",
        "submissions/cs2109s-t7/transposed-gradient.yaml",
        "submissions/cs5783-a2/batch-sum.yaml",
        "submissions/cs5783-a2/transposed-gradient.yaml",
        "submissions/dsga1008-hw1/perfect.yaml",
        "submissions/dsga1008-hw1/sign-error.yaml",
        "submissions/ece4179-activation/perfect.yaml",
        "submissions/ece4179-activation/sign-error.yaml",
        "submissions/ece4179-mlp/perfect.yaml",
        "submissions/ece4179-mlp/sign-error.yaml",
        "submissions/hw1-backprop/perfect.yaml",
        "submissions/hw1-backprop/sign-error.yaml",
        "submissions/hw1-backprop/transposed-gradient.yaml",
    ]

    @Test func corpusFilesAgreeWithLibyaml() throws {
        let paths = Self.corpusFiles()
        #expect(paths.count > 100)
        var fastPaths: Set<String> = []
        for path in paths {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            let comparison = FastPathComparison([UInt8](bytes))
            #expect(comparison.agrees, "\(path)\n\(comparison.explanation)")
            if comparison.tookFastPath {
                fastPaths.insert(String(path.dropFirst(Self.root.count + 1)))
            }
        }
        print("fast path taken by \(fastPaths.count) of \(paths.count) corpus files")
        for name in Self.simpleAnswerFiles {
            #expect(fastPaths.contains(name), "\(name) no longer takes the fast path")
        }
        // Every bundled YAML submission is simple except these deliberately broken ones.
        let brokenSubmissions: Set = ["submissions/dsga1008-hw1/empty.yaml", "submissions/ece4179-mlp/bad-syntax.yaml",
                                      "submissions/hw1-backprop/duplicate-keys.yaml"]
        let submissions = paths.map { String($0.dropFirst(Self.root.count + 1)) }
            .filter { $0.hasPrefix("submissions/") && $0.hasSuffix(".yaml") }
        #expect(submissions.count >= 40)
        for name in submissions where !brokenSubmissions.contains(name) {
            #expect(fastPaths.contains(name), "\(name) does not take the fast path")
        }
        for name in brokenSubmissions {
            #expect(submissions.contains(name) && !fastPaths.contains(name))
        }
    }

    @Test func readerUsesFastPathResult() throws {
        let text = "# Answer file\nstudent: \"s1\"\nanswers:\n  \"f1\": [[0.5, -1], [2, 3]]\n  q5: 1.5e-3   # c\n"
        let comparison = FastPathComparison(text)
        #expect(comparison.tookFastPath)
        #expect(try read(text) == comparison.slow?.get())
    }

    @Test func readingWithoutTheFastPathGivesTheSameTreeAndErrors() throws {
        // The public libyaml-only entry point (used by the differential fuzz target).
        let good = Array("student: \"s1\"\nanswers:\n  q1: [1, 2]\n".utf8)
        #expect(try YAMLReader.readWithoutFastPath(good, file: "a.yaml", limits: .answerFile)
                == YAMLReader.read(good, file: "a.yaml", limits: .answerFile))
        let duplicate = Array("a: 1\na: 2\n".utf8)
        var errors: [String] = []
        do { _ = try YAMLReader.read(duplicate, file: "a.yaml", limits: .answerFile) } catch {
            errors.append(error.description)
        }
        do { _ = try YAMLReader.readWithoutFastPath(duplicate, file: "a.yaml", limits: .answerFile) } catch {
            errors.append(error.description)
        }
        #expect(errors.count == 2 && errors[0] == errors[1] && errors[0].hasPrefix("a.yaml:2:1:"), "\(errors)")
    }

    /// A hand-written case: its text, whether the fast path must take it, and the limits to use.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var fast: Bool
        var limits: YAMLLimits = .answerFile
        var testDescription: String { name }
    }

    static let tiny = YAMLLimits(maxBytes: 1 << 20, maxDepth: 2, maxNodes: 6, maxScalarLength: 4,
                                 allowAliases: false)

    static let cases: [Case] = [
        Case(name: "typical", text: """
            # Answer file for bench-mlp
            student: "s00001"
            problem: bench-mlp
            answers:
              "f1-z1": [[0.6901, -0.1247, 0.2511], [-0.8393, 0.9099, -0.2803]]
              "f7-yhat12": 0.4248
              "b7-dW2-23": "0.009245"
              u2-b3: [[0.0956], [-0.05402], [0.01508]]
              q5: 1.5e-3   # comment

            """, fast: true),
        Case(name: "comments everywhere", text: "# a\n  # b\na: 1 # c\n# d\nb:   # e\n    # f\n  c: 2\n#g", fast: true),
        Case(name: "trailing spaces", text: "a: 1   \nb: x y  \n\"c\": 'z'   \nd: [1, 2]  \n", fast: true),
        Case(name: "quoted keys", text: "\"a b\": 1\n'c''d': 2\n\"\": 3\n\"x\" : 4\n", fast: true),
        Case(name: "key:value without space", text: "key:value\n", fast: false),
        Case(name: "key:value in a mapping", text: "a: 1\nkey:value\n", fast: false),
        Case(name: "colon inside a plain value", text: "a: b:c\nt: 1:30\nu: http://x.org/a\n", fast: true),
        Case(name: "a: b: c", text: "a: b: c\n", fast: false),
        Case(name: "value ending in a colon", text: "a: b:\n", fast: false),
        Case(name: "nested flow", text: "a: [1, [2, 3]]\n", fast: true),
        Case(name: "flow without spaces", text: "a: [1,2]\n", fast: true),
        Case(name: "flow with spaces", text: "a: [ 1 , 2 ]\n", fast: true),
        Case(name: "empty flow", text: "a: []\nb: [ ]\nc: [[], [ ]]\n", fast: true),
        Case(name: "trailing comma", text: "a: [1, 2,]\n", fast: true),
        Case(name: "trailing comma nested", text: "a: [[1,], [2, ], ]\n", fast: true),
        Case(name: "only a comma", text: "a: [,]\n", fast: false),
        Case(name: "double comma", text: "a: [1,,2]\n", fast: false),
        Case(name: "plain with spaces in flow", text: "a: [a b, c  d ]\n", fast: true),
        Case(name: "quoted items in flow", text: "a: [\"x\", 'y', \"\", '']\n", fast: true),
        Case(name: "text after a quoted scalar", text: "a: \"x\"y\n", fast: false),
        Case(name: "doubled single quote", text: "a: 'it''s'\nb: ''''\n", fast: true),
        Case(name: "escaped double quote", text: "a: \"a\\\"b\"\n", fast: false),
        Case(name: "backslash in single quotes", text: "a: '\\frac{1}{2} \\\\ x'\n", fast: true),
        Case(name: "negative exponent", text: "key: -1.5e-3\n", fast: true),
        Case(name: "dash space", text: "key: - 1\n", fast: false),
        Case(name: "dash alone", text: "key: -\n", fast: false),
        Case(name: "dash in flow", text: "key: [-1, -.5, - 1]\n", fast: false),
        Case(name: "negative numbers in flow", text: "key: [-1, -.5, -x]\n", fast: true),
        Case(name: "trailing comment", text: "key: 1 # c\n", fast: true),
        Case(name: "hash without space", text: "key: 1#c\nk2: a#b #c\n", fast: true),
        Case(name: "hash after a quoted scalar", text: "key: \"1\"#c\n", fast: false),
        Case(name: "hash after a flow", text: "key: [1]#c\n", fast: false),
        Case(name: "hash in a flow", text: "key: [1#c]\n", fast: false),
        Case(name: "comment after a flow", text: "key: [1] # c\n", fast: true),
        Case(name: "colon in a flow", text: "key: [1:2]\n", fast: false),
        Case(name: "empty value with spaces", text: "key:  \n", fast: true),
        Case(name: "empty value at the end", text: "a: 1\nkey:", fast: true),
        Case(name: "empty values", text: "a:\nb: # c\n\"c\":\nd:\n", fast: true),
        Case(name: "empty value before a dedent", text: "a:\n  b:\nc: 1\n", fast: true),
        Case(name: "nested mapping", text: "a:\n  b: 1\n  c: [2]\nd: 3\n", fast: true),
        Case(name: "deeper indentation", text: "a:\n      b: 1\n      c:\n         d: x\ne: 3\n", fast: true),
        Case(name: "indented root", text: "  a: 1\n  b:\n    c: 2\n", fast: true),
        Case(name: "inconsistent indentation", text: "a:\n    b: 1\n  c: 2\n", fast: false),
        Case(name: "dedent below the root", text: "  a: 1\nb: 2\n", fast: false),
        Case(name: "more indented after a value", text: "a: 1\n  b: 2\n", fast: false),
        Case(name: "duplicate keys", text: "a: 1\nb: 2\na: 3\n", fast: false),
        Case(name: "duplicate quoted and plain key", text: "\"1\": 1\n1: 2\n", fast: false),
        Case(name: "column 0 after a nested block", text: "a:\n  b:\n    c: 1\nd: 2\n", fast: true),
        Case(name: "continuation line", text: "a: one\n  two\nb: 3\n", fast: false),
        Case(name: "continuation after an empty line", text: "a: one\n\n  two\n", fast: false),
        Case(name: "continuation of a key", text: "a:\n  one\n  two\n", fast: false),
        Case(name: "unicode keys", text: "ŷ: 1\n\"δ₃\": [1]\nδ: [ŷ, 'ŷ', \"é\"] # ü\n", fast: true),
        Case(name: "unicode columns", text: "\"ŷŷŷ\": [1, ŷ, 2]\nk: ßßß\n", fast: true),
        Case(name: "emoji", text: "😀: [😀, 1]\n", fast: true),
        Case(name: "CRLF", text: "# c\r\na: 1\r\nb:\r\n  c: [1, 2]\r\nd: 'x'\r\ne:\r\n", fast: true),
        Case(name: "lone CR", text: "a: 1\rb: 2\n", fast: false),
        Case(name: "no trailing newline", text: "a: 1\nb: [1, 2]", fast: true),
        Case(name: "only a comment", text: "# nothing here\n", fast: false),
        Case(name: "empty file", text: "", fast: false),
        Case(name: "only blank lines", text: "\n  \n\n", fast: false),
        Case(name: "a scalar document", text: "hello\n", fast: false),
        Case(name: "a flow document", text: "[1, 2]\n", fast: false),
        Case(name: "JSON", text: "{\"a\": 1}\n", fast: false),
        Case(name: "document markers", text: "---\na: 1\n...\n", fast: false),
        Case(name: "directive", text: "%YAML 1.2\n---\na: 1\n", fast: false),
        Case(name: "block sequence", text: "a:\n  - 1\n  - 2\n", fast: false),
        Case(name: "block scalar", text: "a: |\n  x\n", fast: false),
        Case(name: "anchor", text: "a: &x 1\n", fast: false),
        Case(name: "tag", text: "a: !!str 1\n", fast: false),
        Case(name: "merge key", text: "<<: 1\n", fast: false),
        Case(name: "flow mapping value", text: "a: {b: 1}\n", fast: false),
        Case(name: "multi-line flow", text: "a: [1,\n  2]\n", fast: false),
        Case(name: "multi-line quoted", text: "a: \"x\n  y\"\n", fast: false),
        Case(name: "tab indentation", text: "a:\n\tb: 1\n", fast: false),
        Case(name: "tab after a value", text: "a: 1\t# c\n", fast: false),
        Case(name: "NEL inside a value", text: "a: x\u{85}y\n", fast: false),
        Case(name: "LS inside a value", text: "a: x\u{2028}y\n", fast: false),
        Case(name: "PS inside a value", text: "a: x\u{2029}y\n", fast: false),
        Case(name: "BOM after the start", text: "a: 1\n\u{FEFF}b: 2\n", fast: false),
        Case(name: "flow indicators in a block plain value", text: "a: f(x)[1]{2}, y\n", fast: true),
        Case(name: "flow indicators in a key", text: "a[1]: 1\nb{c}: 2\n", fast: true),
        Case(name: "space before the colon", text: "a  : 1\n", fast: true),
        Case(name: "prose", text: "My answers: z1 is about 0.4, the loss is 0.98.\n", fast: true),
        Case(name: "question mark key", text: "? a\n: 1\n", fast: false),
        Case(name: "long key", text: String(repeating: "k", count: 1100) + ": 1\n", fast: false),
        Case(name: "key just under the limit", text: String(repeating: "k", count: 990) + ": 1\n", fast: true),
        Case(name: "flow line longer than libyaml's simple-key window",
             text: "a: [" + (1...400).map { "0.\($0)" }.joined(separator: ", ") + "]\nb: 1\n", fast: true),
        Case(name: "non-breaking space starts a plain key", text: "\u{A0}a: 1\n", fast: true),
        // libyaml accepts these, in ways the fast path leaves to it:
        Case(name: "single-pair mapping in a flow", text: "a: [b: 1]\n", fast: false),
        Case(name: "comment right after a flow", text: "a: [1]#c\n", fast: false),
        Case(name: "comment right after a quote", text: "a: \"1\"#c\n", fast: false),
        Case(name: "lone dash in a flow", text: "a: [-, -]\n", fast: false),
        Case(name: "dashes starting a key at column 0", text: "---x: 1\n", fast: false),
        Case(name: "colon-prefixed value", text: "a: :x\n", fast: false),
        Case(name: "too many nodes", text: "a: 1\nb: [1, 2, 3]\n", fast: false, limits: tiny),
        Case(name: "within node limit", text: "a: 1\nb: [1]\n", fast: true, limits: tiny),
        Case(name: "too deep", text: "a: [[1]]\n", fast: false, limits: tiny),
        Case(name: "too deep block", text: "a:\n  b:\n    c: 1\n", fast: false, limits: tiny),
        Case(name: "scalar too long", text: "a: 12345\n", fast: false, limits: tiny),
        Case(name: "quoted scalar too long", text: "a: 'ab''cd'\n", fast: false, limits: tiny),
        Case(name: "quoted scalar at the length limit", text: "a: 'ab''c'\n", fast: true, limits: tiny),
    ]

    @Test(arguments: cases) func handWrittenCase(_ testCase: Case) throws {
        let comparison = FastPathComparison(testCase.text, limits: testCase.limits)
        #expect(comparison.agrees, "\(comparison.explanation)")
        #expect(comparison.tookFastPath == testCase.fast, "\(comparison.explanation)")
        // Through YAMLReader the result, or the error message, is libyaml's.
        switch try #require(comparison.slow) {
        case .success(let node):
            #expect(try read(testCase.text, limits: testCase.limits) == node)
        case .failure(let error):
            #expect(readError(testCase.text, limits: testCase.limits) == error)
        }
    }

    @Test func emptyValueIsLocatedAfterTheColon() throws {
        let root = try #require(FastPathComparison("a:   # c\nbb:\n").fast)
        let pairs = try root.mapping("root")
        #expect(pairs.map { $0.value.location.column } == [3, 4])
        #expect(try pairs.map { try $0.value.scalar("v").isNull } == [true, true])
    }

    @Test func quotedScalarsAreUnescaped() throws {
        let root = try #require(FastPathComparison("a: 'it''s'\nb: \"x y \"\n").fast)
        #expect(try root.mapping("root").map { try $0.value.scalar("v").text } == ["it's", "x y "])
    }

    // MARK: Randomized differential test

    /// Generates a document in the fast-path subset with unique keys.
    static func document(_ random: inout SeededGenerator) -> String {
        var lines: [String] = []
        var keyNumber = 0
        let newline = random.chance(10) ? "\r\n" : "\n"
        if random.chance(50) {
            lines.append("# generated")
        }
        func key(_ random: inout SeededGenerator) -> String {
            keyNumber += 1
            switch random.below(5) {
            case 0: return "\"k\(keyNumber)-\(random.pick(["x", "δ", "a b", ""]))\""
            case 1: return "'k\(keyNumber)\(random.pick(["", "''", "é"]))'"
            case 2: return "ŷ\(keyNumber)"
            default: return "k\(keyNumber)\(random.pick(["", "-a", ".1", "_b", "(2)"]))"
            }
        }
        func scalar(_ random: inout SeededGenerator, inFlow: Bool) -> String {
            switch random.below(9) {
            case 0: return "\"\(random.pick(["0.5", "", "a b", "x#y", "ŷ", "1: 2", "[1]"]))\""
            case 1: return "'\(random.pick(["0.5", "", "it''s", "\\frac{1}{2}", "a, b"]))'"
            case 2: return random.pick(["-1.5e-3", "-0.25", "-.5", "-x"])
            case 3: return inFlow ? random.pick(["null", "~", "yes", ".inf"]) : random.pick(["null", "~", "1:30", ".inf"])
            case 4: return inFlow ? random.pick(["a b", "ŷ", "x-y"]) : random.pick(["a b  c", "ŷ ŷ", "f(x)[1]", "a#b", "x, y"])
            default: return String(random.below(1000)) + random.pick(["", ".5", "e-3", "0"])
            }
        }
        func flow(_ random: inout SeededGenerator, depth: Int) -> String {
            let count = random.below(4)
            var items: [String] = []
            for _ in 0..<count {
                items.append(depth < 3 && random.chance(30) ? flow(&random, depth: depth + 1) : scalar(&random, inFlow: true))
            }
            let separator = random.pick([", ", ",", " , "])
            let padding = random.chance(20) ? " " : ""
            let trailing = !items.isEmpty && random.chance(10) ? "," : ""
            return "[" + padding + items.joined(separator: separator) + trailing + padding + "]"
        }
        func mapping(_ random: inout SeededGenerator, indent: Int, depth: Int) {
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<(1 + random.below(4)) {
                let head = pad + key(&random) + (random.chance(5) ? " " : "") + ":"
                let comment = random.chance(15) ? " # note" : ""
                let trailing = random.chance(10) ? "  " : ""
                switch random.below(10) {
                case 0 where depth < 4:
                    lines.append(head + comment)
                    if random.chance(20) {
                        lines.append(random.chance(50) ? "" : pad + "  # inside")
                    }
                    mapping(&random, indent: indent + 1 + random.below(4), depth: depth + 1)
                case 1:
                    lines.append(head + trailing + comment)
                case 2, 3, 4:
                    lines.append(head + " " + flow(&random, depth: 1) + trailing + comment)
                default:
                    lines.append(head + " " + scalar(&random, inFlow: false) + trailing + comment)
                }
                if random.chance(5) {
                    lines.append("")
                }
            }
        }
        mapping(&random, indent: random.chance(10) ? 2 : 0, depth: 1)
        return lines.joined(separator: newline) + (random.chance(90) ? newline : "")
    }

    /// Applies a few random byte edits drawn from a small alphabet of YAML-significant bytes.
    static func mutate(_ text: String, _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = Array(text.utf8)
        let alphabet = Array(" :#,[]\"'\n-\tx1.{}&!|>".utf8) + [0xC3, 0xA9, 0x0D]
        for _ in 0..<(1 + random.below(3)) {
            let position = random.below(bytes.count + 1)
            switch random.below(3) {
            case 0 where position < bytes.count:
                bytes.remove(at: position)
            case 1 where position < bytes.count:
                bytes[position] = random.pick(alphabet)
            default:
                bytes.insert(random.pick(alphabet), at: position)
            }
        }
        return bytes
    }

    @Test func randomDocumentsAgreeWithLibyaml() {
        var random = SeededGenerator(seed: 0x5EED_1234)
        var generated = 0
        var generatedFast = 0
        var mutated = 0
        var mutatedFast = 0
        var failures = 0
        for _ in 0..<2000 {
            let text = Self.document(&random)
            let comparison = FastPathComparison(text)
            generated += 1
            if comparison.tookFastPath {
                generatedFast += 1
            }
            if !comparison.agrees || !comparison.tookFastPath {
                failures += 1
                if failures <= 5 {
                    Issue.record("generated document:\n\(text)\n\(comparison.explanation)")
                }
            }
            for _ in 0..<3 {
                let bytes = Self.mutate(text, &random)
                let mutation = FastPathComparison(bytes)
                mutated += 1
                if mutation.tookFastPath {
                    mutatedFast += 1
                }
                if !mutation.agrees {
                    failures += 1
                    if failures <= 5 {
                        Issue.record("mutated document:\n\(String(decoding: bytes, as: UTF8.self))\n\(mutation.explanation)")
                    }
                }
            }
        }
        print("random documents: \(generatedFast) of \(generated) generated and \(mutatedFast) of \(mutated) mutated took the fast path")
        #expect(failures == 0)
        #expect(mutatedFast > mutated / 10)
    }
}
