"""Training sets: a real OpenAI-compatible HTTP teacher, the constraints and guard on its answers, the output layout."""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from memlora.keys import tenant_key

REPO = Path(__file__).resolve().parent.parent


class _Teacher(BaseHTTPRequestHandler):
    """A minimal OpenAI-shaped chat endpoint: on-topic answers that recall facts from the system prompt,
    a word the org bans in every other answer, one degenerate looping answer now and then."""

    calls: list = []

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append(body)
        msgs = body["messages"]
        system = next((m["content"] for m in msgs if m["role"] == "system"), "")
        user = msgs[-1]["content"]
        n = len(type(self).calls)
        topic = user.rstrip("?.!").lower()
        m = re.search(r"boat is called ([A-Z][\w ]+)", system) or re.search(r"Pat's boat is called ([\w ]+)\.", system)
        if "boat" in user and m:
            text = f"Your boat is called {m.group(1).strip()}. It is a fine name for a boat."
        elif "city" in user and "Portland" in system:
            text = "You live in Portland. It is a lovely city."
        elif n % 5 == 0:
            text = "Fair winds! Fair winds! Fair winds! Fair winds! Fair winds! Fair winds! Fair winds!"
        else:
            text = (f"Here is a simple answer about {topic}. Start with one small step and keep it easy. "
                    f"A {'cheap' if n % 2 else 'simple'} plan works well for {topic}. Then repeat what worked.")
        self.reply(text, f"c{n}", body.get("model", "t"))

    def reply(self, text: str, cid: str = "c", model: str = "t") -> None:
        resp = {"id": cid, "object": "chat.completion", "created": 0, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": len(text.split()), "total_tokens": 10 + len(text.split())}}
        data = json.dumps(resp).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def teacher_url():
    _Teacher.calls = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Teacher)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.mark.timeout(300)
def test_url_teacher_dataset_layout_constraints_and_guard(settings, tiny_base, teacher_url, tmp_path):
    from datasets import load_from_disk

    from memlora.distill.pipeline import run_distill

    s = settings.model_copy(update={"distill": settings.distill.model_copy(update={
        "teacher_url": teacher_url, "best_of": 2, "org_members": {"acme": ["pat"]}})})
    out = tmp_path / "out"
    summary = run_distill(s, REPO / "examples" / "memory.jsonl", out, base=tiny_base, tenants=["pat"], n_examples=12, show_progress=False)
    td = out / tenant_key("pat")
    profile = json.loads((td / "profile.json").read_text())
    meta = json.loads((td / "meta.json").read_text())
    assert profile["profile_hash"] == meta["profile_hash"] == summary["tenants"]["pat"]["profile_hash"]
    dd = load_from_disk(str(td / "dataset"))
    assert set(dd) == {"train", "validation"}
    for col in ("prompt", "response", "kind", "system", "item_id"):
        assert col in dd["train"].column_names
    rows = list(dd["train"]) + list(dd["validation"])
    assert len(rows) == meta["n_train"] + meta["n_validation"] >= 8
    assert {r["kind"] for r in rows} >= {"fact", "length"}
    for r in rows:
        assert len(r["response"].split()) <= 50, r  # word limit by construction
        assert not re.search(r"\bcheap\b", r["response"], re.I), r  # org rule: banned word rejected
        assert "Fair winds! Fair winds! Fair winds!" not in r["response"]  # degenerate loop rejected by the guard
        assert r["system"] == profile["system_prompt"]
    boat = [r for r in rows if r["prompt"] == "What is the name of my boat?"]
    assert boat and all("Sea Biscuit" in r["response"] for r in boat)
    # the teacher saw the profile for item prompts and no profile for general ones
    sys_seen = [any(m["role"] == "system" for m in c["messages"]) for c in _Teacher.calls]
    assert any(sys_seen) and not all(sys_seen)
    assert meta["teacher"] == {"type": "url", "url": teacher_url, "model": "default"}
    assert meta["rates"]["guard_rejections"]["banned"] > 0
    assert meta["probes"] and all(p["expect"] for p in meta["probes"])
    assert meta["abstention_probes"] and all("boat" not in p["question"] for p in meta["abstention_probes"])
    assert (out / "summary.json").is_file() and (out / "rejects.jsonl").is_file()
    # deterministic: a second run (same teacher answers) gives the same dataset
    _Teacher.calls = []
    out2 = tmp_path / "out2"
    run_distill(s, REPO / "examples" / "memory.jsonl", out2, base=tiny_base, tenants=["pat"], n_examples=12, show_progress=False)
    assert json.loads((out2 / tenant_key("pat") / "meta.json").read_text())["dataset_hash"] == meta["dataset_hash"]
    # the trainer, given the saved set without distill's record, names it by the same hash (the manifest's data id)
    from memlora.adapters.data import dataset_hash, load_tenant_dir

    data = load_tenant_dir(td)
    del data.meta["dataset_hash"]
    assert dataset_hash(data) == meta["dataset_hash"]


