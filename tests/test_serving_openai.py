"""The official `openai` client against a real `memlora serve` (tiny model, real registry, real LitServe over HTTP).

Every answer is checked against PEFT's own greedy output for that tenant's adapter, so a server that
served the wrong tenant, the base, or garbage fails. Keys are off here (local use); the adapter
policy is "404" for tenants without a champion.
"""
from __future__ import annotations

import threading
import time

import openai
import pytest
from serving_http_fixtures import ServerProc, chat_ids, peft_greedy, register_adapter

PROMPT = "Tell me about boats."
N = 8

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def srv(tiny_base, tiny_base_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-openai")
    toml = '[serving]\nmissing_adapter = "404"\nregistry_poll_seconds = 1.0\nmax_batch_size = 4\n'
    server = ServerProc(root / "home", tiny_base_dir, toml, root / "server.log")
    s = server.settings()
    dirs = {t: register_adapter(s, tiny_base, root, t, seed)[0] for t, seed in (("alice", 1), ("bob", 2))}
    server.start()
    server.settings_obj, server.root, server.dirs = s, root, dirs
    server.refs = {t: peft_greedy(tiny_base, d, PROMPT, N) for t, d in dirs.items()}
    server.refs["base"] = peft_greedy(tiny_base, None, PROMPT, N)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(srv):
    return openai.OpenAI(base_url=srv.url + "/v1", api_key="unused", max_retries=0, timeout=120)


def ask(client, model, **kw):
    kw.setdefault("max_tokens", N)
    kw.setdefault("temperature", 0)
    return client.chat.completions.create(model=model, messages=[{"role": "user", "content": PROMPT}], **kw)


def test_plain_answers_equal_peft_for_each_tenant(srv, client, tiny_base):
    assert len({srv.refs["alice"], srv.refs["bob"], srv.refs["base"]}) == 3, "adapters too weak to tell tenants apart"
    n_prompt = len(chat_ids(tiny_base.tokenizer, PROMPT))
    for model in ("alice", "bob", "base"):
        raw = client.chat.completions.with_raw_response.create(
            model=model, messages=[{"role": "user", "content": PROMPT}], max_tokens=N, temperature=0)
        r = raw.parse()
        assert r.choices[0].message.content == srv.refs[model], model
        assert r.choices[0].finish_reason == "length"
        assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens) == (n_prompt, N, n_prompt + N)
        assert raw.headers["x-memlora-adapter"] == ("none" if model == "base" else "1")
        assert r.model == model


def test_streaming_deltas_add_up_to_the_answer(srv, client):
    chunks = list(ask(client, "bob", stream=True, stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == srv.refs["bob"]
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) >= 2, "not streamed token by token"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["length"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == N


def test_concurrent_mixed_tenants_each_get_their_own_adapter(srv, client):
    got: dict[int, str] = {}
    models = ["alice", "bob", "base", "alice", "bob", "base"]

    def run(i, m):
        got[i] = ask(client, m).choices[0].message.content

    threads = [threading.Thread(target=run, args=(i, m)) for i, m in enumerate(models)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert [got.get(i) for i in range(len(models))] == [srv.refs[m] for m in models]


def test_stop_string_cuts_the_answer_plain_and_streamed(srv, client):
    ref = srv.refs["alice"]
    stop = ref[3:6]
    expected = ref[: ref.find(stop)]
    r = ask(client, "alice", stop=[stop])
    assert r.choices[0].message.content == expected and r.choices[0].finish_reason == "stop"
    chunks = list(ask(client, "alice", stop=stop, stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == expected


def test_seed_makes_sampling_reproducible(client):
    a = ask(client, "alice", temperature=1.0, seed=7).choices[0].message.content
    b = ask(client, "alice", temperature=1.0, seed=7).choices[0].message.content
    c = ask(client, "alice", temperature=1.0, seed=8).choices[0].message.content
    assert a == b
    assert a != c


def test_models_lists_champions_and_base(client):
    assert {m.id for m in client.models.list()} == {"base", "alice", "bob"}


def test_tenant_without_adapter_is_404_with_openai_error(client):
    with pytest.raises(openai.NotFoundError) as e:
        ask(client, "nobody")
    assert e.value.body["code"] == "model_not_found" and "nobody" in e.value.body["message"]


def test_promotion_is_picked_up_by_registry_polling(srv, client, tiny_base):
    """A new champion is served without any admin call or restart (poll interval 1 s here)."""
    new_dir, info = register_adapter(srv.settings_obj, tiny_base, srv.root, "bob", 3)
    assert info.champion and info.version == 2
    want = peft_greedy(tiny_base, new_dir, PROMPT, N)
    assert want != srv.refs["bob"]
    deadline = time.monotonic() + 30
    while True:
        raw = client.chat.completions.with_raw_response.create(
            model="bob", messages=[{"role": "user", "content": PROMPT}], max_tokens=N, temperature=0)
        if raw.headers["x-memlora-adapter"] == "2" or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert raw.headers["x-memlora-adapter"] == "2"
    assert raw.parse().choices[0].message.content == want
