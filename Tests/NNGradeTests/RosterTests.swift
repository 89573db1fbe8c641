import NNFiles
import NNYAML
import Testing

/// Roster CSV files for `nncheck variants`.
struct RosterTests {
    @Test func readsTheStudentColumnWithQuotingAndOddIDs() throws {
        let r = try Roster.parse("name,Student\r\n\"Liu, Lucas\",31445179\r\nB, 31445180 \r\n\r\nC,\"z5/ö'connor, jr\"\r\n", file: "r.csv")
        #expect(r.students == ["31445179", "31445180", "z5/ö'connor, jr"])
    }

    @Test func fallsBackToTheFirstColumnAndSkipsABOM() throws {
        #expect(try Roster.parse("\u{FEFF}login,name\nab12,A\ncd34,C\n", file: "r.csv").students == ["ab12", "cd34"])
        #expect(try Roster.parse("x,id\n1,a\n2,b", file: "r.csv").students == ["a", "b"])
    }

    @Test(arguments: [
        ("student\n1\n1\n", "r.csv:3: student '1' is listed twice (first on line 2)"),
        ("student,name\n,A\n", "r.csv:2: no student id in column 'student'"),
        ("student\n", "r.csv: the roster lists no students"),
        ("", "r.csv:1: the roster has no header row"),
    ])
    func badRostersAreErrors(text: String, message: String) {
        do {
            _ = try Roster.parse(text, file: "r.csv")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
