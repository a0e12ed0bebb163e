"""A real `memlora serve` over HTTP with API keys on: auth, admin endpoints reaching the worker, errors, metrics.

Tiny model, real MLflow registry, real LitServe processes. Answers are checked against PEFT's own
greedy output for the tenant's adapter (or the base), so "served" means served by the right adapter.
"""
from __future__ import annotations

import json

import re
import threading
import time

import httpx
import openai
import pytest
from serving_http_fixtures import ServerProc, peft_greedy, register_adapter, stored_weights

PROMPT = "What should I cook tonight?"
N = 6
KEYS = {"alice": "k-alice-123", "bob": "k-bob-456", "admin": "k-admin-789"}
TOML = f"""
[serving]
registry_poll_seconds = 3600
max_batch_size = 4
missing_adapter = "base"

[[serving.api_keys]]
key = "{KEYS['alice']}"
tenants = ["alice"]

[[serving.api_keys]]
key = "{KEYS['bob']}"
tenants = ["bob"]

[[serving.api_keys]]
key = "{KEYS['admin']}"
admin = true
"""

pytestmark = pytest.mark.timeout(600)


def _corrupt_everywhere(settings, run_id: str) -> int:
    """Overwrite the registered weights of one run in the artifact store and any local cached copy."""
    hit = 0
    cached = [f for f in settings.adapter_cache_dir.rglob("adapter_model.safetensors") if "broken" in str(f)] if settings.adapter_cache_dir.exists() else []
    for f in stored_weights(settings, run_id, [settings.artifact_root]) + cached:
        f.write_bytes(b"\x00garbage, not a safetensors file" * 64)
        hit += 1
    return hit


def _register_rejected(settings, tiny_base, root, tenant: str, seed: int):
    """A version the gate rejected: the registry knows the tenant, but it has no champion."""
    from serving_fixtures import write_peft_adapter

    from memlora.registry.store import AdapterRegistry

    out = write_peft_adapter(tiny_base.model, root / f"{tenant}-rejected", seed=seed, base_fingerprint=tiny_base.fingerprint, tenant=tenant)
    info = AdapterRegistry(settings).register(tenant, out, passed=False)
    assert not info.champion


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-http")
    server = ServerProc(root / "home", tiny_base_dir, TOML, root / "server.log")
    s = server.settings()
    dirs = {t: register_adapter(s, tiny_base, root, t, seed)[0] for t, seed in (("alice", 11), ("bob", 12))}
    _, broken = register_adapter(s, tiny_base, root, "broken", 13)
    _register_rejected(s, tiny_base, root, "carol", 15)
    assert _corrupt_everywhere(s, broken.run_id) >= 1
    server.start()
    server.settings_obj, server.root, server.dirs = s, root, dirs
    server.refs = {t: peft_greedy(tiny_base, d, PROMPT, N) for t, d in dirs.items()}
    server.refs["base"] = peft_greedy(tiny_base, None, PROMPT, N)
    assert len(set(server.refs.values())) == 3, "adapters too weak to tell tenants apart"
    yield server
    server.stop()


