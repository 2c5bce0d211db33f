"""What a student reads when a planted mistake is graded: every file in tests/wrong_answers/
declares, in MESSAGE_MENTIONS, the words (Japanese and English) that name what it got wrong, and
at least one failing hidden test's message says them in the kit's words (the problem, its likely
cause, what an exception means, the hint), not only in values or the student's own output.

Each planted mistake is graded once for the whole run (conftest's planted_outcomes, shared with
test_exercise_contract, whichever pytest-xdist worker grades it first)."""
import pytest

from autograder import config as grading
from autograder.author.wrong_answers import discover
from autograder.grade.hidden_runner import suite_of


WRONG = discover()


@pytest.mark.parametrize("wrong", WRONG, ids=lambda w: w.id)
def test_planted_mistake_declares_what_its_message_names(wrong, declared_mentions):
    words = declared_mentions(wrong.path)   # raises with the reason when missing or malformed
    assert words


@pytest.mark.slow   # grades every planted mistake with the hidden suites
@pytest.mark.parametrize("wrong", WRONG, ids=lambda w: w.id)
def test_failure_message_names_the_planted_mistake(wrong, device, planted_outcomes, message_mentions):
    if grading.load().exercises[wrong.module].needs_gpu and device != "cuda":
        pytest.skip("GPU exercise: graded with --device cuda")
    problem = message_mentions(wrong, planted_outcomes(wrong))
    assert not problem, problem


@pytest.mark.slow
def test_numbers_in_a_message_are_the_ones_its_check_uses(planted_outcomes):
    """MNIST's accuracy check: the threshold in the message is grading.toml's min_accuracy (the
    assertion and the message read one value), and no settings dict or traceback shows."""
    threshold = grading.load().exercises["mnist_mlp"].settings["min_accuracy"]
    wrong = next(w for w in WRONG if w.id == "mnist_mlp/train_never_steps")
    outcomes = planted_outcomes(wrong)
    accuracy = next(r for nodeid, r in outcomes.items()
                    if nodeid.endswith("::test_train_reaches_accuracy") and suite_of(nodeid) == "hidden")
    assert accuracy["outcome"] == "failed"
    message = accuracy["message"]
    assert f">= {threshold}" in message, message
    assert "settings" not in message and "Traceback" not in message and "AssertionError" not in message, message
