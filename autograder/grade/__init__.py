"""Grading: run the hidden suites against submissions and score them."""
