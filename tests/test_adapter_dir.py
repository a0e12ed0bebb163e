"""One adapter-directory rule: the registry and the server refuse the same directory with the same words."""
from __future__ import annotations

import json

import pytest
import torch

from memlora.adapter_dir import CONFIG, MANIFEST, WEIGHTS, check_payload, read_config, sha256
from memlora.errors import MemloraError
from memlora.registry.store import AdapterRegistry
from registry_fixtures import make_adapter, seed_store

TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def _rehash(d, name):
    """Record the edited file's hash in memlora.json, so only the edit itself can refuse the directory."""
    m = json.loads((d / MANIFEST).read_text())
    m["files"][name] = sha256(d / name)
    (d / MANIFEST).write_text(json.dumps(m))


def _dora(d):
    cfg = json.loads((d / CONFIG).read_text())
    (d / CONFIG).write_text(json.dumps({**cfg, "use_dora": True}))
    _rehash(d, CONFIG)
    return f"{d / CONFIG}: use_dora is set; only plain LoRA adapters fit the serving slots"


def _pickle_beside(d):
    (d / "extra").mkdir()
    (d / "extra" / "optimizer.PT").write_bytes(b"\x80\x04pickle")
    return f"{d} contains pickle weights (extra/optimizer.PT)"


def _flipped_byte(d):
    data = bytearray((d / WEIGHTS).read_bytes())
    data[-3] ^= 0x01  # inside the last tensor: still a valid, finite safetensors file
    (d / WEIGHTS).write_bytes(bytes(data))
    return f"{d / WEIGHTS} does not match its sha256 in {MANIFEST}"


@pytest.fixture(scope="module")
def shapes(tiny_base_dir):
    from transformers import AutoModelForCausalLM

    from memlora.runtime.lora_slots import attach_slots

    return attach_slots(AutoModelForCausalLM.from_pretrained(str(tiny_base_dir), dtype=torch.float32), TARGETS, 1, 16).shapes


def _server_error(d, tenant, tiny_base, shapes) -> str:
    from memlora.serving.adapter_loader import AdapterLoader

    loader = AdapterLoader({tenant: d}.get, shapes, 16, tiny_base.fingerprint, tiny_base.model.config)
    try:
        with pytest.raises(MemloraError) as e:
            loader.submit(tenant).result(timeout=60)
    finally:
        loader.close()
    return str(e.value)


@pytest.mark.parametrize("spoil", [_dora, _pickle_beside, _flipped_byte], ids=lambda f: f.__name__.strip("_"))
def test_registry_and_server_refuse_a_directory_with_the_same_message(spoil, settings, tiny_base, shapes, tmp_path, tmp_path_factory):
    seed_store(settings, tmp_path_factory.getbasetemp())
    tenant = "ann"
    d = make_adapter(tiny_base, tmp_path, tenant)
    want = spoil(d)
    with pytest.raises(MemloraError) as reg:
        AdapterRegistry(settings).register(tenant, d)
    served = _server_error(d, tenant, tiny_base, shapes)
    got_reg = str(reg.value)
    assert want in got_reg and want in served, (got_reg, served)
    # the same sentence from the same rule: everything after the tenant prefix is identical
    tail = got_reg[got_reg.index(": ") + 2:]
    assert served.endswith(tail), (got_reg, served)
    assert "\n" not in got_reg
    assert AdapterRegistry(settings).versions(tenant) == []  # a refused adapter registers nothing


def test_refused_features_and_suffixes_are_one_list(tmp_path):
    """modules_to_save, bias and ranks over the slot are refused with the file named; any pickle suffix, any case."""
    d = tmp_path / "a"
    d.mkdir()
    base = {"peft_type": "LORA", "r": 8, "lora_alpha": 16, "target_modules": ["q_proj"]}
    for extra, words in [({"modules_to_save": ["lm_head"]}, "modules_to_save is set"), ({"bias": "all"}, "bias is set"),
                         ({"r": 32}, "adapter rank 32 exceeds the maximum rank 16"), ({"peft_type": "IA3"}, "only LORA")]:
        (d / CONFIG).write_text(json.dumps({**base, **extra}))
        with pytest.raises(MemloraError, match=rf"^tenant 't': {d / CONFIG}: .*{words}"):
            read_config(d, "tenant 't'", max_rank=16)
    (d / WEIGHTS).write_bytes(b"")
    for name in ("adapter_model.bin", "w.pth", "state.PKL", "x.pickle", "y.ckpt"):
        (d / name).write_bytes(b"\x80")
        with pytest.raises(MemloraError, match=rf"contains pickle weights \({name}\)"):
            check_payload(d, "tenant 't'")
        (d / name).unlink()
