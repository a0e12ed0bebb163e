"""Train several tenants' LoRA adapters in one forward/backward per step, each as if trained alone.

Why: one tenant's batch (4-8 rows) leaves the base's GEMMs small; k tenants' batches stacked give them k
times the rows for the same per-call overhead (mLoRA and LoRAFusion report 1.5-2x on GPUs). The rows of
each step are every active tenant's next batch, in the order `train_adapter` would use for that tenant, and
each row's slot (`slot_lora`) selects its tenant's A/B. The loss is the sum over tenants of each tenant's own
mean token loss: rows are independent in the forward, so each tenant's gradient is its single-tenant
gradient. Each tenant keeps its own AdamW, schedule (`schedule_for`, `lr_at`), gradient clipping,
validation and early stopping; a tenant that stops leaves the batch, and its best weights are written by
PEFT in the directory format `train_adapter` writes (the same manifest, metrics and save helpers).

Equality with `train_adapter` holds up to float rounding (the mixed batch runs its LoRA product as a
gathered `bmm` over a longer padded batch) with `train.dropout = 0`, the default: with dropout the masks are
drawn from the shared RNG in a different order, so runs are equally valid but not equal.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from peft import get_peft_model_state_dict
from tqdm.auto import tqdm

from memlora.adapter_dir import write_manifest
from memlora.errors import MemloraError
from memlora.runtime.scoring import selected_logits
from memlora.settings import Settings

from . import data as D
from .objectives import distill_per_token, targets, teacher_logits
from .schedule import Schedule, schedule_for
from .slot_lora import TrainSlots, attach_train_slots
from .train import (TrainResult, _batches, _Examples, _manifest, _metrics, _Run, _save_best, _set_threads, _to, adamw,
                    evaluate_loss, keeps_newer, load_examples, lora_attached, lr_at, training_base)

_PREFIX = "base_model.model."


@dataclass
class TrainJob:
    """One tenant's training: its distill directory, where its adapter goes, and its name (else profile.json's)."""

    tenant_dir: Path
    out_dir: Path
    tenant: str | None = None


@dataclass
class _Tenant:
    index: int  # position in the caller's job list
    job: TrainJob
    ex: _Examples
    sched: Schedule
    slot: int = 0
    run: _Run = field(default_factory=_Run)
    stream: Iterator[list[int]] | None = None
    opt: torch.optim.Optimizer | None = None
    params: list = field(default_factory=list)
    done: bool = False
    error: Exception | None = None


def train_adapters(base, jobs: list[TrainJob], settings: Settings) -> list[TrainResult | Exception]:
    """Train every job's adapter together; per job its TrainResult, or the error that failed that job alone.

    A tenant whose data cannot be loaded, or whose loss stops being finite, fails by itself; the others go on.
    `base.model` is left as it was.
    """
    t0 = time.perf_counter()
    base = training_base(base, settings)
    results: list[TrainResult | Exception | None] = [None] * len(jobs)
    tenants = []
    for i, job in enumerate(jobs):
        try:
            ex = load_examples(base, Path(job.tenant_dir), settings, job.tenant)
        except Exception as e:  # bad data fails its tenant, not the group
            results[i] = e
            continue
        tenants.append(_Tenant(i, job, ex, schedule_for(len(ex.train), settings.train)))
    if tenants:
        _set_threads(settings)
        _train_together(base, tenants, settings)
        _save_all(base, tenants, settings, results, time.perf_counter() - t0)
    return results


def _initial_lora(base, settings: Settings) -> tuple[dict[str, tuple[torch.Tensor, torch.Tensor]], float]:
    """PEFT's initial A/B per module (seeded as `train_adapter` seeds them) and its scaling."""
    with lora_attached(base, settings) as pm:
        sd = get_peft_model_state_dict(pm)
        scaling = next(m.scaling["default"] for m in pm.modules() if isinstance(getattr(m, "scaling", None), dict))
    init: dict[str, list] = {}
    for key, v in sd.items():
        name, _, part = key.removeprefix(_PREFIX).rpartition(".lora_")
        init.setdefault(name, [None, None])[0 if part == "A.weight" else 1] = v.detach().clone()
    return {n: (a, b) for n, (a, b) in init.items()}, float(scaling)


