import FuzzDriver

runFuzzer("FuzzExpression") { data, size in fuzzOneInput(fuzzInput(data, size)) }
