import Testing
import NNYAML

@Suite struct PerformanceTests {
    /// A typical answer file of about 1 KB.
    static let typicalAnswerFile: [UInt8] = {
        var text = "# Homework 3 answers\nstudent: \"s1234567\"\nname: Ada Lovelace\nanswers:\n"
        for task in 1...9 {
            text += "  \"\(task).1\": 0.\(task)25\n"
            text += "  \"\(task).2\": [0.1, -0.25, 1.5e-3, 2]\n"
            text += "  \"\(task).3\":\n    - [1, 0, 0.5]\n    - [0, 1, -0.5]\n"
        }
        text += "notes: |\n  The gradient vanishes for large inputs,\n  so I clipped the activations.\n"
        return Array(text.utf8)
    }()

    @Test func typicalAnswerFileReadsFast() throws {
        let bytes = Self.typicalAnswerFile
        #expect((900...1400).contains(bytes.count))
        _ = try YAMLReader.read(bytes, file: "a.yaml", limits: .answerFile)
        let rounds = 1000
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<rounds {
            _ = try YAMLReader.read(bytes, file: "a.yaml", limits: .answerFile)
        }
        let average = (clock.now - start) / rounds
        print("typical \(bytes.count)-byte answer file: \(average) per read")
        // Generous bound so debug builds on busy machines pass; release builds take far less.
        #expect(average < .milliseconds(2))
    }
}
