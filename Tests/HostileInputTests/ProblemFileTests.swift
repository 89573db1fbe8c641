import Foundation
import NNProblem
import TestSupport
import Testing

/// A hostile problem file and the message `ProblemLoader.load(path:)` must reject it with.
struct RejectedProblemFile: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    /// A fragment of the error's one-line description.
    var message: String
    var testDescription: String { name }

    /// The start of a valid problem file, to which hostile parts are appended.
    static let header = "nncheck: 1\nid: hostile\n"

    static let all: [RejectedProblemFile] = [
        .init(name: "billion laughs, 8 levels", bytes: { Array((header + HostileText.billionLaughs(levels: 8, under: "notes")).utf8) },
              message: "document is too large: more than 4,000,000 values after expanding aliases (the limit for problem files)"),
        .init(name: "billion laughs, 9 levels", bytes: { Array((header + HostileText.billionLaughs(levels: 9, under: "notes")).utf8) },
              message: "document is too large: more than 4,000,000 values after expanding aliases (the limit for problem files)"),
        .init(name: "billion laughs through merge keys", bytes: {
                  var text = header + "a0: &a0 {k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1, k8: 1, k9: 1}\n"
                  for level in 1...9 {
                      text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
                  }
                  return Array((text + "notes: {<<: *a1, x: *a9}\n").utf8)
              }, message: "document is too large: more than 4,000,000 values after expanding aliases"),
        .init(name: "10,000 [", bytes: { Array((header + "notes: " + HostileText.deepBrackets(10_000) + "\n").utf8) },
              message: "nesting is too deep: more than 64 levels of lists and mappings (the limit for problem files)"),
        .init(name: "10,000 { at the start", bytes: { Array(String(repeating: "{", count: 10_000).utf8) },
              message: "nesting is too deep"),
        .init(name: "9 MB", bytes: {
                  var bytes = Array(header.utf8)
                  let line = Array("# a long comment line that pads the problem file out to nine megabytes......\n".utf8)
                  while bytes.count < 9 << 20 { bytes += line }
                  return bytes
              }, message: "p.yaml: file is 9 MB, larger than the 8 MB limit for problem files"),
        .init(name: "Latin-1", bytes: { Array((header + "title: caf").utf8) + [0xE9, 0x0A] },
              message: "p.yaml:3:11: the file is not valid UTF-8 text (unexpected byte 0xE9 here); save it as UTF-8"),
        .init(name: "binary garbage", bytes: {
                  var generator = SeededGenerator(seed: 11)
                  return (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
              }, message: "p.yaml:1:"),
        .init(name: "empty", bytes: { [] }, message: "p.yaml: empty document: the file contains no YAML content"),
        .init(name: "two documents", bytes: { Array((header + "---\n" + header).utf8) },
              message: "p.yaml:3:1: the file contains more than one YAML document"),
        .init(name: "duplicate keys", bytes: { Array((header + "id: again\n").utf8) },
              message: "p.yaml:3:1: duplicate key 'id': it is already defined on line 2"),
        .init(name: "!!python/object", bytes: { Array((header + "network: !!python/object:torch.nn.Linear {}\n").utf8) },
              message: "p.yaml:3:10: YAML tags are not supported (found '!!python/object:torch.nn.Linear')"),
        .init(name: "a mapping where a number is expected", bytes: {
                  Array((header + "network:\n  layers:\n    - {weights: [[{a: 1}]], activation: relu}\nquestions:\n  - {id: q, ask: W1}\n").utf8)
              }, message: "layer 1 weights[1,1] must be a single value, but found a mapping"),
        .init(name: ".nan in a weight matrix", bytes: {
                  Array((header + "network:\n  layers:\n    - {weights: [[0.5, .nan]], bias: [.inf], activation: relu}\nquestions:\n  - {id: q, ask: W1}\n").utf8)
              }, message: "p.yaml:5:24: layer 1 weights[1,2]: '.nan' is not a number (unexpected '.')"),
        .init(name: "1e400 in a bias", bytes: {
                  Array((header + "network:\n  layers:\n    - {weights: [[0.5]], bias: [1e400], activation: relu}\nquestions:\n  - {id: q, ask: W1}\n").utf8)
              }, message: "layer 1 bias[1]: '1e400' is not a number (number out of range: 1e400)"),
        .init(name: "ragged weights", bytes: {
                  Array((header + "network:\n  layers:\n    - {weights: [[1, 2], [3]], activation: relu}\nquestions:\n  - {id: q, ask: W1}\n").utf8)
              }, message: "p.yaml:5:26: layer 1 weights: row 2 has 1 entries but row 1 has 2"),
        .init(name: "10¹⁰ weights by name", bytes: {
                  Array((header + "network:\n  input_size: 100000\n  parameter_naming: flat\n  layers:\n    - {units: 100000, activation: relu}\n  parameters: {w1: 1}\nquestions:\n  - {id: q, ask: W1}\n").utf8)
              }, message: "p.yaml:7:15: layer 1 would have 100000×100000 weights; a network may have at most 1000000 weights in all"),
        .init(name: "a 100,000 × 100,000 Jacobian", bytes: {
                  let rows = Array(repeating: "[1]", count: 100_000).joined(separator: ",")
                  return Array((header + "network:\n  layers:\n    - {activation: softmax, weights: [\(rows)]}\ndata: {x: [1]}\nquestions:\n  - {id: q, ask: \"da1/dz1\"}\n").utf8)
              }, message: "p.yaml:8:18: question q asks for da1/dz1, a 100000×100000 matrix; Jacobians are limited to layers of at most 1000 units"),
    ]
}

extension HostileInput {
    /// Hostile problem files, loaded with `ProblemLoader.load(path:)`.
    @Suite struct ProblemFiles {
        @Test(arguments: RejectedProblemFile.all)
        func problemFileIsRejected(_ hostile: RejectedProblemFile) throws {
            let folder = try TemporaryFolder("problem")
            let path = try folder.write("p.yaml", hostile.bytes())
            let message = Hostile.timed(hostile.name) { Hostile.problemError(path: path) }
            let text = try #require(message, "\(hostile.name) was loaded")
            #expect(text.contains(hostile.message), "\(text)")
            #expect(!text.contains("\n"))
            #expect(text.count < 400, "an overlong message: \(text.count) characters")
        }

        /// Aliases and merges that stay within the limits still load (the policy is "allowed and
        /// counted", not "forbidden").
        @Test func modestAliasesStillLoad() throws {
            let folder = try TemporaryFolder("problem")
            let path = try folder.write("p.yaml", """
                nncheck: 1
                id: aliases
                defaults: &d {points: 2}
                network:
                  layers:
                    - &layer {weights: [[0.5, -0.5], [1, 1]], activation: relu}
                    - {<<: *layer, weights: [[1, -1]], activation: sigmoid}
                data: {x: &x [1, 2], y: 1}
                loss: bce
                questions:
                  - {id: q1, ask: y_hat}
                  - {id: q2, ask: z1, given: {x: *x}}
                """)
            let problem = try Hostile.timed("aliases") { try ProblemLoader.load(path: path) }
            #expect(problem.questions.map(\.id) == ["q1", "q2"])
        }
    }
}
