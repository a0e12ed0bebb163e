"""The optional LLM extractor against real OpenAI-compatible HTTP servers: typed items, per-item fallback,
a dead, erroring, slow or babbling endpoint falling back to the embedded patterns with one log line."""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from memlora.distill.extract_llm import extract_all
from memlora.distill.schema import Extract, extract
from memlora.errors import MemloraError
from memlora.settings import Settings


def _fact(slot, value, statement, probe):
    return {"kind": "fact", "slot": slot, "value": value, "statement": statement, "probe": probe}


def _pref(slot, value, statement):
    return {"kind": "preference", "slot": slot, "value": value, "statement": statement, "probe": ""}


# what a strong model answers for each memory (None: the item is left out of the answer)
CANNED = {
    "Was born in Lyon.": _fact("birthplace", "Lyon", "You were born in Lyon.", "Where was I born?"),
    "Born in Lyon, France.": _fact("birthplace", "Lyon", "You were born in Lyon.", "Where was I born?"),
    "Daughter's name is Noor.": _fact("daughter", "Noor", "Your daughter's name is Noor.", "What is my daughter's name?"),
    "Prefers metric units": _pref("units", "metric", "You prefer metric units."),
    "Wants measurements in metric units": _pref("units", "metric", "You want measurements in metric units."),
    "Likes every answer to start with 'Bonjour!'": _pref("greeting", "Bonjour", "You like answers to start with Bonjour."),
    "Has a hamster named Biscuit.": _fact("hamster", "Cookie", "Your hamster is named Cookie.", "What is my hamster's name?"),
    "Rides a Vespa.": {"kind": "vehicle", "slot": "vehicle", "value": "Vespa", "statement": "You ride a Vespa.", "probe": "What do I ride?"},
    "Had a headache this morning.": None,
    "Ist Vegetarierin und wohnt in München.": _fact("city", "München", "Du wohnst in München.", "Wo wohne ich?"),
    "Rereads Proust every winter.": _fact("favourite writer", "Proust", "Your favourite writer is Proust.", "Who is my favourite writer?"),
}
TEXTS = list(CANNED)


class _Extractor(BaseHTTPRequestHandler):
    """OpenAI-shaped chat endpoint answering the JSON-schema request with the canned items."""

    calls: list = []
    mode = "ok"  # ok | 500 | prose | slow

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append({"body": body, "auth": self.headers.get("Authorization")})
        if self.mode == "500":
            return self._send(500, {"error": {"message": "model crashed", "type": "server_error"}})
        if self.mode == "slow":
            time.sleep(2.0)
        fmt = body.get("response_format") or {}
        if fmt.get("type") != "json_schema" or "items" not in fmt["json_schema"]["schema"]["properties"]:
            return self._send(400, {"error": {"message": "expected a json_schema response_format"}})
        memories = json.loads(body["messages"][-1]["content"])
        items = [{"index": m["index"], **CANNED[m["memory"]]} for m in memories if CANNED.get(m["memory"])]
        content = "Sure! Here are the memories you asked about." if self.mode == "prose" else json.dumps({"items": items})
        self._send(200, {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

    def _send(self, code: int, obj: dict) -> None:
        data = json.dumps(obj).encode()
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass


@pytest.fixture
def server():
    _Extractor.calls, _Extractor.mode = [], "ok"
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Extractor)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", _Extractor
    srv.shutdown()
    srv.server_close()


def _settings(url: str | None, **kw) -> Settings:
    return Settings(distill={"extractor_url": url, "extractor_model": "big-model", **kw})


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "memlora.distill.extract_llm" and r.levelno >= logging.WARNING]


def test_llm_types_memories_the_patterns_miss_and_bad_items_fall_back_alone(server, caplog):
    url, handler = server
    caplog.set_level(logging.WARNING)
    got = dict(zip(TEXTS, extract_all(TEXTS, _settings(url, extractor_batch_size=4))))
    assert all(isinstance(e, Extract) for e in got.values())
    born = got["Was born in Lyon."]
    assert (born.kind, born.slot, born.value) == ("fact", "birthplace", "Lyon")
    assert born.probe == {"question": "Where was I born?", "expect": ["Lyon"]}
    if "statement" in Extract.__dataclass_fields__:
        assert born.statement == "You were born in Lyon."
    assert (got["Born in Lyon, France."].slot, got["Born in Lyon, France."].value) == ("birthplace", "Lyon")
    assert (got["Daughter's name is Noor."].slot, got["Daughter's name is Noor."].value) == ("daughter", "Noor")
    assert got["Ist Vegetarierin und wohnt in München."].value == "München"
    proust = got["Rereads Proust every winter."]  # no pattern says this is a fact; the model does
    assert (proust.kind, proust.slot, proust.value) == ("fact", "favourite writer", "Proust") and extract("Rereads Proust every winter.").kind == "free"
    metric = [got["Prefers metric units"], got["Wants measurements in metric units"]]
    assert [(e.kind, e.slot, e.value) for e in metric] == [("free", "units", "metric")] * 2
    assert (got["Likes every answer to start with 'Bonjour!'"].kind, got["Likes every answer to start with 'Bonjour!'"].value) == ("opening", "Bonjour!")
    # an invented value, a kind outside the schema and a missing item each fall back to the patterns, alone
    for text in ("Has a hamster named Biscuit.", "Rides a Vespa.", "Had a headache this morning."):
        assert got[text] == extract(text), text
    assert got["Has a hamster named Biscuit."].value == "Biscuit"
    [line] = _warnings(caplog)
    assert "3 of 11 items fell back" in line
    assert len(handler.calls) == 3  # 11 texts in batches of 4
    req = handler.calls[0]["body"]
    assert req["model"] == "big-model" and req["response_format"]["json_schema"]["strict"] is True


