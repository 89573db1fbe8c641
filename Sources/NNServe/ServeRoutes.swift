import Foundation
import Hummingbird
import Logging
import NIOCore
import NNFiles
import NNGrade
import NNOutput
import NNProblem
import NNReport

/// The routes of `nncheck serve`: the pages, the JSON API and the health check.
///
/// | route | answer |
/// |---|---|
/// | `GET /` | the problems (HTML) |
/// | `GET /p/<id>` | the questions and the answer form (HTML) |
/// | `POST /p/<id>` | the graded result page (HTML), from the form's fields or uploaded file |
/// | `POST /api/check/<id>` | exactly `nncheck check --format json` of the body in student mode; 200 when graded, 422 when ungradable |
/// | `GET /api/problems` | `{"problems": [{"id", "title", "course"}]}` |
/// | `GET /healthz` | `ok` and the number of problems |
struct ServeRoutes: Sendable {
    let store: ProblemStore
    let configuration: ServeConfiguration
    let limiter: RateLimiter
    let gate: GradingGate

    /// Adds every route to `router`.
    func add(to router: Router<ServeRequestContext>) {
        router.get("/") { request, _ in try self.page(request) { Pages.index(self.store.current) } }
        router.get("/p/:id") { request, context in
            try self.page(request) {
                let entry = try self.entry(context)
                return Pages.sheet(entry.check)
            }
        }
        router.post("/p/:id") { request, context in await self.formCheck(request, context: context) }
        router.post("/api/check/:id") { request, context in await self.apiCheck(request, context: context) }
        router.get("/api/problems") { request, _ in
            if let refusal = OverrideRefusal.refusal(forQuery: request.uri.query) { return Self.jsonError(refusal) }
            var w = JSONWriter()
            w.beginObject()
            w.beginArray("problems")
            for e in self.store.current.entries {
                w.beginObject()
                w.string(e.problem.id, key: "id")
                w.string(e.problem.title, key: "title")
                w.string(e.problem.course, key: "course")
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return Self.response(.ok, type: "application/json; charset=utf-8", bytes: w.takeUTF8WithTrailingNewline())
        }
        router.get("/healthz") { _, _ in
            Self.response(.ok, type: "text/plain; charset=utf-8", text: "ok \(self.store.current.entries.count) problems\n")
        }
    }

    // MARK: Checks

    /// `POST /api/check/<id>`: the body is an answer file.
    func apiCheck(_ request: Request, context: ServeRequestContext) async -> Response {
        do {
            if let refusal = OverrideRefusal.refusal(forQuery: request.uri.query) { throw refusal }
            let entry = try entry(context)
            try admit(request, context: context)
            let deadline = MonotonicClock.now + configuration.requestTimeoutSeconds
            let body = try await collectBody(request, deadline: deadline)
            let name = AnswerBody.displayName(contentType: request.headers[.contentType], bytes: body)
            let check = entry.check
            let result = try await grade(deadline: deadline) { check.check(bytes: body, displayName: name) }
            let json = check.render(result, format: .json)
            return Self.response(result.isGradable ? .ok : .unprocessableContent, type: "application/json; charset=utf-8", text: json)
        } catch let error as RequestError {
            return Self.jsonError(error)
        } catch {
            return Self.jsonError(RequestError(.internalServerError, "internal error"))
        }
    }

    /// `POST /p/<id>`: the answer form (fields or an uploaded file), answered with the result page.
    func formCheck(_ request: Request, context: ServeRequestContext) async -> Response {
        do {
            if let refusal = OverrideRefusal.refusal(forQuery: request.uri.query) { throw refusal }
            let entry = try entry(context)
            try admit(request, context: context)
            let deadline = MonotonicClock.now + configuration.requestTimeoutSeconds
            let body = try await collectBody(request, deadline: deadline)
            let check = entry.check
            let form = try FormInput.parse(contentType: request.headers[.contentType], body: body,
                                           questionCount: check.gradable.questions.count)
            let result: SubmissionResult
            if let file = form.file {
                let name = AnswerBody.displayName(contentType: nil, bytes: file.bytes)
                result = try await grade(deadline: deadline) { check.check(bytes: file.bytes, displayName: name) }
            } else {
                let json = form.answerFileJSON(gradable: check.gradable)
                result = try await grade(deadline: deadline) { check.check(bytes: json, displayName: "form.json") }
            }
            return Self.response(result.isGradable ? .ok : .unprocessableContent, type: "text/html; charset=utf-8",
                                 text: Pages.result(result, problem: check.problem))
        } catch let error as RequestError {
            return Self.htmlError(error)
        } catch {
            return Self.htmlError(RequestError(.internalServerError, "internal error"))
        }
    }

    /// The problem named by the `id` route parameter (looked up, never used as a path), or 404.
    func entry(_ context: ServeRequestContext) throws(RequestError) -> ProblemSet.Entry {
        guard let id = context.parameters.get("id"), let entry = store.current[id] else {
            throw RequestError(.notFound, "no such problem")
        }
        return entry
    }

    /// Applies the per-client rate limit and the declared body size; throws 429 or 413.
    func admit(_ request: Request, context: ServeRequestContext) throws(RequestError) {
        let client = ClientAddress.key(request: request, context: context, trustedHeader: configuration.clientAddressHeader)
        if case .limited(let seconds) = limiter.take(client: client, now: MonotonicClock.now) {
            throw RequestError(.tooManyRequests, "too many checks; try again in \(seconds) s", retryAfter: seconds)
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > configuration.maxBodyBytes {
            throw RequestError(.contentTooLarge, "the request body is larger than the \(configuration.maxBodyBytes)-byte limit")
        }
    }

    /// The request body, at most `maxBodyBytes`, read before `deadline`.
    func collectBody(_ request: Request, deadline: Double) async throws(RequestError) -> [UInt8] {
        let limit = configuration.maxBodyBytes
        let body = request.body
        let outcome: Result<ByteBuffer, RequestError>? = await FirstOf.value(timeoutSeconds: deadline - MonotonicClock.now) {
            do { return .success(try await body.collect(upTo: limit)) } catch is NIOTooManyBytesError {
                return .failure(RequestError(.contentTooLarge, "the request body is larger than the \(limit)-byte limit"))
            } catch {
                return .failure(RequestError(.badRequest, "the request body could not be read"))
            }
        }
        guard let outcome else { throw RequestError(.requestTimeout, "the request body did not arrive in time") }
        switch outcome {
        case .success(var buffer): return buffer.readBytes(length: buffer.readableBytes) ?? []
        case .failure(let e): throw e
        }
    }

    /// Runs a check under the grading cap and the deadline; 503 when the server is too busy.
    func grade(deadline: Double, _ work: @escaping @Sendable () -> SubmissionResult) async throws(RequestError) -> SubmissionResult {
        guard let result = await gate.run(deadline: deadline, work) else {
            throw RequestError(.serviceUnavailable, "the server is busy; try again shortly", retryAfter: 1)
        }
        return result
    }

    // MARK: Responses

    /// An HTML page, or the error page when `make` throws a `RequestError`.
    func page(_ request: Request, _ make: () throws -> String) throws -> Response {
        do {
            if let refusal = OverrideRefusal.refusal(forQuery: request.uri.query) { throw refusal }
            return Self.response(.ok, type: "text/html; charset=utf-8", text: try make())
        } catch let error as RequestError {
            return Self.htmlError(error)
        }
    }

    static func response(_ status: HTTPResponse.Status, type: String, text: String, retryAfter: Int? = nil) -> Response {
        response(status, type: type, bytes: Array(text.utf8), retryAfter: retryAfter)
    }

    static func response(_ status: HTTPResponse.Status, type: String, bytes: [UInt8], retryAfter: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store", .xContentTypeOptions: "nosniff"]
        if type.hasPrefix("text/html") {
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
        }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"error": "<message>"}` with the error's status.
    static func jsonError(_ e: RequestError) -> Response {
        var w = JSONWriter()
        w.beginObject()
        w.string(e.message, key: "error")
        w.endObject()
        return response(e.status, type: "application/json; charset=utf-8", bytes: w.takeUTF8WithTrailingNewline(), retryAfter: e.retryAfter)
    }

    /// The HTML error page with the error's status.
    static func htmlError(_ e: RequestError) -> Response {
        response(e.status, type: "text/html; charset=utf-8",
                 text: Pages.error(status: e.status.code, reason: e.status.reasonPhrase, message: e.message), retryAfter: e.retryAfter)
    }
}
