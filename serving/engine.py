"""Continuous-batching decode engine over one base model with slot-based multi-tenant LoRA.

Why hand-written: `generate()` runs one fixed batch to the end, so a long answer holds
short ones back, and PEFT runs one adapter per batch. Here requests join and leave the
running batch at token boundaries: newcomers are prefilled together (left-padded) and
their KV cache is left-padded to the running cache's length and concatenated; finished
rows are dropped with `index_select`. Every step is one forward for all running rows,
each row using its own adapter slot. The cache is only re-padded when rows join.

A row whose adapter version has a residual (residual.json) starts with that version's residual
prefix; its KV is computed once per installed version, kept in the slot, copied into the newcomers'
cache (left-padded to the longest prefix, so a row is [pad, prefix, pad, rest]) and only the rest is
prefilled, with positions continuing after the prefix.

A row whose version's residual lists items a construction can enforce (serving/enforce.py) gets them here
too: the opening fed after its prompt as the answer's first tokens, and avoided words banned in its own
sampling; the worker shapes its text. Per row, so a batch mixes tenants and the base freely.

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

from transformers import DynamicCache

from memlora.errors import MemloraError
from memlora.runtime.lora_slots import attach_slots
from memlora.runtime.request import GREEDY_BELOW, SEED_MAX, GenRequest, Sampling
from memlora.runtime.sampling import ban, generator, penalize, sample
from memlora.runtime.stepper import left_pad
from memlora.runtime.tokens import end_ids, pad_id
from memlora.settings import Settings

from .adapter_loader import AdapterLoader
from .availability import Availability
from .codes import Code, Finish, SlotStatus
from .current_memory import ADDED
from .enforce import Plan, facts_of, plan_of, prompted_block
from .residual import PrefixKV, prefix_ids, system_head
from .slots import SlotManager

log = logging.getLogger(__name__)
__all__ = ["Engine", "GenRequest", "StepOutput"]
# A slot refusal fails the request with this code unless the loader said why.
_REFUSED = {SlotStatus.NO_ADAPTER: Code.NO_ADAPTER, SlotStatus.FORGOTTEN: Code.FORGOTTEN, SlotStatus.ERROR: Code.BAD_ADAPTER}


@dataclass
class StepOutput:
    id: str
    token_id: int | None
    finished: bool
    finish_reason: Finish | None = None
    error: str | None = None
    code: Code | None = None
    base_fallback: bool = False
    prompt_tokens: int = 0  # what the model attends to before the answer, the residual prefix included
    residual_tokens: int = 0  # residual prefix tokens in front of this request's prompt
    enforce: Plan | None = None  # the residual items this row's answer is built to follow
    residual_added: int = 0  # of the residual items served to this row, those added since its version's training


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
    ids: list = field(default_factory=list)  # the prompt the model sees: the residual prefix (if any) + the rest
    prefix: int = 0  # residual prefix tokens at the start of ids
    counts: dict = field(default_factory=dict)  # token -> times generated (only when a penalty is asked)
    enforce: Plan | None = None  # residual items enforced while decoding (serving/enforce.py)
    out: list = field(default_factory=list)  # the answer's tokens, forced opening included (only when words are banned)
    added: int = 0  # residual items served that the tenant's newest profile added since the version's training

    @property
    def sampling(self) -> Sampling:
        return self.req.sampling


class Engine:
    def __init__(
        self, base, settings: Settings, resolve: Callable[[str], Path | None], refetch: Callable[[str], Path | None] | None = None,
        availability: Availability | None = None, resolve_rejected: Callable[[str], Path | None] | None = None,
        current_profile: Callable[[str], Path | None] | None = None,
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
        self.residual, self.reuse_prefix = cfg.residual, cfg.residual_kv_cache
        self.enforce = cfg.residual and cfg.enforce_residual
        head = system_head(base.tokenizer) if cfg.residual else None
        shown = prompted_block if self.enforce else str  # the residual lines the prompt still needs
        self.loader = AdapterLoader(
            resolve, self.layers.shapes, cfg.slot_rank, base.fingerprint, self.model.config, refetch=refetch,
            encode_residual=None if head is None else (lambda block: prefix_ids(base.tokenizer, head, shown(block))),
            resolve_rejected=resolve_rejected if cfg.residual else None,
            current_profile=current_profile if cfg.residual else None,
            match_facts=facts_of if self.enforce and cfg.answer_facts else None,
        )
        self.slots = SlotManager(
            self.layers, self.loader, cfg.host_cache_bytes, cfg.slot_bytes, negative_ttl=cfg.registry_poll_seconds,
            availability=availability,
        )
        self.eos = end_ids(base.tokenizer, self.model)
        self.pad_id = pad_id(base.tokenizer)
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
        self.prefix_hits = 0  # rows that started from a cached residual prefix KV
        self.prefix_misses = 0  # residual prefix KVs computed (once per installed version)

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
            try:
                gen = generator(req.seed)
            except (RuntimeError, OverflowError, ValueError) as e:
                raise MemloraError(f"request {req.id!r}: seed {req.seed!r} cannot seed a generator ({e})") from None
        return _Seq(req=req, stops=stops, max_new=min(req.max_new_tokens, room), gen=gen, ids=list(req.input_ids))

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
                   cache_heals=self.loader.cache_heals, residual_prefix_hits=self.prefix_hits,
                   residual_prefix_misses=self.prefix_misses, **self._kv_stats())
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
        outs.append(StepOutput(s.req.id, token, True, reason, error, code, s.base_fallback, len(s.ids), s.prefix, s.enforce, s.added))
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
                self._take_residual(s)
                self._take_enforcement(s)
                s.added = self._added(s)
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

    def _take_residual(self, s: _Seq) -> None:
        """The row's prompt becomes its version's residual prefix + the request's tail, when it has both and fits."""
        pre = self.slots.residual_ids(s.slot) if self.residual and s.req.residual_tail else ()
        if not pre:
            return
        ids = list(pre) + list(s.req.residual_tail)
        if len(ids) >= self.max_context:
            log.warning("request %r: the residual prefix (%d tokens) does not fit the context: served without it", s.req.id, len(pre))
            return
        s.ids, s.prefix = ids, len(pre)
        s.max_new = min(s.req.max_new_tokens, self.max_context - len(ids))

    def _take_enforcement(self, s: _Seq) -> None:
        """A tenant chat whose version's residual has enforceable items: its answer starts with the forced opening
        (fed as prompt tokens) and its sampling bans the avoided words. Completions and the base never get one."""
        if not self.enforce or s.req.residual_tail is None:
            return
        plan = self.slots.enforcement(s.slot, lambda residual, facts: plan_of(residual, self.base.tokenizer, facts))
        if plan is None or len(s.ids) + len(plan.opening_ids) >= self.max_context:
            return
        s.enforce, s.out = plan, list(plan.opening_ids)
        s.ids = s.ids + list(plan.opening_ids)
        s.max_new = min(s.max_new, self.max_context - len(s.ids))

    def _added(self, s: _Seq) -> int:
        """How many of the row's served residual items came from the tenant's newest profile (its header says it)."""
        res = self.slots.residual(s.slot)
        if res is None or not (s.prefix or s.enforce):
            return 0
        return sum(1 for i in res.items if i.reason == ADDED)

    def _set_rows(self, seqs: list[_Seq]) -> None:
        self.layers.ctx.set_rows([s.slot for s in seqs], max((s.rank for s in seqs), default=0), self.device)

    def _prefill(self, seqs: list[_Seq], outs):
        try:
            cache, head, offset, rest = self._start_cache(seqs)
            ids, mask, pos = left_pad(rest, self.pad_id, self.device)
            mask = torch.cat([head, mask], dim=1)
            self._set_rows(seqs)
            logits = self.model(
                input_ids=ids, attention_mask=mask, position_ids=pos + offset.view(-1, 1), cache=cache, use_cache=True,
                logits_to_keep=1,
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

    def _start_cache(self, seqs: list[_Seq]) -> tuple[DynamicCache, torch.Tensor, torch.Tensor, list[list[int]]]:
        """The newcomers' cache holding their cached residual prefixes (left-padded to the longest), its mask
        columns, each row's prefix length (where its positions go on) and the ids still to prefill."""
        cache = DynamicCache(config=self.model.config)
        kvs = [self._prefix_kv(s) if self.reuse_prefix and 0 < s.prefix < len(s.ids) else None for s in seqs]
        n = max((kv.tokens for kv in kvs if kv is not None), default=0)
        head = torch.zeros((len(seqs), n), dtype=torch.long, device=self.device)
        offset = torch.zeros(len(seqs), dtype=torch.long, device=self.device)
        for i, kv in enumerate(kvs):
            if kv is not None:
                head[i, n - kv.tokens:] = 1
                offset[i] = kv.tokens
        if n:
            like = next(kv for kv in kvs if kv is not None)
            for li in range(len(like.layers)):
                keys = torch.cat([_left(kv.layers[li][0] if kv else None, like.layers[li][0], n) for kv in kvs], dim=0)
                values = torch.cat([_left(kv.layers[li][1] if kv else None, like.layers[li][1], n) for kv in kvs], dim=0)
                cache.update(keys, values, li)
        return cache, head, offset, [s.ids[kv.tokens:] if kv is not None else s.ids for s, kv in zip(seqs, kvs)]

    def _prefix_kv(self, s: _Seq) -> PrefixKV:
        """The row's residual prefix KV: from its slot, or computed once under the slot's weights and kept there."""
        kv = self.slots.prefix_kv(s.slot)
        if kv is not None and kv.tokens == s.prefix:
            self.prefix_hits += 1
            return kv
        self.prefix_misses += 1
        self.layers.ctx.set_rows([s.slot], s.rank, self.device)
        cache = DynamicCache(config=self.model.config)
        ids = torch.tensor([s.ids[:s.prefix]], dtype=torch.long, device=self.device)
        pos = torch.arange(s.prefix, device=self.device).view(1, -1)
        self.model(input_ids=ids, position_ids=pos, cache=cache, use_cache=True, logits_to_keep=1)
        kv = PrefixKV([(layer.keys, layer.values) for layer in cache.layers])
        self.slots.keep_prefix_kv(s.slot, kv)
        return kv

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
            if s.sampling.penalized:
                s.counts[t] = s.counts.get(t, 0) + 1
            if s.enforce is not None and s.enforce.bans:
                s.out.append(t)
            if t in s.stops:
                self._finish(s, outs, t, Finish.STOP)
            elif s.generated >= s.max_new or len(s.ids) + s.generated >= self.max_context:
                self._finish(s, outs, t, Finish.LENGTH)
            else:
                outs.append(StepOutput(s.req.id, t, False, base_fallback=s.base_fallback, prompt_tokens=len(s.ids),
                                       residual_tokens=s.prefix, enforce=s.enforce, residual_added=s.added))
                keep.append(i)
        return keep

    def _sample(self, logits: torch.Tensor, seqs: list[_Seq]) -> tuple[torch.Tensor, dict[int, str]]:
        """One token per row, and the rows whose sampling failed (those fail alone; the others go on)."""
        failed: dict[int, str] = {}
        for i, s in enumerate(seqs):
            if s.sampling.penalized:
                try:
                    logits[i] = penalize(logits[i], s.sampling, s.ids, s.counts)
                except Exception as e:  # noqa: BLE001
                    failed[i] = f"penalties failed: {type(e).__name__}: {str(e)[:200]}"
        bans = [s.enforce.bans if s.enforce is not None else [] for s in seqs]
        scores = logits
        if any(bans):  # on a copy: the banned -inf must not read as non-finite logits in `_emit`
            scores = logits.clone()
            ban(scores, [s.out for s in seqs], bans)
        toks = scores.argmax(dim=-1)
        for i, s in enumerate(seqs):
            if s.gen is None or i in failed:
                continue
            try:
                toks[i] = sample(scores[i:i + 1], s.sampling, s.gen)[0]
            except Exception as e:  # noqa: BLE001
                failed[i] = f"sampling failed: {type(e).__name__}: {str(e)[:200]}"
        return toks, failed

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


def _left(t: torch.Tensor | None, like: torch.Tensor, n: int) -> torch.Tensor:
    """One row's prefix keys or values [1, heads, k, dim] left-padded with zeros to n positions (masked out)."""
    k = 0 if t is None else t.shape[2]
    pad = torch.zeros((1, like.shape[1], n - k, like.shape[3]), dtype=like.dtype, device=like.device)
    return pad if t is None else torch.cat([pad, t], dim=2)
