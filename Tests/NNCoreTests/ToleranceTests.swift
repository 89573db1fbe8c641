import NNCore
import Testing

/// Whether `student` is accepted for `expected` under `tolerance`.
private func accepts(_ tolerance: Tolerance, _ student: Double, _ expected: Double) -> Bool {
    tolerance.compare(student, to: expected).passed
}

@Suite("Tolerance: absolute")
struct AbsoluteToleranceTests {
    let tolerance = Tolerance.absolute(0.001)

    @Test func boundaryIsClosedOnBothSides() {
        #expect(accepts(tolerance, 0.301, 0.3))
        // 0.3 − 0.299 is 0.0010000000000000009 in binary; the float slack keeps it on the boundary.
        #expect(accepts(tolerance, 0.299, 0.3))
        #expect(accepts(tolerance, 0.3, 0.3))
    }

    @Test func justOutsideFails() {
        #expect(!accepts(tolerance, 0.3011, 0.3))
        #expect(!accepts(tolerance, 0.2989, 0.3))
        #expect(!accepts(tolerance, 0.3010001, 0.3))
    }

    @Test func verdictReportsErrorAndBound() {
        let verdict = tolerance.compare(0.3005, to: 0.3)
        #expect(verdict.passed)
        #expect(abs(verdict.error - 0.0005) < 1e-15)
        #expect(verdict.allowed >= 0.001 && verdict.allowed < 0.001 * (1 + 1e-8))
    }

    @Test func zeroExpected() {
        #expect(accepts(tolerance, 0.001, 0))
        #expect(accepts(tolerance, -0.001, 0))
        #expect(!accepts(tolerance, 0.0011, 0))
    }

    @Test func negativeToleranceActsAsZero() {
        #expect(accepts(.absolute(-1), 0.5, 0.5))
        #expect(!accepts(.absolute(-1), 0.6, 0.5))
        #expect(!accepts(.absolute(.nan), 0.6, 0.5))
    }
}

@Suite("Tolerance: relative")
struct RelativeToleranceTests {
    let tolerance = Tolerance.relative(0.01)

    @Test func boundaryIsClosed() {
        #expect(accepts(tolerance, 2.525, 2.5))
        #expect(accepts(tolerance, 2.475, 2.5))
        #expect(accepts(tolerance, -2.525, -2.5))
    }

    @Test func justOutsideFails() {
        #expect(!accepts(tolerance, 2.5251, 2.5))
        #expect(!accepts(tolerance, 2.4749, 2.5))
    }

    @Test func signErrorFails() {
        #expect(!accepts(tolerance, 2.5, -2.5))
    }

    @Test func zeroExpectedAcceptsOnlyZero() {
        #expect(accepts(tolerance, 0, 0))
        #expect(accepts(tolerance, -0.0, 0))
        #expect(!accepts(tolerance, 1e-300, 0))
        #expect(!accepts(tolerance, Double.leastNonzeroMagnitude, 0))
    }
}

@Suite("Tolerance: relative or absolute")
struct RelativeOrAbsoluteToleranceTests {
    let tolerance = Tolerance.relativeOrAbsolute(rtol: 0.01, atol: 0.001)

    @Test func boundaryIsAtolPlusRtolTimesExpected() {
        #expect(accepts(tolerance, 1.011, 1))
        #expect(accepts(tolerance, 0.989, 1))
        #expect(!accepts(tolerance, 1.0111, 1))
        #expect(!accepts(tolerance, 0.9889, 1))
    }

    @Test func zeroExpectedUsesAtol() {
        #expect(accepts(tolerance, 0.001, 0))
        #expect(accepts(tolerance, -0.001, 0))
        #expect(!accepts(tolerance, 0.0011, 0))
    }
}

@Suite("Tolerance: significant figures")
struct SignificantFiguresToleranceTests {
    let threeSF = Tolerance.significantFigures(3)

    @Test func exactHalfwayAcceptsBothNeighbours() {
        // PrairieLearn #12450: an open interval would reject one correctly rounded answer.
        #expect(accepts(threeSF, 0.235, 0.2345))
        #expect(accepts(threeSF, 0.234, 0.2345))
        #expect(accepts(threeSF, 124, 123.5))
        #expect(accepts(threeSF, 123, 123.5))
        #expect(accepts(threeSF, -0.235, -0.2345))
    }

