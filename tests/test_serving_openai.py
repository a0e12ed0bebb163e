"""The official `openai` client against a real `memlora serve` (tiny model, real registry, real LitServe over HTTP).

Every answer is checked against PEFT's own greedy output for that tenant's adapter, so a server that
served the wrong tenant, the base, or garbage fails. Keys are off here (local use); the adapter
policy is "404" for tenants without a champion.
"""
from __future__ import annotations

import json
import threading
import time

import httpx
import openai
import pytest
from openai.types import Completion
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from prometheus_client.parser import text_string_to_metric_families
from serving_http_fixtures import ServerProc, chat_ids, peft_greedy, register_adapter

from memlora import __version__

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
    server.settings_obj, server.root, server.dirs, server.tok = s, root, dirs, tiny_base.tokenizer
    server.refs = {t: peft_greedy(tiny_base, d, PROMPT, N) for t, d in dirs.items()}
    server.refs["base"] = peft_greedy(tiny_base, None, PROMPT, N)
    server.raw_refs = {"alice": peft_greedy(tiny_base, dirs["alice"], PROMPT, N, chat=False)}
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


def sse_bodies(srv, path: str, body: dict) -> list[dict]:
    """The raw `data:` payloads of a streamed answer (what a non-`openai` SSE client sees)."""
    with httpx.stream("POST", srv.url + path, json=body, timeout=120) as r:
        assert r.status_code == 200
        lines = [ln[len("data: "):] for ln in r.iter_lines() if ln.startswith("data: ")]
    assert lines[-1] == "[DONE]"
    return [json.loads(x) for x in lines[:-1]]


