import Testing
@testable import NNCore

@Suite("Seed band")
struct SeedBandTests {
    /// Runs 10, 12, 11: lo 10, hi 12, w = max(0.1 · 2, 0.005 · 12) = 0.2, so [9.8, 12.2] is accepted.
    @Test func widenedByTenPercentOfTheWidth() throws {
        let band = try #require(SeedBand(values: [Tensor(10), Tensor(12), Tensor(11)], margin: 0.1))
        #expect(band.lower == [10] && band.upper == [12] && band.runs == 3)
        #expect(band.accepted(0).lowerBound == 9.8)
        #expect(abs(band.accepted(0).upperBound - 12.2) < 1e-12)
        #expect(band.position(9.81, entry: 0) == .inside)
        #expect(band.position(9.79, entry: 0) == .below)
        #expect(band.position(12.21, entry: 0) == .above)
        #expect(band.position(.nan, entry: 0) == .notFinite)
    }

    /// Every run reaching the same accuracy 0.75: the band is 0.5 % of 0.75 = 0.00375 wide on each side.
    @Test func degenerateBandKeepsTheRelativeFloor() throws {
        let band = try #require(SeedBand(values: [Tensor(0.75), Tensor(0.75)], margin: 0.1))
        #expect(abs(band.accepted(0).upperBound - 0.75375) < 1e-15)
        #expect(band.position(0.753, entry: 0) == .inside)
        #expect(band.position(0.7538, entry: 0) == .above)
    }

    /// A curve is banded point by point.
    @Test func curvesPointByPoint() throws {
        let band = try #require(SeedBand(values: [Tensor(vector: [4, 3, 2]), Tensor(vector: [6, 3.5, 2.2])], margin: 0))
        #expect(band.lower == [4, 3, 2] && band.upper == [6, 3.5, 2.2])
        #expect(band.position(3.4, entry: 1) == .inside)
        #expect(band.position(2.3, entry: 2) == .above)
        #expect(SeedBand(values: [Tensor(1), Tensor(vector: [1, 2])], margin: 0.1) == nil)
    }
}
