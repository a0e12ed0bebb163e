"""Bounded, logged retries of every MLflow call: an unreachable or stopped tracking server costs seconds and says
what it retries, then fails the step with exit 3 naming the store; a server that comes back is used again."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time

import pytest

import mlflow_server
from memlora.errors import EXIT_JOB

FAST_RETRIES = {"MEMLORA_REGISTRY__RETRY_ATTEMPTS": "3", "MEMLORA_REGISTRY__RETRY_MAX_SECONDS": "5",
                "MEMLORA_REGISTRY__RETRY_INITIAL_SECONDS": "0.2", "MEMLORA_REGISTRY__HTTP_TIMEOUT_SECONDS": "5"}


def _start(args, env_extra):
    env = dict(os.environ, **env_extra)
    return time.monotonic(), subprocess.Popen([sys.executable, "-m", "memlora.cli", *args], env=env, text=True,
                                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(started, timeout=120):
    t0, p = started
    out, err = p.communicate(timeout=timeout)
    return subprocess.CompletedProcess(p.args, p.returncode, out, err), time.monotonic() - t0


def _check_unreachable(p, took: float, port: int, call: str) -> None:
    assert p.returncode == EXIT_JOB, p.stderr[-3000:]
    assert took < 30, took  # was 251 s with MLflow's own silent retries
    err = p.stderr
    assert "Traceback" not in err
    assert f"retrying {call} (attempt 2/3)" in err and f"retrying {call} (attempt 3/3)" in err, err[-3000:]
    final = [line for line in err.splitlines() if line.startswith("memlora: error:")]
    assert len(final) == 1 and f"MLflow store unreachable at http://127.0.0.1:{port}" in final[0], err[-3000:]
    assert "failed 3 time(s)" in final[0] and "Connection refused" in final[0]


def test_a_closed_port_fails_registry_and_nightly_in_seconds_with_exit_3(settings, tmp_path):
    port = mlflow_server.free_port()  # bound then closed: nothing listens
    env = {**FAST_RETRIES, "MLFLOW_TRACKING_URI": f"http://127.0.0.1:{port}"}
    mem = tmp_path / "memory.jsonl"
    mem.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "v1", "tenant": "vera", "text": "Vera is vegan.", "source": "s1", "kind": "preference"},
        {"id": "v2", "tenant": "vera", "text": "Vera is vegan, no animal products.", "source": "s2", "kind": "preference"}]))
    ls = _start(["registry", "ls"], env)
    night = _start(["nightly", "--memory", str(mem), "--dry-run"], env)
    for started in (ls, night):
        p, took = _finish(started)
        _check_unreachable(p, took, port, "search_registered_models")


@pytest.mark.slow
def test_a_server_that_stops_fails_the_call_bounded_and_one_that_returns_is_used_again(settings, tmp_path, caplog):
    from memlora.registry.mlflow_io import RegistryUnavailable
    from memlora.registry.store import AdapterRegistry

    srv = mlflow_server.start(tmp_path / "srv", timeout=240)
    try:
        s = settings.model_copy(update={"registry": settings.registry.model_copy(update={
            "tracking_uri": srv.url, "retry_attempts": 3, "retry_max_seconds": 5.0, "retry_initial_seconds": 0.2})})
        reg = AdapterRegistry(s)
        assert reg.tenants() == [] and reg.experiment_id
        mlflow_server.stop(srv)  # the server goes away during the job

        caplog.set_level(logging.WARNING, logger="memlora.registry")
        t0 = time.monotonic()
        with pytest.raises(RegistryUnavailable, match=f"unreachable at {srv.url}: search_registered_models failed 3 time") as e:
            reg.tenants()
        assert e.value.exit_code == EXIT_JOB and time.monotonic() - t0 < 15
        assert [r.getMessage().split(":")[0] for r in caplog.records] == [
            "retrying search_registered_models (attempt 2/3)", "retrying search_registered_models (attempt 3/3)"]

        # it comes back while a call is retrying: the call succeeds on a later attempt
        caplog.clear()
        patient = AdapterRegistry(s.model_copy(update={"registry": s.registry.model_copy(update={
            "retry_attempts": 200, "retry_max_seconds": 180.0, "retry_initial_seconds": 0.5})}))
        back: dict = {}
        t = threading.Thread(target=lambda: back.update(srv=mlflow_server.start(srv.root, timeout=240, port=int(srv.url.rsplit(":", 1)[1]))))
        t.start()
        try:
            assert patient.tenants() == []
            assert patient.experiment_id == reg.experiment_id  # the same store, back again
        finally:
            t.join()
            srv = back.get("srv", srv)
        assert caplog.records and "retrying search_registered_models (attempt 2/200)" in caplog.records[0].getMessage()
    finally:
        mlflow_server.stop(srv)