def chat(srv, model, key="admin", **kw):
    body = {"model": model, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": N, "temperature": 0, **kw}
    headers = {"Authorization": f"Bearer {KEYS[key]}"} if key else {}
    return httpx.post(srv.url + "/v1/chat/completions", json=body, headers=headers, timeout=120)


def admin(srv, op, tenant, key="admin"):
    return httpx.post(f"{srv.url}/admin/{op}", json={"tenant": tenant}, headers={"Authorization": f"Bearer {KEYS[key]}"}, timeout=120)


def metric(text: str, name: str, labels: str = "") -> float:
    m = re.search(rf"^{re.escape(name)}{re.escape(labels)} ([0-9.e+-]+)$", text, re.M)
    assert m, f"{name}{labels} not in /metrics"
    return float(m.group(1))


def metrics(srv) -> str:
    r = httpx.get(srv.url + "/metrics", timeout=30)
    assert r.status_code == 200
    return r.text


def is_openai_error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"} and err["message"]
    return err


def test_health(srv):
    r = httpx.get(srv.url + "/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["registry"] == "ok"


def test_missing_or_unknown_key_is_401(srv):
    is_openai_error(chat(srv, "alice", key=None), 401)
    r = httpx.post(srv.url + "/v1/chat/completions", json={"model": "alice", "messages": [{"role": "user", "content": "x"}]},
                   headers={"Authorization": "Bearer nope"})
    assert is_openai_error(r, 401)["code"] == "invalid_api_key"


def test_key_reaches_its_tenant_and_base_but_never_another_tenant(srv):
    r = chat(srv, "alice", key="alice")
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"] == srv.refs["alice"]
    assert chat(srv, "base", key="alice").json()["choices"][0]["message"]["content"] == srv.refs["base"]
    err = is_openai_error(chat(srv, "bob", key="alice"), 403)
    assert err["code"] == "tenant_forbidden" and "bob" in err["message"]
    c = openai.OpenAI(base_url=srv.url + "/v1", api_key=KEYS["bob"], max_retries=0)
    with pytest.raises(openai.PermissionDeniedError):
        c.chat.completions.create(model="alice", messages=[{"role": "user", "content": PROMPT}], max_tokens=N)
    assert {m.id for m in c.models.list()} == {"base", "bob"}


@pytest.mark.parametrize("body", [
    b"{not json",
    b"[1, 2]",
    b'{"model": "alice"}',
    b'{"model": "alice", "messages": []}',
    b'{"messages": [{"role": "user", "content": "hi"}]}',
    b'{"model": "alice", "messages": [{"role": "wizard", "content": "hi"}]}',
    b'{"model": "alice", "messages": [{"role": "user", "content": 5}]}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "max_tokens": -1}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100000}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "temperature": 7}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "top_p": 0}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "n": 3}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "stop": ["a","b","c","d","e"]}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "bogus_field": 1}',
    b'{"model": "alice", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function"}]}',
])
def test_malformed_bodies_are_400_with_openai_error(srv, body):
    r = httpx.post(srv.url + "/v1/chat/completions", content=body,
                   headers={"Authorization": f"Bearer {KEYS['admin']}", "Content-Type": "application/json"})
    is_openai_error(r, 400)


def test_server_survives_malformed_input_and_keeps_answering(srv):
    r = chat(srv, "bob", key="bob")
    assert r.status_code == 200 and r.json()["choices"][0]["message"]["content"] == srv.refs["bob"]
    is_openai_error(httpx.get(srv.url + "/v1/nothing-here"), 404)


def test_tenant_without_adapter_is_served_by_base_and_says_so(srv):
    r = chat(srv, "carol")  # known to the registry, its only version rejected by the gate
    assert r.status_code == 200
    assert r.headers["x-memlora-adapter"] == "none" and r.json()["adapter"] == "none"
    assert r.json()["choices"][0]["message"]["content"] == srv.refs["base"]


def test_model_the_registry_never_knew_is_404_model_not_found(srv):
    err = is_openai_error(chat(srv, "caroll"), 404)  # a misspelt tenant must not silently get the base
    assert err["code"] == "model_not_found" and err["param"] == "model" and "caroll" in err["message"]
    assert chat(srv, "carol").status_code == 200


def test_admin_endpoints_need_the_admin_key_and_a_tenant(srv):
    assert is_openai_error(admin(srv, "prefetch", "alice", key="alice"), 403)["code"] == "admin_required"
    r = httpx.post(srv.url + "/admin/prefetch", json={"nope": 1}, headers={"Authorization": f"Bearer {KEYS['admin']}"})
    assert is_openai_error(r, 400)["param"] == "tenant"
    is_openai_error(httpx.post(srv.url + "/admin/evict", json={"tenant": "alice"}), 401)


def test_corrupted_adapter_fails_its_tenant_only(srv):
    results = {}

    def run(name, model):
        results[name] = chat(srv, model)

    threads = [threading.Thread(target=run, args=(m, m)) for m in ("broken", "alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    err = is_openai_error(results["broken"], 500)
    assert err["code"] == "adapter_error" and "broken" in err["message"]
    for t in ("alice", "bob"):
        assert results[t].json()["choices"][0]["message"]["content"] == srv.refs[t]
    assert chat(srv, "alice").json()["choices"][0]["message"]["content"] == srv.refs["alice"]


def test_prefetch_puts_the_adapter_in_a_slot_before_the_first_request(srv, tiny_base):
    dave_dir, _ = register_adapter(srv.settings_obj, tiny_base, srv.root, "dave", 14)
    r = admin(srv, "prefetch", "dave")  # dave registered after the last poll: the worker asks the registry first
    assert r.status_code == 200 and r.json()["version"] == "1"
    deadline = time.monotonic() + 30
    while "dave" not in httpx.get(srv.url + "/v1/models", headers={"Authorization": f"Bearer {KEYS['admin']}"}).text:
        assert time.monotonic() < deadline
    before = metrics(srv)
    while metric(before, "memlora_adapter_loading") > 0 and time.monotonic() < deadline:
        time.sleep(0.2)
        before = metrics(srv)
    r = chat(srv, "dave")
    assert r.json()["choices"][0]["message"]["content"] == peft_greedy(tiny_base, dave_dir, PROMPT, N)
    after = metrics(srv)
    assert metric(after, "memlora_adapter_cache_hits_total", '{tier="device"}') == metric(before, "memlora_adapter_cache_hits_total", '{tier="device"}') + 1
    assert metric(after, "memlora_adapter_disk_loads_total") == metric(before, "memlora_adapter_disk_loads_total")


def test_evict_then_serve_loads_again(srv):
    from memlora import audit
    from memlora.pseudonym import tenant_ref

    assert admin(srv, "evict", "alice").status_code == 200
    assert is_openai_error(admin(srv, "evict", "alice", key="alice"), 403)
    trail = [e for e in audit.entries(srv.settings_obj) if e["action"] == "evict"]
    assert [e["outcome"] for e in trail[-2:]] == ["ok", "403 admin_required"]  # who did what to whom, refusals too
    assert trail[-2]["tenant"] == tenant_ref(srv.settings_obj, "alice") and trail[-2]["key_id"].startswith("key")
    assert KEYS["admin"] not in json.dumps(trail) and "alice" not in json.dumps(trail)
    before = metrics(srv)
    assert chat(srv, "alice").json()["choices"][0]["message"]["content"] == srv.refs["alice"]
    after = metrics(srv)
    assert metric(after, "memlora_adapter_cache_misses_total", '{tier="device"}') > metric(before, "memlora_adapter_cache_misses_total", '{tier="device"}')


def test_reload_after_promotion_serves_the_new_champion(srv, tiny_base):
    new_dir, info = register_adapter(srv.settings_obj, tiny_base, srv.root, "alice", 21)
    assert info.champion and info.version == 2
    want = peft_greedy(tiny_base, new_dir, PROMPT, N)
    assert want != srv.refs["alice"]
    old = chat(srv, "alice")  # polling is hourly here: without the admin call the old champion is still served
    assert old.headers["x-memlora-adapter"] == "1" and old.json()["choices"][0]["message"]["content"] == srv.refs["alice"]
    r = admin(srv, "reload", "alice")
    assert r.status_code == 200 and r.json()["version"] == "2"
    new = chat(srv, "alice", key="alice")
    assert new.headers["x-memlora-adapter"] == "2"
    assert new.json()["choices"][0]["message"]["content"] == want


def test_forget_never_serves_the_adapter_again(srv):
    assert chat(srv, "bob").headers["x-memlora-adapter"] == "1"  # bob's adapter is resident in a slot now
    assert admin(srv, "forget", "bob").json()["forgotten"] is True
    for _ in range(2):  # not from the slot, not from the host cache
        r = chat(srv, "bob", key="bob")
        assert r.status_code == 200 and r.headers["x-memlora-adapter"] == "none"
        assert r.json()["choices"][0]["message"]["content"] == srv.refs["base"]
    assert admin(srv, "prefetch", "bob").status_code == 404
    ids = {m["id"] for m in httpx.get(srv.url + "/v1/models", headers={"Authorization": f"Bearer {KEYS['admin']}"}).json()["data"]}
    assert "bob" not in ids and "alice" in ids


def test_client_that_disconnects_mid_stream_frees_its_place(srv):
    body = {"model": "alice", "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 900, "temperature": 0, "stream": True}
    generated = metric(metrics(srv), "memlora_engine_tokens_generated_total")
    with httpx.stream("POST", srv.url + "/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {KEYS['admin']}"}) as r:
        assert r.status_code == 200
        for line in r.iter_lines():
            if line.startswith("data: ") and '"content":"' in line and '"content":""' not in line:
                break
    deadline = time.monotonic() + 30
    while metric(metrics(srv), "memlora_requests_running") > 0:
        assert time.monotonic() < deadline, "the abandoned request kept generating"
        time.sleep(0.2)
    assert metric(metrics(srv), "memlora_engine_tokens_generated_total") - generated < 600, "the abandoned request ran to max_tokens"
    assert chat(srv, "alice").status_code == 200


def test_metrics_count_requests_tokens_latency_and_tiers(srv):
    text = metrics(srv)
    assert metric(text, "memlora_http_requests_total", '{code="200",endpoint="chat"}') >= 5
    assert metric(text, "memlora_http_requests_total", '{code="403",endpoint="chat"}') >= 1
    assert metric(text, "memlora_completion_tokens_total") >= 5 * N
    assert metric(text, "memlora_prompt_tokens_total") > 0
    assert metric(text, "memlora_request_latency_seconds_count", '{stream="false"}') >= 5
    assert metric(text, "memlora_adapter_cache_hits_total", '{tier="device"}') >= 1
    assert metric(text, "memlora_adapter_cache_misses_total", '{tier="host"}') >= 1
    assert metric(text, "memlora_adapter_load_errors_total") >= 1  # the corrupted adapter
    assert metric(text, "memlora_adapter_load_seconds_total") > 0
    assert metric(text, "memlora_adapters_resident", '{tier="device"}') >= 1


# ---- pieces that need no server: stop strings on decoded text, request validation


def test_stop_string_spanning_tokens_is_cut_and_never_leaks(tiny_base):
    from memlora.runtime.textstream import TextStream

    tok = tiny_base.tokenizer
    ids = tok("The sea biscuit sails at dawn", add_special_tokens=False)["input_ids"]
    ts = TextStream(tok, ["biscuit sa"], set())
    sent = "".join(ts.push(i) for i in ids)
    assert ts.stopped and sent == "The sea "
    ts2 = TextStream(tok, ["zebra"], set())
    assert "".join(ts2.push(i) for i in ids) + ts2.flush() == tok.decode(ids)


def test_request_validation_names_the_field():
    from memlora.serving.protocol import ApiError, parse_chat_request

    ok = parse_chat_request(b'{"model": "a", "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}], "stop": "x"}', 64)
    assert ok.messages[0].text() == "hi" and ok.stop_list() == ["x"] and ok.temperature == 1.0
    for body, param in ((b'{"model": "a", "messages": [{"role": "user", "content": "hi"}], "top_p": 2}', "top_p"),
                        (b'{"model": "a", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 65}', "max_tokens"),
                        (b'{"model": "a", "messages": [{"role": "user", "content": "hi"}], "foo": 1}', "foo")):
        with pytest.raises(ApiError) as e:
            parse_chat_request(body, 64)
        assert e.value.status == 400 and e.value.param == param and param in e.value.message
