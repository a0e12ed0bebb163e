"""No request can hurt another: hostile requests beside two victims' streams, cache bit rot, a registry outage.

A real `memlora serve` (tiny model, LitServe over HTTP) on a real `mlflow server`. Each hostile
request is sent while two other tenants stream; they must finish with exactly PEFT's greedy answer
for their own adapter. The registry server is stopped in the last test (the server keeps serving).
"""
from __future__ import annotations

import json
import os
import re
import threading
import time

import httpx
import mlflow_server
import pytest
from serving_http_fixtures import ServerProc, peft_greedy, register_adapter, stored_weights

PROMPT = "Tell me a long story about the sea."
N_VICTIM = 120
N = 6

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-faults")
    ml = mlflow_server.start(root / "mlflow")
    toml = (f'[registry]\ntracking_uri = "{ml.url}"\n[serving]\nregistry_poll_seconds = 1.0\nmax_batch_size = 8\n'
            'missing_adapter = "base"\nmax_new_tokens_limit = 256\n')
    server = ServerProc(root / "home", tiny_base_dir, toml, root / "server.log")
    server.env.update(MLFLOW_HTTP_REQUEST_MAX_RETRIES="0", MLFLOW_HTTP_REQUEST_TIMEOUT="5")
    s = server.settings()
    dirs = {t: register_adapter(s, tiny_base, root, t, seed)[0] for t, seed in (("alice", 31), ("bob", 32), ("rotty", 33), ("cold", 35))}
    _, broken = register_adapter(s, tiny_base, root, "broken", 34)
    _corrupt_registered(s, broken.run_id)
    server.rotted = _rot_cached_copy(s, tiny_base, "rotty")
    try:
        server.start()
        server.root, server.ml, server.dirs = root, ml, dirs
        server.refs = {t: peft_greedy(tiny_base, dirs[t], PROMPT, N_VICTIM) for t in ("alice", "bob")}
        server.short = {t: peft_greedy(tiny_base, dirs[t], PROMPT, N) for t in ("alice", "rotty")}
        yield server
    finally:
        server.stop()
        mlflow_server.stop(ml)


def _corrupt_registered(settings, run_id: str) -> None:
    hits = 0
    for f in stored_weights(settings, run_id, [settings.home.parent / "mlflow" / "artifacts"]):
        f.write_bytes(b"\x00garbage, not a safetensors file" * 64)
        hits += 1
    assert hits >= 1, f"no registered artifact of run {run_id} found to corrupt"


def _rot_cached_copy(settings, tiny_base, tenant: str) -> bytes:
    """Populate the server's cache with the tenant's adapter, then flip bytes keeping size and mtime (bit rot)."""
    from memlora.registry.store import AdapterRegistry

    hit = AdapterRegistry(settings).resolve(tenant, tiny_base.fingerprint)
    f = hit.path / "adapter_model.safetensors"
    st = f.stat()
    good = f.read_bytes()
    bad = bytearray(good)
    for i in range(len(bad) - 64, len(bad) - 32):
        bad[i] ^= 0x5A
    f.write_bytes(bytes(bad))
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    return good


def metric(srv, name: str) -> float:
    text = httpx.get(srv.url + "/metrics", timeout=30).text
    m = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", text, re.M)
    assert m, f"{name} not in /metrics"
    return float(m.group(1))


