"""Slot layers against PEFT's own output, and the three adapter tiers (slots, host LRU, disk)."""
from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
import torch

from memlora.errors import MemloraError
from serving_fixtures import write_peft_adapter

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def fresh(tiny_base_dir):
    """A private copy of the tiny base (the slot layers wrap its linears in place)."""
    from transformers import AutoModelForCausalLM

    def make():
        m = AutoModelForCausalLM.from_pretrained(str(tiny_base_dir), dtype=torch.float32)
        return m.eval()

    return make


@pytest.fixture(scope="module")
def adapters(fresh, tiny_base, tmp_path_factory):
    """Real PEFT adapters: rank 16 (= slot rank), rank 8 and 4 (< slot rank), one on attention only with rank_pattern."""
    root = tmp_path_factory.mktemp("adapters")
    m = fresh()
    fp = tiny_base.fingerprint
    out = {
        "full16": write_peft_adapter(m, root / "full16", seed=1, r=16, alpha=32, base_fingerprint=fp, tenant="full16"),
        "full8": write_peft_adapter(m, root / "full8", seed=2, r=8, alpha=8, base_fingerprint=fp, tenant="full8"),
        "attn4": write_peft_adapter(m, root / "attn4", seed=3, r=4, alpha=16, targets=["q_proj", "v_proj"], base_fingerprint=fp, tenant="attn4"),
    }
    return out


def _peft_logits(fresh, path: Path, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    from peft import PeftModel

    pm = PeftModel.from_pretrained(fresh(), str(path)).eval()
    with torch.no_grad():
        return pm(input_ids=ids, attention_mask=mask).logits


def _shapes_of(layers):
    return layers.shapes


def test_mixed_batch_matches_peft_per_row(fresh, adapters, tiny_base):
    """One forward, a different adapter per row plus a base row, equals PEFT run per adapter (ranks 16, 8, 4 in a rank-16 slot)."""
    from memlora.serving.adapter_loader import read_adapter
    from memlora.serving.lora_slots import attach_slots

    model = fresh()
    layers = attach_slots(model, ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], n_slots=4, rank=16)
    names = ["full16", "full8", "attn4"]
    for slot, name in enumerate(names, 1):
        w = read_adapter(adapters[name], name, layers.shapes, 16, tiny_base.fingerprint)
        layers.write(slot, w.modules)
    tok = tiny_base.tokenizer
    texts = ["The boat is called Sea Biscuit", "Vera is vegan, suggest a dinner", "hi", "Bullet points please, about tea"]
    enc = tok(texts, return_tensors="pt", padding=True)
    assert tok.padding_side in ("left", "right")
    slots = [1, 2, 0, 3]  # full16, full8, base, attn4
    layers.ctx.set_rows(slots, rank=16)
    with torch.no_grad():
        got = model(**enc).logits
    with torch.no_grad():
        base_logits = fresh()(**enc).logits
    for row, slot in enumerate(slots):
        valid = enc["attention_mask"][row].bool()
        want = base_logits[row] if slot == 0 else _peft_logits(fresh, adapters[names[slot - 1]], enc["input_ids"], enc["attention_mask"])[row]
        diff = (got[row][valid] - want[valid]).abs().max().item()
        assert diff < 1e-4, f"row {row} slot {slot}: max logit diff {diff}"
        if slot:
            assert (want[valid] - base_logits[row][valid]).abs().max().item() > 1e-2, "adapter must change the output"
    # uniform fast path (every row one adapter) gives the same numbers as the gathered path
    layers.ctx.set_rows([2, 2, 2, 2], rank=8)
    with torch.no_grad():
        uni = model(**enc).logits
    want = _peft_logits(fresh, adapters["full8"], enc["input_ids"], enc["attention_mask"])
    m = enc["attention_mask"].bool()
    assert (uni[m] - want[m]).abs().max().item() < 1e-4
    layers.detach()
    assert all(type(mod).__name__ != "SlotLoRALinear" for mod in model.modules())


