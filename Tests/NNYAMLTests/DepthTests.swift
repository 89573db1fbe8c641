import Testing
import NNYAML

@Suite struct DepthTests {
    static let tooDeep = "nesting is too deep: more than 16 levels of lists and mappings (the limit for answer files)"

    @Test func flowNestingAtAndBeyondTheLimit() throws {
        #expect(readError(String(repeating: "[", count: 16) + String(repeating: "]", count: 16)) == nil)
        let error = readError(String(repeating: "[", count: 17) + String(repeating: "]", count: 17))
        #expect(error == InputError(file: "a.yaml", line: 1, column: 17, message: Self.tooDeep))
    }

    @Test func blockNestingBeyondTheLimit() {
        var text = ""
        for level in 0..<17 {
            text += String(repeating: "  ", count: level) + "k\(level):\n"
        }
        text += String(repeating: "  ", count: 17) + "leaf\n"
        let error = readError(text)
        #expect(error == InputError(file: "a.yaml", line: 17, column: 33, message: Self.tooDeep))
    }

    @Test func hundredThousandBracketsOnOneLine() {
        // libyaml's scanner reaches its own 1000-level limit before producing the first event.
        let error = readError(String(repeating: "[", count: 100_000))
        #expect(error == InputError(file: "a.yaml", line: 1, column: 1, message: Self.tooDeep))
        let problem = readError(String(repeating: "{", count: 100_000), limits: .problemFile)
        #expect(problem?.message
                == "nesting is too deep: more than 64 levels of lists and mappings (the limit for problem files)")
    }

    @Test func hundredThousandBracketsOnSeparateLines() {
        let error = readError(String(repeating: "[\n", count: 100_000))
        #expect(error == InputError(file: "a.yaml", line: 17, column: 1, message: Self.tooDeep))
    }

    @Test func hundredThousandDashes() {
        let error = readError(String(repeating: "- ", count: 100_000) + "x\n")
        #expect(error?.message == Self.tooDeep)
        #expect(error?.line == 1)
    }

    @Test func deepNestingWithHugeLimitDoesNotOverflowTheStack() {
        let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 100_000, maxNodes: 1_000_000,
                                maxScalarLength: 100, allowAliases: false)
        let nested = String(repeating: "[\n", count: 900) + String(repeating: "]\n", count: 900)
        #expect(readError(nested, limits: limits) == nil)
        let error = readError(String(repeating: "[\n", count: 100_000), limits: limits)
        #expect(error?.message
                == "nesting is too deep: more than 1000 levels of lists and mappings (the limit for YAML files)")
    }
}
