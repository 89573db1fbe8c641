import Testing
import NNYAML
@testable import NNData

@Suite("CSV data files")
struct CSVTableReaderTests {
    func parse(_ text: String) throws(InputError) -> NumericTable {
        try CSVTableReader.parse(Array(text.utf8), file: "data/x.csv")
    }

    func message(_ text: String) -> String {
        do { _ = try parse(text); return "no error" } catch { return error.description }
    }

    @Test func readsHeaderAndRows() throws {
        let t = try parse("a,b,c\n1,2.5,-3\n.5, 1e-3 ,+4\n")
        #expect(t.columns == ["a", "b", "c"])
        #expect(t.values == [1, 2.5, -3, 0.5, 0.001, 4])
        #expect(t.lines == [2, 3])
    }

    @Test func quotedFieldsCRLFAndBOM() throws {
        let t = try parse("\u{FEFF}\"x\",\"the \"\"y\"\"\"\r\n\"1\",2\r\n3,4")
        #expect(t.columns == ["x", "the \"y\""])
        #expect(t.values == [1, 2, 3, 4])
        #expect(t.lines == [2, 3])
    }

    @Test func locatedNotANumber() {
        #expect(message("a,b,c\n1,2,3\n4,5,abc\n") == "data/x.csv:3:3: 'abc' is not a number")
    }

    @Test func lineNumbersCountQuotedLineBreaks() {
        // The header's second column name spans two lines, so the bad row is on line 4.
        #expect(message("a,\"b\nc\"\n1,2\n3,x\n") == "data/x.csv:4:2: 'x' is not a number")
    }

    @Test func raggedRows() {
        #expect(message("a,b,c\n1,2,3\n4,5\n") == "data/x.csv:3:3: this row has 2 fields but the header has 3")
        #expect(message("a,b\n1,2,3\n") == "data/x.csv:2:3: this row has 3 fields but the header has 2")
    }

    @Test func wordsThatAreNotDecimalNumbers() {
        for bad in ["nan", "inf", "-Infinity", "0x10", "1e400", "1.2.3", "1e", "--1", ".", "1_000"] {
            #expect(message("a\n\(bad)\n") == "data/x.csv:2:1: '\(bad)' is not a number", "\(bad)")
        }
        #expect(message("a,b\n1,\n") == "data/x.csv:2:2: the value of 'b' is missing")
    }

    @Test func emptyAndHeaderOnly() {
        #expect(message("") == "data/x.csv: the data file is empty")
        #expect(message(" \n\n") == "data/x.csv: the data file is empty")
        #expect(message("a,b\n") == "data/x.csv: the data file has a header but no rows")
    }

    @Test func headerProblems() {
        #expect(message("a,,c\n1,2,3\n") == "data/x.csv:1:2: column 2 has no name")
        #expect(message("a,b,a\n1,2,3\n") == "data/x.csv:1:3: column name 'a' is used twice (also column 1)")
    }

    @Test func blankLinesAreSkipped() throws {
        let t = try parse("a\n1\n\n2\n\n")
        #expect(t.values == [1, 2])
        #expect(t.lines == [2, 4])
    }

    @Test func notUTF8() {
        let bytes: [UInt8] = Array("a,b\n1,2\n3,".utf8) + [0xFF] + Array("\n".utf8)
        #expect(throws: InputError(file: "d.csv", line: 3, column: 3, message: "the data file is not UTF-8 text")) {
            try CSVTableReader.parse(bytes, file: "d.csv")
        }
    }

    @Test func sizeLimit() {
        let big = [UInt8](repeating: 0x31, count: CSVTableReader.maximumBytes + 1)
        #expect(throws: InputError.self) { try CSVTableReader.parse(big, file: "d.csv") }
    }
}
