"""The gate for a group of tenants: every adapter's generations in shared batches, one LoRA slot per tenant.

Why: one tenant's gate asks a few dozen short prompts per column, so its decode batches are small and the
base's GEMMs run far below what the hardware does at more rows; the gate is the largest stage per tenant
after training. Here the k tenants of a group (the tenants `train.multi_tenant` trains together) are gated
in three passes:

1. per tenant, with its adapter attached by PEFT (as alone): the KL gap and retention (forward passes, not
   generation), the adapter's LoRA tensors read for its slot, and a dry run of the checks with empty answers
   that records every prompt they will ask (`evaluate.gate_checks` picks prompts before reading answers);
2. one generation over every tenant's rows: adapter rows decode with their tenant's slot
   (`memlora.runtime.lora_slots` layers on the base, decoded by the lean decoder's per-row slot path),
   profile and base rows with slot 0; base rows for template prompts stay with the shared base-answer cache;
3. per tenant, the same checks replayed on those answers, then the verdict and residual.json as alone
   (`evaluate.gate_report`).

With greedy decoding each report equals the tenant's report gated alone, up to float rounding of the LoRA
product (merged weights alone, a gathered `bmm` here) and of KL/perplexity. A tenant whose inputs or
adapter fail gets its error in its place; the others go on (the nightly then gates that tenant alone).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from memlora.distill.prompts import is_generic
from memlora.errors import MemloraError
from memlora.runtime.base_cache import BaseCache, base_answers_for
from memlora.runtime.decoder import supported
from memlora.runtime.generate import generate as decode
from memlora.runtime.lora_slots import attach_slots
from memlora.runtime.request import GenRequest
from memlora.runtime.tokens import chat_ids
from memlora.settings import Settings

from .evaluate import (COLUMNS, EvalReport, GateCase, adapter_attached, answer_budget, gate_case, gate_checks, gate_report, generate,
                       kl_gap, retention)

_PEFT_PREFIX = "base_model.model."
Key = tuple[int, "str | None", str]  # (slot, system, prompt): slot 0 is the base


@dataclass
class GateJob:
    """One tenant's gate: its adapter, its distill directory, the other tenants' dirs for isolation."""

    adapter_dir: Path
    tenant_dir: Path
    others: list[Path] | None = None


@dataclass
class _Tenant:
    index: int
    case: GateCase
    kl: dict
    ret: dict
    lora: dict  # module name -> (A, B, scaling), as PEFT holds them
    three: list[str]  # prompts asked in the three columns
    plain: list[str]  # isolation questions (base and adapter, no profile)
    cache: BaseCache | None  # its own, so its report counts its own look-ups as alone
    slot: int = 0


def evaluate_group(base, jobs: list[GateJob], settings: Settings) -> list[EvalReport | Exception]:
    """Every job's EvalReport, or the error that failed that job alone. A base without the per-row slot decoder
    (a GPU, another architecture) or an error of the shared generation (e.g. out of memory) is raised: the
    caller gates each tenant alone then."""
    if not supported(base.model):
        raise MemloraError("the group gate needs the lean decoder (a CPU float32 or bfloat16 Llama-family base); gate alone")
    results: list[EvalReport | Exception | None] = [None] * len(jobs)
    tenants = []
    for i, job in enumerate(jobs):
        try:
            tenants.append(_prepare(base, i, job, settings))
        except Exception as e:  # one tenant's bad adapter or data fails that tenant, not the group
            results[i] = e
    if tenants:
        pool = _shared_answers(base, tenants, settings)
        for t in tenants:
            try:
                results[t.index] = _report(base, t, pool, settings)
            except Exception as e:  # its checks or residual write: that tenant only
                results[t.index] = e
    return results  # type: ignore[return-value]


def _prepare(base, index: int, job: GateJob, settings: Settings) -> _Tenant:
    """Pass one for one tenant: inputs checked, KL and retention measured, LoRA read, prompts recorded."""
    case = gate_case(base, job.adapter_dir, job.tenant_dir, settings, job.others)
    three: list[str] = []
    plain: list[str] = []

    def ask(prompts: list[str]) -> dict[str, list[str]]:
        three.extend(prompts)
        return {c: [""] * len(prompts) for c in COLUMNS}

    def record_plain(questions: list[str]) -> tuple[list[str], list[str]]:
        plain.extend(questions)
        return [""] * len(questions), [""] * len(questions)

    cache = BaseCache.open(settings, base)
    with adapter_attached(base, case.adapter_dir) as pm:
        if not supported(pm):
            raise MemloraError(f"{case.adapter_dir}: this base or adapter has no per-row slot decoder; gate it alone")
        kl = kl_gap(pm, base, case.data, settings)
        ret = retention(pm, base, settings, cache)
        lora = _lora_tensors(pm)
    gate_checks(case, settings.gate, ask, record_plain)
    return _Tenant(index, case, kl, ret, lora, list(dict.fromkeys(three)), list(dict.fromkeys(plain)), cache)


def _lora_tensors(pm) -> dict:
    """The attached adapter's A, B and scaling per base-model module name (copies: PEFT is detached next)."""
    out = {}
    for name, mod in pm.named_modules():
        lora_a = getattr(mod, "lora_A", None)
        if hasattr(lora_a, "keys") and "default" in lora_a.keys():
            out[name.removeprefix(_PEFT_PREFIX)] = (lora_a["default"].weight.detach().clone(),
                                                    mod.lora_B["default"].weight.detach().clone(),
                                                    float(mod.scaling["default"]))
    return out