def test_streaming_deltas_add_up_to_the_answer(srv, client):
    chunks = list(ask(client, "bob", stream=True, stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == srv.refs["bob"]
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) >= 2, "not streamed token by token"
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["length"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == N and chunks[-1].choices == []
    assert all(c.usage is None for c in chunks[:-1]), "usage belongs in the last chunk only"


def test_stream_chunks_are_openai_chunks_with_one_created_and_fingerprint(srv, client):
    """Every chunk validates as `openai.types` ChatCompletionChunk, `id`/`created`/`system_fingerprint` never change,
    no usage is sent unless asked, and the fingerprint equals the plain answer's."""
    body = {"model": "alice", "messages": [{"role": "user", "content": PROMPT}], "max_tokens": N, "temperature": 0, "stream": True}
    raw = sse_bodies(srv, "/v1/chat/completions", body)
    chunks = [ChatCompletionChunk.model_validate(c) for c in raw]
    assert len(chunks) >= 3
    assert len({(c.id, c.created, c.system_fingerprint) for c in chunks}) == 1
    assert all(c.usage is None and "usage" not in r for c, r in zip(chunks, raw)), "usage sent without stream_options.include_usage"
    plain = ask(client, "alice")
    ChatCompletion.model_validate(plain.model_dump())
    assert plain.system_fingerprint == chunks[0].system_fingerprint == f"memlora-{__version__}:1"
    assert ask(client, "base").system_fingerprint == f"memlora-{__version__}:base"
    assert abs(plain.created - time.time()) < 120


class OpenAIPenalties:
    """OpenAI's documented frequency/presence penalty over the generated tokens, as an HF logits processor: the reference."""

    def __init__(self, n_prompt: int, frequency: float, presence: float):
        self.n_prompt, self.frequency, self.presence = n_prompt, frequency, presence

    def __call__(self, input_ids, scores):
        import torch

        for row, ids in enumerate(input_ids[:, self.n_prompt:]):
            if len(ids):
                tok, n = torch.unique(ids, return_counts=True)
                scores[row, tok] -= self.frequency * n.to(scores.dtype) + self.presence
        return scores


def test_penalties_equal_their_reference_formulas(srv, client, tiny_base):
    """frequency/presence penalties follow OpenAI's formula, vLLM's repetition_penalty HF's; each changes the answer."""
    n_prompt = len(chat_ids(tiny_base.tokenizer, PROMPT))
    for kw in ({"frequency_penalty": 1.5}, {"presence_penalty": 2.0}, {"frequency_penalty": 0.7, "presence_penalty": -0.3}):
        want = peft_greedy(tiny_base, srv.dirs["alice"], PROMPT, N,
                           logits_processor=[OpenAIPenalties(n_prompt, kw.get("frequency_penalty", 0), kw.get("presence_penalty", 0))])
        got = ask(client, "alice", **kw).choices[0].message.content
        assert got == want, kw
    assert ask(client, "alice", presence_penalty=2.0).choices[0].message.content != srv.refs["alice"], "penalty had no effect"
    want = peft_greedy(tiny_base, srv.dirs["alice"], PROMPT, N, repetition_penalty=1.5)
    assert want != srv.refs["alice"]
    assert ask(client, "alice", extra_body={"repetition_penalty": 1.5}).choices[0].message.content == want


def test_unimplemented_and_out_of_range_options_are_refused_by_name(client):
    for name, value in (("min_tokens", 3), ("logit_bias", {"5": 10})):
        with pytest.raises(openai.BadRequestError) as e:
            ask(client, "alice", extra_body={name: value})
        assert e.value.body["param"] == name and name in e.value.body["message"]
    for name, value in (("frequency_penalty", 2.5), ("repetition_penalty", 0)):
        with pytest.raises(openai.BadRequestError) as e:
            ask(client, "alice", extra_body={name: value})
        assert e.value.body["param"] == name
    assert ask(client, "alice", extra_body={"min_tokens": 0}).choices[0].message.content


def test_top_k_one_is_greedy_even_at_temperature_one(srv, client):
    """vLLM's `top_k` is honoured: keeping only the likeliest token makes sampling at temperature 1 the greedy answer."""
    for seed in (1, 2):
        r = ask(client, "alice", temperature=1.0, seed=seed, extra_body={"top_k": 1})
        assert r.choices[0].message.content == srv.refs["alice"]
    with pytest.raises(openai.BadRequestError) as e:
        ask(client, "alice", extra_body={"top_k": -2})
    assert e.value.body["param"] == "top_k"


def test_legacy_completions_use_the_raw_prompt_and_the_tenant_adapter(srv, client):
    want = srv.raw_refs["alice"]
    raw_ids = srv.tok(PROMPT, add_special_tokens=False)["input_ids"]
    assert len(raw_ids) != len(chat_ids(srv.tok, PROMPT))
    r = client.completions.create(model="alice", prompt=PROMPT, max_tokens=N, temperature=0, seed=1, top_p=1.0)
    Completion.model_validate(r.model_dump())
    assert r.object == "text_completion" and r.choices[0].text == want and r.choices[0].finish_reason in ("length", "stop")
    assert r.usage.prompt_tokens == len(raw_ids), "the raw prompt must not be wrapped in the chat template"
    assert r.system_fingerprint == f"memlora-{__version__}:1" and r.model == "alice"
    chunks = list(client.completions.create(model="alice", prompt=PROMPT, max_tokens=N, temperature=0, stream=True,
                                            stream_options={"include_usage": True}))
    assert "".join(c.choices[0].text for c in chunks if c.choices) == want
    assert len({(c.id, c.created) for c in chunks}) == 1
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == r.usage.completion_tokens
    no_usage = list(client.completions.create(model="alice", prompt=PROMPT, max_tokens=N, temperature=0, stream=True))
    assert all(c.usage is None for c in no_usage)
    with pytest.raises(openai.NotFoundError):
        client.completions.create(model="nobody", prompt=PROMPT, max_tokens=N)
    with pytest.raises(openai.BadRequestError) as e:
        client.completions.create(model="alice", prompt=PROMPT, max_tokens=N, echo=True)
    assert e.value.body["param"] == "echo"


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


def test_models_retrieve_answers_a_listed_tenant_and_404_otherwise(client):
    m = client.models.retrieve("alice")
    assert (m.id, m.object, m.owned_by) == ("alice", "model", "memlora") and m.adapter_version == "1"
    assert client.models.retrieve("base").id == "base"
    with pytest.raises(openai.NotFoundError) as e:
        client.models.retrieve("nobody")
    assert e.value.body["code"] == "model_not_found" and "nobody" in e.value.body["message"]


def test_version_info_and_openapi_name_memlora(srv, tiny_base_dir):
    assert httpx.get(srv.url + "/version").json() == {"version": __version__}
    info = httpx.get(srv.url + "/info").json()
    assert info["model"]["base_model"] == tiny_base_dir.name and info["model"]["memlora_version"] == __version__
    spec = httpx.get(srv.url + "/openapi.json").json()
    assert (spec["info"]["title"], spec["info"]["version"]) == ("memlora", __version__)
    body = spec["paths"]["/v1/completions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/CompletionRequest")
    assert "prompt" in spec["components"]["schemas"]["CompletionRequest"]["properties"]


def test_metrics_parse_with_prometheus_client_names_types_and_units(srv, client):
    ask(client, "alice")
    fams = {f.name: f for f in text_string_to_metric_families(httpx.get(srv.url + "/metrics", timeout=30).text)}
    types = {n: f.type for n, f in fams.items()}
    for name in ("memlora_request_latency_seconds", "memlora_time_to_first_token_seconds", "memlora_time_per_output_token_seconds",
                 "memlora_request_queue_time_seconds", "memlora_request_prompt_tokens", "memlora_request_generation_tokens"):
        assert types.get(name) == "histogram", name
    for name in ("memlora_http_requests", "memlora_engine_steps", "memlora_engine_tokens_generated", "memlora_requests_finished",
                 "memlora_adapter_load_seconds", "process_cpu_seconds"):
        assert types.get(name) == "counter", name
    for name in ("memlora_kv_cache_usage_ratio", "memlora_kv_cache_bytes", "process_resident_memory_bytes", "vllm:lora_requests_info"):
        assert types.get(name) == "gauge", name
    assert not [n for n in fams if n.endswith("_ms") or "_ms_" in n or n.endswith("_created")], "milliseconds or _created series"
    samples = [s.name + str(sorted(s.labels.items())) for f in fams.values() for s in f.samples]
    assert len(samples) == len(set(samples)), "a series is exported twice"
    assert not [n for n, f in fams.items() if f.documentation.startswith("engine stat")]
    reasons = {s.labels["finish_reason"]: s.value for s in fams["memlora_requests_finished"].samples}
    assert reasons["length"] >= 1
    assert sum(s.value for s in fams["memlora_request_generation_tokens"].samples if s.name.endswith("_count")) >= 1
    (info,) = fams["vllm:lora_requests_info"].samples
    assert set(info.labels) == {"running_lora_adapters", "waiting_lora_adapters", "max_lora"} and int(info.labels["max_lora"]) >= 1
    assert abs(info.value - time.time()) < 120


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
