import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import NNServe

/// The HTML pages: the sheet and form, the result, escaping, and no key.
@Suite struct PageTests {
    @Test func theSheetHasOneFieldPerQuestionAndNoKey() async throws {
        let check = try #require(ServeTest.store.current["hw1-backprop"]).check
        try await ServeTest.app().test(.router) { client in
            try await client.execute(uri: "/p/hw1-backprop", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = ServeTest.text(response.body)
                let count = check.gradable.questions.count
                #expect(count == 20)
                for n in 1...count { #expect(html.contains("name=\"answer-\(n)\"")) }
                #expect(!html.contains("name=\"answer-\(count + 1)\""))
                #expect(html.contains("name=\"answers_file\""))
                #expect(html.contains("enctype=\"multipart/form-data\""))
                #expect(html.contains("asks z1: a vector of 2; 1 point"))
                // 1.3c-w12(2)'s key is 196 and 1.3d-w12(1)'s is 5.4: neither appears on the sheet.
                #expect(!html.contains("196") && !html.contains("5.4"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                let html = ServeTest.text(response.body)
                #expect(html.contains("<a href=\"/p/hw1-backprop\">HW 1: MLP &amp; Backpropagation</a>"))
            }
        }
    }

    @Test func theFormIsGradedIntoAResultPage() async throws {
        // d(1) right, y right, δ(2) with the sign error, the rest left blank.
        let body = "student=s9&answer-1=%5B5%2C+7%5D&answer-4=1&answer-6=-4"
        try await ServeTest.app().test(.router) { client in
            try await client.execute(uri: "/p/hw1-backprop", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let html = ServeTest.text(response.body)
                #expect(html.contains("<tr class=\"correct\" data-question=\"1.1-drive\">"))
                #expect(html.contains("<tr class=\"correct\" data-question=\"1.2\">"))
                #expect(html.contains("<tr class=\"incorrect\" data-question=\"1.3-delta2\">"))
                #expect(html.contains("<tr class=\"missing\" data-question=\"1.3a\">"))
                #expect(html.contains("HW 1: MLP &amp; Backpropagation — s9"))
                #expect(html.contains("2 of 20 questions correct; 3 / 23 points"))
            }
        }
    }

    @Test func everythingFromFilesAndRequestsIsEscaped() async throws {
        let folder = try ServeTest.folder(["evil.yaml": ServeTest.tinyProblem(id: "evil", title: "\"<script>alert(1)</script>&'\"")])
        let store = try ProblemStore.load(folder: folder)
        try await ServeTest.app(store: store).test(.router) { client in
            for uri in ["/", "/p/evil"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = ServeTest.text(response.body)
                    #expect(!html.contains("<script>"), "\(uri)")
                    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;"), "\(uri)")
                }
            }
            let body = "student=%3Cimg+src%3Dx%3E&answer-1=%3Cb%3E6%1B"
            try await client.execute(uri: "/p/evil", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: body)) { response in
                let html = ServeTest.text(response.body)
                #expect(!html.contains("<img") && !html.contains("<b>") && !html.contains("\u{1B}"))
                #expect(html.contains("&lt;img src=x&gt;"))
            }
        }
    }

    @Test func uploadedFilesAreCheckedInsteadOfTheFields() async throws {
        let file = String(decoding: try ServeTest.submission("hw1-backprop", "perfect.yaml"), as: UTF8.self)
        let body = "--b0\r\nContent-Disposition: form-data; name=\"answer-1\"\r\n\r\n999\r\n"
            + "--b0\r\nContent-Disposition: form-data; name=\"answers_file\"; filename=\"perfect.yaml\"\r\n\r\n\(file)\r\n--b0--\r\n"
        try await ServeTest.app().test(.router) { client in
            try await client.execute(uri: "/p/hw1-backprop", method: .post, headers: [.contentType: "multipart/form-data; boundary=b0"],
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(ServeTest.text(response.body).contains("20 of 20 questions correct; 23 / 23 points"))
            }
            // An unreadable upload is a result page with the located reason, status 422.
            let bad = "--b0\r\nContent-Disposition: form-data; name=\"answers_file\"; filename=\"x.yaml\"\r\n\r\nstudent: [\r\n--b0--\r\n"
            try await client.execute(uri: "/p/hw1-backprop", method: .post, headers: [.contentType: "multipart/form-data; boundary=b0"],
                                     body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(ServeTest.text(response.body).contains("id=\"ungradable\">✘ answers.yaml:"))
            }
        }
    }
}

/// Loading and reloading the problem folder.
@Suite struct ReloadTests {
    @Test func aBrokenEditKeepsTheOldSet() throws {
        let folder = try ServeTest.folder(["a.yaml": ServeTest.tinyProblem(id: "a", title: "A")])
        let store = try ProblemStore.load(folder: folder)
        #expect(store.current.entries.map(\.problem.id) == ["a"])
        try ServeTest.tinyProblem(id: "b", title: "B").write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        try "nncheck: 1\nid: broken\ntitel: typo\n".write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        guard case .failure(let error) = store.reload() else { Issue.record("a broken folder reloaded"); return }
        #expect(error.description.contains("c.yaml:"))
        #expect(store.current.entries.map(\.problem.id) == ["a"])
        try FileManager.default.removeItem(atPath: folder + "/c.yaml")
        guard case .success = store.reload() else { Issue.record("the fixed folder did not reload"); return }
        #expect(store.current.entries.map(\.problem.id) == ["a", "b"])
    }

    @Test func duplicateIdsFifosAndEmptyFoldersAreRefused() throws {
        let dup = try ServeTest.folder(["a.yaml": ServeTest.tinyProblem(id: "same", title: "A"),
                                        "b.yaml": ServeTest.tinyProblem(id: "same", title: "B")])
        #expect(throws: ProblemSetError.self) { try ProblemSet.load(folder: dup) }
        let fifo = try ServeTest.folder(["a.yaml": ServeTest.tinyProblem(id: "a", title: "A")])
        #expect(mkfifo(fifo + "/pipe.yaml", 0o600) == 0)
        do { _ = try ProblemSet.load(folder: fifo); Issue.record("a FIFO was loaded") } catch {
            #expect(error.description.hasSuffix("pipe.yaml: not a regular file; only plain problem files are served"))
        }
        let empty = try ServeTest.folder([:])
        #expect(throws: ProblemSetError.self) { try ProblemSet.load(folder: empty) }
    }
}
