"""The continuous-batching engine: mixed tenants in one batch equal PEFT per tenant, join/leave, admin, failures."""
from __future__ import annotations

import shutil
import time

import pytest
from engine_fixtures import make_engine, run  # noqa: F401 - make_engine is a fixture
import torch

from memlora.errors import MemloraError
from serving_fixtures import write_peft_adapter

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def fresh(tiny_base_dir):
    from transformers import AutoModelForCausalLM

    return lambda: AutoModelForCausalLM.from_pretrained(str(tiny_base_dir), dtype=torch.float32).eval()


@pytest.fixture(scope="module")
def adapters(fresh, tiny_base, tmp_path_factory):
    root = tmp_path_factory.mktemp("eng_adapters")
    m = fresh()
    fp = tiny_base.fingerprint
    return {
        "alice": write_peft_adapter(m, root / "alice", seed=11, r=16, alpha=32, base_fingerprint=fp, tenant="alice", std=0.1),
        "bob": write_peft_adapter(m, root / "bob", seed=12, r=8, alpha=16, base_fingerprint=fp, tenant="bob", std=0.1),
        "carol": write_peft_adapter(m, root / "carol", seed=13, r=4, alpha=8, targets=["q_proj", "v_proj", "down_proj"], base_fingerprint=fp, tenant="carol", std=0.1),
    }


def _ids(tok, text):
    return tok.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True, tokenize=True, return_dict=False)


def _peft_check(fresh, path, prompt, tokens):
    """Each engine token must be PEFT's argmax given the same prefix, or a near-tie (top-2 within 1e-3)."""
    from peft import PeftModel

    m = fresh() if path is None else PeftModel.from_pretrained(fresh(), str(path)).eval()
    ids = torch.tensor([prompt + tokens])
    with torch.no_grad():
        logits = m(input_ids=ids).logits[0, len(prompt) - 1 : -1]
    for i, t in enumerate(tokens):
        top2 = logits[i].topk(2)
        if top2.indices[0].item() != t:
            assert (top2.values[0] - top2.values[1]).item() < 1e-3, f"token {i}: engine {t}, PEFT {top2.indices[0].item()}"
            return


def test_mixed_tenants_join_and_leave_match_peft(make_engine, adapters, fresh, tiny_base):
    """Different tenants (and the base) in one running batch, joining at different steps and finishing at different lengths."""
    from memlora.serving.engine import GenRequest

    eng = make_engine(dict(adapters))
    tok = tiny_base.tokenizer
    plan = [
        ("r0", "alice", "Plan a dinner for a vegan friend please", 12),
        ("r1", "bob", "hi", 5),
        ("r2", None, "What is the name of my boat?", 9),
        ("r3", "carol", "Write three bullet points about tea and coffee", 14),
    ]
    late = [("r4", "bob", "A late request joining a running batch", 7), ("r5", "alice", "short", 3)]
    for rid, t, text, n in plan:
        eng.add(GenRequest(id=rid, tenant=t, input_ids=_ids(tok, text), max_new_tokens=n))
    out: dict[str, list] = {}
    steps = 0
    while eng.has_work() or late:
        for o in eng.step():
            out.setdefault(o.id, []).append(o)
        steps += 1
        if steps == 4 and late:  # joins while r0..r3 are mid-generation
            for rid, t, text, n in late:
                eng.add(GenRequest(id=rid, tenant=t, input_ids=_ids(tok, text), max_new_tokens=n))
            late = []
        assert steps < 500
    for rid, t, text, n in plan + [("r4", "bob", "A late request joining a running batch", 7), ("r5", "alice", "short", 3)]:
        outs = out[rid]
        assert outs[-1].finished and outs[-1].finish_reason in ("length", "stop"), outs[-1]
        toks = [o.token_id for o in outs]
        assert all(not o.finished for o in outs[:-1])
        if outs[-1].finish_reason == "length":
            assert len(toks) == n
        _peft_check(fresh, adapters.get(t), _ids(tok, text), toks)
    # adapters really differ: the same prompt gives different continuations per tenant
    s = eng.stats()
    assert s["disk_loads"] == 3 and s["running"] == 0 and s["slots_pinned"] == 0


