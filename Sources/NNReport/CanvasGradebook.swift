import NNCore
import NNProblem
import NNGrade

/// A gradebook CSV in the layout Canvas's "Import" (Grades → Import) accepts.
///
/// Canvas reads the header row by position: `Student`, `ID`, `SIS User ID`, `SIS Login ID`,
/// `Section`, then one column per assignment. An optional second row starting `Points Possible`
/// gives each assignment's points. A student row is matched by `ID` (Canvas's own user id, which
/// nncheck does not know and leaves empty), then `SIS User ID`, then `SIS Login ID`, then the name in
/// `Student`; nncheck puts the answer file's `student` id in all three, and the import preview lets
/// the instructor resolve any student it could not match. The assignment column is titled
/// `<problem title> (<problem id>)`: Canvas creates an assignment of that name on the first import
/// and finds it by the same name on later ones. Ungradable files score 0, as in `gradebook.csv`.
/// Fields are quoted and guarded against spreadsheet formulas as in `Gradebook`; lines end in CRLF.
public enum CanvasGradebook {
    /// The columns Canvas requires before the assignment columns, in order.
    public static let studentColumns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

    /// The assignment column's title for a problem.
    public static func assignmentColumn(_ problem: Problem) -> String { "\(problem.title) (\(problem.id))" }

    /// The CSV text: header, `Points Possible` row, then one row per submission.
    public static func csv(_ results: [SubmissionResult], problem: Problem) -> String {
        var out = Gradebook.row(studentColumns + [assignmentColumn(problem)])
        out += Gradebook.row(["Points Possible", "", "", "", "", PointsText.of(problem.totalPoints)])
        for r in results {
            out += Gradebook.row([r.student, "", r.student, r.student, "", PointsText.of(r.isGradable ? r.earned : 0)])
        }
        return out
    }

}
