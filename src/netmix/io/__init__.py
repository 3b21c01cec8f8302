"""Safe reading of inputs and atomic writing of outputs."""
