import Testing
@testable import NNServe

/// The token bucket, driven by explicit times (no clock, no sleeping).
@Suite struct RateLimiterTests {
    @Test func aBurstThenTheRate() {
        let limiter = RateLimiter(rate: 2, burst: 3, maxClients: 10)
        for _ in 0..<3 { #expect(limiter.take(client: "a", now: 100) == .allowed) }
        // Empty: one token takes 0.5 s at 2 per second; Retry-After is whole seconds, at least 1.
        #expect(limiter.take(client: "a", now: 100) == .limited(retryAfterSeconds: 1))
        // Another client has its own bucket.
        #expect(limiter.take(client: "b", now: 100) == .allowed)
        // 0.5 s later one token is back, and only one.
        #expect(limiter.take(client: "a", now: 100.5) == .allowed)
        #expect(limiter.take(client: "a", now: 100.5) == .limited(retryAfterSeconds: 1))
        // A long quiet spell refills to the burst size, not beyond.
        for _ in 0..<3 { #expect(limiter.take(client: "a", now: 1000) == .allowed) }
        #expect(limiter.take(client: "a", now: 1000) == .limited(retryAfterSeconds: 1))
    }

    @Test func retryAfterIsTheTimeToTheNextToken() {
        let limiter = RateLimiter(rate: 0.1, burst: 1, maxClients: 10)
        #expect(limiter.take(client: "a", now: 0) == .allowed)
        #expect(limiter.take(client: "a", now: 0) == .limited(retryAfterSeconds: 10))
        #expect(limiter.take(client: "a", now: 7.5) == .limited(retryAfterSeconds: 3))  // 2.5 s to go, rounded up
        #expect(limiter.take(client: "a", now: 10) == .allowed)
    }

    @Test func theClientTableIsBounded() {
        let limiter = RateLimiter(rate: 1, burst: 2, maxClients: 3)
        for c in ["a", "b", "c"] { #expect(limiter.take(client: c, now: 0) == .allowed) }
        #expect(limiter.trackedClients == 3)
        // Full, and no bucket has refilled yet: a new client is limited rather than the table growing.
        #expect(limiter.take(client: "d", now: 0.1) == .limited(retryAfterSeconds: 1))
        #expect(limiter.trackedClients == 3)
        // A second later every bucket is full again (indistinguishable from new) and is dropped.
        #expect(limiter.take(client: "d", now: 1.5) == .allowed)
        #expect(limiter.trackedClients == 1)
    }
}

/// How an uploaded body is named (and so read).
@Suite struct AnswerBodyTests {
    @Test func contentTypeThenSniffing() {
        let yaml = Array("student: s\n".utf8)
        let json = Array(" {\"student\": \"s\"}".utf8)
        let notebook = Array("{\n \"cells\": [], \"nbformat\": 4}".utf8)
        #expect(AnswerBody.displayName(contentType: "application/json; charset=utf-8", bytes: json) == "answers.json")
        #expect(AnswerBody.displayName(contentType: "application/x-yaml", bytes: json) == "answers.yaml")
        #expect(AnswerBody.displayName(contentType: "application/x-ipynb+json", bytes: yaml) == "answers.ipynb")
        #expect(AnswerBody.displayName(contentType: "application/json", bytes: notebook) == "answers.ipynb")
        #expect(AnswerBody.displayName(contentType: nil, bytes: yaml) == "answers.yaml")
        #expect(AnswerBody.displayName(contentType: nil, bytes: json) == "answers.json")
        #expect(AnswerBody.displayName(contentType: "text/plain", bytes: notebook) == "answers.ipynb")
        #expect(AnswerBody.displayName(contentType: nil, bytes: []) == "answers.yaml")
    }
}

/// The answer form's two encodings.
@Suite struct FormInputTests {
    @Test func urlEncodedFields() throws {
        let body = Array("student=s+1&answer-1=%5B5%2C+7%5D&answer-2=&answer-3=+-1+".utf8)
        let form = try FormInput.parse(contentType: "application/x-www-form-urlencoded", body: body, questionCount: 3)
        #expect(form.student == "s 1")
        #expect(form.answers == [0: "[5, 7]", 2: "-1"])
        #expect(form.file == nil)
    }

    @Test func multipartFieldsAndFile() throws {
        let body = Array("""
            --XyZ\r
            Content-Disposition: form-data; name="student"\r
            \r
            s2\r
            --XyZ\r
            Content-Disposition: form-data; name="answer-2"\r
            \r
            -1/2\r
            --XyZ\r
            Content-Disposition: form-data; name="answers_file"; filename="mine.yaml"\r
            Content-Type: application/octet-stream\r
            \r
            student: s2\r
            --XyZ--\r

            """.utf8)
        let form = try FormInput.parse(contentType: "multipart/form-data; boundary=XyZ", body: body, questionCount: 2)
        #expect(form.student == "s2")
        #expect(form.answers == [1: "-1/2"])
        #expect(form.file?.name == "mine.yaml")
        #expect(form.file.map { String(decoding: $0.bytes, as: UTF8.self) } == "student: s2")
    }

    @Test func refusals() {
        func status(_ type: String?, _ body: String, questions: Int = 2) -> Int? {
            do { _ = try FormInput.parse(contentType: type, body: Array(body.utf8), questionCount: questions); return nil } catch {
                return error.status.code
            }
        }
        #expect(status("application/x-www-form-urlencoded", "answer-3=1") == 400)   // no third question
        #expect(status("application/x-www-form-urlencoded", "answer-0=1") == 400)
        #expect(status("application/x-www-form-urlencoded", "tolerance=1%25") == 400)
        #expect(status("application/x-www-form-urlencoded", "answer-1=%ZZ") == 400)
        #expect(status("multipart/form-data", "x") == 400)                           // no boundary
        #expect(status("application/json", "{}") == 415)
        #expect(status(nil, "") == 415)
        let many = (0..<1001).map { _ in "student=a" }.joined(separator: "&")
        #expect(status("application/x-www-form-urlencoded", many) == 400)
    }

    @Test func theFieldsBecomeAQuotedJSONAnswerFile() throws {
        let gradable = try #require(ServeTest.store.current["hw1-backprop"]).check.gradable
        var form = FormInput()
        form.answers = [0: "[5, 7]", 3: "\"1\"\n"]
        let text = String(decoding: form.answerFileJSON(gradable: gradable), as: UTF8.self)
        #expect(text == """
            {
              "student": "web-form",
              "problem": "hw1-backprop",
              "answers": {
                "1.1-drive": "[5, 7]",
                "1.2": "\\"1\\"\\n"
              }
            }

            """)
    }
}
