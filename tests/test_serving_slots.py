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
    from memlora.runtime.lora_slots import attach_slots

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
    from memlora.runtime.lora_slots import attach_slots

    layers = attach_slots(fresh(), ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], 2, 8)
    fp = tiny_base.fingerprint
    with pytest.raises(MemloraError, match=r"adapter rank 16 exceeds the maximum rank 8"):
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
    from memlora.runtime.lora_slots import attach_slots
    from memlora.serving.slots import SlotManager

    model = fresh()
    layers = attach_slots(model, ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"], n_slots, slot_rank)
    paths = dict(adapters)
    loader = AdapterLoader(resolve or paths.get, layers.shapes, slot_rank, tiny_base.fingerprint, model.config)
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
    from memlora.runtime.lora_slots import attach_slots
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
    from memlora.runtime.lora_slots import attach_slots
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


TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def _poke_nan(weights: Path, key_part: str) -> None:
    """Overwrite the first value of the first tensor whose name contains `key_part` with NaN, in place (same header)."""
    import struct

    raw = weights.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + n])
    key = next(k for k in header if key_part in k)
    lo = header[key]["data_offsets"][0]
    with open(weights, "r+b") as f:
        f.seek(8 + n + lo)
        f.write(struct.pack("<f", float("nan")))


def _bump_mtime(path: Path) -> None:
    import os

    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_reread_of_a_verified_version_skips_hash_and_scan_but_an_edited_file_is_rechecked(adapters, fresh, tiny_base, tmp_path, monkeypatch):
    import hashlib
    import shutil

    import numpy as np

    import memlora.serving.adapter_loader as al
    from memlora import adapter_dir
    from memlora.runtime.lora_slots import attach_slots

    shapes = attach_slots(fresh(), TARGETS, 1, 16).shapes
    src = tmp_path / "v1"
    shutil.copytree(adapters["full8"], src)
    calls = {"sha256": 0, "isfinite": 0, "scan": 0}

    def sha256(data=b""):
        calls["sha256"] += 1
        return hashlib.sha256(data)

    def isfinite(x, *a, **k):
        calls["isfinite"] += 1
        return real_isfinite(x, *a, **k)

    def scan(*a, **k):
        calls["scan"] += 1
        return real_scan(*a, **k)

    real_isfinite, real_scan = np.isfinite, al._scan
    monkeypatch.setattr(adapter_dir, "hashlib", type("H", (), {"sha256": staticmethod(sha256)}))
    monkeypatch.setattr(np, "isfinite", isfinite)
    monkeypatch.setattr(al, "_scan", scan)
    verified: set = set()
    layouts = al.LayoutCache(shapes, 16)
    fp = tiny_base.fingerprint

    w1 = al.read_adapter(src, "t", shapes, 16, fp, verified=verified, layouts=layouts)
    assert calls == {"sha256": 1, "isfinite": calls["isfinite"], "scan": 1} and calls["isfinite"] >= 1
    assert w1.stamp in verified and ("finite",) + w1.stamp in verified and len(layouts) == 1
    before = dict(calls)
    w2 = al.read_adapter(src, "t", shapes, 16, fp, verified=verified, layouts=layouts)
    assert calls == before, "a re-read of a verified version must not hash, scan or parse again"
    assert w2.stamp == w1.stamp and w2.rank == w1.rank == 8 and set(w2.modules) == set(w1.modules)
    for name, (a, b, s) in w1.modules.items():
        a2, b2, s2 = w2.modules[name]
        assert torch.equal(a, a2) and torch.equal(b, b2) and s == s2
        assert a.data_ptr() != a2.data_ptr(), "every read owns its buffer (the host cache keeps it)"

    # a new version with the same header and a matching sha256 in memlora.json, but a NaN: caught by the scan
    _poke_nan(src / "adapter_model.safetensors", "lora_B")
    manifest = json.loads((src / "memlora.json").read_text())
    manifest["files"]["adapter_model.safetensors"] = hashlib.sha256((src / "adapter_model.safetensors").read_bytes()).hexdigest()
    (src / "memlora.json").write_text(json.dumps(manifest))
    _bump_mtime(src / "adapter_model.safetensors")
    before = dict(calls)
    with pytest.raises(MemloraError, match=r"tenant 't'.*lora_B.*has non-finite values"):
        al.read_adapter(src, "t", shapes, 16, fp, verified=verified, layouts=layouts)
    assert calls["sha256"] == before["sha256"] + 1 and calls["isfinite"] > before["isfinite"]
    assert calls["scan"] == before["scan"], "the cached layout is reused (same header), the new version is still scanned"
    # ... and without a manifest (no sha256 to catch anything) the same
    (src / "memlora.json").unlink()
    _bump_mtime(src / "adapter_model.safetensors")
    with pytest.raises(MemloraError, match=r"non-finite"):
        al.read_adapter(src, "t", shapes, 16, fp, verified=verified, layouts=layouts)


