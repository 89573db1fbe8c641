print("nncheck")
