"""`memlora serve --replicas 2` on Ray Serve: one HTTP contract with the single server, tenant-affine routing,
forget broadcast to every replica, and a killed replica that comes back without serving a forgotten tenant.

Real parts: the tiny random-weight model, a real MLflow registry, a real LitServe server for the reference
answers, a real local Ray (2 CPUs, replicas at 0.5 CPU each) with Serve's HTTP proxy on loopback, and the
official `openai` client.
"""
from __future__ import annotations

import os
import random
import signal
import threading
import time

import httpx
import openai
import pytest
from serving_http_fixtures import ServerProc, free_port, register_adapter

ray = pytest.importorskip("ray")
pytest.importorskip("ray.serve")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(420)]  # about 4 min on 2 shared cores, most of it setup

ADMIN = "k-admin-fleet"
TENANTS = [f"t{i}" for i in range(9)]
CHECKED, TRACED = TENANTS[:3], TENANTS[3:]  # answers compared, then forgotten / the Zipf trace's tenants
PROMPT = "What should I cook tonight?"
N = 6
TOML = f"""
[serving]
registry_poll_seconds = 3600
max_batch_size = 4
missing_adapter = "404"
slots = 2
[[serving.api_keys]]
key = "{ADMIN}"
admin = true
"""


def _zipf_trace(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 1.1 for i in range(len(TRACED))]
    return rng.choices(TRACED, weights=weights, k=n)


def _ask(url: str, model: str, chat: bool = True) -> tuple[int, str]:
    body = {"model": model, "max_tokens": N, "temperature": 0}
    if chat:
        body["messages"] = [{"role": "user", "content": PROMPT}]
    else:
        body["prompt"] = PROMPT
    r = httpx.post(f"{url}/v1/{'chat/completions' if chat else 'completions'}", json=body,
                   headers={"authorization": f"Bearer {ADMIN}"}, timeout=60)
    if r.status_code != 200:
        return r.status_code, r.json()["error"]["message"]
    choice = r.json()["choices"][0]
    return 200, choice["message"]["content"] if chat else choice["text"]


def _admin(url: str, op: str, tenant: str) -> httpx.Response:
    return httpx.post(f"{url}/admin/{op}", json={"tenant": tenant}, headers={"authorization": f"Bearer {ADMIN}"}, timeout=90)


