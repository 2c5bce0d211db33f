"""The kit's pytest plugin for every test folder of the repository, and the order in which
`make test` hands test files to pytest-xdist's workers (``--dist loadfile
--no-loadscope-reorder``: a file is one unit of work, so that its module fixtures are made once).

The longest files start first, so that none is left to run alone at the end: a file's weight is
the largest ``seconds`` of the ``slow`` marks on its tests (``pytest.mark.slow(seconds=90)``:
about how long the file takes alone on one core)."""
import pytest

pytest_plugins = ["autograder.pytest_plugin"]


def file_of(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def seconds_of(item: pytest.Item) -> float:
    return max((float(mark.kwargs.get("seconds", 0)) for mark in item.iter_markers("slow")), default=0.0)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    weight: dict[str, float] = {}
    for item in items:
        weight[file_of(item)] = max(weight.get(file_of(item), 0.0), seconds_of(item))
    order = {id(item): index for index, item in enumerate(items)}
    items.sort(key=lambda item: (-weight[file_of(item)], order[id(item)]))
