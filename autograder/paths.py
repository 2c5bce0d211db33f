"""Where the kit's own folders are."""
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = KIT_ROOT / "solutions"
EXERCISES = KIT_ROOT / "exercises"
HIDDEN_TESTS = KIT_ROOT / "tests" / "hidden"
WRONG_ANSWERS = KIT_ROOT / "tests" / "wrong_answers"
DATA = KIT_ROOT / "data"
GRADING_TOML = KIT_ROOT / "grading.toml"