def _peft_state(state: dict[str, tuple[torch.Tensor, torch.Tensor]]) -> dict[str, torch.Tensor]:
    out = {}
    for name, (a, b) in state.items():
        out[f"{_PREFIX}{name}.lora_A.weight"] = a
        out[f"{_PREFIX}{name}.lora_B.weight"] = b
    return out


def _stream(t: _Tenant, settings: Settings) -> Iterator[list[int]]:
    """The tenant's batches epoch after epoch, as `train_loop` draws them (seed + epoch)."""
    while True:
        yield from _batches(t.ex.train, t.sched.batch_size, settings.seed + t.run.epoch, settings.train.group_by_length)
        t.run.epoch += 1


def _train_together(base, tenants: list[_Tenant], settings: Settings) -> None:
    init, scaling = _initial_lora(base, settings)
    model = base.model
    flags = {n: p.requires_grad for n, p in model.named_parameters()}
    model.requires_grad_(False)
    slots = attach_train_slots(model, init, len(tenants), scaling, settings.train.dropout)
    for k, t in enumerate(tenants, 1):
        t.slot, t.params = k, slots.params(k)
        t.opt = adamw(t.params, settings)
        t.stream = _stream(t, settings)
    bar = tqdm(total=max(t.sched.total_steps for t in tenants), desc=f"train {len(tenants)} tenants",
               disable=not settings.train.progress, leave=False)
    try:
        model.train()
        active = tenants
        while active:
            _step(slots, active, settings, base.device)
            for t in active:
                t.opt.zero_grad(set_to_none=True)
            active = [t for t in active if not t.done]
            bar.update(1)
    finally:
        bar.close()
        slots.detach()
        for n, p in model.named_parameters():
            p.requires_grad_(flags.get(n, False))
        model.eval()


def _per_token_loss(slots: TrainSlots, causal_lm, batch: dict, settings: Settings) -> torch.Tensor:
    """The objective's loss at every trained position, in row-major order (what `_loss` averages).

    The student's rows carry different tenants' slots, so they never share leading tokens' work; the teacher's
    rows all run on the base and do."""
    t = settings.train
    if t.objective == "kl":
        g = settings.distill.guidance_scale if t.kl_amplify else 1.0
        teacher = teacher_logits(slots, causal_lm, batch, g, settings.jobs.share_prefix)
        s = selected_logits(causal_lm, batch["input_ids"], batch["attention_mask"], batch["sel"])
        return distill_per_token(teacher, s, targets(batch), batch.get("forced"), t.kl_temperature)
    logits = selected_logits(causal_lm, batch["input_ids"], batch["attention_mask"], batch["sel"])
    return F.cross_entropy(logits, targets(batch), reduction="none")


def _step(slots: TrainSlots, active: list[_Tenant], settings: Settings, device) -> None:
    """One optimizer step for every active tenant, from one forward/backward over all their rows."""
    picked = [[t.ex.train[i] for i in next(t.stream)] for t in active]
    rows = [r for rs in picked for r in rs]
    batch = _to(D.collate(rows, active[0].ex.pad_id, active[0].ex.teacher), device)
    slots.rows([t.slot for t, rs in zip(active, picked) for _ in rs])
    ts = time.perf_counter()
    per = _per_token_loss(slots, slots.model, batch, settings)
    ends = [0] + batch["sel"].sum(1).cumsum(0).tolist()
    segs, first = [], 0
    for rs in picked:
        segs.append((ends[first], ends[first + len(rs)]))
        first += len(rs)
    losses = [per[a:b].mean() for a, b in segs]
    torch.stack(losses).sum().backward()
    values = [float(x.detach()) for x in losses]
    for t, v in zip(active, values):
        if math.isfinite(v):
            _update(t, settings)
    elapsed = time.perf_counter() - ts
    width, real = batch["input_ids"].shape[1], sum(len(e.ids) for e in rows)
    for t, rs, v, (a, b) in zip(active, picked, values, segs):
        _account(t, rs, v, width, elapsed * sum(len(e.ids) for e in rs) / real, b - a)
        _after_step(slots, t, v, settings, device)


