import Foundation
import Testing
import NNYAML
@testable import NNGrade

@Suite("Notebook answer files")
struct NotebookAnswersTests {
    func notebook(_ cells: [[String: Any]]) -> [UInt8] {
        let json: [String: Any] = ["cells": cells, "metadata": [:], "nbformat": 4, "nbformat_minor": 5]
        return Array((try? JSONSerialization.data(withJSONObject: json)) ?? Data())
    }

    @Test func taggedCodeCell() throws {
        let bytes = notebook([
            ["cell_type": "code", "metadata": [:], "source": "print(1)"],
            ["cell_type": "code", "metadata": ["tags": ["answers"]], "source": ["student: s1\n", "answers:\n", "  \"2.1\": 2858.4\n"]],
        ])
        let s = try NotebookAnswers.submission(bytes, file: "nb.ipynb")
        #expect(s.student == "s1")
        #expect(s.file == "nb.ipynb")
        guard case .value(let v, _) = s.answers["2.1"] else { Issue.record("no value"); return }
        #expect(v.scalars == [2858.4])
    }

    @Test func markerCellWithFence() throws {
        let bytes = notebook([
            ["cell_type": "markdown", "metadata": [:], "source": "# Results\nMSE 2858"],
            ["cell_type": "raw", "metadata": [:], "source": "# nncheck answers\n```yaml\nstudent: s2\nanswers: {a: 0.61}\n```\n"],
        ])
        let (yaml, cell) = try NotebookAnswers.answersCell(bytes, file: "nb.ipynb")
        #expect(cell == 2)
        #expect(yaml == "# nncheck answers\n\nstudent: s2\nanswers: {a: 0.61}\n\n")
        #expect(try NotebookAnswers.submission(bytes, file: "nb.ipynb").student == "s2")
    }

    @Test func errorsPointToTheCellAndLine() {
        let bytes = notebook([
            ["cell_type": "markdown", "metadata": [:], "source": "intro"],
            ["cell_type": "markdown", "metadata": [:], "source": "# nncheck answers\nstudent: s3\nanswers: [1, 2\n"],
        ])
        do {
            _ = try NotebookAnswers.submission(bytes, file: "nb.ipynb")
            Issue.record("no error")
        } catch {
            #expect(error.file == "nb.ipynb (cell 2)")
            #expect(error.line == 4)
        }
    }

    @Test func noAnswersCellOrNotANotebook() {
        let none = notebook([["cell_type": "markdown", "metadata": [:], "source": "nncheck answers are elsewhere"]])
        #expect(throws: InputError(file: "nb.ipynb", message: "the notebook has no answers cell (a cell tagged 'answers', or a raw or markdown cell whose first line is '# nncheck answers')")) {
            try NotebookAnswers.answersCell(none, file: "nb.ipynb")
        }
        #expect(throws: InputError(file: "nb.ipynb", message: "not a Jupyter notebook: the file is not valid JSON")) {
            try NotebookAnswers.answersCell(Array("{\"cells\": [".utf8), file: "nb.ipynb")
        }
        #expect(throws: InputError(file: "nb.ipynb", message: "not a Jupyter notebook: no 'cells' list (nbformat 4 is read)")) {
            try NotebookAnswers.answersCell(Array("[1, 2]".utf8), file: "nb.ipynb")
        }
    }

    @Test func sizeIsBounded() {
        let big = [UInt8](repeating: 0x20, count: NotebookAnswers.maximumBytes + 1)
        #expect(throws: InputError(file: "nb.ipynb", message: "the notebook is larger than the 16 MB limit for notebooks")) {
            try NotebookAnswers.answersCell(big, file: "nb.ipynb")
        }
    }
}
