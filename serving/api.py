"""The worker side: a LitAPI whose `step` drives the engine under LitServe's ContinuousBatchingLoop.

LitServe runs this object in a spawned worker process. Requests join and leave the engine's batch
at token boundaries: the loop calls `add_request` as requests arrive and `step` once per token.
Everything that touches the engine runs inside `step` (one thread): `add_request` and the registry
watcher only put work into an inbox, because LitServe calls `add_request` from its event-loop
thread while `step` runs in another.

Admin commands (prefetch/reload/evict/forget), cancellations, the model list and stats travel the
same request queue as chat requests (`protocol.Command`), so they reach the one process that holds
the engine instead of a copy in the HTTP process.

Each request fails alone: every per-request action is guarded and answered as an error event for
that request; only an exception from the engine's batched `step` itself fails the requests inside
the engine (their state can no longer be trusted), and the server keeps running. A request's whole
state (tokens, sampling generator) is built when it is admitted, outside the batched step: chat
requests are formatted and tokenized on an admission thread (a huge prompt never pauses the decode
loop), and the engine builds the rest in `Engine.add`, so a bad value fails its own request there.
"""
from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections import OrderedDict, deque
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import litserve as ls
from litserve.loops.continuous_batching_loop import ContinuousBatchingLoop, Output
from litserve.utils import LitAPIStatus

from memlora.errors import JobError
from memlora.runtime.textstream import TextStream
from memlora.runtime.tokens import end_ids
from memlora.settings import Settings

from .champions import ChampionWatcher, RegistryView, Snapshot, diff
from .protocol import DONE, ERROR, META, RESULT, TEXT, ApiError, ChatJob, ChatRequest, Command, event

log = logging.getLogger(__name__)

ADMIN_OPS = ("prefetch", "reload", "evict", "forget")
IDLE_SLEEP = 0.002
# A tenant absent from a registry snapshot this young has no champion (no new registry query per request).
FRESH_SNAPSHOT_SECONDS = 2.0
# No tokenizer makes a token of more characters than this: a longer prompt cannot fit the context, refuse it untokenized.
MAX_CHARS_PER_TOKEN = 64


class EngineLoop(ContinuousBatchingLoop):
    """LitServe's continuous batching loop, minus its idle busy-wait.

    The stock loop re-enters `run` in a tight `asyncio.sleep(0)` cycle when no request is active,
    which burns a CPU core for nothing; on a 2-core CPU server that core is half the machine.
    """

    async def run(self, lit_api, *args, **kwargs):
        if not lit_api.has_active_requests():
            await asyncio.sleep(IDLE_SLEEP)
            return
        await super().run(lit_api, *args, **kwargs)

    async def step(self, prev_outputs, lit_api, lit_spec):
        # An engine that is only waiting for an adapter load produces nothing; wait instead of spinning.
        while True:
            out = await asyncio.to_thread(lit_api.step, prev_outputs)
            if out or not lit_api.has_active_requests():
                return out
            await asyncio.sleep(IDLE_SLEEP)


@dataclass
class _Chat:
    uid: str
    job: ChatJob
    arrived: float
    ids: list[int] = field(default_factory=list)  # the prompt, tokenized at admission
    max_new: int = 0
    need_seq: int = 0  # snapshot number needed before admission (tenant not in the last snapshot)
    gen: Any = None  # the engine's GenRequest
    version: str | None = None  # champion version chosen at admission (None: base)
    started: bool = False  # META sent
    stream: TextStream | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    queued_seconds: float = 0.0  # admission to the first engine step


def _engine_error(chat: _Chat, r) -> ApiError:
    code = getattr(r, "code", None)
    tenant = chat.job.tenant
    msg = r.error or f"request {r.finish_reason}"
    if code == "no_adapter":
        return ApiError(404, f"tenant {tenant!r} has no adapter: {msg}", param="model", code="model_not_found")
    if code == "forgotten":
        return ApiError(404, f"tenant {tenant!r} was forgotten", param="model", code="tenant_forgotten")
    if code == "registry_unavailable":
        return ApiError(503, f"the adapter of tenant {tenant!r} is not cached here and the registry is unreachable: {msg}",
                        type="server_error", code="registry_unavailable")
    if code == "bad_adapter":
        return ApiError(500, f"the adapter of tenant {tenant!r} cannot be served: {msg}", type="server_error", code="adapter_error")
    return ApiError(500, msg, type="server_error", code="generation_error")


