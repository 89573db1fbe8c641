/// Refusals of anything a request might use to change grading or reveal the key.
///
/// The server grades in student mode with each question's own tolerance, always. There is no
/// parameter that changes this, so a request naming one is a client that expects a control that
/// does not exist: it gets 400 with a line saying so, never a silently different check.
enum OverrideRefusal {
    /// Names that look like attempts to override the grading (`tolerance`, `show_key`, …).
    static let overrideNames: Set<String> = ["tolerance", "show_key", "showkey", "show-key", "reveal_key",
                                             "reveal-key", "key", "audience", "instructor", "answer", "answers"]

    /// The refusal for an unknown form field `name`.
    static func refusal(forField name: String) -> RequestError {
        if overrideNames.contains(name.lowercased()) {
            return RequestError(.badRequest, "'\(FormInput.clip(name))' is not accepted: this server always grades with the problem's own tolerances and never shows the key")
        }
        return RequestError(.badRequest, "unknown form field '\(FormInput.clip(name))'")
    }

    /// The refusal for a request with a query string (no route takes parameters), or nil without one.
    static func refusal(forQuery query: String?) -> RequestError? {
        guard let query, !query.isEmpty else { return nil }
        let names = query.split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1).first ?? "") }
        if let name = names.first(where: { overrideNames.contains($0.lowercased()) }) {
            return RequestError(.badRequest, "'\(FormInput.clip(name))' is not accepted: this server always grades with the problem's own tolerances and never shows the key")
        }
        return RequestError(.badRequest, "this server takes no query parameters")
    }
}
