"""adapters/: tokenization masks, training, the manifest and the checks that keep bad adapters out (tiny model)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch

from adapters_fixtures import build_tenant_dir
from memlora.errors import MemloraError
from memlora.runtime.tokens import end_ids
from memlora.settings import Settings

pytestmark = pytest.mark.timeout(600)
ALICE = "alice@example.com"
FAST = {"learning_rate": 1e-2, "epochs": 4, "batch_size": 8, "progress": False, "warmup_steps": 1}


def _settings(home: Path, base_dir: Path, **train) -> Settings:
    return Settings(home=home, base_model=str(base_dir), train={**FAST, **train})


@pytest.fixture(scope="module")
def env(tmp_path_factory, tiny_base_dir):
    """A private tiny base (these tests train on it), two tenants' distill dirs, and one trained SFT adapter."""
    from memlora.runtime.base import load_base
    from memlora.adapters.train import train_adapter

    root = tmp_path_factory.mktemp("adapters")
    s = _settings(root / "home", tiny_base_dir)
    base = load_base(s)
    data = root / "distilled"
    alice = build_tenant_dir(data, ALICE)
    build_tenant_dir(data, "bob")
    probe = torch.tensor([[1, 9690, 198, 2683, 359, 253, 2, 198, 1, 520, 9531, 198]])
    with torch.no_grad():
        before = base.model(probe).logits.clone()
    res = train_adapter(base, alice, root / "adapter", s)
    return {"root": root, "s": s, "base": base, "alice": alice, "data": data, "res": res, "probe": probe, "before": before}


def _logits(model, ids):
    with torch.no_grad():
        return model(ids).logits


# --- tokenization and masking ---------------------------------------------------------------------------------------


def test_only_the_answer_and_its_end_of_turn_token_are_trained(tiny_base):
    from memlora.adapters import data as D

    tok = tiny_base.tokenizer
    end = end_ids(tok, tiny_base.model)
    ids, labels, start, n = D.encode_turn(tok, "What is my boat called?", "Sea Biscuit.", "Secret profile text", end)
    trained = [t for t in labels if t != D.IGNORE]
    assert tok.decode(trained) == "Sea Biscuit.<|im_end|>"
    assert trained[-1] == tok.convert_tokens_to_ids("<|im_end|>")
    assert all(l == D.IGNORE for l in labels[:start])  # system + user + assistant header
    assert "Secret profile text" in tok.decode(ids[:start]) and "What is my boat" in tok.decode(ids[:start])
    # the prefix is tokenized exactly as at generation time
    prefix = D.chat_prefix(tok, "What is my boat called?", "Secret profile text")
    assert ids[:start] == tok(prefix, add_special_tokens=False)["input_ids"]


def test_sft_loss_counts_only_response_tokens(tiny_base):
    """Equals cross-entropy over answer+<|im_end|> only; a loss that included prompt tokens would differ."""
    import torch.nn.functional as F

    from memlora.adapters import data as D
    from memlora.adapters.objectives import sft_loss

    tok = tiny_base.tokenizer
    end = end_ids(tok, tiny_base.model)
    rows = [{"prompt": "Say hello.", "response": "Hello there, friend.", "system": "S"},
            {"prompt": "A much longer question about the colour of the sea at night?", "response": "Dark.", "system": "S"}]
    enc = [D.encode_example(tok, r, 256, end, with_teacher=False) for r in rows]
    batch = D.collate(enc, tok.pad_token_id)
    with torch.no_grad():
        loss, n = sft_loss(tiny_base.model, batch)
        logits = tiny_base.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    shift_logits, shift_labels = logits[:, :-1], batch["labels"][:, 1:]
    ref = F.cross_entropy(shift_logits.reshape(-1, logits.shape[-1]), shift_labels.reshape(-1), ignore_index=D.IGNORE)
    all_real = batch["attention_mask"][:, 1:].bool()
    everything = F.cross_entropy(shift_logits[all_real], batch["input_ids"][:, 1:][all_real])
    assert n == len(tok("Hello there, friend.", add_special_tokens=False)["input_ids"]) + len(tok("Dark.", add_special_tokens=False)["input_ids"]) + 2
    assert torch.allclose(loss, ref, atol=1e-5)
    assert not torch.allclose(loss, everything, atol=1e-3)