@contextmanager
def _registry_reachable():
    """The registry layer says an unreachable store with JobError (mlflow_io.wrap); the engine must tell that
    (retry later, 503) from an adapter that cannot be served (500)."""
    try:
        yield
    except JobError as e:
        from .adapter_loader import RegistryUnavailable  # torch-heavy: the worker has it loaded, the HTTP process never

        raise RegistryUnavailable(str(e)) from None


@dataclass
class _Pending:
    """An admin command answered once a registry snapshot at least this new has been applied."""

    uid: str
    cmd: Command
    need_seq: int


@dataclass
class _Counters:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests_finished: int = 0
    requests_failed: int = 0
    finish_reasons: dict = field(default_factory=dict)


class MemloraAPI(ls.LitAPI):
    def __init__(self, settings: Settings, spec=None):
        super().__init__(max_batch_size=settings.serving.max_batch_size, spec=spec, loop=EngineLoop(), stream=True)
        self.settings = settings

    # ---------------------------------------------------------------- setup (in the worker process)
    def setup(self, device) -> None:
        from memlora.runtime.base import load_base
        from memlora.registry.store import AdapterRegistry

        from .engine import Engine

        s = self.settings
        self.base = load_base(s)
        self.tok = self.base.tokenizer
        self.registry = AdapterRegistry(s)
        self._registry_lock = threading.Lock()
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._out: list[Output] = []
        self._waiting: deque[_Chat] = deque()
        self._unresolved: list[_Chat] = []
        self._running: dict[str, _Chat] = {}
        self._reloads: list[_Pending] = []
        self._forgotten: set[str] = set()  # forgotten by an admin call: never served until an explicit reload
        self._gone: set[str] = set()  # champion disappeared from the registry: forgotten by the engine
        self._counters = _Counters()
        self._seq_applied = 0
        self._idle_since: float | None = None
        self._registry_error: str | None = None
        self._registry_ok_at = time.time()
        self._declared = frozenset(t for k in s.serving.api_keys for t in k.tenants)  # operator-declared tenants
        self._admission = ThreadPoolExecutor(max_workers=1, thread_name_prefix="memlora-admit")
        self._cancelled_early: OrderedDict[str, None] = OrderedDict()  # cancels that arrived while still admitting
        self._max_pos = int(getattr(self.base.model.config, "max_position_embeddings", 2048) or 2048)
        self._stop_ids = sorted(end_ids(self.tok, self.base.model))
        self.watcher = ChampionWatcher(self._fetch_champions, s.serving.registry_poll_seconds, self._post_snapshot)
        view = self.watcher.first()
        self.snapshot: Snapshot = view.champions
        self.known: frozenset[str] = view.known
        self._snapshot_at = time.monotonic()
        self.engine = Engine(self.base, s, self._resolve, self._refetch)
        self.watcher.start()

    def _fetch_champions(self) -> RegistryView:
        with self._registry_lock:
            champs, known = self.registry.catalog()
        return RegistryView({t: str(v) for t, v in champs.items()}, frozenset(known))

    def _post_snapshot(self, seq: int, snap: RegistryView | None, error: str | None) -> None:
        self._inbox.put((None, Command(op="_snapshot", args={"seq": seq, "snap": snap, "error": error})))

    def _resolve(self, tenant: str):
        """The engine's resolver (called on its loader thread): the registry's verified local copy of the
        champion in the last snapshot; never a forgotten tenant's."""
        if tenant in self._forgotten:
            return None
        version = self.snapshot.get(tenant)
        if version is not None:  # a verified local copy needs no registry (nor its lock, held by a slow poll)
            from memlora.registry import cache

            hit = cache.lookup(self.settings.adapter_cache_dir, tenant, int(version))
            if hit is not None and hit.base_fingerprint == self.base.fingerprint:
                return hit.path
        self._fail_fast_while_unreachable(tenant)
        with self._registry_lock, _registry_reachable():
            r = self.registry.resolve(tenant, self.base.fingerprint, version=int(version) if version else None)
        return None if r is None else r.path

    def _refetch(self, tenant: str):
        """The engine's healer (loader thread): drop the local copy of the served version, fetch it again."""
        from memlora.registry import cache

        version = None if tenant in self._forgotten else self.snapshot.get(tenant)
        if version is None:
            return None
        self._fail_fast_while_unreachable(tenant)
        with self._registry_lock, _registry_reachable():
            cache.drop_version(self.settings.adapter_cache_dir, tenant, int(version))
            r = self.registry.resolve(tenant, self.base.fingerprint, version=int(version))
        return None if r is None else r.path

    def _fail_fast_while_unreachable(self, tenant: str) -> None:
        """While the last poll failed, a fetch would only wait out the client's timeout on the one loader thread,
        holding back every other tenant's load; answer at once and ask for a fresh poll instead."""
        error = self._registry_error
        if error is not None:
            from .adapter_loader import RegistryUnavailable

            self.watcher.poke()
            raise RegistryUnavailable(f"the adapter of tenant {tenant!r} is not cached here and the registry is unreachable ({error})")

    def _is_known(self, tenant: str) -> bool:
        return tenant in self.snapshot or tenant in self.known or tenant in self._forgotten or tenant in self._declared

    # ---------------------------------------------------------------- LitServe hooks
    def add_request(self, uid, request) -> None:
        if uid is None:  # LitServe's shutdown sentinel
            return
        if isinstance(request, ChatJob):
            self._admission.submit(self._tokenize, str(uid), request)
        else:
            self._inbox.put((str(uid), request))

    # ---------------------------------------------------------------- admission (its own thread)
    def _tokenize(self, uid: str, job: ChatJob) -> None:
        try:
            self._inbox.put((uid, self._tokenized(uid, job)))
        except ApiError as e:
            self._inbox.put((uid, e))
        except Exception as e:  # noqa: BLE001 - one request's failure is that request's answer
            log.exception("admitting request %s failed", uid)
            self._inbox.put((uid, ApiError(500, f"{type(e).__name__}: {e}", type="server_error", code="internal_error")))

    def _tokenized(self, uid: str, job: ChatJob) -> _Chat:
        """Format and tokenize the prompt and check it fits the context; refuses a prompt too long to fit by
        its length before tokenizing it."""
        req = job.request
        chat = isinstance(req, ChatRequest)
        param = "messages" if chat else "prompt"
        messages = [{"role": "system" if m.role == "developer" else m.role, "content": m.text()} for m in req.messages] if chat else []
        chars = sum(len(m["content"]) for m in messages) if chat else len(req.prompt)
        if chars > self._max_pos * MAX_CHARS_PER_TOKEN:
            raise ApiError(
                400, f"this model's context is {self._max_pos} tokens: the {param} have {chars} characters, more than it can hold",
                param=param, code="context_length_exceeded",
            )
        if chat:
            try:
                text = self.tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
            except Exception as e:
                raise ApiError(400, f"messages cannot be formatted with the model's chat template: {e}", param="messages") from None
        else:
            text = req.prompt
        ids = list(self.tok(text, add_special_tokens=False)["input_ids"])
        if not ids:
            raise ApiError(400, f"the {param} tokenize to nothing", param=param, code="invalid_parameter")
        room = self._max_pos - len(ids)
        explicit = req.wanted_tokens(0)
        max_new = explicit or min(self.settings.serving.default_max_tokens, room)
        if room < 1 or max_new > room:
            raise ApiError(
                400, f"this model's context is {self._max_pos} tokens: the {param} take {len(ids)} and max_tokens asks {max_new}",
                param=param, code="context_length_exceeded",
            )
        return _Chat(uid=uid, job=job, arrived=time.monotonic(), ids=ids, max_new=max_new, prompt_tokens=len(ids))

    def has_active_requests(self) -> bool:
        return bool(
            not self._inbox.empty() or self._waiting or self._running or self._unresolved or self._reloads
            or self.engine.has_work()
        )

    def has_capacity(self) -> bool:
        # Admission control happens in `step` (so admin commands are never stuck behind a full batch).
        return True

    def encode_response(self, output):
        return output

    def step(self, prev_outputs) -> list[Output]:
        self._out = []
        self._drain_inbox()
        self._admit()
        if self._running or self.engine.has_work():  # admin ops and adapter loads also advance in engine.step
            self._watchdog()
            try:
                results = self.engine.step() if self.engine.has_work() else []
            except Exception as e:  # an engine bug: fail what was inside the engine, keep serving
                log.exception("engine step failed")
                for uid in list(self._running):
                    self._cancel_engine(uid)
                    self._fail(uid, ApiError(500, f"generation failed: {type(e).__name__}: {e}", type="server_error", code="generation_error"))
                results = []
            for r in results:
                self._on_output(r)
        return self._out

    def _watchdog(self) -> None:
        """Requests the engine no longer works on (an engine bug) are failed after a while instead of hanging."""
        now = time.monotonic()
        if not self._running or self.engine.has_work():
            self._idle_since = None
            return
        self._idle_since = self._idle_since or now
        if now - self._idle_since > 30.0:
            for uid in list(self._running):
                self._fail(uid, ApiError(500, "the engine dropped this request", type="server_error", code="generation_error"))
            self._idle_since = None

    # ---------------------------------------------------------------- inbox
    def _drain_inbox(self) -> None:
        while True:
            try:
                uid, item = self._inbox.get_nowait()
            except queue.Empty:
                return
            try:
                if isinstance(item, _Chat):
                    self._accept_chat(item)
                elif isinstance(item, ApiError):
                    self._reply_error(uid, item)
                elif isinstance(item, Command):
                    self._command(uid, item)
                else:
                    self._reply_error(uid, ApiError(400, f"unknown request type {type(item).__name__}"))
            except ApiError as e:
                self._reply_error(uid, e)
            except Exception as e:
                log.exception("request %s failed", uid)
                self._reply_error(uid, ApiError(500, f"{type(e).__name__}: {e}", type="server_error", code="internal_error"))

    def _accept_chat(self, chat: _Chat) -> None:
        job = chat.job
        if self._cancelled_early.pop(chat.uid, False) is None:  # the client left while it was being admitted
            self._emit(chat.uid, "", final=True)
            return
        n_queued = len(self._waiting) + len(self._unresolved)
        if n_queued >= self.settings.serving.max_waiting_requests:
            raise ApiError(503, "server overloaded: too many waiting requests, retry later", type="server_error", code="overloaded")
        fresh = time.monotonic() - self._snapshot_at < FRESH_SNAPSHOT_SECONDS
        if job.tenant is not None and job.tenant not in self.snapshot and job.tenant not in self._forgotten and not fresh:
            chat.need_seq = self.watcher.poke()  # maybe registered since the last poll: ask the registry
            self._unresolved.append(chat)
            return
        self._prepare(chat)

    def _prepare(self, chat: _Chat) -> None:
        """Decide adapter vs base and queue for the engine (the prompt was tokenized at admission)."""
        req, tenant = chat.job.request, chat.job.tenant
        version = None
        if tenant is not None:
            version = None if tenant in self._forgotten else self.snapshot.get(tenant)
            if version is None:
                if not self._is_known(tenant):
                    raise ApiError(404, f"The model {tenant!r} does not exist", param="model", code="model_not_found")
                if self.settings.serving.missing_adapter == "404":
                    why = "was forgotten" if tenant in self._forgotten else "has no champion adapter"
                    raise ApiError(404, f"tenant {tenant!r} {why}", param="model", code="model_not_found")
                tenant = None
        from .engine import GenRequest

        chat.gen = GenRequest(
            id=chat.uid, tenant=tenant, input_ids=chat.ids, max_new_tokens=chat.max_new, temperature=float(req.temperature),
            top_p=float(req.top_p), top_k=max(0, req.top_k), seed=req.seed,
            frequency_penalty=float(req.frequency_penalty), presence_penalty=float(req.presence_penalty),
            repetition_penalty=float(req.repetition_penalty), stop_token_ids=list(self._stop_ids),
        )
        chat.stream = TextStream(self.tok, req.stop_list(), set(self._stop_ids))
        chat.version = version
        self._waiting.append(chat)

    def _admit(self) -> None:
        for chat in [c for c in self._unresolved if self._seq_applied >= c.need_seq]:
            self._unresolved.remove(chat)
            try:
                if self._registry_error and not self._is_known(chat.job.tenant):
                    raise ApiError(503, f"the adapter registry is unreachable: {self._registry_error}", type="server_error", code="registry_unavailable")
                self._prepare(chat)
            except ApiError as e:
                self._reply_error(chat.uid, e)
        while self._waiting and len(self._running) < self.settings.serving.max_batch_size:
            chat = self._waiting.popleft()
            try:
                self.engine.add(chat.gen)
            except Exception as e:
                self._reply_error(chat.uid, ApiError(400, f"request rejected by the engine: {e}", code="invalid_request"))
                continue
            chat.queued_seconds = time.monotonic() - chat.arrived
            self._running[chat.uid] = chat

    # ---------------------------------------------------------------- engine outputs
    def _on_output(self, r) -> None:
        chat = self._running.get(r.id)
        if chat is None:
            return
        if r.error or r.finish_reason in ("error", "cancelled"):
            self._fail(r.id, _engine_error(chat, r))
            return
        if not chat.started:  # which adapter really serves it is known now (the engine may fall back to the base)
            chat.started = True
            adapter = None if getattr(r, "base_fallback", False) else chat.version
            self._emit(r.id, event(META, tenant=chat.job.tenant, adapter=adapter))
        if r.token_id is not None:
            chat.completion_tokens += 1
            text = chat.stream.push(int(r.token_id))
            if text:
                self._emit(r.id, event(TEXT, text=text))
            if chat.stream.stopped and not r.finished:
                self._cancel_engine(r.id)
                self._finish_chat(r.id, "stop")
                return
        if r.finished:
            self._finish_chat(r.id, "stop" if chat.stream.stopped else (r.finish_reason or "stop"))

    def _finish_chat(self, uid: str, reason: str) -> None:
        chat = self._running.pop(uid)
        tail = chat.stream.flush()
        if tail:
            self._emit(uid, event(TEXT, text=tail))
        reason = reason if reason in ("stop", "length") else "stop"
        usage = {"prompt_tokens": chat.prompt_tokens, "completion_tokens": chat.completion_tokens,
                 "total_tokens": chat.prompt_tokens + chat.completion_tokens}
        c = self._counters
        c.prompt_tokens += chat.prompt_tokens
        c.completion_tokens += chat.completion_tokens
        c.requests_finished += 1
        c.finish_reasons[reason] = c.finish_reasons.get(reason, 0) + 1
        self._emit(uid, event(DONE, finish_reason=reason, usage=usage, queued_seconds=round(chat.queued_seconds, 6)), final=True)

    def _fail(self, uid: str, err: ApiError) -> None:
        self._running.pop(uid, None)
        self._counters.requests_failed += 1
        self._reply_error(uid, err)

    def _cancel_engine(self, uid: str) -> None:
        try:
            self.engine.cancel(uid)
        except Exception:
            log.exception("engine.cancel(%s) failed", uid)

    # ---------------------------------------------------------------- commands
    def _command(self, uid: str | None, cmd: Command) -> None:
        op = cmd.op
        if op == "_snapshot":
            self._apply_snapshot(cmd.args["seq"], cmd.args["snap"], cmd.args["error"])
            return
        if op == "cancel":
            self._cancel_request(cmd.target)
            self._reply(uid, {"cancelled": cmd.target})
        elif op == "models":
            self._reply(uid, {"tenants": {t: v for t, v in self.snapshot.items() if t not in self._forgotten}})
        elif op == "stats":
            self._reply(uid, self._stats())
        elif op == "health":
            self._reply(uid, self._health())
        elif op in ADMIN_OPS:
            self._admin(uid, cmd)
        else:
            raise ApiError(400, f"unknown command {op!r}")

    def _admin(self, uid: str, cmd: Command) -> None:
        tenant = cmd.tenant
        if not tenant:
            raise ApiError(400, "admin command needs a tenant", param="tenant")
        if cmd.op == "forget":
            # Never serve it again, even from cache: stop its running requests, purge every tier.
            self._forgotten.add(tenant)
            for c in [c for c in self._running.values() if c.gen is not None and c.gen.tenant == tenant]:
                self._cancel_engine(c.uid)
                self._fail(c.uid, ApiError(404, f"tenant {tenant!r} was forgotten", param="model", code="tenant_forgotten"))
            for c in [c for c in self._waiting if c.gen is not None and c.gen.tenant == tenant]:
                self._waiting.remove(c)
                self._reply_error(c.uid, ApiError(404, f"tenant {tenant!r} was forgotten", param="model", code="tenant_forgotten"))
            self.engine.forget(tenant)
            self._reply(uid, {"tenant": tenant, "op": "forget", "forgotten": True})
        elif cmd.op == "reload":
            # A new champion: answered once a registry snapshot taken after this command has been applied.
            self._forgotten.discard(tenant)
            self._reloads.append(_Pending(uid, cmd, self.watcher.poke()))
        elif cmd.op == "evict":
            self.engine.evict(tenant)
            self._reply(uid, {"tenant": tenant, "op": "evict"})
        elif cmd.op == "prefetch":
            if tenant in self._forgotten:
                raise ApiError(404, f"tenant {tenant!r} was forgotten", param="tenant", code="model_not_found")
            if tenant not in self.snapshot:  # maybe registered since the last poll: ask the registry first
                self._reloads.append(_Pending(uid, cmd, self.watcher.poke()))
                return
            self.engine.prefetch(tenant)
            self._reply(uid, {"tenant": tenant, "op": "prefetch", "version": self.snapshot[tenant]})

    def _apply_snapshot(self, seq: int, view: RegistryView | None, error: str | None) -> None:
        self._seq_applied = max(self._seq_applied, seq)
        self._registry_error = error
        snap = view.champions if view is not None else None
        if view is not None:
            self.known = view.known
            self._registry_ok_at = time.time()
            changed, gone = diff(self.snapshot, snap)
            for t in [t for t in snap if t not in self.snapshot and t in self._gone]:
                self._gone.discard(t)  # deleted from the registry, now registered again: the engine must stop refusing it
                self.engine.reload(t)
            self.snapshot = snap
            self._snapshot_at = time.monotonic()
            for t in changed:
                self.engine.reload(t)
            for t in gone:  # deleted from the registry (e.g. `memlora registry forget`): purge every tier
                self._gone.add(t)
                self.engine.forget(t)
        for p in [p for p in self._reloads if self._seq_applied >= p.need_seq]:
            self._reloads.remove(p)
            t = p.cmd.tenant
            try:
                if error is not None:
                    raise ApiError(503, f"the adapter registry is unreachable: {error}", type="server_error", code="registry_unavailable")
                if t not in self.snapshot:
                    raise ApiError(404, f"tenant {t!r} has no champion adapter", param="tenant", code="model_not_found")
                if p.cmd.op == "reload":
                    self.engine.reload(t)
                else:
                    self.engine.prefetch(t)
                self._reply(p.uid, {"tenant": t, "op": p.cmd.op, "version": self.snapshot[t]})
            except ApiError as e:
                self._reply_error(p.uid, e)
            except Exception as e:
                self._reply_error(p.uid, ApiError(500, f"{p.cmd.op} failed: {type(e).__name__}: {e}", type="server_error"))

    def _cancel_request(self, target: str | None) -> None:
        if target in self._running:
            self._cancel_engine(target)
            self._running.pop(target)
            self._emit(target, "", final=True)
            return
        for lst in (self._waiting, self._unresolved):
            for c in list(lst):
                if c.uid == target:
                    lst.remove(c)
                    self._emit(target, "", final=True)
                    return
        if target is not None:  # maybe still on the admission thread: drop it when it arrives
            self._cancelled_early[target] = None
            while len(self._cancelled_early) > 1024:
                self._cancelled_early.popitem(last=False)

    def _health(self) -> dict:
        """What /health adds to liveness: whether the registry answered the last poll (serving goes on either way)."""
        return {
            "registry": "unavailable" if self._registry_error else "ok",
            "registry_error": self._registry_error,
            "registry_last_ok_age_seconds": round(time.time() - self._registry_ok_at, 1),
            "champions": len(self.snapshot),
        }

    def _stats(self) -> dict:
        try:
            eng = self.engine.stats()
        except Exception as e:
            eng = {"error": str(e)}
        c = self._counters
        return {
            "api": {
                "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens,
                "requests_finished": c.requests_finished, "requests_failed": c.requests_failed,
                "running": len(self._running), "waiting": len(self._waiting) + len(self._unresolved),
                "forgotten": len(self._forgotten), "champions": len(self.snapshot),
                "registry_up": 0 if self._registry_error else 1, "finish_reasons": dict(c.finish_reasons),
                "running_adapters": sorted({c.gen.tenant for c in self._running.values() if c.gen is not None and c.gen.tenant}),
                "waiting_adapters": sorted({c.job.tenant for c in (*self._waiting, *self._unresolved) if c.job.tenant}),
            },
            "engine": eng,
        }

    # ---------------------------------------------------------------- emitting
    def _emit(self, uid: str | None, payload, final: bool = False) -> None:
        if uid is None:
            return
        if payload != "":
            self._out.append(Output(uid, payload, LitAPIStatus.OK))
        if final:
            self._out.append(Output(uid, "", LitAPIStatus.FINISH_STREAMING))

    def _reply(self, uid: str | None, result: dict) -> None:
        self._emit(uid, event(RESULT, result=result), final=True)

    def _reply_error(self, uid: str | None, err: ApiError) -> None:
        if err.status >= 500:  # the full message (paths included) stays here; the client gets it without paths
            log.warning("request %s: %s %s", uid, err.status, err.message)
        self._emit(uid, event(ERROR, **err.to_dict()), final=True)
