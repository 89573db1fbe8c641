import Testing
import NNYAML

@Suite struct DocumentStructureTests {
    @Test(arguments: ["", "\n\n", "# only a comment\n", "  # indented\n# more\n", "---\n", "--- # nothing\n...\n"])
    func emptyDocumentIsAFileLevelError(text: String) {
        let error = readError(text)
        #expect(error == InputError(file: "a.yaml", message: "empty document: the file contains no YAML content"))
        #expect(error?.description == "a.yaml: empty document: the file contains no YAML content")
    }

    @Test func secondDocumentIsReportedWhereItStarts() {
        let error = readError("a: 1\nb: 2\n---\nc: 3\n")
        #expect(error?.line == 3)
        #expect(error?.column == 1)
        #expect(error?.message == "the file contains more than one YAML document (a second one starts here);"
                + " put everything into a single document")
        let afterEnd = readError("a: 1\n...\n  b: 2\n")
        #expect(afterEnd?.line == 3)
        #expect(afterEnd?.column == 3)
    }

    @Test func duplicateKeyIsReportedAtSecondOccurrence() {
        let error = readError("student: 1\nanswers:\n  \"1.1\": 0.5\n  x: 2\n  1.1: 0.7\n")
        #expect(error == InputError(file: "a.yaml", line: 5, column: 3,
                                    message: "duplicate key '1.1': it is already defined on line 3"))
        #expect(error?.description == "a.yaml:5:3: duplicate key '1.1': it is already defined on line 3")
    }

    @Test func duplicateKeyInFlowMapping() {
        let error = readError("{a: 1, b: 2, a: 3}")
        #expect(error?.description == "a.yaml:1:14: duplicate key 'a': it is already defined on line 1")
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        let root = try read("a: {x: 1}\nb: {x: 2}\n")
        #expect(try #require(root["b"]?["x"]).scalar("x").text == "2")
    }

    @Test func nonScalarKeysAreRejected() {
        #expect(readError("? [a, b]\n: 1\n")?.description == "a.yaml:1:3: mapping keys must be single values, not a list")
        #expect(readError("{[a]: 1}")?.description == "a.yaml:1:2: mapping keys must be single values, not a list")
        #expect(readError("? {a: 1}\n: 1\n")?.description
                == "a.yaml:1:3: mapping keys must be single values, not a mapping")
    }
}
