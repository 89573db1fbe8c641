import Testing
import NNYAML

@Suite struct SyntaxErrorTests {
    @Test func unclosedFlowList() {
        #expect(readError("a: [1, 2\nb: 3\n")?.description
                == "a.yaml:2:2: YAML syntax error: did not find expected ',' or ']'"
                + " (while parsing a flow sequence at line 1, column 4)")
    }

    @Test func colonInsidePlainValue() {
        #expect(readError("a: b: c\n")?.description
                == "a.yaml:1:5: YAML syntax error: mapping values are not allowed in this context"
                + " (a value containing ': ' must be quoted, or the indentation is off)")
    }

    @Test func tabIndentation() {
        #expect(readError("a:\n\t- 1\n")?.description
                == "a.yaml:2:1: YAML syntax error: found character that cannot start any token: a tab;"
                + " indent with spaces, YAML does not allow tabs for indentation (while scanning for the next token)")
    }

    @Test func reservedIndicator() {
        #expect(readError("a: @home\n")?.description
                == "a.yaml:1:4: YAML syntax error: found character that cannot start any token: '@';"
                + " put values starting with it in quotes (while scanning for the next token)")
    }

    @Test func badIndentation() {
        #expect(readError("a:\n  - 1\n - 2\n")?.description
                == "a.yaml:3:2: YAML syntax error: did not find expected key (while parsing a block mapping at line 1, column 1)")
    }

    @Test func unterminatedQuote() {
        let error = readError("a: 'open\nb: 2\n")
        #expect(error?.line == 3)
        #expect(error?.column == 1)
        #expect(error?.message == "YAML syntax error: found unexpected end of stream"
                + " (while scanning a quoted scalar at line 1, column 4)")
        #expect(error.map { !$0.description.contains("\n") } == true)
    }
}