def test_length_grouping_cuts_padding():
    from memlora.adapters.data import length_grouped_batches, padding_waste

    lengths = [10 + (i * 37) % 200 for i in range(400)]
    grouped = length_grouped_batches(lengths, 8, seed=0)
    plain = length_grouped_batches(lengths, 8, seed=0, group=False)
    assert sorted(i for b in grouped for i in b) == list(range(400))
    assert padding_waste(lengths, grouped) < 0.1 < padding_waste(lengths, plain)
    assert grouped == length_grouped_batches(lengths, 8, seed=0)


def test_tenant_dir_errors_name_the_file(tmp_path):
    from memlora.adapters.data import load_tenant_dir

    d = build_tenant_dir(tmp_path, "bob")
    (d / "meta.json").write_text("{broken")
    with pytest.raises(MemloraError, match=r"meta.json: invalid JSON at line 1"):
        load_tenant_dir(d)
    (d / "profile.json").unlink()
    with pytest.raises(MemloraError, match=r"profile missing: .*profile.json"):
        load_tenant_dir(d)


# --- training ------------------------------------------------------------------------------------------------------


def test_adapter_trains_saves_reloads_and_changes_outputs(env):
    from peft import PeftModel

    out = env["root"] / "adapter"
    names = sorted(p.name for p in out.iterdir())
    assert {"adapter_config.json", "adapter_model.safetensors", "memlora.json"} <= set(names)
    assert not [n for n in names if n.endswith((".bin", ".pt", ".pth"))]
    curve = env["res"].loss_curve
    assert curve[-1]["loss"] < curve[0]["loss"]
    assert env["res"].metrics["best_val_loss"] < curve[0]["val_loss"] if "val_loss" in curve[0] else True
    assert 0 <= env["res"].metrics["padding_waste"] < 0.2
    base = env["base"]
    pm = PeftModel.from_pretrained(base.model, str(out))
    try:
        with_adapter = _logits(pm, env["probe"])
        with pm.disable_adapter():
            without = _logits(pm, env["probe"])
    finally:
        pm.unload()
    assert torch.allclose(without, env["before"], atol=1e-6)
    assert (with_adapter - without).abs().max() > 1e-3


def test_base_is_clean_after_training(env):
    base = env["base"]
    assert torch.equal(_logits(base.model, env["probe"]), env["before"])
    assert not any("lora" in n for n, _ in base.model.named_modules())
    assert not hasattr(base.model, "peft_config")
    assert not any(p.requires_grad for p in base.model.parameters())
    assert not base.model.training


def test_training_is_deterministic_for_a_seed(env):
    from safetensors.torch import load_file

    from memlora.adapters.train import train_adapter

    s = env["s"].model_copy(update={"train": env["s"].train.model_copy(update={"epochs": 1})})
    a = train_adapter(env["base"], env["alice"], env["root"] / "det1", s)
    b = train_adapter(env["base"], env["alice"], env["root"] / "det2", s)
    ta, tb = load_file(a.out_dir / "adapter_model.safetensors"), load_file(b.out_dir / "adapter_model.safetensors")
    assert ta.keys() == tb.keys() and all(torch.equal(ta[k], tb[k]) for k in ta)
    assert [r["loss"] for r in a.loss_curve] == [r["loss"] for r in b.loss_curve]
    s2 = s.model_copy(update={"seed": 7})
    c = train_adapter(env["base"], env["alice"], env["root"] / "det3", s2)
    tc = load_file(c.out_dir / "adapter_model.safetensors")
    assert any(not torch.equal(ta[k], tc[k]) for k in ta)


