import NNGrade
import NNOutput

extension ExpectedAnswer {
    /// Writes the answer as a JSON value under `key`.
    func write(to w: inout JSONWriter, key: String) {
        switch self {
        case .value(let t): w.tensor(t, key: key)
        case .text(let s): w.string(s, key: key)
        }
    }
}
