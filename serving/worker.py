"""The decode thread's side of the worker: request queues, the engine, and the events each request gets.

Everything that touches the engine runs inside `step` (one thread): `add` and the registry watcher
only put work into an inbox, because LitServe calls `add_request` from its event-loop thread while
`step` runs in another. Chat requests are formatted and tokenized on an admission thread first (a
huge prompt never pauses the decode loop), and the engine builds the rest in `Engine.add`, so a bad
value fails its own request there.

Each request fails alone: every per-request action is guarded and answered as an error event for
that request; only an exception from the engine's batched `step` itself fails the requests inside
the engine (their state can no longer be trusted), and the server keeps running.
"""
from __future__ import annotations

import logging
import queue
import time
from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from litserve.loops.continuous_batching_loop import Output
from litserve.utils import LitAPIStatus

from memlora.settings import Settings

from .admin import AdminCommands, Pending
from .admission import Admission, Chat
from .availability import Availability
from .catalog import Catalog
from .codes import Code, ErrorType, Finish
from .enforce import shaped
from .engine import Engine
from .protocol import DONE, ERROR, META, RESULT, TEXT, ApiError, ChatJob, Command, event
from .watchdog import Watchdog

log = logging.getLogger(__name__)


def _engine_error(tenant: str | None, r) -> ApiError:
    """The client's view of a request the engine failed."""
    msg = r.error or f"request {r.finish_reason}"
    if r.code == Code.NO_ADAPTER:
        return ApiError(404, f"tenant {tenant!r} has no adapter: {msg}", param="model", code=Code.MODEL_NOT_FOUND)
    if r.code == Code.FORGOTTEN:
        return ApiError(404, f"tenant {tenant!r} was forgotten", param="model", code=Code.TENANT_FORGOTTEN)
    if r.code == Code.REGISTRY_UNAVAILABLE:
        return ApiError(503, f"the adapter of tenant {tenant!r} is not cached here and the registry is unreachable: {msg}",
                        type=ErrorType.SERVER, code=Code.REGISTRY_UNAVAILABLE)
    if r.code == Code.BAD_ADAPTER:
        return ApiError(500, f"the adapter of tenant {tenant!r} cannot be served: {msg}", type=ErrorType.SERVER, code=Code.ADAPTER_ERROR)
    return ApiError(500, msg, type=ErrorType.SERVER, code=Code.GENERATION_ERROR)


def _internal(e: Exception) -> ApiError:
    return ApiError(500, f"{type(e).__name__}: {e}", type=ErrorType.SERVER, code=Code.INTERNAL_ERROR)


@dataclass
class _Counters:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    residual_tokens: int = 0
    requests_finished: int = 0
    requests_failed: int = 0
    finish_reasons: dict = field(default_factory=dict)


