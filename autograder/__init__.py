"""Auto-grading for the deep-learning exercise kit.

author (solutions/) -> release (exercises/, notebooks) -> submit -> grade -> report
"""
__version__ = "0.1.0"
