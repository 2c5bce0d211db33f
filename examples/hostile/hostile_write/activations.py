"""Hostile: write files outside its own folder (next to it, the working folder,
/tmp, the kit, a forged result). No honest work: it must score 0 and leave no trace."""
import json
import os
from pathlib import Path

MARK = "HOSTILE_WRITE_MARKER"


def _spray():
    here = Path(__file__).resolve().parent
    targets = [here / MARK, here.parent / MARK, Path.cwd() / MARK, Path("/tmp") / MARK, Path.home() / MARK,
               Path("/work") / MARK]
    for base in [here, *here.parents]:
        targets.append(base / "grades" / "hostile_write" / "result.json")
        targets.append(base / MARK)
    for target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps({"student": "hostile_write", "total": 999, "mark": MARK}))
        except OSError:
            pass


_spray()


def step_function(x):
    _spray()
    return None


sigmoid = relu = identity_function = softmax = step_function