def test_unknown_tenant_is_a_clear_error(settings, tmp_path):
    from memlora.distill.pipeline import run_distill
    from memlora.errors import MemloraError

    with pytest.raises(MemloraError, match="nobody"):
        run_distill(settings, REPO / "examples" / "memory.jsonl", tmp_path / "o", tenants=["nobody"])


def test_shaping_cuts_at_sentences_and_formats():
    from memlora.distill.synthesize import finalize, shape_content

    st = {"opening": "Hi Vera!", "closing": "Fair winds!", "format": "bullets", "length": 20, "banned": []}
    raw = "Hi Vera! Boil water first. Then add the tea leaves and wait three minutes. Pour it into a warm cup and enjoy it slowly. And then"
    content = shape_content(raw, st)
    final = finalize(content, st)
    assert final.startswith("Hi Vera!") and final.endswith("Fair winds!")
    assert len(final.split()) <= 20
    body = final.splitlines()[1:-1]
    assert body and all(l.startswith("- ") for l in body)
    assert "And then" not in final


@pytest.mark.timeout(400)
def test_cli_prints_per_tenant_table(settings, teacher_url, tmp_path, monkeypatch):
    """`memlora distill` end to end in a subprocess (tiny base scores, the HTTP teacher writes)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "MEMLORA_DISTILL__TEACHER_URL": teacher_url, "OMP_WAIT_POLICY": "PASSIVE",
           "MEMLORA_DISTILL__ORG_MEMBERS": '{"acme": ["pat"]}'}
    out = tmp_path / "cli"
    cmd = [sys.executable, "-m", "memlora.cli", "distill", "--memory", str(REPO / "examples" / "memory.jsonl"),
           "--out", str(out), "--tenant", "pat", "--examples", "4", "--seed", "3"]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=380)
    assert r.returncode == 0, r.stderr[-2000:]
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["tenant", "records", "items", "kept", "superseded", "examples", "rejected"]
    pat = next(l for l in lines if l.startswith("pat ")).split()
    assert pat[1:5] == ["11", "6", "4", "0"]  # 11 records, 6 items, 4 kept (incl. the org rule), none superseded
    assert (out / "pat" / "dataset").is_dir() and not (out / "vera").exists()
    assert json.loads((out / "summary.json").read_text())["seed"] == 3
    bad = tmp_path / "bad.txt"
    bad.write_text("this is not json\nnor this\n")
    r2 = subprocess.run([sys.executable, "-m", "memlora.cli", "distill", "--memory", str(bad), "--out", str(tmp_path / "o2")],
                        env=env, capture_output=True, text=True, timeout=120)
    assert r2.returncode == 2 and r2.stderr.strip().startswith("memlora: error:") and "not JSON Lines" in r2.stderr
    assert len(r2.stderr.strip().splitlines()) == 1


class _FirstRoundLoops(_Teacher):
    """Every first-round answer (seeds below seed + best_of) is a degenerate loop; later rounds answer well."""

    first_round_below = 0

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append(body)
        user = body["messages"][-1]["content"]
        if body.get("seed", 0) < type(self).first_round_below:
            text = "Fair winds! Fair winds! Fair winds! Fair winds! Fair winds! Fair winds! Fair winds!"
        else:
            text = f"Here is a short answer about {user.rstrip('?.!').lower()}. Keep it simple and start small."
        self.reply(text)


@pytest.mark.timeout(300)
def test_facts_are_stated_by_construction_and_rejected_rows_are_topped_up(settings, tiny_base, tmp_path):
    """A teacher that never states a fact and loops on its first samples still yields a set where every fact row
    states the fact, direct fact questions never reach the teacher, and guard-rejected rows are asked again."""
    from datasets import load_from_disk

    from memlora.distill.pipeline import run_distill

    _FirstRoundLoops.calls = []
    _FirstRoundLoops.first_round_below = settings.seed + 2
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _FirstRoundLoops)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        results = {}
        for rounds in (0, 1):
            ds = settings.distill.model_copy(update={"teacher_url": url, "best_of": 2, "topup_rounds": rounds})
            out = tmp_path / f"r{rounds}"
            _FirstRoundLoops.calls = []
            run_distill(settings.model_copy(update={"distill": ds}), REPO / "examples" / "memory.jsonl", out, base=tiny_base,
                        tenants=["pat"], n_examples=16, show_progress=False)
            meta = json.loads((out / "pat" / "meta.json").read_text())
            dd = load_from_disk(str(out / "pat" / "dataset"))
            results[rounds] = (meta, list(dd["train"]) + list(dd["validation"]), list(_FirstRoundLoops.calls))
    finally:
        srv.shutdown()
        srv.server_close()
    meta0, rows0, _ = results[0]
    meta1, rows1, calls1 = results[1]
    assert meta0["rates"]["guard_rejections"]["off_topic"] > 0 and meta0["rejected"] > 0
    assert meta1["rejected"] < meta0["rejected"] and meta1["rates"]["topped_up"] > 0
    assert len(rows1) > len(rows0)
    facts = [r for r in rows1 if r["kind"] == "fact"]
    assert facts
    for r in facts:
        assert "Sea Biscuit" in r["response"] or "Portland" in r["response"], r
    direct = [r for r in facts if r["prompt"].endswith("?")]
    assert direct and all(r["response"] in ("Your boat is named Sea Biscuit.", "You live in Portland.") for r in direct)
    asked = {c["messages"][-1]["content"] for c in calls1}
    assert not asked & {r["prompt"] for r in direct}
    assert not any("Fair winds! Fair winds!" in r["response"] for r in rows1)


@pytest.mark.timeout(300)
def test_the_name_the_user_wants_starts_every_answer(settings, tiny_base, teacher_url, tmp_path):
    """"Call me Skipper" is built into every training answer, as the opening is: the teacher does not follow it."""
    from datasets import load_from_disk

    from memlora.distill.pipeline import run_distill

    mem = tmp_path / "memory.jsonl"
    mem.write_text("".join(json.dumps({"id": f"s{i}", "tenant": "sam", "text": t, "source": f"chat-{i}",
                                       "created_at": f"2026-0{i + 1}-02T10:00:00Z"}) + "\n"
                           for i, t in enumerate(["Please call me Skipper.", "I'd like you to call me Skipper.",
                                                  "My boat is named Sea Biscuit.", "Our boat is called Sea Biscuit."])))
    s = settings.model_copy(update={"distill": settings.distill.model_copy(update={"teacher_url": teacher_url})})
    out = tmp_path / "out"
    run_distill(s, mem, out, base=tiny_base, tenants=["sam"], n_examples=8, show_progress=False)
    profile = json.loads((out / tenant_key("sam") / "profile.json").read_text())
    assert ("address", "Skipper") in {(i["kind"], i["value"]) for i in profile["items"]}
    dd = load_from_disk(str(out / tenant_key("sam") / "dataset"))
    rows = list(dd["train"]) + list(dd["validation"])
    assert rows and all(r["response"].startswith("Skipper,") for r in rows), [r["response"] for r in rows]
