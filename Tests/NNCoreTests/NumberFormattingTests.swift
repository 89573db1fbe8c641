import Testing
@testable import NNCore

@Suite struct NumberFormattingTests {
    @Test(arguments: [
        (0.6271477663, 6, "0.627148"), (-0.2250859, 3, "-0.225"), (2, 6, "2"), (0.1, 6, "0.1"),
        (123456.7, 3, "123000"), (0.00012345, 3, "0.000123"), (1.2345e-7, 3, "1.23e-07"),
        (1e-20, 6, "1e-20"), (-Double.leastNonzeroMagnitude, 3, "-4.94e-324"), (1.7976931348623157e308, 3, "1.8e+308"),
        (9.996e-8, 3, "1e-07"), (2.5e15, 6, "2.5e+15"),
    ])
    func significantFigures(value: Double, digits: Int, expected: String) {
        #expect(NumberFormatting.significant(value, digits: digits) == expected)
    }

    @Test func nonFiniteValuesAreNamed() {
        #expect(NumberFormatting.significant(.nan, digits: 3) == "nan")
        #expect(NumberFormatting.short(-.infinity) == "-inf")
        #expect(NumberFormatting.short(-0.0) == "0")
    }
}
