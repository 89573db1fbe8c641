import Testing
import NNYAML

@Suite struct LimitTests {
    @Test func sizeIsCheckedBeforeParsing() {
        // 2.3 MB of bytes that are not even UTF-8: only the size may be reported.
        let bytes = [UInt8](repeating: 0xFF, count: Int(2.3 * 1_048_576))
        let error = readError(bytes)
        #expect(error == InputError(file: "a.yaml",
                                    message: "file is 2.3 MB, larger than the 1 MB limit for answer files"))
        #expect(error?.description == "a.yaml: file is 2.3 MB, larger than the 1 MB limit for answer files")
    }

    @Test func sizeJustOverTheLimitShowsExactBytes() {
        let bytes = [UInt8](repeating: 0x20, count: 1_048_577)
        #expect(readError(bytes)?.message
                == "file is 1,048,577 bytes, larger than the 1,048,576-byte limit for answer files")
        let problemLimit = readError([UInt8](repeating: 0x20, count: 9 << 20), limits: .problemFile)
        #expect(problemLimit?.message == "file is 9 MB, larger than the 8 MB limit for problem files")
    }

    @Test func limitsHaveTheDocumentedValues() {
        #expect(YAMLLimits.answerFile == YAMLLimits(maxBytes: 1_048_576, maxDepth: 16, maxNodes: 2_000_000,
                                                    maxScalarLength: 1_048_576, allowAliases: false,
                                                    fileKind: "answer files"))
        #expect(YAMLLimits.problemFile.maxBytes == 8 * 1_048_576)
        #expect(YAMLLimits.problemFile.maxDepth == 64)
        #expect(YAMLLimits.problemFile.maxNodes == 4_000_000)
        #expect(YAMLLimits.problemFile.allowAliases)
        #expect(YAMLLimits(maxBytes: 1, maxDepth: 1, maxNodes: 1, maxScalarLength: 1, allowAliases: true).fileKind
                == "YAML files")
    }

    @Test func scalarLengthLimit() {
        let limits = YAMLLimits(maxBytes: 4096, maxDepth: 4, maxNodes: 100, maxScalarLength: 10, allowAliases: false)
        #expect(readError("a: 0123456789\n", limits: limits) == nil)
        #expect(readError("a: '01234567890'\n", limits: limits)?.description
                == "a.yaml:1:4: value is 11 bytes, larger than the 10-byte limit for a single value in YAML files")
    }

    @Test func nodeLimitWithoutAliases() {
        let limits = YAMLLimits(maxBytes: 4096, maxDepth: 4, maxNodes: 5, maxScalarLength: 100, allowAliases: false)
        #expect(readError("[1, 2, 3, 4]", limits: limits) == nil)
        #expect(readError("[1, 2, 3, 4, 5]", limits: limits)?.description
                == "a.yaml:1:14: document is too large: more than 5 values (the limit for YAML files)")
        // Keys count as nodes too: mapping + 2 keys + 2 values = 5.
        #expect(readError("{a: 1, b: 2}", limits: limits) == nil)
        #expect(readError("{a: 1, b: 2, c: 3}", limits: limits)?.column == 14)
    }
}