def test_loader_rejects_bad_adapters_with_clear_errors(adapters, fresh, tiny_base, tmp_path):
    import shutil

    from memlora.serving.adapter_loader import read_adapter
    from memlora.serving.lora_slots import attach_slots

    layers = attach_slots(fresh(), ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], 2, 8)
    fp = tiny_base.fingerprint
    with pytest.raises(MemloraError, match=r"rank 16 > slot rank 8"):
        read_adapter(adapters["full16"], "full16", layers.shapes, 8, fp)
    with pytest.raises(MemloraError, match=r"trained on base"):
        read_adapter(adapters["full8"], "full8", layers.shapes, 16, "0" * 64)
    bad = tmp_path / "corrupt"
    shutil.copytree(adapters["full8"], bad)
    data = bytearray((bad / "adapter_model.safetensors").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\xff" * 64
    (bad / "adapter_model.safetensors").write_bytes(bytes(data))
    with pytest.raises(MemloraError, match=r"tenant 'x'.*sha256"):
        read_adapter(bad, "x", layers.shapes, 16, fp)
    pick = tmp_path / "pickle"
    shutil.copytree(adapters["full8"], pick)
    (pick / "adapter_model.safetensors").rename(pick / "adapter_model.bin")
    with pytest.raises(MemloraError, match=r"only safetensors"):
        read_adapter(pick, "x", layers.shapes, 16, fp)
    nan = tmp_path / "nan"
    shutil.copytree(adapters["full8"], nan)
    from safetensors.torch import load_file, save_file

    t = load_file(str(nan / "adapter_model.safetensors"))
    k = next(iter(t))
    t[k][0, 0] = float("nan")
    save_file(t, str(nan / "adapter_model.safetensors"))
    (nan / "memlora.json").unlink()
    with pytest.raises(MemloraError, match=r"non-finite"):
        read_adapter(nan, "x", layers.shapes, 16, fp)
    layers.detach()


def _manager(fresh, adapters, tiny_base, n_slots=2, host_bytes=10**9, slot_rank=16, resolve=None):
    from memlora.serving.adapter_loader import AdapterLoader
    from memlora.serving.lora_slots import attach_slots
    from memlora.serving.slots import SlotManager

    model = fresh()
    layers = attach_slots(model, ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], n_slots, slot_rank)
    paths = dict(adapters)
    loader = AdapterLoader(resolve or paths.get, layers.shapes, slot_rank, tiny_base.fingerprint, torch.float32, model.config)
    return SlotManager(layers, loader, host_bytes), paths


def _acquire_ready(mgr, tenant, timeout=30.0):
    from memlora.serving.slots import READY, WAIT

    deadline = time.monotonic() + timeout
    first = True
    while time.monotonic() < deadline:
        mgr.poll()
        got = mgr.acquire(tenant, first=first)
        first = False
        if got.status != WAIT:
            assert got.status == READY, got
            return got
        time.sleep(0.005)
    raise AssertionError(f"{tenant} never became ready")


def test_lru_eviction_pins_and_tiers(fresh, adapters, tiny_base):
    from memlora.serving.slots import WAIT

    mgr, _ = _manager(fresh, adapters, tiny_base, n_slots=2)
    a = _acquire_ready(mgr, "full16")
    b = _acquire_ready(mgr, "full8")
    assert mgr.stats()["disk_loads"] == 2 and sorted(mgr.stats()["resident"]) == ["full16", "full8"]
    # both slots pinned: a third tenant waits (loaded into host), nothing is evicted under a running request
    deadline = time.monotonic() + 30
    first = True
    while "attn4" not in mgr.host and time.monotonic() < deadline:
        mgr.poll()
        assert mgr.acquire("attn4", first=first).status == WAIT
        first = False
        time.sleep(0.005)
    mgr.poll()
    assert mgr.acquire("attn4", first=False).status == WAIT
    assert sorted(mgr.stats()["resident"]) == ["full16", "full8"] and mgr.stats()["slots_pinned"] == 2
    # release full16 first, then full8: the LRU one (full16) is the one replaced
    mgr.release(a.slot)
    time.sleep(0.01)
    mgr.release(b.slot)
    c = mgr.acquire("attn4", first=False)
    assert sorted(mgr.stats()["resident"]) == ["attn4", "full8"]
    assert c.slot == a.slot and c.rank == 4
    s = mgr.stats()
    assert s["host_hits"] == 0 and s["slot_hits"] == 0
    # full16 comes back from the host tier, no disk read
    mgr.release(c.slot)
    d = _acquire_ready(mgr, "full16")
    s = mgr.stats()
    assert s["host_hits"] == 1 and s["disk_loads"] == 3
    assert _acquire_ready(mgr, "full16").slot == d.slot and mgr.stats()["slot_hits"] == 1
    mgr.loader.close()


