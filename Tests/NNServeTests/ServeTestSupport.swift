import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NNFiles
import NNGrade
import NNProblem
import TestSupport
@testable import NNServe

/// Shared set-up of the in-process route tests.
enum ServeTest {
    /// The bundled problems folder.
    static var problems: String { RepositoryRoot.path + "/problems" }

    /// The bundled problems, loaded once.
    static let store: ProblemStore = {
        do { return try ProblemStore.load(folder: problems) } catch { fatalError("bundled problems: \(error)") }
    }()

    /// A logger that drops everything (the route tests check responses, not logs).
    static var quiet: Logger { Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }) }

    /// An application over `store` with `configuration`, for `app.test(.router)`.
    static func app(store: ProblemStore = ServeTest.store, configuration: ServeConfiguration = .init(),
                    gate: GradingGate? = nil, logger: Logger = ServeTest.quiet) -> some ApplicationProtocol {
        Application(router: ServeApplication.router(store: store, configuration: configuration, logger: logger, gate: gate))
    }

    /// The bytes of a bundled submission.
    static func submission(_ problem: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: RepositoryRoot.path + "/submissions/\(problem)/\(name)")))
    }

    /// The body as text.
    static func text(_ buffer: ByteBuffer?) -> String { buffer.map { String(buffer: $0) } ?? "" }

    /// The body as a JSON object.
    static func json(_ buffer: ByteBuffer?) throws -> [String: Any] {
        let data = Data(text(buffer).utf8)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// A temporary folder with these problem files (name → text).
    static func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nncheck-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }

    /// A one-question problem file with this id and title (a 1-1 linear network, y_hat = 2·3 = 6).
    static func tinyProblem(id: String, title: String) -> String {
        """
        nncheck: 1
        id: \(id)
        title: \(title)
        network:
          layers:
            - weights: [[2]]
              bias: [0]
              activation: linear
        data:
          x: [3]
          y: 1
        loss: half_sse
        questions:
          - {id: "q1", text: "The output.", ask: y_hat}

        """
    }
}
