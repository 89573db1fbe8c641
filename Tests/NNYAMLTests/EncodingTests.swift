import Testing
import NNYAML

@Suite struct EncodingTests {
    @Test func utf8BOMIsSkipped() throws {
        let root = try YAMLReader.read([0xEF, 0xBB, 0xBF] + Array("a: 1\nb: 2\n".utf8), file: "a.yaml",
                                       limits: .answerFile)
        #expect(try #require(root["a"]).scalar("a").location.description == "a.yaml:1:4")
        #expect(try root.mapping("root").map(\.key.text) == ["a", "b"])
    }

    @Test func invalidUTF8NamesLineAndColumnOfFirstBadByte() {
        // "café" saved as Latin-1: é is the single byte 0xE9.
        let bytes = Array("student: 1\nname: caf".utf8) + [0xE9] + Array("\n".utf8)
        let error = readError(bytes)
        #expect(error == InputError(file: "a.yaml", line: 2, column: 10,
                                    message: "the file is not valid UTF-8 text (unexpected byte 0xE9 here); save it as UTF-8"))
    }

    @Test func invalidUTF8ColumnCountsPrecedingCharacters() {
        let bytes = Array("x: ää".utf8) + [0xC3, 0x28]
        #expect(readError(bytes)?.description
                == "a.yaml:1:6: the file is not valid UTF-8 text (unexpected byte 0xC3 here); save it as UTF-8")
        let truncated = Array("x: 1\n\u{00E4}".utf8) + [0xE2, 0x82]
        #expect(readError(truncated).map { "\($0.line ?? 0):\($0.column ?? 0)" } == "2:2")
        let surrogate: [UInt8] = Array("x: ".utf8) + [0xED, 0xA0, 0x80]
        #expect(readError(surrogate)?.column == 4)
    }

    @Test func nulBytesAreRejectedAsBinary() {
        let bytes: [UInt8] = Array("a: 1\nb: ".utf8) + [0x00, 0x01, 0x02, 0xFF]
        let error = readError(bytes)
        #expect(error?.line == 2)
        #expect(error?.column == 4)
        #expect(error?.message == "the file contains a NUL byte; it looks like a binary file (or UTF-16 text),"
                + " not UTF-8 YAML text")
    }

    @Test func controlCharactersAreRejected() {
        #expect(readError("a: ring\u{7}\n")?.description
                == "a.yaml:1:8: the file contains the control character U+0007, which YAML text may not contain;"
                + " is this a binary file?")
        #expect(readError("a: \u{85}ok\n\u{9B}x")?.description
                == "a.yaml:3:1: the file contains the control character U+009B, which YAML text may not contain;"
                + " is this a binary file?")
        #expect(readError("a: b\u{7F}")?.column == 5)
    }

    @Test func utf16IsRecognised() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a: 1".utf8).flatMap { [$0, 0] }
        #expect(readError(bytes)?.description == "a.yaml:1:1: the file is UTF-16 encoded; save it as UTF-8 text")
    }

    @Test func tabsAndNonASCIIAreFineInsideValues() throws {
        let root = try read("a: \"x\ty\"\nb: ünïcödé ✓ 🎉\n")
        #expect(try #require(root["a"]).scalar("a").text == "x\ty")
        #expect(try #require(root["b"]).scalar("b").text == "ünïcödé ✓ 🎉")
    }
}
