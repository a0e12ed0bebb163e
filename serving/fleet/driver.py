"""Runs the single server's worker (`serving.worker.Worker`) inside a Ray Serve replica, without LitServe.

Why drive the `Worker` instead of writing a replica engine: admission, tokenization, registry polling,
forget/reload semantics and the sampler are the ones `memlora serve` runs, so a fleet replica answers
token for token what the single server answers. LitServe's loop (request queue, response buffer,
`ContinuousBatchingLoop`) is replaced by one thread that calls `step` and hands each output to the
asyncio queue of the request it belongs to.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator

from litserve.utils import LitAPIStatus

from memlora.serving.codes import Code, ErrorType
from memlora.serving.loop import IDLE_SLEEP
from memlora.serving.protocol import ERROR, RESULT, ApiError, Command
from memlora.serving.worker import Worker

log = logging.getLogger(__name__)
_END = object()


class EngineDriver:
    """One `Worker` and the thread that steps it; `submit` is safe from any asyncio loop."""

    def __init__(self, worker: Worker):
        self.worker = worker
        self._queues: dict[str, tuple[asyncio.AbstractEventLoop, asyncio.Queue]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memlora-fleet-step", daemon=True)

    def start(self) -> "EngineDriver":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def submit(self, payload) -> tuple[str, AsyncIterator[dict]]:
        """Queue a chat job or command; its events (the same dicts the LitServe worker emits) come back in order."""
        uid = str(uuid.uuid4())
        q: asyncio.Queue = asyncio.Queue()
        with self._lock:
            self._queues[uid] = (asyncio.get_running_loop(), q)
        self.worker.add(uid, payload)
        return uid, self._events(uid, q)

    async def _events(self, uid: str, q: asyncio.Queue) -> AsyncIterator[dict]:
        try:
            while True:
                item = await q.get()
                if item is _END:
                    return
                yield item
        finally:
            with self._lock:
                self._queues.pop(uid, None)

    def cancel(self, uid: str) -> None:
        self.worker.add(f"cancel-{uid}", Command(op="cancel", target=uid))

    async def command(self, cmd: Command, timeout: float) -> dict:
        """A command's one result, or its error raised as `ApiError`."""
        _, events = self.submit(cmd)

        async def first() -> dict:
            async for ev in events:
                if ev["kind"] == RESULT:
                    return ev["result"]
                if ev["kind"] == ERROR:
                    raise ApiError.from_dict(ev)
            raise ApiError(500, f"the replica ended '{cmd.op}' without an answer", type=ErrorType.SERVER)

        try:
            return await asyncio.wait_for(first(), timeout)
        except asyncio.TimeoutError:
            raise ApiError(504, f"the replica did not answer '{cmd.op}' within {timeout:.0f} s", type=ErrorType.SERVER,
                           code=Code.TIMEOUT) from None

    def _run(self) -> None:
        while not self._stop.is_set():
            if not self.worker.active():
                time.sleep(IDLE_SLEEP)
                continue
            try:
                outs = self.worker.step()
            except Exception:  # noqa: BLE001 - the worker answers per request; this is a bug in the loop itself
                log.exception("replica step failed")
                outs = []
            for o in outs:
                self._deliver(o.uid, o.output, o.status)
            if not outs:  # waiting for an adapter load only: do not spin
                time.sleep(IDLE_SLEEP)

    def _deliver(self, uid: str, output, status) -> None:
        with self._lock:
            target = self._queues.get(uid)
        if target is None:  # a cancel's own answer, or a client that left
            return
        loop, q = target
        item = _END if status == LitAPIStatus.FINISH_STREAMING else output
        if item == "":
            return
        try:
            loop.call_soon_threadsafe(q.put_nowait, item)
        except RuntimeError:  # that request's loop is closed: nobody is listening
            with self._lock:
                self._queues.pop(uid, None)
