"""adapters/multitrain: several tenants trained in one forward/backward give each tenant its single-tenant adapter.

Tolerance: the same seeds give the same weights up to float32 rounding. The group runs each tenant's rows in a
longer padded batch and its LoRA product as a gathered bmm, so sums are taken in another order (~1e-7
relative per op); AdamW divides by sqrt(v), which turns that into at most a small fraction of one step's
size on entries whose gradient is near zero. atol 1e-4 is 0.5% of one AdamW step at the tests' learning rate
(2e-2) and ~0.1% of the largest weight (~0.15); the measured maximum is ~4e-5 for SFT. The KL objective's
losses are ~100x smaller (the student starts as the teacher), so rounding weighs more after Adam's
normalisation: measured up to 1.4e-4, checked at 5e-4 (2.5% of a step). A wrong gradient (a row reaching
another tenant's slot, a loss averaged over all tenants' tokens, a shared optimizer state) moves weights by
whole steps, ~2e-2.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from adapters_fixtures import build_tenant_dir
from memlora.settings import Settings

pytestmark = pytest.mark.timeout(600)
ATOL = 1e-4
# every validation step, patience 1, no tolerance (the tiny model's loss sits near 10.5): bob and carol stop early; alice
# has no validation rows, so she runs all steps
TRAIN = {"learning_rate": 2e-2, "max_steps": 6, "batch_size": 4, "warmup_steps": 1, "patience": 1, "eval_every": 1, "val_tolerance": 0.0,
         "progress": False}
SIZES = {"alice@example.com": (12, 0), "bob": (8, 2), "carol": (10, 2)}


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_base_dir):
    """Each tenant trained alone, then all three (and one tenant with unreadable data) in one group."""
    from memlora.adapters.multitrain import TrainJob, train_adapters
    from memlora.adapters.train import train_adapter
    from memlora.runtime.base import load_base

    root = tmp_path_factory.mktemp("multitrain")
    s = Settings(home=root / "home", base_model=str(tiny_base_dir), train=TRAIN)
    base = load_base(s)
    dirs = {t: build_tenant_dir(root / "data", t, n_train=n, n_val=v) for t, (n, v) in SIZES.items()}
    solo = {t: train_adapter(base, d, root / "solo" / t, s) for t, d in dirs.items()}
    jobs = [TrainJob(d, root / "group" / t) for t, d in dirs.items()]
    jobs.insert(1, TrainJob(root / "data" / "nobody", root / "group" / "nobody", tenant="nobody"))
    group = train_adapters(base, jobs, s)
    return {"base": base, "s": s, "solo": solo, "group": group, "root": root}


def _weights(out_dir: Path) -> dict[str, torch.Tensor]:
    return load_file(str(out_dir / "adapter_model.safetensors"))


def test_group_training_gives_each_tenant_its_single_tenant_weights(trained):
    group = [r for r in trained["group"] if not isinstance(r, Exception)]
    assert len(group) == 3
    for (tenant, solo), g in zip(trained["solo"].items(), group):
        assert g.metrics["steps"] == solo.metrics["steps"] and g.metrics["best_step"] == solo.metrics["best_step"], tenant
        assert [c["loss"] for c in g.loss_curve] == pytest.approx([c["loss"] for c in solo.loss_curve], abs=1e-4)
        a, b = _weights(solo.out_dir), _weights(g.out_dir)
        assert a.keys() == b.keys()
        assert any(float(v.abs().max()) > 10 * ATOL for k, v in a.items() if "lora_B" in k), "B never left zero: nothing trained"
        for k in a:
            torch.testing.assert_close(b[k], a[k], atol=ATOL, rtol=0, msg=lambda m, k=k, t=tenant: f"{t} {k}: {m}")


def test_tenants_that_stop_early_leave_the_others_unchanged(trained):
    """bob and carol stop before the last step; alice trains on alone afterwards and still equals her solo run."""
    solo = trained["solo"]
    assert solo["bob"].metrics["stopped_early"] and solo["carol"].metrics["stopped_early"]
    assert not solo["alice@example.com"].metrics["stopped_early"]
    assert solo["alice@example.com"].metrics["steps"] > max(solo["bob"].metrics["steps"], solo["carol"].metrics["steps"])
    alice = trained["group"][0]
    assert alice.metrics["steps"] == 6 and alice.metrics["trained_with"]["tenants"] == 3


def test_a_tenant_with_bad_data_fails_alone_with_its_reason(trained):
    err = trained["group"][1]
    assert isinstance(err, Exception) and "nobody" in str(err)
    assert not (trained["root"] / "group" / "nobody").exists()


def test_group_adapters_load_through_the_gates_path_and_match_solo_outputs(trained):
    from peft import PeftModel

    from memlora.adapter_dir import read_manifest, validate_adapter
    from memlora.adapters.train import detach_lora

    base = trained["base"]
    probe = torch.tensor([[1, 9690, 198, 2683, 359, 253, 2, 198, 1, 520, 9531, 198]])
    for solo, g in zip(trained["solo"].values(), [r for r in trained["group"] if not isinstance(r, Exception)]):
        m = validate_adapter(g.out_dir, base.fingerprint, base.model)
        ms = read_manifest(solo.out_dir)
        assert (m.tenant, m.config_hash, m.dataset_hash, m.profile_hash) == (ms.tenant, ms.config_hash, ms.dataset_hash, ms.profile_hash)
        logits = []
        for d in (solo.out_dir, g.out_dir):
            pm = PeftModel.from_pretrained(base.model, str(d), is_trainable=False)
            with torch.no_grad():
                logits.append(pm(probe).logits)
            detach_lora(base, pm)
        torch.testing.assert_close(logits[1], logits[0], atol=1e-3, rtol=0)


@pytest.mark.slow
def test_kl_objective_group_training_equals_single_tenant_training(tmp_path, tiny_base_dir):
    """The KL objective's teacher forward runs with every slot off in the mixed batch; weights still match solo."""
    from memlora.adapters.multitrain import TrainJob, train_adapters
    from memlora.adapters.train import train_adapter
    from memlora.runtime.base import load_base

    s = Settings(home=tmp_path / "home", base_model=str(tiny_base_dir),
                 train={**TRAIN, "objective": "kl", "max_steps": 3, "patience": 0, "eval_every": 0})
    base = load_base(s)
    dirs = [build_tenant_dir(tmp_path / "data", t, n_train=8, n_val=2) for t in ("bob", "carol")]
    solo = [train_adapter(base, d, tmp_path / "solo" / d.name, s) for d in dirs]
    group = train_adapters(base, [TrainJob(d, tmp_path / "group" / d.name) for d in dirs], s)
    for a, b in zip(solo, group):
        assert b.metrics["steps"] == a.metrics["steps"] == 3
        wa, wb = _weights(a.out_dir), _weights(b.out_dir)
        assert any(float(v.abs().max()) > 10 * ATOL for k, v in wa.items() if "lora_B" in k)
        for k in wa:
            torch.testing.assert_close(wb[k], wa[k], atol=5 * ATOL, rtol=0)
