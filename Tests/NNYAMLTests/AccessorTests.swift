import Testing
import NNYAML

@Suite struct AccessorTests {
    let root: YAMLNode

    init() throws {
        root = try read("answers:\n  - 1\n  - 2\nstudent: \"7\"\nempty:\nmap: {a: b}\n")
    }

    @Test func matchingKindsReturnContents() throws {
        #expect(try root.mapping("the file").count == 4)
        #expect(try #require(root["answers"]).sequence("answers").count == 2)
        #expect(try #require(root["student"]).scalar("student").text == "7")
        #expect(root["missing"] == nil)
        #expect(root["answers"]?["x"] == nil)
        #expect(root["map"]?["a"]?.kindName == "scalar")
    }

    @Test func wrongKindsThrowLocatedErrors() throws {
        let answers = try #require(root["answers"])
        #expect(throws: InputError(file: "a.yaml", line: 2, column: 3,
                                   message: "answers must be a mapping (key: value entries), but found a list")) {
            try answers.mapping("answers")
        }
        let student = try #require(root["student"])
        #expect(throws: InputError(file: "a.yaml", line: 4, column: 10,
                                   message: "student must be a list, but found the value '7'")) {
            try student.sequence("student")
        }
        let map = try #require(root["map"])
        #expect(throws: InputError(file: "a.yaml", line: 6, column: 6,
                                   message: "map must be a single value, but found a mapping")) {
            try map.scalar("map")
        }
        let empty = try #require(root["empty"])
        #expect(throws: InputError(file: "a.yaml", line: 5, column: 7,
                                   message: "empty must be a list, but found an empty value")) {
            try empty.sequence("empty")
        }
    }
}
