"""One fleet replica: the single server's worker as a Ray Serve deployment, with tenant multiplexing.

Each replica owns a whole engine (its own slots and host cache, sized by `serving.*` exactly as one
`memlora serve`). `serve.multiplexed` only tells Ray's router which tenants a replica has served
lately, so the next request for a tenant goes where its adapter already sits; the engine keeps its
own eviction (slots, host cache), which is what actually holds memory.
"""
from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator

from ray import serve

from memlora.runtime.base import load_base
from memlora.serving.protocol import DONE, ERROR, TEXT, ApiError, ChatJob, Command
from memlora.serving.worker import Worker
from memlora.settings import Settings

from .driver import EngineDriver
from .forgotten import refuse_forgotten

log = logging.getLogger(__name__)


def start_worker(settings: Settings) -> Worker:
    """The single server's worker, with the tenants an admin forgot already refused (forgotten.py) before it
    takes a request: a replica Ray restarts must not serve, even once, a tenant its siblings refuse."""
    worker = Worker(settings, load_base(settings))
    catalog = worker.catalog
    gone = refuse_forgotten(settings, worker.availability, {*catalog.snapshot, *catalog.known, *catalog.declared})
    if gone:
        log.warning("replica starts with %d tenant(s) forgotten by an admin", len(gone))
    return worker


@serve.deployment
class Replica:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.driver = EngineDriver(start_worker(settings)).start()
        self.replica_id = serve.get_replica_context().replica_id.unique_id
        self.pid = os.getpid()

        async def hold(tenant: str) -> str:
            return tenant

        self._hold = serve.multiplexed(max_num_models_per_replica=settings.fleet.tenants_per_replica)(hold)

    async def _held(self) -> None:
        tenant = serve.get_multiplexed_model_id()
        if tenant:
            await self._hold(tenant)

    async def generate(self, job: ChatJob) -> AsyncIterator[dict]:
        """The request's events; a client that leaves (Ray cancels this generator) stops its generation."""
        await self._held()
        uid, events = self.driver.submit(job)
        finished = False
        try:
            async for ev in events:
                finished = ev["kind"] in (DONE, ERROR)
                yield ev if ev["kind"] == TEXT else {**ev, "replica": self.replica_id}
        finally:
            if not finished:
                self.driver.cancel(uid)

    async def command(self, cmd: Command) -> dict:
        """One command's answer, tagged with this replica; an error is returned (not raised) so a broadcast
        can tell a replica that refused from one that never answered."""
        if cmd.tenant and cmd.op == "prefetch":
            await self._held()
        try:
            result = await self.driver.command(cmd, self.settings.fleet.ack_timeout_seconds)
        except ApiError as e:
            return {"replica": self.replica_id, "pid": self.pid, "error": e.to_dict()}
        return {"replica": self.replica_id, "pid": self.pid, "result": result}