def test_sharing_the_batch_prefix_trains_the_same_adapter(env):
    """jobs.share_prefix runs each batch's common chat-template turn once; the adapter must not change beyond float
    rounding, whichever objective."""
    from safetensors.torch import load_file

    from memlora.adapters.train import train_adapter

    for objective in ("sft", "kl"):
        got = []
        for share in (False, True):
            s = env["s"].model_copy(update={"train": env["s"].train.model_copy(update={"epochs": 1, "objective": objective}),
                                            "jobs": env["s"].jobs.model_copy(update={"share_prefix": share})})
            r = train_adapter(env["base"], env["alice"], env["root"] / f"prefix-{objective}-{share}", s)
            got.append((load_file(r.out_dir / "adapter_model.safetensors"), [x["loss"] for x in r.loss_curve]))
        (a, la), (b, lb) = got
        assert a.keys() == b.keys() and all(torch.allclose(a[k], b[k], atol=1e-4, rtol=1e-3) for k in a), objective
        assert la == pytest.approx(lb, rel=1e-3) and any(not torch.equal(a[k], torch.zeros_like(a[k])) for k in a)


def test_early_stopping_on_validation(env):
    from memlora.adapters.train import train_adapter

    # a learning rate this high makes validation loss rise after the first evaluation; by less than the default
    # tolerance on the tiny model's near-uniform loss (~10.5), so the tolerance is 0 here
    s = env["s"].model_copy(update={"train": env["s"].train.model_copy(update={
        "epochs": 30, "learning_rate": 0.5, "eval_every": 1, "patience": 2, "grad_clip": 0.0, "val_tolerance": 0.0})})
    r = train_adapter(env["base"], env["alice"], env["root"] / "early", s)
    assert r.metrics["stopped_early"] and r.metrics["steps"] < 30 * 3
    vals = [c["val_loss"] for c in r.loss_curve if "val_loss" in c]
    assert r.metrics["best_val_loss"] == min(vals)


def test_a_validation_loss_within_tolerance_keeps_the_newer_state(env):
    """A few validation rows make a 3% rise noise: the later state, which memorized more, is kept; a clear rise
    (or any rise at tolerance 0) keeps the older one; without validation rows the newest always wins."""
    from memlora.adapters.train import keeps_newer

    s = env["s"].model_copy(update={"train": env["s"].train.model_copy(update={"val_tolerance": 0.05})})
    strict = env["s"].model_copy(update={"train": env["s"].train.model_copy(update={"val_tolerance": 0.0})})
    assert keeps_newer(0.891, 0.863, True, s) and not keeps_newer(0.95, 0.863, True, s)
    assert not keeps_newer(0.891, 0.863, True, strict) and keeps_newer(0.863, 0.863, True, strict)
    assert keeps_newer(5.0, 0.1, False, s) and keeps_newer(9.0, float("inf"), True, strict)


def test_kl_objective_lowers_kl_to_the_teacher(env):
    from memlora.adapters import data as D
    from memlora.adapters.evaluate import adapter_attached, kl_gap
    from memlora.adapters.train import train_adapter

    s = env["s"].model_copy(update={"train": env["s"].train.model_copy(update={"objective": "kl", "kl_amplify": False, "epochs": 3, "learning_rate": 3e-3})})
    r = train_adapter(env["base"], env["alice"], env["root"] / "kl", s)
    assert r.metrics["objective"] == "kl"
    data = D.load_tenant_dir(env["alice"])
    with adapter_attached(env["base"], r.out_dir) as pm:
        gap = kl_gap(pm, env["base"], data, s)
    assert gap["base"] > 0
    assert gap["adapter"] < gap["base"] * 0.8, gap


# --- manifest and validation -----------------------------------------------------------------------------------------


def test_manifest_written_and_validated_on_load(env):
    from memlora.adapter_dir import read_manifest, validate_adapter
    from memlora.adapters.manifest import training_config_hash
    from memlora.adapter_dir import sha256 as sha256_file

    out, base = env["root"] / "adapter", env["base"]
    m = read_manifest(out)
    profile = json.loads((env["alice"] / "profile.json").read_text())
    meta = json.loads((env["alice"] / "meta.json").read_text())
    assert (m.tenant, m.base_fingerprint, m.profile_hash, m.dataset_hash) == (ALICE, base.fingerprint, profile["profile_hash"], meta["dataset_hash"])
    assert m.config_hash == training_config_hash(env["s"])
    assert m.training["rank"] == 8 and m.training["alpha"] == 16 and "torch" in m.libraries and "peft" in m.libraries
    assert m.files["adapter_model.safetensors"] == sha256_file(out / "adapter_model.safetensors")
    assert m.metrics["loss_curve"] and m.metrics["n_train"] == 24
    assert validate_adapter(out, base.fingerprint, base.model, max_rank=16).tenant == ALICE
    assert validate_adapter(out, base.fingerprint, base.model.config).tenant == ALICE  # config only: meta-device shapes
    cfg = json.loads((out / "adapter_config.json").read_text())
    assert sorted(cfg["target_modules"]) == sorted(env["s"].train.target_modules)


