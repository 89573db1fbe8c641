import Foundation
import Hummingbird
import HummingbirdTesting
import NNFiles
import NNGrade
import NNProblem
import Testing
@testable import NNServe

/// The routes, in process (HummingbirdTesting's router framework: no sockets).
@Suite struct RouteTests {
    @Test func problemsListsEveryBundledProblem() async throws {
        let ids = try FileManager.default.contentsOfDirectory(atPath: ServeTest.problems).filter { $0.hasSuffix(".yaml") }
            .map { try ProblemLoader.load(path: ServeTest.problems + "/" + $0).id }.sorted()
        // Every bundled problem file loads into the served set (12 files in problems/ today).
        #expect(ids.count == 12)
        try await ServeTest.app().test(.router) { client in
            try await client.execute(uri: "/api/problems", method: .get) { response in
                #expect(response.status == .ok)
                let list = try #require(try ServeTest.json(response.body)["problems"] as? [[String: Any]])
                #expect(list.compactMap { $0["id"] as? String } == ids)
                let hw1 = try #require(list.first { $0["id"] as? String == "hw1-backprop" })
                #expect(hw1["title"] as? String == "HW 1: MLP & Backpropagation")
                #expect(hw1["course"] as? String == "HW 1 Group 7")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(ServeTest.text(response.body) == "ok \(ids.count) problems\n")
            }
        }
    }

    @Test func apiCheckIsTheStudentModeCheckJSON() async throws {
        let body = try ServeTest.submission("hw1-backprop", "sign-error.yaml")
        let check = try #require(ServeTest.store.current["hw1-backprop"]).check
        let expected = check.render(check.check(bytes: body, displayName: "answers.yaml"), format: .json)
        try await ServeTest.app().test(.router) { client in
            try await client.execute(uri: "/api/check/hw1-backprop", method: .post,
                                     headers: [.contentType: "application/yaml"], body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(ServeTest.text(response.body) == expected)
                let json = try ServeTest.json(response.body)
                // The seed-independent facts of sign-error.yaml: 7 of 23 points, δ(2) = −4 is a sign error.
                #expect(json["score"] as? Double == 7)
                #expect(json["max_score"] as? Double == 23)
                let questions = try #require(json["questions"] as? [[String: Any]])
                let delta2 = try #require(questions.first { $0["id"] as? String == "1.3-delta2" })
                #expect(delta2["verdict"] as? String == "incorrect")
                #expect(delta2["given"] as? String == "-4")
                // Student mode: no expected value, no error size.
                #expect(questions.allSatisfy { $0["expected"] == nil && $0["error"] == nil && $0["allowed"] == nil })
            }
        }
    }