def _replicas(url: str) -> list[dict]:
    r = httpx.get(f"{url}/admin/replicas", headers={"authorization": f"Bearer {ADMIN}"}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["replicas"]


def _wait_ready(url: str, replicas: int, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            r = httpx.get(f"{url}/health", timeout=10)
            if r.status_code == 200 and r.json()["replicas_ready"] >= replicas:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"fewer than {replicas} replicas ready after {timeout} s")


@pytest.fixture(scope="module")
def single(tiny_base, tiny_base_dir, tmp_path_factory):
    """The adapters, registered once, and what one LitServe `memlora serve` answers for them."""
    root = tmp_path_factory.mktemp("fleet")
    server = ServerProc(root / "home", tiny_base_dir, TOML, root / "single.log")
    s = server.settings()
    for i, t in enumerate(TENANTS):
        register_adapter(s, tiny_base, root, t, seed=40 + i)
    server.start()
    try:
        refs = {(m, chat): _ask(server.url, m, chat) for m in ("base", *CHECKED) for chat in (True, False)}
    finally:
        server.stop()
    assert all(code == 200 for code, _ in refs.values()), refs
    assert len({text for (m, chat), (_, text) in refs.items() if chat}) == 4, "adapters too weak to tell tenants apart"
    return s, refs


@pytest.fixture(scope="module")
def fleet(single):
    from memlora.serving.fleet.deploy import start_fleet, stop_fleet

    s, _ = single
    s = s.model_copy(update={"fleet": s.fleet.model_copy(update={"replicas": 2, "replica_cpus": 0.5, "ack_timeout_seconds": 20})})
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start_fleet(s, "127.0.0.1", port, num_cpus=2)
    _wait_ready(url, 2)
    yield s, url, port
    stop_fleet()
    ray.shutdown()


def _long_stream(url: str, tenant: str, lines: list[str]) -> None:
    body = {"model": tenant, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 900, "temperature": 0,
            "stream": True}
    with httpx.stream("POST", f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {ADMIN}"},
                      timeout=60) as r:
        lines.extend(line for line in r.iter_lines() if line)


def _busy_replica(url: str) -> dict:
    """The replica generating right now (the long stream's)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        busy = [r for r in _replicas(url) if r["api"]["running"] > 0]
        if busy:
            return busy[0]
        time.sleep(0.05)
    raise AssertionError("no replica ever ran the long request")


def _disk_loads(url: str) -> int:
    return sum(r["engine"]["disk_loads"] for r in _replicas(url))


def test_fleet_answers_equal_single_server_token_for_token(single, fleet):
    _, refs = single
    _, url, _ = fleet
    for (model, chat), want in refs.items():
        assert _ask(url, model, chat) == want, (model, chat)
    client = openai.OpenAI(base_url=f"{url}/v1", api_key=ADMIN)
    streamed = "".join(c.choices[0].delta.content or "" for c in client.chat.completions.create(
        model=CHECKED[1], messages=[{"role": "user", "content": PROMPT}], max_tokens=N, temperature=0, stream=True) if c.choices)
    assert streamed == refs[(CHECKED[1], True)][1]
    assert {m.id for m in client.models.list().data} == {"base", *TENANTS}
    bad = httpx.post(f"{url}/v1/chat/completions", json={"model": "t0", "messages": "nope"}, headers={"authorization": f"Bearer {ADMIN}"})
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "messages"
    assert httpx.post(f"{url}/v1/completions", json={"model": "t0", "prompt": "x"}).status_code == 401


def test_affinity_loads_each_tenant_on_one_replica(fleet):
    """The same Zipf trace over tenants no replica has seen: under multiplexing each tenant's adapter is read
    from disk once in the whole fleet, so a tenant's requests land where its adapter already sits. (The
    comparison with Ray's tenant-blind router lives in benchmarks/bench_fleet.py: on a loaded 2-core box that
    router sometimes sends a sequential trace to one replica, which makes a blind-vs-affine count flaky.)"""
    s, url, port = fleet
    trace = _zipf_trace(30)
    before = _disk_loads(url)
    for t in trace:
        assert _ask(url, t)[0] == 200
    loads = _disk_loads(url) - before
    distinct = len(set(trace))
    assert distinct <= loads <= distinct + 1, (loads, distinct)  # at most one tenant raced onto both replicas


def test_forget_reaches_every_replica_and_a_killed_replica_comes_back_refusing_it(fleet):
    s, url, port = fleet
    gone, partial, kept = CHECKED
    for t in (gone, partial, kept):
        assert _ask(url, t)[0] == 200
    r = _admin(url, "prefetch", kept)  # one replica, the one the router picks
    assert r.status_code == 200 and r.json()["replica"] in {x["replica"] for x in _replicas(url)}, r.text
    r = _admin(url, "forget", gone)
    assert r.status_code == 200 and len(r.json()["replicas"]) == 2, r.text
    for _ in range(4):  # whichever replica the router picks
        code, message = _ask(url, gone)
        assert code == 404 and "forgotten" in message, (code, message)

    stream: list[str] = []
    reader = threading.Thread(target=_long_stream, args=(url, kept, stream))
    reader.start()
    victim = _busy_replica(url)
    os.kill(victim["pid"], signal.SIGKILL)
    reader.join(60)
    assert not reader.is_alive() and stream, "the in-flight stream hung when its replica died"
    assert "replica_unavailable" in stream[-1] and "[DONE]" not in "".join(stream), stream[-3:]
    r = _admin(url, "forget", partial)  # one replica is dead: not every replica can acknowledge
    assert r.status_code >= 500 and r.json()["error"]["code"] == "broadcast_incomplete", r.text
    assert "1 of 2" in r.json()["error"]["message"]
    codes = [_ask(url, kept)[0] for _ in range(4)]  # new requests go to the replica that lives
    assert set(codes) <= {200, 503} and codes[-1] == 200, codes

    deadline = time.monotonic() + 240  # a restart waits on Ray's health checks; slow on a loaded 2-core box
    while time.monotonic() < deadline:
        stats = _replicas(url)
        if len(stats) == 2 and victim["pid"] not in {r["pid"] for r in stats}:
            break
        time.sleep(0.5)
    else:
        raise AssertionError("Ray did not restart the killed replica")
    assert [r["api"]["forgotten"] for r in stats] == [2, 2], "a replica does not refuse both forgotten tenants"
    for _ in range(6):  # both replicas, the restarted one included, refuse both forgotten tenants
        for t in (gone, partial):
            code, message = _ask(url, t)
            assert code == 404 and "forgotten" in message, (t, code, message)
        assert _ask(url, kept)[0] == 200