def test_cached_layout_never_hides_a_bad_file(adapters, fresh, tiny_base, tmp_path):
    """A truncated file, or a cache made for other slots, gets exactly the errors of an uncached read."""
    import shutil

    from memlora.serving.adapter_loader import LayoutCache, read_adapter
    from memlora.runtime.lora_slots import attach_slots

    shapes = attach_slots(fresh(), TARGETS, 1, 16).shapes
    fp = tiny_base.fingerprint
    src = tmp_path / "a"
    shutil.copytree(adapters["full8"], src)
    (src / "memlora.json").unlink()  # no sha256: the parser itself must notice
    verified: set = set()
    layouts = LayoutCache(shapes, 16)
    read_adapter(src, "t", shapes, 16, fp, verified=verified, layouts=layouts)
    weights = src / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-100])
    with pytest.raises(MemloraError) as plain:
        read_adapter(src, "t", shapes, 16, fp)
    with pytest.raises(MemloraError) as cached:
        read_adapter(src, "t", shapes, 16, fp, verified=verified, layouts=layouts)
    assert str(cached.value) == str(plain.value) and "do not fit its shape" in str(plain.value)
    # a cache checked against another slot rank is not used: the rank check still fires
    with pytest.raises(MemloraError, match=r"adapter rank 16 exceeds the maximum rank 8"):
        read_adapter(adapters["full16"], "t", shapes, 8, fp, layouts=LayoutCache(shapes, 16))


def test_slot_rewrites_leave_no_stale_columns_and_match_peft(adapters, fresh, tiny_base):
    """rank 16 -> rank 8 -> rank 4 (attention only) in one slot: unused columns and modules are zero, outputs equal PEFT."""
    from memlora.serving.adapter_loader import read_adapter
    from memlora.runtime.lora_slots import attach_slots

    model = fresh()
    layers = attach_slots(model, TARGETS, 3, 16)
    fp = tiny_base.fingerprint
    ws = {n: read_adapter(adapters[n], n, layers.shapes, 16, fp) for n in ("full16", "full8", "attn4")}
    for name in ("full16", "full8", "attn4"):
        layers.write(1, ws[name].modules)
        for mod_name, m in layers.layers.items():
            r = ws[name].modules[mod_name][0].shape[0] if mod_name in ws[name].modules else 0
            assert not m.lora_A[1, r:].any() and not m.lora_B[1, :, r:].any(), f"{name}: stale columns in {mod_name}"
            if r:
                assert m.lora_A[1, :r].abs().sum() > 0 and m.lora_B[1, :, :r].abs().sum() > 0
            assert m._dirty[1] == r
    assert not any(m.lora_A[1].any() for n, m in layers.layers.items() if n.rpartition(".")[2] not in ("q_proj", "v_proj"))
    tok = tiny_base.tokenizer
    enc = tok(["The boat is called Sea Biscuit", "hi there"], return_tensors="pt", padding=True)
    m = enc["attention_mask"].bool()
    want = _peft_logits(fresh, adapters["attn4"], enc["input_ids"], enc["attention_mask"])
    for slots, rank in (([1, 1], 4), ([1, 0], 16)):  # uniform path, then the gathered path next to a base row
        layers.ctx.set_rows(slots, rank=rank)
        with torch.no_grad():
            got = model(**enc).logits
        assert (got[0][m[0]] - want[0][m[0]]).abs().max().item() < 1e-4
    layers.detach()


