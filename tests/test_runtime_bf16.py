"""A base loaded in bf16 on CPU (`MEMLORA_DTYPE=bfloat16`) runs the whole night: the teacher and the gate decode on
the lean path (not silently on the transformers fallback), its logits are float32 and match the model's own bf16
forward, slot rows decode in one batch, and training keeps the LoRA weights in float32 as PEFT does.

Tolerances: bf16 keeps 8 bits of mantissa, so two correct bf16 forwards that sum in another order differ by a few
bf16 ulps of the hidden state; on the tiny model's logits (|x| < 1) that is below 0.03, where a wrong RoPE, norm
or cache dtype moves them by the logits' own size. Group training equals single-tenant training to ~1% of the
weights' norm (measured 1.0%): bf16 activations round each gradient, and AdamW turns a near-zero gradient whose sign
the rounding flips into a whole step on that entry, so the fp32 test's per-entry tolerance does not apply here.
"""
from __future__ import annotations

import pytest
import torch
from safetensors.torch import load_file

from adapters_fixtures import build_tenant_dir
from memlora.runtime.decoder import LeanLlama, LeanStepper, mergeable, supported
from memlora.runtime.generate import _prefix_groups, generate
from memlora.runtime.request import GenRequest
from memlora.runtime.tokens import chat_ids
from memlora.settings import Settings

QS = ["How do I make pancakes?", "What is the capital of France?", "Name a colour.", "Explain rainbows."]
SYS = "You are a helpful assistant. The user's boat is called Sea Biscuit."


@pytest.fixture(scope="module")
def bf16_base(tiny_base_dir, tmp_path_factory):
    from memlora.runtime.base import load_base

    s = Settings(home=tmp_path_factory.mktemp("bf16home"), base_model=str(tiny_base_dir), dtype="bfloat16")
    return load_base(s)


def _rows(tok) -> list[list[int]]:
    return [chat_ids(tok, q, SYS if i % 2 else None) for i, q in enumerate(QS)]


def test_bf16_base_decodes_on_the_lean_path_with_the_models_logits(bf16_base):
    model, tok = bf16_base.model, bf16_base.tokenizer
    assert next(model.parameters()).dtype == torch.bfloat16
    assert supported(model) and mergeable(model)
    rows = _rows(tok)
    lean = LeanLlama(model)
    st = LeanStepper(lean, rows, _prefix_groups(rows, tok.convert_tokens_to_ids("<|im_end|>")), 4)
    assert st.cache.k[0].dtype == torch.bfloat16  # the KV cache is half the bytes of a float32 one
    got = st.prefill_logits()
    assert got.dtype == torch.float32  # the sampler's softmax and top-p sums never run in bf16
    with torch.no_grad():
        for i, r in enumerate(rows):
            want = model(input_ids=torch.tensor([r])).logits[0, -1].float()
            assert torch.allclose(got[i], want, atol=3e-2), (i, float((got[i] - want).abs().max()))
    reqs = [GenRequest(r, max_new_tokens=6) for r in rows]
    assert len(generate(model, tok, reqs, batch_size=4)) == len(reqs)


def test_bf16_slot_rows_decode_in_one_batch(bf16_base):
    """The group gate's and serving's per-row LoRA slots on a bf16 base: slot 0 rows are the base's answers."""
    from memlora.runtime.lora_slots import attach_slots

    model, tok = bf16_base.model, bf16_base.tokenizer
    reqs = [GenRequest(r, max_new_tokens=6) for r in _rows(tok)]
    plain = generate(model, tok, reqs, batch_size=4)
    layers = attach_slots(model, ["q_proj", "v_proj", "down_proj"], 1, 4)
    try:
        g = torch.Generator().manual_seed(0)
        lora = {n: (torch.randn(4, m.in_features, generator=g), torch.randn(m.out_features, 4, generator=g) * 0.5, 2.0)
                for n, m in layers.layers.items()}
        layers.write(1, lora)
        mixed = generate(model, tok, reqs + reqs, batch_size=8, slots=[0] * len(reqs) + [1] * len(reqs))
    finally:
        layers.detach()
    assert mixed[:len(reqs)] == plain
    assert mixed[len(reqs):] != plain  # slot 1's rows carry its adapter


