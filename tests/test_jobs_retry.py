"""Retries in a nightly go through the one helper (memlora.retry): a passing MLflow failure at registration is
retried and the tenant trains; a lasting one fails that tenant alone, with a one-line reason."""
from __future__ import annotations

import json
import logging

import pytest
from jobs_helpers import TENANTS, fast_job_settings, quiet_console, write_memory
from mlflow import MlflowClient

from memlora import retry
from memlora.errors import EXIT_PARTIAL
from memlora.keys import tenant_key
from memlora.registry.names import model_name
from memlora.registry.store import AdapterRegistry
from memlora.settings import Settings

pytestmark = pytest.mark.timeout(600)

FLAKY, DOWN = "vera", "pat"  # vera's registration is refused twice, then works; pat's never does


def _refusing_create_model_version(monkeypatch, settings: Settings) -> dict[str, int]:
    """The real MlflowClient.create_model_version, refused (the server down) for FLAKY's first two calls and all of DOWN's."""
    real = MlflowClient.create_model_version
    calls: dict[str, int] = {}

    def flaky(self, name, *args, **kwargs):
        calls[name] = calls.get(name, 0) + 1
        if name == model_name(settings, DOWN) or (name == model_name(settings, FLAKY) and calls[name] <= 2):
            raise ConnectionError(f"HTTPConnectionPool(host='mlflow', port=5000): Max retries exceeded "
                                  f"(Caused by NewConnectionError('[Errno 111] Connection refused'))")
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(MlflowClient, "create_model_version", flaky)
    return calls


def test_a_passing_mlflow_failure_at_register_is_retried_and_a_lasting_one_fails_only_that_tenant(
        settings, tmp_path, monkeypatch, caplog):
    from memlora.jobs.nightly import JobOptions, run_nightly

    monkeypatch.setenv("MEMLORA_REGISTRY__RETRY_ATTEMPTS", "3")
    monkeypatch.setenv("MEMLORA_REGISTRY__RETRY_INITIAL_SECONDS", "0.01")
    job = fast_job_settings(monkeypatch)
    calls = _refusing_create_model_version(monkeypatch, job)
    helper_calls: list[str] = []
    real_call = retry.call
    monkeypatch.setattr(retry, "call", lambda fn, what, *a, **kw: helper_calls.append(what) or real_call(fn, what, *a, **kw))
    caplog.set_level(logging.WARNING, logger="memlora.registry")

    report = run_nightly(job, JobOptions(memory=write_memory(tmp_path / "memory.jsonl")), console=quiet_console())

    assert report.exit_code == EXIT_PARTIAL
    by_tenant = {o.tenant: o for o in report.outcomes}
    assert {t: by_tenant[t].status for t in TENANTS} == {"bob@example.com": "ok", FLAKY: "ok", DOWN: "failed"}
    assert calls[model_name(job, FLAKY)] == 3 and calls[model_name(job, DOWN)] == 3  # retry_attempts bounds both
    assert "create_model_version" in helper_calls  # the retries are the one helper's
    retried = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying create_model_version")]
    assert sum("(attempt 2/3)" in m for m in retried) == 2 and all("Connection refused" in m for m in retried)

    reg = AdapterRegistry(job)
    assert reg.champions() == {"bob@example.com": 1, FLAKY: 1}  # the flaky tenant's version registered once, no duplicate
    assert [v.version for v in reg.versions(FLAKY)] == [1]
    reason = by_tenant[DOWN].reason
    assert "\n" not in reason and reason.startswith("MLflow store unreachable at sqlite:")
    assert "create_model_version failed 3 time(s)" in reason and "ConnectionError" in reason  # cut at 300 characters
    row = next(r for r in json.loads((job.state_dir / "last_summary.json").read_text())["rows"] if r["tenant"] == DOWN)
    assert row["status"] == "failed" and row["reason"] == reason
    state = json.loads((job.state_dir / "tenants" / tenant_key(DOWN) / "state.json").read_text())
    assert state["step"] == "registering"  # the next night looks for its token before registering again


def test_a_job_step_retries_transient_errors_with_a_note_each_and_gives_up_after_jobs_retries(settings, monkeypatch):
    from memlora.jobs.tenant import with_retries

    job = settings.model_copy(update={"jobs": settings.jobs.model_copy(update={"retries": 2, "backoff_seconds": 0.1})})
    tries: list[int] = []

    def refused_twice() -> str:
        tries.append(1)
        if len(tries) <= 2:
            raise ConnectionError("connection refused")
        return "done"

    notes: list[str] = []
    assert with_retries(refused_twice, job, "distill", notes) == "done" and len(tries) == 3
    assert notes == ["distill: transient error (ConnectionError: connection refused), retry 1 in 0.1s",
                     "distill: transient error (ConnectionError: connection refused), retry 2 in 0.2s"]  # waits double

    def always_refused() -> None:
        tries.append(1)
        raise ConnectionError("connection refused")

    def bad_data() -> None:
        tries.append(1)
        raise ValueError("bad data")

    tries.clear()
    notes.clear()
    with pytest.raises(ConnectionError):
        with_retries(always_refused, job, "register", notes)
    assert len(tries) == 3 and len(notes) == 2  # jobs.retries + 1 attempts, then the error as it was

    tries.clear()
    notes.clear()
    with pytest.raises(ValueError):
        with_retries(bad_data, job, "distill", notes)
    assert len(tries) == 1 and notes == []  # not transient: tried once
