"""Continuous-batching decode engine over one base model with slot-based multi-tenant LoRA.

Why hand-written: `generate()` runs one fixed batch to the end, so a long answer holds
short ones back, and PEFT runs one adapter per batch. Here requests join and leave the
running batch at token boundaries: newcomers are prefilled together (left-padded) and
their KV cache is left-padded to the running cache's length and concatenated; finished
rows are dropped with `index_select`. Every step is one forward for all running rows,
each row using its own adapter slot. The cache is only re-padded when rows join.

Thread model: `add`, `cancel` and the admin calls may come from any thread; they are
queued and applied at the start of the next `step`, which one thread calls.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import torch

from memlora.errors import MemloraError
from memlora.settings import Settings

from .adapter_loader import AdapterLoader
from .availability import Availability
from .codes import Code, Finish, SlotStatus
from .lora_slots import attach_slots
from .slots import SlotManager

log = logging.getLogger(__name__)
SEED_MAX = 2**63 - 1
# Sampling at a temperature this low is argmax (its limit); dividing logits by a subnormal one would overflow to inf.
GREEDY_BELOW = 1e-5
# A slot refusal fails the request with this code unless the loader said why.
_REFUSED = {SlotStatus.NO_ADAPTER: Code.NO_ADAPTER, SlotStatus.FORGOTTEN: Code.FORGOTTEN, SlotStatus.ERROR: Code.BAD_ADAPTER}


@dataclass
class GenRequest:
    id: str
    tenant: str | None  # None = base model, no adapter
    input_ids: list[int]
    max_new_tokens: int = 128
    temperature: float = 0.0
    top_p: float = 1.0
    top_k: int = 0  # 0 = every token
    seed: int | None = None
    frequency_penalty: float = 0.0  # OpenAI's: logit -= f * times generated + p * (generated at all)
    presence_penalty: float = 0.0
    repetition_penalty: float = 1.0  # HF's/vLLM's: over prompt and output, positive logits / r, negative * r
    stop_token_ids: list[int] = field(default_factory=list)


@dataclass
class StepOutput:
    id: str
    token_id: int | None
    finished: bool
    finish_reason: Finish | None = None
    error: str | None = None
    code: Code | None = None
    base_fallback: bool = False


@dataclass
class _Seq:
    req: GenRequest
    stops: frozenset
    max_new: int
    slot: int = 0
    rank: int = 0
    generated: int = 0
    base_fallback: bool = False
    seen: bool = False  # counted in the cache hit/miss statistics already
    gen: torch.Generator | None = None
    counts: dict = field(default_factory=dict)  # token -> times generated (only when a penalty is asked)

    @property
    def penalized(self) -> bool:
        r = self.req
        return bool(r.frequency_penalty or r.presence_penalty or r.repetition_penalty != 1.0)


class Engine:
    def __init__(
        self, base, settings: Settings, resolve: Callable[[str], Path | None], refetch: Callable[[str], Path | None] | None = None,
        availability: Availability | None = None,
    ) -> None:
        self.base = base
        self.model = base.model
        self.settings = settings
        cfg = settings.serving
        self.device = torch.device(base.device)
        self.max_batch = max(1, cfg.max_batch_size)
        self.missing_adapter = cfg.missing_adapter
        self.max_context = int(getattr(self.model.config, "max_position_embeddings", 2048) or 2048)
        self.vocab = int(self.model.config.vocab_size)
        self.layers = attach_slots(self.model, list(settings.train.target_modules), cfg.slots, cfg.slot_rank)
        if not self.layers.layers:
            raise MemloraError(f"none of serving target modules {settings.train.target_modules} is a linear layer of the base model")
        dtype = next(iter(self.layers.layers.values())).lora_A.dtype
        self.loader = AdapterLoader(
            resolve, self.layers.shapes, cfg.slot_rank, base.fingerprint, dtype, self.model.config, refetch=refetch
        )
        self.slots = SlotManager(
            self.layers, self.loader, cfg.host_cache_bytes, cfg.slot_bytes, negative_ttl=cfg.registry_poll_seconds,
            availability=availability,
        )
        self.eos = self._eos_ids()
        self.pad_id = int(base.tokenizer.pad_token_id if base.tokenizer.pad_token_id is not None else min(self.eos or {0}))
        self._lock = threading.Lock()
        self._inbox: deque = deque()
        self._ids: set[str] = set()
        self._waiting: list[_Seq] = []
        self._rows: list[_Seq] = []
        self._cache = None
        self._mask: torch.Tensor | None = None  # [B, L] 1 = real token
        self._last: torch.Tensor | None = None  # [B, 1] last sampled token
        self._pos: torch.Tensor | None = None  # [B] position id of the next token
        self.tokens_generated = 0
        self.steps = 0

    def _eos_ids(self) -> set[int]:
        tok = self.base.tokenizer
        ids = set()
        for v in (tok.eos_token_id, getattr(self.model.generation_config, "eos_token_id", None)):
            if isinstance(v, int):
                ids.add(v)
            elif isinstance(v, (list, tuple)):
                ids.update(int(x) for x in v)
        im_end = tok.convert_tokens_to_ids("<|im_end|>") if "<|im_end|>" in tok.get_vocab() else None
        if isinstance(im_end, int):
            ids.add(im_end)
        return ids

    # ---- thread-safe entry points ------------------------------------------
    def add(self, req: GenRequest) -> None:
        """Validate and build the request's whole state here, in the caller's thread: anything that can fail
        for this request fails now, for it alone, and never inside the batched `step` of every tenant."""
        self._validate(req)
        seq = self._new_seq(req)
        with self._lock:
            if req.id in self._ids:
                raise MemloraError(f"request id {req.id!r} is already in use")
            self._ids.add(req.id)
            self._inbox.append(("add", seq))

    def _new_seq(self, req: GenRequest) -> _Seq:
        stops = frozenset(self.eos) | frozenset(int(t) for t in req.stop_token_ids)
        room = self.max_context - len(req.input_ids)
        gen = None
        if req.temperature >= GREEDY_BELOW:
            gen = torch.Generator(device="cpu")
            try:
                gen.manual_seed(int(req.seed)) if req.seed is not None else gen.seed()
            except (RuntimeError, OverflowError, ValueError) as e:
                raise MemloraError(f"request {req.id!r}: seed {req.seed!r} cannot seed a generator ({e})") from None
        return _Seq(req=req, stops=stops, max_new=min(req.max_new_tokens, room), gen=gen)

    def cancel(self, req_id: str) -> None:
        with self._lock:
            self._inbox.append(("cancel", req_id))

    def prefetch(self, tenant: str) -> None:
        self._admin("prefetch", tenant)

    def reload(self, tenant: str) -> None:
        self._admin("reload", tenant)

    def evict(self, tenant: str) -> None:
        self._admin("evict", tenant)

    def forget(self, tenant: str) -> None:
        self._admin("forget", tenant)

    def _admin(self, op: str, tenant: str) -> None:
        if not isinstance(tenant, str) or not tenant:
            raise MemloraError(f"{op}: tenant must be a non-empty string, got {tenant!r}")
        with self._lock:
            self._inbox.append((op, tenant))

    def has_work(self) -> bool:
        return bool(self._inbox or self._waiting or self._rows or self.slots.busy())

    def stats(self) -> dict:
        out = self.slots.stats()
        out.update(running=len(self._rows), waiting=len(self._waiting), tokens_generated=self.tokens_generated, steps=self.steps,
                   cache_heals=self.loader.cache_heals, **self._kv_stats())
        return out

    def _kv_stats(self) -> dict:
        """The running batch's KV cache: its bytes, and the positions it holds over the most it could hold
        (max_batch_size rows of the model's context): there are no KV blocks to count as in vLLM."""
        cache, mask = self._cache, self._mask
        if cache is None or mask is None:
            return {"kv_cache_bytes": 0, "kv_cache_usage": 0.0}
        nbytes = sum(t.nelement() * t.element_size() for layer in cache.layers for t in (layer.keys, layer.values) if t is not None)
        return {"kv_cache_bytes": int(nbytes), "kv_cache_usage": mask.numel() / (self.max_batch * self.max_context)}

    def close(self) -> None:
        self.loader.close()
        self.layers.detach()

    def _validate(self, req: GenRequest) -> None:
        where = f"request {req.id!r}"
        if not req.input_ids:
            raise MemloraError(f"{where}: empty prompt")
        if any((not isinstance(t, int)) or t < 0 or t >= self.vocab for t in req.input_ids):
            raise MemloraError(f"{where}: input_ids must be token ids in [0, {self.vocab})")
        if len(req.input_ids) >= self.max_context:
            raise MemloraError(f"{where}: prompt has {len(req.input_ids)} tokens, the model's context is {self.max_context}")
        if not isinstance(req.max_new_tokens, int) or req.max_new_tokens < 1:
            raise MemloraError(f"{where}: max_new_tokens must be a positive integer, got {req.max_new_tokens!r}")
        if not (isinstance(req.temperature, (int, float)) and 0 <= req.temperature <= 100):
            raise MemloraError(f"{where}: temperature must be in [0, 100], got {req.temperature!r}")
        if not (isinstance(req.top_p, (int, float)) and 0 < req.top_p <= 1):
            raise MemloraError(f"{where}: top_p must be in (0, 1], got {req.top_p!r}")
        if not (isinstance(req.top_k, int) and not isinstance(req.top_k, bool) and req.top_k >= 0):
            raise MemloraError(f"{where}: top_k must be a non-negative integer (0 = every token), got {req.top_k!r}")
        for name, lo, hi in (("frequency_penalty", -2, 2), ("presence_penalty", -2, 2), ("repetition_penalty", 1e-6, 10)):
            v = getattr(req, name)
            if not (isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= v <= hi):
                raise MemloraError(f"{where}: {name} must be in [{lo}, {hi}], got {v!r}")
        if req.seed is not None and not (isinstance(req.seed, int) and not isinstance(req.seed, bool) and 0 <= req.seed <= SEED_MAX):
            raise MemloraError(f"{where}: seed must be an integer in [0, {SEED_MAX}], got {req.seed!r}")
        if any(not isinstance(t, int) or t < 0 or t >= self.vocab for t in req.stop_token_ids):
            raise MemloraError(f"{where}: stop_token_ids must be token ids in [0, {self.vocab})")
        if req.tenant is not None and (not isinstance(req.tenant, str) or not req.tenant):
            raise MemloraError(f"{where}: tenant must be a non-empty string or None")

    # ---- the decode loop ------------------------------------------------------
    @torch.inference_mode()
    def step(self) -> list[StepOutput]:
        outs: list[StepOutput] = []
        self._drain(outs)
        self.slots.poll()
        newcomers = self._admit(outs)
        pending = self._prefill(newcomers, outs) if newcomers else None
        if self._rows:
            self._decode(outs)
        if pending is not None:
            self._merge(*pending)
        self.steps += 1
        return outs

    def _drain(self, outs: list[StepOutput]) -> None:
        with self._lock:
            items = list(self._inbox)
            self._inbox.clear()
        for op, arg in items:
            try:
                self._apply(op, arg, outs)
            except Exception as e:  # noqa: BLE001 - one queued item failing must not drop the items after it
                log.exception("engine: %s %r failed", op, getattr(arg, "req", arg))
                if op == "add":
                    self._finish(arg, outs, None, Finish.ERROR, f"request rejected: {type(e).__name__}: {str(e)[:200]}", Code.INTERNAL)

    def _apply(self, op: str, arg, outs: list[StepOutput]) -> None:
        if op == "add":
            self._waiting.append(arg)
        elif op == "cancel":
            self._cancel(arg, outs, Finish.CANCELLED, None)
        elif op == "forget":
            self.slots.forget(arg)
            for s in [s for s in self._rows + self._waiting if s.req.tenant == arg and not s.base_fallback]:
                self._cancel(s.req.id, outs, Finish.CANCELLED, f"tenant {arg!r} was forgotten", code=Code.FORGOTTEN)
        else:
            getattr(self.slots, op)(arg)

    def _cancel(self, req_id: str, outs, reason: Finish, error: str | None, code: Code = Code.CANCELLED) -> None:
        for i, s in enumerate(self._waiting):
            if s.req.id == req_id:
                self._waiting.pop(i)
                self._finish(s, outs, None, reason, error, code)
                return
        for i, s in enumerate(self._rows):
            if s.req.id == req_id:
                self._finish(s, outs, None, reason, error, code)
                self._drop_rows([i])
                return

    def _finish(self, s: _Seq, outs, token, reason, error=None, code=None) -> None:
        outs.append(StepOutput(s.req.id, token, True, reason, error, code, s.base_fallback))
        self.slots.release(s.slot)
        s.slot = 0
        with self._lock:
            self._ids.discard(s.req.id)

    def _admit(self, outs: list[StepOutput]) -> list[_Seq]:
        room = self.max_batch - len(self._rows)
        ready: list[_Seq] = []
        still: list[_Seq] = []
        for s in self._waiting:
            if len(ready) >= room:
                still.append(s)
                continue
            if s.req.tenant is None or s.base_fallback:
                ready.append(s)
                continue
            got = self.slots.acquire(s.req.tenant, first=not s.seen)
            s.seen = True
            if got.status == SlotStatus.READY:
                s.slot, s.rank = got.slot, got.rank
                ready.append(s)
            elif got.status == SlotStatus.NO_ADAPTER and self.missing_adapter == "base":
                s.base_fallback = True
                ready.append(s)
            elif got.status in _REFUSED:
                self._finish(s, outs, None, Finish.ERROR, got.message, got.code or _REFUSED[got.status])
            else:
                still.append(s)
        self._waiting = still
        return ready

    def _set_rows(self, seqs: list[_Seq]) -> None:
        self.layers.ctx.set_rows([s.slot for s in seqs], max((s.rank for s in seqs), default=0), self.device)

    def _prefill(self, seqs: list[_Seq], outs):
        n = max(len(s.req.input_ids) for s in seqs)
        ids = torch.full((len(seqs), n), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(seqs), n), dtype=torch.long)
        for i, s in enumerate(seqs):
            p = s.req.input_ids
            ids[i, n - len(p):] = torch.tensor(p, dtype=torch.long)
            mask[i, n - len(p):] = 1
        pos = (mask.cumsum(1) - 1).clamp_(min=0)
        ids, mask, pos = ids.to(self.device), mask.to(self.device), pos.to(self.device)
        from transformers import DynamicCache

        cache = DynamicCache(config=self.model.config)
        self._set_rows(seqs)
        try:
            logits = self.model(
                input_ids=ids, attention_mask=mask, position_ids=pos, cache=cache, use_cache=True, logits_to_keep=1
            ).logits[:, -1, :]
        except Exception as e:  # noqa: BLE001 - fail these newcomers only, the running batch goes on
            for s in seqs:
                self._finish(s, outs, None, Finish.ERROR, f"generation failed: {type(e).__name__}: {str(e)[:200]}", Code.INTERNAL)
            return None
        toks, failed = self._sample(logits, seqs)
        keep = self._emit(seqs, toks, logits, outs, failed)
        if not keep:
            return None
        next_pos = mask.sum(1)
        if len(keep) < len(seqs):
            idx = torch.tensor(keep, dtype=torch.long, device=self.device)
            cache.batch_select_indices(idx)
            mask, toks, next_pos = mask[idx], toks[idx], next_pos[idx]
        return [seqs[i] for i in keep], cache, mask, toks.view(-1, 1), next_pos

    def _decode(self, outs) -> None:
        rows = self._rows
        self._mask = torch.cat([self._mask, torch.ones((len(rows), 1), dtype=torch.long, device=self.device)], dim=1)
        self._set_rows(rows)
        try:
            logits = self.model(
                input_ids=self._last,
                attention_mask=self._mask,
                position_ids=self._pos.view(-1, 1),
                cache=self._cache,
                use_cache=True,
                logits_to_keep=1,
            ).logits[:, -1, :]
        except Exception as e:  # noqa: BLE001
            msg = f"generation failed: {type(e).__name__}: {str(e)[:200]}"
            for s in list(rows):
                self._finish(s, outs, None, Finish.ERROR, msg, Code.INTERNAL)
            self._rows, self._cache = [], None
            return
        toks, failed = self._sample(logits, rows)
        keep = self._emit(rows, toks, logits, outs, failed)
        self._last = toks.view(-1, 1)
        self._pos = self._pos + 1
        if len(keep) < len(rows):
            self._drop_rows([i for i in range(len(rows)) if i not in set(keep)])

    def _emit(self, seqs: list[_Seq], toks: torch.Tensor, logits: torch.Tensor, outs, failed: dict[int, str]) -> list[int]:
        """StepOutputs for one sampled token per row; returns the rows that go on."""
        finite = torch.isfinite(logits).all(dim=-1).tolist()
        keep = []
        for i, (s, t) in enumerate(zip(seqs, toks.tolist())):
            if not finite[i] or i in failed:
                self._finish(s, outs, None, Finish.ERROR, failed.get(i, "generation produced non-finite logits"), Code.INTERNAL)
                continue
            s.generated += 1
            self.tokens_generated += 1
            if s.penalized:
                s.counts[t] = s.counts.get(t, 0) + 1
            if t in s.stops:
                self._finish(s, outs, t, Finish.STOP)
            elif s.generated >= s.max_new or len(s.req.input_ids) + s.generated >= self.max_context:
                self._finish(s, outs, t, Finish.LENGTH)
            else:
                outs.append(StepOutput(s.req.id, t, False, base_fallback=s.base_fallback))
                keep.append(i)
        return keep

    def _sample(self, logits: torch.Tensor, seqs: list[_Seq]) -> tuple[torch.Tensor, dict[int, str]]:
        """One token per row, and the rows whose sampling failed (those fail alone; the others go on)."""
        failed: dict[int, str] = {}
        for i, s in enumerate(seqs):
            if s.penalized:
                try:
                    logits[i] = self._penalize(logits[i], s)
                except Exception as e:  # noqa: BLE001
                    failed[i] = f"penalties failed: {type(e).__name__}: {str(e)[:200]}"
        toks = logits.argmax(dim=-1)
        for i, s in enumerate(seqs):
            if s.gen is None or i in failed:
                continue
            try:
                toks[i] = self._sample_row(logits[i], s)
            except Exception as e:  # noqa: BLE001
                failed[i] = f"sampling failed: {type(e).__name__}: {str(e)[:200]}"
        return toks, failed

    @staticmethod
    def _penalize(row: torch.Tensor, s: _Seq) -> torch.Tensor:
        """One row's logits with its penalties applied: the repetition penalty as HF's RepetitionPenaltyLogitsProcessor
        (every prompt and output token once), then OpenAI's frequency and presence penalties over output tokens."""
        row = row.clone()
        r = s.req
        if r.repetition_penalty != 1.0:
            seen = torch.tensor(sorted(set(r.input_ids) | set(s.counts)), dtype=torch.long, device=row.device)
            v = row[seen]
            row[seen] = torch.where(v < 0, v * r.repetition_penalty, v / r.repetition_penalty)
        if s.counts and (r.frequency_penalty or r.presence_penalty):
            ids = torch.tensor(list(s.counts), dtype=torch.long, device=row.device)
            n = torch.tensor(list(s.counts.values()), dtype=row.dtype, device=row.device)
            row[ids] -= r.frequency_penalty * n + r.presence_penalty
        return row

    @staticmethod
    def _sample_row(logits: torch.Tensor, s: _Seq) -> int:
        row = logits.float().nan_to_num(nan=-float("inf")) / float(s.req.temperature)
        if 0 < s.req.top_k < row.numel():
            kth = row.topk(s.req.top_k).values[-1]
            row = row.masked_fill(row < kth, -float("inf"))
        probs = torch.softmax(row, dim=-1).cpu()
        if s.req.top_p < 1.0:
            sp, si = probs.sort(descending=True)
            cut = (sp.cumsum(0) - sp) >= s.req.top_p
            cut[0] = False  # the nucleus always holds the likeliest token (a top_p below float32's smallest is 0 here)
            sp[cut] = 0
            probs = torch.zeros_like(probs).scatter_(0, si, sp)
        return int(torch.multinomial(probs, 1, generator=s.gen).item())

    def _drop_rows(self, drop: list[int]) -> None:
        keep = [i for i in range(len(self._rows)) if i not in set(drop)]
        if not keep:
            self._rows, self._cache, self._mask, self._last, self._pos = [], None, None, None, None
            return
        idx = torch.tensor(keep, dtype=torch.long, device=self.device)
        self._rows = [self._rows[i] for i in keep]
        self._cache.batch_select_indices(idx)
        self._mask, self._last, self._pos = self._mask[idx], self._last[idx], self._pos[idx]
        lead = int((self._mask.sum(0) == 0).long().cumprod(0).sum().item())
        if lead:  # columns that are padding in every remaining row cost attention time for nothing
            self._mask = self._mask[:, lead:]
            for layer in self._cache.layers:
                layer.keys = layer.keys[:, :, lead:]
                layer.values = layer.values[:, :, lead:]

    def _merge(self, seqs, cache, mask, last, pos) -> None:
        if not self._rows:
            self._rows, self._cache, self._mask, self._last, self._pos = seqs, cache, mask, last, pos
            return
        la, lb = self._mask.shape[1], mask.shape[1]
        n = max(la, lb)

        def pad(t: torch.Tensor, k: int, dim: int) -> torch.Tensor:
            if k == 0:
                return t
            shape = list(t.shape)
            shape[dim] = k
            return torch.cat([torch.zeros(shape, dtype=t.dtype, device=t.device), t], dim=dim)

        for la_, lb_ in zip(self._cache.layers, cache.layers):
            la_.keys = torch.cat([pad(la_.keys, n - la, 2), pad(lb_.keys, n - lb, 2)], dim=0)
            la_.values = torch.cat([pad(la_.values, n - la, 2), pad(lb_.values, n - lb, 2)], dim=0)
        self._mask = torch.cat([pad(self._mask, n - la, 1), pad(mask, n - lb, 1)], dim=0)
        self._last = torch.cat([self._last, last], dim=0)
        self._pos = torch.cat([self._pos, pos], dim=0)
        self._rows = self._rows + seqs
