import Testing
import NNYAML

@Suite struct InputErrorTests {
    @Test func descriptionFormats() {
        #expect(InputError(file: "f.yaml", line: 3, column: 7, message: "bad").description == "f.yaml:3:7: bad")
        #expect(InputError(file: "f.yaml", line: 3, message: "bad").description == "f.yaml:3: bad")
        #expect(InputError(file: "f.yaml", message: "bad").description == "f.yaml: bad")
        #expect(InputError(file: "f.yaml", column: 2, message: "bad").description == "f.yaml: bad")
        let location = SourceLocation(file: "g.yaml", line: 2, column: 5)
        #expect(location.description == "g.yaml:2:5")
        #expect(InputError(at: location, "oops") == InputError(file: "g.yaml", line: 2, column: 5, message: "oops"))
    }

    @Test func descriptionIsAlwaysOneLine() {
        let error = InputError(file: "f.yaml", line: 1, column: 1, message: "a\nb\r\nc\u{2028}d\te\u{1B}[31mf\u{0}g\u{85}h")
        #expect(error.description == "f.yaml:1:1: a b  c d\\te\\u{1B}[31mf\\u{0}g h")
        #expect(InputError(file: "bad\nname", message: "m").description == "bad name: m")
    }

    @Test func quotedUserTextIsShortened() {
        let key = String(repeating: "k", count: 60)
        let error = readError("\(key): 1\n\(key): 2\n")
        #expect(error?.message == "duplicate key '\(String(repeating: "k", count: 40))…': it is already defined on line 1")
    }
}