def test_tenants_get_their_own_adapter(make_engine, adapters, tiny_base):
    from memlora.serving.engine import GenRequest

    eng = make_engine(dict(adapters))
    ids = _ids(tiny_base.tokenizer, "Tell me something")
    for t in ("alice", "bob", "carol", None):
        eng.add(GenRequest(id=f"q-{t}", tenant=t, input_ids=ids, max_new_tokens=6))
    out = run(eng)
    seqs = {rid: tuple(o.token_id for o in v) for rid, v in out.items()}
    assert len(set(seqs.values())) == 4, seqs


def test_missing_adapter_policy_and_bad_requests(make_engine, adapters, tiny_base):
    from memlora.serving.engine import GenRequest

    ids = _ids(tiny_base.tokenizer, "hello")
    eng = make_engine(dict(adapters), missing_adapter="base")
    eng.add(GenRequest(id="a", tenant="nobody", input_ids=ids, max_new_tokens=3))
    eng.add(GenRequest(id="b", tenant=None, input_ids=ids, max_new_tokens=3))
    out = run(eng)
    assert [o.token_id for o in out["a"]] == [o.token_id for o in out["b"]]
    assert all(o.base_fallback for o in out["a"]) and not any(o.base_fallback for o in out["b"])

    eng404 = make_engine(dict(adapters), missing_adapter="404")
    eng404.add(GenRequest(id="a", tenant="nobody", input_ids=ids, max_new_tokens=3))
    eng404.add(GenRequest(id="c", tenant="alice", input_ids=ids, max_new_tokens=3))
    out = run(eng404)
    assert len(out["a"]) == 1 and out["a"][0].finish_reason == "error" and out["a"][0].code == "no_adapter"
    assert "nobody" in out["a"][0].error
    assert len(out["c"]) == 3 and out["c"][-1].finish_reason == "length"

    for bad, match in [
        (dict(input_ids=[]), "empty prompt"),
        (dict(input_ids=[10**9]), "token ids"),
        (dict(max_new_tokens=0), "max_new_tokens"),
        (dict(temperature=-1.0), "temperature"),
        (dict(top_p=0.0), "top_p"),
    ]:
        kw = dict(id="x", tenant="alice", input_ids=ids) | bad
        with pytest.raises(MemloraError, match=match):
            eng404.add(GenRequest(**kw))
    eng404.add(GenRequest(id="dup", tenant=None, input_ids=ids, max_new_tokens=2))
    with pytest.raises(MemloraError, match="already in use"):
        eng404.add(GenRequest(id="dup", tenant=None, input_ids=ids, max_new_tokens=2))
    run(eng404)


def test_corrupted_adapter_fails_only_that_tenant(make_engine, adapters, tiny_base, tmp_path):
    from memlora.serving.engine import GenRequest

    bad = tmp_path / "mallory"
    shutil.copytree(adapters["bob"], bad)
    (bad / "adapter_model.safetensors").write_bytes(b"\x00" * 100)
    eng = make_engine(dict(adapters, mallory=bad))
    ids = _ids(tiny_base.tokenizer, "hello")
    eng.add(GenRequest(id="ok1", tenant="alice", input_ids=ids, max_new_tokens=5))
    eng.add(GenRequest(id="bad", tenant="mallory", input_ids=ids, max_new_tokens=5))
    eng.add(GenRequest(id="ok2", tenant="bob", input_ids=ids, max_new_tokens=5))
    out = run(eng)
    assert out["bad"][-1].finish_reason == "error" and out["bad"][-1].code == "bad_adapter"
    assert "mallory" in out["bad"][-1].error
    assert len(out["ok1"]) == 5 and len(out["ok2"]) == 5
    assert out["ok1"][-1].finish_reason == "length" == out["ok2"][-1].finish_reason