def test_cache_spares_the_endpoint_and_default_is_embedded(server):
    url, handler = server
    cache: dict = {}
    first = extract_all(TEXTS, _settings(url), cache=cache)
    n = len(handler.calls)
    assert n == 1 and len(cache) == 8  # only usable answers are kept
    again = extract_all(TEXTS, _settings(url), cache=cache)
    assert again == first and len(handler.calls) == 2  # only the three fallbacks were asked again
    assert len(handler.calls[1]["body"]["messages"][-1]["content"]) < len(handler.calls[0]["body"]["messages"][-1]["content"])
    assert extract_all(TEXTS, _settings(None)) == [extract(t) for t in TEXTS] and len(handler.calls) == 2


def _closed_port_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("mode", ["closed", "500", "slow", "prose"])
def test_failing_endpoint_falls_back_to_embedded_with_one_log_line(server, caplog, mode):
    url, handler = server
    handler.mode = mode
    caplog.set_level(logging.WARNING)
    s = _settings(_closed_port_url() if mode == "closed" else url, extractor_batch_size=3, extractor_concurrency=1,
                  extractor_timeout_seconds=0.3)
    t0 = time.perf_counter()
    got = extract_all(TEXTS, s, categories=["preference"] * len(TEXTS))
    assert got == [extract(t, "preference") for t in TEXTS]
    lines = _warnings(caplog)
    assert len(lines) == 1, lines
    if mode == "prose":
        assert "11 of 11 items fell back" in lines[0] and "not the schema's JSON" in lines[0] and len(handler.calls) == 4
    else:
        assert "failed" in lines[0] and "embedded extraction for the 11 texts" in lines[0]
        assert len(handler.calls) <= 2  # one request and the client's one retry, then the run stops asking
        assert time.perf_counter() - t0 < 10


def test_api_key_from_the_named_environment_variable(server, monkeypatch):
    url, handler = server
    monkeypatch.setenv("EXTRACTOR_KEY_FOR_TEST", "sk-test-123")
    extract_all(TEXTS[:2], _settings(url, extractor_api_key_env="EXTRACTOR_KEY_FOR_TEST"))
    assert handler.calls[0]["auth"] == "Bearer sk-test-123"
    monkeypatch.delenv("EXTRACTOR_KEY_FOR_TEST")
    with pytest.raises(MemloraError, match=r"extractor_api_key_env names \$EXTRACTOR_KEY_FOR_TEST, which is not set"):
        extract_all(TEXTS[:2], _settings(url, extractor_api_key_env="EXTRACTOR_KEY_FOR_TEST"))


def test_a_request_never_mixes_tenants(server):
    url, handler = server
    tenants = (["ana", "bo"] * 6)[:len(TEXTS)]
    got = extract_all(TEXTS, _settings(url, extractor_batch_size=4), tenants=tenants)
    assert got == extract_all(TEXTS, _settings(url, extractor_batch_size=4))  # same answers, other batching
    sent = [[m["memory"] for m in json.loads(c["body"]["messages"][-1]["content"])] for c in handler.calls[:4]]
    assert sorted(map(len, sent)) == [1, 2, 4, 4]  # ana 6 = 4 + 2, bo 5 = 4 + 1
    for batch in sent:
        assert len({tenants[TEXTS.index(t)] for t in batch}) == 1, batch


def test_profiles_use_the_endpoint_and_keep_its_answers_in_the_tenant_state(server, tmp_path):
    """Wired into consolidation: a fact no pattern types ("Rereads Proust every winter") becomes a selected
    fact with the model's slot and probe; the answers live under the tenant's state dir and a rerun asks
    nothing new."""
    from datetime import datetime, timezone

    from memlora.distill.profile import build_profiles
    from memlora.distill.records import Record
    from memlora.tenant_data import tenant_dir

    url, handler = server
    when = datetime(2026, 3, 1, tzinfo=timezone.utc)
    recs = [Record(tenant="noor@x.org", id=f"r{i}", text=t, created_at=when, source=f"s{i}")
            for i, t in enumerate(["Rereads Proust every winter.", "Rereads Proust every winter.", "Had a headache this morning."])]
    settings = _settings(url, grouping="tfidf")
    [item] = [it for it in build_profiles(recs, settings, cache_dir=tmp_path)["noor@x.org"].items]
    assert (item.kind, item.slot, item.value) == ("fact", "favourite writer", "Proust")
    assert item.probe and item.probe["expect"] == ["Proust"]
    cache = tenant_dir(tmp_path, "noor@x.org") / "extractor.json"
    assert "Proust" in cache.read_text()
    asked = len(handler.calls)
    build_profiles(recs, settings, cache_dir=tmp_path)
    assert len(handler.calls) == asked + 1  # only the headache, which the model leaves out, is asked again
    assert [it.value for it in build_profiles(recs, _settings(None, grouping="tfidf"))["noor@x.org"].items] != ["Proust"]
