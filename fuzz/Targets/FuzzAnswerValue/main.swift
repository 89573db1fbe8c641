import FuzzDriver

runFuzzer("FuzzAnswerValue") { data, size in fuzzOneInput(fuzzInput(data, size)) }