def test_pinned_slots_make_newcomers_wait_not_evict(make_engine, adapters, tiny_base):
    from memlora.serving.engine import GenRequest

    eng = make_engine(dict(adapters), slots=2)
    ids = _ids(tiny_base.tokenizer, "hello")
    eng.add(GenRequest(id="a", tenant="alice", input_ids=ids, max_new_tokens=30))
    eng.add(GenRequest(id="b", tenant="bob", input_ids=ids, max_new_tokens=30))
    out: dict[str, list] = {}
    while len(out) < 2:
        for o in eng.step():
            out.setdefault(o.id, []).append(o)
    eng.add(GenRequest(id="c", tenant="carol", input_ids=ids, max_new_tokens=3))
    for _ in range(10):  # alice and bob hold both slots: carol waits, the others keep going
        for o in eng.step():
            out.setdefault(o.id, []).append(o)
        time.sleep(0.01)
        assert sorted(eng.stats()["resident"]) == ["alice", "bob"]
    assert "c" not in out and eng.stats()["waiting"] == 1
    eng.cancel("a")
    out.update({k: out.get(k, []) + v for k, v in run(eng).items()})
    assert out["a"][-1].finish_reason == "cancelled"
    assert out["b"][-1].finish_reason == "length" and len(out["b"]) == 30
    assert len(out["c"]) == 3 and "carol" in eng.stats()["resident"]


def test_prefetch_reload_forget(make_engine, adapters, tiny_base, fresh, tmp_path):
    from memlora.serving.engine import GenRequest

    paths = dict(adapters)
    eng = make_engine(paths)
    ids = _ids(tiny_base.tokenizer, "hello there")
    eng.prefetch("alice")
    deadline = time.monotonic() + 30
    while "alice" not in eng.stats()["resident"]:
        assert time.monotonic() < deadline
        eng.step()
        time.sleep(0.005)
    eng.add(GenRequest(id="1", tenant="alice", input_ids=ids, max_new_tokens=4))
    first = [o.token_id for o in run(eng)["1"]]
    assert eng.stats()["slot_hits"] == 1 and eng.stats()["disk_loads"] == 1  # no load on the first request

    # promotion: alice's champion is now another adapter; reload serves the new one
    paths["alice"] = adapters["bob"].parent / "alice_v2"
    if not paths["alice"].exists():
        write_peft_adapter(fresh(), paths["alice"], seed=99, r=8, alpha=16, base_fingerprint=tiny_base.fingerprint, tenant="alice", std=0.1)
    eng.reload("alice")
    eng.add(GenRequest(id="2", tenant="alice", input_ids=ids, max_new_tokens=4))
    second = [o.token_id for o in run(eng)["2"]]
    assert second != first
    _peft_check(fresh, paths["alice"], ids, second)

    # forget: in-flight request cancelled, cached copies dropped, new requests refused even though resolve still works
    eng.add(GenRequest(id="3", tenant="alice", input_ids=ids, max_new_tokens=50))
    got = []
    while not got:
        got = eng.step()
    eng.forget("alice")
    out = run(eng)
    assert out["3"][-1].finish_reason == "cancelled" and out["3"][-1].code == "forgotten"
    s = eng.stats()
    assert "alice" not in s["resident"] and "alice" not in s["host_resident"]
    eng.add(GenRequest(id="4", tenant="alice", input_ids=ids, max_new_tokens=4))
    out = run(eng)
    assert out["4"][-1].code == "forgotten" and out["4"][-1].token_id is None
    eng.reload("alice")
    eng.add(GenRequest(id="5", tenant="alice", input_ids=ids, max_new_tokens=4))
    assert [o.token_id for o in run(eng)["5"]] == second


def test_a_purged_tenant_stays_refused_until_the_engine_reloads_it(make_engine, adapters, tiny_base):
    """The operator's unforget clears the API's mark at once; the slots keep refusing until the engine is told
    to reload (after a registry snapshot confirmed the champion), so nothing unconfirmed is loaded in between."""
    from memlora.serving.availability import Availability
    from memlora.serving.engine import GenRequest

    av = Availability()
    eng = make_engine(dict(adapters), availability=av)
    ids = _ids(tiny_base.tokenizer, "hello there")
    av.forget("alice")
    eng.forget("alice")
    av.unforget("alice")
    eng.add(GenRequest(id="1", tenant="alice", input_ids=ids, max_new_tokens=3))
    out = run(eng)["1"]
    assert out[-1].code == "forgotten" and out[-1].token_id is None and av.purged("alice")
    eng.reload("alice")
    eng.add(GenRequest(id="2", tenant="alice", input_ids=ids, max_new_tokens=3))
    out = run(eng)["2"]
    assert len(out) == 3 and out[-1].finish_reason == "length" and not av.purged("alice")