def chat(srv, model, **kw):
    body = {"model": model, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": N, "temperature": 0, **kw}
    return httpx.post(srv.url + "/v1/chat/completions", json=body, timeout=120)


class Victim(threading.Thread):
    """One tenant's streamed greedy answer, collected chunk by chunk."""

    def __init__(self, srv, tenant: str):
        super().__init__(daemon=True)
        self.srv, self.tenant = srv, tenant
        self.streaming = threading.Event()
        self.text, self.finish, self.error, self.status, self.ended = "", None, None, None, None

    def run(self):
        body = {"model": self.tenant, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": N_VICTIM,
                "temperature": 0, "stream": True}
        try:
            with httpx.stream("POST", self.srv.url + "/v1/chat/completions", json=body, timeout=120) as r:
                self.status = r.status_code
                for line in r.iter_lines():
                    if not line.startswith("data: ") or line == "data: [DONE]":
                        continue
                    ev = json.loads(line[6:])
                    if "error" in ev:
                        self.error = ev["error"]
                        break
                    for c in ev["choices"]:
                        self.text += c["delta"].get("content") or ""
                        self.finish = c.get("finish_reason") or self.finish
                    if self.text:
                        self.streaming.set()
        except Exception as e:  # noqa: BLE001 - reported by the assertion below
            self.error = repr(e)
        finally:
            self.ended = time.monotonic()
            self.streaming.set()


def beside_victims(srv, hostile):
    """Run `hostile()` while alice and bob stream; return its response after checking both victims are intact."""
    victims = [Victim(srv, t) for t in ("alice", "bob")]
    for v in victims:
        v.start()
    for v in victims:
        assert v.streaming.wait(60)
    sent = time.monotonic()
    r = hostile()
    answered = time.monotonic()
    for v in victims:
        v.join(120)
        assert v.status == 200 and v.error is None, (v.tenant, v.status, v.error)
        assert v.text == srv.refs[v.tenant] and v.finish in ("length", "stop"), v.tenant
    assert any(v.ended > sent for v in victims), "the victims ended before the hostile request was sent"
    assert answered - sent < 30
    return r


def one_line_error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text[:300]
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"} and err["message"] and "\n" not in err["message"]
    assert "Traceback" not in r.text
    return err


def post_raw(srv, path: str, raw: bytes):
    return httpx.post(srv.url + path, content=raw, headers={"Content-Type": "application/json"}, timeout=60)


def _chat_body(**kw) -> dict:
    return {"model": "alice", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 8, **kw}


@pytest.mark.parametrize("field,value", [
    ("seed", 18446744073709551616),  # used to end every running stream with "Overflow when unpacking long long"
    ("seed", -1),
    ("stream", "yes"),
    ("max_tokens", True),
    ("n", "1"),
    ("temperature", "0.5"),
])
def test_bad_field_is_400_naming_it_and_victims_finish(srv, field, value):
    r = beside_victims(srv, lambda: httpx.post(srv.url + "/v1/chat/completions", json=_chat_body(**{"temperature": 1.0, field: value}), timeout=60))
    err = one_line_error(r, 400)
    assert err["param"] == field and field in err["message"]


def test_huge_prompt_is_refused_by_size_and_victims_finish(srv):
    prompt = "memory " * (7_500_000 // 7)
    r = beside_victims(srv, lambda: httpx.post(srv.url + "/v1/chat/completions", json=_chat_body(messages=[{"role": "user", "content": prompt}]), timeout=60))
    assert one_line_error(r, 413)["code"] == "request_too_large"
    # under the byte cap but longer than any prompt the context holds: refused without tokenizing, still a clean 400
    r = beside_victims(srv, lambda: httpx.post(srv.url + "/v1/chat/completions", json=_chat_body(messages=[{"role": "user", "content": "a" * 900_000}]), timeout=60))
    assert one_line_error(r, 400)["code"] == "context_length_exceeded"


@pytest.mark.parametrize("path", ["/v1/chat/completions", "/admin/prefetch"])
def test_deeply_nested_json_is_one_line_400_and_victims_finish(srv, path):
    r = beside_victims(srv, lambda: post_raw(srv, path, b"[" * 100_000))
    assert "nested" in one_line_error(r, 400)["message"]
    r = post_raw(srv, path, b'{"model": "alice", "tenant": "alice", "messages": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
    one_line_error(r, 400)


def test_request_models_are_published_in_openapi(srv):
    schema = httpx.get(srv.url + "/openapi.json").json()
    body = schema["paths"]["/v1/chat/completions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    chat_model = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert {"model", "messages"} <= set(chat_model["required"])
    assert chat_model["properties"]["seed"]["anyOf"][0]["maximum"] == 2**63 - 1
    assert "requestBody" in schema["paths"]["/admin/forget"]["post"]


def test_bit_rot_in_the_cache_is_healed_from_the_registry(srv):
    """The cached copy kept size and mtime but its bytes changed: dropped, fetched again, served, counted."""
    r = chat(srv, "rotty")
    assert r.status_code == 200, r.text
    assert r.headers["x-memlora-adapter"] == "1" and r.json()["choices"][0]["message"]["content"] == srv.short["rotty"]
    assert metric(srv, "memlora_adapter_cache_heals_total") == 1


def test_server_error_bodies_carry_no_server_paths(srv):
    r = chat(srv, "broken")  # its registered artifact itself is corrupt: nothing to heal from
    err = one_line_error(r, 500)
    assert err["code"] == "adapter_error" and "broken" in err["message"]
    assert str(srv.root) not in r.text and not re.search(r"(?<![\w.:/~-])/(tmp|home|root|work|srv|var)/", r.text), r.text
    assert str(srv.root) in srv.log()  # the full message stays in the server log


def test_registry_outage_keeps_serving_and_health_says_so(srv):
    assert httpx.get(srv.url + "/health").json()["registry"] == "ok"
    assert chat(srv, "alice").status_code == 200 and chat(srv, "bob").status_code == 200
    mlflow_server.stop(srv.ml)
    deadline = time.monotonic() + 60
    while (h := httpx.get(srv.url + "/health", timeout=30)).json()["registry"] != "unavailable":
        assert time.monotonic() < deadline, h.text
        time.sleep(0.5)
    assert h.status_code == 200 and h.json()["status"] == "ok" and h.json()["registry_error"]
    assert metric(srv, "memlora_registry_up") == 0
    r = beside_victims(srv, lambda: chat(srv, "alice"))
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"] == srv.short["alice"]
    # a champion never fetched to this machine cannot be served now: a retryable 503, not a broken adapter's 500
    err = one_line_error(chat(srv, "cold"), 503)
    assert err["code"] == "registry_unavailable" and "cold" in err["message"]
    assert chat(srv, "alice").status_code == 200
