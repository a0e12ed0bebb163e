"""jobs/ building blocks that need no model: the plan's decisions, the lock, checkpoints, forget bookkeeping."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from memlora.errors import EXIT_JOB, JobError
from memlora.jobs.lock import JobLock, read_lock
from memlora.jobs.nightly import _pending_forgets, read_forget_list
from memlora.jobs.plan import plan_tenants
from memlora.jobs.state import Index, JobKey, TenantState, load_state, save_state


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_plan_explains_each_decision(tmp_path):
    idx = Index(tmp_path)
    idx.set("same", JobKey("p1", "fp", "c", 8), 1, True)
    idx.set("mem", JobKey("old", "fp", "c", 8), 1, True)
    idx.set("base", JobKey("p1", "oldfp", "c", 8), 2, False)
    idx.set("cfg", JobKey("p1", "fp", "oldc", 8), 1, True)
    idx.set("budget", JobKey("p1", "fp", "c", 4), 1, True)
    hashes = {t: "p1" for t in ("same", "mem", "base", "cfg", "budget", "newbie")}
    hashes["mem"] = "new"
    plans = {p.tenant: p for p in plan_tenants(hashes, "fp", "c", 8, tmp_path, index=idx)}
    assert plans["same"].action == "skip" and plans["same"].reason == "unchanged"
    assert plans["mem"].action == "train" and "memory changed" in plans["mem"].reason
    assert "base model changed" in plans["base"].reason
    assert "training config changed" in plans["cfg"].reason
    assert "example budget changed (4 -> 8)" in plans["budget"].reason
    assert plans["newbie"].reason == "new tenant"
    forced = plan_tenants(hashes, "fp", "c", 8, tmp_path, index=idx, force=True, selected=["same"])
    assert [(p.tenant, p.action, p.reason) for p in forced] == [("same", "train", "forced")]


def test_plan_resumes_an_interrupted_tenant_and_repairs_a_lost_index(tmp_path):
    key = JobKey("p1", "fp", "c", 8)
    save_state(tmp_path, TenantState("half", key.as_dict(), token="t"), "trained")
    save_state(tmp_path, TenantState("done", key.as_dict(), token="t", version=3, passed=True), "done")
    save_state(tmp_path, TenantState("stale", JobKey("p0", "fp", "c", 8).as_dict(), token="t"), "trained")
    idx = Index(tmp_path)  # empty: as if index.json was lost
    plans = {p.tenant: p for p in plan_tenants({"half": "p1", "done": "p1", "stale": "p1"}, "fp", "c", 8, tmp_path, index=idx)}
    assert plans["half"].action == "resume" and plans["half"].resume_after == "trained"
    assert plans["done"].action == "skip"
    assert idx.key("done") == key  # recovered from the state file
    assert plans["stale"].action == "train"  # interrupted, but the memory changed since: start over


def test_state_round_trip_is_atomic_json(tmp_path):
    st = save_state(tmp_path, TenantState("a@b.c", {"x": 1}, token="tok", stage_seconds={"train": 1.5}), "evaluated")
    again = load_state(tmp_path, "a@b.c")
    assert again.step == "evaluated" and again.token == "tok" and again.stage_seconds == {"train": 1.5}
    assert again.reached("trained") and not again.reached("registered")
    assert not list(tmp_path.rglob("*.tmp"))
    (tmp_path / "tenants" / "a.40b.2ec" / "state.json").write_text("{truncated")
    assert load_state(tmp_path, "a@b.c") is None  # unreadable checkpoint: treated as no checkpoint, the tenant restarts


def test_lock_refuses_a_live_holder_and_takes_over_a_dead_one(tmp_path):
    path = tmp_path / "nightly.lock"
    with JobLock(path):
        info = read_lock(path)
        assert info.pid == os.getpid() and info.host == socket.gethostname()
        with pytest.raises(JobError, match=f"another nightly job is running \\(pid {os.getpid()} on host") as e:
            JobLock(path).acquire()
        assert e.value.exit_code == EXIT_JOB
    assert read_lock(path) is None  # released: no owner recorded, nothing stale for the next job

    pid = dead_pid()
    path.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "started_at": 0}))
    said = []
    with JobLock(path, say=said.append):
        assert read_lock(path).pid == os.getpid()
    assert said and f"pid {pid}" in said[0] and "no longer running" in said[0]


HOLDER = """
import socket, sys, time
socket.gethostname = lambda: "pod-a"  # the killed pod had another host name than the next night's pod
from memlora.jobs.lock import JobLock
lock = JobLock(sys.argv[1], say=lambda m: None)
lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


def _hold(path):
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_sigkilled_holder_on_another_host_does_not_block_the_next_job(tmp_path):
    """A pod killed by its deadline, OOM or eviction (SIGKILL: no cleanup runs) on host pod-a: the next job, on
    another host, takes the lock at once and says whose it was."""
    import signal
    import time

    path = tmp_path / "state" / "nightly.lock"
    holder = _hold(path)
    assert read_lock(path).host == "pod-a"
    with pytest.raises(JobError, match=f"pid {holder.pid} on host pod-a"):
        JobLock(path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    said = []
    t0 = time.monotonic()
    with JobLock(path, say=said.append) as lock:
        assert time.monotonic() - t0 < 1.0
        assert read_lock(path) == lock.info and lock.info.pid == os.getpid()
    assert said and f"pid {holder.pid} on host pod-a" in said[0] and "no longer running" in said[0]


def test_a_second_nightly_exits_3_naming_the_live_owner(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from memlora.cli import main
    from memlora.settings import reset_settings

    for k in list(os.environ):
        if k.startswith("MEMLORA_"):
            monkeypatch.delenv(k)
    home = tmp_path / "home"
    monkeypatch.setenv("MEMLORA_HOME", str(home))
    monkeypatch.setenv("MEMLORA_CONFIG", "")
    reset_settings()
    mem = tmp_path / "memory.jsonl"
    mem.write_text(json.dumps({"tenant": "ann", "text": "Ann is vegan."}) + "\n")
    holder = _hold(home / "state" / "nightly.lock")
    try:
        res = CliRunner().invoke(main, ["nightly", "--memory", str(mem)])
    finally:
        holder.kill()
        holder.wait()
        reset_settings()
    assert res.exit_code == EXIT_JOB, res.output
    assert f"another nightly job is running (pid {holder.pid} on host pod-a" in res.output
    assert str(home / "state" / "nightly.lock") in res.output


def test_forget_records_apply_once_and_a_newer_one_again(tmp_path):
    from memlora.distill.records import Forget

    t1 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    t2 = datetime(2026, 2, 1, tzinfo=timezone.utc)
    recs = [Forget("pat", t1, "m.jsonl", 3), Forget("vera", None, "m.jsonl", 4)]
    pending = _pending_forgets(recs, {})
    assert pending == {"pat": t1.isoformat(), "vera": "undated"}
    assert _pending_forgets(recs, pending) == {}  # applied last night: not again
    assert _pending_forgets(recs + [Forget("pat", t2, "m.jsonl", 9)], pending) == {"pat": t2.isoformat()}


def test_forget_list_ignores_comments_and_blank_lines(tmp_path):
    f = tmp_path / "forget.txt"
    f.write_text("# GDPR requests\npat\n\n  bob@example.com \n")
    assert read_forget_list(f) == ["pat", "bob@example.com"]