def test_config_hash_follows_training_settings(env):
    from memlora.adapters.manifest import training_config_hash

    s = env["s"]
    assert training_config_hash(s) == training_config_hash(s.model_copy(update={"train": s.train.model_copy(update={"progress": True})}))
    assert training_config_hash(s) != training_config_hash(s.model_copy(update={"train": s.train.model_copy(update={"rank": 4})}))
    # training k tenants together gives each its single-tenant weights: no retraining when k changes
    assert training_config_hash(s) == training_config_hash(s.model_copy(update={"train": s.train.model_copy(update={"multi_tenant": 4})}))


def _copy(env, name) -> Path:
    dst = env["root"] / name
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(env["root"] / "adapter", dst)
    return dst


def test_adapter_for_another_base_is_refused(env):
    from memlora.adapter_dir import validate_adapter

    with pytest.raises(MemloraError, match=r"tenant 'alice@example.com': adapter .* was trained on base \w+, not this base ffffffffffff"):
        validate_adapter(env["root"] / "adapter", "f" * 64, env["base"].model)


def test_corrupt_safetensors_is_refused(env):
    from memlora.adapter_dir import validate_adapter
    from memlora.adapters.manifest import import_adapter

    d = _copy(env, "corrupt")
    w = d / "adapter_model.safetensors"
    raw = bytearray(w.read_bytes())
    raw[100:140] = b"\x00" * 40
    w.write_bytes(bytes(raw))
    with pytest.raises(MemloraError, match=r"adapter_model.safetensors does not match its sha256 in memlora.json"):
        validate_adapter(d, env["base"].fingerprint, env["base"].model)
    (d / "memlora.json").unlink()  # as a foreign adapter: the file itself is unreadable
    w.write_bytes(b"\xff" * 64)
    with pytest.raises(MemloraError, match=r"adapter_model.safetensors is not a readable safetensors file"):
        import_adapter(d, "mallory", env["base"])
    assert not (d / "memlora.json").exists()


def test_pickle_payload_is_refused(env):
    from memlora.adapter_dir import validate_adapter

    d = _copy(env, "pickled")
    torch.save({"x": torch.zeros(1)}, d / "adapter_model.bin")
    with pytest.raises(MemloraError, match=r"contains pickle weights \(adapter_model.bin\)"):
        validate_adapter(d, env["base"].fingerprint, env["base"].model)


def _foreign_adapter(base_model, out: Path, **lora) -> Path:
    """A PEFT LoRA adapter made the ordinary way, outside memlora."""
    import copy

    from peft import LoraConfig, get_peft_model

    cfg = LoraConfig(**{"r": 8, "lora_alpha": 16, "target_modules": ["q_proj", "v_proj"], "task_type": "CAUSAL_LM", **lora})
    pm = get_peft_model(copy.deepcopy(base_model), cfg)
    for n, p in pm.named_parameters():
        if "lora_B" in n:
            torch.nn.init.normal_(p, std=0.02)
    pm.save_pretrained(str(out))
    return out


def test_import_checks_a_foreign_adapter_and_writes_the_manifest(env):
    from memlora.adapter_dir import read_manifest, validate_adapter
    from memlora.adapters.manifest import import_adapter

    base = env["base"]
    d = _foreign_adapter(base.model, env["root"] / "foreign")
    m = import_adapter(d, "carol", base)
    assert read_manifest(d).tenant == "carol" and m.base_fingerprint == base.fingerprint and m.training["lora"]["r"] == 8
    assert validate_adapter(d, base.fingerprint, base.model).tenant == "carol"


