import Foundation
import Testing
import TestSupport

/// `nncheck serve` as a real process on a free loopback port: answer files posted over HTTP get
/// exactly what `nncheck check --format json` prints, limits hold, the key never shows, SIGHUP
/// reloads atomically and SIGTERM stops cleanly.
@Suite(.serialized) struct ServeEndToEndTests {
    /// `nncheck check PROBLEM FILE --format json` with the answers saved as `answers.yaml` (the name
    /// the server checks a YAML body under), run in that file's folder.
    static func checkJSON(problem: String, answers: [UInt8], name: String = "answers.yaml") throws -> NNCheckBinary.Run {
        let folder = try NNCheckBinary.temporaryFolder("serve-check")
        try Data(answers).write(to: URL(fileURLWithPath: folder + "/" + name))
        return try NNCheckBinary.run(["check", NNCheckBinary.root + "/problems/\(problem).yaml", name, "--format", "json"], in: folder)
    }

    static func submission(_ problem: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: NNCheckBinary.root + "/submissions/\(problem)/\(name)")))
    }

    @Test func answerFilesOverHTTP() async throws {
        let server = try ServeProcess(folder: "problems", arguments: ["--rate", "1000", "--burst", "1000"])
        defer { server.stop() }

        // Correct, wrong and malformed files: the body is byte for byte the check command's JSON.
        for (problem, name, status, exit) in [("hw1-backprop", "perfect.yaml", 200, Int32(0)),
                                              ("hw1-backprop", "sign-error.yaml", 200, 1),
                                              ("ece4179-mlp", "bad-syntax.yaml", 422, 65),
                                              ("cs5783-a2", "no-learning-rate.yaml", 200, 1)] {
            let bytes = try Self.submission(problem, name)
            let response = try await server.request("/api/check/\(problem)", method: "POST", body: bytes, contentType: "application/yaml")
            let local = try Self.checkJSON(problem: problem, answers: bytes)
            #expect(local.status == exit, "\(name): \(local.stderr)")
            #expect(response.status == status, "\(name): \(response.body)")
            #expect(response.body == local.stdout, "\(name)")
            #expect(response.headers["content-type"] == "application/json; charset=utf-8")
        }
        // A JSON answer file, by Content-Type.
        let json = try Self.submission("cs5783-a2", "json-student.json")
        let jsonResponse = try await server.request("/api/check/cs5783-a2", method: "POST", body: json, contentType: "application/json")
        #expect(jsonResponse.body == (try Self.checkJSON(problem: "cs5783-a2", answers: json, name: "answers.json")).stdout)

        // An alias bomb (a billion laughs) is refused at the first alias, not expanded.
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (prev, next) in zip("abcdefgh", "bcdefghi") {
            bomb += "\(next): &\(next) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        let bombResponse = try await server.request("/api/check/hw1-backprop", method: "POST", body: Array(bomb.utf8))
        #expect(bombResponse.status == 422)
        #expect(bombResponse.body.contains("aliases are not allowed in answer files"), "\(bombResponse.body)")

        // A 2 MB body gets 413 before it is graded.
        let big = Array(repeating: UInt8(ascii: "#"), count: 2 << 20)
        let bigResponse = try await server.request("/api/check/hw1-backprop", method: "POST", body: big)
        #expect(bigResponse.status == 413)
        #expect(bigResponse.body == "{\n  \"error\": \"the request body is larger than the 1048576-byte limit\"\n}\n")

        // No tolerance or show_key override, by query or in the file.
        let sign = try Self.submission("hw1-backprop", "sign-error.yaml")
        let override = try await server.request("/api/check/hw1-backprop?tolerance=100%25", method: "POST", body: sign)
        #expect(override.status == 400)
        #expect(override.body.contains("is not accepted"))
        let showKey = try await server.request("/api/check/hw1-backprop", method: "POST",
                                               body: Array("show_key: true\n".utf8) + sign)
        #expect(showKey.status == 422)
        #expect(showKey.body.contains("unknown key 'show_key'"))

        // The pages work over the socket too.
        let index = try await server.request("/")
        #expect(index.status == 200 && index.body.contains("href=\"/p/hw1-backprop\""))
        let health = try await server.request("/healthz")
        #expect(health.body == "ok 12 problems\n")  // every file in problems/

        // One access-log line per request, with method, path, status and latency; never an answer.
        let log = server.stderr
        #expect(log.contains("method=POST") && log.contains("path=/api/check/hw1-backprop") && log.contains("status=413"))
        #expect(log.contains("latency_ms="))
        #expect(!log.contains("s3003") && !log.contains("1.3-delta2") && !log.contains("lol"), "\(log)")
    }

    /// Wrong answers to every question of every bundled problem without `show_key`: no API body or
    /// result page contains a rendering of a key value.
    @Test func theKeyNeverLeaves() async throws {
        let server = try ServeProcess(folder: "problems", arguments: ["--rate", "1000", "--burst", "1000"])
        defer { server.stop() }
        for problem in ["ece4179-mlp", "cs2109s-t7", "cs5783-a2", "dsga1008-hw1", "hw1-backprop"] {
            let solved = try NNCheckBinary.run(["solve", "problems/\(problem).yaml", "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(solved.stdout.utf8)) as? [String: Any]
            let key = try #require(object?["answers"] as? [String: Any]).sorted { $0.key < $1.key }
            var answers = "student: leaker\nproblem: \(problem)\nanswers:\n"
            for (id, value) in key { answers += "  \"\(id)\": \(KeyLeakText.wrongAnswer(shapedLike: value))\n" }
            let publicText = KeyLeakText.publicText(of: try String(contentsOfFile: NNCheckBinary.root + "/problems/\(problem).yaml", encoding: .utf8))
            var forbidden: [(String, String)] = []
            for (id, value) in key {
                for number in KeyLeakText.numbers(in: value) {
                    for text in KeyLeakText.renderings(of: number) where !publicText.contains(text) && !answers.contains(text) {
                        forbidden.append((id, text))
                    }
                }
            }
            #expect(!forbidden.isEmpty)
            let api = try await server.request("/api/check/\(problem)", method: "POST", body: Array(answers.utf8))
            #expect(api.status == 200)
            let page = try await server.request("/p/\(problem)")
            let boundary = "nncheckE2E"
            let form = "--\(boundary)\r\nContent-Disposition: form-data; name=\"answers_file\"; filename=\"w.yaml\"\r\n\r\n\(answers)\r\n--\(boundary)--\r\n"
            let result = try await server.request("/p/\(problem)", method: "POST", body: Array(form.utf8),
                                                  contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(result.status == 200 && result.body.contains("leaker"))
            for (label, body) in [("API", api.body), ("sheet", page.body), ("result page", result.body)] {
                for (id, text) in forbidden where body.contains(text) {
                    Issue.record("\(problem): the \(label) contains \(text), the key of \(id)")
                }
            }
        }
    }

    @Test func hangupReloadsAtomicallyAndTermStopsCleanly() async throws {
        let folder = try NNCheckBinary.temporaryFolder("serve-reload")
        try FileManager.default.copyItem(atPath: NNCheckBinary.root + "/problems/hw1-backprop.yaml", toPath: folder + "/hw1-backprop.yaml")
        let server = try ServeProcess(folder: folder)
        defer { server.stop() }
        #expect(try await server.request("/healthz").body == "ok 1 problems\n")

        // A broken edit: the reload fails, is logged, and the old problem stays.
        try "nncheck: 1\nid: broken\nquestions: [\n".write(toFile: folder + "/broken.yaml", atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        #expect(await Self.eventually { server.stderr.contains("reload failed; the previous problems stay in force") })
        #expect(server.stderr.contains("broken.yaml:"))
        #expect(try await server.request("/healthz").body == "ok 1 problems\n")
        let perfect = try Self.submission("hw1-backprop", "perfect.yaml")
        #expect(try await server.request("/api/check/hw1-backprop", method: "POST", body: perfect).status == 200)

        // Fixed: the next SIGHUP brings in the second problem.
        try FileManager.default.removeItem(atPath: folder + "/broken.yaml")
        try FileManager.default.copyItem(atPath: NNCheckBinary.root + "/problems/ece4179-mlp.yaml", toPath: folder + "/ece4179-mlp.yaml")
        server.signal(SIGHUP)
        #expect(await Self.eventually { server.stderr.contains("reloaded problems") })
        #expect(try await server.request("/healthz").body == "ok 2 problems\n")

        server.signal(SIGTERM)
        #expect(server.waitForExit(seconds: 30) == 0)
    }

    /// Polls `condition` every 50 ms for at most 30 s (a signal is handled asynchronously).
    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<600 {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return condition()
    }
}