    @Test func justOutsideHalfAUnitFails() {
        #expect(!accepts(threeSF, 0.2351, 0.2345))
        #expect(!accepts(threeSF, 0.2339, 0.2345))
        #expect(!accepts(threeSF, 124.0001, 123.5))
        #expect(accepts(threeSF, 123, 123.45))
        #expect(!accepts(threeSF, 124, 123.45))
    }

    @Test func roundingThatCarriesIntoTheNextPowerOfTen() {
        // 0.09996 to 3 s.f. is 0.100: the unit comes from the key (1e-4), not from the answer.
        #expect(accepts(threeSF, 0.1, 0.09996))
        #expect(accepts(threeSF, 0.100, 0.099951))
        #expect(accepts(threeSF, 10.0, 9.9996))
        #expect(accepts(threeSF, 1000, 999.6))
        #expect(accepts(threeSF, -0.1, -0.09996))
        // 0.0999 is not 0.09996 correctly rounded.
        #expect(!accepts(threeSF, 0.0999, 0.09996))
        #expect(!accepts(threeSF, 0.1001, 0.09996))
    }

    @Test func keyThatIsAPowerOfTenUpToFloatNoise() {
        let noisyTenth = 0.1.nextDown
        #expect(accepts(threeSF, 0.1004, noisyTenth))
        #expect(accepts(threeSF, 0.1004, 0.1))
        #expect(!accepts(threeSF, 0.1006, 0.1))
    }

    @Test func signErrorFails() {
        #expect(!accepts(threeSF, 0.2345, -0.2345))
    }

    @Test func zeroExpectedReadsAsNDecimals() {
        #expect(accepts(threeSF, 0, 0))
        #expect(accepts(threeSF, 0.0005, 0))
        #expect(accepts(threeSF, -0.0005, 0))
        #expect(!accepts(threeSF, 0.00051, 0))
    }

    @Test func oneSignificantFigureAndClamping() {
        #expect(accepts(.significantFigures(1), 0.2, 0.25))
        #expect(accepts(.significantFigures(1), 0.3, 0.25))
        #expect(!accepts(.significantFigures(1), 0.31, 0.25))
        #expect(accepts(.significantFigures(0), 0.3, 0.25))
        #expect(!accepts(.significantFigures(0), 0.31, 0.25))
    }

    @Test func manyFiguresStillAcceptFloatNoise() {
        #expect(accepts(.significantFigures(15), 0.3, 0.1 + 0.2))
        #expect(!accepts(.significantFigures(15), 0.3000000000001, 0.3))
    }

    @Test func largeAndSmallMagnitudes() {
        #expect(accepts(threeSF, 1.23e-7, 1.2345e-7))
        #expect(!accepts(threeSF, 1.24e-7, 1.2345e-7))
        #expect(accepts(threeSF, 6.02e23, 6.022e23))
        #expect(!accepts(threeSF, 6.03e23, 6.022e23))
    }

    @Test func extremeMagnitudesDoNotTrap() {
        #expect(accepts(threeSF, Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude))
        #expect(accepts(threeSF, 1.23e308, 1.234e308))
        #expect(!accepts(threeSF, 1.24e308, 1.234e308))
        #expect(accepts(threeSF, Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude))
        #expect(accepts(.decimalPlaces(400), 0, 0))
        #expect(!accepts(.decimalPlaces(400), 1e-300, 0))
        #expect(accepts(.decimalPlaces(-400), 1e300, 0))
        #expect(accepts(.significantFigures(Int.max), 0.5, 0.5))
        #expect(!accepts(.significantFigures(Int.max), 0.6, 0.5))
        #expect(accepts(.significantFigures(Int.min), 0.3, 0.25))
        #expect(accepts(.decimalPlaces(Int.min), 1e300, 0))
        #expect(!accepts(.decimalPlaces(Int.max), 1e-300, 0))
    }
}

@Suite("Tolerance: decimal places")
struct DecimalPlacesToleranceTests {
    @Test func exactHalfwayAcceptsBothNeighbours() {
        let twoDP = Tolerance.decimalPlaces(2)
        #expect(accepts(twoDP, 1.00, 1.005))
        #expect(accepts(twoDP, 1.01, 1.005))
        #expect(accepts(twoDP, 1.24, 1.235))
        #expect(accepts(twoDP, 1.23, 1.235))
    }

    @Test func justOutsideFails() {
        let twoDP = Tolerance.decimalPlaces(2)
        #expect(!accepts(twoDP, 1.0101, 1.005))
        #expect(!accepts(twoDP, 0.9999, 1.005))
    }

