"""Train one tenant's LoRA adapter on the shared base model.

Why a plain loop and not HF Trainer: the KL objective needs the same weights
twice per step (adapter off with the profile in the prompt, adapter on without
it), the loss reads logits only at trained positions, and batches are
length-grouped from tokenized examples that carry two views each. Trainer's
compute_loss could be bent to that, but a 60-line loop is easier to read and
check. accelerate places the model and optimizer on the device and runs the
backward pass and gradient clipping; it sets no mixed precision, because on CUDA
the base is already loaded in bf16 (settings.dtype) and PEFT keeps the LoRA
weights in float32. PEFT builds, saves and unloads the LoRA layers.
"""
from __future__ import annotations

import contextlib
import copy
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from memlora.adapter_dir import Manifest, write_manifest
from memlora.errors import MemloraError
from memlora.keys import tenant_key
from memlora.settings import Settings

from . import data as D
from .manifest import training_config_hash
from .objectives import kl_loss, sft_loss


@dataclass
class TrainResult:
    out_dir: Path
    metrics: dict
    loss_curve: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def lora_config(settings: Settings):
    from peft import LoraConfig

    t = settings.train
    return LoraConfig(
        r=t.rank,
        lora_alpha=t.alpha,
        lora_dropout=t.dropout,
        target_modules=list(t.target_modules),
        bias="none",
        task_type="CAUSAL_LM",
    )


@contextlib.contextmanager
def lora_attached(base, settings: Settings):
    """PEFT LoRA layers on `base.model` for the duration; afterwards the base is exactly as before.

    One loaded base trains many tenants, so the LoRA layers are unloaded (not merged) and the
    base's requires_grad flags and eval mode are restored even when training fails.
    """
    import torch
    from peft import get_peft_model, prepare_model_for_kbit_training

    model = base.model
    flags = {n: p.requires_grad for n, p in model.named_parameters()}
    if hasattr(model, "peft_config"):
        raise MemloraError(f"base model {base.path} already carries adapter layers; unload them before training")
    torch.manual_seed(settings.seed)
    if base.quantized_4bit:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)
    peft_model = get_peft_model(model, lora_config(settings))
    try:
        yield peft_model
    finally:
        detach_lora(base, peft_model)
        for n, p in base.model.named_parameters():
            p.requires_grad_(flags.get(n, False))


def detach_lora(base, peft_model) -> None:
    """Remove PEFT's layers and bookkeeping so `base.model` is the plain shared base again."""
    peft_model.unload()
    if hasattr(base.model, "peft_config"):
        del base.model.peft_config
    base.model.eval()


def _batches(encoded: list[D.Encoded], batch_size: int, seed: int, group: bool) -> list[list[int]]:
    return D.length_grouped_batches([len(e.ids) + len(e.t_ids) for e in encoded], batch_size, seed, group)


def _to(batch: dict, device) -> dict:
    return {k: v.to(device) for k, v in batch.items()}


def _loss(peft_model, causal_lm, batch, settings: Settings):
    if settings.train.objective == "kl":
        g = settings.distill.guidance_scale if settings.train.kl_amplify else 1.0
        return kl_loss(peft_model, causal_lm, batch, guidance=g, temperature=settings.train.kl_temperature)
    return sft_loss(causal_lm, batch)


def evaluate_loss(peft_model, causal_lm, encoded, settings: Settings, pad_id: int, device) -> float:
    import torch

    if not encoded:
        return float("nan")
    total, count = 0.0, 0
    teacher = settings.train.objective == "kl"
    with torch.no_grad():
        for b in _batches(encoded, settings.train.batch_size, 0, True):
            batch = _to(D.collate([encoded[i] for i in b], pad_id, teacher), device)
            loss, n = _loss(peft_model, causal_lm, batch, settings)
            total += float(loss) * n
            count += n
    return total / max(count, 1)


def _set_threads(settings: Settings) -> None:
    import torch

    if settings.train.num_threads > 0:
        torch.set_num_threads(settings.train.num_threads)


