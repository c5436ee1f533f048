"""Eval suite and benchmarks: how good and how fast the engine's answers are."""
