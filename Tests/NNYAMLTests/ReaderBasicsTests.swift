import Testing
import NNYAML

@Suite struct ReaderBasicsTests {
    @Test func blockMappingCarriesPositions() throws {
        let root = try read("student: \"42\"\nanswers:\n  \"1.1\": 0.5\n  list: [1, 2]\n")
        let pairs = try root.mapping("the file")
        #expect(pairs.map(\.key.text) == ["student", "answers"])
        #expect(root.location == SourceLocation(file: "a.yaml", line: 1, column: 1))
        #expect(pairs[0].key.location.description == "a.yaml:1:1")
        #expect(pairs[0].value.location.description == "a.yaml:1:10")
        let answers = try #require(root["answers"])
        #expect(answers.location.description == "a.yaml:3:3")
        #expect(answers.kindName == "mapping")
        let value = try #require(answers["1.1"]).scalar("answer 1.1")
        #expect(value.text == "0.5")
        #expect(!value.isQuoted)
        #expect(value.location.description == "a.yaml:3:10")
        let list = try #require(answers["list"])
        #expect(list.kindName == "list")
        #expect(list.location.description == "a.yaml:4:9")
        #expect(try list.sequence("list").map { try $0.scalar("item").location.column } == [10, 13])
    }

    @Test func scalarsStayUninterpretedText() throws {
        let root = try read("""
            a: 1:30
            b: .inf
            c: 0x1p3
            d: 1e400
            e: yes
            f: 0o17
            g: 2001-12-14
            h: 007
            """)
        let texts = try root.mapping("root").map { try $0.value.scalar($0.key.text).text }
        #expect(texts == ["1:30", ".inf", "0x1p3", "1e400", "yes", "0o17", "2001-12-14", "007"])
    }

    @Test func scalarStylesAndNulls() throws {
        let root = try read("""
            plain: x
            single: 'x'
            double: "x"
            literal: |
              x
            folded: >
              x
            empty:
            tilde: ~
            null1: null
            null2: Null
            null3: NULL
            quotedNull: "null"
            quotedEmpty: ''
            word: nil
            """)
        let scalars = try root.mapping("root").map { try $0.value.scalar($0.key.text) }
        #expect(scalars.map(\.isQuoted) == [false, true, true, true, true,
                                            false, false, false, false, false, true, true, false])
        #expect(scalars.map(\.isNull) == [false, false, false, false, false,
                                          true, true, true, true, true, false, false, false])
        #expect(scalars[3].text == "x\n")
        #expect(scalars[5].text == "")
    }

    @Test func jsonInputReads() throws {
        let root = try read(#"{"student": "1", "answers": {"1.1": 0.5}}"#)
        #expect(try #require(root["student"]).scalar("student") ==
                YAMLScalar(text: "1", isQuoted: true, location: SourceLocation(file: "a.yaml", line: 1, column: 13)))
        let answer = try #require(root["answers"]?["1.1"]).scalar("answer")
        #expect(answer.text == "0.5")
        #expect(answer.location.column == 37)
        let compact = try read(#"{"a":[1,2],"b":{"c":null}}"#)
        #expect(try #require(compact["a"]).sequence("a").count == 2)
        #expect(try #require(compact["b"]?["c"]).scalar("c").isNull)
    }

    @Test func rootMayBeAListOrScalar() throws {
        let list = try read("- 1\n- two\n")
        #expect(try list.sequence("root").map { try $0.scalar("x").text } == ["1", "two"])
        #expect(list.location.description == "a.yaml:1:1")
        let scalar = try read("just text\n")
        #expect(try scalar.scalar("root").text == "just text")
    }

    @Test func columnsCountCharactersAndLineBreaksIncludeCRLF() throws {
        let root = try read("名前: 値\r\nnext: 'ü'\r\n")
        let pairs = try root.mapping("root")
        #expect(pairs[0].value.location.description == "a.yaml:1:5")
        #expect(pairs[1].key.location.description == "a.yaml:2:1")
        #expect(pairs[1].value.location.description == "a.yaml:2:7")
    }

    @Test func explicitDocumentMarkersAndCommentsAreFine() throws {
        let root = try read("# answers\n%YAML 1.1\n---\na: 1 # one\n...\n# trailing comment\n")
        #expect(try #require(root["a"]).scalar("a").location.description == "a.yaml:4:4")
    }
}