@contextlib.contextmanager
def tenant_slots(base, loras: list[dict]):
    """Slot k (1-based) of `base.model`'s slot layers holds the k-th adapter's LoRA; removed afterwards."""
    rank = max(a.shape[0] for lora in loras for a, _, _ in lora.values())
    targets = sorted({name.rpartition(".")[2] for lora in loras for name in lora})
    layers = attach_slots(base.model, targets, len(loras), rank)
    try:
        for k, lora in enumerate(loras, 1):
            layers.write(k, lora)
        yield layers
    finally:
        layers.detach()


def _requests(tenants: list[_Tenant], cache: BaseCache | None) -> dict[Key, None]:
    """Every (slot, system, prompt) the group's checks will read, in a stable order. Base rows for template
    prompts are left to the base-answer cache when it is on (its hits cost nothing, its misses fill it)."""
    keys: dict[Key, None] = {}
    for t in tenants:
        for p in t.three + t.plain:
            keys[(t.slot, None, p)] = None
        for p in t.three:
            keys[(0, t.case.system, p)] = None
            if cache is None or not is_generic(p):
                keys[(0, None, p)] = None
        for p in t.plain:
            keys[(0, None, p)] = None
    return keys


def _shared_answers(base, tenants: list[_Tenant], settings: Settings) -> dict[Key, str]:
    """Pass two: one greedy generation over every tenant's rows, each on its own slot (0 = the base)."""
    for k, t in enumerate(tenants, 1):
        t.slot = k
    keys = list(_requests(tenants, BaseCache.open(settings, base)))
    if not keys:
        return {}
    tok, n_new = base.tokenizer, answer_budget(settings)
    reqs = [GenRequest(chat_ids(tok, p, system), max_new_tokens=n_new) for _, system, p in keys]
    with tenant_slots(base, [t.lora for t in tenants]):
        outs = decode(base.model, tok, reqs, batch_size=len(reqs), slots=[slot for slot, _, _ in keys])
    return {key: tok.decode(o, skip_special_tokens=True).strip() for key, o in zip(keys, outs)}


def _report(base, t: _Tenant, pool: dict[Key, str], settings: Settings) -> EvalReport:
    """Pass three: the tenant's checks on the shared answers, the base column through the cache as alone."""
    tok, n_new = base.tokenizer, answer_budget(settings)
    cache, system, slot = t.cache, t.case.system, t.slot

    def base_only(ps: list[str]) -> list[str]:
        missing = [p for p in ps if (0, None, p) not in pool]
        if missing:
            pool.update(((0, None, p), a) for p, a in zip(missing, generate(base.model, tok, missing, [None] * len(missing), n_new)))
        return [pool[(0, None, p)] for p in ps]

    def ask(prompts: list[str]) -> dict[str, list[str]]:
        gen = {"max_new_tokens": n_new, "greedy": True, "repetition_penalty": 1.0}
        b = base_answers_for(cache, prompts, gen, base_only, is_generic)
        return {"base": [b[p] for p in prompts], "profile": [pool[(0, system, p)] for p in prompts],
                "adapter": [pool[(slot, None, p)] for p in prompts]}

    def plain(questions: list[str]) -> tuple[list[str], list[str]]:
        return [pool[(0, None, q)] for q in questions], [pool[(slot, None, q)] for q in questions]

    return gate_report(t.case, settings, t.kl, t.ret, ask, plain, cache)
