import FuzzDriver

runFuzzer("FuzzSubmission") { data, size in fuzzOneInput(fuzzInput(data, size)) }