def test_bf16_peft_adapter_is_not_merged_into_bf16_weights(bf16_base):
    """A LoRA delta merged into bf16 weights is rounded away; a PEFT-wrapped bf16 model decodes on PEFT's path."""
    from peft import LoraConfig, get_peft_model

    from memlora.adapters.evaluate import detach_lora

    model, tok = bf16_base.model, bf16_base.tokenizer
    reqs = [GenRequest(r, max_new_tokens=6) for r in _rows(tok)]
    torch.manual_seed(0)
    pm = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    try:
        assert not mergeable(pm)
        with pm.disable_adapter():
            assert mergeable(pm)
        assert generate(pm, tok, reqs, batch_size=4) == generate(pm, tok, reqs, batch_size=4, lean=False)
    finally:
        detach_lora(bf16_base, pm)
    assert mergeable(model)


@pytest.mark.timeout(300)
def test_bf16_training_keeps_float32_lora_and_matches_group_training(bf16_base, tmp_path):
    from memlora.adapters.multitrain import TrainJob, train_adapters
    from memlora.adapters.train import train_adapter

    s = Settings(home=tmp_path / "home", base_model=str(bf16_base.path), dtype="bfloat16",
                 train={"learning_rate": 2e-2, "max_steps": 4, "batch_size": 4, "warmup_steps": 1, "eval_every": 2,
                        "progress": False})
    d = build_tenant_dir(tmp_path / "data", "bob", n_train=8, n_val=2)
    solo = train_adapter(bf16_base, d, tmp_path / "solo", s)
    group = train_adapters(bf16_base, [TrainJob(d, tmp_path / "g1"), TrainJob(d, tmp_path / "g2")], s)
    assert all(p.dtype == torch.bfloat16 for p in bf16_base.model.parameters())  # the shared base is as it was
    w = load_file(str(tmp_path / "solo" / "adapter_model.safetensors"))
    assert {v.dtype for v in w.values()} == {torch.float32}
    assert solo.metrics["best_val_loss"] < next(c for c in solo.loss_curve if "val_loss" in c)["val_loss"] + 1e-6
    for r in group:
        assert not isinstance(r, Exception), r
        assert [c["loss"] for c in r.loss_curve] == pytest.approx([c["loss"] for c in solo.loss_curve], abs=2e-2)
        gw = load_file(str(r.out_dir / "adapter_model.safetensors"))
        diff = torch.cat([(gw[k] - w[k]).flatten() for k in w])
        norm = torch.cat([w[k].flatten() for k in w])
        assert float(diff.norm() / norm.norm()) < 0.05


@pytest.mark.timeout(300)
def test_training_on_a_bf16_copy_leaves_the_float32_base_and_serves_on_it(tiny_base_dir, tmp_path):
    """`train.compute_dtype = bfloat16`: the adapter trains on a bf16 copy of a float32 base, whose weights the
    teacher, the gate and serving keep using; its LoRA weights are float32 and load on the float32 base."""
    from memlora.adapters.manifest import training_config_hash
    from memlora.adapters.train import train_adapter
    from memlora.runtime.base import load_base

    train = {"learning_rate": 2e-2, "max_steps": 4, "batch_size": 4, "warmup_steps": 1, "eval_every": 2, "progress": False}
    s = Settings(home=tmp_path / "home", base_model=str(tiny_base_dir), train={**train, "compute_dtype": "bfloat16"})
    base = load_base(s)
    before = {k: v.clone() for k, v in base.model.state_dict().items()}
    d = build_tenant_dir(tmp_path / "data", "bob", n_train=8, n_val=2)
    r = train_adapter(base, d, tmp_path / "bf16", s)
    assert base.dtype == torch.float32 and all(torch.equal(before[k], v) for k, v in base.model.state_dict().items())
    assert torch.bfloat16 in base.variants and base.variants[torch.bfloat16].fingerprint == base.fingerprint
    w = load_file(str(tmp_path / "bf16" / "adapter_model.safetensors"))
    assert {v.dtype for v in w.values()} == {torch.float32} and r.metrics["best_val_loss"] < 20
    fp32 = train_adapter(base, d, tmp_path / "fp32", Settings(home=tmp_path / "home", base_model=str(tiny_base_dir), train=train))
    assert r.loss_curve[0]["loss"] == pytest.approx(fp32.loss_curve[0]["loss"], rel=2e-2)  # the same data and weights
    same = Settings(train=train)
    assert training_config_hash(same) != training_config_hash(s)
    assert training_config_hash(same) == training_config_hash(Settings(train={**train, "compute_dtype": "same"}))
