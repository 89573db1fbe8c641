import Foundation
import NNCore
import NNProblem
import NNYAML
import Testing

/// Per-student variants (issue 17) of the bundled randomised problem.
///
/// The fixed test secret is the text `test-secret`; it is given to the library directly, never
/// written in a problem file.
struct VariantTests {
    static let secret = VariantSecret(text: "test-secret")!
    static func problem() throws -> Problem { try ProblemLoader.load(path: RepositoryFiles.problem("ece4179-mlp-variants.yaml")) }
    static let roster = ["31445179", "31445180", "31445181", "z5/ö'connor, jr"]

    @Test func theSeedIsHMACSHA256OfTheProblemAndStudentIDs() {
        // Reference from Python: hmac.new(b'test-secret', b'ece4179-mlp-variants\x00' + b'31445179', hashlib.sha256).hexdigest()
        let seed = VariantSeed.bytes(problemID: "ece4179-mlp-variants", studentID: " 31445179\n", secret: Self.secret)
        let hex = seed.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "1644397a93e074c14d7cf8f3c61533e57dca73f96f766d8cb94afdcfed9dda6d")
    }

    @Test func theGeneratorIsXoshiro256StarStar() {
        // State words 1, 2, 3, 4 (little-endian bytes); the reference outputs of xoshiro256**.
        var seed: [UInt8] = []
        for w: UInt64 in [1, 2, 3, 4] { for b in 0..<8 { seed.append(UInt8((w >> (8 * UInt64(b))) & 0xFF)) } }
        var g = VariantGenerator(seed: seed)
        #expect((0..<4).map { _ in g.next() } == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }

    @Test func boundedDrawsStayInRangeAndCoverIt() {
        var g = VariantGenerator(seed: Array(repeating: 7, count: 32))
        var counts = [Int](repeating: 0, count: 19)
        for _ in 0..<19_000 { counts[g.below(19)] += 1 }
        // Every value drawn, none wildly over- or under-represented (expected 1000 each).
        #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 }, "\(counts)")
        #expect(g.below(1) == 0)
    }

    @Test func aVariantIsDeterministic() throws {
        let a = try Self.problem().variant(for: "31445179", secret: Self.secret)
        let b = try Self.problem().variant(for: " 31445179 ", secret: Self.secret)
        #expect(a.variant == b.variant)
        #expect(a.variant?.student == "31445179")
        #expect(Solver(problem: a).answerKey().value(for: "1.1") == Solver(problem: b).answerKey().value(for: "1.1"))
    }

    @Test func studentsAndSecretsGetDistinctVariants() throws {
        let p = try Self.problem()
        let values = try Self.roster.map { try p.variant(for: $0, secret: Self.secret).variant?.values ?? [] }
        #expect(Set(values.map { $0.map(\.value) }).count == Self.roster.count)
        let other = try p.variant(for: "31445179", secret: VariantSecret(text: "another secret")!)
        #expect(other.variant?.values != values[0])
    }

    @Test func drawnValuesAreOnTheGridAndTheKeyFollowsThem() throws {
        let p = try Self.problem()
        for id in Self.roster {
            let v = try p.variant(for: id, secret: Self.secret)
            let drawn = Dictionary(uniqueKeysWithValues: (v.variant?.values ?? []).map { ($0.name, $0.value) })
            for (name, t) in drawn where name != "x" {
                let w = try #require(t.scalarValue)
                #expect(w >= -0.9 && w <= 0.9)
                #expect(abs(w * 10 - (w * 10).rounded()) < 1e-12, "\(name) = \(w) is not a multiple of 0.1")
                #expect(String(describing: w).count <= 5, "\(name) = \(w) is not rounded")
            }
            let x = try #require(drawn["x"]?.scalars)
            #expect([[1.0, 2], [2, 1], [1, -1], [-1, 2], [2, 2]].contains(x))
            // An independent forward pass from the drawn numbers: z1 = W1 x, ŷ = sigmoid(w2 · relu(z1)).
            func w(_ n: String) -> Double { drawn[n]?.scalarValue ?? .nan }
            let z1 = [w("w1,3") * x[0] + w("w2,3") * x[1], w("w1,4") * x[0] + w("w2,4") * x[1], w("w1,5") * x[0] + w("w2,5") * x[1]]
            let a1 = z1.map { max($0, 0) }
            let z2 = w("w3,6") * a1[0] + w("w4,6") * a1[1] + w("w5,6") * a1[2]
            let yHat = 1 / (1 + exp(-z2))
            let key = Solver(problem: v).answerKey()
            #expect(abs((key.value(for: "1.1")?.scalarValue ?? .nan) - yHat) < 1e-12)
            #expect(abs((key.value(for: "1.2")?.scalarValue ?? .nan) + log(1 - yHat)) < 1e-9)
            // The constraints hold: ReLU inputs off the kink, a visible update of w3,6.
            #expect(z1.allSatisfy { abs($0) > 0.05 }, "\(id): z1 = \(z1)")
            let updated = try #require(key.value(for: "1.4")?.scalarValue)
            #expect(abs(updated - w("w3,6")) > 0.01)
            // The file's keys are for its own numbers: a variant has none.
            #expect(v.questions.allSatisfy { $0.instructorKey == nil })
        }
    }

    @Test func anOddIDIsJustBytes() throws {
        let p = try Self.problem()
        let odd = try p.variant(for: "z5/ö'connor, jr", secret: Self.secret)
        #expect(odd.variant?.student == "z5/ö'connor, jr")
        #expect(throws: VariantError.self) { try p.variant(for: "  ", secret: Self.secret) }
    }

    @Test func aFixedProblemIsUnchanged() throws {
        let p = try ProblemLoader.load(path: RepositoryFiles.problem("ece4179-mlp.yaml"))
        #expect(p.randomization == nil)
        let v = try p.variant(for: "31445179", secret: Self.secret)
        #expect(v.variant == nil)
        #expect(v.questions.map(\.instructorKey) == p.questions.map(\.instructorKey))
    }

    static func randomised(_ randomize: String) throws(InputError) -> Problem {
        let text = """
            id: t
            network:
              input_size: 2
              parameter_naming: graph_nodes
              layers:
                - {units: 1, activation: relu}
              parameters: {"w1,3": 0.5, "w2,3": -0.5}
            data: {x: [1, 2], y: 0}
            loss: half_sse
            training: {learning_rate: 0.1}
            \(randomize)
            questions:
              - {id: q, ask: z1}
            """
        return try ProblemLoader.load(bytes: Array(text.utf8), file: "t.yaml")
    }

    @Test func constraintsThatCannotBeMetAreRefused() throws {
        let p = try Self.randomised("""
            randomize:
              seed_secret_env: S
              max_draws: 5
              values: {"w1,3": {range: [0, 1], step: 0.5}}
              require: ["z1[1] > 100"]
            """)
        #expect(p.randomization?.maximumDraws == 5)
        #expect(throws: VariantError.self) { try p.variant(for: "a", secret: Self.secret) }
        do {
            try VariantSampling.check(p, secret: nil)
            Issue.record("an impossible constraint passed the sampling check")
        } catch {
            #expect(error.description.hasPrefix("t.yaml:12:3: randomize: no variant for student 'sample-1' meets the constraints in 5 draws"), "\(error.description)")
        }
    }

    @Test func constraintsRedrawUntilTheyHold() throws {
        // w1,3 ∈ {-1, -0.5, 0, 0.5, 1} with x = (1, 2) and w2,3 = -0.5: z1 = w1,3 - 1 > -0.6 needs w1,3 ≥ 0.5.
        let p = try Self.randomised("""
            randomize:
              seed_secret_env: S
              values: {"w1,3": {range: [-1, 1], step: 0.5}}
              require: ["z1[1] > -0.6"]
            """)
        var draws: Set<Int> = []
        for i in 0..<40 {
            let v = try p.variant(for: "student-\(i)", secret: Self.secret)
            let w = try #require(v.variant?.values.first?.value.scalarValue)
            #expect(w == 0.5 || w == 1, "w1,3 = \(w)")
            draws.insert(v.variant?.draw ?? 0)
        }
        #expect(draws.contains { $0 > 1 }, "no student needed a second draw")
    }

    @Test(arguments: [
        ("values: {q9: {range: [0, 1], step: 0.5}}", "t.yaml:13:12: randomize.values: 'q9' is not something that can vary"),
        ("values: {\"w1,3\": {range: [0, 1]}}", "t.yaml:13:20: randomize.values.w1,3 needs a step"),
        ("values: {x: {range: [0, 1], step: 1}}", "t.yaml:13:23: randomize.values.x: x is a vector"),
        ("values: {x: {choose: [[1, 2, 3]]}}", "t.yaml:13:25: randomize.values.x choose[1] has 3 entries but x has 2"),
        ("values: {loss: {choose: [1]}}", "t.yaml:13:12: randomize.values: 'loss' cannot vary"),
        ("values: {\"w1,3\": {range: [1, 0], step: 0.5}}", "t.yaml:13:28: randomize.values.w1,3 range must be [lower, upper]"),
        ("values: {\"w1,3\": {choose: [1]}}\n  require: [\"z1 + 1\"]", "t.yaml:14:13: randomize.require: 'z1 + 1' is not a comparison of asks"),
        ("values: {\"w1,3\": {choose: [1]}}\n  require: [\"nonsense[1] > 0\"]", "t.yaml:14:13: randomize.require: 'nonsense[1] > 0' is not a comparison of asks"),
        ("values: {\"w1,3\": {choose: [1]}}\n  require: [\"dL/dW1 > 0\"]", "t.yaml:14:13: randomize.require: dL/dW1 is 1×2, not one number"),
    ])
    func badRandomizeSectionsAreLocatedErrors(section: String, message: String) throws {
        do {
            _ = try Self.randomised("randomize:\n  seed_secret_env: S\n  " + section)
            Issue.record("accepted: \(section)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func theSecretVariableMustBeNamedAndIsNeverTheSecret() {
        #expect(throws: InputError.self) { try Self.randomised("randomize:\n  values: {\"w1,3\": {choose: [1]}}") }
        #expect(throws: InputError.self) { try Self.randomised("randomize:\n  seed_secret_env: \"my secret!\"\n  values: {\"w1,3\": {choose: [1]}}") }
        #expect(VariantSecret(text: " \n") == nil)
        #expect(VariantSecret(text: " s3cret\n")?.bytes == Array("s3cret".utf8))
    }
}
