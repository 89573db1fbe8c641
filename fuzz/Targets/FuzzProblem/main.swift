import FuzzDriver

runFuzzer("FuzzProblem") { data, size in fuzzOneInput(fuzzInput(data, size)) }