class Worker(AdminCommands):
    def __init__(self, settings: Settings, base) -> None:
        self.settings = settings
        self.base = base
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._out: list[Output] = []
        self._waiting: deque[Chat] = deque()
        self._unresolved: list[Chat] = []  # waiting for a registry snapshot that may list their tenant
        self._running: dict[str, Chat] = {}
        self._reloads: list[Pending] = []
        self._cancelled_early: OrderedDict[str, None] = OrderedDict()  # cancels that arrived while still admitting
        self._counters = _Counters()
        self._watchdog = Watchdog()
        self.availability = Availability()
        self.admission = Admission(self.base, self.settings)
        self._admission_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="memlora-admit")
        self.catalog = Catalog(self.settings, self.base.fingerprint, self.availability, self._post_snapshot)
        self.engine = Engine(self.base, self.settings, self.catalog.resolve, self.catalog.refetch, availability=self.availability,
                             resolve_rejected=self.catalog.resolve_rejected, current_profile=self.catalog.profile_path)
        self.catalog.start()

    def add(self, uid: str, request) -> None:
        """Any thread: a chat job goes to the admission thread, anything else straight to the decode thread's inbox."""
        if isinstance(request, ChatJob):
            self._admission_thread.submit(self._tokenize, uid, request)
        else:
            self._inbox.put((uid, request))

    def active(self) -> bool:
        return bool(
            not self._inbox.empty() or self._waiting or self._running or self._unresolved or self._reloads
            or self.engine.has_work()
        )

    def step(self) -> list[Output]:
        """One token for every running request, after taking in what arrived; the events to send, per request."""
        self._out = []
        self._drain_inbox()
        self._admit()
        if self._running or self.engine.has_work():  # admin ops and adapter loads also advance in engine.step
            if self._watchdog.expired(bool(self._running) and not self.engine.has_work()):
                for uid in list(self._running):
                    self._fail(uid, ApiError(500, "the engine dropped this request", type=ErrorType.SERVER, code=Code.GENERATION_ERROR))
            for r in self._engine_step():
                self._on_output(r)
        return self._out

    def _engine_step(self) -> list:
        try:
            return self.engine.step() if self.engine.has_work() else []
        except Exception as e:  # an engine bug: fail what was inside the engine, keep serving
            log.exception("engine step failed")
            for uid in list(self._running):
                self._cancel_engine(uid)
                self._fail(uid, ApiError(500, f"generation failed: {type(e).__name__}: {e}", type=ErrorType.SERVER, code=Code.GENERATION_ERROR))
            return []

    def _post_snapshot(self, seq: int, snap, error: str | None) -> None:
        """The watcher's thread hands each poll to the decode thread through the inbox."""
        self._inbox.put((None, Command(op="_snapshot", args={"seq": seq, "snap": snap, "error": error})))

    # ---------------------------------------------------------------- admission (its own thread)
    def _tokenize(self, uid: str, job: ChatJob) -> None:
        try:
            self._inbox.put((uid, self.admission.admit(uid, job)))
        except ApiError as e:
            self._inbox.put((uid, e))
        except Exception as e:  # noqa: BLE001 - one request's failure is that request's answer
            log.exception("admitting request %s failed", uid)
            self._inbox.put((uid, _internal(e)))

    # ---------------------------------------------------------------- inbox
    def _drain_inbox(self) -> None:
        while True:
            try:
                uid, item = self._inbox.get_nowait()
            except queue.Empty:
                return
            try:
                if isinstance(item, Chat):
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
                self._reply_error(uid, _internal(e))

    def _accept_chat(self, chat: Chat) -> None:
        tenant = chat.job.tenant
        if self._cancelled_early.pop(chat.uid, False) is None:  # the client left while it was being admitted
            self._emit(chat.uid, "", final=True)
            return
        if len(self._waiting) + len(self._unresolved) >= self.settings.serving.max_waiting_requests:
            raise ApiError(503, "server overloaded: too many waiting requests, retry later", type=ErrorType.SERVER, code=Code.OVERLOADED)
        if (tenant is not None and not self.catalog.listed(tenant) and not self.availability.forgotten(tenant)
                and not self.catalog.fresh()):
            chat.need_seq = self.catalog.watcher.poke()  # maybe registered since the last poll: ask the registry
            self._unresolved.append(chat)
            return
        self._prepare(chat)

    def _prepare(self, chat: Chat) -> None:
        """Decide adapter vs base and queue for the engine (the prompt was tokenized at admission). A tenant without
        a champion whose newest version was rejected goes to the engine too: its memory is served in the prompt."""
        tenant = chat.job.tenant
        version = None
        if tenant is not None:
            version = self.catalog.champion(tenant)
            if version is None and self.catalog.rejected_version(tenant) is None:
                if not self.catalog.is_known(tenant):
                    raise ApiError(404, f"The model {tenant!r} does not exist", param="model", code=Code.MODEL_NOT_FOUND)
                if self.settings.serving.missing_adapter == "404":
                    why = "was forgotten" if self.availability.forgotten(tenant) else "has no champion adapter"
                    raise ApiError(404, f"tenant {tenant!r} {why}", param="model", code=Code.MODEL_NOT_FOUND)
                tenant = None
        self.admission.prepare(chat, tenant, version)
        self._waiting.append(chat)

    def _admit(self) -> None:
        for chat in [c for c in self._unresolved if self.catalog.seq_applied >= c.need_seq]:
            self._unresolved.remove(chat)
            try:
                if self.catalog.error and not self.catalog.is_known(chat.job.tenant):
                    raise ApiError(503, f"the adapter registry is unreachable: {self.catalog.error}", type=ErrorType.SERVER,
                                   code=Code.REGISTRY_UNAVAILABLE)
                self._prepare(chat)
            except ApiError as e:
                self._reply_error(chat.uid, e)
        while self._waiting and len(self._running) < self.settings.serving.max_batch_size:
            chat = self._waiting.popleft()
            try:
                self.engine.add(chat.gen)
            except Exception as e:
                self._reply_error(chat.uid, ApiError(400, f"request rejected by the engine: {e}", code=Code.INVALID_REQUEST))
                continue
            chat.queued_seconds = time.monotonic() - chat.arrived
            self._running[chat.uid] = chat

    # ---------------------------------------------------------------- engine outputs
    def _on_output(self, r) -> None:
        chat = self._running.get(r.id)
        if chat is None:
            return
        if r.error or r.finish_reason in (Finish.ERROR, Finish.CANCELLED):
            self._fail(r.id, _engine_error(chat.job.tenant, r))
            return
        if not chat.started:  # which adapter really serves it is known now (the engine may fall back to the base)
            chat.started = True
            adapter = None if r.base_fallback else chat.version
            chat.residual_tokens = r.residual_tokens
            chat.prompt_tokens = r.prompt_tokens or chat.prompt_tokens  # what the model attends to, the residual included
            chat.stream = shaped(chat.stream, r.enforce, _question(chat.job.request))
            enforced = list(chat.stream.kinds) if r.enforce is not None else []
            self._emit(r.id, event(META, tenant=chat.job.tenant, adapter=adapter, residual_tokens=r.residual_tokens, enforced=enforced,
                                   residual_added=r.residual_added))
            if enforced and (opening := chat.stream.start()):
                self._emit(r.id, event(TEXT, text=opening))
        if r.token_id is not None:
            chat.completion_tokens += 1
            text = chat.stream.push(int(r.token_id))
            if text:
                self._emit(r.id, event(TEXT, text=text))
            if chat.stream.stopped and not r.finished:
                self._cancel_engine(r.id)
                self._finish_chat(r.id, Finish.STOP)
                return
        if r.finished:
            self._finish_chat(r.id, Finish.STOP if chat.stream.stopped else (r.finish_reason or Finish.STOP))

    def _finish_chat(self, uid: str, reason: str) -> None:
        chat = self._running.pop(uid)
        tail = chat.stream.flush()
        if tail:
            self._emit(uid, event(TEXT, text=tail))
        reason = Finish(reason) if reason in (Finish.STOP, Finish.LENGTH) else Finish.STOP
        usage = {"prompt_tokens": chat.prompt_tokens, "completion_tokens": chat.completion_tokens,
                 "total_tokens": chat.prompt_tokens + chat.completion_tokens}
        c = self._counters
        c.prompt_tokens += chat.prompt_tokens
        c.completion_tokens += chat.completion_tokens
        c.residual_tokens += chat.residual_tokens
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


def _question(request) -> str:
    """The chat's last user message: a question asking for a fact is answered with its statement (serving/enforce.py)."""
    users = [m for m in getattr(request, "messages", None) or [] if m.role == "user"]
    return users[-1].text() if users else ""
