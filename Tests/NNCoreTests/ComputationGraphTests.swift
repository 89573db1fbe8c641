import Testing
@testable import NNCore

@Suite struct ComputationGraphTests {
    private func exampleGraph() throws -> ComputationGraph {
        try ComputationGraph(inputs: ["x", "y", "z"], definitions: [
            (name: "a", source: "x*y + z"),
            (name: "b", source: "(x+x)*a"),
            (name: "w", source: "a*b"),
        ])
    }

    @Test func evaluatesHandWorkedValues() throws {
        let values = try exampleGraph().evaluate(inputs: ["x": 2, "y": 3, "z": 4])
        #expect(values == ["x": 2, "y": 3, "z": 4, "a": 10, "b": 40, "w": 400])
    }

    @Test func gradientMatchesHandWork() throws {
        // a = xy + z = 10, b = 2x·a = 40, w = a·b = 400.
        // ∂a/∂x = y = 3, ∂a/∂y = x = 2, ∂a/∂z = 1.
        // ∂b/∂x = 2a + 2x·∂a/∂x = 20 + 12 = 32, ∂b/∂y = 2x·2 = 8, ∂b/∂z = 2x·1 = 4.
        // ∂w/∂x = a·32 + b·3 = 440, ∂w/∂y = a·8 + b·2 = 160, ∂w/∂z = a·4 + b·1 = 80.
        // Node adjoints: ∂w/∂w = 1, ∂w/∂b = a = 10, ∂w/∂a = b + a·2x = 40 + 40 = 80.
        let gradient = try exampleGraph().gradient(of: "w", inputs: ["x": 2, "y": 3, "z": 4])
        #expect(gradient == ["x": 440, "y": 160, "z": 80, "a": 80, "b": 10, "w": 1])
    }

    @Test func gradientOfIntermediateNode() throws {
        let gradient = try exampleGraph().gradient(of: "a", inputs: ["x": 2, "y": 3, "z": 4])
        #expect(gradient == ["x": 3, "y": 2, "z": 1, "a": 1, "b": 0, "w": 0])
    }

    @Test func aliasNodeGetsItsOwnAdjoint() throws {
        let graph = try ComputationGraph(inputs: ["x"], definitions: [
            (name: "a", source: "x"),
            (name: "w", source: "a * x"),
        ])
        let gradient = try graph.gradient(of: "w", inputs: ["x": 3])
        #expect(gradient["a"] == 3)
        #expect(gradient["x"] == 6)
    }

    @Test func nodesBuiltFromExpressions() throws {
        let graph = try ComputationGraph(inputs: ["x"], nodes: [
            .init(name: "h", expression: try ExpressionParser.parse("relu(x)", variables: ["x"])),
            .init(name: "o", expression: try ExpressionParser.parse("sigmoid(h)", variables: ["h"])),
        ])
        let gradient = try graph.gradient(of: "o", inputs: ["x": 0], options: EvaluationOptions(reluDerivativeAtZero: 1))
        #expect(gradient["x"] == 0.25)
        #expect(gradient["h"] == 0.25)
    }

    @Test func rejectsBadGraphs() {
        #expect(throws: ComputationGraph.GraphError.duplicateName("x")) {
            try ComputationGraph(inputs: ["x"], definitions: [(name: "x", source: "1")])
        }
        #expect(throws: ComputationGraph.GraphError.unknownName("q", node: "a")) {
            try ComputationGraph(inputs: ["x"], definitions: [(name: "a", source: "x + q")])
        }
        #expect(throws: ComputationGraph.GraphError.unknownName("b", node: "a")) {
            try ComputationGraph(inputs: ["x"], definitions: [(name: "a", source: "b"), (name: "b", source: "x")])
        }
        #expect(throws: ComputationGraph.GraphError.cycle("a")) {
            try ComputationGraph(inputs: ["x"], definitions: [(name: "a", source: "a + x")])
        }
        #expect(throws: ComputationGraph.GraphError.cycle("a")) {
            try ComputationGraph(inputs: ["x"], definitions: [(name: "a", source: "b"), (name: "b", source: "a")])
        }
        #expect(throws: ComputationGraph.GraphError.expression(
            node: "a", ExpressionError(message: "unexpected end of expression", offset: 3))) {
            try ComputationGraph(inputs: ["x"], definitions: [(name: "a", source: "x +")])
        }
    }

    @Test func evaluationErrorsNameTheNode() throws {
        let graph = try ComputationGraph(inputs: ["x"], definitions: [(name: "a", source: "ln(x)")])
        #expect(throws: ComputationGraph.GraphError.expression(
            node: "a", ExpressionError(message: "ln of a non-positive number", offset: 0))) {
            try graph.evaluate(inputs: ["x": -1])
        }
        #expect(throws: ComputationGraph.GraphError.expression(
            node: "x", ExpressionError(message: "unbound variable 'x'", offset: 0))) {
            try graph.gradient(of: "a", inputs: [:])
        }
        #expect(throws: ComputationGraph.GraphError.unknownName("nope", node: "nope")) {
            try graph.gradient(of: "nope", inputs: ["x": 1])
        }
    }

    @Test func errorDescriptions() {
        #expect(ComputationGraph.GraphError.duplicateName("x").description == "duplicate name 'x'")
        #expect(ComputationGraph.GraphError.unknownName("q", node: "a").description
            == "node 'a' refers to 'q', which is not an input or an earlier node")
        #expect(ComputationGraph.GraphError.cycle("a").description == "node 'a' depends on itself")
    }
}