def test_host_cache_is_byte_budgeted(fresh, adapters, tiny_base):
    from memlora.serving.adapter_loader import read_adapter
    from memlora.serving.lora_slots import attach_slots
    from memlora.serving.slots import HostCache

    layers = attach_slots(fresh(), ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], 1, 16)
    ws = {n: read_adapter(p, n, layers.shapes, 16, tiny_base.fingerprint) for n, p in adapters.items()}
    assert ws["full16"].nbytes > 1.9 * ws["full8"].nbytes > ws["attn4"].nbytes
    cache = HostCache(ws["full16"].nbytes + ws["attn4"].nbytes)
    cache.put(ws["full8"])
    cache.put(ws["attn4"])
    cache.put(ws["full16"])  # needs the space of full8 (LRU), attn4 still fits
    assert cache.tenants() == ["attn4", "full16"] and cache.bytes <= cache.budget
    cache.get("attn4")
    cache.put(ws["full8"])  # evicts full16 (least recently used), not attn4
    assert cache.tenants() == ["attn4", "full8"]
    tiny = HostCache(ws["attn4"].nbytes - 1)
    tiny.put(ws["attn4"])
    assert len(tiny) == 0 and tiny.bytes == 0


def test_slot_byte_budget_caps_slot_count(fresh, adapters, tiny_base):
    from memlora.serving.adapter_loader import AdapterLoader
    from memlora.serving.lora_slots import attach_slots
    from memlora.serving.slots import SlotManager

    layers = attach_slots(fresh(), ["q_proj", "v_proj"], 8, 16)
    loader = AdapterLoader(dict(adapters).get, layers.shapes, 16, tiny_base.fingerprint)
    mgr = SlotManager(layers, loader, 10**6, slot_bytes=3 * layers.bytes_per_slot + 1)
    assert mgr.stats()["slots_total"] == 3 and mgr.stats()["slot_bytes"] <= 3 * layers.bytes_per_slot + 1
    with pytest.raises(MemloraError, match="slot_bytes"):
        SlotManager(layers, loader, 10**6, slot_bytes=10)
    loader.close()


def test_corrupted_adapter_fails_only_its_tenant(fresh, adapters, tiny_base, tmp_path):
    import shutil

    from memlora.serving.slots import ERROR, WAIT

    bad = tmp_path / "bad"
    shutil.copytree(adapters["full8"], bad)
    (bad / "adapter_model.safetensors").write_bytes(b"not a safetensors file at all")
    paths = dict(adapters, bad=bad)
    mgr, _ = _manager(fresh, adapters, tiny_base, resolve=paths.get)
    assert mgr.acquire("bad").status == WAIT
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        mgr.poll()
        got = mgr.acquire("bad", first=False)
        if got.status != WAIT:
            break
        time.sleep(0.005)
    assert got.status == ERROR and "'bad'" in got.message and "sha256" in got.message
    assert _acquire_ready(mgr, "full8").status == "ready"
    assert mgr.stats()["load_errors"] == 1
    mgr.loader.close()


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def test_load_evict_soak_does_not_grow_memory(fresh, adapters, tiny_base):
    """Thousands of host->slot installs and evictions: no growth in Python-tracked memory."""
    mgr, _ = _manager(fresh, adapters, tiny_base, n_slots=2)
    names = list(adapters)
    for n in names:
        mgr.release(_acquire_ready(mgr, n).slot)

    def cycle(k):
        for i in range(k):
            n = names[i % len(names)]
            got = mgr.acquire(n, first=True)
            assert got.status == "ready"
            mgr.release(got.slot)
            if i % 7 == 0:
                mgr.evict(n)  # forces the next use to come from disk again
                mgr.release(_acquire_ready(mgr, n).slot)

    cycle(300)
    rss0 = _rss()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    cycle(2000)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert after - before < 256 * 1024, f"Python memory grew by {after - before} bytes over 2000 load/evict cycles"
    # tensors live outside tracemalloc: 2000 leaked adapter copies would add > 100 MB of RSS
    assert _rss() - rss0 < 20 * 2**20, f"RSS grew by {(_rss() - rss0) / 2**20:.1f} MiB"
    s = mgr.stats()
    assert s["slots_used"] <= 2 and s["host_entries"] <= 3 and s["slots_pinned"] == 0
    mgr.loader.close()
