import NNYAML

/// Proves a randomised problem can be drawn: `verify`, and every command that loads one, make the
/// variants of a sample of student ids; a problem whose constraints no sampled id can meet in
/// `max_draws` draws is refused.
public enum VariantSampling {
    /// The sampled ids: `sample-1` … `sample-20`.
    public static let sampleIDs = (1...20).map { "sample-\($0)" }

    /// The secret sampling uses when the course secret is not available (whether constraints can
    /// be met does not depend on the secret): the text `nncheck variant sample`.
    public static let publicSecret = VariantSecret(text: "nncheck variant sample")

    /// Throws at `randomize:` when a sampled id has no variant. A problem without `randomize`
    /// passes.
    public static func check(_ problem: Problem, secret: VariantSecret?) throws(InputError) {
        guard let randomization = problem.randomization, problem.variant == nil,
              let secret = secret ?? publicSecret else { return }
        for id in sampleIDs {
            do {
                _ = try problem.variant(for: id, secret: secret)
            } catch {
                throw InputError(at: randomization.location, "randomize: \(error.message)")
            }
        }
    }
}
