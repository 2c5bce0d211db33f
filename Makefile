# Set-up happens on first use: a virtualenv in .venv with the kit installed, and,
# when we are root and they are missing, bubblewrap (the grading sandbox) and
# headless Chromium with a Japanese font (the class report's browser test).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: example test test-fast setup

example: $(STAMP)
	$(VENV)/bin/python examples/make_examples.py
	$(VENV)/bin/autograder grade examples/submissions --out grades/example \
		$$(command -v bwrap >/dev/null 2>&1 || echo "--sandbox none")   # said explicitly: no silent downgrade

# Everything (what CI runs), on two processes; a test file stays on one process so that its
# module fixtures (a graded class, a warm jail) are made once; the longest files start first
# (conftest.py orders them; pytest-xdist keeps that order).
test: $(STAMP)
	OMP_NUM_THREADS=1 $(VENV)/bin/pytest --submission solutions -n 2 --dist loadfile --no-loadscope-reorder

# The edit-test loop: everything but the tests marked slow (judges, sandboxes, nbgrader).
test-fast: $(STAMP)
	OMP_NUM_THREADS=1 $(VENV)/bin/pytest --submission solutions -m "not slow"

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq bubblewrap); } \
		|| echo "!! bubblewrap is not installed: grading will run WITHOUT a file-system sandbox (install the 'bubblewrap' package)"
	@# headless Chromium (the class report's browser test) and a Japanese font for its screenshots
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi ipagothic; } \
		|| { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium fonts-ipafont-gothic >/dev/null); } \
		|| echo "!! chromium is not installed: the class report's browser test will be skipped (install 'chromium')"
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -e .
	touch $(STAMP)
