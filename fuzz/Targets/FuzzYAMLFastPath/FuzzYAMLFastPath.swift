import NNYAML

/// One fuzz input: `YAMLReader.read` (fast path first) against `YAMLReader.readWithoutFastPath`
/// (libyaml only), under the answer-file and the problem-file limits.
///
/// Invariant checked: the two agree exactly: the same tree, locations included, or the same error
/// (message, line and column). The fast path may only ever take a document libyaml reads the same way.
func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) -> CInt {
    let bytes = Array(input)
    for limits in [YAMLLimits.answerFile, YAMLLimits.problemFile] {
        let withFastPath = Result { () throws(InputError) -> YAMLNode in
            try YAMLReader.read(bytes, file: "fuzz.yaml", limits: limits)
        }
        let libyamlOnly = Result { () throws(InputError) -> YAMLNode in
            try YAMLReader.readWithoutFastPath(bytes, file: "fuzz.yaml", limits: limits)
        }
        switch (withFastPath, libyamlOnly) {
        case (.success(let a), .success(let b)):
            precondition(a == b, "the fast path built a different tree than libyaml")
        case (.failure(let a), .failure(let b)):
            precondition(a == b, "different errors: \(a) vs \(b)")
        case (.success, .failure(let e)):
            preconditionFailure("the fast path accepted a document libyaml rejects: \(e)")
        case (.failure(let e), .success):
            preconditionFailure("the fast path rejected a document libyaml accepts: \(e)")
        }
    }
    return 0
}
