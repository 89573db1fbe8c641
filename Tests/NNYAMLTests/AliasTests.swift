import Testing
import NNYAML

@Suite struct AliasTests {
    // MARK: Answer files: anchors, aliases and merge keys are rejected where they appear.

    @Test func anchorIsRejectedInAnswerFiles() {
        let error = readError("defaults: &d {a: 1}\nrun: *d\n")
        #expect(error == InputError(file: "a.yaml", line: 1, column: 11,
                                    message: "aliases are not allowed in answer files (found anchor &d)"))
    }

    @Test func aliasIsRejectedInAnswerFiles() {
        #expect(readError("a: 1\nb: [x, *a]\n")?.description
                == "a.yaml:2:8: aliases are not allowed in answer files (found alias *a)")
    }

    @Test func mergeKeyIsRejectedInAnswerFiles() {
        #expect(readError("a:\n  <<: {x: 1}\n")?.description
                == "a.yaml:2:3: aliases are not allowed in answer files (found merge key <<)")
        // A quoted "<<" is an ordinary key, and "&", "*" inside text are not anchors or aliases.
        #expect(readError("\"<<\": 1\nnote: 2 * 3 & more\nq: '*a'\n# *b &c\nlit: |\n  *d &e\n") == nil)
    }

    @Test func billionLaughsIsRejectedAtTheFirstAnchorInAnswerFiles() {
        let error = readError(billionLaughs(levels: 9))
        #expect(error?.description == "a.yaml:1:7: aliases are not allowed in answer files (found anchor &a0)")
    }

    // MARK: Problem files: aliases are expanded, counted with memoized sizes.

    /// Expanding the document would take 10⁹ nodes; the time limit only catches that hang.
    @Test(.timeLimit(.minutes(1)), arguments: [8, 9])
    func billionLaughsIsRejectedWithoutExpandingInProblemFiles(levels: Int) throws {
        let text = billionLaughs(levels: levels)
        #expect(text.utf8.count < 1024)
        let error = readError(text, limits: .problemFile)
        // The first *a6 inside lol7 pushes the expanded count past 4,000,000.
        #expect(error == InputError(file: "a.yaml", line: 8, column: 12,
                                    message: "document is too large: more than 4,000,000 values after expanding"
                                    + " aliases (the limit for problem files)"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aliasBombUsedAsKeyIsRejectedWithoutExpanding() {
        // `Yams.compose` would hash this key's billion-node expansion while checking duplicates.
        let text = billionLaughs(levels: 8) + "? *a8\n: 1\n"
        let error = readError(text, limits: .problemFile)
        #expect(error?.line == 8)
        let keyOnly = "lol: &a [x]\n? *a\n: 1\n"
        #expect(readError(keyOnly, limits: .problemFile)?.description
                == "a.yaml:2:3: mapping keys must be single values, but alias *a is a list")
    }

    @Test func smallAliasesExpandAndShareTheAnchoredValue() throws {
        let root = try read("""
            base: &b [1, 2]
            copy: *b
            name: &n hello
            again: *n
            """, limits: .problemFile)
        #expect(root["copy"] == root["base"])
        #expect(root["copy"]?.location.description == "a.yaml:1:7")
        // Scalars reached through an alias are located at the alias.
        #expect(try #require(root["again"]).scalar("again")
                == YAMLScalar(text: "hello", isQuoted: false, location: SourceLocation(file: "a.yaml", line: 4, column: 8)))
    }

    @Test func aliasOfAScalarCanBeAKey() throws {
        let root = try read("k: &k name\n*k : 3\n", limits: .problemFile)
        #expect(try root.mapping("root").map(\.key.text) == ["k", "name"])
        #expect(try root.mapping("root")[1].key.location.description == "a.yaml:2:1")
    }

    @Test func expandedNodesCountAgainstTheLimit() {
        let limits = YAMLLimits(maxBytes: 4096, maxDepth: 8, maxNodes: 20, maxScalarLength: 100, allowAliases: true)
        // root 1 + key 1 + list 5 = 7, then each alias adds 5 (+1 key).
        let text = "a: &a [1, 2, 3, 4]\nb: *a\nc: *a\nd: *a\n"
        #expect(readError(String(text.dropLast(6)), limits: limits) == nil)
        #expect(readError(text, limits: limits)?.description
                == "a.yaml:4:4: document is too large: more than 20 values after expanding aliases (the limit for YAML files)")
    }

    @Test func aliasDepthCountsWhereTheAliasIsUsed() {
        let limits = YAMLLimits(maxBytes: 4096, maxDepth: 3, maxNodes: 100, maxScalarLength: 100, allowAliases: true)
        #expect(readError("a: &a [[1]]\nb: *a\n", limits: limits) == nil)
        #expect(readError("a: &a [[1]]\nb: [*a]\n", limits: limits)?.description
                == "a.yaml:2:5: nesting is too deep: more than 3 levels of lists and mappings (the limit for YAML files)")
    }

    @Test func undefinedAndSelfReferencingAliases() {
        #expect(readError("a: *nope\n", limits: .problemFile)?.description
                == "a.yaml:1:4: alias *nope refers to an anchor &nope that is not defined before it")
        #expect(readError("a: &x [1, *x]\n", limits: .problemFile)?.description
                == "a.yaml:1:11: alias *x refers to an anchor &x that is not defined before it")
    }

    @Test func redefinedAnchorUsesTheLatestDefinition() throws {
        let root = try read("a: &x 1\nb: &x 2\nc: *x\n", limits: .problemFile)
        #expect(try #require(root["c"]).scalar("c").text == "2")
    }

    // MARK: Merge keys

    @Test func mergeKeyMergesWithExplicitKeysWinning() throws {
        let root = try read("""
            defaults: &d
              lr: 0.1
              epochs: 3
            run:
              name: first
              <<: *d
              epochs: 5
            """, limits: .problemFile)
        let run = try #require(root["run"]).mapping("run")
        #expect(run.map(\.key.text) == ["name", "lr", "epochs"])
        #expect(run.map { $0.value.location.line } == [5, 2, 7])
        #expect(try #require(root["run"]?["epochs"]).scalar("epochs").text == "5")
    }

    @Test func mergeListGivesEarlierMappingsPriority() throws {
        let root = try read("""
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
            """, limits: .problemFile)
        let texts = try #require(root["c"]).mapping("c").map { "\($0.key.text)=\(try $0.value.scalar("v").text)" }
        #expect(texts == ["x=1", "y=1", "z=2"])
    }

    @Test func mergeKeyWithInlineMappingAndBadValues() throws {
        let root = try read("c: {<<: {x: 1}, y: 2}", limits: .problemFile)
        #expect(try #require(root["c"]).mapping("c").map(\.key.text) == ["x", "y"])
        #expect(readError("a: &s text\nc:\n  <<: *s\n", limits: .problemFile)?.description
                == "a.yaml:3:7: a merge key << must be followed by a mapping or a list of mappings, but found a scalar")
        #expect(readError("c:\n  <<: [{x: 1}, [2]]\n", limits: .problemFile)?.description
                == "a.yaml:2:16: a merge key << list may only contain mappings, but found a list")
        #expect(readError("c:\n  <<: {x: 1}\n  <<: {y: 1}\n", limits: .problemFile)?.description
                == "a.yaml:3:3: duplicate key '<<': it is already defined on line 2")
    }
}