def test_import_refuses_wrong_shapes_rank_modules_and_nan(env, tmp_path):
    from transformers import LlamaConfig, LlamaForCausalLM

    from memlora.adapters.manifest import import_adapter

    base = env["base"]
    other_cfg = LlamaConfig(**{**base.model.config.to_dict(), "hidden_size": 32, "intermediate_size": 64})
    other = LlamaForCausalLM(other_cfg)
    d = _foreign_adapter(other, tmp_path / "shape")
    with pytest.raises(MemloraError, match=r"tenant 'carol': .*tensor '.*q_proj.lora_A.weight' has shape \(8, 32\), the base needs \(8, 64\)"):
        import_adapter(d, "carol", base)

    d = _foreign_adapter(base.model, tmp_path / "rank", r=32)
    with pytest.raises(MemloraError, match=r"adapter rank 32 exceeds the maximum rank 16"):
        import_adapter(d, "carol", base, max_rank=16)

    d = _foreign_adapter(base.model, tmp_path / "mods")
    cfg = json.loads((d / "adapter_config.json").read_text())
    cfg["target_modules"] = ["q_proj", "c_attn"]
    (d / "adapter_config.json").write_text(json.dumps(cfg))
    with pytest.raises(MemloraError, match=r"target modules c_attn are not linear layers of this base"):
        import_adapter(d, "carol", base)

    from safetensors.torch import load_file, save_file

    d = _foreign_adapter(base.model, tmp_path / "nan")
    t = load_file(d / "adapter_model.safetensors")
    k = sorted(t)[0]
    t[k][0, 0] = float("nan")
    save_file(t, d / "adapter_model.safetensors")
    with pytest.raises(MemloraError, match=r"contains NaN or infinite values"):
        import_adapter(d, "carol", base)


def test_kl_objective_is_nll_where_the_teacher_was_one_hot(tiny_base):
    """distill's forced opening, closing and end of turn are trained as cross-entropy, the rest as KL."""
    import torch
    import torch.nn.functional as F

    from memlora.adapters import data as D
    from memlora.adapters.objectives import distill_per_token, kl_per_token, targets

    t, s = torch.randn(4, 10), torch.randn(4, 10)
    y, f = torch.tensor([1, 2, 3, 4]), torch.tensor([True, False, True, False])
    per = distill_per_token(t, s, y, f)
    assert torch.allclose(per[[0, 2]], F.cross_entropy(s[[0, 2]], y[[0, 2]], reduction="none"))
    assert torch.allclose(per[[1, 3]], kl_per_token(t[[1, 3]], s[[1, 3]]))

    tok = tiny_base.tokenizer
    row = {"prompt": "Plan a picnic.", "response": "Hi Vera! Bring fruit and bread. Fair winds!", "system": "Greet with Hi Vera!"}
    gen = {"forced_opening": "Hi Vera!", "appended_closing": "Fair winds!"}
    ends = end_ids(tok, tiny_base.model)
    enc, _ = D.encode_split(tok, [row, row], 256, ends, True, gen)
    batch = D.collate(enc, tok.pad_token_id, True)
    assert batch["forced"].numel() == int(batch["sel"].sum())
    trained, forced = targets(batch)[: enc[0].n], batch["forced"][: enc[0].n]  # the first example's tokens
    assert tok.decode(trained[forced], skip_special_tokens=True).replace(" ", "") == "HiVera!Fairwinds!"
    assert int(trained[forced][-1]) in ends  # the end of turn is constructed too
    assert "fruit" in tok.decode(trained[~forced])
    plain, _ = D.encode_split(tok, [row], 256, ends, True, None)
    assert not bool(D.collate(plain, tok.pad_token_id, True)["forced"].any())  # data without a record: plain KL