    @Test func zeroExpected() {
        let twoDP = Tolerance.decimalPlaces(2)
        #expect(accepts(twoDP, 0.005, 0))
        #expect(accepts(twoDP, -0.005, 0))
        #expect(!accepts(twoDP, 0.0051, 0))
    }

    @Test func zeroAndNegativePlaces() {
        #expect(accepts(.decimalPlaces(0), 2, 2.5))
        #expect(accepts(.decimalPlaces(0), 3, 2.5))
        #expect(!accepts(.decimalPlaces(0), 3.01, 2.5))
        #expect(accepts(.decimalPlaces(-1), 120, 125))
        #expect(accepts(.decimalPlaces(-1), 130, 125))
        #expect(!accepts(.decimalPlaces(-1), 131, 125))
    }
}

@Suite("Tolerance: non-finite values")
struct NonFiniteToleranceTests {
    static let modes: [Tolerance] = [
        .absolute(1e300), .relative(1e300), .relativeOrAbsolute(rtol: 1, atol: .infinity),
        .significantFigures(1), .decimalPlaces(-300), .default,
    ]

    @Test(arguments: modes)
    func nanAndInfinityNeverPass(_ tolerance: Tolerance) {
        for bad in [Double.nan, .infinity, -.infinity, -Double.nan] {
            let verdict = tolerance.compare(bad, to: 1)
            #expect(!verdict.passed)
            #expect(verdict.error == .infinity)
        }
    }

    @Test func nonFiniteKeyAcceptsNothing() {
        #expect(!accepts(.absolute(1), .infinity, .infinity))
        #expect(!accepts(.absolute(1), 1, .nan))
    }
}

@Suite("Tolerance: default")
struct DefaultToleranceTests {
    let tolerance = Tolerance.default

    @Test func isRelativeHalfPercentWithMicroFloor() {
        #expect(tolerance == .relativeOrAbsolute(rtol: 0.005, atol: 1e-6))
    }

    @Test func acceptsSeed000HandAnswers() {
        #expect(accepts(tolerance, -0.225, -0.2250876))
        #expect(accepts(tolerance, 0.987, 0.98733))
        #expect(accepts(tolerance, 0.251, 0.250876))
        #expect(accepts(tolerance, 2.682 * 0.234 * 0.4, 0.250876))
        #expect(accepts(tolerance, 0.25103, 0.250876))
        #expect(accepts(tolerance, 0.234, 0.23385))
    }

    @Test func acceptsEveryCorrectThreeFigureRounding() {
        // Worst cases for a relative band: small leading digits, halfway, carry across 10^k.
        #expect(accepts(tolerance, 0.100, 0.10049))
        #expect(accepts(tolerance, 0.101, 0.1005))
        #expect(accepts(tolerance, 0.100, 0.1005))
        #expect(accepts(tolerance, 0.100, 0.09996))
        #expect(accepts(tolerance, 1.01, 1.005))
        #expect(accepts(tolerance, 1.00, 1.005))
        #expect(accepts(tolerance, 1000, 999.6))
    }

    @Test func rejectsClearMistakes() {
        #expect(!accepts(tolerance, -0.252, -0.2251))
        #expect(!accepts(tolerance, 0.2250876, -0.2250876))
        #expect(!accepts(tolerance, 0.987, -0.98733))
        #expect(!accepts(tolerance, 0.0, 0.001))
        #expect(!accepts(tolerance, 0.99, 0.98))
    }

    @Test func boundary() {
        // 0.5 % of 2 plus 1e-6 = 0.010001.
        #expect(accepts(tolerance, 2.010001, 2))
        #expect(!accepts(tolerance, 2.0101, 2))
    }

    @Test func floorAbsorbsFloatNoiseInZeroKeys() {
        #expect(accepts(tolerance, 0, 3e-17))
        #expect(accepts(tolerance, 0, 0))
        #expect(accepts(tolerance, 1e-6, 0))
        #expect(!accepts(tolerance, 2e-6, 0))
    }
}

@Suite("Tolerance: description")
struct ToleranceDescriptionTests {
    @Test func descriptions() {
        #expect(Tolerance.absolute(0.001).description == "±0.001")
        #expect(Tolerance.relative(0.01).description == "rel 1%")
        #expect(Tolerance.relativeOrAbsolute(rtol: 0.01, atol: 1e-6).description == "≤ 1e-06 + 1%·|t|")
        #expect(Tolerance.default.description == "≤ 1e-06 + 0.5%·|t|")
        #expect(Tolerance.significantFigures(3).description == "3 s.f.")
        #expect(Tolerance.decimalPlaces(2).description == "2 d.p.")
    }
}