def test_sampling_is_seeded_and_stop_tokens_end(make_engine, adapters, tiny_base):
    from memlora.serving.engine import GenRequest

    eng = make_engine(dict(adapters))
    ids = _ids(tiny_base.tokenizer, "Tell me a story")
    for rid in ("s1", "s2"):
        eng.add(GenRequest(id=rid, tenant="bob", input_ids=ids, max_new_tokens=12, temperature=1.5, top_p=0.95, seed=7))
    eng.add(GenRequest(id="s3", tenant="bob", input_ids=ids, max_new_tokens=12, temperature=1.5, top_p=0.95, seed=8))
    out = run(eng)
    t1, t2, t3 = ([o.token_id for o in out[k]] for k in ("s1", "s2", "s3"))
    assert t1 == t2 and t1 != t3
    eng.add(GenRequest(id="g", tenant="bob", input_ids=ids, max_new_tokens=12))
    greedy = [o.token_id for o in run(eng)["g"]]
    eng.add(GenRequest(id="st", tenant="bob", input_ids=ids, max_new_tokens=12, stop_token_ids=[greedy[2]]))
    out = run(eng)["st"]
    assert [o.token_id for o in out] == greedy[: greedy.index(greedy[2]) + 1] and out[-1].finish_reason == "stop"


def test_a_bad_request_fails_alone_while_others_decode(make_engine, adapters, tiny_base):
    """A seed past 64 bits (or a sampling failure) fails its own request, never the batch it would join."""
    from memlora.errors import MemloraError
    from memlora.serving.engine import GenRequest

    eng = make_engine(dict(adapters))
    ids = _ids(tiny_base.tokenizer, "Tell me a story")
    eng.add(GenRequest(id="ref", tenant="alice", input_ids=ids, max_new_tokens=16))
    ref = [o.token_id for o in run(eng)["ref"]]
    eng.add(GenRequest(id="v1", tenant="alice", input_ids=ids, max_new_tokens=16))
    eng.add(GenRequest(id="v2", tenant="bob", input_ids=ids, max_new_tokens=16, temperature=1.0, seed=3))
    early = eng.step()
    while not early:  # until the victims are decoding
        early = eng.step()
    with pytest.raises(MemloraError, match="seed"):
        eng.add(GenRequest(id="bad", tenant="bob", input_ids=ids, max_new_tokens=4, temperature=1.0, seed=2**64))
    eng.add(GenRequest(id="nan", tenant="bob", input_ids=ids, max_new_tokens=4, temperature=1.0, top_p=1.0, seed=1))
    eng._inbox[-1][1].req.temperature = float("nan")  # a sampling failure inside the step, for this row only
    out = run(eng)
    for o in reversed(early):
        out[o.id].insert(0, o)
    assert [o.token_id for o in out["v1"]] == ref and out["v1"][-1].finish_reason == "length"
    assert len(out["v2"]) == 16 and out["v2"][-1].finish_reason == "length"
    assert out["nan"][-1].finish_reason == "error" and "bad" not in out
    eng.add(GenRequest(id="tiny_p", tenant="bob", input_ids=ids, max_new_tokens=4, temperature=1.0, top_p=5e-324, seed=1))
    eng.add(GenRequest(id="tiny_t", tenant="bob", input_ids=ids, max_new_tokens=4, temperature=2.2e-313, seed=1))
    eng.add(GenRequest(id="greedy", tenant="bob", input_ids=ids, max_new_tokens=4))
    out = run(eng)  # a top_p that float32 rounds to 0, or a subnormal temperature: still the likeliest token, the greedy one
    for rid in ("tiny_p", "tiny_t"):
        assert [o.token_id for o in out[rid]] == [o.token_id for o in out["greedy"]] and out[rid][-1].finish_reason == "length", rid