def _update(t: _Tenant, settings: Settings) -> None:
    """The tenant's own learning rate, clipping and AdamW step, as in `train_loop`."""
    for group in t.opt.param_groups:
        group["lr"] = lr_at(t.run.step, t.sched, t.sched.total_steps)
    if settings.train.grad_clip > 0:
        torch.nn.utils.clip_grad_norm_(t.params, settings.train.grad_clip)
    t.opt.step()


def _account(t: _Tenant, rows: list, loss: float, width: int, seconds: float, trained: int) -> None:
    """The same running counts `train_loop` keeps; step time is shared by real tokens."""
    run = t.run
    run.step += 1
    run.real_tokens += sum(len(e.ids) for e in rows)
    run.padded += len(rows) * width
    run.trained_tokens += trained
    run.train_seconds += seconds
    run.curve.append({"step": run.step, "epoch": run.epoch, "loss": round(loss, 5)})


def _after_step(slots: TrainSlots, t: _Tenant, loss: float, settings: Settings, device) -> None:
    """A non-finite loss fails the tenant; validation at its eval points may stop it; its last step ends it."""
    run = t.run
    if not math.isfinite(loss):
        t.error = MemloraError(f"tenant {t.ex.tenant!r}: training loss became {loss} at step {run.step}; "
                               "lower train.learning_rate")
        t.done = True
        return
    total = t.sched.total_steps
    stop = False
    if run.step % (settings.train.eval_every or t.sched.steps_per_epoch) == 0 or run.step == total:
        stop = _validate(slots, t, settings, device)
    if stop or run.step >= total:
        t.done = True
        if run.best[2] is None:
            run.best = (run.best[0], run.step, slots.state(t.slot))


def _validate(slots: TrainSlots, t: _Tenant, settings: Settings, device) -> bool:
    """`train._validate` for one slot: the tenant's validation loss alone; True once its patience runs out."""
    model, run = slots.model, t.run
    model.eval()
    slots.rows([t.slot])
    v = evaluate_loss(slots, model, t.ex.val, settings, t.ex.pad_id, device)
    model.train()
    run.curve[-1]["val_loss"] = round(v, 5)
    if keeps_newer(v, run.best[0], bool(t.ex.val), settings):
        run.best = (min(v, run.best[0]), run.step, slots.state(t.slot))
        run.bad_evals = 0
        return False
    run.bad_evals += 1
    return settings.train.patience > 0 and run.bad_evals >= settings.train.patience


def _save_all(base, tenants: list[_Tenant], settings: Settings, results: list, seconds: float) -> None:
    """Each finished tenant's best weights through PEFT's save, with `train_adapter`'s manifest and metrics."""
    busy = sum(t.run.train_seconds for t in tenants) or 1.0
    with lora_attached(base, settings) as pm:
        accelerator = Accelerator(cpu=base.device == "cpu")
        for t in tenants:
            if t.error is not None:
                results[t.index] = t.error
                continue
            try:
                results[t.index] = _save_one(base, pm, accelerator, t, settings, seconds * t.run.train_seconds / busy,
                                             {"tenants": len(tenants), "seconds": round(seconds, 2)})
            except Exception as e:  # one tenant's failed write fails that tenant only
                results[t.index] = e


def _save_one(base, pm, accelerator, t: _Tenant, settings: Settings, seconds: float, group: dict) -> TrainResult:
    run = t.run
    run.best = (run.best[0], run.best[1], _peft_state(run.best[2]))
    out = Path(t.job.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _save_best(accelerator, pm, run, out)
    metrics = {**_metrics(run, t.ex, settings, t.sched, seconds), "trained_with": group}
    write_manifest(out, _manifest(base, t.ex, settings, metrics, run.curve, t.sched))
    return TrainResult(out_dir=out, metrics=metrics, loss_curve=run.curve, seconds=seconds)
