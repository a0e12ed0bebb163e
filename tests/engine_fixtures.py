"""The serving engine built on the tiny base and driven to completion: shared by the engine tests."""
from __future__ import annotations

import time

import pytest


@pytest.fixture
def make_engine(settings, tiny_base_dir):
    """An Engine on its own copy of the tiny base; closed after the test."""
    from memlora.runtime.base import load_base
    from memlora.serving.engine import Engine

    made = []

    def make(paths: dict, availability=None, **serving):
        s = settings.model_copy(update={"serving": settings.serving.model_copy(update=serving)})
        eng = Engine(load_base(s), s, lambda t: paths.get(t), availability=availability)
        made.append(eng)
        return eng

    yield make
    for e in made:
        e.close()


def run(eng, timeout=120.0) -> dict[str, list]:
    out: dict[str, list] = {}
    deadline = time.monotonic() + timeout
    while eng.has_work():
        assert time.monotonic() < deadline, "engine did not finish"
        for o in eng.step():
            out.setdefault(o.id, []).append(o)
        if not eng.stats()["running"]:
            time.sleep(0.002)
    return out

