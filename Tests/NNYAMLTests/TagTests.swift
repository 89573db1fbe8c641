import Testing
import NNYAML

/// Tags are rejected: nothing is ever constructed from them, and a tagged value is reported, not reinterpreted.
@Suite struct TagTests {
    @Test func binaryTagIsRejected() {
        #expect(readError("weights: !!binary aGVsbG8=\n")?.description
                == "a.yaml:1:10: YAML tags are not supported (found '!!binary'); write plain values without tags")
    }

    @Test func pythonTagsAreRejectedWithAHint() {
        let error = readError("a: !!python/object/apply:os.system ['rm -rf /']\n", limits: .problemFile)
        #expect(error?.line == 1)
        #expect(error?.column == 4)
        #expect(error?.message == "YAML tags are not supported (found '!!python/object/apply:os.system');"
                + " write plain values without tags (this looks like Python-specific output, e.g. yaml.dump of"
                + " numpy values; convert them to plain numbers and lists first)")
    }

    @Test func anyTagOnAnyNodeIsRejected() {
        #expect(readError("a: !!str 1\n")?.column == 4)
        #expect(readError("a: !custom {b: 1}\n")?.message
                == "YAML tags are not supported (found '!custom'); write plain values without tags")
        #expect(readError("? !!int 1\n: x\n")?.column == 3)
        #expect(readError("- ! x\n")?.message == "YAML tags are not supported (found '!'); write plain values without tags")
        #expect(readError("%TAG !e! tag:example.com,2000:\n---\na: !e!thing 1\n")?.message
                == "YAML tags are not supported (found 'tag:example.com,2000:thing'); write plain values without tags")
    }
}
