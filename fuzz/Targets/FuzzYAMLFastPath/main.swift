import FuzzDriver

runFuzzer("FuzzYAMLFastPath") { data, size in fuzzOneInput(fuzzInput(data, size)) }
