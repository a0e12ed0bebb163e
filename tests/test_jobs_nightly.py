"""The nightly job end to end on the tiny model with the real distill, adapters and registry (MLflow SQLite)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner
from jobs_helpers import fast_job_settings, RECORDS, TENANTS, Fleet, quiet_console, said, write_memory

from memlora.errors import EXIT_JOB, EXIT_OK, EXIT_PARTIAL, JobError
from memlora.registry.names import model_name
from memlora.settings import Settings

pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def job(settings, monkeypatch):
    return fast_job_settings(monkeypatch)


@pytest.fixture
def fleet(job, monkeypatch):
    f = Fleet()
    monkeypatch.setenv("MEMLORA_JOBS__SERVERS", json.dumps([f.url]))
    monkeypatch.setenv("MEMLORA_JOBS__ADMIN_KEY", "adm-key")
    yield f
    f.close()


def nightly(settings, memory, console=None, **kw):
    from memlora.jobs.nightly import JobOptions, run_nightly

    return run_nightly(settings, JobOptions(memory=memory, **kw), console=console or quiet_console())


def registry(settings):
    from memlora.registry.store import AdapterRegistry

    return AdapterRegistry(settings)


def versions(settings) -> dict[str, list[int]]:
    reg = registry(settings)
    return {t: sorted(v.version for v in reg.versions(t)) for t in reg.tenants()}


def test_first_run_trains_all_second_none_and_a_change_retrains_only_that_tenant(fleet, job, tmp_path):
    s = Settings()  # with the fleet's env
    mem = write_memory(tmp_path / "memory.jsonl")

    r1 = nightly(s, mem)
    assert r1.exit_code == EXIT_OK, r1.summary["rows"]
    assert sorted(o.tenant for o in r1.outcomes if o.status == "ok") == list(TENANTS)
    assert all(o.examples and o.examples >= 2 and o.champion_changed and o.version == 1 for o in r1.outcomes)
    assert versions(s) == {t: [1] for t in TENANTS}
    assert registry(s).champions() == {t: 1 for t in TENANTS}
    reloads = sorted(b["tenant"] for p, b, auth in fleet.calls if p == "/admin/reload" and auth == "Bearer adm-key")
    assert reloads == list(TENANTS)
    summary = json.loads(r1.summary_path.read_text())
    assert summary["counts"]["trained"] == 3 and {r["tenant"] for r in summary["rows"]} == set(TENANTS)
    assert all(r["gate_metrics"] and r["new_version"] == 1 for r in summary["rows"])
    job_runs = registry(s).client.search_runs([registry(s).experiment_id], "tags.`memlora.kind` = 'nightly-job'")
    assert len(job_runs) == 1 and job_runs[0].data.metrics["trained"] == 3

    fleet.calls.clear()
    con = quiet_console()
    r2 = nightly(s, mem, console=con)
    assert r2.exit_code == EXIT_OK and r2.outcomes == []
    assert {p.reason for p in r2.plans} == {"unchanged"} and "nothing changed" in said(con)
    assert versions(s) == {t: [1] for t in TENANTS} and fleet.calls == []
    assert r1.summary["counts"]["profiles_built"] == 3 and r2.summary["counts"]["profiles_built"] == 0  # profile cache

    changed = write_memory(mem, extra=[{"id": "v3", "tenant": "vera", "text": "Vera's favourite colour is green.",
                                        "created_at": "2026-05-01T10:00:00Z", "source": "s-v3", "kind": "fact"}])
    con = quiet_console()
    dry = nightly(s, changed, console=con, dry_run=True)
    assert [(p.tenant, p.action) for p in dry.plans if p.runs] == [("vera", "train")]
    assert "memory changed" in next(p.reason for p in dry.plans if p.tenant == "vera")
    assert "memory changed" in said(con) and versions(s) == {t: [1] for t in TENANTS}

    r3 = nightly(s, changed)
    assert r3.exit_code == EXIT_OK and [o.tenant for o in r3.outcomes] == ["vera"]
    assert r3.summary["profiles"]["memory_changed"] == 1 and r3.summary["counts"]["profiles_built"] == 3
    assert versions(s) == {"bob@example.com": [1], "pat": [1], "vera": [1, 2]}
    assert registry(s).champions()["vera"] == 2
    assert [b["tenant"] for p, b, _ in fleet.calls if p == "/admin/reload"] == ["vera"]


def test_a_job_killed_between_training_and_registration_resumes_without_a_duplicate_version(job, tmp_path):
    """Killed (SIGKILL, a real subprocess) right after training, then again right after the registry call
    returned but before the checkpoint said so: the third run adopts that version instead of registering twice."""
    from memlora.jobs.lock import pid_alive

    mem = write_memory(tmp_path / "memory.jsonl")
    bob_state = job.state_dir / "tenants" / "bob.40example.2ecom" / "state.json"

    def killed_at(point: str) -> dict:
        env = dict(os.environ, MEMLORA_TEST_KILL_AT=point)
        proc = subprocess.run([sys.executable, "-m", "memlora.cli", "nightly", "--memory", str(mem)],
                              env=env, capture_output=True, text=True, timeout=500)
        assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
        assert not pid_alive(json.loads((job.state_dir / "nightly.lock").read_text())["pid"])  # its lock stays behind
        return json.loads(bob_state.read_text())

    assert killed_at("trained")["step"] == "trained"
    assert versions(job) == {}
    st = killed_at("register-returned")  # resumes bob after training, registers, dies before recording it
    assert st["step"] == "registering" and st["attempts"] == 2
    assert versions(job) == {"bob@example.com": [1]}

    con = quiet_console()
    r = nightly(job, mem, console=con)
    assert "taking over stale lock" in said(con)
    assert r.exit_code == EXIT_OK, r.summary["rows"]
    bob = next(o for o in r.outcomes if o.tenant == "bob@example.com")
    assert bob.resumed_from == "registering" and bob.version == 1 and "adopted version 1" in bob.reason
    assert versions(job) == {t: [1] for t in TENANTS}  # no duplicate, none missing
    assert registry(job).champions() == {t: 1 for t in TENANTS}


def test_one_tenants_bad_data_fails_that_tenant_only(job, tmp_path):
    from memlora.cli import main

    bad = "x" * 300  # its key would exceed the 200-character limit of paths and registry names
    mem = write_memory(tmp_path / "memory.jsonl", extra=[
        {"id": "x1", "tenant": bad, "text": "I like tea.", "created_at": "2026-04-02T16:00:00Z", "source": "s-x1", "kind": "preference"}])
    res = CliRunner().invoke(main, ["nightly", "--memory", str(mem)])
    assert res.exit_code == EXIT_PARTIAL, res.output
    assert "too long" in res.output
    assert versions(job) == {t: [1] for t in TENANTS}
    summary = json.loads((job.state_dir / "last_summary.json").read_text())
    failed = [r for r in summary["rows"] if r["status"] == "failed"]
    assert [r["tenant"] for r in failed] == [bad] and "too long" in failed[0]["reason"]


def test_the_lock_refuses_a_second_job(job, tmp_path):
    from memlora.cli import main
    from memlora.jobs.lock import JobLock

    mem = write_memory(tmp_path / "memory.jsonl")
    with JobLock(job.state_dir / "nightly.lock"):
        res = CliRunner().invoke(main, ["nightly", "--memory", str(mem)])
    assert res.exit_code == EXIT_JOB
    assert "another nightly job is running" in res.output
    assert not (job.mlflow_dir / "mlflow.db").exists()  # refused before touching anything


def test_deletions_are_explicit_and_a_truncated_export_stops_the_job(fleet, job, tmp_path):
    s = Settings()
    mem = write_memory(tmp_path / "memory.jsonl")
    assert nightly(s, mem).exit_code == EXIT_OK

    only_vera = write_memory(tmp_path / "truncated.jsonl", records=[r for r in RECORDS if r["tenant"] == "vera"])
    with pytest.raises(JobError, match=r"2 of 3 trained tenants \(67%\) are missing.*Nothing was trained or deleted") as e:
        nightly(s, only_vera)
    assert e.value.exit_code == EXIT_JOB
    assert sorted(registry(s).tenants()) == list(TENANTS)
    r = nightly(s, only_vera, accept_vanished=True)
    assert r.exit_code == EXIT_OK and r.vanished == ["bob@example.com", "pat"]
    assert sorted(registry(s).tenants()) == list(TENANTS)  # reported, never deleted

    fleet.calls.clear()
    forget = write_memory(mem, extra=[{"tenant": "pat", "forget": True, "created_at": "2026-06-01T00:00:00Z"}])
    r = nightly(s, forget)
    assert r.exit_code == EXIT_OK and [f["tenant"] for f in r.forgotten] == ["pat"]
    assert sorted(registry(s).tenants()) == ["bob@example.com", "vera"]
    assert ("/admin/forget", {"tenant": "pat"}, "Bearer adm-key") in fleet.calls
    again = nightly(s, forget)
    assert again.forgotten == [] and again.outcomes == []  # the forget record is applied once

    lst = tmp_path / "forget.txt"
    lst.write_text("bob@example.com\n")
    r = nightly(s, forget, forget_list=lst)
    assert [f["tenant"] for f in r.forgotten] == ["bob@example.com"]
    assert registry(s).tenants() == ["vera"]


def test_piped_nightly_logs_one_plain_line_per_step_and_nests_tenant_runs_under_the_night(job, tmp_path):
    """Stdout to a file, as under cron/systemd/Kubernetes: no progress-bar debris, a wide summary, JSON on request;
    in MLflow the tenant's run sits under the night's run and lasts as long as its training."""
    mem = write_memory(tmp_path / "memory.jsonl")
    log = tmp_path / "nightly.log"
    with open(log, "wb") as f:
        proc = subprocess.run([sys.executable, "-m", "memlora.cli", "nightly", "--memory", str(mem), "--tenant", "pat"],
                              stdout=f, stderr=subprocess.STDOUT, timeout=500)
    text = log.read_bytes().decode()  # read_text() would turn carriage returns into newlines
    assert proc.returncode == EXIT_OK, text[-3000:]
    assert "\r" not in text and "\x1b[" not in text, text[-3000:]
    assert "training 1 tenant(s) [local]" in text and "[1/1] training pat" in text and "[1/1] pat: ok version 1" in text, text
    row = next(line for line in text.splitlines() if "│ pat " in line and "trained" in line)  # one row, not wrapped
    assert "facts" in row and row.rstrip().endswith("│"), text
    assert "Warning" not in text and "gemm_4bit" not in text and "Saving the dataset" not in text, text

    reg = registry(job)
    night = reg.client.search_runs([reg.experiment_id], "tags.`memlora.kind` = 'nightly-job'")[0]
    child = reg.client.get_run(reg.latest("pat").run_id)
    assert child.data.tags["mlflow.parentRunId"] == night.info.run_id
    run_s = (child.info.end_time - child.info.start_time) / 1000  # the training (as train_adapter timed it), not the registration
    assert run_s == pytest.approx(child.data.metrics["seconds"], abs=0.011) and run_s > 0.1, (run_s, child.data.metrics)
    created = reg.client.get_model_version(model_name(job, "pat"), "1").creation_timestamp
    assert night.info.start_time <= child.info.start_time < child.info.end_time <= created

    again = subprocess.run([sys.executable, "-m", "memlora.cli", "nightly", "--memory", str(mem), "--tenant", "pat", "--json"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == EXIT_OK, again.stderr[-2000:]
    summary = json.loads(again.stdout)
    assert summary["exit_code"] == EXIT_OK and summary["counts"]["trained"] == 0 and "nothing changed" in again.stderr


@pytest.mark.slow
def test_with_multi_tenant_training_tenants_train_two_at_a_time_and_each_is_gated_and_registered(job, tmp_path, monkeypatch):
    from memlora.jobs.state import load_state

    monkeypatch.setenv("MEMLORA_TRAIN__MULTI_TENANT", "2")
    s = Settings()
    r = nightly(s, write_memory(tmp_path / "memory.jsonl"))
    assert r.exit_code == EXIT_OK, r.summary["rows"]
    assert versions(s) == {t: [1] for t in TENANTS} and registry(s).champions() == {t: 1 for t in TENANTS}
    together = {t: load_state(s.state_dir, t).train_metrics.get("trained_with", {}).get("tenants", 1) for t in TENANTS}
    assert sorted(together.values()) == [1, 2, 2]  # three tenants: a group of two, then one alone
    assert all(o.gate_metrics and o.train_seconds for o in r.outcomes)


@pytest.mark.slow
def test_with_gate_group_a_trained_pair_is_gated_together_and_a_tenant_it_cannot_gate_is_gated_alone(job, tmp_path, monkeypatch):
    """The pair's gate runs as one group; a tenant whose group gate fails keeps its "trained" checkpoint and is
    gated alone, so every tenant is still gated, registered and promoted."""
    from memlora.adapters import group_gate
    from memlora.errors import MemloraError

    monkeypatch.setenv("MEMLORA_TRAIN__MULTI_TENANT", "2")
    monkeypatch.setenv("MEMLORA_JOBS__GATE_GROUP", "true")
    s = Settings()
    groups, real_case = [], group_gate.gate_case

    def failing_first(base, adapter_dir, tenant_dir, settings, others=None):
        case = real_case(base, adapter_dir, tenant_dir, settings, others)
        if case.tenant == groups[-1][0]:
            raise MemloraError(f"injected: {case.tenant}")
        return case

    real_group = group_gate.evaluate_group

    def spy(base, jobs, settings):
        groups.append([real_case(base, j.adapter_dir, j.tenant_dir, settings, j.others).tenant for j in jobs])
        return real_group(base, jobs, settings)

    monkeypatch.setattr(group_gate, "evaluate_group", spy)
    monkeypatch.setattr(group_gate, "gate_case", failing_first)
    r = nightly(s, write_memory(tmp_path / "memory.jsonl"))
    assert r.exit_code == EXIT_OK, r.summary["rows"]
    assert len(groups) == 1 and len(groups[0]) == 2  # three tenants: a group of two, then one alone
    assert versions(s) == {t: [1] for t in TENANTS} and registry(s).champions() == {t: 1 for t in TENANTS}
    assert all(o.gate_metrics and o.stage_seconds.get("evaluate") for o in r.outcomes)