    @Test func perfectAnswersScoreFullMarks() async throws {
        let body = try ServeTest.submission("hw1-backprop", "perfect.yaml")
        try await ServeTest.app().test(.router) { client in
            try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                let json = try ServeTest.json(response.body)
                #expect(json["score"] as? Double == 23)
                #expect(json["status"] as? String == "graded")
                #expect(json["file"] as? String == "answers.yaml")
            }
        }
    }

    @Test func malformedAndHostileFilesAreUngradable() async throws {
        let cases: [(String, String)] = [
            ("student: [unclosed\n", "answers.yaml:2:1: YAML syntax error"),
            ("a: &x [1, 2]\nb: *x\n", "alias"),
            ("{\"student\": \"s\", \"answers\": {\"1.2\": 1}, \"tolerance\": \"100%\"}", "unknown key 'tolerance'"),
            ("student: s\nshow_key: true\nanswers:\n  \"1.2\": 1\n", "unknown key 'show_key'"),
        ]
        try await ServeTest.app().test(.router) { client in
            for (text, reason) in cases {
                try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(string: text)) { response in
                    #expect(response.status == .unprocessableContent, "\(text)")
                    let json = try ServeTest.json(response.body)
                    #expect(json["status"] as? String == "ungradable")
                    let got = json["reason"] as? String ?? ""
                    #expect(got.contains(reason), "\(got)")
                }
            }
        }
    }

    @Test func overridesAndParametersAreRefused() async throws {
        let body = try ServeTest.submission("hw1-backprop", "sign-error.yaml")
        try await ServeTest.app().test(.router) { client in
            for query in ["tolerance=100%25", "show_key=true", "TOLERANCE=1", "path=/etc/passwd", "x"] {
                try await client.execute(uri: "/api/check/hw1-backprop?\(query)", method: .post, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    let message = try ServeTest.json(response.body)["error"] as? String ?? ""
                    if query.lowercased().hasPrefix("tolerance") || query.hasPrefix("show_key") {
                        #expect(message.contains("is not accepted"), "\(message)")
                    } else {
                        #expect(message == "this server takes no query parameters")
                    }
                    #expect(!ServeTest.text(response.body).contains("verdict"))
                }
            }
            for field in ["tolerance", "show_key", "path"] {
                try await client.execute(uri: "/p/hw1-backprop", method: .post,
                                         headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "answer-1=%5B5%2C7%5D&\(field)=1")) { response in
                    #expect(response.status == .badRequest, "\(field)")
                    #expect(!ServeTest.text(response.body).contains("<table"))
                }
            }
            try await client.execute(uri: "/p/hw1-backprop?tolerance=1", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func unknownProblemsAndPathsAre404() async throws {
        try await ServeTest.app().test(.router) { client in
            for uri in ["/api/check/nope", "/api/check/..%2Fproblems%2Fhw1-backprop", "/api/check/hw1-backprop.yaml"] {
                try await client.execute(uri: uri, method: .post, body: ByteBuffer(string: "student: s\n")) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
            for uri in ["/p/nope", "/p/..%2F..%2Fetc%2Fpasswd", "/p/%2Fetc%2Fpasswd"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!ServeTest.text(response.body).contains("root:"))
                }
            }
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        var config = ServeConfiguration()
        config.maxBodyBytes = 1000
        let small = try ServeTest.submission("hw1-backprop", "perfect.yaml")
        #expect(small.count < 1000)
        let big = small + Array(repeating: UInt8(ascii: "#"), count: 1000)
        try await ServeTest.app(configuration: config).test(.router) { client in
            try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(bytes: big)) { response in
                #expect(response.status == .contentTooLarge)
                let message = try ServeTest.json(response.body)["error"] as? String
                #expect(message == "the request body is larger than the 1000-byte limit")
            }
            try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(bytes: small)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func theRateLimitAnswers429WithRetryAfter() async throws {
        var config = ServeConfiguration()
        config.burst = 3
        config.checksPerSecond = 1e-6  // one token per 11.6 days: the fourth check is refused whatever the timing
        let body = try ServeTest.submission("hw1-backprop", "perfect.yaml")
        try await ServeTest.app(configuration: config).test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .tooManyRequests)
                let retry = try #require(response.headers[.retryAfter].flatMap { Int($0) })
                // 10⁶ s for the missing token, less the (at most minutes of) refill during the test.
                #expect(retry > 900_000 && retry <= 1_000_000)
            }
            // Pages are not checks: they stay available.
            try await client.execute(uri: "/p/hw1-backprop", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    @Test func aFullGradingQueueAnswers503() async throws {
        var config = ServeConfiguration()
        config.maxConcurrentChecks = 1
        config.maxQueuedChecks = 0
        let gate = GradingGate(limit: 1, maxWaiting: 0)
        #expect(await gate.enter(deadline: MonotonicClock.now + 60))  // the one slot, held by "another check"
        let body = try ServeTest.submission("hw1-backprop", "perfect.yaml")
        try await ServeTest.app(configuration: config, gate: gate).test(.router) { client in
            try await client.execute(uri: "/api/check/hw1-backprop", method: .post, body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
            }
        }
        gate.leave()
        #expect(gate.load.running == 0)
    }
}