def test_batched_slot_write_equals_per_layer_writes(adapters, fresh, tiny_base):
    """SlotLayers.write (foreach over cached views) == one layer at a time, scales applied, mixed ranks, stale columns zeroed."""
    from memlora.serving.adapter_loader import read_adapter
    from memlora.runtime.lora_slots import attach_slots

    layers = attach_slots(fresh(), TARGETS, 2, 16)
    ref = attach_slots(fresh(), TARGETS, 2, 16)
    w16 = read_adapter(adapters["full16"], "a", layers.shapes, 16, tiny_base.fingerprint)
    w4 = read_adapter(adapters["attn4"], "b", layers.shapes, 16, tiny_base.fingerprint)
    # a hand-made dict: raw tensors with scales other than 1, two ranks, some modules missing
    mixed = {}
    for i, (name, (a, b, _)) in enumerate(w16.modules.items()):
        if i % 3 == 2:
            continue
        r = 16 if i % 2 else 5
        mixed[name] = (a[:r].clone(), b[:, :r].clone(), 0.5 + i)
    for slot, mods in ((1, w16.modules), (1, mixed), (2, w4.modules), (1, w4.modules)):
        layers.write(slot, mods)
        for name, m in ref.layers.items():
            _write_one_layer(m, slot, *(mods[name] if name in mods else (None, None)))
        for name, m in layers.layers.items():
            assert torch.equal(m.lora_A, ref.layers[name].lora_A) and torch.equal(m.lora_B, ref.layers[name].lora_B), name
    layers.detach()
    ref.detach()


def _write_one_layer(m, slot: int, a, b, scale: float = 1.0) -> None:
    """The slot contents the batched writes must produce, one layer at a time: scale * A and B in the first r rank
    columns, zeros where a previous adapter of a higher rank left weights."""
    r = 0 if a is None else a.shape[0]
    m.lora_A[slot].zero_()
    m.lora_B[slot].zero_()
    if r:
        m.lora_A[slot, :r].copy_(a).mul_(scale)
        m.lora_B[slot, :, :r].copy_(b)


def test_install_by_blocks_equals_per_layer_writes_and_survives_a_moved_model(adapters, fresh, tiny_base):
    """install() copies one strided block per module kind; slot contents equal the per-layer write's, and after
    model.to(another dtype) (layers no longer share storage) it falls back to per-layer copies."""
    from memlora.serving.adapter_loader import read_adapter
    from memlora.runtime.lora_slots import attach_slots

    layers = attach_slots(fresh(), TARGETS, 2, 16)
    ref = attach_slots(fresh(), TARGETS, 2, 16)
    assert len(layers.kinds) == len(TARGETS) and all(k.intact() for k in layers.kinds)
    ws = {n: read_adapter(adapters[n], n, layers.shapes, 16, tiny_base.fingerprint) for n in ("full16", "full8", "attn4")}
    runs = ws["full8"].runs(as_numpy=True)
    assert runs is not None and len(runs) == 2 * len(TARGETS), "one block per kind and A/B (the tiny model has 2 layers)"
    assert all(layers._block(names) is not None for _, names, _, _ in runs)
    calls = []
    real_write = layers.write
    layers.write = lambda slot, mods: (calls.append(slot), real_write(slot, mods))
    for slot, name in ((1, "full16"), (1, "full8"), (2, "attn4"), (1, "attn4"), (2, "full16")):
        layers.install(slot, ws[name])
        ref.write(slot, ws[name].modules)
        for mod_name, m in layers.layers.items():
            assert torch.equal(m.lora_A, ref.layers[mod_name].lora_A) and torch.equal(m.lora_B, ref.layers[mod_name].lora_B), (name, mod_name)
            assert m._dirty == ref.layers[mod_name]._dirty
    assert calls == [], "the block path was used"
    layers.model.to(torch.float64)
    assert not any(k.intact() for k in layers.kinds)
    layers.install(1, ws["full8"])
    assert calls == [1], "a moved model takes the per-layer path"
    for mod_name, (a, b, s) in ws["full8"].modules.items():
        m = layers.layers[mod_name]
        assert m.lora_A.dtype == torch.float64
        assert torch.equal(m.lora_A[1, :8], a.double() * s) and torch.equal(m.lora_B[1, :, :8], b.double())
        assert not m.lora_A[1, 8:].any() and not m.lora_B[1, :, 8:].any()
    layers.detach()
    ref.detach()