def train_adapter(base, tenant_dir: Path, out_dir: Path, settings: Settings, tenant: str | None = None) -> TrainResult:
    """Train, keep the best validation state, save a PEFT dir + memlora.json; `base.model` is left clean."""
    import torch
    from accelerate import Accelerator
    from peft import get_peft_model_state_dict, set_peft_model_state_dict
    from tqdm.auto import tqdm

    t0 = time.perf_counter()
    t = settings.train
    data = D.load_tenant_dir(Path(tenant_dir))
    tenant = tenant or data.tenant
    if not tenant:
        raise MemloraError(f"{tenant_dir}: profile.json names no tenant and none was given")
    if data.tenant and tenant != data.tenant:
        raise MemloraError(f"{tenant_dir} holds tenant {data.tenant!r}, not {tenant!r}")
    tok = base.tokenizer
    pad_id = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    end_ids = D.end_token_ids(tok, base.model)
    teacher = t.objective == "kl"
    gen = data.meta.get("generation") or {}
    train_enc, dropped = D.encode_split(tok, data.train, t.max_seq_len, end_ids, teacher, gen)
    val_enc, _ = D.encode_split(tok, data.validation, t.max_seq_len, end_ids, teacher, gen)
    if not train_enc:
        raise MemloraError(f"tenant {tenant!r}: no training example fits max_seq_len={t.max_seq_len} ({tenant_dir})")
    _set_threads(settings)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    steps_per_epoch = math.ceil(len(train_enc) / t.batch_size)
    total_steps = t.max_steps if t.max_steps > 0 else steps_per_epoch * t.epochs
    eval_every = t.eval_every or steps_per_epoch
    curve: list[dict] = []
    real_tokens = padded = trained_tokens = 0
    best = (float("inf"), -1, None)
    bad_evals = 0
    step = 0
    train_seconds = 0.0

    with lora_attached(base, settings) as peft_model:
        causal_lm = peft_model.get_base_model()
        accelerator = Accelerator(cpu=base.device == "cpu")
        params = [p for p in peft_model.parameters() if p.requires_grad]
        try:
            opt = torch.optim.AdamW(params, lr=t.learning_rate, weight_decay=t.weight_decay, fused=True)
        except (RuntimeError, TypeError):
            opt = torch.optim.AdamW(params, lr=t.learning_rate, weight_decay=t.weight_decay, foreach=True)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / max(1, t.warmup_steps)) * max(0.0, 1 - s / max(1, total_steps))
        )
        peft_model, opt = accelerator.prepare(peft_model, opt)
        device = accelerator.device
        bar = tqdm(total=total_steps, desc=f"train {tenant}", disable=not t.progress, leave=False)
        epoch = 0
        stop = False
        while not stop and step < total_steps:
            peft_model.train()
            for b in _batches(train_enc, t.batch_size, settings.seed + epoch, t.group_by_length):
                ex = [train_enc[i] for i in b]
                batch = _to(D.collate(ex, pad_id, teacher), device)
                ts = time.perf_counter()
                loss, n = _loss(peft_model, causal_lm, batch, settings)
                accelerator.backward(loss)
                lv = float(loss.detach())
                if t.grad_clip > 0:
                    accelerator.clip_grad_norm_(params, t.grad_clip)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
                train_seconds += time.perf_counter() - ts
                step += 1
                real_tokens += sum(len(e.ids) for e in ex)
                padded += batch["input_ids"].numel()
                trained_tokens += n
                curve.append({"step": step, "epoch": epoch, "loss": round(lv, 5)})
                bar.update(1)
                bar.set_postfix(loss=f"{lv:.4f}")
                if not math.isfinite(lv):
                    raise MemloraError(f"tenant {tenant!r}: training loss became {lv} at step {step}; lower train.learning_rate")
                if step % eval_every == 0 or step == total_steps:
                    peft_model.eval()
                    v = evaluate_loss(peft_model, causal_lm, val_enc, settings, pad_id, device)
                    peft_model.train()
                    curve[-1]["val_loss"] = round(v, 5)
                    bar.set_postfix(loss=f"{lv:.4f}", val=f"{v:.4f}")
                    if not val_enc or v < best[0] - 1e-4:
                        best = (v, step, copy.deepcopy(get_peft_model_state_dict(peft_model)))
                        bad_evals = 0
                    else:
                        bad_evals += 1
                        if t.patience > 0 and bad_evals >= t.patience:
                            stop = True
                if stop or step >= total_steps:
                    break
            epoch += 1
        bar.close()
        peft_model.eval()
        if best[2] is not None:
            set_peft_model_state_dict(peft_model, best[2])
        unwrapped = accelerator.unwrap_model(peft_model)
        unwrapped.save_pretrained(str(out_dir), safe_serialization=True)
        accelerator.free_memory()

    seconds = time.perf_counter() - t0
    tokens = real_tokens
    metrics = {
        "objective": t.objective,
        "steps": step,
        "epochs": round(step / steps_per_epoch, 3),
        "best_step": best[1],
        "best_val_loss": None if not math.isfinite(best[0]) else round(best[0], 5),
        "final_train_loss": curve[-1]["loss"] if curve else None,
        "stopped_early": step < total_steps,
        "n_train": len(train_enc),
        "n_validation": len(val_enc),
        "n_dropped_too_long": dropped,
        "tokens": tokens,
        "trained_tokens": trained_tokens,
        "padding_waste": round(1 - tokens / padded, 4) if padded else 0.0,
        "tokens_per_second": round(tokens / train_seconds, 1) if train_seconds else None,
        "seconds": round(seconds, 2),
    }
    manifest = Manifest(
        tenant=tenant,
        tenant_key=tenant_key(tenant),
        base_fingerprint=base.fingerprint,
        profile_hash=data.profile.get("profile_hash") or data.meta.get("profile_hash"),
        dataset_hash=D.dataset_hash(data),
        config_hash=training_config_hash(settings),
        training={**settings.train.model_dump(), "seed": settings.seed, "base_path": str(base.path), "device": base.device,
                  "guidance_scale": settings.distill.guidance_scale if teacher and t.kl_amplify else 1.0},
        metrics={**metrics, "loss_curve": curve},
    )
    write_manifest(out_dir, manifest)
    return TrainResult(out_dir=out_dir, metrics=metrics, loss_curve=curve, seconds=seconds)