def test_selected_logits_of_a_padded_batch_equal_each_example_alone(tiny_base):
    """Right padding runs without a padding mask (plain causal attention): the trained logits must not change."""
    from memlora.adapters import data as D
    from memlora.adapters.objectives import selected_logits

    tok, model = tiny_base.tokenizer, tiny_base.model
    ends = end_ids(tok, model)
    rows = [{"prompt": "Hi.", "response": "Hello there, friend of many words and long sentences."},
            {"prompt": "Describe the sea at night in detail please.", "response": "Dark."}]
    enc, _ = D.encode_split(tok, rows, 256, ends, False)
    batch = D.collate(enc, tok.pad_token_id)
    assert int(batch["attention_mask"].sum()) < batch["attention_mask"].numel()  # padding present
    with torch.no_grad():
        got = selected_logits(model, batch["input_ids"], batch["attention_mask"], batch["sel"])
        alone = [selected_logits(model, D.collate([e], tok.pad_token_id)["input_ids"], None, D.collate([e], tok.pad_token_id)["sel"]) for e in enc]
    assert torch.allclose(got, torch.cat(alone), atol=1e-4)


# --- the schedule from data size ------------------------------------------------------------------------------------


def test_schedule_gives_small_sets_the_minimum_steps_and_keeps_the_tuned_defaults():
    from memlora.adapters.schedule import schedule_for
    from memlora.settings import TrainSettings

    t = TrainSettings()
    small = schedule_for(43, t)  # --examples 48: 43 train rows after the validation split
    assert small.total_steps >= t.min_steps and small.batch_size == t.min_batch_size
    assert small.learning_rate == pytest.approx(t.max_lr_scale * t.learning_rate) and t.max_lr_scale > 1 and small.warmup_steps < small.total_steps / 5
    old = -(-43 // t.batch_size) * t.epochs  # the fixed schedule: 18 steps, the one that learned the template only
    assert small.total_steps > 2 * old
    tuned = schedule_for(180, t)  # --examples 200: exactly the tuned defaults
    assert (tuned.batch_size, tuned.epochs, tuned.learning_rate, tuned.warmup_steps, tuned.total_steps) == (8, 3, 5e-4, 5, 69)
    big = schedule_for(360, t)
    assert (big.batch_size, big.epochs, big.learning_rate) == (8, 3, 5e-4)
    assert all(schedule_for(n, t).total_steps >= t.min_steps for n in range(20, 400, 7))


def test_schedule_leaves_explicit_settings_untouched():
    from memlora.adapters.schedule import schedule_for
    from memlora.settings import TrainSettings

    t = TrainSettings(learning_rate=2e-4, epochs=2, batch_size=8, warmup_steps=1)
    s = schedule_for(43, t)
    assert (s.batch_size, s.epochs, s.learning_rate, s.warmup_steps, s.total_steps) == (8, 2, 2e-4, 1, 12)
    assert schedule_for(43, TrainSettings(max_steps=7)).total_steps == 7
    only_lr = schedule_for(43, TrainSettings().model_copy(update={"learning_rate": 3e-4}))
    assert only_lr.learning_rate == 3e-4 and only_lr.batch_size == 8 and only_lr.total_steps >= 40  # more epochs instead
    only_epochs = schedule_for(43, TrainSettings(epochs=4))
    assert (only_epochs.batch_size, only_epochs.epochs, only_epochs.total_steps) == (8, 4, 24)
    assert only_epochs.learning_rate == pytest.approx(1.5 * 5e-4)  # the rate nobody chose still follows the data size


def test_training_follows_the_schedule_and_records_it(env, tiny_base_dir):
    """Settings with no explicit epochs, batch or rate: 24 examples get the minimum steps, and the manifest says
    which batch, epochs and rate were used."""
    from memlora.adapters.train import train_adapter

    s = Settings(home=env["root"] / "home", base_model=str(tiny_base_dir),
                 train={"progress": False, "patience": 0, "min_steps": 14})
    r = train_adapter(env["base"], env["alice"], env["root"] / "sched", s)
    sched = r.metrics["schedule"]
    assert r.metrics["steps"] == sched["total_steps"] >= 14
    assert (sched["batch_size"], sched["epochs"]) == (4, 3)
    manifest = json.loads((env["root"] / "sched" / "memlora.json").read_text())
    assert manifest["training"]["learning_rate"] == sched["learning_rate"] > s.train.learning_rate
    assert env["res"].metrics["schedule"]["learning_rate"] == FAST["learning_rate"]
